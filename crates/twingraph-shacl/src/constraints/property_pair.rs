//! Property pair constraints: sh:equals, sh:disjoint, sh:lessThan, sh:lessThanOrEquals.

use super::value_range::compare;
use super::{Constraint, Violation, show};
use crate::util::objects;
use crate::vocab::sh;
use oxigraph::model::{Graph, Term};
use std::cmp::Ordering;

pub(super) fn check(c: &Constraint, data: &Graph, focus: &Term, values: &[Term]) -> Vec<Violation> {
    let mut out = Vec::new();
    match c {
        Constraint::Equals(p) => {
            let others = objects(data, focus, p.as_ref());
            for v in values.iter().filter(|v| !others.contains(v)) {
                out.push(Violation::new(
                    Some(v.clone()),
                    sh::EQUALS_CC,
                    format!("{} is not a value of {p}", show(v)),
                ));
            }
            for o in others.iter().filter(|o| !values.contains(o)) {
                out.push(Violation::new(
                    Some(o.clone()),
                    sh::EQUALS_CC,
                    format!("{} is a value of {p} only", show(o)),
                ));
            }
        }
        Constraint::Disjoint(p) => {
            let others = objects(data, focus, p.as_ref());
            for v in values.iter().filter(|v| others.contains(v)) {
                out.push(Violation::new(
                    Some(v.clone()),
                    sh::DISJOINT_CC,
                    format!("{} is also a value of {p}", show(v)),
                ));
            }
        }
        Constraint::LessThan(p) | Constraint::LessThanOrEquals(p) => {
            let strict = matches!(c, Constraint::LessThan(_));
            let comp = if strict {
                sh::LESS_THAN_CC
            } else {
                sh::LESS_THAN_OR_EQUALS_CC
            };
            let others = objects(data, focus, p.as_ref());
            for v in values {
                for o in &others {
                    let ok = match compare(v, o) {
                        Some(Ordering::Less) => true,
                        Some(Ordering::Equal) => !strict,
                        _ => false,
                    };
                    if !ok {
                        out.push(Violation::new(
                            Some(v.clone()),
                            comp,
                            format!("{} is not less than {}", show(v), show(o)),
                        ));
                    }
                }
            }
        }
        _ => {}
    }
    out
}
