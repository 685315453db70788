//! The named-query REST API: `/api/queries`, `/api/queries/{name}` with typed parameters
//! bound safely, SPARQL JSON / CSV / GeoJSON results, and `/api/openapi.json`. The fixture
//! queries are written to a temporary folder, independent of the repository's `queries/`.

mod common;

use common::{TestServer, enc};
use serde_json::Value;
use twingraph_server::ServerConfig;
use twingraph_store::oxigraph::io::RdfFormat;
use twingraph_store::{LoadOptions, TwinStore};

const DATA: &str = r#"@prefix ex: <http://example.org/> .
@prefix geo: <http://www.opengis.net/ont/geosparql#> .
ex:e1 ex:feeder ex:f1 ; ex:kw 5 .
ex:e2 ex:feeder ex:f1 ; ex:kw 20 .
ex:e3 ex:feeder ex:f1 ; ex:kw 50 .
ex:e4 ex:feeder ex:f2 ; ex:kw 100 .
ex:p1 ex:name "Tyseley Energy Park" .
ex:p2 ex:name "\" } ; DROP ALL #" .
ex:p3 ex:name "Acocks Green" .
ex:s1 ex:label "ERF" ; ex:kw 25 ;
  ex:geom "<http://www.opengis.net/def/crs/EPSG/0/27700> POINT(651409.903 313177.270)"^^geo:wktLiteral .
ex:s2 ex:label "Substation" ; ex:kw 7.5 ;
  ex:geom "POLYGON((-1.84 52.46, -1.83 52.46, -1.83 52.47, -1.84 52.46))"^^geo:wktLiteral .
ex:s3 ex:label "No geometry" .
"#;

const FEEDER: &str = "# title: Equipment on a feeder\n\
# use_case: 9\n\
# description: Equipment supplied by a feeder whose rating is at least a minimum;\n\
#   the minimum has a default.\n\
# param: feeder iri (required) — the feeder\n\
# param: min_kw integer = 10 — smallest rating in kW\n\
# returns: one row per equipment: ?equipment ?kw\n\
PREFIX ex: <http://example.org/>\n\
SELECT ?feeder ?min_kw ?equipment ?kw WHERE {\n\
  ?equipment ex:feeder ?feeder ; ex:kw ?kw .\n\
  FILTER(?kw >= ?min_kw)\n\
} ORDER BY ?equipment\n";

const BY_NAME: &str = "# title: Places by exact name\n\
# use_case: 3\n\
# description: The places with exactly this name.\n\
# param: name string (required) -- the name\n\
# param: exact boolean = true -- unused flag\n\
# param: since date -- optional, unused\n\
# returns: ?place\n\
PREFIX ex: <http://example.org/>\n\
SELECT ?place ?name ?exact ?since WHERE { ?place ex:name ?name }\n";

const SITES: &str = "# title: Sites on a map\n\
# use_case: 1\n\
# description: Every labelled site, with its geometry when it has one.\n\
# returns: ?site ?label ?kw ?geometry\n\
PREFIX ex: <http://example.org/>\n\
SELECT ?site ?label ?kw ?geometry WHERE {\n\
  ?site ex:label ?label .\n\
  OPTIONAL { ?site ex:kw ?kw }\n\
  OPTIONAL { ?site ex:geom ?geometry }\n\
} ORDER BY ?site\n";

/// Not served: the parameter is not in the SELECT clause, so it could not be bound.
const NOT_PROJECTED: &str = "# title: Broken\n\
# use_case: 2\n\
# param: x iri (required) — x\n\
SELECT ?s WHERE { ?s ?p ?x }\n";

/// Not served: no title.
const NO_TITLE: &str = "# use_case: 2\nSELECT * WHERE { ?s ?p ?o }\n";

fn queries_dir() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for (name, text) in [
        ("equipment-on-feeder.rq", FEEDER),
        ("places-by-name.rq", BY_NAME),
        ("sites.rq", SITES),
        ("not-projected.rq", NOT_PROJECTED),
        ("no-title.rq", NO_TITLE),
        ("README.md", "not a query"),
    ] {
        std::fs::write(dir.path().join(name), text).unwrap();
    }
    dir
}

fn store() -> TwinStore {
    let store = TwinStore::in_memory().unwrap();
    store
        .load_slice(
            DATA.as_bytes(),
            &LoadOptions::for_format(RdfFormat::Turtle)
                .with_graph("http://example.org/graph/data")
                .unwrap(),
        )
        .unwrap();
    store
}

/// A server whose data is in a named graph, queried through the union default graph.
fn server(max_rows: Option<u64>) -> (TestServer, TwinStore, tempfile::TempDir) {
    let dir = queries_dir();
    let store = store();
    let config = ServerConfig {
        queries_dir: Some(dir.path().to_owned()),
        union_default_graph: true,
        max_result_rows: max_rows,
        ..ServerConfig::default()
    };
    (TestServer::start(store.clone(), config), store, dir)
}

fn json(response: &common::Response) -> Value {
    serde_json::from_slice(&response.body)
        .unwrap_or_else(|e| panic!("not JSON ({e}): {}", response.text()))
}

/// The values of `var` in a SPARQL JSON result, in order.
fn column(results: &Value, var: &str) -> Vec<String> {
    results["results"]["bindings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| b[var]["value"].as_str().unwrap_or_default().to_owned())
        .collect()
}

#[test]
fn lists_the_queries_with_typed_parameters_and_skips_bad_files() {
    let (server, _store, dir) = server(None);
    let r = server.get("/api/queries", &[]);
    assert_eq!(r.status, 200, "{}", r.text());
    assert!(r.content_type().starts_with("application/json"));
    let list = json(&r);
    let names: Vec<&str> = list
        .as_array()
        .unwrap()
        .iter()
        .map(|q| q["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["equipment-on-feeder", "places-by-name", "sites"]);
    let feeder = &list[0];
    assert_eq!(feeder["title"], "Equipment on a feeder");
    assert_eq!(feeder["use_case"], 9);
    assert_eq!(
        feeder["description"],
        "Equipment supplied by a feeder whose rating is at least a minimum; the minimum has a default."
    );
    assert_eq!(
        feeder["parameters"],
        serde_json::json!([
            {"name": "feeder", "type": "iri", "required": true, "default": null, "description": "the feeder"},
            {"name": "min_kw", "type": "integer", "required": false, "default": 10, "description": "smallest rating in kW"}
        ])
    );
    assert_eq!(list[1]["parameters"][1]["default"], true);
    assert_eq!(list[1]["parameters"][2]["type"], "date");
    assert_eq!(list[1]["parameters"][2]["default"], Value::Null);

    let problems = twingraph_server::check_queries_dir(dir.path()).unwrap_err();
    assert_eq!(problems.len(), 2, "{problems:?}");
    assert!(
        problems[0].contains("no-title.rq") && problems[0].contains("title"),
        "{problems:?}"
    );
    assert!(
        problems[1].contains("not-projected.rq") && problems[1].contains("`x`"),
        "{problems:?}"
    );
}

#[test]
fn binds_typed_parameters_with_defaults() {
    let (server, _store, _dir) = server(None);
    let feeder = enc("http://example.org/f1");
    // Default min_kw = 10.
    let r = server.get(
        &format!("/api/queries/equipment-on-feeder?feeder={feeder}"),
        &[],
    );
    assert_eq!(r.status, 200, "{}", r.text());
    assert!(
        r.content_type()
            .starts_with("application/sparql-results+json")
    );
    let results = json(&r);
    assert_eq!(
        column(&results, "equipment"),
        ["http://example.org/e2", "http://example.org/e3"]
    );
    // The parameters are bound as typed terms and come back in the projection.
    let first = &results["results"]["bindings"][0];
    assert_eq!(first["feeder"]["type"], "uri");
    assert_eq!(first["feeder"]["value"], "http://example.org/f1");
    assert_eq!(
        first["min_kw"]["datatype"],
        "http://www.w3.org/2001/XMLSchema#integer"
    );
    assert_eq!(first["min_kw"]["value"], "10");

    let r = server.get(
        &format!("/api/queries/equipment-on-feeder?feeder={feeder}&min_kw=30"),
        &[],
    );
    assert_eq!(column(&json(&r), "equipment"), ["http://example.org/e3"]);
    // Angle brackets around an IRI are accepted.
    let r = server.get(
        &format!(
            "/api/queries/equipment-on-feeder?feeder={}",
            enc("<http://example.org/f2>")
        ),
        &[],
    );
    assert_eq!(column(&json(&r), "equipment"), ["http://example.org/e4"]);

    // POST: a form, and a JSON object with a JSON number.
    let r = server.post(
        "/api/queries/equipment-on-feeder",
        "application/x-www-form-urlencoded",
        &format!("feeder={feeder}&min_kw=1"),
    );
    assert_eq!(r.status, 200, "{}", r.text());
    assert_eq!(column(&json(&r), "equipment").len(), 3);
    let r = server.post(
        "/api/queries/equipment-on-feeder",
        "application/json",
        r#"{"feeder": "http://example.org/f1", "min_kw": 50}"#,
    );
    assert_eq!(r.status, 200, "{}", r.text());
    assert_eq!(column(&json(&r), "equipment"), ["http://example.org/e3"]);
}

#[test]
fn a_string_parameter_cannot_inject_sparql() {
    let (server, store, _dir) = server(None);
    let before = store.inner().len().unwrap();
    let attack = "\" } ; DROP ALL #";
    let r = server.get(
        &format!("/api/queries/places-by-name?name={}", enc(attack)),
        &[],
    );
    assert_eq!(r.status, 200, "{}", r.text());
    let results = json(&r);
    assert_eq!(column(&results, "place"), ["http://example.org/p2"]);
    assert_eq!(column(&results, "name"), [attack]);
    // The other parameters: default boolean bound, optional date left unbound.
    assert_eq!(results["results"]["bindings"][0]["exact"]["value"], "true");
    assert!(results["results"]["bindings"][0].get("since").is_none());
    let r = server.post(
        "/api/queries/places-by-name",
        "application/json",
        &serde_json::json!({ "name": attack }).to_string(),
    );
    assert_eq!(column(&json(&r), "place"), ["http://example.org/p2"]);
    assert_eq!(store.inner().len().unwrap(), before);
    let r = server.get(
        &format!("/api/queries/places-by-name?name={}", enc("Acocks Green")),
        &[],
    );
    assert_eq!(column(&json(&r), "place"), ["http://example.org/p3"]);
}

#[test]
fn bad_parameters_are_400_naming_the_parameter() {
    let (server, _store, _dir) = server(None);
    let feeder = enc("http://example.org/f1");
    let cases = [
        (
            format!("/api/queries/equipment-on-feeder?feeder={feeder}&min_kw=abc"),
            "min_kw",
        ),
        (
            format!("/api/queries/equipment-on-feeder?feeder={feeder}&min_kw=1.5"),
            "min_kw",
        ),
        ("/api/queries/equipment-on-feeder".to_owned(), "feeder"),
        (
            "/api/queries/equipment-on-feeder?feeder=not%20an%20iri".to_owned(),
            "feeder",
        ),
        (
            format!("/api/queries/equipment-on-feeder?feeder={feeder}&colour=red"),
            "colour",
        ),
        (
            format!("/api/queries/equipment-on-feeder?feeder={feeder}&feeder={feeder}"),
            "feeder",
        ),
        (
            "/api/queries/places-by-name?name=x&since=2026-13-01".to_owned(),
            "since",
        ),
        (
            "/api/queries/places-by-name?name=x&exact=perhaps".to_owned(),
            "exact",
        ),
    ];
    for (path, name) in cases {
        let r = server.get(&path, &[]);
        assert_eq!(r.status, 400, "{path}: {}", r.text());
        assert!(
            r.text().contains(&format!("`{name}`")),
            "{path}: {}",
            r.text()
        );
    }
    let r = server.post(
        "/api/queries/equipment-on-feeder",
        "application/json",
        r#"{"feeder": ["http://example.org/f1"]}"#,
    );
    assert_eq!(r.status, 400, "{}", r.text());
    let r = server.post("/api/queries/equipment-on-feeder", "text/plain", "feeder");
    assert_eq!(r.status, 415, "{}", r.text());
    let r = server.get("/api/queries/no-such-query", &[]);
    assert_eq!(r.status, 404, "{}", r.text());
    // Files that failed to load are not served.
    let r = server.get("/api/queries/no-title", &[]);
    assert_eq!(r.status, 404, "{}", r.text());
    let r = server.request("DELETE", "/api/queries/sites", &[], b"");
    assert_eq!(r.status, 405);
    let r = server.get("/api/queries/sites?format=turtle", &[]);
    assert_eq!(r.status, 406, "{}", r.text());
}

#[test]
fn csv_and_geojson_results() {
    let (server, _store, _dir) = server(None);
    let r = server.get("/api/queries/sites", &[("Accept", "text/csv")]);
    assert_eq!(r.status, 200, "{}", r.text());
    assert!(
        r.content_type().starts_with("text/csv"),
        "{}",
        r.content_type()
    );
    let text = r.text();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines[0], "site,label,kw,geometry");
    assert!(
        lines[1].starts_with("http://example.org/s1,ERF,25,"),
        "{text}"
    );
    assert_eq!(lines[3], "http://example.org/s3,No geometry,,");
    assert_eq!(
        server.get("/api/queries/sites?format=csv", &[]).text(),
        text
    );

    for r in [
        server.get("/api/queries/sites", &[("Accept", "application/geo+json")]),
        server.get("/api/queries/sites?format=geojson", &[]),
        server.post(
            "/api/queries/sites?format=geojson",
            "application/json",
            "{}",
        ),
    ] {
        assert_eq!(r.status, 200, "{}", r.text());
        assert_eq!(r.content_type(), "application/geo+json");
        let fc = json(&r);
        assert_eq!(fc["type"], "FeatureCollection");
        let features = fc["features"].as_array().unwrap();
        assert_eq!(features.len(), 3);
        // EPSG:27700, converted to WGS84: Ordnance Survey's worked example point (Caister
        // water tower) is 52°39′28.8282″N 1°42′57.8663″E in ETRS89; the Helmert conversion
        // lands 3.6 m away (OS: Helmert is good to about 5 m).
        let erf = &features[0];
        assert_eq!(erf["type"], "Feature");
        assert_eq!(erf["geometry"]["type"], "Point");
        let lon = erf["geometry"]["coordinates"][0].as_f64().unwrap();
        let lat = erf["geometry"]["coordinates"][1].as_f64().unwrap();
        assert!((lon - 1.716_074_0).abs() < 6e-5, "{lon}");
        assert!((lat - 52.658_007_8).abs() < 6e-5, "{lat}");
        assert_eq!(
            erf["properties"],
            serde_json::json!({"site": "http://example.org/s1", "label": "ERF", "kw": 25})
        );
        // CRS84 polygon, as it is.
        let sub = &features[1];
        assert_eq!(sub["geometry"]["type"], "Polygon");
        assert_eq!(
            sub["geometry"]["coordinates"],
            serde_json::json!([[
                [-1.84, 52.46],
                [-1.83, 52.46],
                [-1.83, 52.47],
                [-1.84, 52.46]
            ]])
        );
        assert_eq!(sub["properties"]["kw"], 7.5);
        // No geometry: null, and unbound variables are null properties.
        let none = &features[2];
        assert_eq!(none["geometry"], Value::Null);
        assert_eq!(none["properties"]["label"], "No geometry");
        assert_eq!(none["properties"]["kw"], Value::Null);
    }
}

#[test]
fn row_limit_applies() {
    let (server, _store, _dir) = server(Some(1));
    let r = server.get("/api/queries/sites?format=geojson", &[]);
    assert_eq!(r.status, 200, "{}", r.text());
    assert_eq!(r.header(twingraph_server::TRUNCATED_HEADER), Some("1"));
    assert_eq!(json(&r)["features"].as_array().unwrap().len(), 1);
    let r = server.get("/api/queries/sites", &[]);
    assert_eq!(r.header(twingraph_server::TRUNCATED_HEADER), Some("1"));
    assert_eq!(column(&json(&r), "site").len(), 1);
}

#[test]
fn openapi_document_describes_each_query() {
    let (server, _store, _dir) = server(None);
    let r = server.get("/api/openapi.json", &[]);
    assert_eq!(r.status, 200, "{}", r.text());
    let doc = json(&r);
    assert_eq!(doc["openapi"], "3.0.3");
    let paths = doc["paths"].as_object().unwrap();
    assert!(paths.contains_key("/api/queries"));
    assert!(paths.contains_key("/sparql"));
    assert!(!paths.contains_key("/api/queries/no-title"));
    let get = &paths["/api/queries/equipment-on-feeder"]["get"];
    assert_eq!(get["summary"], "Equipment on a feeder");
    let params = get["parameters"].as_array().unwrap();
    let min_kw = params.iter().find(|p| p["name"] == "min_kw").unwrap();
    assert_eq!(min_kw["in"], "query");
    assert_eq!(min_kw["required"], false);
    assert_eq!(min_kw["schema"]["type"], "integer");
    assert_eq!(min_kw["schema"]["default"], 10);
    let feeder = params.iter().find(|p| p["name"] == "feeder").unwrap();
    assert_eq!(feeder["required"], true);
    assert_eq!(feeder["schema"]["format"], "uri");
    let post = &paths["/api/queries/equipment-on-feeder"]["post"];
    assert_eq!(
        post["requestBody"]["content"]["application/json"]["schema"]["required"],
        serde_json::json!(["feeder"])
    );
    assert!(
        paths["/api/queries/sites"]["get"]["responses"]["200"]["content"]
            .get("application/geo+json")
            .is_some()
    );
}

#[test]
fn no_queries_folder_means_an_empty_list() {
    let server = TestServer::start(store(), ServerConfig::default());
    let r = server.get("/api/queries", &[]);
    assert_eq!(r.status, 200);
    assert_eq!(json(&r), serde_json::json!([]));
    assert_eq!(server.get("/api/queries/sites", &[]).status, 404);
}

#[test]
fn the_time_limit_cancels_named_queries() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("slow.rq"),
        "# title: Slow\n# use_case: 11\nSELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }\n",
    )
    .unwrap();
    let config = ServerConfig {
        queries_dir: Some(dir.path().to_owned()),
        query_timeout: Some(std::time::Duration::from_millis(100)),
        ..ServerConfig::default()
    };
    let server = TestServer::start(common::sample_store(300), config);
    let start = std::time::Instant::now();
    for format in ["json", "geojson"] {
        let r = server.get(&format!("/api/queries/slow?format={format}"), &[]);
        assert_eq!(r.status, 503, "{}", r.text());
        assert!(r.text().contains("0.1 s"), "{}", r.text());
    }
    assert!(start.elapsed() < std::time::Duration::from_secs(10));
}
