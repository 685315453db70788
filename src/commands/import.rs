//! `twingraph import`: source data through an adapter crate into the store, atomically, with
//! the original file's provenance, the licence and access level, and the optional SHACL gate.

use super::gate;
use super::load::{governed_options, shapes_of};
use crate::Outcome;
use crate::cli::{GovernanceArgs, ImportArgs, ImportCimArgs, ImportCommand, ImportIfcArgs};
use crate::config::FileConfig;
use anyhow::{Context, bail};
use indicatif::{ProgressBar, ProgressStyle};
use std::collections::BTreeMap;
use std::fs::File;
use std::io::BufReader;
use std::path::PathBuf;
use std::time::{Duration, Instant};
use twingraph_store::oxigraph::model::{Graph, GraphName, NamedNode, Quad, Triple, TripleRef};
use twingraph_store::{
    LoadOptions, LoadReport, META_GRAPH, MappedGraph, MappedSource, SourceDescription, TwinStore,
};

/// Media type recorded for IFC files (ISO 10303-21).
const IFC_MEDIA_TYPE: &str = "application/x-step";

/// Runs `import`.
pub fn run(store: &TwinStore, config: &FileConfig, args: &ImportArgs) -> anyhow::Result<Outcome> {
    match &args.command {
        ImportCommand::Ifc(args) => ifc(store, config, args),
        ImportCommand::Cim(args) => cim(store, config, args),
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
    governance: &GovernanceArgs,
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

/// Media type recorded for CIM/XML models.
const CIM_MEDIA_TYPE: &str = "application/rdf+xml";
/// The graph receiving the result of `--align`.
pub const CIM_ALIGNED_GRAPH: &str = "urn:twingraph:graph:cim-aligned";

fn cim(store: &TwinStore, config: &FileConfig, args: &ImportCimArgs) -> anyhow::Result<Outcome> {
    let options = twingraph_cim::CimOptions {
        flavour: if args.trig_compatible {
            twingraph_cim::Flavour::TrigCompatible
        } else {
            twingraph_cim::Flavour::Rdf
        },
        allow_missing_dependencies: args.allow_missing_dependencies,
        allow_unknown_profiles: args.allow_unknown_profiles,
        typed_literals: !args.rdfs.is_empty(),
        rdfs: args.rdfs.clone(),
        datatypes: None,
    };
    let start = Instant::now();
    let mut sources = Vec::new();
    for path in &args.files {
        sources.extend(twingraph_cim::expand_path(path)?);
    }
    let bytes: usize = sources.iter().map(|s| s.data.len()).sum();
    let hashes: BTreeMap<String, MappedSource> = sources
        .iter()
        .map(|s| {
            let source = MappedSource::from_bytes(
                SourceDescription::named(&s.name),
                CIM_MEDIA_TYPE,
                &s.data,
            );
            (s.name.clone(), source)
        })
        .collect();
    let bar = ProgressBar::new(sources.len() as u64);
    bar.set_style(
        ProgressStyle::with_template("{bar:30} {pos}/{len} models {elapsed_precise} {msg}")
            .context("progress template")?,
    );
    let import =
        twingraph_cim::read_sources_with_progress(sources, &options, &mut |name, done, _| {
            bar.set_position(done as u64);
            bar.set_message(name.to_owned());
        })?;
    bar.finish_and_clear();
    let aligned = if args.align.is_empty() {
        Vec::new()
    } else {
        twingraph_cim::align(&import.quads, &args.align)?
    };
    // One part per model graph, with the model's file as its source.
    let mut by_graph: BTreeMap<String, Vec<Quad>> = BTreeMap::new();
    for q in import.quads {
        by_graph
            .entry(q.graph_name.to_string())
            .or_default()
            .push(q);
    }
    let mut parts = Vec::new();
    for model in &import.models {
        let Some(quads) = by_graph.remove(&model.graph.to_string()) else {
            continue; // a difference model: its changes are in the graph of its base
        };
        let source = hashes.get(&model.file).cloned().unwrap_or_else(|| {
            MappedSource::from_bytes(SourceDescription::named(&model.file), CIM_MEDIA_TYPE, &[])
        });
        parts.push(MappedGraph {
            graph: GraphName::NamedNode(model.graph.clone()),
            quads,
            source,
        });
    }
    if let Some((graph, _)) = by_graph.iter().next() {
        bail!("the CIM reader returned quads for {graph}, which is no model's graph");
    }
    if !aligned.is_empty() {
        let names: Vec<String> = args.align.iter().map(|p| p.display().to_string()).collect();
        parts.push(MappedGraph {
            graph: GraphName::NamedNode(NamedNode::new_unchecked(CIM_ALIGNED_GRAPH)),
            quads: aligned
                .into_iter()
                .map(|t| t.in_graph(GraphName::DefaultGraph))
                .collect(),
            source: MappedSource::from_bytes(
                SourceDescription::named(format!("CONSTRUCT alignments {}", names.join(", "))),
                "application/sparql-query",
                names.join("\n").as_bytes(),
            ),
        });
    }
    let meta = GraphName::NamedNode(NamedNode::new_unchecked(META_GRAPH));
    let metadata: Vec<Quad> = import
        .metadata
        .into_iter()
        .map(|t| t.in_graph(meta.clone()))
        .collect();
    let mut load = governed_options(config, &args.governance)?;
    load.replace = !args.append;
    let shapes = shapes_of(config, &args.governance)?;
    let verdict = if shapes.is_empty() {
        None
    } else {
        let mut data = Graph::new();
        for p in &parts {
            for q in &p.quads {
                data.insert(TripleRef::from(q.as_ref()));
            }
        }
        let verdict = gate::check_graph(&shapes, &data, &[])?;
        verdict.print(args.governance.report.as_deref())?;
        load.quarantine = !verdict.passes();
        Some(verdict)
    };
    let reports = store.load_mapped_graphs(parts, metadata, &load)?;
    for r in &reports {
        eprintln!(
            "loaded {} triples from {} into {}",
            r.triples(),
            r.record.source_name,
            r.graph()
        );
    }
    let s = &import.summary;
    let equipment: Vec<String> = s
        .equipment_by_class
        .iter()
        .map(|(c, n)| format!("{c} {n}"))
        .collect();
    if !equipment.is_empty() {
        eprintln!("equipment: {}", equipment.join(", "));
    }
    let elapsed = start.elapsed().as_secs_f64();
    eprintln!(
        "imported {s} into {} graph(s) in {elapsed:.2} s ({:.1} MB/s)",
        reports.len(),
        bytes as f64 / 1e6 / elapsed.max(1e-9)
    );
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
