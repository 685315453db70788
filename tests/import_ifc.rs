//! `twingraph import ifc`: the TEED district's IFC model goes into its own graph with the
//! file's provenance, re-imports replace rather than duplicate, and bad input loads nothing.

mod common;

use common::{rows, stderr, twingraph};
use std::path::{Path, PathBuf};

fn teed_ifc() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/teed/district/ifc/uprn-100070040310.ifc")
}

const GRAPH: &str = "urn:twingraph:graph:uprn-100070040310.ifc";

fn count(store: &Path, pattern: &str) -> usize {
    let q = format!("SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{GRAPH}> {{ {pattern} }} }}");
    rows(store, &q)[0]
        .split('^')
        .next()
        .unwrap()
        .trim_matches('"')
        .parse()
        .unwrap()
}

#[test]
fn imports_the_district_model_with_provenance_and_replaces_on_reimport() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("store");
    let file = teed_ifc();
    let out = twingraph(
        &store,
        &[
            "import",
            "ifc",
            file.to_str().unwrap(),
            "--licence",
            "ogl-3",
            "--access",
            "open",
        ],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(err.contains("schema IFC4"), "{err}");
    assert!(err.contains("imported 1 IFC file(s)"), "{err}");

    let bot = "https://w3id.org/bot#";
    assert_eq!(count(&store, &format!("?b a <{bot}Building>")), 1);
    let storeys = count(&store, &format!("?s a <{bot}Storey>"));
    assert!(storeys >= 1, "storeys: {storeys}");
    assert_eq!(
        count(
            &store,
            &format!("?b a <{bot}Building> ; <{bot}hasStorey> ?s")
        ),
        storeys
    );
    let triples = count(&store, "?s ?p ?o");
    assert!(triples > 50, "only {triples} triples");

    // The building is linked to its UPRN (the file name's UPRN is carried in the model).
    let uprn = rows(
        &store,
        &format!(
            "SELECT ?v WHERE {{ GRAPH <{GRAPH}> {{ ?x ?p ?v FILTER(CONTAINS(STR(?v), \"100070040310\")) }} }} LIMIT 1"
        ),
    );
    assert_eq!(uprn.len(), 1, "no UPRN link in the imported graph");

    // Provenance: the IFC file itself, its media type, licence and access level.
    let meta = rows(
        &store,
        &format!(
            "SELECT ?type ?licence ?access WHERE {{ GRAPH <urn:twingraph:graph:meta> {{
               <{GRAPH}> <http://purl.org/dc/terms/license> ?licence ;
                         <https://w3id.org/twingraph/def/governance#accessLevel> ?access .
               ?load <http://www.w3.org/ns/prov#generated> <{GRAPH}> .
               ?load ?p ?dist . ?dist <http://www.w3.org/ns/dcat#mediaType> ?type }} }}"
        ),
    );
    assert_eq!(meta.len(), 1, "{meta:?}");
    assert!(meta[0].contains("application/x-step"), "{meta:?}");
    assert!(meta[0].contains("open-government-licence"), "{meta:?}");
    assert!(meta[0].contains("Open"), "{meta:?}");

    // A re-import replaces the graph: same triple count, no duplicates.
    let out = twingraph(&store, &["import", "ifc", file.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(count(&store, "?s ?p ?o"), triples);
}

#[test]
fn bad_ifc_exits_2_naming_the_place_and_loads_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("store");
    let good = teed_ifc();
    let text = std::fs::read_to_string(&good).unwrap();
    // Truncate in the middle of the data section.
    let cut = text.len() / 2;
    let cut = text[..cut].rfind('\n').unwrap();
    let bad = dir.path().join("truncated.ifc");
    std::fs::write(&bad, &text[..cut]).unwrap();
    // The good file comes first: nothing of it may be loaded either.
    let out = twingraph(
        &store,
        &[
            "import",
            "ifc",
            good.to_str().unwrap(),
            bad.to_str().unwrap(),
        ],
    );
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(err.contains("truncated.ifc"), "{err}");
    assert!(err.contains("line"), "{err}");
    let graphs = rows(&store, "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }");
    assert!(graphs.is_empty(), "something was loaded: {graphs:?}");

    // --graph with several files is refused.
    let out = twingraph(
        &store,
        &[
            "import",
            "ifc",
            good.to_str().unwrap(),
            good.to_str().unwrap(),
            "--graph",
            "urn:x:g",
        ],
    );
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
}

#[test]
fn shapes_gate_quarantines_an_import_with_violations() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("store");
    let shapes = dir.path().join("shapes.ttl");
    // Demands a property no IFC import writes, so every storey violates it.
    std::fs::write(
        &shapes,
        "@prefix sh: <http://www.w3.org/ns/shacl#> .
         <urn:x:StoreyShape> a sh:NodeShape ; sh:targetClass <https://w3id.org/bot#Storey> ;
           sh:property [ sh:path <urn:x:mustHave> ; sh:minCount 1 ] .",
    )
    .unwrap();
    let file = teed_ifc();
    let out = twingraph(
        &store,
        &[
            "import",
            "ifc",
            file.to_str().unwrap(),
            "--shapes",
            shapes.to_str().unwrap(),
        ],
    );
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(stderr(&out).contains("QUARANTINED"), "{}", stderr(&out));
    let graphs = rows(
        &store,
        "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } } ORDER BY ?g",
    );
    assert!(
        graphs
            .iter()
            .any(|g| g.contains("urn:twingraph:quarantine:")),
        "{graphs:?}"
    );
    assert!(
        !graphs.iter().any(|g| g == &format!("<{GRAPH}>")),
        "{graphs:?}"
    );
}
