//! Atomic loads of RDF sources into named graphs, with provenance.
//!
//! Appends go through oxigraph's bulk loader, which writes sorted files on the side and
//! ingests them only on commit: a parse error or crash half-way leaves the store unchanged.
//! Replacing a graph clears it and loads the new content in one transaction.

use crate::error::LoadError;
use crate::parallel::{self, ParallelError};
use crate::provenance::LoadRecord;
use crate::store::TwinStore;
use oxigraph::io::{RdfFormat, RdfParseError, RdfParser};
use oxigraph::model::{GraphName, GraphNameRef, NamedNode, Quad};
use oxsdatatypes::DateTime;
use sha2::{Digest, Sha256};
use std::fs::File;
use std::io::{self, BufReader, Read};
use std::path::Path;
use std::time::Instant;

/// How often (in triples) the progress callback is called.
const PROGRESS_EVERY: u64 = 100_000;

/// Options of a load.
#[derive(Debug, Clone, Default)]
pub struct LoadOptions {
    /// Syntax of the input; guessed from the file extension when `None`.
    pub format: Option<RdfFormat>,
    /// Graph receiving the triples of the input's default graph (usually a named graph;
    /// [`GraphName::DefaultGraph`] is allowed for the Graph Store Protocol's `default`).
    /// Named graphs of quad formats (N-Quads, TriG) are kept as they are. When `None`,
    /// loads use [`LoadOptions::graph_for_source`].
    pub graph: Option<GraphName>,
    /// Base IRI used to resolve relative IRIs.
    pub base_iri: Option<String>,
    /// Replace the target graph instead of adding to it (one transaction).
    pub replace: bool,
    /// Parser threads for large N-Triples/N-Quads files in append mode. `None` uses half
    /// the cores (the other half sorts and writes), as oxigraph does; below 2 the file is
    /// parsed on one thread.
    pub parse_threads: Option<usize>,
    /// Licence of the loaded data (e.g. the OGL v3 or CC BY 4.0 IRI), recorded as the target
    /// graph's `dcterms:license` in the metadata graph.
    pub licence: Option<NamedNode>,
    /// Access level of the loaded data (a concept of the `access-level` code list, see
    /// [`crate::access_level`]), recorded as the target graph's `gov:accessLevel`.
    pub access_level: Option<NamedNode>,
    /// Load into quarantine: every target graph `G` becomes [`quarantine_graph`]`(G)`, so that
    /// data which failed validation is kept for review without reaching the live graphs.
    pub quarantine: bool,
}

impl LoadOptions {
    /// Options for the given syntax with everything else defaulted.
    pub fn for_format(format: RdfFormat) -> Self {
        Self {
            format: Some(format),
            ..Self::default()
        }
    }

    /// Sets the target graph.
    pub fn with_graph(mut self, iri: &str) -> Result<Self, LoadError> {
        self.graph = Some(
            NamedNode::new(iri)
                .map_err(|e| LoadError::InvalidIri {
                    iri: iri.to_owned(),
                    message: e.to_string(),
                })?
                .into(),
        );
        Ok(self)
    }

    /// The syntax and target graph of a load of `source` (format required; the graph defaults
    /// to [`LoadOptions::graph_for_source`]).
    fn target(&self, source: &SourceDescription) -> Result<(RdfFormat, GraphName), LoadError> {
        let format = self
            .format
            .ok_or_else(|| LoadError::UnknownFormat(source.name.clone()))?;
        let graph = self
            .graph
            .clone()
            .unwrap_or_else(|| Self::graph_for_source(&source.name));
        Ok((format, self.place(graph)))
    }

    /// The graph receiving the default-graph triples of `source` (quarantine applied).
    pub(crate) fn target_graph(&self, source: &SourceDescription) -> GraphName {
        self.place(
            self.graph
                .clone()
                .unwrap_or_else(|| Self::graph_for_source(&source.name)),
        )
    }

    /// Where triples meant for `graph` go: `graph` itself, or its quarantine graph.
    fn place(&self, graph: GraphName) -> GraphName {
        if self.quarantine {
            quarantine_graph(&graph)
        } else {
            graph
        }
    }

    /// Parser threads: `parse_threads`, else half the cores.
    fn parse_threads(&self) -> usize {
        self.parse_threads
            .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get() / 2))
    }

    /// The graph a source is loaded into when none is given: `urn:twingraph:graph:<file name>`.
    pub fn graph_for_source(source_name: &str) -> GraphName {
        let safe: String = source_name
            .chars()
            .map(|c| {
                if c.is_ascii_alphanumeric() || "-._~".contains(c) {
                    c
                } else {
                    '_'
                }
            })
            .collect();
        NamedNode::new_unchecked(format!("urn:twingraph:graph:{safe}")).into()
    }
}

/// Prefix of quarantine graph IRIs: graph `G` is quarantined as `urn:twingraph:quarantine:G`.
pub const QUARANTINE_PREFIX: &str = "urn:twingraph:quarantine:";

/// The quarantine graph of `graph`: `urn:twingraph:quarantine:` followed by the graph's IRI
/// (`urn:twingraph:graph:default` for the default graph). Review it, then promote it with
/// SPARQL `MOVE GRAPH <quarantine> TO <live>` or drop it.
pub fn quarantine_graph(graph: &GraphName) -> GraphName {
    let name = match graph {
        GraphName::NamedNode(n) => n.as_str().to_owned(),
        GraphName::BlankNode(b) => format!("bnode-{}", b.as_str()),
        GraphName::DefaultGraph => crate::DEFAULT_GRAPH_IRI.to_owned(),
    };
    NamedNode::new_unchecked(format!("{QUARANTINE_PREFIX}{name}")).into()
}

/// Prefix of the graphs holding validation reports of quarantined loads.
pub const REPORT_PREFIX: &str = "urn:twingraph:report:";

/// Prefix of the graphs holding what rule sets derive (`urn:twingraph:inferred:<name>`).
pub const INFERRED_PREFIX: &str = "urn:twingraph:inferred:";

/// The inferred graph named `name` (characters outside `[A-Za-z0-9-._+]` become `_`).
pub fn inferred_graph(name: &str) -> NamedNode {
    let safe: String = name
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || "-._+".contains(c) {
                c
            } else {
                '_'
            }
        })
        .collect();
    NamedNode::new_unchecked(format!("{INFERRED_PREFIX}{safe}"))
}

/// Whether a graph holds live source data: not the metadata graph, a quarantine graph, a
/// validation report or an inferred graph. Validation and inference read these by default.
pub fn is_live_graph(graph: GraphNameRef<'_>) -> bool {
    match graph {
        GraphNameRef::NamedNode(n) => {
            let iri = n.as_str();
            iri != crate::META_GRAPH
                && !iri.starts_with(QUARANTINE_PREFIX)
                && !iri.starts_with(REPORT_PREFIX)
                && !iri.starts_with(INFERRED_PREFIX)
        }
        _ => true,
    }
}

/// Where loaded data came from, for the provenance record.
#[derive(Debug, Clone)]
pub struct SourceDescription {
    /// Short human-readable name (file name, `stdin`, `HTTP PUT`…); also used in error messages.
    pub name: String,
    /// `file:` URL (or other URL) of the source, when there is one.
    pub url: Option<String>,
}

impl SourceDescription {
    /// A source with a name and no URL.
    pub fn named(name: impl Into<String>) -> Self {
        Self {
            name: name.into(),
            url: None,
        }
    }

    /// Describes a local file.
    pub fn file(path: &Path) -> Self {
        let name = path.file_name().map_or_else(
            || path.display().to_string(),
            |n| n.to_string_lossy().into_owned(),
        );
        let url = std::path::absolute(path)
            .ok()
            .map(|p| format!("file://{}", p.display().to_string().replace(' ', "%20")));
        Self { name, url }
    }
}

/// The outcome of a successful load.
#[derive(Debug, Clone)]
pub struct LoadReport {
    /// The provenance record written to the metadata graph.
    pub record: LoadRecord,
}

impl LoadReport {
    /// Triples (or quads) read from the source.
    pub fn triples(&self) -> u64 {
        self.record.triples
    }

    /// Graph that received the default-graph triples.
    pub fn graph(&self) -> &GraphName {
        &self.record.graph
    }

    /// Throughput in triples per second.
    pub fn triples_per_second(&self) -> f64 {
        self.record.triples as f64 / self.record.duration.as_secs_f64().max(1e-9)
    }
}

/// A reader that hashes and counts the bytes going through it.
struct HashingReader<R> {
    inner: R,
    hasher: Sha256,
    bytes: u64,
}

impl<R: Read> Read for HashingReader<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.hasher.update(&buf[..n]);
        self.bytes += n as u64;
        Ok(n)
    }
}

/// Where parsed quads go: the bulk loader (append) or a transaction (replace).
enum Sink<'a> {
    Bulk(oxigraph::store::BulkLoader<'a>),
    Transaction(oxigraph::store::Transaction<'a>, Vec<GraphName>),
}

impl TwinStore {
    /// Loads a file; the format comes from `options.format` or the file extension, the
    /// graph from `options.graph` or the file name.
    pub fn load_file(
        &self,
        path: &Path,
        options: &LoadOptions,
        progress: impl Fn(u64) + Send + Sync,
    ) -> Result<LoadReport, LoadError> {
        let mut reports = self.load_files(&[path], options, progress)?;
        Ok(reports.remove(0))
    }

    /// Loads several files in **one** atomic commit: either all of them are loaded (each into
    /// its own graph, unless `options.graph` names one for all) or none is. `progress`
    /// receives the running total of triples read.
    pub fn load_files(
        &self,
        paths: &[&Path],
        options: &LoadOptions,
        progress: impl Fn(u64) + Send + Sync,
    ) -> Result<Vec<LoadReport>, LoadError> {
        let mut sink = self.sink(options)?;
        let mut reports = Vec::with_capacity(paths.len());
        let mut done = 0;
        for path in paths {
            let source = SourceDescription::file(path);
            let mut file_options = options.clone();
            if file_options.format.is_none() {
                file_options.format = Some(format_from_path(path)?);
            }
            let record = match &mut sink {
                Sink::Bulk(loader) if parallel_parsing(&file_options) => {
                    feed_parallel(loader, path, &source, &file_options, done, &progress)?
                }
                _ => {
                    let file = File::open(path).map_err(|source| LoadError::Read {
                        path: path.to_path_buf(),
                        source,
                    })?;
                    let reader = BufReader::with_capacity(1 << 20, file);
                    feed(&mut sink, reader, &source, &file_options, done, &progress)?
                }
            };
            done += record.triples;
            reports.push(LoadReport { record });
        }
        commit(sink, &reports)?;
        Ok(reports)
    }

    /// Loads bytes held in memory (the format must be given in `options`).
    pub fn load_slice(&self, data: &[u8], options: &LoadOptions) -> Result<LoadReport, LoadError> {
        self.load_reader(data, &SourceDescription::named("input"), options, |_| ())
    }

    /// Loads from any reader, atomically, and records provenance (`options.format` must be set).
    pub fn load_reader(
        &self,
        reader: impl Read,
        source: &SourceDescription,
        options: &LoadOptions,
        progress: impl Fn(u64) + Send + Sync,
    ) -> Result<LoadReport, LoadError> {
        let mut sink = self.sink(options)?;
        let record = feed(&mut sink, reader, source, options, 0, &progress)?;
        let reports = vec![LoadReport { record }];
        commit(sink, &reports)?;
        Ok(reports.into_iter().next().expect("one report"))
    }

    fn sink(&self, options: &LoadOptions) -> Result<Sink<'_>, LoadError> {
        Ok(if options.replace {
            Sink::Transaction(self.inner().start_transaction()?, Vec::new())
        } else {
            Sink::Bulk(self.inner().bulk_loader())
        })
    }
    /// Atomically replaces the content of `graph` with `quads` (their graph names are ignored).
    pub fn replace_graph(
        &self,
        graph: &GraphName,
        quads: impl IntoIterator<Item = Quad>,
    ) -> Result<(), LoadError> {
        let mut transaction = self.inner().start_transaction()?;
        transaction.clear_graph(graph.as_ref())?;
        for q in quads {
            transaction.insert(&Quad::new(q.subject, q.predicate, q.object, graph.clone()));
        }
        Ok(transaction.commit()?)
    }

    /// Removes a graph and its content in one transaction (the default graph is only
    /// emptied). Returns `false` when a named graph did not exist. Provenance of earlier
    /// loads is kept: it says what was loaded, not what is there now.
    pub fn drop_graph(&self, graph: &GraphName) -> Result<bool, LoadError> {
        let mut transaction = self.inner().start_transaction()?;
        let existed = match graph {
            GraphName::DefaultGraph => {
                transaction.clear_graph(GraphNameRef::DefaultGraph)?;
                true
            }
            GraphName::NamedNode(n) => {
                let existed = transaction.contains_named_graph(n)?;
                transaction.remove_named_graph(n)?;
                existed
            }
            GraphName::BlankNode(b) => {
                let existed = transaction.contains_named_graph(b)?;
                transaction.remove_named_graph(b)?;
                existed
            }
        };
        transaction.commit()?;
        Ok(existed)
    }
}

/// Parses one source into the sink and returns its provenance record (not yet committed).
fn feed(
    sink: &mut Sink<'_>,
    reader: impl Read,
    source: &SourceDescription,
    options: &LoadOptions,
    done_before: u64,
    progress: &(impl Fn(u64) + Send + Sync),
) -> Result<LoadRecord, LoadError> {
    let (format, graph) = options.target(source)?;
    let mut parser = RdfParser::from_format(format)
        .rename_blank_nodes()
        .with_default_graph(graph.clone());
    if let Some(base) = &options.base_iri {
        parser = parser
            .with_base_iri(base.clone())
            .map_err(|e| LoadError::InvalidIri {
                iri: base.clone(),
                message: e.to_string(),
            })?;
    }
    let started = DateTime::now();
    let start = Instant::now();
    let mut hashing = HashingReader {
        inner: reader,
        hasher: Sha256::new(),
        bytes: 0,
    };
    let mut count = 0_u64;
    let quads = parser.for_reader(&mut hashing).map(|r| {
        let mut quad = r.map_err(|e| parse_error(&source.name, e))?;
        if options.quarantine && quad.graph_name != graph {
            quad.graph_name = quarantine_graph(&quad.graph_name);
        }
        count += 1;
        if count.is_multiple_of(PROGRESS_EVERY) {
            progress(done_before + count);
        }
        Ok::<Quad, LoadError>(quad)
    });
    match sink {
        Sink::Bulk(loader) => loader.load_ok_quads::<LoadError, LoadError>(quads)?,
        Sink::Transaction(transaction, cleared) => {
            if !cleared.contains(&graph) {
                transaction.clear_graph(graph.as_ref())?;
                cleared.push(graph.clone());
            }
            for quad in quads {
                transaction.insert(&quad?);
            }
        }
    }
    // Hash the whole source, even bytes after the last statement.
    io::copy(&mut hashing, &mut io::sink()).map_err(|e| LoadError::Read {
        path: source.name.clone().into(),
        source: e,
    })?;
    progress(done_before + count);
    Ok(LoadRecord {
        sha256: hex(&hashing.hasher.finalize()),
        bytes: hashing.bytes,
        triples: count,
        ..new_record(graph, source, format, options, started, start)
    })
}

/// Whether a file load should split the file across parser threads.
fn parallel_parsing(options: &LoadOptions) -> bool {
    let threads = options.parse_threads();
    !options.replace
        && !options.quarantine
        && threads >= 2
        && options.format.is_some_and(parallel::splittable)
}

/// Loads an N-Triples/N-Quads file through several parser threads (see [`parallel`]).
fn feed_parallel(
    loader: &mut oxigraph::store::BulkLoader<'_>,
    path: &Path,
    source: &SourceDescription,
    options: &LoadOptions,
    done_before: u64,
    progress: &(impl Fn(u64) + Send + Sync),
) -> Result<LoadRecord, LoadError> {
    let (format, graph) = options.target(source)?;
    let threads = options.parse_threads();
    let started = DateTime::now();
    let start = Instant::now();
    let outcome = parallel::parse(
        path,
        format,
        &graph,
        threads,
        &|n| progress(done_before + n),
        |quads| loader.load_ok_quads::<LoadError, LoadError>(quads),
    );
    let outcome = match outcome {
        Ok(outcome) => outcome,
        Err(ParallelError::Load(e)) => return Err(e),
        Err(ParallelError::Syntax) => return Err(locate_syntax_error(path, source, options)),
    };
    progress(done_before + outcome.triples);
    Ok(LoadRecord {
        sha256: outcome.sha256,
        bytes: outcome.bytes,
        triples: outcome.triples,
        ..new_record(graph, source, format, options, started, start)
    })
}

/// Re-reads a file sequentially (loading nothing) to report where its first syntax error is.
fn locate_syntax_error(
    path: &Path,
    source: &SourceDescription,
    options: &LoadOptions,
) -> LoadError {
    let file = match File::open(path) {
        Ok(file) => file,
        Err(e) => {
            return LoadError::Read {
                path: path.to_owned(),
                source: e,
            };
        }
    };
    let format = options.format.unwrap_or(RdfFormat::NTriples);
    RdfParser::from_format(format)
        .for_reader(BufReader::with_capacity(1 << 20, file))
        .find_map(Result::err)
        .map_or_else(
            || LoadError::Read {
                path: path.to_owned(),
                source: io::Error::other(
                    "a parser thread reported a syntax error that a sequential read does not find",
                ),
            },
            |e| parse_error(&source.name, e),
        )
}

/// A record with everything but the size, hash and count filled in.
fn new_record(
    graph: GraphName,
    source: &SourceDescription,
    format: RdfFormat,
    options: &LoadOptions,
    started: DateTime,
    start: Instant,
) -> LoadRecord {
    LoadRecord {
        activity: new_activity_iri(&graph),
        graph,
        source_name: source.name.clone(),
        source_url: source.url.clone(),
        media_type: format.media_type().to_owned(),
        sha256: String::new(),
        bytes: 0,
        triples: 0,
        started,
        ended: DateTime::now(),
        duration: start.elapsed(),
        mode: if options.replace { "replace" } else { "append" }.to_owned(),
        licence: options.licence.clone(),
        access_level: options.access_level.clone(),
        quarantined: options.quarantine,
    }
}

/// Writes the provenance records and commits everything at once.
fn commit(sink: Sink<'_>, reports: &[LoadReport]) -> Result<(), LoadError> {
    match sink {
        Sink::Bulk(mut loader) => {
            for r in reports {
                loader.load_quads(r.record.to_quads())?;
            }
            loader.commit()?;
        }
        Sink::Transaction(mut transaction, _) => {
            for r in reports {
                transaction.extend(&r.record.to_quads());
            }
            transaction.commit()?;
        }
    }
    for r in reports {
        tracing::info!(
            graph = %r.record.graph,
            source = %r.record.source_name,
            triples = r.record.triples,
            seconds = r.record.duration.as_secs_f64(),
            "load committed"
        );
    }
    Ok(())
}

/// Guesses the RDF syntax from a file extension (`.gz` is not supported).
pub fn format_from_path(path: &Path) -> Result<RdfFormat, LoadError> {
    path.extension()
        .and_then(|e| e.to_str())
        .and_then(|e| match e.to_ascii_lowercase().as_str() {
            "owl" => Some(RdfFormat::RdfXml),
            other => RdfFormat::from_extension(other),
        })
        .ok_or_else(|| LoadError::UnknownFormat(path.display().to_string()))
}

fn parse_error(source_name: &str, error: RdfParseError) -> LoadError {
    match error {
        RdfParseError::Syntax(e) => LoadError::from_syntax(source_name, &e),
        RdfParseError::Io(e) => LoadError::Read {
            path: source_name.into(),
            source: e,
        },
    }
}

pub(crate) fn new_activity_iri(graph: &GraphName) -> NamedNode {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos());
    let mut h = Sha256::new();
    h.update(graph.to_string().as_bytes());
    h.update(nanos.to_le_bytes());
    h.update(std::process::id().to_le_bytes());
    NamedNode::new_unchecked(format!("urn:twingraph:load:{}", &hex(&h.finalize())[..32]))
}

pub(crate) fn hex(bytes: &[u8]) -> String {
    use std::fmt::Write;
    bytes
        .iter()
        .fold(String::with_capacity(bytes.len() * 2), |mut s, b| {
            let _ = write!(s, "{b:02x}");
            s
        })
}
