//! `twingraph validate`: files or stored graphs against SHACL shapes; exit 0/1/2.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn twingraph(store: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_twingraph"))
        .arg("--store")
        .arg(store)
        .args(args)
        .env_remove("TWINGRAPH_CONFIG")
        .output()
        .expect("run twingraph")
}

fn write(dir: &Path, name: &str, content: &str) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, content).unwrap();
    path
}

const SHAPES: &str = "@prefix sh: <http://www.w3.org/ns/shacl#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix ex: <http://example.org/> .
ex:SiteShape a sh:NodeShape ; sh:targetClass ex:Site ;
  sh:property [ sh:path ex:exportMW ; sh:datatype xsd:decimal ; sh:minCount 1 ; sh:maxCount 1 ] .
";
const GOOD: &str = "@prefix ex: <http://example.org/> .\nex:erf a ex:Site ; ex:exportMW 25.0 .\n";
const BAD: &str = "@prefix ex: <http://example.org/> .\nex:erf a ex:Site ; ex:exportMW 25.0 .\nex:tep a ex:Site .\n";

#[test]
fn validate_files_and_store() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("store");
    let shapes = write(dir.path(), "shapes.ttl", SHAPES);
    let good = write(dir.path(), "good.ttl", GOOD);
    let bad = write(dir.path(), "bad.ttl", BAD);
    let shapes_arg = shapes.to_str().unwrap();

    let out = twingraph(
        &store,
        &["validate", "--shapes", shapes_arg, good.to_str().unwrap()],
    );
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );

    let report = dir.path().join("report.ttl");
    let out = twingraph(
        &store,
        &[
            "validate",
            "--shapes",
            shapes_arg,
            bad.to_str().unwrap(),
            "--report",
            report.to_str().unwrap(),
        ],
    );
    assert_eq!(
        out.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let summary = String::from_utf8_lossy(&out.stdout);
    assert!(summary.contains("http://example.org/tep"), "{summary}");
    let report = std::fs::read_to_string(report).unwrap();
    assert!(
        report.contains("sh:ValidationReport") && report.contains("sh:MinCountConstraintComponent"),
        "{report}"
    );

    let broken = write(
        dir.path(),
        "broken.ttl",
        "@prefix ex: <http://example.org/> .\nex:a ex:b \"open .\n",
    );
    let out = twingraph(
        &store,
        &["validate", "--shapes", shapes_arg, broken.to_str().unwrap()],
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("broken.ttl:2:"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );

    // Stored graphs: the bad data in one graph, the good in another.
    assert!(
        twingraph(
            &store,
            &[
                "load",
                bad.to_str().unwrap(),
                "--graph",
                "http://example.org/g/bad"
            ]
        )
        .status
        .success()
    );
    assert!(
        twingraph(
            &store,
            &[
                "load",
                good.to_str().unwrap(),
                "--graph",
                "http://example.org/g/good"
            ]
        )
        .status
        .success()
    );
    let out = twingraph(&store, &["validate", "--shapes", shapes_arg]);
    assert_eq!(out.status.code(), Some(1));
    let out = twingraph(
        &store,
        &[
            "validate",
            "--shapes",
            shapes_arg,
            "--graph",
            "http://example.org/g/good",
        ],
    );
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let out = twingraph(
        &store,
        &[
            "validate",
            "--shapes",
            shapes_arg,
            "--graph",
            "http://example.org/g/none",
        ],
    );
    assert_eq!(out.status.code(), Some(2));
}
