//! `twingraph map`: the RML mappings of `mappings/` over the TEED district files, to N-Quads
//! and into the store (atomically, with provenance), bad rows, lenient mode, bad mappings, and
//! the SHACL shapes over the mapped output.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn twingraph(store: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_twingraph"))
        .arg("--store")
        .arg(store)
        .args(args)
        .current_dir(root())
        .env_remove("TWINGRAPH_CONFIG")
        .output()
        .expect("run twingraph")
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

fn district(path: &str) -> PathBuf {
    root().join("examples/teed/district").join(path)
}

fn mapping(path: &str) -> String {
    root().join("mappings").join(path).display().to_string()
}

/// Data rows of a CSV file with a header (no quoted newlines in the district files).
fn csv_rows(path: &Path) -> usize {
    std::fs::read_to_string(path).unwrap().lines().count() - 1
}

/// Subjects typed `class` in an N-Quads file.
fn typed(nq: &str, class: &str) -> usize {
    let suffix = format!("<http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <{class}> .");
    nq.lines().filter(|l| l.ends_with(&suffix)).count()
}

/// Runs a SELECT and returns the TSV rows without the header.
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

fn count(store: &Path, query: &str) -> usize {
    rows(store, query)[0]
        .split('^')
        .next()
        .unwrap()
        .trim_matches('"')
        .parse()
        .unwrap()
}

const PLACE: &str = "https://w3id.org/twingraph/def/place#";
const UPRN_GRAPH: &str = "urn:twingraph:graph:os-open-uprn.rml.ttl";
const UPRN_CSV: &str = "os/osopenuprn_202501.csv";
const GEOMETRY_10023087745: &str = "<https://w3id.org/twingraph/id/uprn/10023087745/geometry> \
     <http://www.opengis.net/ont/geosparql#asWKT> \
     \"<http://www.opengis.net/def/crs/EPSG/0/27700> POINT(410481.53 284959.05)\"\
     ^^<http://www.opengis.net/ont/geosparql#wktLiteral> .";

fn locations_in_store(store: &Path) -> usize {
    count(
        store,
        &format!(
            "SELECT (COUNT(?s) AS ?n) WHERE {{ GRAPH <{UPRN_GRAPH}> {{ ?s a <{PLACE}AddressableLocation> }} }}"
        ),
    )
}

fn all_quads(store: &Path) -> usize {
    count(
        store,
        "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }",
    )
}

#[test]
fn maps_os_open_uprn_to_nquads() {
    let dir = tempfile::tempdir().unwrap();
    let out_file = dir.path().join("uprn.nq");
    let out = twingraph(
        &dir.path().join("unused-store"),
        &[
            "map",
            &mapping("os-open-uprn/os-open-uprn.rml.ttl"),
            "--out",
            out_file.to_str().unwrap(),
        ],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let err = stderr(&out);
    let rows = csv_rows(&district(UPRN_CSV));
    assert_eq!(rows, 4989);
    // 3 triples maps over the same file; 8 quads per UPRN, none duplicated.
    assert!(
        err.contains(&format!(
            "3 triples maps, {} records, {} quads, 0 duplicates dropped, 0 rejected",
            3 * rows,
            8 * rows
        )),
        "{err}"
    );
    assert!(err.contains("quads/s"), "{err}");
    assert!(
        !dir.path().join("unused-store").exists(),
        "--out must not open the store"
    );
    assert!(!dir.path().join("uprn.nq.partial").exists());
    let nq = std::fs::read_to_string(&out_file).unwrap();
    assert_eq!(typed(&nq, &format!("{PLACE}AddressableLocation")), rows);
    assert_eq!(nq.lines().count(), 8 * rows);
    assert!(nq.lines().any(|l| l == GEOMETRY_10023087745), "BNG point");
    assert!(nq.lines().any(|l| l
        == "<https://w3id.org/twingraph/id/uprn/10023087745/geometry/wgs84> \
            <http://www.opengis.net/ont/geosparql#asWKT> \"POINT(-1.8471581 52.4624777)\"\
            ^^<http://www.opengis.net/ont/geosparql#wktLiteral> ."));
    assert!(nq.lines().any(|l| l
        == "<https://w3id.org/twingraph/id/uprn/10023087745> \
            <https://w3id.org/twingraph/def/core#uprn> \"10023087745\" ."));

    // --base changes the instance base; --graph names the graph of default-graph quads.
    let out = twingraph(
        &dir.path().join("unused-store"),
        &[
            "map",
            &mapping("os-open-uprn/os-open-uprn.rml.ttl"),
            "--base",
            "https://data.birmingham.example/id/",
            "--graph",
            "urn:example:uprn",
            "--out",
            out_file.to_str().unwrap(),
        ],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let nq = std::fs::read_to_string(&out_file).unwrap();
    assert!(nq.lines().any(|l| l
        == "<https://data.birmingham.example/id/uprn/10023087745> \
            <https://w3id.org/twingraph/def/core#uprn> \"10023087745\" <urn:example:uprn> ."));
}

#[test]
fn maps_to_stdout_with_out_dash() {
    let dir = tempfile::tempdir().unwrap();
    let out = twingraph(
        &dir.path().join("unused-store"),
        &["map", &mapping("naptan/naptan-stops.rml.ttl"), "--out", "-"],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let nq = String::from_utf8(out.stdout).unwrap();
    assert_eq!(
        typed(&nq, "https://w3id.org/twingraph/def/transport#StopPoint"),
        csv_rows(&district("transport/naptan/Stops.csv"))
    );
    assert!(nq.lines().any(|l| l
        == "<https://w3id.org/twingraph/id/stop/43000990001> \
            <https://w3id.org/twingraph/def/core#atcoCode> \"43000990001\"^^<http://www.w3.org/2001/XMLSchema#string> ."
        || l == "<https://w3id.org/twingraph/id/stop/43000990001> \
            <https://w3id.org/twingraph/def/core#atcoCode> \"43000990001\" ."));
}

#[test]
fn maps_into_the_store_atomically_with_provenance_and_replaces_on_rerun() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("store");
    let args = [
        "map",
        &mapping("os-open-uprn/os-open-uprn.rml.ttl"),
        "--licence",
        "ogl-3",
        "--access",
        "open",
    ];
    let out = twingraph(&store, &args);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(
        err.contains(&format!("into {UPRN_GRAPH}")) || err.contains(&format!("<{UPRN_GRAPH}>")),
        "{err}"
    );
    assert!(err.contains("osopenuprn_202501.csv (sha256 "), "{err}");
    let n_rows = csv_rows(&district(UPRN_CSV));
    assert_eq!(locations_in_store(&store), n_rows);
    let wkt = rows_of_geometry(&store);
    assert_eq!(
        wkt,
        vec![
            "\"<http://www.opengis.net/def/crs/EPSG/0/27700> POINT(410481.53 284959.05)\"^^<http://www.opengis.net/ont/geosparql#wktLiteral>"
                .to_owned()
        ]
    );
    // Provenance: the mapping file and the CSV, each with its SHA-256, generated the graph,
    // which carries the licence and access level.
    let sources = rows(
        &store,
        &format!(
            "PREFIX prov: <http://www.w3.org/ns/prov#> PREFIX dcterms: <http://purl.org/dc/terms/>
             PREFIX spdx: <http://spdx.org/rdf/terms#> PREFIX tg: <https://w3id.org/twingraph/def/core#>
             SELECT ?title ?n ?sum WHERE {{ GRAPH <urn:twingraph:graph:meta> {{
               ?a prov:generated <{UPRN_GRAPH}> ; prov:used ?d ; tg:triplesLoaded ?n .
               ?d dcterms:title ?title ; spdx:checksum/spdx:checksumValue ?sum }} }} ORDER BY ?title"
        ),
    );
    assert_eq!(sources.len(), 2, "{sources:?}");
    assert!(
        sources[0].starts_with("\"os-open-uprn.rml.ttl\"\t"),
        "{sources:?}"
    );
    assert!(
        sources[0].contains(&format!("\t{}\t", 8 * n_rows))
            || sources[0].contains(&format!("\t\"{}\"", 8 * n_rows)),
        "{sources:?}"
    );
    assert!(
        sources[1].starts_with("\"osopenuprn_202501.csv\"\t"),
        "{sources:?}"
    );
    for s in &sources {
        let sum = s.rsplit('\t').next().unwrap();
        let hex = sum.trim_start_matches('"').split('"').next().unwrap();
        assert_eq!(hex.len(), 64, "{s}");
    }
    let licence = rows(
        &store,
        &format!(
            "SELECT ?l ?a WHERE {{ GRAPH <urn:twingraph:graph:meta> {{ <{UPRN_GRAPH}> \
             <http://purl.org/dc/terms/license> ?l ; \
             <https://w3id.org/twingraph/def/governance#accessLevel> ?a }} }}"
        ),
    );
    assert_eq!(licence.len(), 1, "{licence:?}");
    assert!(
        licence[0].contains("open-government-licence"),
        "{licence:?}"
    );
    assert!(licence[0].contains("access-level#Open"), "{licence:?}");

    // Re-running replaces the graph: the same data, not twice.
    let before = all_quads(&store);
    let out = twingraph(&store, &args);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(locations_in_store(&store), n_rows);
    let data = count(
        &store,
        &format!("SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{UPRN_GRAPH}> {{ ?s ?p ?o }} }}"),
    );
    assert_eq!(data, 8 * n_rows);
    assert!(all_quads(&store) > before, "a second load record was added");
}

fn rows_of_geometry(store: &Path) -> Vec<String> {
    rows(
        store,
        &format!(
            "SELECT ?wkt WHERE {{ GRAPH <{UPRN_GRAPH}> {{ \
             <https://w3id.org/twingraph/id/uprn/10023087745> \
             <http://www.opengis.net/ont/geosparql#hasGeometry> ?g . \
             ?g <http://www.opengis.net/ont/geosparql#asWKT> ?wkt \
             FILTER(CONTAINS(STR(?wkt), \"27700\")) }} }}"
        ),
    )
}

/// A copy of the OS Open UPRN file with a bad easting on the given data row (1-based).
fn uprn_with_bad_row(dir: &Path, row: usize) -> (PathBuf, usize) {
    let text = std::fs::read_to_string(district(UPRN_CSV)).unwrap();
    let mut lines: Vec<String> = text.lines().map(str::to_owned).collect();
    let mut cells: Vec<String> = lines[row].split(',').map(str::to_owned).collect();
    cells[1] = "4104x1.53".into();
    lines[row] = cells.join(",");
    let path = dir.join("bad-uprn.csv");
    std::fs::write(&path, lines.join("\n") + "\n").unwrap();
    (path, row + 1)
}

#[test]
fn a_malformed_row_exits_2_naming_file_and_line_and_leaves_the_store_unchanged() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("store");
    let good = ["map", &mapping("os-open-uprn/os-open-uprn.rml.ttl")];
    let out = twingraph(&store, &good);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let before = all_quads(&store);
    let (bad, line) = uprn_with_bad_row(dir.path(), 100);
    let source = format!("osopenuprn_202501.csv={}", bad.display());
    let out = twingraph(
        &store,
        &[
            "map",
            &mapping("os-open-uprn/os-open-uprn.rml.ttl"),
            "--source",
            &source,
        ],
    );
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(err.contains(&format!("bad-uprn.csv:{line}:")), "{err}");
    assert!(
        err.contains("BngGeometry"),
        "the triples map is named: {err}"
    );
    assert!(err.contains("4104x1.53"), "the value is named: {err}");
    assert_eq!(all_quads(&store), before, "nothing was written");
    assert_eq!(locations_in_store(&store), csv_rows(&district(UPRN_CSV)));

    // A row with more fields than the header: a source error, also with file and line.
    let text = std::fs::read_to_string(district(UPRN_CSV)).unwrap();
    let mut lines: Vec<&str> = text.lines().collect();
    lines.insert(3, "10099999999,410481.53,284959.05,52.46,-1.84,surplus");
    let long = dir.path().join("long-row.csv");
    std::fs::write(&long, lines.join("\n") + "\n").unwrap();
    let source = format!("osopenuprn_202501.csv={}", long.display());
    let out_file = dir.path().join("long.nq");
    let out = twingraph(
        &store,
        &[
            "map",
            &mapping("os-open-uprn/os-open-uprn.rml.ttl"),
            "--source",
            &source,
            "--out",
            out_file.to_str().unwrap(),
        ],
    );
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(
        err.contains("long-row.csv") && err.contains("line 4"),
        "{err}"
    );
    assert!(!out_file.exists(), "no output file after a failed run");
    assert!(!dir.path().join("long.nq.partial").exists());
}

#[test]
fn lenient_mode_skips_bad_records_and_writes_the_rejects() {
    let dir = tempfile::tempdir().unwrap();
    let (bad, _) = uprn_with_bad_row(dir.path(), 7);
    let source = format!("osopenuprn_202501.csv={}", bad.display());
    let out_file = dir.path().join("lenient.nq");
    let out = twingraph(
        &dir.path().join("store"),
        &[
            "map",
            &mapping("os-open-uprn/os-open-uprn.rml.ttl"),
            "--source",
            &source,
            "--lenient",
            "--out",
            out_file.to_str().unwrap(),
        ],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(err.contains(", 1 rejected"), "{err}");
    let rejects_file = dir.path().join("lenient.nq.rejects.txt");
    let rejects = std::fs::read_to_string(&rejects_file).unwrap();
    assert_eq!(rejects.lines().count(), 1, "{rejects}");
    assert!(rejects.contains("BngGeometry"), "{rejects}");
    assert!(rejects.contains("record 7"), "{rejects}");
    assert!(
        rejects.starts_with(&format!("{}: ", bad.display())),
        "{rejects}"
    );
    assert!(rejects.contains("4104x1.53"), "{rejects}");
    let nq = std::fs::read_to_string(&out_file).unwrap();
    let rows = csv_rows(&district(UPRN_CSV));
    // The rejected record lost its BNG geometry only (records are atomic per triples map).
    assert_eq!(nq.lines().count(), 8 * rows - 2);

    // --rejects names the file; into the store.
    let chosen = dir.path().join("chosen-rejects.txt");
    let store = dir.path().join("store");
    let out = twingraph(
        &store,
        &[
            "map",
            &mapping("os-open-uprn/os-open-uprn.rml.ttl"),
            "--source",
            &source,
            "--lenient",
            "--rejects",
            chosen.to_str().unwrap(),
        ],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(std::fs::read_to_string(&chosen).unwrap().lines().count(), 1);
    assert_eq!(locations_in_store(&store), rows);
}

#[test]
fn an_invalid_mapping_exits_2_naming_the_term() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad.rml.ttl");
    std::fs::write(
        &bad,
        "@prefix rml: <http://w3id.org/rml/> .\n\
         <http://example.org/map#NoSubject> a rml:TriplesMap ;\n\
           rml:logicalSource [ rml:source \"data.csv\" ; rml:referenceFormulation rml:CSV ] ;\n\
           rml:predicateObjectMap [ rml:predicate <http://example.org/p> ; rml:objectMap [ rml:reference \"a\" ] ] .\n",
    )
    .unwrap();
    let out = twingraph(
        &dir.path().join("store"),
        &["map", bad.to_str().unwrap(), "--out", "x.nq"],
    );
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(err.contains("http://example.org/map#NoSubject"), "{err}");
    assert!(err.contains("bad.rml.ttl"), "{err}");

    // A Turtle syntax error: file, line and column.
    std::fs::write(
        &bad,
        "@prefix rml: <http://w3id.org/rml/> .\n<a> rml:x \"unterminated .\n",
    )
    .unwrap();
    let out = twingraph(
        &dir.path().join("store"),
        &["map", bad.to_str().unwrap(), "--out", "x.nq"],
    );
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(stderr(&out).contains("bad.rml.ttl:2:"), "{}", stderr(&out));

    // A --source without `=`.
    let out = twingraph(
        &dir.path().join("store"),
        &[
            "map",
            &mapping("os-open-uprn/os-open-uprn.rml.ttl"),
            "--source",
            "nothing",
            "--out",
            "x.nq",
        ],
    );
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(stderr(&out).contains("NAME=PATH"), "{}", stderr(&out));
    assert!(!root().join("x.nq").exists());
}

/// Code-Point Open's data files have no header row: join the documented header and the data.
fn codepoint_with_header(dir: &Path) -> PathBuf {
    let header = std::fs::read_to_string(district(
        "os/codepo_gb/Doc/Code-Point_Open_Column_Headers.csv",
    ))
    .unwrap();
    let data = std::fs::read_to_string(district("os/codepo_gb/Data/CSV/b.csv")).unwrap();
    let path = dir.join("codepo_gb.csv");
    std::fs::write(&path, format!("{}\n{data}", header.lines().nth(1).unwrap())).unwrap();
    path
}

/// Runs every mapping of `mappings/` over the district to N-Quads files in `dir`.
fn map_all(dir: &Path) -> Vec<PathBuf> {
    let codepoint = codepoint_with_header(dir);
    let runs: Vec<(&str, Vec<String>)> = vec![
        ("os-open-uprn/os-open-uprn.rml.ttl", vec![]),
        (
            "codepoint-open/codepoint-open.rml.ttl",
            vec![
                "--source".into(),
                format!("codepo_gb.csv={}", codepoint.display()),
            ],
        ),
        ("epc/epc-certificates.rml.ttl", vec![]),
        ("epc/epc-recommendations.rml.ttl", vec![]),
        ("epc/epc-addresses.rml.ttl", vec![]),
        ("naptan/naptan-stops.rml.ttl", vec![]),
        ("gtfs/gtfs.rml.ttl", vec![]),
    ];
    let mut files = Vec::new();
    for (m, extra) in runs {
        let file = dir.join(format!("{}.nq", m.replace('/', "-")));
        let mut args = vec!["map".to_owned(), mapping(m), "--out".into()];
        args.push(file.display().to_string());
        args.extend(extra);
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let out = twingraph(&dir.join("store"), &args);
        assert_eq!(out.status.code(), Some(0), "{m}: {}", stderr(&out));
        files.push(file);
    }
    files
}

#[test]
fn the_district_mappings_give_the_expected_counts_and_pass_the_shapes() {
    let dir = tempfile::tempdir().unwrap();
    let files = map_all(dir.path());
    let read = |name: &str| {
        std::fs::read_to_string(files.iter().find(|f| f.ends_with(name)).unwrap()).unwrap()
    };

    let cp = read("codepoint-open-codepoint-open.rml.ttl.nq");
    assert_eq!(
        typed(
            &cp,
            "http://data.ordnancesurvey.co.uk/ontology/postcode/PostcodeUnit"
        ),
        202
    );
    assert!(cp.lines().any(|l| l
        == "<https://w3id.org/twingraph/id/postcodeunit/B100AA/geometry> \
            <http://www.opengis.net/ont/geosparql#asWKT> \
            \"<http://www.opengis.net/def/crs/EPSG/0/27700> POINT(411054 285083)\"\
            ^^<http://www.opengis.net/ont/geosparql#wktLiteral> ."));
    assert!(cp.lines().any(|l| l
        == "<http://data.ordnancesurvey.co.uk/id/postcodeunit/B100AA> \
            <https://w3id.org/twingraph/def/place#inWard> \
            <https://w3id.org/twingraph/id/ward/E05011182> ."));

    let epc = read("epc-epc-certificates.rml.ttl.nq");
    let certificates = csv_rows(&district(
        "epc/domestic-E08000025-Birmingham/certificates.csv",
    ));
    assert_eq!(certificates, 3100);
    assert_eq!(
        typed(
            &epc,
            "https://w3id.org/twingraph/def/energy#EnergyPerformanceCertificate"
        ),
        certificates
    );
    assert_eq!(
        typed(&epc, "https://w3id.org/twingraph/def/building#Dwelling"),
        2113,
        "distinct UPRNs of the certificates"
    );
    let cert = "<https://w3id.org/twingraph/id/epc/1000000000012696775705446282948>";
    for expected in [
        format!("{cert} <https://w3id.org/twingraph/def/energy#sapScore> \"64\"^^<http://www.w3.org/2001/XMLSchema#integer> ."),
        format!("{cert} <https://w3id.org/twingraph/def/energy#currentEnergyBand> <https://w3id.org/twingraph/def/vocab/epc-band#D> ."),
        format!("{cert} <https://w3id.org/twingraph/def/energy#lodgementDate> \"2009-01-05\"^^<http://www.w3.org/2001/XMLSchema#date> ."),
        format!("{cert} <https://w3id.org/twingraph/def/energy#certifies> <https://w3id.org/twingraph/id/uprn/100070043986> ."),
        format!("{cert} <https://w3id.org/twingraph/def/energy#mainFuel> <https://w3id.org/twingraph/def/vocab/fuel#MainsGas> ."),
        "<https://w3id.org/twingraph/id/uprn/100070043986> <https://w3id.org/twingraph/def/building#builtForm> <https://w3id.org/twingraph/def/vocab/built-form#MidTerrace> .".to_owned(),
    ] {
        assert!(epc.lines().any(|l| l == expected), "missing {expected}");
    }
    assert!(
        !epc.contains("Chester Crescent"),
        "addresses stay out of the open graph"
    );
    let addresses = read("epc-epc-addresses.rml.ttl.nq");
    assert!(addresses.contains("\"73 Chester Crescent, BIRMINGHAM\""));

    let recs = read("epc-epc-recommendations.rml.ttl.nq");
    assert_eq!(
        typed(
            &recs,
            "https://w3id.org/twingraph/def/energy#RetrofitMeasure"
        ),
        csv_rows(&district(
            "epc/domestic-E08000025-Birmingham/recommendations.csv"
        ))
    );

    let naptan = read("naptan-naptan-stops.rml.ttl.nq");
    assert_eq!(
        typed(
            &naptan,
            "https://w3id.org/twingraph/def/transport#StopPoint"
        ),
        csv_rows(&district("transport/naptan/Stops.csv"))
    );

    let gtfs = read("gtfs-gtfs.rml.ttl.nq");
    assert_eq!(
        typed(&gtfs, "http://vocab.gtfs.org/terms#StopTime"),
        csv_rows(&district("transport/gtfs/stop_times.txt"))
    );
    assert_eq!(
        typed(&gtfs, "http://vocab.gtfs.org/terms#Trip"),
        csv_rows(&district("transport/gtfs/trips.txt"))
    );

    // All the mapped data, as one graph, conforms to every shape of shapes/.
    let mut args = vec!["validate".to_owned()];
    for entry in std::fs::read_dir(root().join("shapes")).unwrap() {
        let p = entry.unwrap().path();
        if p.extension().is_some_and(|e| e == "ttl") {
            args.push("--shapes".into());
            args.push(p.display().to_string());
        }
    }
    args.extend(files.iter().map(|f| f.display().to_string()));
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let out = twingraph(&dir.path().join("store"), &args);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{stdout}{}", stderr(&out));
}

#[test]
fn shapes_gate_quarantines_a_run_with_violations() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("store");
    // The first certificate gets SAP 20 with band D: inconsistent, a violation.
    let text = std::fs::read_to_string(district(
        "epc/domestic-E08000025-Birmingham/certificates.csv",
    ))
    .unwrap();
    let bad = text.replacen(",D,B,64,90,", ",D,B,20,90,", 1);
    assert_ne!(bad, text);
    let file = dir.path().join("certificates.csv");
    std::fs::write(&file, bad).unwrap();
    let source = format!("certificates.csv={}", file.display());
    let report = dir.path().join("report.ttl");
    let out = twingraph(
        &store,
        &[
            "map",
            &mapping("epc/epc-certificates.rml.ttl"),
            "--source",
            &source,
            "--shapes",
            "shapes/",
            "--report",
            report.to_str().unwrap(),
        ],
    );
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(err.contains("QUARANTINED"), "{err}");
    assert!(err.contains("1 violation(s)"), "{err}");
    assert!(report.exists());
    let live = count(
        &store,
        "SELECT (COUNT(*) AS ?n) WHERE { GRAPH <urn:twingraph:graph:epc-certificates.rml.ttl> { ?s ?p ?o } }",
    );
    assert_eq!(live, 0);
    let quarantined = count(
        &store,
        "SELECT (COUNT(*) AS ?n) WHERE { GRAPH <urn:twingraph:quarantine:urn:twingraph:graph:epc-certificates.rml.ttl> { ?s ?p ?o } }",
    );
    assert!(quarantined > 50_000, "{quarantined}");
}
