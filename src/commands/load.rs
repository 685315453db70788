//! `twingraph load`: atomic loads with a progress bar and a summary line.

use super::gate;
use crate::Outcome;
use crate::cli::{GovernanceArgs, LoadArgs};
use crate::config::FileConfig;
use anyhow::{Context, bail};
use indicatif::{ProgressBar, ProgressStyle};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};
use twingraph_store::oxigraph::model::{GraphName, NamedNode};
use twingraph_store::{LoadOptions, ResultFormat, SourceDescription, TwinStore};

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

/// Load options carrying the licence and access level of the flags, or of the config file.
pub fn governed_options(config: &FileConfig, args: &GovernanceArgs) -> anyhow::Result<LoadOptions> {
    Ok(LoadOptions {
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
    })
}

/// The shapes files of the gate: `--shapes` (folders expanded to their `.ttl` files), or
/// `[load] shapes` in the config file.
pub fn shapes_of(config: &FileConfig, args: &GovernanceArgs) -> anyhow::Result<Vec<PathBuf>> {
    let given = if args.shapes.is_empty() {
        &config.load.shapes
    } else {
        &args.shapes
    };
    if given.is_empty() && args.report.is_some() {
        bail!("--report needs shapes to validate with (--shapes, or [load] shapes in the config)");
    }
    super::validate::expand_shapes(given)
}

/// Runs `load`.
pub fn run(store: &TwinStore, config: &FileConfig, args: &LoadArgs) -> anyhow::Result<Outcome> {
    let mut options = LoadOptions {
        replace: args.replace,
        base_iri: args.base.clone(),
        parse_threads: args.parse_threads,
        ..governed_options(config, &args.governance)?
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
    let shapes = shapes_of(config, &args.governance)?;
    let verdict = if shapes.is_empty() {
        None
    } else {
        if stdin {
            bail!("--shapes cannot validate stdin: save the data to a file first");
        }
        let verdict = gate::check(&shapes, &args.files)?;
        verdict.print(args.governance.report.as_deref())?;
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
        Some(verdict) => verdict.finish(store, &reports),
        None => Ok(Outcome::Success),
    }
}
