//! `twingraph import cim`: the TEED district's CGMES models go into one graph per model with
//! their files' provenance and the CONSTRUCT alignment; bad input exits 2 and loads nothing.

mod common;

use common::{number, repo, rows, stderr, twingraph};

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

/// `mappings/cim/substation-roles.rq` types the district's substations from their voltage
/// levels (the generator names them: one "SYN Tyseley Primary 33/11kV", the rest secondaries
/// "SYN-SS …"), and
/// with those types `supply.srl` traces supply on an imported grid: every secondary is fed
/// from the primary and every energy consumer is served by one secondary.
#[test]
fn substation_roles_let_the_supply_rules_trace_an_imported_grid() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("store");
    let grid = repo("examples/teed/district/grid/cgmes");
    let align = repo("mappings/cim");
    let out = twingraph(
        &store,
        &[
            "import",
            "cim",
            grid.to_str().unwrap(),
            "--align",
            align.to_str().unwrap(),
        ],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let roles = rows(
        &store,
        "PREFIX grid: <https://w3id.org/twingraph/def/grid#> \
         PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> \
         SELECT ?name ?role WHERE { GRAPH <urn:twingraph:graph:cim-aligned> { \
           ?s a grid:Substation ; rdfs:label ?name . \
           OPTIONAL { ?s a ?role FILTER(?role IN (grid:PrimarySubstation, grid:SecondarySubstation)) } } }",
    );
    assert_eq!(roles.len(), 35, "{roles:?}");
    for row in &roles {
        let expected = if row.contains(" Primary ") {
            "PrimarySubstation>"
        } else {
            "SecondarySubstation>"
        };
        assert!(row.ends_with(expected), "{row}");
    }
    let cim16 = repo("ontology/alignments/cim16.ttl");
    let out = twingraph(&store, &["load", cim16.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let partof = repo("ontology/rules/partof.srl");
    let supply = repo("ontology/rules/supply.srl");
    let out = twingraph(
        &store,
        &[
            "infer",
            "--rules",
            partof.to_str().unwrap(),
            "--rules",
            supply.to_str().unwrap(),
        ],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let fed = rows(
        &store,
        "PREFIX grid: <https://w3id.org/twingraph/def/grid#> \
         SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE { \
           GRAPH ?g { ?s a grid:SecondarySubstation } \
           GRAPH ?h { ?s grid:fedFrom ?p } GRAPH ?k { ?p a grid:PrimarySubstation } }",
    );
    assert_eq!(number(&fed[0]), 34, "{fed:?}");
    let served = rows(
        &store,
        "PREFIX grid: <https://w3id.org/twingraph/def/grid#> \
         PREFIX cim: <http://iec.ch/TC57/2013/CIM-schema-cim16#> \
         SELECT ?e (COUNT(DISTINCT ?s) AS ?n) WHERE { GRAPH ?g { ?e a cim:EnergyConsumer } \
           OPTIONAL { GRAPH ?h { ?e grid:servedBySubstation ?s } } } GROUP BY ?e",
    );
    assert_eq!(served.len(), 34, "{served:?}");
    for row in &served {
        let n = row.split('\t').nth(1).unwrap();
        assert_eq!(number(n), 1, "{row}");
    }
}
