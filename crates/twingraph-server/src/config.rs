//! Server settings.

use std::net::{Ipv4Addr, SocketAddr};
use std::path::PathBuf;
use std::time::Duration;

/// Settings of the HTTP server.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ServerConfig {
    /// Address to listen on (default `127.0.0.1:7878`).
    pub bind: SocketAddr,
    /// Time limit of a query or update; evaluation is cancelled when it passes and the client
    /// gets `503 Service Unavailable`. `None` means no limit. Default: 60 s.
    pub query_timeout: Option<Duration>,
    /// Largest accepted request body, in bytes; larger bodies get `413`. Default: 64 MiB.
    pub max_body_bytes: usize,
    /// Largest number of solutions or triples returned by a query; longer results are cut and
    /// marked with the `X-TwinGraph-Results-Truncated` header. Default: no limit.
    pub max_result_rows: Option<u64>,
    /// Refuse SPARQL updates and Graph Store writes with `403 Forbidden`.
    pub read_only: bool,
    /// Answer CORS requests permissively (any origin, method and header).
    pub cors: bool,
    /// Use the union of all named graphs as the default graph of queries that specify no dataset.
    pub union_default_graph: bool,
    /// The ontology folder served at `/def/` (HTML reference and RDF by content negotiation);
    /// loaded once when the router is built. `None` (the default): `/def/` answers `404`.
    pub ontology_dir: Option<PathBuf>,
    /// The named use-case queries (`*.rq` files with a header) served at `/api/queries`,
    /// read once when the router is built; files that do not load are logged and skipped.
    /// `None` (the default): the API lists no queries.
    pub queries_dir: Option<PathBuf>,
    /// SHACL shapes files, read once at start: they enable `/validate` (stored graphs or a
    /// posted document) and, with [`ServerConfig::validate_uploads`], the upload gate.
    pub shapes: Vec<PathBuf>,
    /// Validate Graph Store writes against [`ServerConfig::shapes`]: a write with violations
    /// goes to the quarantine graph (`urn:twingraph:quarantine:<graph>`) instead of the live
    /// one and is answered `422` with the report.
    pub validate_uploads: bool,
    /// Rule sets (`.srl`) kept materialised: the live graphs are inferred over at start into
    /// `urn:twingraph:inferred:<rule file names>`, maintained incrementally after every write,
    /// and `/explain` answers how a triple was derived. Empty: no inference.
    pub rules: Vec<PathBuf>,
}

impl Default for ServerConfig {
    fn default() -> Self {
        Self {
            bind: SocketAddr::from((Ipv4Addr::LOCALHOST, 7878)),
            query_timeout: Some(Duration::from_secs(60)),
            max_body_bytes: 64 * 1024 * 1024,
            max_result_rows: None,
            read_only: false,
            cors: false,
            union_default_graph: false,
            ontology_dir: None,
            queries_dir: None,
            shapes: Vec::new(),
            validate_uploads: false,
            rules: Vec::new(),
        }
    }
}
