//! Provenance of loads, recorded with PROV-O, DCAT and SPDX terms in the metadata graph.
//!
//! For a load of file `F` into graph `G` the metadata graph receives:
//! ```text
//! <urn:twingraph:load:…> a prov:Activity, tg:Load ;
//!     prov:startedAtTime "…"^^xsd:dateTime ; prov:endedAtTime "…"^^xsd:dateTime ;
//!     prov:used <urn:twingraph:load:…/source> ; prov:generated G ;
//!     tg:triplesLoaded 123 ; tg:durationSeconds 0.5 ; tg:loadMode "append" .
//! <urn:twingraph:load:…/source> a dcat:Distribution ;
//!     dcterms:title "F" ; dcat:downloadURL <file:///…/F> ; dcat:mediaType "text/turtle" ;
//!     dcat:byteSize 4567 ;
//!     spdx:checksum [ a spdx:Checksum ; spdx:algorithm spdx:checksumAlgorithm_sha256 ;
//!                     spdx:checksumValue "…" ] .
//! G a dcat:Dataset, sd:Graph, gov:SourceGraph ; prov:wasGeneratedBy <urn:twingraph:load:…> ;
//!     dcterms:modified "…"^^xsd:dateTime ;
//!     dcterms:license <licence> ; gov:accessLevel <level> .   # when the load gives them
//! ```
//! A quarantined load records `tg:loadMode "append quarantine"` (or `"replace quarantine"`)
//! and `G` is the quarantine graph.

use oxigraph::model::vocab::{rdf, xsd};
use oxigraph::model::{BlankNode, GraphName, Literal, NamedNode, NamedOrBlankNode, Quad, Term};
use oxsdatatypes::DateTime;
use std::time::Duration;

/// IRI of the named graph holding provenance and catalogue metadata.
pub const META_GRAPH: &str = "urn:twingraph:graph:meta";

/// The IRI standing for the unnamed default graph in provenance records.
pub const DEFAULT_GRAPH_IRI: &str = "urn:twingraph:graph:default";

/// Namespace of the governance module (`gov:accessLevel`, `gov:SourceGraph`).
pub(crate) const GOV: &str = "https://w3id.org/twingraph/def/governance#";
/// Namespace of the access-level code list.
const ACCESS_LEVEL: &str = "https://w3id.org/twingraph/def/vocab/access-level#";

/// The access-level concept named `name` (`open`, `restricted` or `closed`, any case).
pub fn access_level(name: &str) -> Option<NamedNode> {
    let local = match name.to_ascii_lowercase().as_str() {
        "open" => "Open",
        "restricted" => "Restricted",
        "closed" => "Closed",
        _ => return None,
    };
    Some(iri(ACCESS_LEVEL, local))
}

/// Namespace of TwinGraph's own terms (the ontology issue owns the rest of this namespace).
pub(crate) const TG: &str = "https://w3id.org/twingraph/def/core#";
const PROV: &str = "http://www.w3.org/ns/prov#";
const DCAT: &str = "http://www.w3.org/ns/dcat#";
const DCTERMS: &str = "http://purl.org/dc/terms/";
const SPDX: &str = "http://spdx.org/rdf/terms#";
const SD: &str = "http://www.w3.org/ns/sparql-service-description#";

pub(crate) fn iri(ns: &str, local: &str) -> NamedNode {
    NamedNode::new_unchecked(format!("{ns}{local}"))
}

/// What one load did, as recorded in the metadata graph.
#[derive(Debug, Clone, PartialEq)]
pub struct LoadRecord {
    /// The IRI of the load activity.
    pub activity: NamedNode,
    /// The graph that was written.
    pub graph: GraphName,
    /// A human-readable name of the source (file name, `stdin`, `HTTP PUT`…).
    pub source_name: String,
    /// `file:` URL of the source, when it was a file.
    pub source_url: Option<String>,
    /// Media type of the source syntax.
    pub media_type: String,
    /// SHA-256 of the source bytes, lower-case hex.
    pub sha256: String,
    /// Size of the source in bytes.
    pub bytes: u64,
    /// Number of triples (or quads) read from the source.
    pub triples: u64,
    /// When the load started.
    pub started: DateTime,
    /// When the load ended.
    pub ended: DateTime,
    /// How long reading, parsing and handing the quads to the store took (recorded as
    /// `tg:durationSeconds`). The final commit comes after and is not included: the record
    /// is part of that commit. The CLI's summary line reports the total.
    pub duration: Duration,
    /// `append` or `replace`.
    pub mode: String,
    /// Licence of the data (`dcterms:license` of the graph), when given.
    pub licence: Option<NamedNode>,
    /// Access level of the data (`gov:accessLevel` of the graph), when given.
    pub access_level: Option<NamedNode>,
    /// Whether the load went to a quarantine graph (recorded as `tg:loadMode "append quarantine"`).
    pub quarantined: bool,
}

impl LoadRecord {
    /// The quads describing this load, to be written into [`META_GRAPH`].
    pub(crate) fn to_quads(&self) -> Vec<Quad> {
        let g = GraphName::NamedNode(NamedNode::new_unchecked(META_GRAPH));
        let act = NamedOrBlankNode::NamedNode(self.activity.clone());
        let dist = NamedNode::new_unchecked(format!("{}/source", self.activity.as_str()));
        let checksum = BlankNode::default();
        let graph_node = match &self.graph {
            GraphName::NamedNode(n) => n.clone(),
            // The default graph has no name: provenance calls it by this IRI.
            _ => NamedNode::new_unchecked(DEFAULT_GRAPH_IRI),
        };
        let graph = NamedOrBlankNode::NamedNode(graph_node.clone());
        let date = |d: &DateTime| Literal::new_typed_literal(d.to_string(), xsd::DATE_TIME);
        let mut out = Vec::with_capacity(24);
        let mut add =
            |s: NamedOrBlankNode, p: NamedNode, o: Term| out.push(Quad::new(s, p, o, g.clone()));
        add(act.clone(), rdf::TYPE.into(), iri(PROV, "Activity").into());
        add(act.clone(), rdf::TYPE.into(), iri(TG, "Load").into());
        add(
            act.clone(),
            iri(PROV, "startedAtTime"),
            date(&self.started).into(),
        );
        add(
            act.clone(),
            iri(PROV, "endedAtTime"),
            date(&self.ended).into(),
        );
        add(act.clone(), iri(PROV, "used"), dist.clone().into());
        add(act.clone(), iri(PROV, "generated"), graph_node.into());
        add(
            act.clone(),
            iri(TG, "triplesLoaded"),
            Literal::from(self.triples as i64).into(),
        );
        add(
            act.clone(),
            iri(TG, "durationSeconds"),
            Literal::new_typed_literal(format!("{:.3}", self.duration.as_secs_f64()), xsd::DECIMAL)
                .into(),
        );
        let mode = if self.quarantined {
            format!("{} quarantine", self.mode)
        } else {
            self.mode.clone()
        };
        add(
            act,
            iri(TG, "loadMode"),
            Literal::new_simple_literal(mode).into(),
        );
        let d = NamedOrBlankNode::NamedNode(dist);
        add(
            d.clone(),
            rdf::TYPE.into(),
            iri(DCAT, "Distribution").into(),
        );
        add(
            d.clone(),
            iri(DCTERMS, "title"),
            Literal::new_simple_literal(&self.source_name).into(),
        );
        if let Some(url) = &self.source_url {
            add(
                d.clone(),
                iri(DCAT, "downloadURL"),
                NamedNode::new_unchecked(url).into(),
            );
        }
        add(
            d.clone(),
            iri(DCAT, "mediaType"),
            Literal::new_simple_literal(&self.media_type).into(),
        );
        add(
            d.clone(),
            iri(DCAT, "byteSize"),
            Literal::from(self.bytes as i64).into(),
        );
        add(d, iri(SPDX, "checksum"), checksum.clone().into());
        let c = NamedOrBlankNode::BlankNode(checksum);
        add(c.clone(), rdf::TYPE.into(), iri(SPDX, "Checksum").into());
        add(
            c.clone(),
            iri(SPDX, "algorithm"),
            iri(SPDX, "checksumAlgorithm_sha256").into(),
        );
        add(
            c,
            iri(SPDX, "checksumValue"),
            Literal::new_typed_literal(&self.sha256, xsd::HEX_BINARY).into(),
        );
        add(graph.clone(), rdf::TYPE.into(), iri(DCAT, "Dataset").into());
        add(graph.clone(), rdf::TYPE.into(), iri(SD, "Graph").into());
        add(
            graph.clone(),
            rdf::TYPE.into(),
            iri(GOV, "SourceGraph").into(),
        );
        if let Some(licence) = &self.licence {
            add(
                graph.clone(),
                iri(DCTERMS, "license"),
                licence.clone().into(),
            );
        }
        if let Some(level) = &self.access_level {
            add(graph.clone(), iri(GOV, "accessLevel"), level.clone().into());
        }
        add(
            graph.clone(),
            iri(PROV, "wasGeneratedBy"),
            self.activity.clone().into(),
        );
        add(graph, iri(DCTERMS, "modified"), date(&self.ended).into());
        out
    }
}

/// A named graph of the store, with its size and the last load that wrote it.
#[derive(Debug, Clone, PartialEq)]
pub struct GraphInfo {
    /// Graph IRI (or blank node label rendered as `_:x`).
    pub name: String,
    /// Number of triples now in the graph.
    pub triples: u64,
    /// Loads recorded for this graph, oldest first.
    pub loads: Vec<LoadSummary>,
}

/// The short form of a [`LoadRecord`] read back from the metadata graph.
#[derive(Debug, Clone, PartialEq)]
pub struct LoadSummary {
    /// IRI of the load activity.
    pub activity: String,
    /// Source title (file name).
    pub source: String,
    /// SHA-256 of the source.
    pub sha256: String,
    /// Triples read.
    pub triples: u64,
    /// When the load ended (xsd:dateTime lexical form).
    pub ended: String,
    /// `append` or `replace`.
    pub mode: String,
}

/// SPARQL query listing the loads recorded in the metadata graph.
pub(crate) fn loads_query() -> String {
    format!(
        "PREFIX prov: <{PROV}> PREFIX dcterms: <{DCTERMS}> PREFIX spdx: <{SPDX}> PREFIX tg: <{TG}>
        SELECT ?g ?act ?title ?sha ?n ?ended ?mode WHERE {{ GRAPH <{META_GRAPH}> {{
            ?act a tg:Load ; prov:generated ?g ; prov:used ?d ; tg:triplesLoaded ?n ;
                 prov:endedAtTime ?ended ; tg:loadMode ?mode .
            ?d dcterms:title ?title ; spdx:checksum/spdx:checksumValue ?sha .
        }} }} ORDER BY ?g ?ended"
    )
}
