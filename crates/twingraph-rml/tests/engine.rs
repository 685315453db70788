//! Engine tests on small CSV / XML inputs in `tests/data` (no shared data needed).

use oxrdf::Quad;
use std::path::{Path, PathBuf};
use twingraph_rml::{ExecuteOptions, Mapping, RmlError, SourceResolver, execute, execute_to_vec};

fn data(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data")
        .join(name)
}

fn nquads(quads: &[Quad]) -> Vec<String> {
    let mut v: Vec<String> = quads.iter().map(|q| format!("{q} .")).collect();
    v.sort();
    v
}

#[test]
fn csv_with_functions_delimiter_and_graph() {
    let path = data("stops.ttl");
    let mapping = Mapping::from_path(&path).unwrap();
    let resolver = SourceResolver::for_mapping_file(&path);
    // Strict: the bad row fails the run with the file, line and triples map.
    let err = execute_to_vec(&mapping, &resolver, &ExecuteOptions::default()).unwrap_err();
    let msg = err.to_string();
    assert!(matches!(err, RmlError::Data { .. }), "{msg}");
    assert!(msg.contains("stops.csv:5:"), "{msg}");
    assert!(msg.contains("#Stops>"), "{msg}");
    // Lenient: the bad row is rejected, the rest is mapped, duplicates removed.
    let options = ExecuteOptions {
        lenient: true,
        ..Default::default()
    };
    let (quads, stats) = execute_to_vec(&mapping, &resolver, &options).unwrap();
    assert_eq!(stats.records, 4);
    assert_eq!(stats.rejected.len(), 1, "{:?}", stats.rejected);
    assert!(stats.duplicates > 0);
    let g = "<http://example.com/ns#stops>";
    let s = "<http://example.com/stop/43000211501>";
    let expected_1 = [
        format!(
            "{s} <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <http://example.com/ns#StopPoint> {g} ."
        ),
        format!("{s} <http://example.com/ns#name> \"TYSELEY STATION\" {g} ."),
        format!("{s} <http://example.com/ns#postcode> \"B11 2AA\" {g} ."),
        format!(
            "{s} <http://www.opengis.net/ont/geosparql#asWKT> \"<http://www.opengis.net/def/crs/EPSG/0/27700> POINT(410912 284770)\"^^<http://www.opengis.net/ont/geosparql#wktLiteral> {g} ."
        ),
        format!(
            "{s} <http://example.com/ns#opened> \"2001-06-01\"^^<http://www.w3.org/2001/XMLSchema#date> {g} ."
        ),
    ];
    let got = nquads(&quads);
    for e in &expected_1 {
        assert!(got.contains(e), "missing {e} in {got:#?}");
    }
    assert_eq!(got.len(), 10, "{got:#?}");
}

#[test]
fn source_override_by_name() {
    let dir = std::env::temp_dir().join(format!("twingraph-rml-test-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let other = dir.join("other.csv");
    std::fs::write(
        &other,
        "ATCOCode;CommonName;Easting;Northing;Postcode;Opened\n1;A;1;2;B11 2AA;2020-01-01\n",
    )
    .unwrap();
    let path = data("stops.ttl");
    let mapping = Mapping::from_path(&path).unwrap();
    let resolver = SourceResolver::for_mapping_file(&path).with_source("stops.csv", &other);
    let mut n = 0;
    let stats = execute(&mapping, &resolver, &ExecuteOptions::default(), |_q| {
        n += 1;
        Ok::<_, std::io::Error>(())
    })
    .unwrap();
    assert_eq!(stats.records, 1);
    assert_eq!(n, 5);
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn xml_legacy_with_join_language_and_base() {
    let path = data("stations.ttl");
    let mapping = Mapping::from_path(&path).unwrap();
    assert!(mapping.legacy);
    let resolver = SourceResolver::for_mapping_file(&path);
    let (quads, _) = execute_to_vec(&mapping, &resolver, &ExecuteOptions::default()).unwrap();
    let got = nquads(&quads);
    let expected = [
        "<http://example.com/base/line/L1> <http://example.com/ns#label> \"Snow Hill lines\" .",
        "<http://example.com/base/line/L2> <http://example.com/ns#label> \"North Warwickshire line\" .",
        "<http://example.com/station/SPH> <http://example.com/ns#line> <http://example.com/base/line/L1> .",
        "<http://example.com/station/SPH> <http://example.com/ns#name> \"Small Heath & Bordesley\"@en .",
        "<http://example.com/station/TYS> <http://example.com/ns#line> <http://example.com/base/line/L1> .",
        "<http://example.com/station/TYS> <http://example.com/ns#line> <http://example.com/base/line/L2> .",
        "<http://example.com/station/TYS> <http://example.com/ns#name> \"Tyseley\"@en .",
    ];
    assert_eq!(got, expected);
}

#[test]
fn invalid_mappings_name_the_term() {
    let bad = r#"
@prefix rml: <http://w3id.org/rml/> .
<http://ex/TM> a rml:TriplesMap ;
  rml:logicalSource [ rml:source [ rml:path "x.csv" ] ; rml:referenceFormulation rml:CSV ] ;
  rml:subjectMap [ rml:template "http://ex/{id}" ] ;
  rml:predicateObjectMap [ rml:predicate <http://ex/p> ; rml:objectMap [ rml:reference "a" ; rml:termType rml:Bogus ] ] .
"#;
    let err = Mapping::from_turtle(bad, None).unwrap_err().to_string();
    assert!(err.contains("<http://ex/TM> object map"), "{err}");
    assert!(err.contains("Bogus"), "{err}");
    let err = Mapping::from_turtle("@prefix rml: <http://w3id.org/rml/> . <a> <b> ", None)
        .unwrap_err()
        .to_string();
    assert!(err.contains("syntax"), "{err}");
}

fn temp_dir(tag: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("twingraph-rml-{tag}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

const CSV_MAPPING: &str = r#"
@prefix rml: <http://w3id.org/rml/> .
<http://ex/TM> a rml:TriplesMap ;
  rml:logicalSource [ rml:source [ rml:path "data.csv" ] ; rml:referenceFormulation rml:CSV ] ;
  rml:subjectMap [ rml:template "http://ex/{id}" ] ;
  rml:predicateObjectMap [ rml:predicate <http://ex/name> ; rml:objectMap [ rml:reference "name" ] ] ;
  rml:predicateObjectMap [ rml:predicate <http://ex/note> ; rml:objectMap [ rml:reference "note" ] ] .
"#;

#[test]
fn csv_utf16_empty_cells_and_missing_columns() {
    let dir = temp_dir("utf16");
    let mut bytes = vec![0xFF, 0xFE];
    for u in "id,name\n1,Zoë\n2,\n".encode_utf16() {
        bytes.extend_from_slice(&u.to_le_bytes());
    }
    std::fs::write(dir.join("data.csv"), bytes).unwrap();
    let mapping = Mapping::from_turtle(CSV_MAPPING, None).unwrap();
    let resolver = SourceResolver::new(&dir);
    // The "note" column is missing: an invalid-mapping error naming the triples map…
    let err = execute_to_vec(&mapping, &resolver, &ExecuteOptions::default()).unwrap_err();
    assert!(matches!(err, RmlError::InvalidMapping { .. }), "{err}");
    assert!(err.to_string().contains("<http://ex/TM>"), "{err}");
    // …unless missing columns are allowed; an empty cell is no value.
    let options = ExecuteOptions {
        missing_columns_are_null: true,
        ..Default::default()
    };
    let (quads, _) = execute_to_vec(&mapping, &resolver, &options).unwrap();
    assert_eq!(nquads(&quads), ["<http://ex/1> <http://ex/name> \"Zoë\" ."]);
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn json_paths_and_natural_datatypes() {
    let dir = temp_dir("json");
    std::fs::write(
        dir.join("d.json"),
        r#"{"feed": {"items": [{"id": "a", "v": 1.5, "ok": true, "tags": ["x", "y"]}, {"id": "b", "v": null}]}}"#,
    )
    .unwrap();
    let mapping = Mapping::from_turtle(
        r#"
@prefix rml: <http://w3id.org/rml/> .
<http://ex/TM> a rml:TriplesMap ;
  rml:logicalSource [ rml:source [ rml:path "d.json" ] ; rml:referenceFormulation rml:JSONPath ; rml:iterator "$..items[*]" ] ;
  rml:subjectMap [ rml:template "http://ex/{$.id}" ] ;
  rml:predicateObjectMap [ rml:predicate <http://ex/v> ; rml:objectMap [ rml:reference "$.v" ] ] ;
  rml:predicateObjectMap [ rml:predicate <http://ex/ok> ; rml:objectMap [ rml:reference "$['ok']" ] ] ;
  rml:predicateObjectMap [ rml:predicate <http://ex/tag> ; rml:objectMap [ rml:template "http://ex/tag/{$.tags[*]}" ] ] .
"#,
        None,
    )
    .unwrap();
    let (quads, stats) = execute_to_vec(
        &mapping,
        &SourceResolver::new(&dir),
        &ExecuteOptions::default(),
    )
    .unwrap();
    assert_eq!(stats.records, 2);
    assert_eq!(
        nquads(&quads),
        [
            "<http://ex/a> <http://ex/ok> \"true\"^^<http://www.w3.org/2001/XMLSchema#boolean> .",
            "<http://ex/a> <http://ex/tag> <http://ex/tag/x> .",
            "<http://ex/a> <http://ex/tag> <http://ex/tag/y> .",
            "<http://ex/a> <http://ex/v> \"1.5\"^^<http://www.w3.org/2001/XMLSchema#double> .",
        ]
    );
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn parallel_matches_sequential_and_stops_on_sink_error() {
    let path = data("stations.ttl");
    let mapping = Mapping::from_path(&path).unwrap();
    let resolver = SourceResolver::for_mapping_file(&path);
    let run = |threads| {
        let options = ExecuteOptions {
            threads,
            ..Default::default()
        };
        let (q, s) = execute_to_vec(&mapping, &resolver, &options).unwrap();
        (nquads(&q), s.quads, s.records, s.triples_maps)
    };
    assert_eq!(run(1), run(2));
    let options = ExecuteOptions {
        threads: 2,
        ..Default::default()
    };
    let err = execute(&mapping, &resolver, &options, |_q| {
        Err(std::io::Error::other("disk full"))
    })
    .unwrap_err();
    assert!(matches!(err, RmlError::Sink(_)), "{err}");
    assert!(err.to_string().contains("disk full"), "{err}");
}
