//! The command-line contract of `twingraph` (clap definitions only).
//!
//! This is a promise to users and scripts: extend it, never break it.

use clap::{Args, Parser, Subcommand};
use std::net::SocketAddr;
use std::path::PathBuf;

/// TwinGraph: a knowledge-graph engine for city digital twins.
///
/// Exit codes: 0 success, 1 the data failed a check, 2 bad input or usage.
#[derive(Debug, Parser)]
#[command(name = "twingraph", version, about, long_about = None)]
pub struct Cli {
    /// Store directory (default ./twingraph-data; `demo` uses a temporary store unless given).
    #[arg(long, global = true, env = "TWINGRAPH_STORE", value_name = "DIR")]
    pub store: Option<PathBuf>,
    /// TOML configuration file (default ./twingraph.toml when it exists).
    #[arg(long, global = true, env = "TWINGRAPH_CONFIG", value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// Log filter, e.g. `info`, `debug`, `twingraph_store=debug` (RUST_LOG also works).
    #[arg(long, global = true, env = "TWINGRAPH_LOG", value_name = "FILTER")]
    pub log: Option<String>,
    /// Log line format.
    #[arg(long, global = true, value_enum, env = "TWINGRAPH_LOG_FORMAT")]
    pub log_format: Option<LogFormat>,
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// Log line format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum LogFormat {
    /// Human-readable lines.
    Text,
    /// One JSON object per line.
    Json,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Load RDF files, each into its own named graph, in one atomic commit.
    Load(LoadArgs),
    /// Import source data through an adapter (IFC building models, CIM grid models), atomically.
    Import(ImportArgs),
    /// Run a declarative RML mapping over CSV, JSON or XML sources: to an N-Quads file, or
    /// into the store atomically with provenance.
    Map(MapArgs),
    /// Load a district folder (the layout of `twingraph synth`, e.g. `examples/teed/district/`)
    /// through the RML mappings and the IFC and CIM adapters, every source into its own graph
    /// with its licence and access level, in one atomic commit.
    LoadDir(LoadDirArgs),
    /// Run a SPARQL query and print the results to stdout.
    Query(QueryArgs),
    /// Run a SPARQL update.
    Update(UpdateArgs),
    /// Write the store (or one graph) to stdout.
    Dump(DumpArgs),
    /// List named graphs with triple counts and provenance.
    Graphs(GraphsArgs),
    /// Print store statistics.
    Stats,
    /// Serve the SPARQL endpoint, Graph Store Protocol and web page.
    Serve(ServeArgs),
    /// Load the bundled example district and serve it.
    Demo(ServeArgs),
    /// Generate a realistic TEED / East Birmingham district in the real published file formats.
    Synth(SynthArgs),
    /// Validate data files, or stored graphs, against SHACL shapes (exit 1 when they do not conform).
    Validate(ValidateArgs),
    /// Check the common ontology or write its HTML reference.
    Ontology(OntologyArgs),
    /// Check rule sets (SPARQL 1.2 RL / SHACL 1.2 Rules syntax).
    Rules(RulesArgs),
    /// Materialise what rule sets derive: from files to a file, or into the store's inferred graph.
    Infer(InferArgs),
}

/// `ontology` arguments.
#[derive(Debug, Args)]
pub struct OntologyArgs {
    /// What to do with the ontology.
    #[command(subcommand)]
    pub command: OntologyCommand,
}

/// The `ontology` subcommands.
#[derive(Debug, Subcommand)]
pub enum OntologyCommand {
    /// Parse every module; report missing headers, labels and definitions, subclass cycles
    /// and undeclared terms (also in mappings, queries and shapes). Exit 1 on findings.
    Check(OntologyCheckArgs),
    /// Write the HTML reference of every module (with each module's Turtle beside it).
    Docs(OntologyDocsArgs),
}

/// `ontology check` arguments.
#[derive(Debug, Args)]
pub struct OntologyCheckArgs {
    /// The ontology folder.
    #[arg(long, default_value = "ontology", value_name = "DIR")]
    pub dir: PathBuf,
    /// Files or folders whose TwinGraph terms must be declared (.ttl, .rq, .sparql, .yml,
    /// .yaml; repeatable). Default: mappings/, queries/ and shapes/ beside the ontology folder.
    #[arg(long = "also", value_name = "PATH")]
    pub also: Vec<PathBuf>,
}

/// `ontology docs` arguments.
#[derive(Debug, Args)]
pub struct OntologyDocsArgs {
    /// Output folder (created if missing).
    #[arg(long, value_name = "DIR")]
    pub out: PathBuf,
    /// The ontology folder.
    #[arg(long, default_value = "ontology", value_name = "DIR")]
    pub dir: PathBuf,
}

/// `synth` arguments.
#[derive(Debug, Args)]
pub struct SynthArgs {
    /// Output folder (created if missing).
    #[arg(long, value_name = "DIR")]
    pub out: PathBuf,
    /// teed (~5k addressable locations), east-birmingham (~110k), city (~450k), or a number.
    #[arg(long, default_value = "teed", value_name = "SCALE")]
    pub scale: String,
    /// Seed: the same seed gives byte-identical files.
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
}

/// `load` arguments.
#[derive(Debug, Args)]
pub struct LoadArgs {
    /// Files to load (`-` reads stdin; then --format is required).
    #[arg(required = true, value_name = "FILE")]
    pub files: Vec<PathBuf>,
    /// Graph receiving the triples (default: `urn:twingraph:graph:<file name>` per file).
    #[arg(long, value_name = "IRI")]
    pub graph: Option<String>,
    /// Syntax: nt, nq, ttl, trig, rdf, jsonld, n3 (default: from the file extension).
    #[arg(long, value_name = "FORMAT")]
    pub format: Option<String>,
    /// Base IRI for relative IRIs in the files.
    #[arg(long, value_name = "IRI")]
    pub base: Option<String>,
    /// Replace the target graphs instead of adding to them (one transaction).
    #[arg(long)]
    pub replace: bool,
    /// Parser threads for N-Triples/N-Quads files (default: half the cores; 1 = sequential).
    #[arg(long, value_name = "N")]
    pub parse_threads: Option<usize>,
    #[command(flatten)]
    #[allow(missing_docs)]
    pub governance: GovernanceArgs,
}

/// What every load records and checks, shared by `load` and `import`.
#[derive(Debug, Args, Clone, Default)]
pub struct GovernanceArgs {
    /// Licence of the data, recorded on each target graph: an IRI or one of ogl-3,
    /// cc-by-4.0, cc0-1.0, odbl-1.0, cc-by-sa-4.0 (default: `[load] licence` in the config
    /// file).
    #[arg(long, value_name = "IRI|NAME")]
    pub licence: Option<String>,
    /// Access level of the data, recorded on each target graph: open, restricted or closed
    /// (default: `[load] access` in the config file).
    #[arg(long, value_name = "LEVEL")]
    pub access: Option<String>,
    /// Validate the data against these SHACL shapes before it reaches the live graphs
    /// (repeatable; a folder means its `.ttl` files; default: `[load] shapes` in the config
    /// file). Data with violations goes to quarantine graphs
    /// (`urn:twingraph:quarantine:<graph>`) with its report, and the command exits 1.
    #[arg(long, value_name = "FILE|DIR")]
    pub shapes: Vec<PathBuf>,
    /// Write the validation report (Turtle) here when --shapes is used.
    #[arg(long, value_name = "FILE")]
    pub report: Option<PathBuf>,
}

/// `map` arguments.
#[derive(Debug, Args)]
pub struct MapArgs {
    /// The RML mapping (Turtle; RML-Core `http://w3id.org/rml/` or legacy RML + R2RML).
    #[arg(value_name = "MAPPING.ttl")]
    pub mapping: PathBuf,
    /// Base IRI of relative IRIs that the mapping generates (default: the mapping's `@base`,
    /// else `https://w3id.org/twingraph/id/`).
    #[arg(long, value_name = "IRI")]
    pub base: Option<String>,
    /// Read the source called NAME (its path as written in the mapping, or that path's file
    /// name) from PATH instead (repeatable). Other relative source paths resolve against the
    /// mapping file's folder.
    #[arg(long = "source", value_name = "NAME=PATH")]
    pub sources: Vec<String>,
    /// Skip records that cannot be mapped (bad values, invalid IRIs…) instead of failing, and
    /// write them with their reasons to the rejects file. Malformed source files still fail.
    #[arg(long)]
    pub lenient: bool,
    /// Where --lenient writes the rejected records (default: `<out>.rejects.txt` with --out to
    /// a file, else `<mapping file name>.rejects.txt` in the working directory).
    #[arg(long, value_name = "FILE", requires = "lenient")]
    pub rejects: Option<PathBuf>,
    /// Worker threads running triples maps in parallel (default 1; 0 = one per core).
    #[arg(long, value_name = "N", default_value_t = 1)]
    pub threads: usize,
    /// A CSV column that the mapping references but the file lacks gives no value instead of
    /// an error (feeds such as GTFS leave out optional columns).
    #[arg(long)]
    pub missing_columns_are_null: bool,
    /// Write N-Quads to this file instead of loading into the store (written to
    /// `<file>.partial` and renamed when the run succeeds; `-` writes to stdout).
    #[arg(long, value_name = "FILE.nq")]
    pub out: Option<PathBuf>,
    /// Graph receiving the quads that the mapping leaves in the default graph (default:
    /// `urn:twingraph:graph:<mapping file name>`; with --out: they stay in the default graph).
    /// Quads the mapping puts in named graphs keep them.
    #[arg(long, value_name = "IRI")]
    pub graph: Option<String>,
    /// Add to the target graphs instead of replacing them (by default a run replaces its
    /// graphs, so that re-running a mapping is idempotent).
    #[arg(long)]
    pub append: bool,
    #[command(flatten)]
    #[allow(missing_docs)]
    pub governance: GovernanceArgs,
}

/// `load-dir` arguments.
#[derive(Debug, Args)]
pub struct LoadDirArgs {
    /// The district folder: `os/`, `epc/domestic-*/`, `transport/naptan/`, `transport/gtfs/`,
    /// `ifc/`, `grid/cgmes/` as `twingraph synth` writes them (the real downloads in the same
    /// layout work too); sources that are absent are skipped.
    #[arg(value_name = "DIR")]
    pub dir: PathBuf,
    /// Folder of the mappings: `<name>/<name>.rml.ttl` per source and `cim/` (the CGMES
    /// alignments). Default: `./mappings` when it exists, else the TwinGraph source tree's.
    #[arg(long, value_name = "DIR")]
    pub mappings: Option<PathBuf>,
    /// Rule sets to materialise after the load, as `infer --rules` does (repeatable; into
    /// `urn:twingraph:inferred:<rule file names>`).
    #[arg(long = "rules", value_name = "FILE.srl")]
    pub rules: Vec<PathBuf>,
    // --licence and --access apply to the sources whose mapping README states none (the IFC
    // models and the CGMES grid); the mapped sources get the ones their README states (OGL v3
    // and open; the EPC addresses restricted). --shapes gates the whole load.
    #[command(flatten)]
    #[allow(missing_docs)]
    pub governance: GovernanceArgs,
}

/// `import` arguments.
#[derive(Debug, Args)]
pub struct ImportArgs {
    /// Which adapter.
    #[command(subcommand)]
    pub command: ImportCommand,
}

/// The `import` adapters.
#[derive(Debug, Subcommand)]
pub enum ImportCommand {
    /// IFC building models (ISO 10303-21 STEP; IFC2X3, IFC4, IFC4X3) as BOT and the common
    /// ontology, one named graph per file, in one atomic commit.
    Ifc(ImportIfcArgs),
    /// CIM/CGMES grid models (CIM/XML files, zips or folders; CGMES 2.4.15 and 3.0; EQ, TP,
    /// SSH, SV, DL, GL and boundary profiles), one named graph per model, difference models
    /// applied, all in one atomic commit.
    Cim(ImportCimArgs),
}

/// `import cim` arguments.
#[derive(Debug, Args)]
pub struct ImportCimArgs {
    /// CIM/XML files, `.zip` archives or folders (read recursively), as one model set.
    #[arg(required = true, value_name = "FILE|ZIP|DIR")]
    pub files: Vec<PathBuf>,
    /// Accept models whose `md:Model.DependentOn` models are not given.
    #[arg(long)]
    pub allow_missing_dependencies: bool,
    /// Accept profiles that are not CGMES profiles.
    #[arg(long)]
    pub allow_unknown_profiles: bool,
    /// Type literals from the CGMES RDFS (files or folders of `.rdf`, repeatable), instead
    /// of leaving plain strings.
    #[arg(long = "typed-literals", value_name = "RDFS")]
    pub rdfs: Vec<PathBuf>,
    /// Write enumeration values as plain literals and leave out non-CIM classes, exactly as
    /// the ENTSO-E TriG conversions do (loses data; for comparisons with them).
    #[arg(long)]
    pub trig_compatible: bool,
    /// Also run the CONSTRUCT alignments (files or folders of `.rq`, repeatable; e.g.
    /// `mappings/cim`) and store their result in `urn:twingraph:graph:cim-aligned`.
    #[arg(long, value_name = "FILE|DIR")]
    pub align: Vec<PathBuf>,
    /// Add to the model graphs instead of replacing them.
    #[arg(long)]
    pub append: bool,
    #[command(flatten)]
    #[allow(missing_docs)]
    pub governance: GovernanceArgs,
}

/// `import ifc` arguments.
#[derive(Debug, Args)]
pub struct ImportIfcArgs {
    /// IFC files (`.ifc`).
    #[arg(required = true, value_name = "FILE")]
    pub files: Vec<PathBuf>,
    /// UPRN of the building(s) in the files; wins over a `UPRN` property in the model.
    #[arg(long, value_name = "N")]
    pub uprn: Option<String>,
    /// Instance base IRI, ending with `/` (default: `https://w3id.org/twingraph/id/`).
    #[arg(long, value_name = "IRI")]
    pub base: Option<String>,
    /// Graph receiving the triples (default: `urn:twingraph:graph:<file name>` per file;
    /// only with one file).
    #[arg(long, value_name = "IRI")]
    pub graph: Option<String>,
    /// Also write the full ifcOWL graph of each file.
    #[arg(long)]
    pub ifcowl: bool,
    /// Add to the target graphs instead of replacing them (by default an import replaces
    /// its graphs, so that re-importing a revised model keeps nothing it removed).
    #[arg(long)]
    pub append: bool,
    #[command(flatten)]
    #[allow(missing_docs)]
    pub governance: GovernanceArgs,
}

/// Dataset options shared by `query` and `serve`.
#[derive(Debug, Args, Clone, Default)]
pub struct DatasetArgs {
    /// Use the union of all named graphs as the default graph.
    #[arg(long)]
    pub union_default_graph: bool,
}

/// `query` arguments.
#[derive(Debug, Args)]
pub struct QueryArgs {
    /// The query text, `@file` to read it from a file, or `-` for stdin.
    pub query: String,
    /// Output format: json, xml, csv, tsv (SELECT/ASK); ttl, nt, nq, trig, rdf, jsonld (CONSTRUCT/DESCRIBE).
    #[arg(long, value_name = "FORMAT")]
    pub format: Option<String>,
    /// Graph to use as the default graph (repeatable; overrides FROM).
    #[arg(long = "default-graph", value_name = "IRI")]
    pub default_graphs: Vec<String>,
    /// Named graph visible to GRAPH (repeatable; overrides FROM NAMED).
    #[arg(long = "named-graph", value_name = "IRI")]
    pub named_graphs: Vec<String>,
    /// Base IRI for relative IRIs in the query.
    #[arg(long, value_name = "IRI")]
    pub base: Option<String>,
    /// Time limit in seconds (0 = none).
    #[arg(long, value_name = "SECONDS")]
    pub timeout: Option<f64>,
    #[command(flatten)]
    #[allow(missing_docs)]
    pub dataset: DatasetArgs,
}

/// `update` arguments.
#[derive(Debug, Args)]
pub struct UpdateArgs {
    /// The update text, `@file` to read it from a file, or `-` for stdin.
    pub update: String,
    /// Base IRI for relative IRIs in the update.
    #[arg(long, value_name = "IRI")]
    pub base: Option<String>,
}

/// `dump` arguments.
#[derive(Debug, Args)]
pub struct DumpArgs {
    /// Dump only this graph (`default` for the default graph).
    #[arg(long, value_name = "IRI")]
    pub graph: Option<String>,
    /// Syntax: nq or trig for the whole store; any RDF syntax for one graph (default nq / ttl).
    #[arg(long, value_name = "FORMAT")]
    pub format: Option<String>,
}

/// `graphs` arguments.
#[derive(Debug, Args)]
pub struct GraphsArgs {
    /// Print JSON instead of a table.
    #[arg(long)]
    pub json: bool,
}

/// `serve` and `demo` arguments. Unset values come from the config file, then defaults.
#[derive(Debug, Args, Clone, Default)]
pub struct ServeArgs {
    /// Address to listen on (default 127.0.0.1:7878).
    #[arg(long, env = "TWINGRAPH_BIND", value_name = "ADDR")]
    pub bind: Option<SocketAddr>,
    /// Query time limit in seconds; 0 for none (default 60).
    #[arg(long, env = "TWINGRAPH_QUERY_TIMEOUT", value_name = "SECONDS")]
    pub query_timeout: Option<f64>,
    /// Largest accepted request body in bytes (default 67108864).
    #[arg(long, env = "TWINGRAPH_MAX_BODY", value_name = "BYTES")]
    pub max_body: Option<usize>,
    /// Most result rows returned; larger results are truncated and flagged (default: no limit).
    #[arg(long, env = "TWINGRAPH_MAX_ROWS", value_name = "ROWS")]
    pub max_rows: Option<u64>,
    /// Refuse updates and Graph Store writes.
    #[arg(long)]
    pub read_only: bool,
    /// Send permissive CORS headers so browser apps on other origins can query.
    #[arg(long)]
    pub cors: bool,
    /// Ontology folder served at /def/ (default ./ontology when it exists).
    #[arg(long, env = "TWINGRAPH_ONTOLOGY_DIR", value_name = "DIR")]
    pub ontology_dir: Option<PathBuf>,
    /// Folder of named use-case queries (`*.rq` with a header) served at /api/queries
    /// (default ./queries when it exists).
    #[arg(long, env = "TWINGRAPH_QUERIES_DIR", value_name = "DIR")]
    pub queries_dir: Option<PathBuf>,
    /// SHACL shapes files enabling /validate (repeatable; default: `[server] shapes`).
    #[arg(long, value_name = "FILE")]
    pub shapes: Vec<PathBuf>,
    /// Validate Graph Store writes against --shapes: writes with violations go to a
    /// quarantine graph and are answered 422 with the report.
    #[arg(long)]
    pub validate_uploads: bool,
    /// Rule sets kept materialised in `urn:twingraph:inferred:<names>`, maintained after every
    /// write, with `/explain` (repeatable; default: `[server] rules`).
    #[arg(long, value_name = "FILE.srl")]
    pub rules: Vec<PathBuf>,
    #[command(flatten)]
    #[allow(missing_docs)]
    pub dataset: DatasetArgs,
}

/// `validate` arguments.
#[derive(Debug, Args)]
pub struct ValidateArgs {
    /// SHACL shapes files, or folders of `.ttl` shapes files (repeatable; read as one
    /// shapes graph).
    #[arg(long = "shapes", required = true, value_name = "FILE|DIR")]
    pub shapes: Vec<PathBuf>,
    /// Data files, validated as one graph. Without them, the store is validated.
    #[arg(value_name = "DATA")]
    pub data: Vec<PathBuf>,
    /// Store graphs to validate (repeatable; `default` for the default graph). Without it,
    /// the live graphs: all but the metadata, quarantine, report and inferred graphs.
    #[arg(long = "graph", value_name = "IRI")]
    pub graphs: Vec<String>,
    /// Also write the sh:ValidationReport as Turtle to this file.
    #[arg(long, value_name = "FILE")]
    pub report: Option<PathBuf>,
}

/// `rules` arguments.
#[derive(Debug, Args)]
pub struct RulesArgs {
    /// What to do with rule sets.
    #[command(subcommand)]
    pub command: RulesCommand,
}

/// The `rules` subcommands.
#[derive(Debug, Subcommand)]
pub enum RulesCommand {
    /// Parse rule sets (SPARQL 1.2 RL / SHACL 1.2 Rules syntax) and check that they are
    /// well-formed and stratifiable. Exit 0 when all are, 2 naming the rule and why otherwise.
    Check(RulesCheckArgs),
}

/// `rules check` arguments.
#[derive(Debug, Args)]
pub struct RulesCheckArgs {
    /// Rule set files (`.srl`).
    #[arg(required = true, value_name = "FILE")]
    pub files: Vec<PathBuf>,
}

/// `infer` arguments.
#[derive(Debug, Args)]
pub struct InferArgs {
    /// Rule set files (`.srl`, repeatable; merged into one rule set).
    #[arg(long = "rules", required = true, value_name = "FILE")]
    pub rules: Vec<PathBuf>,
    /// Data files: infer over them without a store and write only the derived triples.
    /// Without data files, the store's live graphs are the base data.
    #[arg(value_name = "DATA")]
    pub data: Vec<PathBuf>,
    /// Where derived triples go in file mode (format from the extension; default N-Triples
    /// on stdout).
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
    /// Store mode: the base graphs (repeatable; default every live graph).
    #[arg(long = "graph", value_name = "IRI")]
    pub graphs: Vec<String>,
    /// Store mode: the inferred graph to (re)write (default
    /// `urn:twingraph:inferred:<rule file names>`).
    #[arg(long, value_name = "IRI")]
    pub into: Option<String>,
    /// Explain a derived triple, given in N-Triples syntax (`<s> <p> <o>`): print the rule
    /// and the premises that produced it, recursively.
    #[arg(long, value_name = "TRIPLE")]
    pub explain: Option<String>,
}
