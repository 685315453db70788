//! Loading what an adapter produced (IFC, CIM, a mapping run): the triples are already in
//! memory, and the provenance describes the original source file, not an RDF serialisation.

use crate::error::LoadError;
use crate::load::{LoadOptions, LoadReport, SourceDescription, hex};
use crate::provenance::LoadRecord;
use crate::store::TwinStore;
use oxigraph::model::{GraphName, Quad};
use oxsdatatypes::DateTime;
use sha2::{Digest, Sha256};
use std::io::Read;
use std::path::Path;
use std::time::Instant;

/// The original source of adapter output, as provenance records it.
#[derive(Debug, Clone)]
pub struct MappedSource {
    /// Name and URL of the source.
    pub source: SourceDescription,
    /// Media type of the source (e.g. `application/x-step` for IFC).
    pub media_type: String,
    /// SHA-256 of the source bytes, lower-case hex.
    pub sha256: String,
    /// Size of the source in bytes.
    pub bytes: u64,
}

impl MappedSource {
    /// Describes a source held in memory (e.g. an example bundled with the binary).
    pub fn from_bytes(source: SourceDescription, media_type: &str, bytes: &[u8]) -> Self {
        Self {
            source,
            media_type: media_type.to_owned(),
            sha256: hex(&Sha256::digest(bytes)),
            bytes: bytes.len() as u64,
        }
    }

    /// Describes a local file, hashing its bytes.
    pub fn from_file(path: &Path, media_type: &str) -> Result<Self, LoadError> {
        let read_error = |source| LoadError::Read {
            path: path.to_path_buf(),
            source,
        };
        let mut file = std::fs::File::open(path).map_err(read_error)?;
        let mut hasher = Sha256::new();
        let mut buffer = vec![0_u8; 1 << 20];
        let mut bytes = 0_u64;
        loop {
            let n = file.read(&mut buffer).map_err(read_error)?;
            if n == 0 {
                break;
            }
            hasher.update(&buffer[..n]);
            bytes += n as u64;
        }
        Ok(Self {
            source: SourceDescription::file(path),
            media_type: media_type.to_owned(),
            sha256: hex(&hasher.finalize()),
            bytes,
        })
    }
}

/// One graph of a multi-graph adapter run (e.g. one CIM model), with its own source.
#[derive(Debug, Clone)]
pub struct MappedGraph {
    /// The graph (quarantined when the load is).
    pub graph: GraphName,
    /// Its quads; their graph names are ignored, all go to `graph`.
    pub quads: Vec<Quad>,
    /// Where they came from.
    pub source: MappedSource,
}

impl TwinStore {
    /// Loads adapter output atomically: quads in the default graph go to `options.graph` (or
    /// `urn:twingraph:graph:<source name>`), named graphs are kept (all mapped to quarantine
    /// when `options.quarantine`); `options.replace` replaces the target graphs in one
    /// transaction. The load is recorded in the metadata graph like a file load, with the
    /// original source's name, media type, size and SHA-256.
    pub fn load_mapped(
        &self,
        quads: impl IntoIterator<Item = Quad>,
        source: &MappedSource,
        options: &LoadOptions,
    ) -> Result<LoadReport, LoadError> {
        let graph = options.target_graph(&source.source);
        let place = |g: GraphName| {
            if g.is_default_graph() {
                graph.clone()
            } else if options.quarantine {
                crate::load::quarantine_graph(&g)
            } else {
                g
            }
        };
        let quads: Vec<Quad> = quads
            .into_iter()
            .map(|q| Quad::new(q.subject, q.predicate, q.object, place(q.graph_name)))
            .collect();
        let mut reports = self.commit_mapped(vec![(graph, quads, source)], Vec::new(), options)?;
        Ok(reports.remove(0))
    }

    /// Loads several graphs of one adapter run in one transaction, each recorded with its own
    /// source; `metadata` (e.g. model headers) goes to the metadata graph. All or nothing.
    pub fn load_mapped_graphs(
        &self,
        parts: Vec<MappedGraph>,
        metadata: Vec<Quad>,
        options: &LoadOptions,
    ) -> Result<Vec<LoadReport>, LoadError> {
        let mut prepared = Vec::with_capacity(parts.len());
        let sources: Vec<MappedSource> = parts.iter().map(|p| p.source.clone()).collect();
        for (part, source) in parts.into_iter().zip(&sources) {
            let graph = if options.quarantine {
                crate::load::quarantine_graph(&part.graph)
            } else {
                part.graph
            };
            let quads = part
                .quads
                .into_iter()
                .map(|q| Quad::new(q.subject, q.predicate, q.object, graph.clone()))
                .collect();
            prepared.push((graph, quads, source));
        }
        self.commit_mapped(prepared, metadata, options)
    }

    fn commit_mapped(
        &self,
        parts: Vec<(GraphName, Vec<Quad>, &MappedSource)>,
        metadata: Vec<Quad>,
        options: &LoadOptions,
    ) -> Result<Vec<LoadReport>, LoadError> {
        let started = DateTime::now();
        let start = Instant::now();
        let mut records = Vec::with_capacity(parts.len());
        for (graph, quads, source) in &parts {
            records.push(LoadRecord {
                activity: crate::load::new_activity_iri(graph),
                graph: graph.clone(),
                source_name: source.source.name.clone(),
                source_url: source.source.url.clone(),
                media_type: source.media_type.clone(),
                sha256: source.sha256.clone(),
                bytes: source.bytes,
                triples: quads.len() as u64,
                started,
                ended: DateTime::now(),
                duration: start.elapsed(),
                mode: if options.replace { "replace" } else { "append" }.to_owned(),
                licence: options.licence.clone(),
                access_level: options.access_level.clone(),
                quarantined: options.quarantine,
            });
        }
        let quads = parts.into_iter().flat_map(|(_, q, _)| q);
        if options.replace {
            let quads: Vec<Quad> = quads.collect();
            let mut tx = self.inner().start_transaction()?;
            let mut cleared: Vec<&GraphName> = Vec::new();
            for g in quads
                .iter()
                .map(|q| &q.graph_name)
                .chain(records.iter().map(|r| &r.graph))
            {
                if !cleared.contains(&g) {
                    tx.clear_graph(g.as_ref())?;
                    cleared.push(g);
                }
            }
            tx.extend(&quads);
            tx.extend(&metadata);
            for record in &records {
                tx.extend(&record.to_quads());
            }
            tx.commit()?;
        } else {
            let mut loader = self.inner().bulk_loader();
            loader.load_quads(quads)?;
            loader.load_quads(metadata)?;
            for record in &records {
                loader.load_quads(record.to_quads())?;
            }
            loader.commit()?;
        }
        for record in &records {
            tracing::info!(
                graph = %record.graph,
                source = %record.source_name,
                triples = record.triples,
                "mapped load committed"
            );
        }
        Ok(records
            .into_iter()
            .map(|record| LoadReport { record })
            .collect())
    }
}
