//! Cardinality constraints: sh:minCount, sh:maxCount.

use super::{Constraint, Violation};
use crate::vocab::sh;
use oxigraph::model::Term;

pub(super) fn check(c: &Constraint, values: &[Term]) -> Vec<Violation> {
    let n = values.len() as u64;
    match *c {
        Constraint::MinCount(min) if n < min => vec![Violation::new(
            None,
            sh::MIN_COUNT_CC,
            format!("{n} values, fewer than sh:minCount {min}"),
        )],
        Constraint::MaxCount(max) if n > max => vec![Violation::new(
            None,
            sh::MAX_COUNT_CC,
            format!("{n} values, more than sh:maxCount {max}"),
        )],
        _ => Vec::new(),
    }
}
