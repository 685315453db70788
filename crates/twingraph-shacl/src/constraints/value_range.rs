//! Value range constraints: sh:minExclusive, sh:minInclusive, sh:maxExclusive, sh:maxInclusive.

use super::value_type::well_formed;
use super::{Constraint, Violation, show};
use crate::vocab::sh;
use oxigraph::model::{Literal, Term};
use std::cmp::Ordering;
use std::str::FromStr;

pub(super) fn check(c: &Constraint, values: &[Term]) -> Vec<Violation> {
    let (bound, comp, ok): (&Term, _, fn(Ordering) -> bool) = match c {
        Constraint::MinExclusive(b) => (b, sh::MIN_EXCLUSIVE_CC, |o| o == Ordering::Greater),
        Constraint::MinInclusive(b) => (b, sh::MIN_INCLUSIVE_CC, |o| o != Ordering::Less),
        Constraint::MaxExclusive(b) => (b, sh::MAX_EXCLUSIVE_CC, |o| o == Ordering::Less),
        Constraint::MaxInclusive(b) => (b, sh::MAX_INCLUSIVE_CC, |o| o != Ordering::Greater),
        _ => return Vec::new(),
    };
    values
        .iter()
        .filter(|v| !compare(v, bound).is_some_and(ok))
        .map(|v| {
            Violation::new(
                Some(v.clone()),
                comp,
                format!("{} is out of range relative to {}", show(v), show(bound)),
            )
        })
        .collect()
}

fn numeric(l: &Literal) -> Option<f64> {
    let local = l
        .datatype()
        .as_str()
        .strip_prefix("http://www.w3.org/2001/XMLSchema#")?;
    match local {
        "integer" | "int" | "long" | "short" | "byte" | "nonNegativeInteger"
        | "positiveInteger" | "negativeInteger" | "nonPositiveInteger" | "unsignedInt"
        | "unsignedLong" | "unsignedShort" | "unsignedByte" | "decimal" | "double" | "float" => {
            if !well_formed(l) {
                return None;
            }
            match l.value() {
                "INF" => Some(f64::INFINITY),
                "-INF" => Some(f64::NEG_INFINITY),
                v => v.parse().ok(),
            }
        }
        _ => None,
    }
}

/// Compares two terms as SPARQL `<` would; `None` if incomparable.
pub(crate) fn compare(a: &Term, b: &Term) -> Option<Ordering> {
    let (Term::Literal(a), Term::Literal(b)) = (a, b) else {
        return None;
    };
    if let (Some(x), Some(y)) = (numeric(a), numeric(b)) {
        return x.partial_cmp(&y);
    }
    if a.datatype() != b.datatype() || !well_formed(a) || !well_formed(b) {
        return None;
    }
    let local = a
        .datatype()
        .as_str()
        .strip_prefix("http://www.w3.org/2001/XMLSchema#");
    match local {
        Some("dateTime") => oxsdatatypes::DateTime::from_str(a.value())
            .ok()?
            .partial_cmp(&oxsdatatypes::DateTime::from_str(b.value()).ok()?),
        Some("date") => oxsdatatypes::Date::from_str(a.value())
            .ok()?
            .partial_cmp(&oxsdatatypes::Date::from_str(b.value()).ok()?),
        Some("time") => oxsdatatypes::Time::from_str(a.value())
            .ok()?
            .partial_cmp(&oxsdatatypes::Time::from_str(b.value()).ok()?),
        Some("string") => Some(a.value().cmp(b.value())),
        Some("boolean") => Some(
            (a.value() == "true" || a.value() == "1")
                .cmp(&(b.value() == "true" || b.value() == "1")),
        ),
        _ if a.language().is_some() && a.language() == b.language() => {
            Some(a.value().cmp(b.value()))
        }
        _ => None,
    }
}
