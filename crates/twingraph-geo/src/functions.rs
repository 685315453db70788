//! The GeoSPARQL extension functions and their registration with oxigraph.

use crate::literal::{Crs, GeoValue, LocalFrame, common_crs, from_term};
use geo::{Area, Buffer, Distance, Euclidean, Geodesic, GeodesicArea, Geometry, Length, Relate};
use oxigraph::model::{Literal, NamedNode, NamedNodeRef, Term};
use oxigraph::sparql::SparqlEvaluator;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::OnceLock;

/// The GeoSPARQL 1.1 function namespace, `geof:`.
pub const GEOF: &str = "http://www.opengis.net/def/function/geosparql/";

const XSD_ANY_URI: &str = "http://www.w3.org/2001/XMLSchema#anyURI";

/// A function as oxigraph calls it: arguments in, a value or an error (`None`) out.
pub type GeoFunction = fn(&[Term]) -> Option<Term>;

/// The functions implemented (or re-implemented) here, by local name in [`GEOF`]. Every
/// other function of spargeo is registered as well, behind a CRS-converting wrapper.
pub const FUNCTIONS: &[(&str, GeoFunction)] = &[
    ("distance", distance),
    ("area", area),
    ("length", length),
    ("perimeter", perimeter),
    ("buffer", buffer),
    ("envelope", envelope),
    ("getSRID", get_srid),
    ("asWKT", as_wkt),
    ("asGeoJSON", as_geojson),
    ("transform", transform),
    ("sfEquals", sf_equals),
    ("sfDisjoint", sf_disjoint),
    ("sfIntersects", sf_intersects),
    ("sfTouches", sf_touches),
    ("sfCrosses", sf_crosses),
    ("sfWithin", sf_within),
    ("sfContains", sf_contains),
    ("sfOverlaps", sf_overlaps),
];

/// Adds every GeoSPARQL function to an evaluator: those of [`FUNCTIONS`], and the rest of
/// spargeo's (topology, RCC8, Egenhofer, set operations…) with their geometry arguments
/// first brought to one CRS.
pub fn register(mut evaluator: SparqlEvaluator) -> SparqlEvaluator {
    for (name, f) in FUNCTIONS {
        let f = *f;
        evaluator = evaluator.with_custom_function(
            NamedNode::new_unchecked(format!("{GEOF}{name}")),
            move |args| guarded(f, args),
        );
    }
    for (name, f) in spargeo::GEOSPARQL_EXTENSION_FUNCTIONS {
        let local = name.as_str().strip_prefix(GEOF).unwrap_or_default();
        if FUNCTIONS.iter().any(|(n, _)| *n == local) {
            continue;
        }
        evaluator = evaluator.with_custom_function(name.into_owned(), move |args| {
            guarded_with(args, |args| via_spargeo(f, args))
        });
    }
    evaluator
}

/// A [`SparqlEvaluator`] with every GeoSPARQL function registered (built once, then cloned).
pub fn evaluator() -> SparqlEvaluator {
    static EVALUATOR: OnceLock<SparqlEvaluator> = OnceLock::new();
    EVALUATOR
        .get_or_init(|| register(SparqlEvaluator::new()))
        .clone()
}

/// Calls a function, turning a panic in a geometry algorithm into an error (unbound).
fn guarded(f: GeoFunction, args: &[Term]) -> Option<Term> {
    catch_unwind(AssertUnwindSafe(|| f(args))).ok().flatten()
}

fn guarded_with(args: &[Term], f: impl Fn(&[Term]) -> Option<Term>) -> Option<Term> {
    catch_unwind(AssertUnwindSafe(|| f(args))).ok().flatten()
}

/// Runs a spargeo function (which reads CRS84 only) on arguments in any supported CRS: when
/// a geometry argument is in another CRS, all of them are converted to [`common_crs`] and
/// passed as plain WKT; a WKT result is labelled with that CRS again.
fn via_spargeo(f: GeoFunction, args: &[Term]) -> Option<Term> {
    let mut values = Vec::new();
    for a in args {
        if is_geometry_literal(a) {
            values.push(Some(from_term(a)?));
        } else {
            values.push(None);
        }
    }
    if values.iter().flatten().all(|v| v.crs == Crs::Crs84) {
        return f(args);
    }
    let common = common_crs(values.iter().flatten());
    let converted: Vec<Term> = args
        .iter()
        .zip(&values)
        .map(|(a, v)| match v {
            Some(v) => {
                let g = v.to_crs(common);
                GeoValue::new(Crs::Crs84, g.geometry).to_literal().into()
            }
            None => a.clone(),
        })
        .collect();
    let result = f(&converted)?;
    if common == Crs::Crs84 {
        return Some(result);
    }
    match &result {
        Term::Literal(l) if l.datatype().as_str() == crate::literal::WKT_LITERAL => {
            let v = crate::literal::parse_wkt(l.value())?;
            Some(GeoValue::new(common, v.geometry).to_literal().into())
        }
        _ => Some(result),
    }
}

fn is_geometry_literal(t: &Term) -> bool {
    matches!(t, Term::Literal(l) if matches!(
        l.datatype().as_str(),
        crate::literal::WKT_LITERAL | crate::literal::GEO_JSON_LITERAL
    ))
}

fn geometry_arg(args: &[Term], i: usize) -> Option<GeoValue> {
    from_term(args.get(i)?)
}

/// Both arguments in their common CRS.
fn pair(args: &[Term]) -> Option<(GeoValue, GeoValue)> {
    let (a, b) = (geometry_arg(args, 0)?, geometry_arg(args, 1)?);
    let common = common_crs([&a, &b]);
    Some((a.to_crs(common), b.to_crs(common)))
}

fn double(v: f64) -> Option<Term> {
    v.is_finite().then(|| Literal::from(v).into())
}

fn boolean(v: bool) -> Option<Term> {
    Some(Literal::from(v).into())
}

/// The IRI of a unit argument (an IRI, or an `xsd:anyURI` literal).
fn unit_iri(t: &Term) -> Option<&str> {
    match t {
        Term::NamedNode(n) => Some(n.as_str()),
        Term::Literal(l) if l.datatype().as_str() == XSD_ANY_URI => Some(l.value()),
        _ => None,
    }
}

/// Metres per unit of length: OGC `uom:metre`/`kilometre` (and `meter` spellings) or QUDT
/// `unit:M`/`unit:KiloM`. A missing unit means metres.
fn length_unit(t: Option<&Term>) -> Option<f64> {
    let Some(t) = t else { return Some(1.0) };
    match unit_iri(t)? {
        "http://www.opengis.net/def/uom/OGC/1.0/metre"
        | "http://www.opengis.net/def/uom/OGC/1.0/meter"
        | "http://qudt.org/vocab/unit/M" => Some(1.0),
        "http://www.opengis.net/def/uom/OGC/1.0/kilometre"
        | "http://www.opengis.net/def/uom/OGC/1.0/kilometer"
        | "http://qudt.org/vocab/unit/KiloM" => Some(1000.0),
        _ => None,
    }
}

/// Square metres per unit of area: OGC `uom:square_metre`/`square_kilometre` or QUDT
/// `unit:M2`/`unit:KiloM2`, or `unit:HA` (hectare). A missing unit means square metres.
fn area_unit(t: Option<&Term>) -> Option<f64> {
    let Some(t) = t else { return Some(1.0) };
    match unit_iri(t)? {
        "http://www.opengis.net/def/uom/OGC/1.0/square_metre"
        | "http://www.opengis.net/def/uom/OGC/1.0/square_meter"
        | "http://qudt.org/vocab/unit/M2" => Some(1.0),
        "http://www.opengis.net/def/uom/OGC/1.0/square_kilometre"
        | "http://www.opengis.net/def/uom/OGC/1.0/square_kilometer"
        | "http://qudt.org/vocab/unit/KiloM2" => Some(1.0e6),
        "http://qudt.org/vocab/unit/HA" => Some(1.0e4),
        _ => None,
    }
}

/// A numeric literal's value.
fn number(t: &Term) -> Option<f64> {
    let Term::Literal(l) = t else { return None };
    match l.datatype().as_str() {
        "http://www.w3.org/2001/XMLSchema#double"
        | "http://www.w3.org/2001/XMLSchema#float"
        | "http://www.w3.org/2001/XMLSchema#decimal"
        | "http://www.w3.org/2001/XMLSchema#integer"
        | "http://www.w3.org/2001/XMLSchema#int"
        | "http://www.w3.org/2001/XMLSchema#long"
        | "http://www.w3.org/2001/XMLSchema#short"
        | "http://www.w3.org/2001/XMLSchema#nonNegativeInteger"
        | "http://www.w3.org/2001/XMLSchema#positiveInteger" => l
            .value()
            .trim()
            .parse::<f64>()
            .ok()
            .filter(|v| v.is_finite()),
        _ => None,
    }
}

fn arity(args: &[Term], min: usize, max: usize) -> Option<()> {
    (min..=max).contains(&args.len()).then_some(())
}

/// Minimum distance in metres between two geometries already in the same CRS: planar in
/// British National Grid; on WGS84 the geodesic (Karney) distance between two points, or the
/// planar distance in a [`LocalFrame`] centred on both for other geometries.
pub fn distance_metres(a: &GeoValue, b: &GeoValue) -> Option<f64> {
    let common = common_crs([a, b]);
    let (a, b) = (a.to_crs(common), b.to_crs(common));
    if common == Crs::Bng {
        return Some(Euclidean.distance(&a.geometry, &b.geometry));
    }
    if let (Geometry::Point(p), Geometry::Point(q)) = (&a.geometry, &b.geometry) {
        return Some(Geodesic.distance(*p, *q));
    }
    let frame = LocalFrame::around([&a.geometry, &b.geometry])?;
    Some(Euclidean.distance(&frame.forward(&a.geometry), &frame.forward(&b.geometry)))
}

/// `geof:distance(geom1, geom2, units)`: the minimum distance between the two geometries (see
/// [`distance_metres`]) in the unit (metres when omitted).
fn distance(args: &[Term]) -> Option<Term> {
    arity(args, 2, 3)?;
    let factor = length_unit(args.get(2))?;
    let (a, b) = (geometry_arg(args, 0)?, geometry_arg(args, 1)?);
    double(distance_metres(&a, &b)? / factor)
}

/// Area in square metres: planar in British National Grid, geodesic (Karney) on WGS84.
pub fn area_square_metres(v: &GeoValue) -> f64 {
    match v.crs {
        Crs::Bng => v.geometry.unsigned_area(),
        _ => v.to_crs(Crs::Crs84).geometry.geodesic_area_unsigned(),
    }
}

/// `geof:area(geom, units)`.
fn area(args: &[Term]) -> Option<Term> {
    arity(args, 1, 2)?;
    let factor = area_unit(args.get(1))?;
    double(area_square_metres(&geometry_arg(args, 0)?) / factor)
}

fn line_length(g: &Geometry<f64>, planar: bool) -> f64 {
    let measure = |ls: &geo::LineString<f64>| {
        if planar {
            Euclidean.length(ls)
        } else {
            Geodesic.length(ls)
        }
    };
    match g {
        Geometry::Line(l) => measure(&geo::LineString::from(*l)),
        Geometry::LineString(ls) => measure(ls),
        Geometry::MultiLineString(m) => m.iter().map(measure).sum(),
        Geometry::GeometryCollection(c) => c.iter().map(|g| line_length(g, planar)).sum(),
        _ => 0.0,
    }
}

fn boundary_length(g: &Geometry<f64>, planar: bool) -> f64 {
    let rings = |p: &geo::Polygon<f64>| {
        std::iter::once(p.exterior())
            .chain(p.interiors())
            .map(|r| line_length(&Geometry::LineString(r.clone()), planar))
            .sum::<f64>()
    };
    match g {
        Geometry::Polygon(p) => rings(p),
        Geometry::MultiPolygon(m) => m.iter().map(rings).sum(),
        Geometry::Rect(r) => rings(&r.to_polygon()),
        Geometry::Triangle(t) => rings(&t.to_polygon()),
        Geometry::GeometryCollection(c) => c.iter().map(|g| boundary_length(g, planar)).sum(),
        _ => 0.0,
    }
}

fn planar_or_crs84(v: GeoValue) -> (Geometry<f64>, bool) {
    match v.crs {
        Crs::Bng => (v.geometry, true),
        _ => (v.to_crs(Crs::Crs84).geometry, false),
    }
}

/// `geof:length(geom, units)`: length of the linear parts (planar in BNG, geodesic on WGS84).
fn length(args: &[Term]) -> Option<Term> {
    arity(args, 1, 2)?;
    let factor = length_unit(args.get(1))?;
    let (g, planar) = planar_or_crs84(geometry_arg(args, 0)?);
    double(line_length(&g, planar) / factor)
}

/// `geof:perimeter(geom, units)`: length of the polygon rings.
fn perimeter(args: &[Term]) -> Option<Term> {
    arity(args, 1, 2)?;
    let factor = length_unit(args.get(1))?;
    let (g, planar) = planar_or_crs84(geometry_arg(args, 0)?);
    double(boundary_length(&g, planar) / factor)
}

/// Buffers by `metres`, in the geometry's own CRS: planar in BNG; for WGS84 in a
/// [`LocalFrame`] centred on the geometry, then back to degrees.
pub fn buffer_metres(v: &GeoValue, metres: f64) -> Option<GeoValue> {
    if !metres.is_finite() {
        return None;
    }
    let out = match v.crs {
        Crs::Bng => Geometry::MultiPolygon(v.geometry.buffer(metres)),
        crs => {
            let lonlat = v.to_crs(Crs::Crs84).geometry;
            let frame = LocalFrame::around([&lonlat])?;
            let buffered = Geometry::MultiPolygon(frame.forward(&lonlat).buffer(metres));
            return Some(GeoValue::new(Crs::Crs84, frame.inverse(&buffered)).to_crs(crs));
        }
    };
    Some(GeoValue::new(v.crs, out))
}

/// `geof:buffer(geom, radius, units)`: the geometry grown by `radius` (shrunk if negative),
/// as a `MULTIPOLYGON` in the geometry's CRS; the unit must be a length (metres by default).
fn buffer(args: &[Term]) -> Option<Term> {
    arity(args, 2, 3)?;
    let factor = length_unit(args.get(2))?;
    let radius = number(args.get(1)?)? * factor;
    Some(
        buffer_metres(&geometry_arg(args, 0)?, radius)?
            .to_literal()
            .into(),
    )
}

/// `geof:envelope(geom)`: the bounding box as a polygon in the geometry's CRS.
fn envelope(args: &[Term]) -> Option<Term> {
    arity(args, 1, 1)?;
    let v = geometry_arg(args, 0)?;
    let rect = geo::BoundingRect::bounding_rect(&v.geometry)?;
    Some(
        GeoValue::new(v.crs, Geometry::Polygon(rect.to_polygon()))
            .to_literal()
            .into(),
    )
}

/// `geof:getSRID(geom)`: the IRI of the geometry's CRS as an `xsd:anyURI`.
fn get_srid(args: &[Term]) -> Option<Term> {
    arity(args, 1, 1)?;
    let v = geometry_arg(args, 0)?;
    Some(Literal::new_typed_literal(v.crs.iri(), NamedNodeRef::new_unchecked(XSD_ANY_URI)).into())
}

/// `geof:asWKT(geom)`: the geometry as a normalised `geo:wktLiteral` in its own CRS.
fn as_wkt(args: &[Term]) -> Option<Term> {
    arity(args, 1, 1)?;
    Some(geometry_arg(args, 0)?.to_literal().into())
}

/// `geof:asGeoJSON(geom)`: converted to CRS84, as RFC 7946 requires.
fn as_geojson(args: &[Term]) -> Option<Term> {
    arity(args, 1, 1)?;
    let v = geometry_arg(args, 0)?.to_crs(Crs::Crs84);
    let json = geojson::Geometry::from(&v.geometry);
    Some(
        Literal::new_typed_literal(
            json.to_string(),
            NamedNodeRef::new_unchecked(crate::literal::GEO_JSON_LITERAL),
        )
        .into(),
    )
}

/// `geof:transform(geom, crsIRI)`: the geometry converted to CRS84, EPSG:4326 or EPSG:27700.
fn transform(args: &[Term]) -> Option<Term> {
    arity(args, 2, 2)?;
    let target = Crs::from_iri(unit_iri(&args[1])?)?;
    Some(geometry_arg(args, 0)?.to_crs(target).to_literal().into())
}

fn relate_with(
    args: &[Term],
    test: impl FnOnce(&geo::relate::IntersectionMatrix) -> bool,
) -> Option<Term> {
    arity(args, 2, 2)?;
    let (a, b) = pair(args)?;
    boolean(test(&a.geometry.relate(&b.geometry)))
}

/// `geof:sfEquals`.
fn sf_equals(args: &[Term]) -> Option<Term> {
    relate_with(args, |m| m.is_equal_topo())
}
/// `geof:sfDisjoint`.
fn sf_disjoint(args: &[Term]) -> Option<Term> {
    relate_with(args, |m| m.is_disjoint())
}
/// `geof:sfIntersects`.
fn sf_intersects(args: &[Term]) -> Option<Term> {
    relate_with(args, |m| m.is_intersects())
}
/// `geof:sfTouches`.
fn sf_touches(args: &[Term]) -> Option<Term> {
    relate_with(args, |m| m.is_touches())
}
/// `geof:sfCrosses`.
fn sf_crosses(args: &[Term]) -> Option<Term> {
    relate_with(args, |m| m.is_crosses())
}
/// `geof:sfWithin`: the first geometry lies in the second (interiors meet, no part outside).
fn sf_within(args: &[Term]) -> Option<Term> {
    relate_with(args, |m| m.is_within())
}
/// `geof:sfContains`: the converse of `sfWithin`.
fn sf_contains(args: &[Term]) -> Option<Term> {
    relate_with(args, |m| m.is_contains())
}
/// `geof:sfOverlaps`.
fn sf_overlaps(args: &[Term]) -> Option<Term> {
    relate_with(args, |m| m.is_overlaps())
}
