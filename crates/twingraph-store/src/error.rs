//! Typed errors of the store crate.

use oxigraph::io::RdfSyntaxError;
use std::path::PathBuf;

/// An error raised while opening, querying or updating the store.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The underlying oxigraph storage failed (I/O, corruption, lock held by another process…).
    #[error("storage error: {0}")]
    Storage(#[from] oxigraph::store::StorageError),
    /// The SPARQL query or update text is not valid SPARQL.
    #[error("SPARQL syntax error: {0}")]
    Syntax(#[from] oxigraph::sparql::SparqlSyntaxError),
    /// The query failed during evaluation.
    #[error("query evaluation error: {0}")]
    Evaluation(#[from] oxigraph::sparql::QueryEvaluationError),
    /// The update failed during evaluation.
    #[error("update evaluation error: {0}")]
    UpdateEvaluation(#[from] oxigraph::sparql::UpdateEvaluationError),
    /// The query was cancelled, usually because it ran past its time limit.
    #[error("query cancelled (time limit reached)")]
    Cancelled,
    /// An IRI given by the caller is not valid.
    #[error("invalid IRI <{iri}>: {message}")]
    InvalidIri {
        /// The rejected IRI.
        iri: String,
        /// Why it was rejected.
        message: String,
    },
    /// The requested result or RDF format cannot serialise this kind of query result.
    #[error("{0}")]
    UnsupportedFormat(String),
    /// Writing results or a dump failed.
    #[error("I/O error: {0}")]
    Io(#[from] std::io::Error),
    /// A load failed.
    #[error(transparent)]
    Load(#[from] LoadError),
}

/// An error raised by a load; the store is left unchanged when it happens.
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    /// The source file could not be opened or read.
    #[error("cannot read {path}: {source}")]
    Read {
        /// The file that failed.
        path: PathBuf,
        /// The I/O error.
        source: std::io::Error,
    },
    /// The RDF format could not be guessed from the file name.
    #[error(
        "cannot tell the RDF format of {0}: use a known extension (.nt .nq .ttl .trig .rdf .owl .jsonld .n3) or give the format explicitly"
    )]
    UnknownFormat(String),
    /// The input is not valid in its RDF syntax; nothing was loaded.
    #[error("{source_name}:{}: {message} (nothing was loaded)", position.map_or_else(|| "?".to_owned(), |(l, c)| format!("{l}:{c}")))]
    Syntax {
        /// File name or other description of the input.
        source_name: String,
        /// 1-based line and column of the error, when the parser reports them (RDF/XML does not).
        position: Option<(u64, u64)>,
        /// The parser's message.
        message: String,
    },
    /// An IRI given by the caller (graph or base IRI) is not valid.
    #[error("invalid IRI <{iri}>: {message}")]
    InvalidIri {
        /// The rejected IRI.
        iri: String,
        /// Why it was rejected.
        message: String,
    },
    /// The storage failed; the load was rolled back.
    #[error("storage error during load (nothing was loaded): {0}")]
    Storage(#[from] oxigraph::store::StorageError),
}

impl LoadError {
    /// Builds a [`LoadError::Syntax`] from a parser error, converting positions to 1-based.
    pub(crate) fn from_syntax(source_name: &str, error: &RdfSyntaxError) -> Self {
        Self::Syntax {
            source_name: source_name.to_owned(),
            position: error
                .location()
                .map(|l| (l.start.line + 1, l.start.column + 1)),
            message: error.to_string(),
        }
    }
}
