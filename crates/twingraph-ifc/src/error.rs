//! The error type of the reader and the mapping.

use std::fmt;

/// Where in the file an error was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Position {
    /// 1-based line.
    pub line: u32,
    /// 1-based column (bytes).
    pub column: u32,
    /// The entity instance (`#n`) being read, when there is one.
    pub entity: Option<u64>,
}

impl fmt::Display for Position {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "line {}, column {}", self.line, self.column)?;
        if let Some(e) = self.entity {
            write!(f, " (entity #{e})")?;
        }
        Ok(())
    }
}

/// Everything that can go wrong when reading or mapping an IFC file.
///
/// Every variant found in the file carries its [`Position`]; no output is produced when
/// any error is returned.
#[derive(Debug, thiserror::Error)]
pub enum IfcError {
    /// Reading the input failed.
    #[error("I/O error: {0}")]
    Io(#[from] std::io::Error),
    /// The file ends before `ENDSEC;` or `END-ISO-10303-21;`.
    #[error("{at}: truncated file, expected {expected} before the end of the input")]
    Truncated {
        /// The last position read.
        at: Position,
        /// What was missing.
        expected: &'static str,
    },
    /// A syntax error in a record.
    #[error("{at}: {message}")]
    Syntax {
        /// Where.
        at: Position,
        /// What is wrong.
        message: String,
    },
    /// A string escape (`\X\`, `\X2\`, `\X4\`, `\S\`, `\P?\`) that is malformed.
    #[error("{at}: bad string escape: {message}")]
    BadEscape {
        /// Where.
        at: Position,
        /// What is wrong.
        message: String,
    },
    /// Bytes that are not valid UTF-8 (ISO 10303-21 files are ASCII with escapes; raw UTF-8
    /// is accepted, other encodings are not).
    #[error("{at}: invalid encoding: {message}")]
    Encoding {
        /// Where.
        at: Position,
        /// What is wrong.
        message: String,
    },
    /// `FILE_SCHEMA` names a schema this reader does not know.
    #[error("{at}: unknown schema {schema:?} (expected IFC2X3, IFC4 or IFC4X3)")]
    UnknownSchema {
        /// Where (the `FILE_SCHEMA` record).
        at: Position,
        /// The schema name as written.
        schema: String,
    },
    /// The header section is incomplete (no `FILE_SCHEMA`).
    #[error("{at}: {message}")]
    Header {
        /// Where.
        at: Position,
        /// What is missing.
        message: String,
    },
    /// Two instances with the same number.
    #[error("{at}: duplicate entity instance #{id}")]
    DuplicateEntity {
        /// Where the second one is.
        at: Position,
        /// The instance number.
        id: u64,
    },
    /// A reference to an instance that the file does not define.
    #[error("{at}: dangling reference #{target}")]
    DanglingReference {
        /// The referring instance.
        at: Position,
        /// The missing instance.
        target: u64,
    },
    /// A bad import option (base IRI, UPRN, project slug).
    #[error("invalid option: {0}")]
    Options(String),
}

impl IfcError {
    /// The position in the file, for errors found in the file.
    pub fn position(&self) -> Option<Position> {
        match self {
            Self::Truncated { at, .. }
            | Self::Syntax { at, .. }
            | Self::BadEscape { at, .. }
            | Self::Encoding { at, .. }
            | Self::UnknownSchema { at, .. }
            | Self::Header { at, .. }
            | Self::DuplicateEntity { at, .. }
            | Self::DanglingReference { at, .. } => Some(*at),
            Self::Io(_) | Self::Options(_) => None,
        }
    }
}
