#![doc = include_str!("../README.md")]
#![deny(missing_docs)]

mod constraints;
mod path;
mod report;
mod shapes;
mod sparql;
mod targets;
mod util;
mod validator;
mod vocab;

pub use path::Path;
pub use report::{ValidationReport, ValidationResult};
pub use shapes::Shapes;
pub use sparql::SHAPES_GRAPH;
pub use validator::{try_validate, validate};

/// Errors raised while reading a shapes graph, and validation failures.
#[derive(Debug, thiserror::Error)]
pub enum ShaclError {
    /// A property path is malformed.
    #[error("invalid property path at {0}")]
    InvalidPath(String),
    /// An RDF list is malformed.
    #[error("invalid RDF list at {0}")]
    InvalidList(String),
    /// A constraint parameter has an unusable value.
    #[error("invalid value for {parameter} on shape {shape}: {reason}")]
    InvalidParameter {
        /// The shape declaring the parameter.
        shape: String,
        /// The parameter IRI.
        parameter: String,
        /// What is wrong.
        reason: String,
    },
    /// A SHACL-SPARQL query is malformed or cannot be evaluated.
    #[error("SPARQL query at {node}: {message}")]
    Sparql {
        /// The node declaring the query (constraint, validator or target).
        node: String,
        /// The parser's or evaluator's message.
        message: String,
    },
    /// A SHACL-SPARQL query breaks the pre-binding rules (SHACL Appendix A: no `MINUS`,
    /// `VALUES`, `SERVICE`, no `AS` re-binding a pre-bound variable, nested `SELECT`s
    /// project the pre-bound variables).
    #[error("SPARQL query at {node} cannot be used with pre-binding: {reason}")]
    PreBinding {
        /// The node declaring the query.
        node: String,
        /// The offending construct.
        reason: String,
    },
    /// A validation failure reported by a query (`?failure` is true).
    #[error("validation failure at {node}: {reason}")]
    Failure {
        /// The node declaring the query.
        node: String,
        /// What happened.
        reason: String,
    },
    /// The in-memory SPARQL store could not be built.
    #[error("cannot build the SPARQL store: {0}")]
    Store(String),
}
