//! Value type constraints: sh:class, sh:datatype, sh:nodeKind.

use super::{Constraint, Violation, show};
use crate::targets::is_instance;
use crate::vocab::{rdf, sh, xsd};
use oxigraph::model::{Graph, Literal, Term};
use std::str::FromStr;

pub(super) fn check(c: &Constraint, data: &Graph, values: &[Term]) -> Vec<Violation> {
    let mut out = Vec::new();
    for v in values {
        match c {
            Constraint::Class(class) if !is_instance(data, v, class) => {
                out.push(Violation::new(
                    Some(v.clone()),
                    sh::CLASS_CC,
                    format!("{} is not an instance of {}", show(v), show(class)),
                ));
            }
            Constraint::Datatype(dt) => {
                let ok =
                    matches!(v, Term::Literal(l) if l.datatype() == dt.as_ref() && well_formed(l));
                if !ok {
                    out.push(Violation::new(
                        Some(v.clone()),
                        sh::DATATYPE_CC,
                        format!("{} does not have datatype {dt}", show(v)),
                    ));
                }
            }
            Constraint::NodeKind(kind) => {
                let (b, i, l) = match v {
                    Term::BlankNode(_) => (true, false, false),
                    Term::NamedNode(_) => (false, true, false),
                    Term::Literal(_) => (false, false, true),
                    #[allow(unreachable_patterns)]
                    _ => (false, false, false),
                };
                let k = kind.as_ref();
                let ok = (k == sh::BLANK_NODE && b)
                    || (k == sh::IRI && i)
                    || (k == sh::LITERAL && l)
                    || (k == sh::BLANK_NODE_OR_IRI && (b || i))
                    || (k == sh::BLANK_NODE_OR_LITERAL && (b || l))
                    || (k == sh::IRI_OR_LITERAL && (i || l));
                if !ok {
                    out.push(Violation::new(
                        Some(v.clone()),
                        sh::NODE_KIND_CC,
                        format!("{} does not have node kind {kind}", show(v)),
                    ));
                }
            }
            _ => {}
        }
    }
    out
}

/// Whether a literal's lexical form is valid for its (known) datatype.
pub(crate) fn well_formed(l: &Literal) -> bool {
    use oxsdatatypes::{Date, DateTime, Decimal, Double, Float, Integer, Time};
    let dt = l.datatype();
    let v = l.value();
    if dt == rdf::LANG_STRING {
        return l.language().is_some();
    }
    if dt == xsd::BOOLEAN {
        return matches!(v, "true" | "false" | "1" | "0");
    }
    let Some(local) = dt
        .as_str()
        .strip_prefix("http://www.w3.org/2001/XMLSchema#")
    else {
        return true;
    };
    match local {
        "integer" => Integer::from_str(v).is_ok(),
        "int" | "long" | "short" | "byte" | "nonNegativeInteger" | "positiveInteger"
        | "negativeInteger" | "nonPositiveInteger" | "unsignedInt" | "unsignedLong"
        | "unsignedShort" | "unsignedByte" => {
            Integer::from_str(v).is_ok() && integer_in_range(local, v)
        }
        "decimal" => Decimal::from_str(v).is_ok(),
        "double" => Double::from_str(v).is_ok(),
        "float" => Float::from_str(v).is_ok(),
        "dateTime" => DateTime::from_str(v).is_ok(),
        "date" => Date::from_str(v).is_ok(),
        "time" => Time::from_str(v).is_ok(),
        _ => true,
    }
}

/// Range check for the bounded subtypes of `xsd:integer`.
fn integer_in_range(local: &str, v: &str) -> bool {
    let Ok(n) = v.trim_start_matches('+').parse::<i128>() else {
        return false;
    };
    let (min, max): (i128, i128) = match local {
        "long" => (i64::MIN.into(), i64::MAX.into()),
        "int" => (i32::MIN.into(), i32::MAX.into()),
        "short" => (i16::MIN.into(), i16::MAX.into()),
        "byte" => (i8::MIN.into(), i8::MAX.into()),
        "unsignedLong" => (0, u64::MAX.into()),
        "unsignedInt" => (0, u32::MAX.into()),
        "unsignedShort" => (0, u16::MAX.into()),
        "unsignedByte" => (0, u8::MAX.into()),
        "nonNegativeInteger" => (0, i128::MAX),
        "positiveInteger" => (1, i128::MAX),
        "negativeInteger" => (i128::MIN, -1),
        "nonPositiveInteger" => (i128::MIN, 0),
        _ => (i128::MIN, i128::MAX),
    };
    (min..=max).contains(&n)
}
