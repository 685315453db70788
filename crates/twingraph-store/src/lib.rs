#![doc = include_str!("../README.md")]
#![deny(missing_docs)]

mod derived;
mod error;
mod load;
mod mapped;
mod parallel;
mod provenance;
mod query;
mod results;
mod store;

pub use error::{LoadError, StoreError};
pub use load::{
    INFERRED_PREFIX, QUARANTINE_PREFIX, REPORT_PREFIX, format_from_path, inferred_graph,
    is_live_graph, quarantine_graph,
};
pub use load::{LoadOptions, LoadReport, SourceDescription};
pub use mapped::{MappedGraph, MappedSource};
pub use provenance::{
    DEFAULT_GRAPH_IRI, GraphInfo, LoadRecord, LoadSummary, META_GRAPH, access_level,
};
pub use query::{QueryOptions, UpdateOptions, sparql_evaluator};
pub use results::{ResultFormat, WriteSummary, default_format, write_results};
pub use store::{StoreStats, TwinStore};

/// Re-export of the oxigraph crate this store is built on, so that callers use the same version.
pub use oxigraph;
