//! `twingraph load`: atomic loads with a progress bar and a summary line.

use crate::Outcome;
use crate::cli::LoadArgs;
use anyhow::{Context, bail};
use indicatif::{ProgressBar, ProgressStyle};
use std::path::Path;
use std::time::{Duration, Instant};
use twingraph_store::oxigraph::model::GraphName;
use twingraph_store::{LoadOptions, ResultFormat, SourceDescription, TwinStore};

/// Runs `load`.
pub fn run(store: &TwinStore, args: &LoadArgs) -> anyhow::Result<Outcome> {
    let mut options = LoadOptions {
        replace: args.replace,
        base_iri: args.base.clone(),
        parse_threads: args.parse_threads,
        ..LoadOptions::default()
    };
    if let Some(name) = &args.format {
        match ResultFormat::from_name(name) {
            Some(ResultFormat::Rdf(f)) => options.format = Some(f),
            _ => bail!("unknown RDF format {name:?}: use nt, nq, ttl, trig, rdf, jsonld or n3"),
        }
    }
    if let Some(g) = &args.graph {
        options.graph = Some(GraphName::NamedNode(super::parse_iri(g)?));
    }
    let bar = ProgressBar::new_spinner();
    bar.set_style(
        ProgressStyle::with_template("{spinner} {elapsed_precise} {msg}")
            .context("progress template")?,
    );
    bar.enable_steady_tick(Duration::from_millis(200));
    let start = Instant::now();
    let progress = {
        let bar = bar.clone();
        move |n: u64| {
            let rate = n as f64 / start.elapsed().as_secs_f64().max(1e-9);
            bar.set_message(format!("{n} triples read ({rate:.0} triples/s)"));
        }
    };
    let stdin = args.files.iter().any(|f| f.as_os_str() == "-");
    let reports = if stdin {
        if args.files.len() != 1 {
            bail!("`-` (stdin) cannot be combined with other files");
        }
        if options.format.is_none() {
            bail!("loading from stdin needs --format");
        }
        let source = SourceDescription::named("stdin");
        if options.graph.is_none() {
            options.graph = Some(LoadOptions::graph_for_source(&source.name));
        }
        vec![store.load_reader(std::io::stdin().lock(), &source, &options, progress)?]
    } else {
        let paths: Vec<&Path> = args.files.iter().map(|p| p.as_path()).collect();
        store.load_files(&paths, &options, progress)?
    };
    bar.finish_and_clear();
    let elapsed = start.elapsed().as_secs_f64();
    let mut total = 0;
    for r in &reports {
        total += r.triples();
        eprintln!(
            "loaded {} triples from {} into {} (sha256 {})",
            r.triples(),
            r.record.source_name,
            r.graph(),
            &r.record.sha256[..16],
        );
    }
    eprintln!(
        "loaded {total} triples from {} file(s) in {elapsed:.2} s ({:.0} triples/s)",
        reports.len(),
        total as f64 / elapsed.max(1e-9)
    );
    Ok(Outcome::Success)
}
