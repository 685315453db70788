//! Conformance runners: the RML-Core test cases
//! (`../shared/data/conformance/rml/rml-core/test-cases/`, driven by its `metadata.csv`) and
//! the legacy RML test cases (`../shared/data/conformance/rml/rml-test-cases-legacy/`).
//!
//! Each case runs its `mapping.ttl`: cases with an expected `output.nq` must produce an
//! isomorphic dataset, cases that expect an error must fail. One line is printed per case and
//! a summary line per suite. Cases listed in `tests/rml-core-expected-pass.txt` /
//! `tests/rml-legacy-expected-pass.txt` must pass (a regression fails the test); other
//! failures are only printed. Set `TWINGRAPH_RML_WRITE_EXPECTED=1` to rewrite the lists from
//! the current results. When the shared data folder is missing (override it with
//! `TWINGRAPH_SHARED_DATA`) the suites print SKIPPED.

use oxrdf::Dataset;
use oxrdf::dataset::CanonicalizationAlgorithm;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use twingraph_rml::{ExecuteOptions, Mapping, SourceResolver, execute_to_vec};

fn shared_data() -> PathBuf {
    match std::env::var_os("TWINGRAPH_SHARED_DATA") {
        Some(d) if !d.is_empty() => PathBuf::from(d),
        _ => Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data"),
    }
}

enum Outcome {
    Passed,
    Failed(String),
    Skipped(String),
}

/// Runs one case. `base`: the run's base IRI (RML-Core cases); `None` uses the mapping's
/// `@base` and lenient mode, as legacy RML processors do (invalid terms are skipped).
fn run_case(dir: &Path, base: Option<&str>, expect_error: bool) -> Outcome {
    let mapping_path = dir.join("mapping.ttl");
    let result = Mapping::from_path(&mapping_path).and_then(|m| {
        let resolver = SourceResolver::for_mapping_file(&mapping_path);
        let options = ExecuteOptions {
            base_iri: base.map(str::to_owned),
            lenient: base.is_none(),
            ..Default::default()
        };
        execute_to_vec(&m, &resolver, &options)
    });
    if expect_error {
        return match result {
            Err(e) => {
                if std::env::var_os("TWINGRAPH_RML_VERBOSE").is_some() {
                    println!("  expected error: {e}");
                }
                Outcome::Passed
            }
            Ok((quads, _)) => {
                Outcome::Failed(format!("expected an error, got {} quads", quads.len()))
            }
        };
    }
    let quads = match result {
        Ok((q, _)) => q,
        Err(e) => return Outcome::Failed(e.to_string()),
    };
    let expected_path = dir.join("output.nq");
    let expected_text = match std::fs::read(&expected_path) {
        Ok(t) => t,
        Err(e) => return Outcome::Failed(format!("cannot read output.nq: {e}")),
    };
    let mut expected = Dataset::new();
    for q in oxttl::NQuadsParser::new()
        .lenient()
        .for_slice(&expected_text)
    {
        match q {
            Ok(q) => {
                expected.insert(&q);
            }
            Err(e) => return Outcome::Failed(format!("cannot parse output.nq: {e}")),
        }
    }
    let mut actual: Dataset = quads.iter().collect();
    expected.canonicalize(CanonicalizationAlgorithm::Unstable);
    actual.canonicalize(CanonicalizationAlgorithm::Unstable);
    if expected == actual {
        Outcome::Passed
    } else {
        let missing: Vec<String> = expected
            .iter()
            .filter(|q| !actual.contains(*q))
            .take(3)
            .map(|q| q.to_string())
            .collect();
        let extra: Vec<String> = actual
            .iter()
            .filter(|q| !expected.contains(*q))
            .take(3)
            .map(|q| q.to_string())
            .collect();
        Outcome::Failed(format!(
            "output differs ({} expected, {} produced); missing {missing:?}; unexpected {extra:?}",
            expected.len(),
            actual.len()
        ))
    }
}

/// One test case: id, folder, base IRI (None: legacy), error expected, skip reason.
struct Case {
    id: String,
    dir: PathBuf,
    base: Option<String>,
    expect_error: bool,
    skip: Option<String>,
}

/// Runs a suite and enforces its expected-pass list.
fn run_suite(label: &str, cases: Vec<Case>, list: &str) {
    let list_path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests")
        .join(list);
    let expected: BTreeSet<String> = std::fs::read_to_string(&list_path)
        .unwrap_or_default()
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(str::to_owned)
        .collect();
    let (mut passed, mut failed, mut skipped) = (0, 0, 0);
    let mut passing = BTreeSet::new();
    let mut regressions = Vec::new();
    let total = cases.len();
    for Case {
        id,
        dir,
        base,
        expect_error,
        skip,
    } in cases
    {
        let outcome = match skip {
            Some(reason) => Outcome::Skipped(reason),
            None => run_case(&dir, base.as_deref(), expect_error),
        };
        match outcome {
            Outcome::Passed => {
                passed += 1;
                passing.insert(id.clone());
                println!("{label} {id}: passed");
            }
            Outcome::Failed(reason) => {
                failed += 1;
                println!("{label} {id}: failed ({reason})");
                if expected.contains(&id) {
                    regressions.push(id);
                }
            }
            Outcome::Skipped(reason) => {
                skipped += 1;
                println!("{label} {id}: skipped ({reason})");
                if expected.contains(&id) {
                    regressions.push(id);
                }
            }
        }
    }
    println!("{label} passed={passed} failed={failed} skipped={skipped} of {total}");
    if std::env::var_os("TWINGRAPH_RML_WRITE_EXPECTED").is_some() {
        let mut text = format!(
            "# {label} cases that pass; the conformance test fails if one of them regresses.\n"
        );
        for id in &passing {
            text.push_str(id);
            text.push('\n');
        }
        std::fs::write(&list_path, text).expect("write expected-pass list");
    }
    assert!(
        regressions.is_empty(),
        "{label}: listed cases no longer pass: {regressions:?}"
    );
}

#[test]
fn rml_core() {
    let root = shared_data().join("conformance/rml/rml-core/test-cases");
    let Ok(metadata) = std::fs::read_to_string(root.join("metadata.csv")) else {
        println!(
            "rml-core SKIPPED: test cases not found (looked for {}; set TWINGRAPH_SHARED_DATA)",
            root.display()
        );
        return;
    };
    let mut reader = csv::Reader::from_reader(metadata.as_bytes());
    let headers = reader.headers().expect("metadata header").clone();
    let col = |name: &str| headers.iter().position(|h| h == name).expect(name);
    let (id_c, base_c, err_c, in_c) = (
        col("ID"),
        col("base_iri"),
        col("error"),
        col("input_format1"),
    );
    let mut cases = Vec::new();
    for row in reader.records() {
        let row = row.expect("metadata row");
        let id = row[id_c].to_owned();
        let format = &row[in_c];
        let skip = (!matches!(
            format,
            "application/json" | "text/csv" | "text/xml" | "application/xml" | ""
        ))
        .then(|| format!("input format {format} (databases/SPARQL) is not supported"));
        cases.push(Case {
            dir: root.join(&id),
            id,
            base: Some(row[base_c].to_owned()),
            expect_error: &row[err_c] == "true",
            skip,
        });
    }
    run_suite("rml-core", cases, "rml-core-expected-pass.txt");
}

#[test]
fn rml_legacy() {
    let root = shared_data().join("conformance/rml/rml-test-cases-legacy");
    let Ok(metadata) = std::fs::read_to_string(root.join("metadata.csv")) else {
        println!(
            "rml-legacy SKIPPED: test cases not found (looked for {}; set TWINGRAPH_SHARED_DATA)",
            root.display()
        );
        return;
    };
    let mut reader = csv::Reader::from_reader(metadata.as_bytes());
    let headers = reader.headers().expect("metadata header").clone();
    let col = |name: &str| headers.iter().position(|h| h == name).expect(name);
    let (id_c, err_c) = (col("RML id"), col("error expected?"));
    let mut cases = Vec::new();
    for row in reader.records() {
        let row = row.expect("metadata row");
        let id = row[id_c].to_owned();
        let dir = root.join("test-cases").join(&id);
        if !dir.is_dir() {
            // Database cases are listed but not shipped in this copy.
            continue;
        }
        let skip = if id.ends_with("-SPARQL") {
            Some("SPARQL endpoint sources are not supported".to_owned())
        } else {
            None
        };
        cases.push(Case {
            id,
            dir,
            base: None,
            expect_error: &row[err_c] == "true",
            skip,
        });
    }
    run_suite("rml-legacy", cases, "rml-legacy-expected-pass.txt");
}
