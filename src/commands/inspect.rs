//! `twingraph dump`, `graphs` and `stats`: reading the store's content and shape.

use super::parse_iri;
use crate::Outcome;
use crate::cli::{DumpArgs, GraphsArgs};
use anyhow::{Context, bail};
use std::io::{BufWriter, Write};
use twingraph_store::oxigraph::io::RdfFormat;
use twingraph_store::oxigraph::model::GraphName;
use twingraph_store::{ResultFormat, TwinStore};

/// Runs `dump`.
pub fn dump(store: &TwinStore, args: &DumpArgs) -> anyhow::Result<Outcome> {
    let graph = match args.graph.as_deref() {
        None => None,
        Some("default") => Some(GraphName::DefaultGraph),
        Some(iri) => Some(GraphName::NamedNode(parse_iri(iri)?)),
    };
    let format = match args.format.as_deref() {
        None if graph.is_some() => RdfFormat::Turtle,
        None => RdfFormat::NQuads,
        Some(name) => match ResultFormat::from_name(name) {
            Some(ResultFormat::Rdf(f)) => f,
            _ => bail!("unknown RDF format {name:?}: use nq, trig, ttl, nt, rdf or jsonld"),
        },
    };
    if let Some(g) = &graph {
        if !store.contains_graph(g)? {
            bail!("no graph {g} in the store (see `twingraph graphs`)");
        }
    }
    let out = BufWriter::new(std::io::stdout().lock());
    let mut out = store.dump(out, format, graph.as_ref())?;
    out.flush().context("cannot write to stdout")?;
    Ok(Outcome::Success)
}

/// Runs `graphs`.
pub fn graphs(store: &TwinStore, args: &GraphsArgs) -> anyhow::Result<Outcome> {
    let graphs = store.graphs()?;
    let mut out = BufWriter::new(std::io::stdout().lock());
    if args.json {
        let json: Vec<_> = graphs
            .iter()
            .map(|g| {
                serde_json::json!({
                    "graph": g.name,
                    "triples": g.triples,
                    "loads": g.loads.iter().map(|l| serde_json::json!({
                        "activity": l.activity, "source": l.source, "sha256": l.sha256,
                        "triples": l.triples, "ended": l.ended, "mode": l.mode,
                    })).collect::<Vec<_>>(),
                })
            })
            .collect();
        serde_json::to_writer_pretty(&mut out, &json)?;
        writeln!(out)?;
    } else {
        writeln!(out, "{:<60} {:>12}  last load", "graph", "triples")?;
        for g in &graphs {
            let last = g.loads.last().map_or_else(
                || "-".to_owned(),
                |l| {
                    format!(
                        "{} {} ({} sha256 {})",
                        l.ended,
                        l.mode,
                        l.source,
                        short(&l.sha256)
                    )
                },
            );
            writeln!(out, "{:<60} {:>12}  {last}", g.name, g.triples)?;
        }
    }
    out.flush()?;
    Ok(Outcome::Success)
}

fn short(hash: &str) -> &str {
    &hash[..hash.len().min(12)]
}

/// Runs `stats`.
pub fn stats(store: &TwinStore) -> anyhow::Result<Outcome> {
    let stats = store.stats()?;
    if let Some(dir) = store.path() {
        println!("store directory   {}", dir.display());
    }
    if let Some(bytes) = stats.disk_bytes {
        println!("on-disk size      {bytes} bytes");
    }
    println!("quads             {}", stats.quads);
    println!("default graph     {} triples", stats.default_graph_triples);
    println!("named graphs      {}", stats.named_graphs);
    Ok(Outcome::Success)
}
