//! String constraints: sh:minLength, sh:maxLength, sh:pattern, sh:languageIn, sh:uniqueLang.

use super::{Constraint, Violation, show};
use crate::vocab::sh;
use oxigraph::model::Term;
use std::collections::HashMap;

/// Compiles an `sh:pattern` with SPARQL `REGEX` flags (`i`, `m`, `s`, `x`, `q`).
pub(crate) fn compile(pattern: &str, flags: &str) -> Result<regex::Regex, regex::Error> {
    let mut b = if flags.contains('q') {
        regex::RegexBuilder::new(&regex::escape(pattern))
    } else {
        regex::RegexBuilder::new(pattern)
    };
    b.case_insensitive(flags.contains('i'))
        .multi_line(flags.contains('m'))
        .dot_matches_new_line(flags.contains('s'))
        .ignore_whitespace(flags.contains('x'));
    b.build()
}

fn text(t: &Term) -> Option<&str> {
    match t {
        Term::NamedNode(n) => Some(n.as_str()),
        Term::Literal(l) => Some(l.value()),
        _ => None,
    }
}

fn lang_matches(tag: &str, range: &str) -> bool {
    let tag = tag.to_ascii_lowercase();
    range == "*"
        || tag == range
        || (tag.starts_with(range) && tag.as_bytes().get(range.len()) == Some(&b'-'))
}

pub(super) fn check(c: &Constraint, values: &[Term]) -> Vec<Violation> {
    let mut out = Vec::new();
    if let Constraint::UniqueLang = c {
        let mut counts: HashMap<String, usize> = HashMap::new();
        let mut order = Vec::new();
        for v in values {
            if let Term::Literal(l) = v {
                if let Some(lang) = l.language() {
                    let k = lang.to_ascii_lowercase();
                    let n = counts.entry(k.clone()).or_default();
                    *n += 1;
                    if *n == 2 {
                        order.push(k);
                    }
                }
            }
        }
        for lang in order {
            out.push(Violation::new(
                None,
                sh::UNIQUE_LANG_CC,
                format!("language \"{lang}\" is used more than once"),
            ));
        }
        return out;
    }
    for v in values {
        let (ok, comp, what) = match c {
            Constraint::MinLength(n) => (
                text(v).is_some_and(|s| s.chars().count() as u64 >= *n),
                sh::MIN_LENGTH_CC,
                format!("shorter than {n}"),
            ),
            Constraint::MaxLength(n) => (
                text(v).is_some_and(|s| s.chars().count() as u64 <= *n),
                sh::MAX_LENGTH_CC,
                format!("longer than {n}"),
            ),
            Constraint::Pattern(re) => (
                text(v).is_some_and(|s| re.is_match(s)),
                sh::PATTERN_CC,
                format!("does not match {}", re.as_str()),
            ),
            Constraint::LanguageIn(langs) => (
                matches!(v, Term::Literal(l) if l.language().is_some_and(|t| langs.iter().any(|r| lang_matches(t, r)))),
                sh::LANGUAGE_IN_CC,
                format!("language not in {langs:?}"),
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
