#![doc = include_str!("../README.md")]
#![deny(missing_docs)]

mod constraints;
mod path;
mod report;
mod shapes;
mod targets;
mod util;
mod validator;
mod vocab;

pub use path::Path;
pub use report::{ValidationReport, ValidationResult};
pub use shapes::Shapes;
pub use validator::validate;

/// Errors raised while reading a shapes graph.
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
}
