//! `twingraph serve` and `twingraph demo`.

use crate::Outcome;
use crate::cli::{Cli, ServeArgs};
use crate::config::FileConfig;
use anyhow::Context;
use twingraph_server::ServerConfig;
use twingraph_store::oxigraph::io::RdfFormat;
use twingraph_store::oxigraph::model::{GraphName, NamedNode};
use twingraph_store::{LoadOptions, SourceDescription, TwinStore};

/// The example bundled with the binary, so `demo` works from any directory.
const DEMO_DATA: &[u8] = include_bytes!("../../examples/teed/teed-sample.ttl");
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
    let server = config.server_config(args);
    let base = format!("http://{}", server.bind);
    eprintln!(
        "TwinGraph demo: {} triples of the TEED example in <{DEMO_GRAPH}>\n\
         \n  web page         {base}/\n  SPARQL endpoint  {base}/sparql\n  graph store      {base}/store\n\
         \nTry:\n  curl -G {base}/sparql -H 'Accept: text/csv' \\\n    \
         --data-urlencode 'query=SELECT ?site ?mw WHERE {{ GRAPH ?g {{ ?site <https://w3id.org/twingraph/def/energy#exportCapacityMW> ?mw }} }}'\n  \
         curl -G {base}/sparql -H 'Accept: text/csv' \\\n    \
         --data-urlencode 'query=SELECT ?g (COUNT(*) AS ?triples) WHERE {{ GRAPH ?g {{ ?s ?p ?o }} }} GROUP BY ?g'\n\
         \nPress Ctrl-C to stop.",
        report.triples()
    );
    serve(store, server)
}
