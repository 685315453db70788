//! Typed errors of the crate.

use std::path::PathBuf;

/// An error loading the ontology, reading a checked file, writing documentation or minting an IRI.
#[derive(Debug, thiserror::Error)]
pub enum VocabError {
    /// A file or folder could not be read or written.
    #[error("{}: {source}", path.display())]
    Io {
        /// The file or folder.
        path: PathBuf,
        /// The operating system's error.
        source: std::io::Error,
    },
    /// A file is not valid Turtle; `line` and `column` are 1-based (0 when unknown).
    #[error("{}:{line}:{column}: {message}", path.display())]
    Syntax {
        /// The file.
        path: PathBuf,
        /// Line of the error (1-based).
        line: u64,
        /// Column of the error (1-based).
        column: u64,
        /// The parser's message.
        message: String,
    },
    /// The ontology folder holds no `.ttl` file.
    #[error("{}: no .ttl files found", path.display())]
    Empty {
        /// The folder.
        path: PathBuf,
    },
    /// An instance base, kind or key given to the minting functions is unusable.
    #[error("cannot mint an IRI: {0}")]
    Mint(String),
}
