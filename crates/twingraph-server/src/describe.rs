//! The SPARQL 1.1 Service Description returned by `GET` on an endpoint without parameters.

use crate::negotiate::Kind;
use twingraph_store::oxigraph::model::vocab::rdf;
use twingraph_store::oxigraph::model::{
    BlankNode, Graph, NamedNode, NamedOrBlankNode, Term, Triple,
};
use twingraph_store::oxigraph::store::Store;

const SD: &str = "http://www.w3.org/ns/sparql-service-description#";
const FORMATS: &str = "http://www.w3.org/ns/formats/";
/// At most this many named graphs are listed in `sd:defaultDataset`.
const MAX_LISTED_GRAPHS: usize = 1000;

/// Which operations an endpoint accepts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Operations {
    /// `/sparql`: queries and updates.
    Both,
    /// `/query`.
    QueryOnly,
    /// `/update`.
    UpdateOnly,
}

impl Operations {
    pub(crate) fn queries(self) -> bool {
        self != Self::UpdateOnly
    }

    pub(crate) fn updates(self) -> bool {
        self != Self::QueryOnly
    }
}

fn sd(local: &str) -> NamedNode {
    NamedNode::new_unchecked(format!("{SD}{local}"))
}

fn format_iri(media_type: &str) -> Option<NamedNode> {
    let local = match media_type.split(';').next().unwrap_or_default().trim() {
        "application/sparql-results+json" => "SPARQL_Results_JSON",
        "application/sparql-results+xml" => "SPARQL_Results_XML",
        "text/csv" => "SPARQL_Results_CSV",
        "text/tab-separated-values" => "SPARQL_Results_TSV",
        "text/turtle" => "Turtle",
        "application/n-triples" => "N-Triples",
        "application/rdf+xml" => "RDF_XML",
        "application/ld+json" => "JSON-LD",
        "text/n3" => "N3",
        "application/n-quads" => "N-Quads",
        "application/trig" => "TriG",
        _ => return None,
    };
    Some(NamedNode::new_unchecked(format!("{FORMATS}{local}")))
}

/// Builds the description of the endpoint at `endpoint`.
pub(crate) fn service_description(
    endpoint: &NamedNode,
    operations: Operations,
    read_only: bool,
    union_default_graph: bool,
    store: &Store,
) -> Graph {
    let mut g = Graph::new();
    let service = NamedOrBlankNode::from(BlankNode::default());
    let add = |g: &mut Graph, s: &NamedOrBlankNode, p: NamedNode, o: Term| {
        g.insert(&Triple::new(s.clone(), p, o));
    };
    add(&mut g, &service, rdf::TYPE.into(), sd("Service").into());
    add(&mut g, &service, sd("endpoint"), endpoint.clone().into());
    if operations.queries() {
        add(
            &mut g,
            &service,
            sd("supportedLanguage"),
            sd("SPARQL11Query").into(),
        );
    }
    if operations.updates() && !read_only {
        add(
            &mut g,
            &service,
            sd("supportedLanguage"),
            sd("SPARQL11Update").into(),
        );
    }
    if union_default_graph {
        add(
            &mut g,
            &service,
            sd("feature"),
            sd("UnionDefaultGraph").into(),
        );
    }
    add(&mut g, &service, sd("feature"), sd("EmptyGraphs").into());
    if operations.queries() {
        let mut formats = Kind::Solutions.candidates();
        formats.extend(Kind::Graph.candidates());
        for f in formats {
            if let Some(iri) = format_iri(f.media_type()) {
                add(&mut g, &service, sd("resultFormat"), iri.into());
            }
        }
        let dataset = NamedOrBlankNode::from(BlankNode::default());
        add(
            &mut g,
            &service,
            sd("defaultDataset"),
            dataset.clone().into(),
        );
        add(&mut g, &dataset, rdf::TYPE.into(), sd("Dataset").into());
        let default_graph = NamedOrBlankNode::from(BlankNode::default());
        add(
            &mut g,
            &dataset,
            sd("defaultGraph"),
            default_graph.clone().into(),
        );
        add(&mut g, &default_graph, rdf::TYPE.into(), sd("Graph").into());
        for name in store
            .named_graphs()
            .take(MAX_LISTED_GRAPHS)
            .filter_map(Result::ok)
        {
            let named = NamedOrBlankNode::from(BlankNode::default());
            add(&mut g, &dataset, sd("namedGraph"), named.clone().into());
            add(&mut g, &named, rdf::TYPE.into(), sd("NamedGraph").into());
            let name: Term = match name {
                NamedOrBlankNode::NamedNode(n) => n.into(),
                NamedOrBlankNode::BlankNode(b) => b.into(),
            };
            add(&mut g, &named, sd("name"), name);
        }
    }
    g
}
