//! Shape-based constraints: sh:node and sh:qualifiedValueShape (sh:property is in the dispatcher).

use super::{Constraint, Violation, show};
use crate::validator::Ctx;
use crate::vocab::sh;
use oxigraph::model::Term;

pub(super) fn check(c: &Constraint, cx: &Ctx<'_>, values: &[Term], depth: usize) -> Vec<Violation> {
    let mut out = Vec::new();
    match c {
        Constraint::Node(s) => {
            for v in values {
                if !cx.conforms(s, v, depth) {
                    out.push(Violation::new(
                        Some(v.clone()),
                        sh::NODE_CC,
                        format!("{} does not conform to {}", show(v), show(s)),
                    ));
                }
            }
        }
        Constraint::Qualified {
            shape,
            min,
            max,
            siblings,
        } => {
            let n = values
                .iter()
                .filter(|v| {
                    cx.conforms(shape, v, depth)
                        && !siblings.iter().any(|s| cx.conforms(s, v, depth))
                })
                .count() as u64;
            if let Some(min) = min.filter(|m| n < *m) {
                out.push(Violation::new(
                    None,
                    sh::QUALIFIED_MIN_COUNT_CC,
                    format!("{n} values conform to {}, fewer than {min}", show(shape)),
                ));
            }
            if let Some(max) = max.filter(|m| n > *m) {
                out.push(Violation::new(
                    None,
                    sh::QUALIFIED_MAX_COUNT_CC,
                    format!("{n} values conform to {}, more than {max}", show(shape)),
                ));
            }
        }
        _ => {}
    }
    out
}
