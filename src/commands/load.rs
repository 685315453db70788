//! `twingraph load`: atomic loads with a progress bar and a summary line.

use super::gate;
use crate::Outcome;
use crate::cli::LoadArgs;
use crate::config::FileConfig;
use anyhow::{Context, bail};
use indicatif::{ProgressBar, ProgressStyle};
use std::path::Path;
use std::time::{Duration, Instant};
use twingraph_store::oxigraph::model::{GraphName, NamedNode, Quad};
use twingraph_store::{LoadOptions, LoadReport, ResultFormat, SourceDescription, TwinStore};

/// Well-known licences accepted by name in `--licence`.
const LICENCES: [(&str, &str); 5] = [
    (
        "ogl-3",
        "http://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/",
    ),
    ("cc-by-4.0", "https://creativecommons.org/licenses/by/4.0/"),
    (
        "cc0-1.0",
        "https://creativecommons.org/publicdomain/zero/1.0/",
    ),
    ("odbl-1.0", "https://opendatacommons.org/licenses/odbl/1-0/"),
    (
        "cc-by-sa-4.0",
        "https://creativecommons.org/licenses/by-sa/4.0/",
    ),
];

/// The licence IRI for a name of [`LICENCES`] or an absolute IRI.
pub fn licence_iri(value: &str) -> anyhow::Result<NamedNode> {
    let lower = value.to_ascii_lowercase();
    if let Some((_, iri)) = LICENCES.iter().find(|(name, _)| *name == lower) {
        return Ok(NamedNode::new_unchecked(*iri));
    }
    if value.contains(':') {
        return super::parse_iri(value);
    }
    let names: Vec<&str> = LICENCES.iter().map(|(n, _)| *n).collect();
    bail!(
        "unknown licence {value:?}: give an IRI or one of {}",
        names.join(", ")
    )
}

/// The access-level concept for `open`, `restricted` or `closed`.
pub fn access_iri(value: &str) -> anyhow::Result<NamedNode> {
    twingraph_store::access_level(value)
        .with_context(|| format!("unknown access level {value:?}: use open, restricted or closed"))
}

/// Runs `load`.
pub fn run(store: &TwinStore, config: &FileConfig, args: &LoadArgs) -> anyhow::Result<Outcome> {
    let mut options = LoadOptions {
        replace: args.replace,
        base_iri: args.base.clone(),
        parse_threads: args.parse_threads,
        licence: args
            .licence
            .as_deref()
            .or(config.load.licence.as_deref())
            .map(licence_iri)
            .transpose()?,
        access_level: args
            .access
            .as_deref()
            .or(config.load.access.as_deref())
            .map(access_iri)
            .transpose()?,
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
    let shapes = if args.shapes.is_empty() {
        &config.load.shapes
    } else {
        &args.shapes
    };
    let verdict = if shapes.is_empty() {
        None
    } else {
        if stdin {
            bail!("--shapes cannot validate stdin: save the data to a file first");
        }
        let verdict = gate::check(shapes, &args.files)?;
        if let Some(path) = &args.report {
            super::validate::write_report(&verdict.report, path)?;
        }
        eprintln!(
            "validated {} triples against {} shapes: {} violation(s), {} result(s) in all",
            verdict.triples,
            verdict.shapes,
            verdict.violations,
            verdict.report.results().len()
        );
        for line in verdict.record_lines(20) {
            eprintln!("  {line}");
        }
        if verdict.report.results().len() > 20 {
            eprintln!("  … (see --report for all results)");
        }
        options.quarantine = !verdict.passes();
        Some(verdict)
    };
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
    match verdict {
        Some(verdict) if !verdict.passes() => {
            let report_graph = store_report(store, &verdict, &reports)?;
            eprintln!(
                "QUARANTINED: the data has {} violation(s), so it went to quarantine graph(s), \
                 not the live ones; the report is in graph <{}>. Fix the source and \
                 load again, or promote with SPARQL `MOVE GRAPH <quarantine graph> TO <graph>`.",
                verdict.violations,
                report_graph.as_str()
            );
            Ok(Outcome::CheckFailed)
        }
        _ => Ok(Outcome::Success),
    }
}

/// Stores the validation report of a quarantined load in its own graph,
/// `urn:twingraph:report:<id of the first load activity>`, linked to the load activities.
fn store_report(
    store: &TwinStore,
    verdict: &gate::Verdict,
    reports: &[LoadReport],
) -> anyhow::Result<NamedNode> {
    let id = reports
        .first()
        .and_then(|r| r.record.activity.as_str().rsplit(':').next())
        .unwrap_or("unknown");
    let graph = NamedNode::new(format!("urn:twingraph:report:{id}"))?;
    let generated_by = NamedNode::new_unchecked("http://www.w3.org/ns/prov#wasGeneratedBy");
    let mut quads: Vec<Quad> = verdict
        .report
        .to_graph()
        .iter()
        .map(|t| t.into_owned().in_graph(graph.clone()))
        .collect();
    for r in reports {
        quads.push(Quad::new(
            graph.clone(),
            generated_by.clone(),
            r.record.activity.clone(),
            graph.clone(),
        ));
    }
    store.replace_graph(&GraphName::NamedNode(graph.clone()), quads)?;
    Ok(graph)
}
