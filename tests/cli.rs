//! End-to-end tests of the `twingraph` command-line contract (exit codes, output, atomicity).

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

fn twingraph(store: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_twingraph"))
        .arg("--store")
        .arg(store)
        .args(args)
        .env_remove("TWINGRAPH_CONFIG")
        .env_remove("RUST_LOG")
        .output()
        .expect("run twingraph")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn write(dir: &Path, name: &str, content: &str) -> PathBuf {
    let path = dir.join(name);
    std::fs::File::create(&path)
        .unwrap()
        .write_all(content.as_bytes())
        .unwrap();
    path
}

const DATA: &str = "@prefix ex: <http://example.org/> .\nex:erf ex:exportMW 25 ; ex:name \"Tyseley ERF\" .\nex:tep ex:exportMW 10 .\n";

#[test]
fn load_query_update_dump_graphs_stats() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("store");
    let file = write(dir.path(), "sites.ttl", DATA);

    let out = twingraph(
        &store,
        &[
            "load",
            file.to_str().unwrap(),
            "--graph",
            "http://example.org/g/sites",
        ],
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    let stderr = text(&out.stderr);
    assert!(
        stderr.contains("loaded 3 triples from 1 file(s)"),
        "{stderr}"
    );
    assert!(stderr.contains("triples/s"), "{stderr}");

    let out = twingraph(
        &store,
        &[
            "query",
            "SELECT ?s ?mw WHERE { GRAPH ?g { ?s <http://example.org/exportMW> ?mw } } ORDER BY DESC(?mw)",
            "--format",
            "csv",
        ],
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert_eq!(
        text(&out.stdout),
        "s,mw\r\nhttp://example.org/erf,25\r\nhttp://example.org/tep,10\r\n"
    );

    let query_file = write(
        dir.path(),
        "q.rq",
        "ASK { GRAPH <http://example.org/g/sites> { ?s ?p \"Tyseley ERF\" } }",
    );
    let out = twingraph(&store, &["query", &format!("@{}", query_file.display())]);
    assert!(out.status.success());
    assert!(text(&out.stdout).contains("true"), "{}", text(&out.stdout));

    let out = twingraph(
        &store,
        &[
            "update",
            "INSERT DATA { GRAPH <http://example.org/g/extra> { <http://example.org/a> <http://example.org/b> 1 } }",
        ],
    );
    assert!(out.status.success(), "{}", text(&out.stderr));

    let out = twingraph(
        &store,
        &[
            "dump",
            "--graph",
            "http://example.org/g/sites",
            "--format",
            "nt",
        ],
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert_eq!(text(&out.stdout).lines().count(), 3);
    let out = twingraph(&store, &["dump"]);
    assert!(text(&out.stdout).contains("<http://example.org/g/extra>"));

    let out = twingraph(&store, &["graphs"]);
    let listing = text(&out.stdout);
    assert!(out.status.success());
    assert!(
        listing.contains("http://example.org/g/sites") && listing.contains("sites.ttl"),
        "{listing}"
    );
    let out = twingraph(&store, &["graphs", "--json"]);
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let sites = json
        .as_array()
        .unwrap()
        .iter()
        .find(|g| g["graph"] == "http://example.org/g/sites")
        .unwrap();
    assert_eq!(sites["triples"], 3);
    assert_eq!(sites["loads"][0]["sha256"].as_str().unwrap().len(), 64);

    let out = twingraph(&store, &["stats"]);
    assert!(
        text(&out.stdout).contains("named graphs"),
        "{}",
        text(&out.stdout)
    );
}

#[test]
fn bad_input_exits_2_with_position_and_loads_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("store");
    let good = write(dir.path(), "good.ttl", DATA);
    let bad = write(
        dir.path(),
        "bad.ttl",
        "@prefix ex: <http://example.org/> .\nex:a ex:b ex:c .\nex:a ex:b \"open .\n",
    );
    let out = twingraph(
        &store,
        &["load", good.to_str().unwrap(), bad.to_str().unwrap()],
    );
    assert_eq!(out.status.code(), Some(2));
    let stderr = text(&out.stderr);
    assert!(stderr.contains("bad.ttl:3:"), "{stderr}");
    let out = twingraph(
        &store,
        &[
            "query",
            "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }",
            "--format",
            "tsv",
        ],
    );
    assert_eq!(text(&out.stdout), "?n\n0\n", "nothing may be loaded");

    let out = twingraph(&store, &["query", "SELECT WHERE {"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("error"), "{}", text(&out.stderr));

    let out = twingraph(&store, &["load", "/nonexistent/file.ttl"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("/nonexistent/file.ttl"));

    let out = twingraph(&store, &["no-such-command"]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn load_from_stdin_and_config_file() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("store");
    let mut child = Command::new(env!("CARGO_BIN_EXE_twingraph"))
        .args([
            "load",
            "-",
            "--format",
            "nt",
            "--graph",
            "http://example.org/stdin",
        ])
        .env("TWINGRAPH_STORE", &store)
        .stdin(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(b"<http://example.org/s> <http://example.org/p> \"v\" .\n")
        .unwrap();
    assert!(child.wait_with_output().unwrap().status.success());

    // The store directory can also come from the config file.
    let config = write(
        dir.path(),
        "twingraph.toml",
        &format!("store = {:?}\n", store.display().to_string()),
    );
    let out = Command::new(env!("CARGO_BIN_EXE_twingraph"))
        .args([
            "--config",
            config.to_str().unwrap(),
            "query",
            "SELECT ?o WHERE { GRAPH <http://example.org/stdin> { ?s ?p ?o } }",
            "--format",
            "tsv",
        ])
        .env_remove("TWINGRAPH_STORE")
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert_eq!(text(&out.stdout), "?o\n\"v\"\n");

    let bad_config = write(dir.path(), "bad.toml", "stroe = 1\n");
    let out = Command::new(env!("CARGO_BIN_EXE_twingraph"))
        .args(["--config", bad_config.to_str().unwrap(), "stats"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("stroe"), "{}", text(&out.stderr));
}
