//! `twingraph map`: runs a declarative RML mapping (crate `twingraph-rml`) over CSV, JSON or
//! XML sources, to an N-Quads file or into the store in one atomic commit, with the mapping
//! file and every source file it read recorded in the provenance (name, size, SHA-256).

use super::gate;
use super::load::{governed_options, shapes_of};
use crate::Outcome;
use crate::cli::{Cli, MapArgs};
use crate::config::FileConfig;
use anyhow::{Context, bail};
use indicatif::{ProgressBar, ProgressStyle};
use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};
use twingraph_rml::{ExecuteOptions, Mapping, ReferenceFormulation, SourceResolver, Stats};
use twingraph_store::oxigraph::io::{RdfFormat, RdfSerializer};
use twingraph_store::oxigraph::model::{Graph, GraphName, Quad, TripleRef};
use twingraph_store::{LoadOptions, MappedGraph, MappedSource, SourceDescription, TwinStore};

/// Base IRI of the relative IRIs a mapping generates when neither `--base` nor the mapping's
/// `@base` gives one: the default instance base of the IRI policy (`ontology/README.md`).
pub const DEFAULT_BASE: &str = "https://w3id.org/twingraph/id/";

/// Media type recorded for mapping files.
pub(crate) const MAPPING_MEDIA_TYPE: &str = "text/turtle";

/// How often (in quads) the progress message is refreshed.
const TICK: u64 = 1 << 16;

/// Runs `map`.
pub fn run(cli: &Cli, config: &FileConfig, args: &MapArgs) -> anyhow::Result<Outcome> {
    let start = Instant::now();
    let mapping_name = args.mapping.display().to_string();
    let mapping = Mapping::from_path(&args.mapping).with_context(|| mapping_name.clone())?;
    let mut resolver = SourceResolver::for_mapping_file(&args.mapping);
    for s in &args.sources {
        let Some((name, path)) = s.split_once('=') else {
            bail!("--source {s:?}: expected NAME=PATH");
        };
        if name.is_empty() || path.is_empty() {
            bail!("--source {s:?}: expected NAME=PATH");
        }
        resolver = resolver.with_source(name, path);
    }
    let base_iri = match &args.base {
        Some(b) => Some(super::parse_iri(b)?.into_string()),
        None if mapping.document_base.is_none() => Some(DEFAULT_BASE.to_owned()),
        None => None,
    };
    let options = ExecuteOptions {
        base_iri,
        dedup: true,
        lenient: args.lenient,
        missing_columns_are_null: args.missing_columns_are_null,
        threads: args.threads,
    };
    let explicit_graph = args
        .graph
        .as_deref()
        .map(super::parse_iri)
        .transpose()?
        .map(GraphName::NamedNode);
    let shapes = shapes_of(config, &args.governance)?;

    let bar = ProgressBar::new_spinner();
    bar.set_style(
        ProgressStyle::with_template("{spinner} {elapsed_precise} {msg}")
            .context("progress template")?,
    );
    bar.enable_steady_tick(Duration::from_millis(200));
    bar.set_message(format!("mapping {mapping_name}"));
    let mut produced = 0_u64;
    let mut tick = |bar: &ProgressBar| {
        produced += 1;
        if produced.is_multiple_of(TICK) {
            let rate = produced as f64 / start.elapsed().as_secs_f64().max(1e-9);
            bar.set_message(format!("{produced} quads ({rate:.0} quads/s)"));
        }
    };

    match &args.out {
        Some(out) => {
            if args.governance.licence.is_some() || args.governance.access.is_some() {
                bail!(
                    "--licence and --access describe graphs in the store: leave out --out to load \
                     into the store"
                );
            }
            if args.append {
                bail!("--append applies to the store: leave out --out to load into the store");
            }
            // A regular file is written beside its final name and renamed on success; `-`
            // (stdout) and existing non-files (`/dev/null`, a pipe) are written directly.
            let to_stdout = out.as_os_str() == "-";
            let direct = to_stdout || out.exists() && !out.is_file();
            let partial = if direct {
                None
            } else {
                Some(PathBuf::from(format!("{}.partial", out.display())))
            };
            let writer: Box<dyn Write> = if to_stdout {
                Box::new(std::io::stdout().lock())
            } else {
                let path = partial.as_deref().unwrap_or(out);
                Box::new(
                    std::fs::File::create(path)
                        .with_context(|| format!("cannot write {}", path.display()))?,
                )
            };
            let remove_partial = || {
                if let Some(p) = &partial {
                    let _ = std::fs::remove_file(p);
                }
            };
            let mut serializer = RdfSerializer::from_format(RdfFormat::NQuads)
                .for_writer(std::io::BufWriter::with_capacity(1 << 20, writer));
            let mut data = Graph::new();
            let keep = !shapes.is_empty();
            let result = twingraph_rml::execute(&mapping, &resolver, &options, |q: Quad| {
                tick(&bar);
                let q = match (&explicit_graph, q.graph_name.is_default_graph()) {
                    (Some(g), true) => Quad::new(q.subject, q.predicate, q.object, g.clone()),
                    _ => q,
                };
                if keep {
                    data.insert(TripleRef::from(q.as_ref()));
                }
                serializer.serialize_quad(&q)
            });
            let stats = match result {
                Ok(stats) => stats,
                Err(e) => {
                    bar.finish_and_clear();
                    drop(serializer);
                    remove_partial();
                    return Err(anyhow::Error::new(e).context(mapping_name));
                }
            };
            let written = serializer
                .finish()
                .and_then(|mut w| w.flush())
                .and_then(|()| match &partial {
                    Some(p) => std::fs::rename(p, out),
                    None => Ok(()),
                });
            if let Err(e) = written {
                remove_partial();
                return Err(e).with_context(|| format!("cannot write {}", out.display()));
            }
            let map_secs = start.elapsed().as_secs_f64();
            bar.finish_and_clear();
            let rejects = args.rejects.clone().unwrap_or_else(|| {
                if direct {
                    default_rejects(&args.mapping)
                } else {
                    PathBuf::from(format!("{}.rejects.txt", out.display()))
                }
            });
            summarise(
                args,
                &stats,
                map_secs,
                &rejects,
                &reject_sources(&mapping, &resolver),
            )?;
            eprintln!("wrote {} quads to {}", stats.quads, out.display());
            if keep {
                let verdict = gate::check_graph(&shapes, &data, &[])?;
                verdict.print(args.governance.report.as_deref())?;
                if !verdict.passes() {
                    eprintln!(
                        "the output has {} violation(s) of the shapes (the file was written)",
                        verdict.violations
                    );
                    return Ok(Outcome::CheckFailed);
                }
            }
            Ok(Outcome::Success)
        }
        None => {
            let store = super::open(cli, config)?;
            let mut quads: Vec<Quad> = Vec::new();
            let stats = twingraph_rml::execute(&mapping, &resolver, &options, |q: Quad| {
                tick(&bar);
                quads.push(q);
                Ok::<_, std::convert::Infallible>(())
            })
            .map_err(|e| {
                bar.finish_and_clear();
                anyhow::Error::new(e).context(mapping_name.clone())
            })?;
            let map_secs = start.elapsed().as_secs_f64();
            let rejects = args
                .rejects
                .clone()
                .unwrap_or_else(|| default_rejects(&args.mapping));
            bar.set_message("hashing the sources");
            let mapping_source = MappedSource::from_file(&args.mapping, MAPPING_MEDIA_TYPE)?;
            let mut data_sources = Vec::new();
            for (path, media_type) in sources_of(&mapping, &resolver) {
                data_sources.push(MappedSource::from_file(&path, media_type)?);
            }
            let target = explicit_graph.unwrap_or_else(|| {
                LoadOptions::graph_for_source(&SourceDescription::file(&args.mapping).name)
            });
            let parts = partition(quads, &target, &mapping_source, &data_sources);
            let mut load = governed_options(config, &args.governance)?;
            load.replace = !args.append;
            let verdict = if shapes.is_empty() {
                None
            } else {
                bar.set_message("validating");
                let mut data = Graph::new();
                for p in &parts {
                    for q in &p.quads {
                        data.insert(TripleRef::from(q.as_ref()));
                    }
                }
                let verdict = bar.suspend(|| gate::check_graph(&shapes, &data, &[]))?;
                bar.suspend(|| verdict.print(args.governance.report.as_deref()))?;
                load.quarantine = !verdict.passes();
                Some(verdict)
            };
            // Replacing graphs that are empty is appending, and the store appends through its
            // bulk loader, several times faster than the transaction a replace needs.
            if load.replace && !load.quarantine && all_empty(&store, &parts)? {
                load.replace = false;
            }
            bar.set_message("loading");
            let reports = store.load_mapped_graphs(parts, Vec::new(), &load)?;
            bar.finish_and_clear();
            summarise(
                args,
                &stats,
                map_secs,
                &rejects,
                &reject_sources(&mapping, &resolver),
            )?;
            let mut graphs: Vec<String> = Vec::new();
            for r in &reports {
                let g = r.graph().to_string();
                if !graphs.contains(&g) {
                    graphs.push(g);
                }
            }
            let used: Vec<String> = reports
                .iter()
                .map(|r| {
                    format!(
                        "{} (sha256 {})",
                        r.record.source_name,
                        &r.record.sha256[..16]
                    )
                })
                .collect::<std::collections::BTreeSet<_>>()
                .into_iter()
                .collect();
            eprintln!(
                "loaded {} quads into {} in one commit; provenance records {}",
                stats.quads,
                graphs.join(", "),
                used.join(", ")
            );
            eprintln!(
                "total {:.2} s (mapping, validation and commit)",
                start.elapsed().as_secs_f64()
            );
            match verdict {
                Some(verdict) => verdict.finish(&store, &reports),
                None => Ok(Outcome::Success),
            }
        }
    }
}

/// The source file of every triples map, by the triples map's name.
fn reject_sources(mapping: &Mapping, resolver: &SourceResolver) -> Vec<(String, PathBuf)> {
    mapping
        .triples_maps
        .iter()
        .map(|tm| (tm.name.clone(), resolver.resolve(&tm.logical_source.source)))
        .collect()
}

/// Whether every graph the parts write is empty (or missing) in the store.
pub(crate) fn all_empty(store: &TwinStore, parts: &[MappedGraph]) -> anyhow::Result<bool> {
    for p in parts {
        if store
            .inner()
            .quads_for_pattern(None, None, None, Some(p.graph.as_ref()))
            .next()
            .is_some()
        {
            return Ok(false);
        }
    }
    Ok(true)
}

/// `<mapping file name>.rejects.txt` in the working directory.
fn default_rejects(mapping: &Path) -> PathBuf {
    let name = mapping
        .file_name()
        .map_or_else(|| "mapping".into(), |n| n.to_string_lossy().into_owned());
    PathBuf::from(format!("{name}.rejects.txt"))
}

/// The files the mapping's logical sources read, once each, in mapping order, with the
/// media type recorded for them.
pub(crate) fn sources_of(
    mapping: &Mapping,
    resolver: &SourceResolver,
) -> Vec<(PathBuf, &'static str)> {
    let mut out: Vec<(PathBuf, &'static str)> = Vec::new();
    for tm in &mapping.triples_maps {
        let ls = &tm.logical_source;
        let path = resolver.resolve(&ls.source);
        if out.iter().any(|(p, _)| p == &path) {
            continue;
        }
        let media_type = match ls.reference_formulation {
            ReferenceFormulation::Csv if ls.source.delimiter == b'\t' => {
                "text/tab-separated-values"
            }
            ReferenceFormulation::Csv => "text/csv",
            ReferenceFormulation::JsonPath => "application/json",
            ReferenceFormulation::XPath => "application/xml",
        };
        out.push((path, media_type));
    }
    out
}

/// Splits a run's quads into the parts of one commit: the default-graph quads go to `target`,
/// quads in named graphs keep them. Each written graph is recorded as generated from the
/// mapping file (with its triple count) and from every source file (with 0 triples, as the
/// engine does not say which source produced which quad).
pub(crate) fn partition(
    quads: Vec<Quad>,
    target: &GraphName,
    mapping_source: &MappedSource,
    data_sources: &[MappedSource],
) -> Vec<MappedGraph> {
    let mut by_graph: BTreeMap<String, (GraphName, Vec<Quad>)> = BTreeMap::new();
    let mut default = Vec::new();
    for q in quads {
        if q.graph_name.is_default_graph() {
            default.push(q);
        } else {
            by_graph
                .entry(q.graph_name.to_string())
                .or_insert_with(|| (q.graph_name.clone(), Vec::new()))
                .1
                .push(q);
        }
    }
    let mut graphs: Vec<(GraphName, Vec<Quad>)> = Vec::new();
    if !default.is_empty() || by_graph.is_empty() {
        graphs.push((target.clone(), default));
    }
    for (_, (g, quads)) in by_graph {
        if &g == target && !graphs.is_empty() {
            graphs[0].1.extend(quads);
        } else {
            graphs.push((g, quads));
        }
    }
    let mut parts = Vec::new();
    for (graph, quads) in graphs {
        for s in data_sources {
            parts.push(MappedGraph {
                graph: graph.clone(),
                quads: Vec::new(),
                source: s.clone(),
            });
        }
        parts.push(MappedGraph {
            graph,
            quads,
            source: mapping_source.clone(),
        });
    }
    parts
}

/// Prints the summary line and, in lenient mode, writes the rejected records to `rejects`.
/// `secs` is the time the mapping itself took (reading, mapping and writing or collecting).
/// Each rejected record is written as `<source file>: <triples map>: record <n>: <reason>`
/// (`sources`: triples map name → its source file).
fn summarise(
    args: &MapArgs,
    stats: &Stats,
    secs: f64,
    rejects: &Path,
    sources: &[(String, PathBuf)],
) -> anyhow::Result<()> {
    if args.lenient {
        let lines: Vec<String> = stats
            .rejected
            .iter()
            .map(|r| {
                let file = sources.iter().find(|(tm, _)| {
                    r.strip_prefix(tm.as_str())
                        .is_some_and(|rest| rest.starts_with(':'))
                });
                match file {
                    Some((_, path)) => format!("{}: {r}", path.display()),
                    None => r.clone(),
                }
            })
            .collect();
        let mut text = String::new();
        for line in &lines {
            text.push_str(line);
            text.push('\n');
        }
        std::fs::write(rejects, text)
            .with_context(|| format!("cannot write {}", rejects.display()))?;
        for line in lines.iter().take(10) {
            eprintln!("  rejected: {line}");
        }
        if !stats.rejected.is_empty() {
            eprintln!(
                "{} record(s) rejected, listed with their reasons in {}",
                stats.rejected.len(),
                rejects.display()
            );
        }
    }
    eprintln!(
        "mapped {}: {} triples maps, {} records, {} quads, {} duplicates dropped, {} rejected \
         in {secs:.2} s ({:.0} quads/s)",
        args.mapping.display(),
        stats.triples_maps,
        stats.records,
        stats.quads,
        stats.duplicates,
        stats.rejected.len(),
        stats.quads as f64 / secs.max(1e-9)
    );
    Ok(())
}
