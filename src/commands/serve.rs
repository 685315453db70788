//! `twingraph serve` and `twingraph demo`.

use crate::Outcome;
use crate::cli::{Cli, ServeArgs};
use crate::config::FileConfig;
use anyhow::Context;
use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::path::Path;
use std::time::{Duration, Instant};
use twingraph_server::ServerConfig;
use twingraph_store::oxigraph::io::RdfFormat;
use twingraph_store::oxigraph::model::{GraphName, NamedNode};
use twingraph_store::{LoadOptions, SourceDescription, TwinStore};

/// The hand-written TEED sample (real sites, the ward, the station, four sample dwellings that
/// the district does not have), bundled with the binary.
const DEMO_DATA: &[u8] = include_bytes!("../../examples/teed/teed-sample.ttl");
/// The example district (relative to the source tree), loaded through the RML mappings and the
/// IFC and CIM adapters with the code of `load-dir`.
const DEMO_DISTRICT: &str = "examples/teed/district";
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

/// Runs `demo`: loads the TEED sample and, through the mappings and adapters of `load-dir`, the
/// example district into the given store (or a temporary one), validates it with `shapes/`,
/// prints the time it took, and serves it with the rules and the named queries.
pub fn demo(cli: &Cli, config: &FileConfig, args: &ServeArgs) -> anyhow::Result<Outcome> {
    let started = Instant::now();
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
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let district = repo.join(DEMO_DISTRICT);
    let prepared = super::load_dir::prepare(
        &district,
        &super::load_dir::DistrictOptions {
            mappings: repo.join("mappings"),
            // The IFC model and the grid are synthetic, published with this project openly.
            licence: options.licence.clone(),
            access: options.access_level.clone(),
        },
    )
    .with_context(|| format!("the example district {}", district.display()))?;
    let district_load = super::load_dir::commit(&store, prepared, false)?;
    loaded.push(format!(
        "{} triples of the district {DEMO_DISTRICT} (load-dir, one commit):",
        district_load.triples
    ));
    loaded.extend(district_load.lines.iter().map(|l| format!("  {l}")));
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
    eprintln!(
        "loaded and validated in {:.1} s; starting the server",
        started.elapsed().as_secs_f64()
    );
    report_ready(server.bind, started);
    serve(store, server)
}

/// Prints how long the demo took to answer its first request (`GET /health`), from a thread
/// polling the bind address, once the server answers (or gives up after ten minutes).
fn report_ready(bind: SocketAddr, started: Instant) {
    std::thread::spawn(move || {
        let addr = if bind.ip().is_unspecified() {
            SocketAddr::from(([127, 0, 0, 1], bind.port()))
        } else {
            bind
        };
        while started.elapsed() < Duration::from_secs(600) {
            if let Ok(mut stream) = TcpStream::connect_timeout(&addr, Duration::from_secs(1)) {
                let _ = stream.set_read_timeout(Some(Duration::from_secs(60)));
                let mut answer = String::new();
                let asked = stream
                    .write_all(b"GET /health HTTP/1.0\r\nHost: localhost\r\n\r\n")
                    .and_then(|()| stream.read_to_string(&mut answer));
                if asked.is_ok() && answer.starts_with("HTTP/1.") && answer.contains(" 200 ") {
                    eprintln!(
                        "ready in {:.1} s (first request answered)",
                        started.elapsed().as_secs_f64()
                    );
                    return;
                }
            }
            std::thread::sleep(Duration::from_millis(50));
        }
    });
}
