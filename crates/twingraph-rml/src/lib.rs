//! TwinGraph's RML engine.
//!
//! Reads [RML](https://w3id.org/rml/core/spec) mappings (the RML-Core vocabulary
//! `http://w3id.org/rml/`, and the legacy `http://semweb.mmlab.be/ns/rml#` vocabulary with
//! R2RML term maps) into a typed [`Mapping`] and executes them over CSV, JSON (JSONPath) and
//! XML (XPath subset) sources, producing deduplicated [`oxrdf::Quad`]s.
//!
//! ```no_run
//! use twingraph_rml::{ExecuteOptions, Mapping, SourceResolver, execute};
//! let path = std::path::Path::new("mapping.ttl");
//! let mapping = Mapping::from_path(path)?;
//! let resolver = SourceResolver::for_mapping_file(path).with_source("stops.csv", "/data/Stops.csv");
//! let options = ExecuteOptions { base_iri: Some("http://example.com/".into()), ..Default::default() };
//! let stats = execute(&mapping, &resolver, &options, |quad| {
//!     println!("{quad} .");
//!     Ok::<_, std::io::Error>(())
//! })?;
//! eprintln!("{} quads from {} records", stats.quads, stats.records);
//! # Ok::<_, twingraph_rml::RmlError>(())
//! ```
#![deny(missing_docs)]

mod error;
mod exec;
pub mod functions;
mod hash;
mod jsonpath;
mod mapping;
mod template;
mod xpath;

pub use error::RmlError;
pub use exec::{ExecuteOptions, SourceResolver, Stats, execute, execute_to_nquads, execute_to_vec};
pub use mapping::{
    FunctionCall, JoinCondition, LogicalSource, Mapping, ObjectMap, PathRoot, PredicateObjectMap,
    RML, RefObjectMap, Reference, ReferenceFormulation, Segment, Source, SubjectMap, TermMap,
    TermMapValue, TermType, TriplesMap,
};
