//! Built-in value functions (RML-FNML style) that real mappings need.
//!
//! In a mapping a term map may use `rml:functionExecution` instead of a constant, reference or
//! template:
//!
//! ```turtle
//! @prefix tgfn: <https://w3id.org/twingraph/def/fn#> .
//! rml:objectMap [
//!   rml:functionExecution [
//!     rml:function tgfn:bngPoint ;
//!     rml:input [ rml:parameter tgfn:easting ;  rml:inputValueMap [ rml:reference "X" ] ] ,
//!               [ rml:parameter tgfn:northing ; rml:inputValueMap [ rml:reference "Y" ] ]
//!   ] ;
//!   rml:datatype geo:wktLiteral
//! ] .
//! ```
//!
//! Functions (namespace [`FN`], `tgfn:`), with their parameters:
//!
//! | function | parameters | result |
//! |---|---|---|
//! | `tgfn:trim` | `tgfn:value` | whitespace trimmed at both ends |
//! | `tgfn:lowercase` / `tgfn:uppercase` | `tgfn:value` | case-mapped text |
//! | `tgfn:replace` | `tgfn:value`, `tgfn:find`, `tgfn:replacement` | every occurrence of `find` (plain text, not a regex) replaced |
//! | `tgfn:concat` | any parameters, joined in the order of their parameter IRIs; `tgfn:separator` (optional) goes between them | concatenation |
//! | `tgfn:normalisePostcode` | `tgfn:value` | a UK postcode in the standard form `B11 2AA` (upper case, one space); **fails** when the value is not a UK postcode |
//! | `tgfn:bngPoint` | `tgfn:easting`, `tgfn:northing` (metres) | the WKT literal text `<http://www.opengis.net/def/crs/EPSG/0/27700> POINT(e n)`; **fails** on non-numbers or values outside the grid |
//! | `tgfn:parseDate` | `tgfn:value` | an `xsd:date` lexical form `YYYY-MM-DD` from ISO (`2024-01-31`, also with a time part), UK day-first (`31/01/2024`, `31-01-2024`, `31.01.2024`) or `31 January 2024` / `31 Jan 2024`; **fails** otherwise (and on impossible dates) |
//! | `tgfn:parseNumber` | `tgfn:value` | a canonical number: thousands separators, spaces and a leading `£` removed (`"£1,234.50"` → `1234.50`); **fails** when the rest is not a decimal number |
//!
//! A failing function is a data error: the run stops, or in lenient mode the record is
//! skipped and reported.

/// The TwinGraph function namespace.
pub const FN: &str = "https://w3id.org/twingraph/def/fn#";

/// A function failure (the message says what value was wrong and why).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct FunctionError(pub String);

/// The built-in functions.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Function {
    /// `tgfn:trim`.
    Trim,
    /// `tgfn:lowercase`.
    Lowercase,
    /// `tgfn:uppercase`.
    Uppercase,
    /// `tgfn:replace`.
    Replace,
    /// `tgfn:concat`.
    Concat,
    /// `tgfn:normalisePostcode`.
    NormalisePostcode,
    /// `tgfn:bngPoint`.
    BngPoint,
    /// `tgfn:parseDate`.
    ParseDate,
    /// `tgfn:parseNumber`.
    ParseNumber,
}

impl Function {
    /// The function an IRI names, if it is a built-in.
    pub fn from_iri(iri: &str) -> Option<Self> {
        Some(match iri.strip_prefix(FN)? {
            "trim" => Self::Trim,
            "lowercase" => Self::Lowercase,
            "uppercase" => Self::Uppercase,
            "replace" => Self::Replace,
            "concat" => Self::Concat,
            "normalisePostcode" => Self::NormalisePostcode,
            "bngPoint" => Self::BngPoint,
            "parseDate" => Self::ParseDate,
            "parseNumber" => Self::ParseNumber,
            _ => return None,
        })
    }

    /// Calls the function with `(parameter IRI, value)` inputs, sorted by parameter IRI.
    pub fn call(self, inputs: &[(&str, &str)]) -> Result<String, FunctionError> {
        let get = |local: &str| -> Result<&str, FunctionError> {
            inputs
                .iter()
                .find(|(p, _)| p.strip_prefix(FN) == Some(local))
                .map(|(_, v)| *v)
                .ok_or_else(|| FunctionError(format!("missing parameter tgfn:{local}")))
        };
        match self {
            Self::Trim => Ok(get("value")?.trim().to_owned()),
            Self::Lowercase => Ok(get("value")?.to_lowercase()),
            Self::Uppercase => Ok(get("value")?.to_uppercase()),
            Self::Replace => {
                let find = get("find")?;
                if find.is_empty() {
                    return Err(FunctionError("tgfn:find is empty".into()));
                }
                Ok(get("value")?.replace(find, get("replacement")?))
            }
            Self::Concat => {
                let sep = get("separator").unwrap_or("");
                let parts: Vec<&str> = inputs
                    .iter()
                    .filter(|(p, _)| p.strip_prefix(FN) != Some("separator"))
                    .map(|(_, v)| *v)
                    .collect();
                Ok(parts.join(sep))
            }
            Self::NormalisePostcode => normalise_postcode(get("value")?),
            Self::BngPoint => bng_point(get("easting")?, get("northing")?),
            Self::ParseDate => parse_date(get("value")?),
            Self::ParseNumber => parse_number(get("value")?),
        }
    }
}

/// Normalises a UK postcode to `OUTWARD INWARD` in upper case (`b112aa` → `B11 2AA`).
pub fn normalise_postcode(value: &str) -> Result<String, FunctionError> {
    let compact: String = value
        .chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| c.to_ascii_uppercase())
        .collect();
    let fail = || FunctionError(format!("{value:?} is not a UK postcode"));
    if !(5..=7).contains(&compact.len()) || !compact.is_ascii() {
        return Err(fail());
    }
    let (outward, inward) = compact.split_at(compact.len() - 3);
    let ib = inward.as_bytes();
    if !(ib[0].is_ascii_digit() && ib[1].is_ascii_alphabetic() && ib[2].is_ascii_alphabetic()) {
        return Err(fail());
    }
    // Outward code: A9, A99, AA9, AA99, A9A, AA9A.
    let pattern: String = outward
        .chars()
        .map(|c| {
            if c.is_ascii_digit() {
                '9'
            } else if c.is_ascii_alphabetic() {
                'A'
            } else {
                '?'
            }
        })
        .collect();
    if !matches!(
        pattern.as_str(),
        "A9" | "A99" | "AA9" | "AA99" | "A9A" | "AA9A"
    ) {
        return Err(fail());
    }
    Ok(format!("{outward} {inward}"))
}

fn parse_f64(what: &str, value: &str) -> Result<f64, FunctionError> {
    let v = value.trim();
    v.parse::<f64>()
        .ok()
        .filter(|f| f.is_finite())
        .ok_or_else(|| FunctionError(format!("{what} {value:?} is not a number")))
}

fn fmt_coord(v: f64) -> String {
    if v.fract() == 0.0 {
        format!("{v:.0}")
    } else {
        let s = format!("{v:.3}");
        s.trim_end_matches('0').trim_end_matches('.').to_owned()
    }
}

/// A British National Grid easting/northing (metres) as a GeoSPARQL WKT literal text in
/// EPSG:27700: `<http://www.opengis.net/def/crs/EPSG/0/27700> POINT(e n)`.
pub fn bng_point(easting: &str, northing: &str) -> Result<String, FunctionError> {
    let e = parse_f64("easting", easting)?;
    let n = parse_f64("northing", northing)?;
    if !(0.0..=700_000.0).contains(&e) {
        return Err(FunctionError(format!(
            "easting {easting:?} is outside the British National Grid (0–700000)"
        )));
    }
    if !(0.0..=1_300_000.0).contains(&n) {
        return Err(FunctionError(format!(
            "northing {northing:?} is outside the British National Grid (0–1300000)"
        )));
    }
    Ok(format!(
        "<http://www.opengis.net/def/crs/EPSG/0/27700> POINT({} {})",
        fmt_coord(e),
        fmt_coord(n)
    ))
}

fn days_in_month(y: i32, m: u32) -> u32 {
    match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 => 29,
        2 => 28,
        _ => 0,
    }
}

const MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

/// Parses a date in a common UK/ISO form to the `xsd:date` lexical form `YYYY-MM-DD`.
pub fn parse_date(value: &str) -> Result<String, FunctionError> {
    let fail = |why: &str| FunctionError(format!("{value:?} is not a date{why}"));
    let v = value.trim();
    // Drop a time part ("2024-01-31T10:00:00", "2024-01-31 10:00").
    let date = v.split(['T', ' ']).next().unwrap_or(v);
    let num = |s: &str| s.parse::<u32>().ok();
    let (y, m, d) = if let Some((a, rest)) = date.split_once(['-', '/', '.']) {
        let sep = date.as_bytes()[a.len()] as char;
        let Some((b, c)) = rest.split_once(sep) else {
            return Err(fail(""));
        };
        if a.len() == 4 {
            (num(a), num(b), num(c))
        } else if c.len() == 4 {
            (num(c), num(b), num(a))
        } else {
            return Err(fail(" (year must have four digits)"));
        }
    } else {
        // "31 January 2024" / "31 Jan 2024".
        let parts: Vec<&str> = v.split_whitespace().collect();
        if parts.len() != 3 {
            return Err(fail(""));
        }
        let mon = parts[1].to_lowercase();
        let m = MONTHS
            .iter()
            .position(|name| mon.len() >= 3 && name.starts_with(mon.as_str()))
            .map(|i| i as u32 + 1);
        (num(parts[2]), m, num(parts[0]))
    };
    let (Some(y), Some(m), Some(d)) = (y, m, d) else {
        return Err(fail(""));
    };
    let y = i32::try_from(y).map_err(|_| fail(""))?;
    if !(1..=12).contains(&m) || d == 0 || d > days_in_month(y, m) {
        return Err(fail(" (no such day)"));
    }
    Ok(format!("{y:04}-{m:02}-{d:02}"))
}

/// Parses a number, removing thousands separators, spaces and a leading `£`; fails when the
/// rest is not a decimal number. The result keeps the decimals as written (`1,234.50` →
/// `1234.50`).
pub fn parse_number(value: &str) -> Result<String, FunctionError> {
    let cleaned: String = value
        .trim()
        .trim_start_matches('£')
        .chars()
        .filter(|c| *c != ',' && !c.is_whitespace())
        .collect();
    let body = cleaned.strip_prefix(['-', '+']).unwrap_or(&cleaned);
    let (int, frac) = body.split_once('.').unwrap_or((body, ""));
    let ok = !int.is_empty()
        && int.bytes().all(|b| b.is_ascii_digit())
        && frac.bytes().all(|b| b.is_ascii_digit())
        && !(body.contains('.') && frac.is_empty());
    if !ok {
        return Err(FunctionError(format!("{value:?} is not a number")));
    }
    Ok(cleaned.trim_start_matches('+').to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn postcodes() {
        assert_eq!(normalise_postcode(" b11 2aa").unwrap(), "B11 2AA");
        assert_eq!(normalise_postcode("B112AA").unwrap(), "B11 2AA");
        assert_eq!(normalise_postcode("EC1A1BB").unwrap(), "EC1A 1BB");
        assert_eq!(normalise_postcode("W1A 0AX").unwrap(), "W1A 0AX");
        assert!(normalise_postcode("B11").is_err());
        assert!(normalise_postcode("hello world").is_err());
    }

    #[test]
    fn bng() {
        assert_eq!(
            bng_point("410500", "285500.25").unwrap(),
            "<http://www.opengis.net/def/crs/EPSG/0/27700> POINT(410500 285500.25)"
        );
        assert!(bng_point("x", "1").is_err());
        assert!(bng_point("800000", "1").is_err());
    }

    #[test]
    fn dates() {
        assert_eq!(parse_date("2024-01-31").unwrap(), "2024-01-31");
        assert_eq!(parse_date("31/01/2024").unwrap(), "2024-01-31");
        assert_eq!(parse_date("2024-01-31 10:22:00").unwrap(), "2024-01-31");
        assert_eq!(parse_date("29 Feb 2024").unwrap(), "2024-02-29");
        assert!(parse_date("29/02/2023").is_err());
        assert!(parse_date("yesterday").is_err());
    }

    #[test]
    fn numbers() {
        assert_eq!(parse_number("£1,234.50").unwrap(), "1234.50");
        assert_eq!(parse_number("-12").unwrap(), "-12");
        assert!(parse_number("12a").is_err());
        assert!(parse_number("").is_err());
        assert!(parse_number("1.").is_err());
    }

    #[test]
    fn calls() {
        let f = Function::from_iri(&format!("{FN}replace")).unwrap();
        let (v, fi, r) = (
            format!("{FN}value"),
            format!("{FN}find"),
            format!("{FN}replacement"),
        );
        assert_eq!(
            f.call(&[(&fi, "a"), (&r, "b"), (&v, "banana")]).unwrap(),
            "bbnbnb"
        );
        let c = Function::from_iri(&format!("{FN}concat")).unwrap();
        let (p1, p2, s) = (
            format!("{FN}p1"),
            format!("{FN}p2"),
            format!("{FN}separator"),
        );
        assert_eq!(c.call(&[(&p1, "a"), (&p2, "b"), (&s, "-")]).unwrap(), "a-b");
    }
}
