//! Helpers shared by the integration tests that run the `twingraph` binary on a store.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// Runs `twingraph --store <store> <args…>` without any config file from the environment.
pub fn twingraph(store: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_twingraph"))
        .arg("--store")
        .arg(store)
        .args(args)
        .env_remove("TWINGRAPH_CONFIG")
        .output()
        .expect("run twingraph")
}

/// The process's stderr as text.
pub fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// Runs a SELECT and returns the TSV rows without the header.
pub fn rows(store: &Path, query: &str) -> Vec<String> {
    let out = twingraph(store, &["query", query, "--format", "tsv"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .skip(1)
        .map(str::to_owned)
        .collect()
}

/// A path inside the repository.
pub fn repo(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(path)
}

/// The integer of a TSV cell such as `"12"^^<…#integer>` or `12`.
pub fn number(cell: &str) -> usize {
    cell.split('^')
        .next()
        .unwrap()
        .trim_matches('"')
        .parse()
        .unwrap()
}
