//! `twingraph ontology check` and `twingraph ontology docs`.

use crate::Outcome;
use crate::cli::{OntologyArgs, OntologyCheckArgs, OntologyCommand, OntologyDocsArgs};
use anyhow::Context;
use std::path::{Path, PathBuf};
use twingraph_vocab::{FindingKind, Ontology};

/// Folders beside the ontology folder whose terms are checked by default.
const DEFAULT_EXTRA: [&str; 3] = ["mappings", "queries", "shapes"];

/// Runs an `ontology` subcommand.
pub fn run(args: &OntologyArgs) -> anyhow::Result<Outcome> {
    match &args.command {
        OntologyCommand::Check(a) => check(a),
        OntologyCommand::Docs(a) => docs(a),
    }
}

fn load(dir: &Path) -> anyhow::Result<Ontology> {
    Ontology::load_dir(dir)
        .with_context(|| format!("cannot load the ontology in {}", dir.display()))
}

/// The mappings/, queries/ and shapes/ folders beside `dir` that exist.
fn default_extra(dir: &Path) -> Vec<PathBuf> {
    let parent = dir.parent().map(Path::to_path_buf).unwrap_or_default();
    DEFAULT_EXTRA
        .iter()
        .map(|name| parent.join(name))
        .filter(|p| p.is_dir())
        .collect()
}

fn check(args: &OntologyCheckArgs) -> anyhow::Result<Outcome> {
    let ontology = load(&args.dir)?;
    let extra = if args.also.is_empty() {
        default_extra(&args.dir)
    } else {
        args.also.clone()
    };
    let report = ontology.check(&extra);
    if let Some(first) = report.errors.first() {
        for e in &report.errors[1..] {
            eprintln!("error: {e}");
        }
        anyhow::bail!("cannot check {first}");
    }
    for kind in FindingKind::ALL {
        let found: Vec<_> = report.of_kind(kind).collect();
        if found.is_empty() {
            continue;
        }
        println!("{} ({}, {}):", kind.title(), kind.name(), found.len());
        for f in found {
            println!("  {f}");
        }
    }
    let shown: Vec<String> = extra.iter().map(|p| p.display().to_string()).collect();
    println!(
        "ontology check: {} file(s), {} term(s), {} extra file(s){}: {}",
        report.files,
        report.terms,
        report.extra_files,
        if shown.is_empty() {
            String::new()
        } else {
            format!(" in {}", shown.join(", "))
        },
        if report.findings.is_empty() {
            "no findings".to_owned()
        } else {
            format!("{} finding(s)", report.findings.len())
        }
    );
    Ok(if report.is_clean() {
        Outcome::Success
    } else {
        Outcome::CheckFailed
    })
}

fn docs(args: &OntologyDocsArgs) -> anyhow::Result<Outcome> {
    let ontology = load(&args.dir)?;
    let docs = ontology.docs();
    let files = docs
        .write_to(&args.out)
        .with_context(|| format!("cannot write the reference to {}", args.out.display()))?;
    println!(
        "ontology docs: wrote {files} file(s) ({} module(s), {} term(s)) to {}; open {}",
        docs.modules(),
        docs.terms(),
        args.out.display(),
        args.out.join("index.html").display()
    );
    Ok(Outcome::Success)
}
