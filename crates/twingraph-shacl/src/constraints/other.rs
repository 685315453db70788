//! Other constraints: sh:closed, sh:hasValue, sh:in.

use super::{Constraint, Violation, show};
use crate::path::Path;
use crate::util::as_subject;
use crate::vocab::sh;
use oxigraph::model::{Graph, Term};

pub(super) fn check(c: &Constraint, data: &Graph, values: &[Term]) -> Vec<Violation> {
    let mut out = Vec::new();
    match c {
        Constraint::Closed(allowed) => {
            for v in values {
                let Some(s) = as_subject(v) else { continue };
                for t in data.triples_for_subject(s) {
                    if !allowed.iter().any(|a| a.as_ref() == t.predicate) {
                        let mut viol = Violation::new(
                            Some(t.object.into_owned()),
                            sh::CLOSED_CC,
                            format!("{} has disallowed property {}", show(v), t.predicate),
                        );
                        viol.path = Some(Path::Predicate(t.predicate.into_owned()));
                        out.push(viol);
                    }
                }
            }
        }
        Constraint::HasValue(h) if !values.contains(h) => {
            out.push(Violation::new(
                None,
                sh::HAS_VALUE_CC,
                format!("missing required value {}", show(h)),
            ));
        }
        Constraint::In(list) => {
            for v in values.iter().filter(|v| !list.contains(v)) {
                out.push(Violation::new(
                    Some(v.clone()),
                    sh::IN_CC,
                    format!("{} is not in the allowed list", show(v)),
                ));
            }
        }
        _ => {}
    }
    out
}
