//! End to end: addressable locations loaded into a TwinGraph store, and the question
//! "which addressable locations are within 500 m of this point?" asked in SPARQL with
//! `geof:distance` through the store's own query API (the path the CLI `query`, the server's
//! `/sparql` and `/api/queries` all use).

use oxigraph::io::RdfFormat;
use oxigraph::model::Term;
use oxigraph::sparql::QueryResults;
use twingraph_store::{LoadOptions, QueryOptions, TwinStore};

const DATA: &str = r#"
@prefix geo: <http://www.opengis.net/ont/geosparql#> .
@prefix ex: <http://example.org/> .

# Distances from the query point (410000, 285000) in grid metres.
ex:a a ex:AddressableLocation ; geo:hasGeometry [ geo:asWKT "<http://www.opengis.net/def/crs/EPSG/0/27700> POINT(410000 285000)"^^geo:wktLiteral ] .   # 0 m
ex:b a ex:AddressableLocation ; geo:hasGeometry [ geo:asWKT "<http://www.opengis.net/def/crs/EPSG/0/27700> POINT(410300 285400)"^^geo:wktLiteral ] .   # 500 m exactly
ex:c a ex:AddressableLocation ; geo:hasGeometry [ geo:asWKT "<http://www.opengis.net/def/crs/EPSG/0/27700> POINT(410301 285400)"^^geo:wktLiteral ] .   # 500.6 m
ex:d a ex:AddressableLocation ; geo:hasGeometry [ geo:asWKT "<http://www.opengis.net/def/crs/EPSG/0/27700> POINT(409700 284800)"^^geo:wktLiteral ] .   # 360.6 m
ex:e a ex:AddressableLocation ; geo:hasGeometry [ geo:asWKT "<http://www.opengis.net/def/crs/EPSG/0/27700> POINT(411000 285000)"^^geo:wktLiteral ] .   # 1000 m
# In WGS84 (CRS84): (410968, 284684) is 1.84 W 52.46 N to a few metres, 1018.6 m away.
ex:f a ex:AddressableLocation ; geo:hasGeometry [ geo:asWKT "POINT(-1.84 52.46)"^^geo:wktLiteral ] .
# 200 m north, in WGS84: converted from BNG (410000, 285200).
ex:g a ex:AddressableLocation ; geo:hasGeometry [ geo:asWKT "POINT(-1.854238 52.464653)"^^geo:wktLiteral ] .
# Broken geometry: never matches, never fails the query.
ex:h a ex:AddressableLocation ; geo:hasGeometry [ geo:asWKT "POINT(410000"^^geo:wktLiteral ] .
"#;

#[test]
fn addressable_locations_within_500_m_of_a_point() {
    let store = TwinStore::in_memory().unwrap();
    store
        .load_slice(
            DATA.as_bytes(),
            &LoadOptions::for_format(RdfFormat::Turtle)
                .with_graph("http://example.org/graph/locations")
                .unwrap(),
        )
        .unwrap();
    // ex:g's coordinates, to check the test data rather than trust it.
    let (lat, lon) = twingraph_geo::bng::bng_to_wgs84(410_000.0, 285_200.0);
    assert!(
        (lat - 52.464653).abs() < 1e-6 && (lon + 1.854238).abs() < 1e-6,
        "{lat} {lon}"
    );

    let query = r#"
        PREFIX geo: <http://www.opengis.net/ont/geosparql#>
        PREFIX geof: <http://www.opengis.net/def/function/geosparql/>
        PREFIX uom: <http://www.opengis.net/def/uom/OGC/1.0/>
        PREFIX ex: <http://example.org/>
        SELECT ?loc ?d WHERE {
          ?loc a ex:AddressableLocation ; geo:hasGeometry/geo:asWKT ?wkt .
          BIND(geof:distance(?wkt,
               "<http://www.opengis.net/def/crs/EPSG/0/27700> POINT(410000 285000)"^^geo:wktLiteral,
               uom:metre) AS ?d)
          FILTER(?d <= 500)
        } ORDER BY ?d"#;
    let options = QueryOptions {
        union_default_graph: true,
        ..QueryOptions::default()
    };
    let QueryResults::Solutions(solutions) = store.query(query, &options).unwrap() else {
        panic!("not a SELECT");
    };
    let mut rows = Vec::new();
    for s in solutions {
        let s = s.unwrap();
        let Some(Term::NamedNode(loc)) = s.get("loc") else {
            panic!("no ?loc")
        };
        let Some(Term::Literal(d)) = s.get("d") else {
            panic!("no ?d")
        };
        rows.push((loc.as_str().to_owned(), d.value().parse::<f64>().unwrap()));
    }
    let names: Vec<&str> = rows.iter().map(|(l, _)| l.as_str()).collect();
    assert_eq!(
        names,
        [
            "http://example.org/a",
            "http://example.org/g",
            "http://example.org/d",
            "http://example.org/b"
        ],
        "{rows:?}"
    );
    assert_eq!(rows[0].1, 0.0);
    assert!((rows[1].1 - 200.0).abs() < 0.5, "{rows:?}");
    assert!((rows[2].1 - 360.555_127_546_398_9).abs() < 1e-6, "{rows:?}");
    assert_eq!(rows[3].1, 500.0);
}
