//! `twingraph ontology check` and `twingraph ontology docs`: exit codes, output, files.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn twingraph(cwd: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_twingraph"))
        .current_dir(cwd)
        .args(args)
        .env_remove("TWINGRAPH_CONFIG")
        .env_remove("RUST_LOG")
        .output()
        .expect("run twingraph")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

const HEADER: &str = "@prefix owl: <http://www.w3.org/2002/07/owl#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix t: <https://w3id.org/twingraph/def/test#> .
<https://w3id.org/twingraph/def/test> a owl:Ontology ; owl:versionInfo \"0.1.0\" ;
  dcterms:title \"Test\"@en ; dcterms:description \"Test.\"@en ;
  dcterms:license <https://creativecommons.org/licenses/by/4.0/> .
";

#[test]
fn check_passes_on_the_repository_ontology() {
    let out = twingraph(&root(), &["ontology", "check"]);
    let stdout = text(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{stdout}{}", text(&out.stderr));
    assert!(stdout.contains("ontology check: 34 file(s)"), "{stdout}");
    assert!(stdout.contains("no findings"), "{stdout}");
    let out = twingraph(
        &root(),
        &[
            "ontology",
            "check",
            "--also",
            "examples/teed/teed-sample.ttl",
        ],
    );
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stdout));
    assert!(text(&out.stdout).contains("1 extra file(s)"));
}

#[test]
fn check_exits_1_on_findings_and_checks_mappings_queries_shapes() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("ontology")).unwrap();
    std::fs::create_dir_all(dir.path().join("queries")).unwrap();
    std::fs::write(
        dir.path().join("ontology/test.ttl"),
        format!("{HEADER}t:Unlabelled a owl:Class ; skos:definition \"No label.\"@en .\n"),
    )
    .unwrap();
    std::fs::write(
        dir.path().join("queries/q.rq"),
        "PREFIX t: <https://w3id.org/twingraph/def/test#>\nSELECT ?s WHERE { ?s a t:Unlabelled ; t:nowhere ?o }\n",
    )
    .unwrap();
    let out = twingraph(dir.path(), &["ontology", "check"]);
    let stdout = text(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "{stdout}{}", text(&out.stderr));
    assert!(
        stdout.contains("terms without an English rdfs:label (missing-label, 1):"),
        "{stdout}"
    );
    assert!(stdout.contains("https://w3id.org/twingraph/def/test#Unlabelled"));
    assert!(stdout.contains("(undeclared, 1):"), "{stdout}");
    assert!(
        stdout.contains("q.rq:2: <https://w3id.org/twingraph/def/test#nowhere>"),
        "{stdout}"
    );
    assert!(stdout.contains("2 finding(s)"), "{stdout}");
    // --also replaces the default folders.
    let other = dir.path().join("other");
    std::fs::create_dir_all(&other).unwrap();
    let out = twingraph(
        dir.path(),
        &["ontology", "check", "--dir", "ontology", "--also", "other"],
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stdout).contains("1 finding(s)"),
        "{}",
        text(&out.stdout)
    );
}

#[test]
fn check_exits_2_on_a_syntax_error_with_its_position() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("broken.ttl"),
        format!("{HEADER}t:X a owl:Class ;\n  rdfs:label \"x\"@en ] .\n"),
    )
    .unwrap();
    let out = twingraph(dir.path(), &["ontology", "check", "--dir", "."]);
    let stderr = text(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("broken.ttl:10:"), "{stderr}");
    let out = twingraph(dir.path(), &["ontology", "check", "--dir", "missing"]);
    assert_eq!(out.status.code(), Some(2));
    // An unparsable extra Turtle file is bad input too.
    let good = tempfile::tempdir().unwrap();
    std::fs::write(good.path().join("test.ttl"), HEADER).unwrap();
    let shapes = tempfile::tempdir().unwrap();
    std::fs::write(
        shapes.path().join("bad.ttl"),
        "<http://ex/s> <http://ex/p> .\n",
    )
    .unwrap();
    let out = twingraph(
        good.path(),
        &[
            "ontology",
            "check",
            "--dir",
            ".",
            "--also",
            shapes.path().to_str().unwrap(),
        ],
    );
    let stderr = text(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{}{stderr}", text(&out.stdout));
    assert!(stderr.contains("bad.ttl:1:"), "{stderr}");
}

#[test]
fn docs_writes_the_reference() {
    let out_dir = tempfile::tempdir().unwrap();
    let out = twingraph(
        &root(),
        &[
            "ontology",
            "docs",
            "--out",
            out_dir.path().to_str().unwrap(),
        ],
    );
    let stdout = text(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{stdout}{}", text(&out.stderr));
    assert!(
        stdout.contains("wrote 69 file(s) (34 module(s)"),
        "{stdout}"
    );
    for file in [
        "index.html",
        "energy.html",
        "energy.ttl",
        "vocab/epc-band.html",
        "alignments/bot.ttl",
    ] {
        assert!(out_dir.path().join(file).is_file(), "{file}");
    }
    let energy = std::fs::read_to_string(out_dir.path().join("energy.html")).unwrap();
    assert!(energy.contains("id=\"EnergyPerformanceCertificate\""));
    assert_eq!(
        std::fs::read_to_string(out_dir.path().join("energy.ttl")).unwrap(),
        std::fs::read_to_string(root().join("ontology/energy.ttl")).unwrap()
    );
}
