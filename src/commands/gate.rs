//! The validation gate of `load --shapes`: validate files before they reach the live graphs,
//! and say where in the files the offending records are.

use super::validate::{read_into, read_shapes};
use crate::Outcome;
use anyhow::Context;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use twingraph_shacl::{ValidationReport, try_validate};
use twingraph_store::oxigraph::model::{Graph, GraphName, NamedNode, Quad, Term};
use twingraph_store::{LoadReport, TwinStore};

const SH_VIOLATION: &str = "http://www.w3.org/ns/shacl#Violation";
/// Most focus nodes whose first mention is looked up in the sources.
const MAX_LOCATED: usize = 1000;

/// The outcome of validating the files of one load.
pub struct Verdict {
    /// The full report (violations, warnings and infos).
    pub report: ValidationReport,
    /// Results of severity `sh:Violation`: any of them sends the load to quarantine.
    pub violations: usize,
    /// Where each offending focus node is first mentioned: file and 1-based line.
    pub locations: HashMap<Term, (PathBuf, usize)>,
    /// Data triples validated.
    pub triples: usize,
    /// Shapes read.
    pub shapes: usize,
}

/// Validates the union of `files` against the shapes in `shapes`.
pub fn check(shapes: &[PathBuf], files: &[PathBuf]) -> anyhow::Result<Verdict> {
    let mut data = Graph::new();
    for file in files {
        read_into(&mut data, file)?;
    }
    check_graph(shapes, &data, files)
}

/// Validates `data` against the shapes in `shapes`; offending records are looked up in
/// `sources` (RDF files the data came from; none for adapter output).
pub fn check_graph(
    shapes: &[PathBuf],
    data: &Graph,
    sources: &[PathBuf],
) -> anyhow::Result<Verdict> {
    let shapes = read_shapes(shapes)?;
    let report = try_validate(&shapes, data).context("the shapes could not be evaluated")?;
    let violations = report
        .results()
        .iter()
        .filter(|r| r.severity.as_str() == SH_VIOLATION)
        .count();
    let mut wanted: Vec<&NamedNode> = Vec::new();
    for r in report.results() {
        if let Term::NamedNode(n) = &r.focus_node
            && !wanted.contains(&n)
            && wanted.len() < MAX_LOCATED
        {
            wanted.push(n);
        }
    }
    let mut locations = HashMap::new();
    for file in sources {
        locate(file, &wanted, &mut locations);
    }
    Ok(Verdict {
        report,
        violations,
        locations,
        triples: data.len(),
        shapes: shapes.len(),
    })
}

impl Verdict {
    /// Prints the verdict to stderr (counts and the first offending records), and writes the
    /// full report to `report` when given.
    pub fn print(&self, report: Option<&Path>) -> anyhow::Result<()> {
        if let Some(path) = report {
            super::validate::write_report(&self.report, path)?;
        }
        eprintln!(
            "validated {} triples against {} shapes: {} violation(s), {} result(s) in all",
            self.triples,
            self.shapes,
            self.violations,
            self.report.results().len()
        );
        for line in self.record_lines(20) {
            eprintln!("  {line}");
        }
        if self.report.results().len() > 20 {
            eprintln!("  … (see --report for all results)");
        }
        Ok(())
    }

    /// Ends a gated load: when the data did not pass, stores the report in its own graph,
    /// says where the data went and returns [`Outcome::CheckFailed`].
    pub fn finish(&self, store: &TwinStore, reports: &[LoadReport]) -> anyhow::Result<Outcome> {
        if self.passes() {
            return Ok(Outcome::Success);
        }
        let report_graph = self.store_report(store, reports)?;
        eprintln!(
            "QUARANTINED: the data has {} violation(s), so it went to quarantine graph(s), \
             not the live ones; the report is in graph <{}>. Fix the source and \
             load again, or promote with SPARQL `MOVE GRAPH <quarantine graph> TO <graph>`.",
            self.violations,
            report_graph.as_str()
        );
        Ok(Outcome::CheckFailed)
    }

    /// Stores the report in its own graph, `urn:twingraph:report:<id of the first load
    /// activity>`, linked to the load activities.
    fn store_report(&self, store: &TwinStore, reports: &[LoadReport]) -> anyhow::Result<NamedNode> {
        let id = reports
            .first()
            .and_then(|r| r.record.activity.as_str().rsplit(':').next())
            .unwrap_or("unknown");
        let graph = NamedNode::new(format!("urn:twingraph:report:{id}"))?;
        let generated_by = NamedNode::new_unchecked("http://www.w3.org/ns/prov#wasGeneratedBy");
        let mut quads: Vec<Quad> = self
            .report
            .to_graph()
            .iter()
            .map(|t| t.into_owned().in_graph(graph.clone()))
            .collect();
        for r in reports {
            quads.push(Quad::new(
                graph.clone(),
                generated_by.clone(),
                r.record.activity.clone(),
                graph.clone(),
            ));
        }
        store.replace_graph(&GraphName::NamedNode(graph.clone()), quads)?;
        Ok(graph)
    }

    /// Whether the data may go to the live graphs (no result of severity violation).
    pub fn passes(&self) -> bool {
        self.violations == 0
    }

    /// One line per offending record: `file:line: focus node — message`, at most `limit`.
    pub fn record_lines(&self, limit: usize) -> Vec<String> {
        let mut lines = Vec::new();
        for r in self.report.results().iter().take(limit) {
            let at = self.locations.get(&r.focus_node).map_or_else(
                || "(source line unknown)".to_owned(),
                |(f, l)| format!("{}:{l}", f.display()),
            );
            let severity = r.severity.as_str().rsplit('#').next().unwrap_or("");
            let message = r.messages.first().map_or_else(
                || {
                    let c = r.source_constraint_component.as_str();
                    c.rsplit('#').next().unwrap_or(c).to_owned()
                },
                |m| match m {
                    Term::Literal(l) => l.value().to_owned(),
                    other => other.to_string(),
                },
            );
            let path = r
                .result_path
                .as_ref()
                .map_or_else(String::new, |p| format!(" {p}"));
            lines.push(format!(
                "{at}: {severity} {}{path}: {message}",
                r.focus_node
            ));
        }
        lines
    }
}

/// Records the first line of `file` mentioning each of `wanted` (as `<iri>` or, in Turtle and
/// TriG, as a prefixed name declared in the file). Unreadable files are skipped: locations
/// are a help for the reader, not part of the verdict.
fn locate(file: &Path, wanted: &[&NamedNode], found: &mut HashMap<Term, (PathBuf, usize)>) {
    let Ok(text) = std::fs::read_to_string(file) else {
        return;
    };
    let mut prefixes: Vec<(String, String)> = Vec::new();
    for line in text.lines() {
        if let Some((name, ns)) = prefix_declaration(line) {
            prefixes.push((name, ns));
        }
    }
    let mut needles: Vec<(String, &NamedNode)> = Vec::new();
    for &n in wanted {
        if found.contains_key(&Term::from(n.clone())) {
            continue;
        }
        needles.push((format!("<{}>", n.as_str()), n));
        for (name, ns) in &prefixes {
            if let Some(local) = n.as_str().strip_prefix(ns.as_str())
                && !local.is_empty()
            {
                needles.push((format!("{name}:{local}"), n));
            }
        }
    }
    if needles.is_empty() {
        return;
    }
    for (i, line) in text.lines().enumerate() {
        for (needle, node) in &needles {
            let term = Term::from((*node).clone());
            if !found.contains_key(&term) && mentions(line, needle) {
                found.insert(term, (file.to_path_buf(), i + 1));
            }
        }
    }
}

/// Whether `line` contains `needle` as a whole term (not as the start of a longer name).
fn mentions(line: &str, needle: &str) -> bool {
    line.match_indices(needle).any(|(at, _)| {
        let before_ok = at == 0
            || !line[..at]
                .chars()
                .next_back()
                .is_some_and(|c| c.is_alphanumeric() || c == '_' || c == ':');
        let after = line[at + needle.len()..].chars().next();
        let after_ok = needle.ends_with('>')
            || !after.is_some_and(|c| c.is_alphanumeric() || "_-:%".contains(c));
        before_ok && after_ok
    })
}

/// Parses `@prefix p: <ns> .` or `PREFIX p: <ns>`.
fn prefix_declaration(line: &str) -> Option<(String, String)> {
    let line = line.trim_start();
    let rest = line
        .strip_prefix("@prefix")
        .or_else(|| line.strip_prefix("PREFIX"))
        .or_else(|| line.strip_prefix("prefix"))?;
    let rest = rest.trim_start();
    let (name, rest) = rest.split_once(':')?;
    let rest = rest.trim_start().strip_prefix('<')?;
    let (ns, _) = rest.split_once('>')?;
    Some((name.trim().to_owned(), ns.to_owned()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prefix_declarations_are_read_in_both_syntaxes() {
        assert_eq!(
            prefix_declaration("@prefix ex: <http://ex.org/> ."),
            Some(("ex".into(), "http://ex.org/".into()))
        );
        assert_eq!(
            prefix_declaration("PREFIX : <http://ex.org/a#>"),
            Some((String::new(), "http://ex.org/a#".into()))
        );
        assert_eq!(prefix_declaration("ex:a ex:b ex:c ."), None);
    }

    #[test]
    fn mentions_match_whole_terms_only() {
        assert!(mentions("ex:d1 a ex:Dwelling .", "ex:d1"));
        assert!(!mentions("ex:d10 a ex:Dwelling .", "ex:d1"));
        assert!(!mentions("myex:d1 a ex:Dwelling .", "ex:d1"));
        assert!(mentions("<http://x/d1> <p> 1 .", "<http://x/d1>"));
    }
}
