//! Equality of query results modulo blank-node renaming.
//!
//! Solutions are rows of optional terms. Two sequences of rows are isomorphic when one
//! bijection between their blank nodes turns one into the other — as multisets, or in order
//! for ordered results. The search backtracks over candidate rows; rows without blank nodes
//! are matched by counting, rows with blank nodes only against rows of the same shape.
//! Graphs and datasets are compared through oxigraph's canonicalization.
//!
//! Terms are compared exactly (IRI, lexical form, datatype, language). Callers that follow the
//! W3C rule for query results — "equal literal nodes that are compared by value (test runners
//! may convert lexical form to canonical form to compare character by character)", SPARQL 1.1
//! test suite, section *Query Evaluation Tests* — first map both sides through
//! [`canonical_term`]. That never merges rows: a store that collapses the distinct terms
//! `"01"^^xsd:integer` and `"1"^^xsd:integer` still yields a different number of rows.

use oxigraph::model::dataset::CanonicalizationAlgorithm;
use oxigraph::model::vocab::xsd;
use oxigraph::model::{BlankNode, Dataset, Graph, Literal, Quad, Term, Triple};
use std::collections::HashMap;
use std::fmt::Display;
use std::fmt::Write;
use std::str::FromStr;

/// A solution: one optional value per variable, in a fixed variable order.
pub type Row = Vec<Option<Term>>;

/// How many candidate row pairings the search may try before giving up.
pub const SEARCH_BUDGET: u64 = 2_000_000;

/// Outcome of an isomorphism check.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Isomorphism {
    /// A blank-node bijection mapping one side onto the other exists.
    Isomorphic,
    /// No such bijection exists.
    Different,
    /// The search budget ran out before an answer (counted as a failure by callers).
    Undecided,
}

/// A partial bijection between expected and actual blank nodes, undoable via a trail.
#[derive(Default)]
struct Bijection {
    forward: HashMap<BlankNode, BlankNode>,
    backward: HashMap<BlankNode, BlankNode>,
    trail: Vec<BlankNode>,
}

impl Bijection {
    /// Extends the bijection so that `expected` maps onto `actual`; on failure nothing changes.
    fn extend(&mut self, expected: &Row, actual: &Row) -> bool {
        if expected.len() != actual.len() {
            return false;
        }
        let mark = self.trail.len();
        for (e, a) in expected.iter().zip(actual) {
            let ok = match (e, a) {
                (Some(Term::BlankNode(e)), Some(Term::BlankNode(a))) => {
                    match (self.forward.get(e), self.backward.get(a)) {
                        (Some(mapped), _) => mapped == a,
                        (None, Some(_)) => false,
                        (None, None) => {
                            self.forward.insert(e.clone(), a.clone());
                            self.backward.insert(a.clone(), e.clone());
                            self.trail.push(e.clone());
                            true
                        }
                    }
                }
                (e, a) => e == a,
            };
            if !ok {
                self.undo(mark);
                return false;
            }
        }
        true
    }

    fn undo(&mut self, mark: usize) {
        while self.trail.len() > mark {
            let Some(e) = self.trail.pop() else { break };
            if let Some(a) = self.forward.remove(&e) {
                self.backward.remove(&a);
            }
        }
    }
}

fn has_blank_node(row: &Row) -> bool {
    row.iter().any(|t| matches!(t, Some(Term::BlankNode(_))))
}

/// The shape of a row: blank nodes replaced by their first position in the row, so rows
/// that can map onto each other have equal shapes.
pub fn shape(row: &Row) -> String {
    let mut seen: Vec<&BlankNode> = Vec::new();
    let mut out = String::from("{");
    for (i, value) in row.iter().enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        match value {
            None => out.push('-'),
            Some(Term::BlankNode(b)) => {
                let n = seen.iter().position(|s| *s == b).unwrap_or_else(|| {
                    seen.push(b);
                    seen.len() - 1
                });
                let _ = write!(out, "_:b{n}");
            }
            Some(t) => {
                let _ = write!(out, "{t}");
            }
        }
    }
    out.push('}');
    out
}

/// Whether `actual` equals `expected` up to a renaming of blank nodes; `ordered` also requires
/// the same order.
pub fn rows_isomorphic(expected: &[Row], actual: &[Row], ordered: bool) -> Isomorphism {
    if expected.len() != actual.len() {
        return Isomorphism::Different;
    }
    let mut bijection = Bijection::default();
    if ordered {
        // Pairs are fixed by position, so the bijection is forced: no search needed.
        return if expected
            .iter()
            .zip(actual)
            .all(|(e, a)| bijection.extend(e, a))
        {
            Isomorphism::Isomorphic
        } else {
            Isomorphism::Different
        };
    }
    // Rows without blank nodes: equal as multisets.
    let mut counts: HashMap<&Row, i64> = HashMap::new();
    for row in expected.iter().filter(|r| !has_blank_node(r)) {
        *counts.entry(row).or_default() += 1;
    }
    for row in actual.iter().filter(|r| !has_blank_node(r)) {
        *counts.entry(row).or_default() -= 1;
    }
    if counts.values().any(|c| *c != 0) {
        return Isomorphism::Different;
    }
    // Rows with blank nodes: group the actual ones by shape, then search.
    let mut by_shape: HashMap<String, Vec<usize>> = HashMap::new();
    for (i, row) in actual.iter().enumerate().filter(|(_, r)| has_blank_node(r)) {
        by_shape.entry(shape(row)).or_default().push(i);
    }
    let mut pending: Vec<(&Row, &[usize])> = Vec::new();
    let mut shape_counts: HashMap<&str, usize> = HashMap::new();
    let expected_shapes: Vec<(&Row, String)> = expected
        .iter()
        .filter(|r| has_blank_node(r))
        .map(|r| (r, shape(r)))
        .collect();
    for (row, s) in &expected_shapes {
        let Some(candidates) = by_shape.get(s) else {
            return Isomorphism::Different;
        };
        *shape_counts.entry(s).or_default() += 1;
        pending.push((*row, candidates.as_slice()));
    }
    if shape_counts.len() != by_shape.len()
        || shape_counts
            .iter()
            .any(|(s, n)| by_shape.get(*s).is_none_or(|c| c.len() != *n))
    {
        return Isomorphism::Different;
    }
    // Most constrained rows first.
    pending.sort_by_key(|(_, candidates)| candidates.len());
    let mut used = vec![false; actual.len()];
    let mut budget = SEARCH_BUDGET;
    match search(&pending, actual, &mut used, &mut bijection, &mut budget) {
        Some(true) => Isomorphism::Isomorphic,
        Some(false) => Isomorphism::Different,
        None => Isomorphism::Undecided,
    }
}

/// Depth-first search; `None` when the budget is exhausted.
fn search(
    pending: &[(&Row, &[usize])],
    actual: &[Row],
    used: &mut [bool],
    bijection: &mut Bijection,
    budget: &mut u64,
) -> Option<bool> {
    let Some(((row, candidates), rest)) = pending.split_first() else {
        return Some(true);
    };
    for &i in *candidates {
        if used[i] {
            continue;
        }
        *budget = budget.checked_sub(1)?;
        let mark = bijection.trail.len();
        if bijection.extend(row, &actual[i]) {
            used[i] = true;
            if search(rest, actual, used, bijection, budget)? {
                return Some(true);
            }
            used[i] = false;
            bijection.undo(mark);
        }
    }
    Some(false)
}

/// Whether two graphs are isomorphic (canonicalization of both, then equality).
pub fn graphs_isomorphic(expected: &Graph, actual: &Graph) -> bool {
    if expected.len() != actual.len() {
        return false;
    }
    let (mut expected, mut actual) = (expected.clone(), actual.clone());
    expected.canonicalize(CanonicalizationAlgorithm::Unstable);
    actual.canonicalize(CanonicalizationAlgorithm::Unstable);
    expected == actual
}

/// Whether two datasets are isomorphic (canonicalization of both, then equality).
pub fn datasets_isomorphic(expected: &Dataset, actual: &Dataset) -> bool {
    if expected.len() != actual.len() {
        return false;
    }
    let (mut expected, mut actual) = (expected.clone(), actual.clone());
    expected.canonicalize(CanonicalizationAlgorithm::Unstable);
    actual.canonicalize(CanonicalizationAlgorithm::Unstable);
    expected == actual
}

/// The term with a literal of a known XSD type (numbers, booleans, dates, times, durations)
/// rewritten to the canonical lexical form of its value; other terms, and literals that are
/// not valid for their type, unchanged.
pub fn canonical_term(term: &Term) -> Term {
    fn canon<T: FromStr + Display>(value: &str) -> Option<String> {
        value.parse::<T>().ok().map(|v| v.to_string())
    }
    let Term::Literal(literal) = term else {
        return term.clone();
    };
    let value = literal.value();
    let datatype = literal.datatype();
    let canonical = if datatype == xsd::BOOLEAN {
        canon::<oxsdatatypes::Boolean>(value)
    } else if datatype == xsd::DECIMAL {
        canon::<oxsdatatypes::Decimal>(value)
    } else if datatype == xsd::DOUBLE {
        canon::<oxsdatatypes::Double>(value)
    } else if datatype == xsd::FLOAT {
        canon::<oxsdatatypes::Float>(value)
    } else if [
        xsd::INTEGER,
        xsd::BYTE,
        xsd::SHORT,
        xsd::INT,
        xsd::LONG,
        xsd::UNSIGNED_BYTE,
        xsd::UNSIGNED_SHORT,
        xsd::UNSIGNED_INT,
        xsd::UNSIGNED_LONG,
        xsd::POSITIVE_INTEGER,
        xsd::NEGATIVE_INTEGER,
        xsd::NON_POSITIVE_INTEGER,
        xsd::NON_NEGATIVE_INTEGER,
    ]
    .contains(&datatype)
    {
        canon::<oxsdatatypes::Integer>(value)
    } else if datatype == xsd::DATE_TIME || datatype == xsd::DATE_TIME_STAMP {
        canon::<oxsdatatypes::DateTime>(value)
    } else if datatype == xsd::DATE {
        canon::<oxsdatatypes::Date>(value)
    } else if datatype == xsd::TIME {
        canon::<oxsdatatypes::Time>(value)
    } else if datatype == xsd::G_YEAR_MONTH {
        canon::<oxsdatatypes::GYearMonth>(value)
    } else if datatype == xsd::G_YEAR {
        canon::<oxsdatatypes::GYear>(value)
    } else if datatype == xsd::G_MONTH_DAY {
        canon::<oxsdatatypes::GMonthDay>(value)
    } else if datatype == xsd::G_MONTH {
        canon::<oxsdatatypes::GMonth>(value)
    } else if datatype == xsd::G_DAY {
        canon::<oxsdatatypes::GDay>(value)
    } else if datatype == xsd::DURATION {
        canon::<oxsdatatypes::Duration>(value)
    } else if datatype == xsd::YEAR_MONTH_DURATION {
        canon::<oxsdatatypes::YearMonthDuration>(value)
    } else if datatype == xsd::DAY_TIME_DURATION {
        canon::<oxsdatatypes::DayTimeDuration>(value)
    } else {
        None
    };
    match canonical {
        Some(c) if c != value => Literal::new_typed_literal(c, datatype.into_owned()).into(),
        _ => term.clone(),
    }
}

/// [`canonical_term`] applied to every value of every row.
pub fn canonical_rows(rows: &[Row]) -> Vec<Row> {
    rows.iter()
        .map(|r| r.iter().map(|t| t.as_ref().map(canonical_term)).collect())
        .collect()
}

/// [`canonical_term`] applied to every object of a graph.
pub fn canonical_graph(graph: &Graph) -> Graph {
    graph
        .iter()
        .map(|t| {
            let t = t.into_owned();
            Triple::new(t.subject, t.predicate, canonical_term(&t.object))
        })
        .collect()
}

/// [`canonical_term`] applied to every object of a dataset.
pub fn canonical_dataset(dataset: &Dataset) -> Dataset {
    dataset
        .iter()
        .map(|q| {
            let q = q.into_owned();
            Quad::new(
                q.subject,
                q.predicate,
                canonical_term(&q.object),
                q.graph_name,
            )
        })
        .collect()
}

/// A one-line summary of how two row multisets differ, with blank nodes anonymised so that
/// the text is the same from run to run.
pub fn rows_diff(expected: &[Row], actual: &[Row]) -> String {
    let mut counts: HashMap<String, i64> = HashMap::new();
    for row in expected {
        *counts.entry(shape(row)).or_default() += 1;
    }
    for row in actual {
        *counts.entry(shape(row)).or_default() -= 1;
    }
    let mut missing: Vec<&String> = counts
        .iter()
        .filter(|(_, c)| **c > 0)
        .map(|(s, _)| s)
        .collect();
    let mut extra: Vec<&String> = counts
        .iter()
        .filter(|(_, c)| **c < 0)
        .map(|(s, _)| s)
        .collect();
    missing.sort();
    extra.sort();
    let mut out = format!("expected {} rows, got {}", expected.len(), actual.len());
    if missing.is_empty() && extra.is_empty() {
        out.push_str("; same rows up to blank nodes, but blank-node co-references differ");
    }
    let sample = |list: &[&String]| {
        list.iter()
            .take(3)
            .map(|s| s.as_str())
            .collect::<Vec<_>>()
            .join(" ")
    };
    if !missing.is_empty() {
        let _ = write!(out, "; {} missing e.g. {}", missing.len(), sample(&missing));
    }
    if !extra.is_empty() {
        let _ = write!(out, "; {} unexpected e.g. {}", extra.len(), sample(&extra));
    }
    out
}

/// A one-line summary of how two graphs differ (triples without blank nodes only are listed).
pub fn graph_diff(expected: &Graph, actual: &Graph) -> String {
    let ground = |g: &Graph| {
        let mut v: Vec<String> = g
            .iter()
            .filter(|t| !t.subject.is_blank_node() && !t.object.is_blank_node())
            .map(|t| t.to_string())
            .collect();
        v.sort();
        v
    };
    let (e, a) = (ground(expected), ground(actual));
    let missing: Vec<&String> = e.iter().filter(|t| !a.contains(t)).collect();
    let extra: Vec<&String> = a.iter().filter(|t| !e.contains(t)).collect();
    let mut out = format!("expected {} triples, got {}", expected.len(), actual.len());
    if let Some(t) = missing.first() {
        let _ = write!(out, "; {} missing e.g. {t}", missing.len());
    }
    if let Some(t) = extra.first() {
        let _ = write!(out, "; {} unexpected e.g. {t}", extra.len());
    }
    out
}

/// A one-line summary of how two datasets differ, per graph.
pub fn dataset_diff(expected: &Dataset, actual: &Dataset) -> String {
    let per_graph = |d: &Dataset| {
        let mut counts: HashMap<String, usize> = HashMap::new();
        for q in d.iter() {
            *counts.entry(q.graph_name.to_string()).or_default() += 1;
        }
        counts
    };
    let (e, a) = (per_graph(expected), per_graph(actual));
    let mut graphs: Vec<&String> = e.keys().chain(a.keys()).collect();
    graphs.sort();
    graphs.dedup();
    let mut out = format!("expected {} quads, got {}", expected.len(), actual.len());
    for g in graphs {
        let (n, m) = (
            e.get(g).copied().unwrap_or(0),
            a.get(g).copied().unwrap_or(0),
        );
        if n != m {
            let _ = write!(out, "; graph {g}: expected {n} triples, got {m}");
        }
    }
    if e == a {
        out.push_str("; same counts per graph, different triples");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use oxigraph::model::{Literal, NamedNode, Triple};

    fn iri(s: &str) -> Option<Term> {
        Some(NamedNode::new_unchecked(format!("http://ex.org/{s}")).into())
    }
    fn bnode(s: &str) -> Option<Term> {
        Some(BlankNode::new_unchecked(s).into())
    }
    fn lit(s: &str) -> Option<Term> {
        Some(Literal::new_simple_literal(s).into())
    }

    #[test]
    fn renamed_blank_nodes_match() {
        let expected = vec![
            vec![bnode("a"), iri("p"), lit("1")],
            vec![bnode("a"), iri("q"), bnode("b")],
            vec![bnode("b"), iri("p"), lit("1")],
            vec![iri("s"), iri("p"), None],
        ];
        // Same structure, other labels, other order.
        let actual = vec![
            vec![iri("s"), iri("p"), None],
            vec![bnode("y"), iri("p"), lit("1")],
            vec![bnode("x"), iri("q"), bnode("y")],
            vec![bnode("x"), iri("p"), lit("1")],
        ];
        assert_eq!(
            rows_isomorphic(&expected, &actual, false),
            Isomorphism::Isomorphic
        );
        assert_eq!(
            rows_isomorphic(&expected, &actual, true),
            Isomorphism::Different
        );
    }

    #[test]
    fn broken_co_reference_does_not_match() {
        // Expected: one blank node used twice. Actual: two different blank nodes.
        let expected = vec![vec![bnode("a"), lit("1")], vec![bnode("a"), lit("2")]];
        let actual = vec![vec![bnode("x"), lit("1")], vec![bnode("y"), lit("2")]];
        assert_eq!(
            rows_isomorphic(&expected, &actual, false),
            Isomorphism::Different
        );
        // And the bijection must be injective too.
        assert_eq!(
            rows_isomorphic(&actual, &expected, false),
            Isomorphism::Different
        );
        assert!(rows_diff(&expected, &actual).contains("co-references"));
    }

    #[test]
    fn multisets_and_literals_are_exact() {
        let one = vec![vec![lit("a")], vec![lit("a")], vec![lit("b")]];
        let other = vec![vec![lit("a")], vec![lit("b")], vec![lit("b")]];
        assert_eq!(rows_isomorphic(&one, &other, false), Isomorphism::Different);
        let int = |s: &str| {
            Some(Term::from(Literal::new_typed_literal(
                s,
                oxigraph::model::vocab::xsd::INTEGER,
            )))
        };
        assert_eq!(
            rows_isomorphic(&[vec![int("01")]], &[vec![int("1")]], false),
            Isomorphism::Different
        );
    }

    #[test]
    fn canonical_forms_compare_by_value_without_merging_rows() {
        let typed = |s: &str, t| Some(Term::from(Literal::new_typed_literal(s, t)));
        let expected = vec![
            vec![typed("1.0", xsd::DECIMAL)],
            vec![typed("3.0E4", xsd::DOUBLE)],
            vec![typed("2006-08-23+00:00", xsd::DATE)],
        ];
        let actual = vec![
            vec![typed("1", xsd::DECIMAL)],
            vec![typed("30000", xsd::DOUBLE)],
            vec![typed("2006-08-23Z", xsd::DATE)],
        ];
        assert_eq!(
            rows_isomorphic(&expected, &actual, false),
            Isomorphism::Different
        );
        assert_eq!(
            rows_isomorphic(&canonical_rows(&expected), &canonical_rows(&actual), false),
            Isomorphism::Isomorphic
        );
        // "01" and "1" are two terms: a store returning one row for both still fails.
        let two = vec![
            vec![typed("01", xsd::INTEGER)],
            vec![typed("1", xsd::INTEGER)],
        ];
        let one = vec![vec![typed("1", xsd::INTEGER)]];
        assert_eq!(
            rows_isomorphic(&canonical_rows(&two), &canonical_rows(&one), false),
            Isomorphism::Different
        );
        // Invalid lexical forms and other types are left alone.
        assert_eq!(canonical_term(&lit("01").unwrap()), lit("01").unwrap());
    }

    #[test]
    fn ordered_rows_need_same_order() {
        let a = vec![vec![lit("1")], vec![lit("2")]];
        let b = vec![vec![lit("2")], vec![lit("1")]];
        assert_eq!(rows_isomorphic(&a, &b, false), Isomorphism::Isomorphic);
        assert_eq!(rows_isomorphic(&a, &b, true), Isomorphism::Different);
    }

    #[test]
    fn graph_isomorphism() {
        let p = NamedNode::new_unchecked("http://ex.org/p");
        let graph = |a: &str, b: &str| {
            let (a, b) = (BlankNode::new_unchecked(a), BlankNode::new_unchecked(b));
            let mut g = Graph::new();
            g.insert(&Triple::new(a.clone(), p.clone(), b.clone()));
            g.insert(&Triple::new(b, p.clone(), Literal::new_simple_literal("x")));
            g
        };
        assert!(graphs_isomorphic(&graph("a", "b"), &graph("u", "v")));
        let mut other = graph("a", "b");
        other.insert(&Triple::new(
            BlankNode::new_unchecked("c"),
            p.clone(),
            Literal::new_simple_literal("x"),
        ));
        assert!(!graphs_isomorphic(&graph("a", "b"), &other));
    }
}
