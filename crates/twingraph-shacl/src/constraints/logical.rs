//! Logical constraints: sh:not, sh:and, sh:or, sh:xone.

use super::{Constraint, Violation, show};
use crate::validator::Ctx;
use crate::vocab::sh;
use oxigraph::model::Term;

pub(super) fn check(c: &Constraint, cx: &Ctx<'_>, values: &[Term], depth: usize) -> Vec<Violation> {
    let mut out = Vec::new();
    for v in values {
        let (ok, comp, what) = match c {
            Constraint::Not(s) => (
                !cx.conforms(s, v, depth),
                sh::NOT_CC,
                "conforms to sh:not shape",
            ),
            Constraint::And(list) => (
                list.iter().all(|s| cx.conforms(s, v, depth)),
                sh::AND_CC,
                "does not conform to all sh:and shapes",
            ),
            Constraint::Or(list) => (
                list.iter().any(|s| cx.conforms(s, v, depth)),
                sh::OR_CC,
                "conforms to no sh:or shape",
            ),
            Constraint::Xone(list) => (
                list.iter().filter(|s| cx.conforms(s, v, depth)).count() == 1,
                sh::XONE_CC,
                "does not conform to exactly one sh:xone shape",
            ),
            _ => continue,
        };
        if !ok {
            out.push(Violation::new(
                Some(v.clone()),
                comp,
                format!("{} {what}", show(v)),
            ));
        }
    }
    out
}
