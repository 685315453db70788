//! Each GeoSPARQL function, evaluated through oxigraph with the functions registered, against
//! answers computed by hand.

use oxigraph::model::Term;
use oxigraph::sparql::QueryResults;
use oxigraph::store::Store;
use twingraph_geo::bng::{bng_scale_factor, bng_to_wgs84};

const PREFIXES: &str = "PREFIX geo: <http://www.opengis.net/ont/geosparql#>
PREFIX geof: <http://www.opengis.net/def/function/geosparql/>
PREFIX uom: <http://www.opengis.net/def/uom/OGC/1.0/>
";
const BNG: &str = "<http://www.opengis.net/def/crs/EPSG/0/27700>";
const EPSG4326: &str = "<http://www.opengis.net/def/crs/EPSG/0/4326>";

/// Evaluates one expression; `None` when it is unbound (an error).
fn eval(expr: &str) -> Option<Term> {
    let store = Store::new().unwrap();
    let q = format!("{PREFIXES}SELECT ?v WHERE {{ BIND(({expr}) AS ?v) }}");
    let QueryResults::Solutions(mut s) = twingraph_geo::evaluator()
        .parse_query(&q)
        .unwrap()
        .on_store(&store)
        .execute()
        .unwrap()
    else {
        panic!("not a SELECT")
    };
    s.next().unwrap().unwrap().get("v").cloned()
}

fn num(expr: &str) -> f64 {
    match eval(expr) {
        Some(Term::Literal(l)) => l.value().parse().unwrap(),
        other => panic!("{expr} gave {other:?}"),
    }
}

fn truth(expr: &str) -> bool {
    match eval(expr) {
        Some(Term::Literal(l)) => l.value() == "true",
        other => panic!("{expr} gave {other:?}"),
    }
}

fn text(expr: &str) -> String {
    match eval(expr) {
        Some(Term::Literal(l)) => l.value().to_owned(),
        other => panic!("{expr} gave {other:?}"),
    }
}

fn wkt(crs: &str, body: &str) -> String {
    format!("\"{crs} {body}\"^^geo:wktLiteral")
}

/// A 100 m square with its south-west corner at (410000, 285000) in Tyseley, as WKT
/// coordinates in CRS84 (converted corner by corner).
fn square_crs84() -> String {
    let corners = [
        (410_000.0, 285_000.0),
        (410_100.0, 285_000.0),
        (410_100.0, 285_100.0),
        (410_000.0, 285_100.0),
        (410_000.0, 285_000.0),
    ];
    let ring: Vec<String> = corners
        .iter()
        .map(|&(e, n)| {
            let (lat, lon) = bng_to_wgs84(e, n);
            format!("{lon:.10} {lat:.10}")
        })
        .collect();
    format!("POLYGON(({}))", ring.join(", "))
}

const SQUARE: &str =
    "POLYGON((410000 285000, 410100 285000, 410100 285100, 410000 285100, 410000 285000))";

#[test]
fn distance_between_bng_points_is_planar() {
    // A 300-400-500 triangle.
    let d = num(&format!(
        "geof:distance({}, {}, uom:metre)",
        wkt(BNG, "POINT(410000 285000)"),
        wkt(BNG, "POINT(410300 285400)")
    ));
    assert_eq!(d, 500.0);
    let km = num(&format!(
        "geof:distance({}, {}, uom:kilometre)",
        wkt(BNG, "POINT(410000 285000)"),
        wkt(BNG, "POINT(410300 285400)")
    ));
    assert_eq!(km, 0.5);
}

#[test]
fn distance_from_point_to_polygon_is_to_the_nearest_edge() {
    let d = num(&format!(
        "geof:distance({}, {}, uom:metre)",
        wkt(BNG, "POINT(410200 285050)"),
        wkt(BNG, SQUARE)
    ));
    assert!((d - 100.0).abs() < 1e-9, "{d}");
    // Inside: zero.
    let d = num(&format!(
        "geof:distance({}, {}, uom:metre)",
        wkt(BNG, "POINT(410050 285050)"),
        wkt(BNG, SQUARE)
    ));
    assert_eq!(d, 0.0);
}

#[test]
fn distance_on_wgs84_is_geodesic() {
    // One degree of latitude from the equator along a meridian on WGS84: 110 574.389 m
    // (the meridian arc, a textbook value); a sphere would give 111 195 m.
    let d = num(
        "geof:distance(\"POINT(0 0)\"^^geo:wktLiteral, \"POINT(0 1)\"^^geo:wktLiteral, uom:metre)",
    );
    assert!((d - 110_574.389).abs() < 0.01, "{d}");
    // EPSG:4326 is latitude first: the same two points.
    let d2 = num(&format!(
        "geof:distance({}, {}, uom:metre)",
        wkt(EPSG4326, "POINT(0 0)"),
        wkt(EPSG4326, "POINT(1 0)")
    ));
    assert!((d - d2).abs() < 1e-6, "{d2}");
}

#[test]
fn distance_between_wgs84_point_and_polygon_uses_a_local_plane() {
    // 100 m east of the square's east edge, in grid metres; on the ground that is
    // 100 / k metres, k the National Grid scale factor (0.99960 here).
    let (lat, lon) = bng_to_wgs84(410_200.0, 285_050.0);
    let d = num(&format!(
        "geof:distance(\"POINT({lon} {lat})\"^^geo:wktLiteral, \"{}\"^^geo:wktLiteral, uom:metre)",
        square_crs84()
    ));
    let expected = 100.0 / bng_scale_factor(410_150.0, 285_050.0);
    assert!((d - expected).abs() < 0.02, "{d} vs {expected}");
}

#[test]
fn mixed_crs_arguments_are_converted() {
    let (lat, lon) = bng_to_wgs84(410_300.0, 285_400.0);
    let d = num(&format!(
        "geof:distance({}, \"POINT({lon} {lat})\"^^geo:wktLiteral, uom:metre)",
        wkt(BNG, "POINT(410000 285000)")
    ));
    // The BNG → WGS84 → BNG round trip closes to a few millimetres.
    assert!((d - 500.0).abs() < 0.01, "{d}");
    let inside = truth(&format!(
        "geof:sfWithin(\"{} POINT({} {})\"^^geo:wktLiteral, {})",
        EPSG4326,
        bng_to_wgs84(410_050.0, 285_050.0).0,
        bng_to_wgs84(410_050.0, 285_050.0).1,
        wkt(BNG, SQUARE)
    ));
    assert!(inside);
}

#[test]
fn within_contains_intersects() {
    let inside = wkt(BNG, "POINT(410050 285050)");
    let outside = wkt(BNG, "POINT(410150 285050)");
    let square = wkt(BNG, SQUARE);
    assert!(truth(&format!("geof:sfWithin({inside}, {square})")));
    assert!(!truth(&format!("geof:sfWithin({outside}, {square})")));
    assert!(truth(&format!("geof:sfContains({square}, {inside})")));
    assert!(!truth(&format!("geof:sfContains({inside}, {square})")));
    assert!(truth(&format!("geof:sfIntersects({inside}, {square})")));
    assert!(!truth(&format!("geof:sfIntersects({outside}, {square})")));
    let overlapping = wkt(
        BNG,
        "POLYGON((410050 285050, 410150 285050, 410150 285150, 410050 285150, 410050 285050))",
    );
    assert!(truth(&format!(
        "geof:sfIntersects({square}, {overlapping})"
    )));
    assert!(truth(&format!("geof:sfOverlaps({square}, {overlapping})")));
    assert!(!truth(&format!("geof:sfDisjoint({square}, {overlapping})")));
    // A point on the boundary touches the square but is not within it.
    let edge = wkt(BNG, "POINT(410100 285050)");
    assert!(truth(&format!("geof:sfTouches({edge}, {square})")));
    assert!(!truth(&format!("geof:sfWithin({edge}, {square})")));
}

#[test]
fn area_of_a_100_m_square() {
    let a = num(&format!(
        "geof:area({}, uom:square_metre)",
        wkt(BNG, SQUARE)
    ));
    assert_eq!(a, 10_000.0);
    assert_eq!(
        num(&format!(
            "geof:area({}, <http://qudt.org/vocab/unit/HA>)",
            wkt(BNG, SQUARE)
        )),
        1.0
    );
    // The same corners in WGS84: the geodesic area is the ground area, larger than the grid
    // area by 1/k² (k = 0.99960 at Tyseley), i.e. about 10 008 m². Stated tolerance: 0.1 %
    // of 10 000 m² against the grid area, 1 m² against the scale-corrected one.
    let w = num(&format!(
        "geof:area(\"{}\"^^geo:wktLiteral, uom:square_metre)",
        square_crs84()
    ));
    assert!((w - 10_000.0).abs() < 10.0, "{w}");
    let k = bng_scale_factor(410_050.0, 285_050.0);
    assert!((w - 10_000.0 / (k * k)).abs() < 1.0, "{w}");
}

#[test]
fn length_and_perimeter() {
    let l = num(&format!(
        "geof:length({}, uom:metre)",
        wkt(
            BNG,
            "LINESTRING(410000 285000, 410300 285400, 410300 285500)"
        )
    ));
    assert!((l - 600.0).abs() < 1e-9, "{l}");
    let p = num(&format!("geof:perimeter({}, uom:metre)", wkt(BNG, SQUARE)));
    assert!((p - 400.0).abs() < 1e-9, "{p}");
}

#[test]
fn buffer_in_bng_and_wgs84() {
    // A 10 m buffer of a point: a circle of area π·10² = 314.16 m² (a polygon with enough
    // vertices to be within 1 %).
    let b = text(&format!(
        "geof:buffer({}, 10, uom:metre)",
        wkt(BNG, "POINT(410000 285000)")
    ));
    assert!(b.starts_with(BNG), "{b}");
    let a = num(&format!(
        "geof:area(geof:buffer({}, 10, uom:metre), uom:square_metre)",
        wkt(BNG, "POINT(410000 285000)")
    ));
    assert!((a - std::f64::consts::PI * 100.0).abs() < 3.2, "{a}");
    // The buffer of the square grows it by 10 m on every side.
    let inside = truth(&format!(
        "geof:sfWithin({}, geof:buffer({}, 10, uom:metre))",
        wkt(BNG, "POINT(410109 285050)"),
        wkt(BNG, SQUARE)
    ));
    let outside = truth(&format!(
        "geof:sfWithin({}, geof:buffer({}, 10, uom:metre))",
        wkt(BNG, "POINT(410111 285050)"),
        wkt(BNG, SQUARE)
    ));
    assert!(inside && !outside);
    // WGS84: a 100 m buffer built in a local plane; its geodesic area is π·100² within 1 %,
    // and it is a WGS84 (CRS84) literal again.
    let centre = "\"POINT(-1.84 52.46)\"^^geo:wktLiteral";
    let b = text(&format!("geof:buffer({centre}, 100, uom:metre)"));
    assert!(b.contains("CRS84"), "{b}");
    let a = num(&format!(
        "geof:area(geof:buffer({centre}, 100, uom:metre), uom:square_metre)"
    ));
    assert!((a - std::f64::consts::PI * 1.0e4).abs() < 314.0, "{a}");
    // A point 99 m north is inside it, one 101 m north is not (1° of latitude ≈ 111 257 m here).
    let north = |m: f64| format!("\"POINT(-1.84 {})\"^^geo:wktLiteral", 52.46 + m / 111_257.0);
    assert!(truth(&format!(
        "geof:sfWithin({}, geof:buffer({centre}, 100, uom:metre))",
        north(99.0)
    )));
    assert!(!truth(&format!(
        "geof:sfWithin({}, geof:buffer({centre}, 100, uom:metre))",
        north(101.0)
    )));
}

#[test]
fn envelope_srid_as_wkt_transform() {
    let e = text(&format!(
        "geof:envelope({})",
        wkt(BNG, "LINESTRING(410000 285000, 410300 285400)")
    ));
    assert!(e.starts_with(BNG), "{e}");
    assert!(e.contains("410300 285400"), "{e}");
    assert_eq!(
        text(&format!("STR(geof:getSRID({}))", wkt(BNG, SQUARE))),
        "http://www.opengis.net/def/crs/EPSG/0/27700"
    );
    assert_eq!(
        text("STR(geof:getSRID(\"POINT(1 2)\"^^geo:wktLiteral))"),
        "http://www.opengis.net/def/crs/OGC/1.3/CRS84"
    );
    let w = text(&format!("geof:asWKT({})", wkt(BNG, "POINT(410000 285000)")));
    assert_eq!(w, format!("{BNG} POINT(410000 285000)"));
    // BNG → CRS84 → BNG lands within a centimetre.
    let d = num(&format!(
        "geof:distance(geof:transform(geof:transform({p}, <http://www.opengis.net/def/crs/OGC/1.3/CRS84>), <http://www.opengis.net/def/crs/EPSG/0/27700>), {p}, uom:metre)",
        p = wkt(BNG, "POINT(410000 285000)")
    ));
    assert!(d < 0.01, "{d}");
    let json = text(&format!(
        "geof:asGeoJSON({})",
        wkt(BNG, "POINT(410968 284684)")
    ));
    // The generator's reference point (52.46 N, 1.84 W) to within 1e-5 degrees.
    assert!(
        json.contains("[-1.84000") && json.contains(",52.45999"),
        "{json}"
    );
}

#[test]
fn spargeo_functions_work_on_bng_through_the_wrapper() {
    // RCC8 "non-tangential proper part" and a set operation, on BNG literals.
    assert!(truth(&format!(
        "geof:rcc8ntpp({}, {})",
        wkt(
            BNG,
            "POLYGON((410040 285040, 410060 285040, 410060 285060, 410040 285060, 410040 285040))"
        ),
        wkt(BNG, SQUARE)
    )));
    let i = text(&format!(
        "geof:intersection({}, {})",
        wkt(BNG, SQUARE),
        wkt(
            BNG,
            "POLYGON((410050 285050, 410150 285050, 410150 285150, 410050 285150, 410050 285050))"
        )
    ));
    assert!(i.starts_with(BNG), "{i}");
    let a = num(&format!(
        "geof:area(\"{i}\"^^geo:wktLiteral, uom:square_metre)"
    ));
    assert!((a - 2_500.0).abs() < 1e-6, "{a}");
}

#[test]
fn invalid_input_is_an_error_not_a_panic() {
    let p = wkt(BNG, "POINT(410000 285000)");
    for bad in [
        "\"POINT(1\"^^geo:wktLiteral".to_owned(),
        "\"<http://www.opengis.net/def/crs/EPSG/0/2157> POINT(1 2)\"^^geo:wktLiteral".to_owned(),
        "\"POINT(NaN 1)\"^^geo:wktLiteral".to_owned(),
        "\"<http://www.opengis.net/def/crs/EPSG/0/27700 POINT(1 2)\"^^geo:wktLiteral".to_owned(),
        "\"POINT(1 2)\"".to_owned(),
        "42".to_owned(),
    ] {
        assert_eq!(
            eval(&format!("geof:distance({bad}, {p}, uom:metre)")),
            None,
            "{bad}"
        );
        assert_eq!(eval(&format!("geof:sfWithin({bad}, {p})")), None, "{bad}");
        assert_eq!(
            eval(&format!("geof:area({bad}, uom:square_metre)")),
            None,
            "{bad}"
        );
        assert_eq!(
            eval(&format!("geof:buffer({bad}, 10, uom:metre)")),
            None,
            "{bad}"
        );
        assert_eq!(eval(&format!("geof:envelope({bad})")), None, "{bad}");
    }
    // Wrong units, wrong arity, non-numeric radius.
    assert_eq!(
        eval(&format!("geof:distance({p}, {p}, uom:square_metre)")),
        None
    );
    assert_eq!(eval(&format!("geof:area({p}, uom:metre)")), None);
    assert_eq!(eval(&format!("geof:distance({p})")), None);
    assert_eq!(eval(&format!("geof:buffer({p}, \"ten\", uom:metre)")), None);
}
