#![doc = include_str!("../README.md")]
#![deny(missing_docs)]

pub mod check;
pub mod docs;
mod error;
pub mod mint;
pub mod ns;
pub mod ontology;

pub use check::{CheckReport, Finding, FindingKind};
pub use docs::{DocPage, Docs};
pub use error::VocabError;
pub use mint::{IdKind, graph_iri, mint, mint_id};
pub use ontology::{Ontology, OntologyFile};
