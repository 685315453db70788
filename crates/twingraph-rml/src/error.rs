//! Error type of the RML engine.

use std::path::PathBuf;

/// Everything that can go wrong while reading a mapping or executing it.
#[derive(Debug, thiserror::Error)]
pub enum RmlError {
    /// A file (mapping or source) could not be read.
    #[error("cannot read {path}: {source}")]
    Io {
        /// The file.
        path: PathBuf,
        /// The I/O error.
        #[source]
        source: std::io::Error,
    },
    /// The mapping document is not valid Turtle.
    #[error("mapping syntax error: {0}")]
    Syntax(String),
    /// The mapping is syntactically valid RDF but not a valid RML mapping.
    #[error("invalid mapping: {term}: {message}")]
    InvalidMapping {
        /// The mapping term (node) at fault, e.g. `<http://example.com/TriplesMap1>`.
        term: String,
        /// What is wrong with it.
        message: String,
    },
    /// An expression (JSONPath, XPath, template) cannot be parsed.
    #[error("invalid expression {expression:?}: {message}")]
    Expression {
        /// The expression.
        expression: String,
        /// What is wrong with it.
        message: String,
    },
    /// A logical source could not be read or parsed (the message includes the position when known).
    #[error("source {source_name}: {message}")]
    Source {
        /// The source file or name.
        source_name: String,
        /// What is wrong, with line and column when known.
        message: String,
    },
    /// A data error while generating terms (invalid IRI, language tag, non-scalar value…).
    #[error("triples map {triples_map}: {message}")]
    Data {
        /// The triples map being executed.
        triples_map: String,
        /// What went wrong, with the record position when known.
        message: String,
    },
    /// The sink refused a quad.
    #[error("output error: {0}")]
    Sink(Box<dyn std::error::Error + Send + Sync>),
}

impl RmlError {
    pub(crate) fn invalid(term: impl std::fmt::Display, message: impl Into<String>) -> Self {
        Self::InvalidMapping {
            term: term.to_string(),
            message: message.into(),
        }
    }

    pub(crate) fn expr(expression: &str, message: impl Into<String>) -> Self {
        Self::Expression {
            expression: expression.to_owned(),
            message: message.into(),
        }
    }

    pub(crate) fn source(name: impl std::fmt::Display, message: impl Into<String>) -> Self {
        Self::Source {
            source_name: name.to_string(),
            message: message.into(),
        }
    }
}
