//! `twingraph import cim`: the TEED district's CGMES models go into one graph per model with
//! their files' provenance and the CONSTRUCT alignment; bad input exits 2 and loads nothing.

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

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

fn rows(store: &Path, query: &str) -> Vec<String> {
    let out = twingraph(store, &["query", query, "--format", "tsv"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .skip(1)
        .map(str::to_owned)
        .collect()
}

fn repo(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(path)
}

fn number(row: &str) -> usize {
    row.split('^')
        .next()
        .unwrap()
        .trim_matches('"')
        .parse()
        .unwrap()
}

#[test]
fn imports_the_district_grid_with_one_graph_per_model_and_the_alignment() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("store");
    let grid = repo("examples/teed/district/grid/cgmes");
    let align = repo("mappings/cim");
    let args = [
        "import",
        "cim",
        grid.to_str().unwrap(),
        "--align",
        align.to_str().unwrap(),
        "--licence",
        "ogl-3",
        "--access",
        "restricted",
    ];
    let out = twingraph(&store, &args);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(err.contains("imported 4 models"), "{err}");
    assert!(err.contains("EnergyConsumer 34"), "{err}");

    // One graph per model, each recorded with its file, licence and access level.
    let graphs = rows(
        &store,
        "SELECT ?g ?name WHERE { GRAPH <urn:twingraph:graph:meta> {
           ?load <http://www.w3.org/ns/prov#generated> ?g ; <http://www.w3.org/ns/prov#used> ?d .
           ?d <http://purl.org/dc/terms/title> ?name .
           ?g <https://w3id.org/twingraph/def/governance#accessLevel> ?a } } ORDER BY ?name",
    );
    assert_eq!(graphs.len(), 5, "{graphs:?}");
    assert!(
        graphs
            .iter()
            .any(|g| g.starts_with("<urn:twingraph:graph:cim-aligned>")
                && g.contains("CONSTRUCT alignments")),
        "{graphs:?}"
    );
    for profile in ["EQ", "GL", "SSH", "TP"] {
        let file = format!("TEED_SYN_{profile}.xml");
        assert!(
            graphs
                .iter()
                .any(|g| g.starts_with("<urn:uuid:") && g.contains(&file)),
            "no model graph for {file}: {graphs:?}"
        );
    }

    // The equipment is in its model graph, and the alignment put it into the ontology.
    let consumers = rows(
        &store,
        "SELECT (COUNT(DISTINCT ?c) AS ?n) WHERE { GRAPH ?g { ?c a <http://iec.ch/TC57/2013/CIM-schema-cim16#EnergyConsumer> } FILTER(STRSTARTS(STR(?g), \"urn:uuid:\")) }",
    );
    assert_eq!(number(&consumers[0]), 34);
    let aligned = rows(
        &store,
        "SELECT (COUNT(*) AS ?n) WHERE { GRAPH <urn:twingraph:graph:cim-aligned> { ?s ?p ?o } }",
    );
    assert!(number(&aligned[0]) > 100, "{aligned:?}");

    // Re-import replaces: same number of quads.
    let count = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } FILTER(?g != <urn:twingraph:graph:meta>) }";
    let before = number(&rows(&store, count)[0]);
    let out = twingraph(&store, &args);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(number(&rows(&store, count)[0]), before);
}

#[test]
fn bad_cim_input_exits_2_and_loads_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("store");
    // The SSH model depends on the EQ model, which is not given.
    let ssh = repo("examples/teed/district/grid/cgmes/TEED_SYN_SSH.xml");
    let out = twingraph(&store, &["import", "cim", ssh.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("TEED_SYN_SSH.xml"),
        "{}",
        stderr(&out)
    );

    // Malformed XML next to good models: an error naming the file and line, nothing loaded.
    let eq = repo("examples/teed/district/grid/cgmes/TEED_SYN_EQ.xml");
    let text = std::fs::read_to_string(&eq).unwrap();
    let bad = dir.path().join("broken_EQ.xml");
    std::fs::write(&bad, &text[..text.len() / 2]).unwrap();
    let out = twingraph(
        &store,
        &[
            "import",
            "cim",
            ssh.to_str().unwrap(),
            bad.to_str().unwrap(),
        ],
    );
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(stderr(&out).contains("broken_EQ.xml"), "{}", stderr(&out));
    let graphs = rows(&store, "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }");
    assert!(graphs.is_empty(), "something was loaded: {graphs:?}");
}
