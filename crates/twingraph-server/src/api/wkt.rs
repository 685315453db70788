//! Well-Known Text (`geo:wktLiteral`) to GeoJSON geometry.
//!
//! Reads `POINT`, `LINESTRING`, `POLYGON`, `MULTIPOINT`, `MULTILINESTRING`, `MULTIPOLYGON`
//! and `GEOMETRYCOLLECTION` (case-insensitive, `Z`/`M`/`ZM` tags, `EMPTY`), after an optional
//! leading CRS IRI as GeoSPARQL writes it (`<http://www.opengis.net/def/crs/EPSG/0/27700>
//! POINT(410500 285500)`). Coordinates end up in WGS84 longitude/latitude as GeoJSON
//! (RFC 7946) requires:
//!
//! - no CRS IRI, or OGC `CRS84`/`CRS84h`: longitude first, kept as they are;
//! - EPSG:4326 (and ETRS89, EPSG:4258): that CRS is latitude first (GeoSPARQL follows the axis order of the CRS), so
//!   the two axes are swapped;
//! - EPSG:27700 (British National Grid): converted with `twingraph_geo::bng::bng_to_wgs84`
//!   (OSGB36 transverse Mercator and the OS Helmert transformation, accurate to a few metres,
//!   not OSTN15);
//! - any other CRS: coordinates kept as they are, and the caller notes the CRS on the feature.

use serde_json::{Value, json};

/// Longitude/latitude (or projected x/y) with an optional height.
type Position = Vec<f64>;

/// A parsed WKT geometry in its own CRS.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Geometry {
    Point(Option<Position>),
    LineString(Vec<Position>),
    Polygon(Vec<Vec<Position>>),
    MultiPoint(Vec<Position>),
    MultiLineString(Vec<Vec<Position>>),
    MultiPolygon(Vec<Vec<Vec<Position>>>),
    Collection(Vec<Geometry>),
}

/// How the coordinates of a literal relate to WGS84 longitude/latitude.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Crs {
    /// CRS84 (the GeoSPARQL default): longitude, latitude.
    Crs84,
    /// EPSG:4326 (or ETRS89, EPSG:4258, the same to a metre in Britain): latitude, longitude.
    Epsg4326,
    /// EPSG:27700, British National Grid easting/northing in metres.
    BritishNationalGrid,
    /// Anything else, by IRI: left as it is.
    Other(String),
}

impl Crs {
    fn from_iri(iri: &str) -> Self {
        let lower = iri.to_ascii_lowercase();
        let tail = lower.trim_end_matches('/');
        if tail.ends_with("/crs84") || tail.ends_with("/crs84h") {
            Self::Crs84
        } else if tail.ends_with("/epsg/0/4326")
            || tail.ends_with("/epsg/0/4258")
            || tail == "urn:ogc:def:crs:epsg::4326"
        {
            Self::Epsg4326
        } else if tail.ends_with("/epsg/0/27700") || tail == "urn:ogc:def:crs:epsg::27700" {
            Self::BritishNationalGrid
        } else {
            Self::Other(iri.to_owned())
        }
    }
}

/// A WKT literal: its CRS and geometry.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Wkt {
    pub(crate) crs: Crs,
    pub(crate) geometry: Geometry,
}

/// Parses a WKT literal's lexical form.
pub(crate) fn parse(text: &str) -> Result<Wkt, String> {
    let text = text.trim();
    let (crs, rest) = match text.strip_prefix('<') {
        Some(after) => {
            let end = after
                .find('>')
                .ok_or("the CRS IRI is not closed with `>`")?;
            (Crs::from_iri(after[..end].trim()), &after[end + 1..])
        }
        None => (Crs::Crs84, text),
    };
    let mut parser = Parser {
        tokens: tokenize(rest)?,
        pos: 0,
    };
    let geometry = parser.geometry()?;
    if let Some(token) = parser.tokens.get(parser.pos) {
        return Err(format!("unexpected `{token}` after the geometry"));
    }
    Ok(Wkt { crs, geometry })
}

impl Wkt {
    /// The GeoJSON geometry (`null` for `POINT EMPTY`) and, when the coordinates could not be
    /// brought to WGS84, the IRI of the CRS they are in.
    pub(crate) fn to_geojson(&self) -> (Value, Option<&str>) {
        let convert = |p: &Position| -> Position {
            match &self.crs {
                Crs::Crs84 | Crs::Other(_) => p.clone(),
                Crs::Epsg4326 => {
                    let mut q = p.clone();
                    q.swap(0, 1);
                    q
                }
                Crs::BritishNationalGrid => {
                    let (lat, lon) = twingraph_geo::bng::bng_to_wgs84(p[0], p[1]);
                    let mut q = vec![round(lon), round(lat)];
                    q.extend(p.get(2));
                    q
                }
            }
        };
        let note = match &self.crs {
            Crs::Other(iri) => Some(iri.as_str()),
            _ => None,
        };
        (geometry_json(&self.geometry, &convert), note)
    }
}

/// Rounds converted degrees to 1e-8 (about a millimetre), far below the conversion's error.
fn round(v: f64) -> f64 {
    (v * 1e8).round() / 1e8
}

fn geometry_json(g: &Geometry, convert: &dyn Fn(&Position) -> Position) -> Value {
    let line = |l: &Vec<Position>| l.iter().map(convert).collect::<Vec<_>>();
    let poly = |p: &Vec<Vec<Position>>| p.iter().map(line).collect::<Vec<_>>();
    match g {
        Geometry::Point(None) => Value::Null,
        Geometry::Point(Some(p)) => json!({"type": "Point", "coordinates": convert(p)}),
        Geometry::LineString(l) => json!({"type": "LineString", "coordinates": line(l)}),
        Geometry::Polygon(p) => json!({"type": "Polygon", "coordinates": poly(p)}),
        Geometry::MultiPoint(l) => json!({"type": "MultiPoint", "coordinates": line(l)}),
        Geometry::MultiLineString(p) => {
            json!({"type": "MultiLineString", "coordinates": poly(p)})
        }
        Geometry::MultiPolygon(m) => json!({
            "type": "MultiPolygon",
            "coordinates": m.iter().map(poly).collect::<Vec<_>>()
        }),
        Geometry::Collection(items) => json!({
            "type": "GeometryCollection",
            "geometries": items
                .iter()
                .map(|g| geometry_json(g, convert))
                .filter(|v| !v.is_null())
                .collect::<Vec<_>>()
        }),
    }
}

#[derive(Debug, Clone, PartialEq)]
enum Token {
    Word(String),
    Number(f64),
    Open,
    Close,
    Comma,
}

impl std::fmt::Display for Token {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Word(w) => f.write_str(w),
            Self::Number(n) => write!(f, "{n}"),
            Self::Open => f.write_str("("),
            Self::Close => f.write_str(")"),
            Self::Comma => f.write_str(","),
        }
    }
}

fn tokenize(text: &str) -> Result<Vec<Token>, String> {
    let mut tokens = Vec::new();
    let mut chars = text.char_indices().peekable();
    while let Some(&(i, c)) = chars.peek() {
        match c {
            c if c.is_whitespace() => {
                chars.next();
            }
            '(' => {
                chars.next();
                tokens.push(Token::Open);
            }
            ')' => {
                chars.next();
                tokens.push(Token::Close);
            }
            ',' => {
                chars.next();
                tokens.push(Token::Comma);
            }
            c if c.is_ascii_alphabetic() => {
                let mut end = i;
                while let Some(&(j, c)) = chars.peek() {
                    if !c.is_ascii_alphabetic() {
                        break;
                    }
                    end = j + c.len_utf8();
                    chars.next();
                }
                tokens.push(Token::Word(text[i..end].to_ascii_uppercase()));
            }
            c if c.is_ascii_digit() || matches!(c, '-' | '+' | '.') => {
                let mut end = i;
                while let Some(&(j, c)) = chars.peek() {
                    if !(c.is_ascii_digit() || matches!(c, '-' | '+' | '.' | 'e' | 'E')) {
                        break;
                    }
                    end = j + c.len_utf8();
                    chars.next();
                }
                let number = &text[i..end];
                let value = number
                    .parse::<f64>()
                    .ok()
                    .filter(|v| v.is_finite())
                    .ok_or_else(|| format!("`{number}` is not a number"))?;
                tokens.push(Token::Number(value));
            }
            other => return Err(format!("unexpected character `{other}`")),
        }
    }
    Ok(tokens)
}

struct Parser {
    tokens: Vec<Token>,
    pos: usize,
}

impl Parser {
    fn peek(&self) -> Option<&Token> {
        self.tokens.get(self.pos)
    }

    fn next(&mut self) -> Option<Token> {
        let t = self.tokens.get(self.pos).cloned();
        self.pos += 1;
        t
    }

    fn expect(&mut self, token: &Token) -> Result<(), String> {
        match self.next() {
            Some(t) if &t == token => Ok(()),
            Some(t) => Err(format!("expected `{token}`, found `{t}`")),
            None => Err(format!("expected `{token}`, found the end")),
        }
    }

    /// `(` … `)` with items separated by commas, or `EMPTY` (an empty list).
    fn list<T>(
        &mut self,
        item: &mut dyn FnMut(&mut Self) -> Result<T, String>,
    ) -> Result<Vec<T>, String> {
        if self.peek() == Some(&Token::Word("EMPTY".into())) {
            self.pos += 1;
            return Ok(Vec::new());
        }
        self.expect(&Token::Open)?;
        let mut items = vec![item(self)?];
        loop {
            match self.next() {
                Some(Token::Comma) => items.push(item(self)?),
                Some(Token::Close) => return Ok(items),
                Some(t) => return Err(format!("expected `,` or `)`, found `{t}`")),
                None => return Err("expected `)`, found the end".into()),
            }
        }
    }

    /// A position: 2 to 4 numbers; `m` says the last one is a measure (dropped).
    fn position(&mut self, m: bool) -> Result<Position, String> {
        let mut p = Vec::new();
        while let Some(Token::Number(v)) = self.peek() {
            p.push(*v);
            self.pos += 1;
        }
        if !(2..=4).contains(&p.len()) {
            return Err(format!(
                "a position needs 2 to 4 coordinates, found {}",
                p.len()
            ));
        }
        if (m && p.len() > 2) || p.len() == 4 {
            p.pop();
        }
        Ok(p)
    }

    fn positions(&mut self, m: bool) -> Result<Vec<Position>, String> {
        self.list(&mut |s| s.position(m))
    }

    fn rings(&mut self, m: bool) -> Result<Vec<Vec<Position>>, String> {
        self.list(&mut |s| s.positions(m))
    }

    fn geometry(&mut self) -> Result<Geometry, String> {
        let kind = match self.next() {
            Some(Token::Word(w)) => w,
            Some(t) => return Err(format!("expected a geometry type, found `{t}`")),
            None => return Err("empty WKT".into()),
        };
        // Dimension tag: `Z`, `M`, `ZM`, or glued as in `POINTZ`.
        let (kind, mut m) = if let Some(k) = kind.strip_suffix("ZM").filter(|k| is_kind(k)) {
            (k.to_owned(), true)
        } else if let Some(k) = kind.strip_suffix('M').filter(|k| is_kind(k)) {
            (k.to_owned(), true)
        } else if let Some(k) = kind.strip_suffix('Z').filter(|k| is_kind(k)) {
            (k.to_owned(), false)
        } else {
            (kind, false)
        };
        if let Some(Token::Word(tag)) = self.peek() {
            match tag.as_str() {
                "Z" => self.pos += 1,
                "M" | "ZM" => {
                    m = true;
                    self.pos += 1;
                }
                _ => (),
            }
        }
        Ok(match kind.as_str() {
            "POINT" => {
                let mut points = self.list(&mut |s| s.position(m))?;
                match points.len() {
                    0 => Geometry::Point(None),
                    1 => Geometry::Point(points.pop()),
                    n => return Err(format!("a POINT has one position, found {n}")),
                }
            }
            "LINESTRING" => Geometry::LineString(self.positions(m)?),
            "POLYGON" => Geometry::Polygon(self.rings(m)?),
            "MULTIPOINT" => Geometry::MultiPoint(self.list(&mut |s| {
                // Both `MULTIPOINT ((1 2), (3 4))` and `MULTIPOINT (1 2, 3 4)`.
                if s.peek() == Some(&Token::Open) {
                    s.pos += 1;
                    let p = s.position(m)?;
                    s.expect(&Token::Close)?;
                    Ok(p)
                } else {
                    s.position(m)
                }
            })?),
            "MULTILINESTRING" => Geometry::MultiLineString(self.rings(m)?),
            "MULTIPOLYGON" => Geometry::MultiPolygon(self.list(&mut |s| s.rings(m))?),
            "GEOMETRYCOLLECTION" => Geometry::Collection(self.list(&mut Self::geometry)?),
            other => return Err(format!("unsupported geometry type `{other}`")),
        })
    }
}

fn is_kind(k: &str) -> bool {
    matches!(
        k,
        "POINT"
            | "LINESTRING"
            | "POLYGON"
            | "MULTIPOINT"
            | "MULTILINESTRING"
            | "MULTIPOLYGON"
            | "GEOMETRYCOLLECTION"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn geo(text: &str) -> Value {
        parse(text).unwrap().to_geojson().0
    }

    #[test]
    fn shapes() {
        assert_eq!(
            geo("POINT(-1.85 52.46)"),
            json!({"type": "Point", "coordinates": [-1.85, 52.46]})
        );
        assert_eq!(
            geo("point z (1 2 3)"),
            json!({"type": "Point", "coordinates": [1.0, 2.0, 3.0]})
        );
        assert_eq!(
            geo("POINT M (1 2 9)"),
            json!({"type": "Point", "coordinates": [1.0, 2.0]})
        );
        assert_eq!(geo("POINT EMPTY"), Value::Null);
        assert_eq!(
            geo("LINESTRING (0 0, 1 1, 2 0)"),
            json!({"type": "LineString", "coordinates": [[0.0, 0.0], [1.0, 1.0], [2.0, 0.0]]})
        );
        assert_eq!(
            geo("POLYGON ((0 0, 1 0, 1 1, 0 0), (0.2 0.2, 0.3 0.2, 0.3 0.3, 0.2 0.2))")["coordinates"]
                .as_array()
                .unwrap()
                .len(),
            2
        );
        assert_eq!(
            geo("MULTIPOINT ((1 2), (3 4))"),
            geo("MULTIPOINT (1 2, 3 4)")
        );
        assert_eq!(
            geo("MULTIPOLYGON (((0 0, 1 0, 1 1, 0 0)), ((5 5, 6 5, 6 6, 5 5)))")["type"],
            "MultiPolygon"
        );
        assert_eq!(
            geo("MULTILINESTRING ((0 0, 1 1), (2 2, 3 3))")["coordinates"][1][0],
            json!([2.0, 2.0])
        );
        assert_eq!(
            geo("GEOMETRYCOLLECTION (POINT (1 2), LINESTRING (0 0, 1 1))")["geometries"][1]["type"],
            "LineString"
        );
        for bad in [
            "",
            "POINT",
            "POINT(1)",
            "POINT(1 2",
            "CIRCLE(1 2)",
            "POINT(1 2) x",
            "<x POINT(1 2)",
        ] {
            assert!(parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn reference_systems() {
        assert_eq!(
            geo("<http://www.opengis.net/def/crs/OGC/1.3/CRS84> POINT(-1.85 52.46)")["coordinates"],
            json!([-1.85, 52.46])
        );
        assert_eq!(
            geo("<http://www.opengis.net/def/crs/EPSG/0/4326> POINT(52.46 -1.85)")["coordinates"],
            json!([-1.85, 52.46])
        );
        // Ordnance Survey's worked example (Caister water tower): 651409.903 E, 313177.270 N
        // is 52°39′28.8282″N 1°42′57.8663″E in ETRS89 (≈ WGS84 at this accuracy); the
        // Helmert conversion lands 3.6 m away (3.2 m in latitude, 1.5 m in longitude).
        let p = geo("<http://www.opengis.net/def/crs/EPSG/0/27700> POINT(651409.903 313177.270)");
        let (lon, lat) = (
            p["coordinates"][0].as_f64().unwrap(),
            p["coordinates"][1].as_f64().unwrap(),
        );
        assert!((lat - 52.658_007_8).abs() < 6e-5, "{lat}");
        assert!((lon - 1.716_074_0).abs() < 6e-5, "{lon}");
        let other = parse("<http://www.opengis.net/def/crs/EPSG/0/3857> POINT(1 2)").unwrap();
        let (g, note) = other.to_geojson();
        assert_eq!(g["coordinates"], json!([1.0, 2.0]));
        assert_eq!(note, Some("http://www.opengis.net/def/crs/EPSG/0/3857"));
    }
}
