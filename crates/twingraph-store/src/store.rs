//! Opening the store and reading its shape (graphs, counts).

use crate::error::StoreError;
use crate::provenance::{GraphInfo, LoadSummary, loads_query};
use oxigraph::io::RdfFormat;
use oxigraph::model::{GraphName, GraphNameRef, NamedOrBlankNode, Term};
use oxigraph::sparql::{QueryResults, SparqlEvaluator};
use oxigraph::store::Store;
use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};

/// The TwinGraph store: an oxigraph database plus TwinGraph's conventions
/// (one named graph per source load, provenance in the metadata graph).
#[derive(Clone)]
pub struct TwinStore {
    store: Store,
    read_only: bool,
    path: Option<PathBuf>,
}

/// Size figures of the whole store.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StoreStats {
    /// Quads in all graphs, including the default graph and the metadata graph.
    pub quads: u64,
    /// Triples in the default graph.
    pub default_graph_triples: u64,
    /// Number of named graphs.
    pub named_graphs: u64,
    /// Bytes used on disk by the store directory (`None` in memory).
    pub disk_bytes: Option<u64>,
}

impl TwinStore {
    /// Opens (creating if needed) a RocksDB-backed store in `path`.
    pub fn open(path: impl AsRef<Path>) -> Result<Self, StoreError> {
        Ok(Self {
            store: Store::open(path.as_ref())?,
            read_only: false,
            path: Some(path.as_ref().to_owned()),
        })
    }

    /// Opens an existing store read-only (several processes may do so at once).
    pub fn open_read_only(path: impl AsRef<Path>) -> Result<Self, StoreError> {
        Ok(Self {
            store: Store::open_read_only(path.as_ref())?,
            read_only: true,
            path: Some(path.as_ref().to_owned()),
        })
    }

    /// A fresh in-memory store, for tests and temporary work.
    pub fn in_memory() -> Result<Self, StoreError> {
        Ok(Self {
            store: Store::new()?,
            read_only: false,
            path: None,
        })
    }

    /// Whether this store was opened read-only.
    pub fn is_read_only(&self) -> bool {
        self.read_only
    }

    /// The store directory (`None` for an in-memory store).
    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    /// The underlying oxigraph store, for reading (queries, pattern scans, dumps).
    ///
    /// Writes should go through this crate's load and update functions, which keep
    /// provenance; this accessor exists for read paths and the Graph Store Protocol.
    pub fn inner(&self) -> &Store {
        &self.store
    }

    /// Counts quads and graphs.
    pub fn stats(&self) -> Result<StoreStats, StoreError> {
        let quads = self.store.len()? as u64;
        let default_graph_triples = self
            .store
            .quads_for_pattern(None, None, None, Some(GraphNameRef::DefaultGraph))
            .count() as u64;
        let named_graphs = self.store.named_graphs().count() as u64;
        Ok(StoreStats {
            quads,
            default_graph_triples,
            named_graphs,
            disk_bytes: self.path.as_deref().map(dir_size),
        })
    }

    /// Lists the named graphs with their triple counts and the loads that wrote them.
    pub fn graphs(&self) -> Result<Vec<GraphInfo>, StoreError> {
        let mut loads: BTreeMap<String, Vec<LoadSummary>> = BTreeMap::new();
        if let QueryResults::Solutions(solutions) = SparqlEvaluator::new()
            .parse_query(&loads_query())?
            .on_store(&self.store)
            .execute()?
        {
            for s in solutions {
                let s = s?;
                let text = |v: &str| match s.get(v) {
                    Some(Term::Literal(l)) => l.value().to_owned(),
                    Some(Term::NamedNode(n)) => n.as_str().to_owned(),
                    Some(t) => t.to_string(),
                    None => String::new(),
                };
                loads.entry(text("g")).or_default().push(LoadSummary {
                    activity: text("act"),
                    source: text("title"),
                    sha256: text("sha"),
                    triples: text("n").parse().unwrap_or(0),
                    ended: text("ended"),
                    mode: text("mode"),
                });
            }
        }
        let mut out = Vec::new();
        for g in self.store.named_graphs() {
            let g = g?;
            let name = match &g {
                NamedOrBlankNode::NamedNode(n) => n.as_str().to_owned(),
                NamedOrBlankNode::BlankNode(b) => b.to_string(),
            };
            let triples = self
                .store
                .quads_for_pattern(None, None, None, Some(g.as_ref().into()))
                .count() as u64;
            out.push(GraphInfo {
                loads: loads.remove(&name).unwrap_or_default(),
                name,
                triples,
            });
        }
        out.sort_by(|a, b| a.name.cmp(&b.name));
        Ok(out)
    }

    /// Writes the whole dataset (quad formats only: N-Quads, TriG) or, with `graph`, one
    /// graph (any RDF syntax) to `writer`.
    pub fn dump<W: Write>(
        &self,
        writer: W,
        format: RdfFormat,
        graph: Option<&GraphName>,
    ) -> Result<W, StoreError> {
        let result = match graph {
            Some(g) => self.store.dump_graph_to_writer(g, format, writer),
            None => {
                if !format.supports_datasets() {
                    return Err(StoreError::UnsupportedFormat(format!(
                        "{format} cannot hold several graphs: dump one graph, or use N-Quads or TriG"
                    )));
                }
                self.store.dump_to_writer(format, writer)
            }
        };
        result.map_err(|e| match e {
            oxigraph::store::SerializerError::Io(e) => StoreError::Io(e),
            oxigraph::store::SerializerError::Storage(e) => StoreError::Storage(e),
            other => StoreError::UnsupportedFormat(other.to_string()),
        })
    }

    /// Whether a named graph exists (the default graph always does).
    pub fn contains_graph(&self, graph: &GraphName) -> Result<bool, StoreError> {
        Ok(match graph {
            GraphName::DefaultGraph => true,
            GraphName::NamedNode(n) => self.store.contains_named_graph(n)?,
            GraphName::BlankNode(b) => self.store.contains_named_graph(b)?,
        })
    }

    /// Flushes and compacts the on-disk store (no-op in memory).
    pub fn optimize(&self) -> Result<(), StoreError> {
        Ok(self.store.optimize()?)
    }
}

/// Total size of the files under `dir`.
fn dir_size(dir: &Path) -> u64 {
    std::fs::read_dir(dir).map_or(0, |entries| {
        entries
            .flatten()
            .map(|e| match e.metadata() {
                Ok(m) if m.is_dir() => dir_size(&e.path()),
                Ok(m) => m.len(),
                Err(_) => 0,
            })
            .sum()
    })
}
