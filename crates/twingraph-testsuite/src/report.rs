//! Test outcomes, per-manifest and per-suite counts, pass rates, and the committed
//! expected-pass / failure lists used to detect regressions.

use crate::error::TestsuiteError;
use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::path::Path;

/// The outcome of one test.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// The implementation behaved as the test requires.
    Passed,
    /// It did not; the text says why (one line).
    Failed(String),
    /// The test was not run; the text says why (out of scope, withdrawn…).
    Skipped(String),
}

/// What a test exercises, for pass-rate accounting.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Category {
    /// Parsing only (positive or negative syntax tests).
    Syntax,
    /// Query evaluation against expected results (including result-format tests).
    QueryEvaluation,
    /// Update evaluation against an expected dataset.
    UpdateEvaluation,
    /// Anything else (protocol, service description…).
    Other,
}

/// The result of one test.
#[derive(Debug, Clone)]
pub struct TestResult {
    /// The test IRI.
    pub id: String,
    /// The suite it was run in (e.g. `sparql-query`).
    pub suite: String,
    /// Short name of the manifest that lists it (e.g. `sparql11/add/manifest.ttl`).
    pub manifest: String,
    /// What it exercises.
    pub category: Category,
    /// What happened.
    pub outcome: Outcome,
}

/// Passed / failed / skipped counts.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    /// Tests that passed.
    pub passed: usize,
    /// Tests that failed.
    pub failed: usize,
    /// Tests that were not run.
    pub skipped: usize,
}

impl Counts {
    fn add(&mut self, outcome: &Outcome) {
        match outcome {
            Outcome::Passed => self.passed += 1,
            Outcome::Failed(_) => self.failed += 1,
            Outcome::Skipped(_) => self.skipped += 1,
        }
    }

    /// Pass rate among the tests that were run (skipped ones excluded), in percent.
    pub fn pass_rate(&self) -> Option<f64> {
        let run = self.passed + self.failed;
        (run > 0).then(|| 100.0 * self.passed as f64 / run as f64)
    }
}

/// All results of a run, in execution order.
#[derive(Debug, Clone, Default)]
pub struct Report {
    /// One entry per test.
    pub results: Vec<TestResult>,
}

impl Report {
    /// Counts of one suite.
    pub fn suite_counts(&self, suite: &str) -> Counts {
        let mut counts = Counts::default();
        for r in self.results.iter().filter(|r| r.suite == suite) {
            counts.add(&r.outcome);
        }
        counts
    }

    /// Counts of one category over all suites.
    pub fn category_counts(&self, category: Category) -> Counts {
        self.counts_where(|r| r.category == category)
    }

    /// Counts of the results matching a predicate.
    pub fn counts_where(&self, predicate: impl Fn(&TestResult) -> bool) -> Counts {
        let mut counts = Counts::default();
        for r in self.results.iter().filter(|r| predicate(r)) {
            counts.add(&r.outcome);
        }
        counts
    }

    /// The suites in the order they were run.
    pub fn suites(&self) -> Vec<String> {
        let mut suites: Vec<String> = Vec::new();
        for r in &self.results {
            if !suites.contains(&r.suite) {
                suites.push(r.suite.clone());
            }
        }
        suites
    }

    /// The human-readable summary: counts per manifest, then one total line per suite
    /// (`<suite>: N passed, N failed, N skipped`).
    pub fn summary(&self) -> String {
        let mut out = String::new();
        for suite in self.suites() {
            let mut per_manifest: Vec<(String, Counts)> = Vec::new();
            for r in self.results.iter().filter(|r| r.suite == suite) {
                match per_manifest.iter_mut().find(|(m, _)| *m == r.manifest) {
                    Some((_, c)) => c.add(&r.outcome),
                    None => {
                        let mut c = Counts::default();
                        c.add(&r.outcome);
                        per_manifest.push((r.manifest.clone(), c));
                    }
                }
            }
            let _ = writeln!(out, "[{suite}]");
            for (manifest, c) in per_manifest {
                let _ = writeln!(
                    out,
                    "  {manifest:<50} {:>4} passed {:>4} failed {:>4} skipped",
                    c.passed, c.failed, c.skipped
                );
            }
        }
        for suite in self.suites() {
            let _ = writeln!(out, "{}", total_line(&suite, self.suite_counts(&suite)));
        }
        out
    }

    /// Ids of the passing tests, grouped by suite.
    pub fn passing(&self) -> BTreeMap<String, BTreeSet<String>> {
        let mut out: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
        for r in self.results.iter().filter(|r| r.outcome == Outcome::Passed) {
            out.entry(r.suite.clone()).or_default().insert(r.id.clone());
        }
        out
    }

    /// Failing tests with their reasons, grouped by suite, sorted by id.
    pub fn failures(&self) -> BTreeMap<String, BTreeMap<String, String>> {
        let mut out: BTreeMap<String, BTreeMap<String, String>> = BTreeMap::new();
        for r in &self.results {
            if let Outcome::Failed(reason) = &r.outcome {
                out.entry(r.suite.clone())
                    .or_default()
                    .insert(r.id.clone(), one_line(reason));
            }
        }
        out
    }

    /// Compares this run with the expected-pass list.
    pub fn check_against(&self, expected: &ExpectedList) -> RegressionCheck {
        let passing: BTreeSet<&String> = self
            .results
            .iter()
            .filter(|r| r.outcome == Outcome::Passed)
            .map(|r| &r.id)
            .collect();
        let expected_ids: BTreeSet<&String> = expected.suites.values().flatten().collect();
        RegressionCheck {
            regressions: expected_ids
                .iter()
                .filter(|id| !passing.contains(*id))
                .map(|id| {
                    let why = self.results.iter().find(|r| &&r.id == id).map_or_else(
                        || "not run (no longer in the manifests?)".to_owned(),
                        |r| match &r.outcome {
                            Outcome::Failed(reason) => one_line(reason),
                            Outcome::Skipped(reason) => format!("skipped: {reason}"),
                            Outcome::Passed => String::new(),
                        },
                    );
                    ((*id).clone(), why)
                })
                .collect(),
            newly_passing: passing
                .iter()
                .filter(|id| !expected_ids.contains(*id))
                .map(|id| (*id).clone())
                .collect(),
        }
    }
}

/// The total line of a suite: `<suite>: N passed, N failed, N skipped`.
pub fn total_line(suite: &str, c: Counts) -> String {
    format!(
        "{suite}: {} passed, {} failed, {} skipped",
        c.passed, c.failed, c.skipped
    )
}

/// Differences between a run and the expected-pass list.
#[derive(Debug, Clone, Default)]
pub struct RegressionCheck {
    /// Expected to pass but did not: (test id, reason).
    pub regressions: Vec<(String, String)>,
    /// Passed but not in the list yet.
    pub newly_passing: Vec<String>,
}

/// Collapses a message to one tab-free line of bounded length.
pub fn one_line(text: &str) -> String {
    const MAX: usize = 400;
    let flat: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if flat.chars().count() > MAX {
        let cut: String = flat.chars().take(MAX).collect();
        format!("{cut}…")
    } else {
        flat
    }
}

/// A committed list of test ids grouped by suite (`# suite: <name>` headers; other `#`
/// lines are comments; on each line the id is the text before the first tab).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ExpectedList {
    /// Ids per suite.
    pub suites: BTreeMap<String, BTreeSet<String>>,
}

impl ExpectedList {
    /// Reads a list; a missing file is an empty list.
    pub fn read(path: &Path) -> Result<Self, TestsuiteError> {
        let text = match std::fs::read_to_string(path) {
            Ok(text) => text,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Self::default()),
            Err(source) => {
                return Err(TestsuiteError::Read {
                    path: path.to_owned(),
                    source,
                });
            }
        };
        let mut list = Self::default();
        let mut suite = String::from("unknown");
        for line in text.lines() {
            if let Some(name) = line.strip_prefix("# suite:") {
                suite = name.trim().to_owned();
            } else if !line.starts_with('#') && !line.trim().is_empty() {
                let id = line.split('\t').next().unwrap_or_default().trim();
                list.suites
                    .entry(suite.clone())
                    .or_default()
                    .insert(id.to_owned());
            }
        }
        Ok(list)
    }

    /// Number of ids in a suite.
    pub fn len_of(&self, suite: &str) -> usize {
        self.suites.get(suite).map_or(0, BTreeSet::len)
    }
}

/// Writes a grouped list: a header comment, then per suite `# suite: <name>` and one
/// `line` per entry (already formatted, e.g. `id` or `id\treason`).
pub fn write_grouped(
    path: &Path,
    header: &str,
    groups: &BTreeMap<String, Vec<String>>,
) -> Result<(), TestsuiteError> {
    let mut text = String::new();
    for line in header.lines() {
        let _ = writeln!(text, "# {line}");
    }
    for (suite, lines) in groups {
        let _ = writeln!(text, "# suite: {suite}");
        for line in lines {
            let _ = writeln!(text, "{line}");
        }
    }
    std::fs::write(path, text).map_err(|source| TestsuiteError::Write {
        path: path.to_owned(),
        source,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn result(id: &str, outcome: Outcome) -> TestResult {
        TestResult {
            id: id.to_owned(),
            suite: "s".to_owned(),
            manifest: "m".to_owned(),
            category: Category::QueryEvaluation,
            outcome,
        }
    }

    #[test]
    fn regressions_and_new_passes() {
        let report = Report {
            results: vec![
                result("a", Outcome::Passed),
                result("b", Outcome::Failed("boom\nline".to_owned())),
                result("c", Outcome::Passed),
                result("d", Outcome::Skipped("out of scope".to_owned())),
            ],
        };
        let mut expected = ExpectedList::default();
        expected.suites.insert(
            "s".to_owned(),
            ["a", "b"].iter().map(|s| (*s).to_owned()).collect(),
        );
        let check = report.check_against(&expected);
        assert_eq!(
            check.regressions,
            vec![("b".to_owned(), "boom line".to_owned())]
        );
        assert_eq!(check.newly_passing, vec!["c".to_owned()]);
        assert_eq!(
            total_line("s", report.suite_counts("s")),
            "s: 2 passed, 1 failed, 1 skipped"
        );
        assert_eq!(report.suite_counts("s").pass_rate(), Some(200.0 / 3.0));
    }
}
