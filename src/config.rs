//! Configuration: flags, then environment (both through clap), then an optional TOML file,
//! then built-in defaults.

use crate::cli::{Cli, LogFormat, ServeArgs};
use anyhow::Context;
use serde::Deserialize;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::time::Duration;

/// Default store directory.
pub const DEFAULT_STORE: &str = "./twingraph-data";
/// Default config file looked up in the working directory.
pub const DEFAULT_CONFIG: &str = "twingraph.toml";
/// Ontology folder served at `/def/` when it exists and none is configured.
pub const DEFAULT_ONTOLOGY_DIR: &str = "ontology";
/// Named-query folder served at `/api/queries` when it exists and none is configured.
pub const DEFAULT_QUERIES_DIR: &str = "queries";

/// The TOML configuration file. Every key is optional.
///
/// ```toml
/// store = "/var/lib/twingraph"
/// log = "info"
/// log_format = "json"
/// [server]
/// bind = "0.0.0.0:7878"
/// query_timeout = 30
/// max_body = 67108864
/// max_rows = 100000
/// read_only = false
/// cors = true
/// union_default_graph = false
/// ontology_dir = "ontology"
/// queries_dir = "queries"
/// shapes = ["shapes/core.ttl"]
/// validate_uploads = true
/// rules = ["ontology/rules/rdfs.srl"]
/// [load]
/// licence = "ogl-3"
/// access = "open"
/// shapes = ["shapes/core.ttl", "shapes/building.ttl"]
/// ```
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FileConfig {
    /// Store directory.
    pub store: Option<PathBuf>,
    /// Log filter.
    pub log: Option<String>,
    /// Log format.
    pub log_format: Option<LogFormat>,
    /// Server settings.
    #[serde(default)]
    pub server: ServerFileConfig,
    /// Defaults of `load`.
    #[serde(default)]
    pub load: LoadFileConfig,
}

/// The `[load]` table of the configuration file: defaults for `twingraph load`.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LoadFileConfig {
    /// Licence IRI or short name recorded on loaded graphs.
    pub licence: Option<String>,
    /// Access level recorded on loaded graphs (open, restricted, closed).
    pub access: Option<String>,
    /// SHACL shapes files every load is validated against.
    #[serde(default)]
    pub shapes: Vec<PathBuf>,
}

/// The `[server]` table of the configuration file.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ServerFileConfig {
    /// Listen address.
    pub bind: Option<SocketAddr>,
    /// Query time limit in seconds (0 = none).
    pub query_timeout: Option<f64>,
    /// Largest request body in bytes.
    pub max_body: Option<usize>,
    /// Most result rows.
    pub max_rows: Option<u64>,
    /// Refuse writes.
    pub read_only: Option<bool>,
    /// Permissive CORS.
    pub cors: Option<bool>,
    /// Union of named graphs as default graph.
    pub union_default_graph: Option<bool>,
    /// Ontology folder served at `/def/`.
    pub ontology_dir: Option<PathBuf>,
    /// Named-query folder served at `/api/queries`.
    pub queries_dir: Option<PathBuf>,
    /// SHACL shapes files enabling `/validate`.
    #[serde(default)]
    pub shapes: Vec<PathBuf>,
    /// Validate Graph Store writes against the shapes (quarantine on violations).
    pub validate_uploads: Option<bool>,
    /// Rule sets kept materialised by the server.
    #[serde(default)]
    pub rules: Vec<PathBuf>,
}

impl FileConfig {
    /// Reads the file named by `--config`/`TWINGRAPH_CONFIG`, else `./twingraph.toml` if present.
    pub fn load(cli: &Cli) -> anyhow::Result<Self> {
        let path = match &cli.config {
            Some(p) => p.clone(),
            None if Path::new(DEFAULT_CONFIG).exists() => PathBuf::from(DEFAULT_CONFIG),
            None => return Ok(Self::default()),
        };
        let text = std::fs::read_to_string(&path)
            .with_context(|| format!("cannot read config file {}", path.display()))?;
        toml::from_str(&text).with_context(|| format!("invalid config file {}", path.display()))
    }

    /// The store directory: flag/env, then file, then the default.
    pub fn store_dir(&self, cli: &Cli) -> PathBuf {
        cli.store
            .clone()
            .or_else(|| self.store.clone())
            .unwrap_or_else(|| PathBuf::from(DEFAULT_STORE))
    }

    /// Whether a store directory was given explicitly (flag, env or file).
    pub fn store_given(&self, cli: &Cli) -> bool {
        cli.store.is_some() || self.store.is_some()
    }

    /// Server settings resolved from flags/env, file and defaults.
    pub fn server_config(&self, args: &ServeArgs) -> twingraph_server::ServerConfig {
        let defaults = twingraph_server::ServerConfig::default();
        let f = &self.server;
        let timeout = args.query_timeout.or(f.query_timeout);
        twingraph_server::ServerConfig {
            bind: args.bind.or(f.bind).unwrap_or(defaults.bind),
            query_timeout: match timeout {
                Some(t) if t > 0.0 => Some(Duration::from_secs_f64(t)),
                Some(_) => None,
                None => defaults.query_timeout,
            },
            max_body_bytes: args
                .max_body
                .or(f.max_body)
                .unwrap_or(defaults.max_body_bytes),
            max_result_rows: args.max_rows.or(f.max_rows).or(defaults.max_result_rows),
            read_only: args.read_only || f.read_only.unwrap_or(defaults.read_only),
            cors: args.cors || f.cors.unwrap_or(defaults.cors),
            union_default_graph: args.dataset.union_default_graph
                || f.union_default_graph
                    .unwrap_or(defaults.union_default_graph),
            ontology_dir: args
                .ontology_dir
                .clone()
                .or_else(|| f.ontology_dir.clone())
                .or_else(|| {
                    let default = PathBuf::from(DEFAULT_ONTOLOGY_DIR);
                    default.is_dir().then_some(default)
                }),
            queries_dir: args
                .queries_dir
                .clone()
                .or_else(|| f.queries_dir.clone())
                .or_else(|| {
                    let default = PathBuf::from(DEFAULT_QUERIES_DIR);
                    default.is_dir().then_some(default)
                }),
            shapes: if args.shapes.is_empty() {
                f.shapes.clone()
            } else {
                args.shapes.clone()
            },
            validate_uploads: args.validate_uploads
                || f.validate_uploads.unwrap_or(defaults.validate_uploads),
            rules: if args.rules.is_empty() {
                f.rules.clone()
            } else {
                args.rules.clone()
            },
        }
    }
}
