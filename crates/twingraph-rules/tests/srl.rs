//! W3C SHACL 1.2 Rules (SRL) conformance: every manifest reachable from
//! `conformance/srl/manifest-sparql-rl.ttl` in the shared data folder.
//!
//! Prints PASS/FAIL/SKIP per test, counts per folder and a summary line starting `srl `.
//! Fails when a test of `tests/srl-expected-pass.txt` no longer passes. Regenerate that list
//! with `TWINGRAPH_UPDATE_EXPECTED=1 cargo test --release -p twingraph-rules --test srl`.

use oxigraph::model::{Graph, NamedNodeRef, Term};
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use twingraph_rules::{Engine, RuleError, RuleSet};
use twingraph_testsuite::compare::{canonical_graph, graph_diff, graphs_isomorphic};
use twingraph_testsuite::manifest::{IriMapper, ManifestEntry, iri_of, read_manifest};

const BASE: &str = "https://w3c.github.io/rdf-tests/sparql-rl/";
const SRT: &str = "http://www.w3.org/ns/sparql-rl-tests#";

/// Tests whose expectation contradicts newer files of the same draft (see the copy's README).
const KNOWN_MISMATCHES: &[(&str, &str)] = &[
    (
        "syntax/syntax-ruleset-structure-08.srl",
        "manifest says positive, but uses IF … FOR … THEN, which the newer syntax-ruleset-structure-bad-01/-02 say is not in the grammar",
    ),
    (
        "syntax/syntax-ruleset-structure-09.srl",
        "manifest says positive, but uses FOR ?var IN, which the newer syntax-ruleset-structure-bad-02 says is not in the grammar",
    ),
];

#[derive(Debug, Clone, PartialEq, Eq)]
enum Outcome {
    Pass,
    Fail(String),
    Skip(String),
}

struct Ctx {
    root: PathBuf,
    mapper: IriMapper,
}

impl Ctx {
    fn path(&self, iri: &str) -> PathBuf {
        self.root.join(iri.strip_prefix(BASE).unwrap_or(iri))
    }

    fn rel(&self, iri: &str) -> String {
        iri.strip_prefix(BASE).unwrap_or(iri).to_owned()
    }

    fn read(&self, iri: &str) -> Result<String, Outcome> {
        std::fs::read_to_string(self.path(iri))
            .map_err(|_| Outcome::Skip(format!("file missing from the copy: {}", self.rel(iri))))
    }

    fn graph(&self, iri: &str) -> Result<Graph, Outcome> {
        if !self.path(iri).exists() {
            return Err(Outcome::Skip(format!(
                "file missing from the copy: {}",
                self.rel(iri)
            )));
        }
        self.mapper
            .parse_graph(iri)
            .map_err(|e| Outcome::Skip(format!("cannot read {} here: {e}", self.rel(iri))))
    }
}

fn kind(e: &ManifestEntry) -> String {
    e.types
        .iter()
        .filter_map(|t| t.as_str().strip_prefix(SRT))
        .next()
        .unwrap_or("?")
        .to_owned()
}

fn run_file_test(ctx: &Ctx, kind: &str, iri: &str) -> Outcome {
    let text = match ctx.read(iri) {
        Ok(t) => t,
        Err(o) => return o,
    };
    let syntax = RuleSet::parse_syntax(&text, Some(iri));
    let expect = |ok: bool, what: &str, err: Option<&RuleError>| {
        if ok {
            Outcome::Pass
        } else {
            Outcome::Fail(match err {
                Some(e) => format!("{what}: {e}"),
                None => what.to_owned(),
            })
        }
    };
    match kind {
        "RulesPositiveSyntaxTest" => expect(syntax.is_ok(), "rejected", syntax.as_ref().err()),
        "RulesNegativeSyntaxTest" => expect(syntax.is_err(), "accepted", None),
        "RulesPositiveWellFormednessTest" | "RulesNegativeWellFormednessTest" => {
            let ast = match syntax {
                Ok(a) => a,
                Err(e) => return Outcome::Fail(format!("syntax error: {e}")),
            };
            let wf = RuleSet::check_well_formed(&ast);
            if kind.contains("Positive") {
                expect(wf.is_ok(), "not well-formed", wf.as_ref().err())
            } else {
                expect(wf.is_err(), "accepted as well-formed", None)
            }
        }
        "RulesPositiveStratificationTest" | "RulesNegativeStratificationTest" => {
            let ast = match syntax {
                Ok(a) => a,
                Err(e) => return Outcome::Fail(format!("syntax error: {e}")),
            };
            if let Err(e) = RuleSet::check_well_formed(&ast) {
                return Outcome::Fail(format!("not well-formed: {e}"));
            }
            let r = RuleSet::from_ast(ast);
            if kind.contains("Positive") {
                expect(r.is_ok(), "not stratifiable", r.as_ref().err())
            } else {
                expect(
                    matches!(r, Err(RuleError::NotStratifiable { .. })),
                    "accepted as stratifiable",
                    None,
                )
            }
        }
        other => Outcome::Skip(format!("unknown test type {other}")),
    }
}

fn run_eval(ctx: &Ctx, ruleset: &str, data: &str, result: &str) -> Outcome {
    for iri in [ruleset, data, result] {
        if !ctx.path(iri).exists() {
            return Outcome::Skip(format!("file missing from the copy: {}", ctx.rel(iri)));
        }
    }
    let text = match ctx.read(ruleset) {
        Ok(t) => t,
        Err(o) => return o,
    };
    let data = match ctx.graph(data) {
        Ok(g) => g,
        Err(o) => return o,
    };
    let expected = match ctx.graph(result) {
        Ok(g) => g,
        Err(o) => return o,
    };
    let rules = match RuleSet::parse(&text, Some(ruleset)) {
        Ok(r) => r,
        Err(e) => return Outcome::Fail(format!("rule set rejected: {e}")),
    };
    let base: Vec<_> = data.iter().map(|t| t.into_owned()).collect();
    let inference = match Engine::new()
        .with_limit(1_000_000)
        .materialise(&rules, base)
    {
        Ok(i) => i,
        Err(e) => return Outcome::Fail(format!("evaluation error: {e}")),
    };
    let actual = canonical_graph(&inference.graph());
    let expected = canonical_graph(&expected);
    if graphs_isomorphic(&expected, &actual) {
        Outcome::Pass
    } else {
        Outcome::Fail(graph_diff(&expected, &actual))
    }
}

fn object_iri(e: &ManifestEntry, subject: &Term, p: &str) -> Option<String> {
    e.object(subject, NamedNodeRef::new_unchecked(p))
        .as_ref()
        .and_then(iri_of)
        .map(str::to_owned)
}

fn run_entry(ctx: &Ctx, e: &ManifestEntry) -> (String, Outcome) {
    let k = kind(e);
    match (&e.action, k.as_str()) {
        (Some(action), "RulesEvalTest") => {
            let name = e.name.clone().unwrap_or_else(|| e.id.clone());
            let folder = ctx.rel(&e.manifest).replace("/manifest.ttl", "");
            let (Some(rs), Some(data), Some(result)) = (
                object_iri(e, action, &format!("{SRT}ruleset")),
                object_iri(e, action, &format!("{SRT}data")),
                e.result.as_ref().and_then(iri_of).map(str::to_owned),
            ) else {
                return (
                    format!("{folder}/{name}"),
                    Outcome::Fail("malformed manifest entry".into()),
                );
            };
            (
                format!("{folder}/{name}"),
                run_eval(ctx, &rs, &data, &result),
            )
        }
        (Some(action), _) => {
            let iri = iri_of(action).unwrap_or_default().to_owned();
            let name = ctx.rel(&iri);
            let outcome = run_file_test(ctx, &k, &iri);
            (name, outcome)
        }
        (None, _) => (e.id.clone(), Outcome::Fail("no mf:action".into())),
    }
}

/// Files present in the copy that no manifest lists (newer than their manifest); run for
/// information only, not counted in the `srl` summary.
fn extras(ctx: &Ctx) -> Vec<(String, Outcome)> {
    let mut out = Vec::new();
    for (file, kind) in [
        (
            "stratification/stratification-06.srl",
            "RulesPositiveStratificationTest",
        ),
        (
            "stratification/stratification-07.srl",
            "RulesPositiveStratificationTest",
        ),
        (
            "stratification/stratification-bad-06.srl",
            "RulesNegativeStratificationTest",
        ),
        (
            "stratification/stratification-bad-07.srl",
            "RulesNegativeStratificationTest",
        ),
    ] {
        let iri = format!("{BASE}{file}");
        out.push((file.to_owned(), run_file_test(ctx, kind, &iri)));
    }
    out.push((
        "eval2/link-2".to_owned(),
        run_eval(
            ctx,
            &format!("{BASE}eval2/link-2-path.srl"),
            &format!("{BASE}eval2/link-2-data.ttl"),
            &format!("{BASE}eval2/link-2-results.ttl"),
        ),
    ));
    out
}

fn expected_path() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/srl-expected-pass.txt")
}

#[test]
fn srl_conformance() {
    let shared =
        twingraph_testsuite::shared_data_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/../.."));
    let root = shared.join("conformance/srl");
    if !root.join("manifest-sparql-rl.ttl").exists() {
        println!("srl SKIPPED: {} not found", root.display());
        return;
    }
    let ctx = Ctx {
        mapper: IriMapper::new().with(BASE, &root),
        root,
    };
    let entries = read_manifest(&ctx.mapper, &format!("{BASE}manifest-sparql-rl.ttl"))
        .expect("SRL manifests are readable");
    let mut per_folder: BTreeMap<String, [usize; 3]> = BTreeMap::new();
    let mut passed_names = BTreeSet::new();
    let mut totals = [0usize; 3];
    for e in &entries {
        let (name, outcome) = run_entry(&ctx, e);
        let folder = name.split('/').next().unwrap_or("").to_owned();
        let slot = per_folder.entry(folder).or_default();
        match &outcome {
            Outcome::Pass => {
                println!("PASS {name}");
                passed_names.insert(name.clone());
                slot[0] += 1;
                totals[0] += 1;
            }
            Outcome::Fail(why) => {
                let note = KNOWN_MISMATCHES
                    .iter()
                    .find(|(n, _)| *n == name)
                    .map(|(_, r)| format!(" [known draft inconsistency: {r}]"))
                    .unwrap_or_default();
                println!("FAIL {name}: {why}{note}");
                slot[1] += 1;
                totals[1] += 1;
            }
            Outcome::Skip(why) => {
                println!("SKIP {name}: {why}");
                slot[2] += 1;
                totals[2] += 1;
            }
        }
    }
    for (name, outcome) in extras(&ctx) {
        match outcome {
            Outcome::Pass => println!("EXTRA PASS {name} (not listed by its manifest)"),
            Outcome::Fail(w) => println!("EXTRA FAIL {name}: {w} (not listed by its manifest)"),
            Outcome::Skip(w) => println!("EXTRA SKIP {name}: {w}"),
        }
    }
    for (folder, [p, f, s]) in &per_folder {
        println!("srl/{folder}: passed={p} failed={f} skipped={s}");
    }
    println!(
        "srl passed={} failed={} skipped={} total={}",
        totals[0],
        totals[1],
        totals[2],
        entries.len()
    );
    let path = expected_path();
    if std::env::var_os("TWINGRAPH_UPDATE_EXPECTED").is_some() {
        let mut text = String::from(
            "# SRL tests expected to pass; the srl test fails if one stops passing.\n# Regenerate: TWINGRAPH_UPDATE_EXPECTED=1 cargo test --release -p twingraph-rules --test srl\n",
        );
        for n in &passed_names {
            text.push_str(n);
            text.push('\n');
        }
        std::fs::write(&path, text).expect("write expected-pass list");
        return;
    }
    let expected = std::fs::read_to_string(&path).unwrap_or_default();
    let regressions: Vec<&str> = expected
        .lines()
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .filter(|l| !passed_names.contains(*l))
        .collect();
    assert!(
        regressions.is_empty(),
        "SRL tests that used to pass now fail: {regressions:?}"
    );
}
