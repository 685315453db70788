//! `twingraph import`: source data through an adapter crate into the store, atomically, with
//! the original file's provenance, the licence and access level, and the optional SHACL gate.

use super::gate;
use super::load::{governed_options, shapes_of};
use crate::Outcome;
use crate::cli::{ImportArgs, ImportCommand, ImportIfcArgs};
use crate::config::FileConfig;
use anyhow::{Context, bail};
use indicatif::{ProgressBar, ProgressStyle};
use std::collections::BTreeMap;
use std::fs::File;
use std::io::BufReader;
use std::path::PathBuf;
use std::time::{Duration, Instant};
use twingraph_store::oxigraph::model::{Graph, GraphName, Quad, Triple};
use twingraph_store::{LoadOptions, LoadReport, MappedSource, SourceDescription, TwinStore};

/// Media type recorded for IFC files (ISO 10303-21).
const IFC_MEDIA_TYPE: &str = "application/x-step";

/// Runs `import`.
pub fn run(store: &TwinStore, config: &FileConfig, args: &ImportArgs) -> anyhow::Result<Outcome> {
    match &args.command {
        ImportCommand::Ifc(args) => ifc(store, config, args),
    }
}

/// One mapped file, ready to load.
struct Mapped {
    path: PathBuf,
    triples: Vec<Triple>,
    graph: GraphName,
}

fn ifc(store: &TwinStore, config: &FileConfig, args: &ImportIfcArgs) -> anyhow::Result<Outcome> {
    if args.graph.is_some() && args.files.len() > 1 {
        bail!("--graph names one graph: import one file at a time with it, or leave it out");
    }
    let mut options = twingraph_ifc::ImportOptions {
        uprn: args.uprn.clone(),
        ifcowl: args.ifcowl,
        ..twingraph_ifc::ImportOptions::default()
    };
    if let Some(base) = &args.base {
        options.base_iri = base.clone();
    }
    let explicit_graph = args
        .graph
        .as_deref()
        .map(super::parse_iri)
        .transpose()?
        .map(GraphName::NamedNode);
    let start = Instant::now();
    let bar = spinner()?;
    let mut mapped = Vec::new();
    let mut by_class: BTreeMap<String, usize> = BTreeMap::new();
    let (mut entities, mut bytes) = (0_usize, 0_u64);
    for path in &args.files {
        bar.set_message(format!("reading {}", path.display()));
        let file = File::open(path).with_context(|| format!("cannot read {}", path.display()))?;
        let import = twingraph_ifc::read(BufReader::with_capacity(1 << 20, file), &options)
            .with_context(|| format!("{}", path.display()))?;
        let s = &import.summary;
        bar.suspend(|| {
            eprintln!("{}: {}", path.display(), s.to_string().trim_end());
            for w in s.warnings.iter().take(10) {
                eprintln!("  warning: {w}");
            }
            if s.warnings.len() > 10 {
                eprintln!("  … {} more warnings", s.warnings.len() - 10);
            }
        });
        for (class, n) in &s.elements_by_class {
            *by_class.entry(class.clone()).or_default() += n;
        }
        entities += s.entities;
        bytes += s.bytes;
        let graph = explicit_graph
            .clone()
            .unwrap_or_else(|| LoadOptions::graph_for_source(&SourceDescription::file(path).name));
        mapped.push(Mapped {
            path: path.clone(),
            triples: import.triples,
            graph,
        });
    }
    let read_secs = start.elapsed().as_secs_f64();
    bar.set_message("validating and loading");
    let outcome = load_all(
        store,
        config,
        &args.governance,
        !args.append,
        &mapped,
        IFC_MEDIA_TYPE,
    )?;
    bar.finish_and_clear();
    let triples: usize = mapped.iter().map(|m| m.triples.len()).sum();
    let elements: usize = by_class.values().sum();
    let elapsed = start.elapsed().as_secs_f64();
    eprintln!(
        "imported {} IFC file(s): {entities} entities ({:.1} MB, read and mapped in {read_secs:.2} s, \
         {:.1} MB/s), {elements} elements in {} classes, {triples} triples in {elapsed:.2} s",
        mapped.len(),
        bytes as f64 / 1e6,
        bytes as f64 / 1e6 / read_secs.max(1e-9),
        by_class.len(),
    );
    Ok(outcome)
}

/// Validates (when shapes are configured) and loads every mapped file in its graph, each load
/// atomic; all files are mapped before the first is loaded, so bad input loads nothing.
fn load_all(
    store: &TwinStore,
    config: &FileConfig,
    governance: &crate::cli::GovernanceArgs,
    replace: bool,
    mapped: &[Mapped],
    media_type: &str,
) -> anyhow::Result<Outcome> {
    let mut options = governed_options(config, governance)?;
    options.replace = replace;
    let shapes = shapes_of(config, governance)?;
    let verdict = if shapes.is_empty() {
        None
    } else {
        let mut data = Graph::new();
        for m in mapped {
            for t in &m.triples {
                data.insert(t);
            }
        }
        let verdict = gate::check_graph(&shapes, &data, &[])?;
        verdict.print(governance.report.as_deref())?;
        options.quarantine = !verdict.passes();
        Some(verdict)
    };
    let mut reports: Vec<LoadReport> = Vec::new();
    for m in mapped {
        let source = MappedSource::from_file(&m.path, media_type)?;
        options.graph = Some(m.graph.clone());
        let quads = m.triples.iter().map(|t| {
            Quad::new(
                t.subject.clone(),
                t.predicate.clone(),
                t.object.clone(),
                GraphName::DefaultGraph,
            )
        });
        let report = store.load_mapped(quads, &source, &options)?;
        eprintln!(
            "loaded {} triples from {} into {} (sha256 {})",
            report.triples(),
            report.record.source_name,
            report.graph(),
            &report.record.sha256[..16],
        );
        reports.push(report);
    }
    match verdict {
        Some(verdict) => verdict.finish(store, &reports),
        None => Ok(Outcome::Success),
    }
}

fn spinner() -> anyhow::Result<ProgressBar> {
    let bar = ProgressBar::new_spinner();
    bar.set_style(
        ProgressStyle::with_template("{spinner} {elapsed_precise} {msg}")
            .context("progress template")?,
    );
    bar.enable_steady_tick(Duration::from_millis(200));
    Ok(bar)
}
