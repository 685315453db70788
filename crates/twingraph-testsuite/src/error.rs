//! Typed errors of the test-suite runner.

use std::path::PathBuf;

/// An error that prevents reading a manifest or running a test (as opposed to a test failure).
#[derive(Debug, thiserror::Error)]
pub enum TestsuiteError {
    /// A file of the suite could not be read.
    #[error("cannot read {path}: {source}")]
    Read {
        /// The file.
        path: PathBuf,
        /// The I/O error.
        source: std::io::Error,
    },
    /// A file could not be written (report or expected list).
    #[error("cannot write {path}: {source}")]
    Write {
        /// The file.
        path: PathBuf,
        /// The I/O error.
        source: std::io::Error,
    },
    /// An IRI used by a manifest does not map to a local file.
    #[error("no local copy of <{0}>: the IRI is outside the mapped test folders")]
    Unmapped(String),
    /// An RDF file of the suite (manifest, data, expected graph) is not valid.
    #[error("invalid RDF in <{iri}>: {message}")]
    Rdf {
        /// The file's IRI.
        iri: String,
        /// The parser's message.
        message: String,
    },
    /// A SPARQL results file is not valid.
    #[error("invalid SPARQL results in <{iri}>: {message}")]
    Results {
        /// The file's IRI.
        iri: String,
        /// The parser's message.
        message: String,
    },
    /// A manifest does not describe a test the way the vocabulary requires.
    #[error("malformed manifest entry <{test}>: {message}")]
    Manifest {
        /// The test (or manifest) IRI.
        test: String,
        /// What is wrong.
        message: String,
    },
    /// The store under test failed outside of query evaluation (e.g. loading test data).
    #[error(transparent)]
    Store(#[from] twingraph_store::StoreError),
    /// Loading test data into the store under test failed.
    #[error(transparent)]
    Load(#[from] twingraph_store::LoadError),
}
