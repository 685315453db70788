//! `twingraph serve` and `twingraph demo`.

use super::import::CIM_ALIGNED_GRAPH;
use crate::Outcome;
use crate::cli::{Cli, ServeArgs};
use crate::config::FileConfig;
use anyhow::Context;
use std::path::Path;
use twingraph_server::ServerConfig;
use twingraph_store::oxigraph::io::RdfFormat;
use twingraph_store::oxigraph::model::{GraphName, NamedNode};
use twingraph_store::{LoadOptions, MappedGraph, MappedSource, SourceDescription, TwinStore};

/// The example bundled with the binary, so `demo` works from any directory.
const DEMO_DATA: &[u8] = include_bytes!("../../examples/teed/teed-sample.ttl");
/// The IFC models of the example district, imported through the IFC adapter.
const DEMO_IFC: &[(&str, &[u8])] = &[(
    "uprn-100070040310.ifc",
    include_bytes!("../../examples/teed/district/ifc/uprn-100070040310.ifc"),
)];
/// The CGMES models of the example district's grid, imported through the CIM adapter.
const DEMO_CIM: &[(&str, &[u8])] = &[
    (
        "TEED_SYN_EQ.xml",
        include_bytes!("../../examples/teed/district/grid/cgmes/TEED_SYN_EQ.xml"),
    ),
    (
        "TEED_SYN_TP.xml",
        include_bytes!("../../examples/teed/district/grid/cgmes/TEED_SYN_TP.xml"),
    ),
    (
        "TEED_SYN_SSH.xml",
        include_bytes!("../../examples/teed/district/grid/cgmes/TEED_SYN_SSH.xml"),
    ),
    (
        "TEED_SYN_GL.xml",
        include_bytes!("../../examples/teed/district/grid/cgmes/TEED_SYN_GL.xml"),
    ),
];
/// The rule sets the demo keeps materialised (relative to the repository).
const DEMO_RULES: [&str; 2] = ["ontology/rules/epc.srl", "ontology/rules/outage.srl"];
/// The graph the demo data goes to.
const DEMO_GRAPH: &str = "urn:twingraph:graph:examples:teed-sample";

/// Runs `serve` until Ctrl-C.
pub fn serve(store: TwinStore, config: ServerConfig) -> anyhow::Result<Outcome> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .context("cannot start the async runtime")?;
    runtime.block_on(async move {
        twingraph_server::serve(store, config, async {
            let _ = tokio::signal::ctrl_c().await;
            tracing::info!("shutting down");
        })
        .await
    })?;
    Ok(Outcome::Success)
}

/// Runs `demo`: loads the bundled example into the given store (or a temporary one) and serves it.
pub fn demo(cli: &Cli, config: &FileConfig, args: &ServeArgs) -> anyhow::Result<Outcome> {
    let temp;
    let store = if config.store_given(cli) {
        super::open(cli, config)?
    } else {
        temp = tempfile::tempdir().context("cannot create a temporary store directory")?;
        TwinStore::open(temp.path()).context("cannot open the temporary store")?
    };
    let options = LoadOptions {
        format: Some(RdfFormat::Turtle),
        graph: Some(GraphName::NamedNode(NamedNode::new_unchecked(DEMO_GRAPH))),
        replace: true,
        // The example is written for this project and published with it, openly.
        licence: Some(NamedNode::new_unchecked(
            "https://creativecommons.org/licenses/by/4.0/",
        )),
        access_level: twingraph_store::access_level("open"),
        ..LoadOptions::default()
    };
    let report = store.load_reader(
        DEMO_DATA,
        &SourceDescription::named("examples/teed/teed-sample.ttl"),
        &options,
        |_| (),
    )?;
    let mut loaded = vec![format!(
        "{} triples of the hand-written TEED sample in <{DEMO_GRAPH}>",
        report.triples()
    )];
    for (name, bytes) in DEMO_IFC {
        let import = twingraph_ifc::read(*bytes, &twingraph_ifc::ImportOptions::default())
            .with_context(|| format!("the bundled {name}"))?;
        let source = MappedSource::from_bytes(
            SourceDescription::named(format!("examples/teed/district/ifc/{name}")),
            "application/x-step",
            bytes,
        );
        let ifc_options = LoadOptions {
            graph: Some(LoadOptions::graph_for_source(name)),
            ..options.clone()
        };
        let quads = import
            .triples
            .into_iter()
            .map(|t| t.in_graph(GraphName::DefaultGraph));
        let r = store.load_mapped(quads, &source, &ifc_options)?;
        loaded.push(format!(
            "{} triples of IFC model {name} ({} storeys, {} spaces, {} elements) in {}",
            r.triples(),
            import.summary.storeys,
            import.summary.spaces,
            import.summary.elements,
            r.graph()
        ));
    }
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    loaded.push(demo_grid(&store, &options, &repo.join("mappings/cim"))?);
    let mut server = config.server_config(args);
    if server.queries_dir.is_none() && repo.join("queries").is_dir() {
        server.queries_dir = Some(repo.join("queries"));
    }
    if server.ontology_dir.is_none() && repo.join("ontology").is_dir() {
        server.ontology_dir = Some(repo.join("ontology"));
    }
    if server.shapes.is_empty() && repo.join("shapes").is_dir() {
        server.shapes = vec![repo.join("shapes")];
    }
    server.shapes = super::validate::expand_shapes(&server.shapes)?;
    if !server.shapes.is_empty() {
        let shapes = super::validate::read_shapes(&server.shapes)?;
        let data = super::validate::stored_graphs(&store, &[])?;
        let report = twingraph_shacl::try_validate(&shapes, &data)
            .context("the shapes could not be evaluated")?;
        let mut by_severity = std::collections::BTreeMap::<&str, usize>::new();
        for result in report.results() {
            let severity = result.severity.as_str();
            let name = severity.rsplit('#').next().unwrap_or(severity);
            *by_severity.entry(name).or_default() += 1;
        }
        let counts: Vec<String> = by_severity
            .iter()
            .map(|(severity, n)| format!("{n} {severity}"))
            .collect();
        loaded.push(format!(
            "validated {} live triples against {} shapes: {} ({}; GET /validate for the report)",
            data.len(),
            shapes.len(),
            if report.conforms() {
                "conforms"
            } else {
                "does not conform"
            },
            if counts.is_empty() {
                "no results".to_owned()
            } else {
                counts.join(", ")
            }
        ));
    }
    if server.rules.is_empty() && DEMO_RULES.iter().all(|r| repo.join(r).is_file()) {
        server.rules = DEMO_RULES.iter().map(|r| repo.join(r)).collect();
        loaded.push(format!(
            "rules {} kept materialised (EPC bands from SAP scores, latest EPC per dwelling; \
             which equipment loses supply if a switch opens)",
            DEMO_RULES.join(", ")
        ));
    }
    let base = format!("http://{}", server.bind);
    eprintln!(
        "TwinGraph demo:\n  {}\n\
         \n  web page         {base}/\n  SPARQL endpoint  {base}/sparql\n  graph store      {base}/store\n\
         \nTry:\n  curl -G {base}/sparql -H 'Accept: text/csv' \\\n    \
         --data-urlencode 'query=SELECT ?site ?mw WHERE {{ GRAPH ?g {{ ?site <https://w3id.org/twingraph/def/energy#exportCapacityMW> ?mw }} }}'\n  \
         curl -G {base}/sparql -H 'Accept: text/csv' \\\n    \
         --data-urlencode 'query=SELECT ?g (COUNT(*) AS ?triples) WHERE {{ GRAPH ?g {{ ?s ?p ?o }} }} GROUP BY ?g'\n  \
         curl {base}/api/queries          # the named use-case queries (OpenAPI: {base}/api/openapi.json)\n\
         \nPress Ctrl-C to stop.",
        loaded.join("\n  ")
    );
    serve(store, server)
}

/// Imports the district's CGMES models (one graph per model) and, when the mappings folder is
/// there, their alignment into the common ontology; returns the line the demo prints.
fn demo_grid(store: &TwinStore, options: &LoadOptions, mappings: &Path) -> anyhow::Result<String> {
    let sources: Vec<twingraph_cim::Source> = DEMO_CIM
        .iter()
        .map(|(name, bytes)| twingraph_cim::Source {
            name: format!("examples/teed/district/grid/cgmes/{name}"),
            data: bytes.to_vec(),
        })
        .collect();
    let import = twingraph_cim::read_sources(sources, &twingraph_cim::CimOptions::default())
        .context("the bundled CGMES models")?;
    let aligned = if mappings.is_dir() {
        twingraph_cim::align(&import.quads, &[mappings.to_path_buf()])?
    } else {
        Vec::new()
    };
    let mut parts: Vec<MappedGraph> = Vec::new();
    for model in &import.models {
        let graph = GraphName::NamedNode(model.graph.clone());
        let quads: Vec<_> = import
            .quads
            .iter()
            .filter(|q| q.graph_name == graph)
            .cloned()
            .collect();
        let bytes = DEMO_CIM
            .iter()
            .find(|(name, _)| model.file.ends_with(name))
            .map_or(&[][..], |(_, b)| *b);
        parts.push(MappedGraph {
            graph,
            quads,
            source: MappedSource::from_bytes(
                SourceDescription::named(&model.file),
                "application/rdf+xml",
                bytes,
            ),
        });
    }
    let aligned_triples = aligned.len();
    if !aligned.is_empty() {
        parts.push(MappedGraph {
            graph: GraphName::NamedNode(NamedNode::new_unchecked(CIM_ALIGNED_GRAPH)),
            quads: aligned
                .into_iter()
                .map(|t| t.in_graph(GraphName::DefaultGraph))
                .collect(),
            source: MappedSource::from_bytes(
                SourceDescription::named("mappings/cim"),
                "application/sparql-query",
                b"mappings/cim",
            ),
        });
    }
    let options = LoadOptions {
        graph: None,
        ..options.clone()
    };
    let meta = GraphName::NamedNode(NamedNode::new_unchecked(twingraph_store::META_GRAPH));
    let metadata = import
        .metadata
        .into_iter()
        .map(|t| t.in_graph(meta.clone()))
        .collect();
    store.load_mapped_graphs(parts, metadata, &options)?;
    Ok(format!(
        "grid: {}; {aligned_triples} triples aligned to the common ontology in <{CIM_ALIGNED_GRAPH}>",
        import.summary
    ))
}
