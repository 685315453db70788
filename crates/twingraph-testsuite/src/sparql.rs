//! The W3C SPARQL 1.0 and 1.1 test suites, run through TwinGraph's store.
//!
//! * Syntax tests parse with `SparqlEvaluator`, the parser path `TwinStore` uses.
//! * Query evaluation tests load their data with `TwinStore::load_reader` (default graph,
//!   `qt:graphData` and `FROM`/`FROM NAMED` files as named graphs named after the file),
//!   run the query with `TwinStore::query` and compare with the expected results (blank
//!   nodes up to renaming; literals by value, i.e. in canonical lexical form, as the W3C
//!   rules for query results allow; in order when the query has a top-level ORDER BY). When
//!   those are a SPARQL results document (XML, JSON, TSV, CSV), the answer is first written
//!   in that format by `twingraph_store::write_results` and read back, so the serialiser
//!   is tested as well.
//! * Update evaluation tests load `ut:data`/`ut:graphData`, run `TwinStore::update` and
//!   compare the whole dataset with the expected one (isomorphism, literals exact).
//!
//! Every load writes provenance quads into the metadata graph
//! [`META_GRAPH`]; the runner drops that graph after loading and
//! before evaluating, so that `GRAPH ?g` queries and dataset comparisons see only test data.
//!
//! Out of scope, and counted as skipped (never as passed): SERVICE/federation evaluation
//! (no remote endpoints), entailment regimes, and the HTTP tests (protocol, graph store
//! protocol, service description), which the server crate covers; also tests the working
//! group withdrew, did not approve or did not classify.

use crate::compare::{
    Isomorphism, Row, canonical_dataset, canonical_graph, canonical_rows, dataset_diff,
    datasets_isomorphic, graph_diff, graphs_isomorphic, rows_diff, rows_isomorphic,
};
use crate::error::TestsuiteError;
use crate::manifest::{IriMapper, ManifestEntry, iri_of, label, rdf_format_of, read_manifest};
use crate::report::{Category, Outcome, Report, TestResult};
use crate::results::{ExpectedFormat, Solutions, StaticResults, csv_solutions, load_expected};
use crate::vocab::{mf, qt, ut};
use crate::watchdog::Watchdog;
use oxigraph::io::RdfParser;
use oxigraph::model::{Dataset, GraphName, NamedNode, NamedNodeRef, Quad, Term};
use oxigraph::sparql::results::QueryResultsFormat;
use oxigraph::sparql::{CancellationToken, SparqlEvaluator};
use spargebra::algebra::GraphPattern;
use std::collections::HashSet;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};
use std::time::Duration;
use twingraph_store::{
    LoadOptions, META_GRAPH, QueryOptions, ResultFormat, SourceDescription, TwinStore,
    UpdateOptions, write_results,
};

/// Canonical base IRI of the SPARQL 1.1 test files (folder `sparql11/`).
pub const SPARQL11_BASE: &str = "http://www.w3.org/2009/sparql/docs/tests/data-sparql11/";
/// Canonical base IRI of the SPARQL 1.0 (DAWG) test files (folder `sparql10/`).
pub const SPARQL10_BASE: &str = "http://www.w3.org/2001/sw/DataAccess/tests/data-r2/";
/// Default per-test time limit.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(20);

const MF: &str = "http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#";
const DAWGT: &str = "http://www.w3.org/2001/sw/DataAccess/tests/test-dawg#";

/// A named group of manifests reported together.
#[derive(Debug, Clone)]
pub struct Suite {
    /// Name used in the total line (`sparql-query`…).
    pub name: &'static str,
    /// Top-level manifest IRIs.
    pub manifests: Vec<String>,
}

/// The SPARQL suites: `sparql-query`, `sparql-update`, `sparql-results`, `sparql10`, and
/// `sparql-other` (federation syntax, plus the out-of-scope manifests so that their
/// tests are listed as skipped).
pub fn suites() -> Vec<Suite> {
    let s11 = |p: &str| format!("{SPARQL11_BASE}{p}");
    vec![
        Suite {
            name: "sparql-query",
            manifests: vec![s11("manifest-sparql11-query.ttl")],
        },
        Suite {
            name: "sparql-update",
            manifests: vec![s11("manifest-sparql11-update.ttl")],
        },
        Suite {
            name: "sparql-results",
            manifests: vec![s11("manifest-sparql11-results.ttl")],
        },
        Suite {
            name: "sparql10",
            manifests: vec![format!("{SPARQL10_BASE}manifest.ttl")],
        },
        Suite {
            name: "sparql-other",
            manifests: vec![
                s11("manifest-sparql11-fed.ttl"),
                s11("entailment/manifest.ttl"),
                s11("service-description/manifest.ttl"),
                s11("protocol/manifest.ttl"),
                s11("graph-store-protocol/manifest.ttl"),
            ],
        },
    ]
}

/// Folders whose tests are out of scope, with the reason.
const OUT_OF_SCOPE_FOLDERS: &[(&str, &str)] = &[
    (
        "service/",
        "SERVICE evaluation needs remote endpoints (federation is out of scope)",
    ),
    (
        "entailment/",
        "entailment regimes are out of scope (TwinGraph evaluates under simple entailment)",
    ),
    (
        "service-description/",
        "HTTP service-description test: covered by the server crate's tests",
    ),
    (
        "protocol/",
        "HTTP protocol test: covered by the server crate's tests",
    ),
    (
        "graph-store-protocol/",
        "HTTP graph store protocol test: covered by the server crate's tests",
    ),
    (
        "http-rdf-update/",
        "HTTP graph store protocol test: covered by the server crate's tests",
    ),
];

/// A test failure reason.
struct Fail(String);

impl From<TestsuiteError> for Fail {
    fn from(e: TestsuiteError) -> Self {
        Self(e.to_string())
    }
}

impl From<twingraph_store::LoadError> for Fail {
    fn from(e: twingraph_store::LoadError) -> Self {
        Self(format!("loading test data failed: {e}"))
    }
}

fn fail<T>(message: impl Into<String>) -> Result<T, Fail> {
    Err(Fail(message.into()))
}

/// Runs SPARQL manifests against a fresh in-memory [`TwinStore`] per test.
#[derive(Debug, Clone)]
pub struct SparqlRunner {
    mapper: IriMapper,
    /// Time limit of one query or update evaluation.
    pub timeout: Duration,
    /// Compare literals by exact lexical form instead of by value (canonical form).
    pub strict_literals: bool,
}

impl SparqlRunner {
    /// The folder holding `sparql10/` and `sparql11/` inside the shared data folder.
    pub fn data_root(shared_data: &Path) -> PathBuf {
        shared_data
            .join("conformance")
            .join("sparql")
            .join("sparql")
    }

    /// A runner reading the suites from `root` (see [`SparqlRunner::data_root`]).
    pub fn new(root: &Path) -> Self {
        Self {
            mapper: IriMapper::new()
                .with(SPARQL11_BASE, root.join("sparql11"))
                .with(SPARQL10_BASE, root.join("sparql10")),
            timeout: DEFAULT_TIMEOUT,
            strict_literals: false,
        }
    }

    /// Whether the suite files are present.
    pub fn is_available(root: &Path) -> bool {
        root.join("sparql11").join("manifest-all.ttl").is_file()
            && root.join("sparql10").join("manifest.ttl").is_file()
    }

    /// Runs suites; a test listed by several suites runs only in the first one.
    pub fn run(&self, suites: &[Suite]) -> Result<Report, TestsuiteError> {
        let mut report = Report::default();
        let mut seen = HashSet::new();
        for suite in suites {
            for manifest in &suite.manifests {
                for entry in read_manifest(&self.mapper, manifest)? {
                    if !seen.insert(entry.id.clone()) {
                        continue;
                    }
                    let outcome = self.run_entry(&entry);
                    report.results.push(TestResult {
                        id: entry.id.clone(),
                        suite: suite.name.to_owned(),
                        manifest: short_name(&entry.manifest),
                        category: category(&entry),
                        outcome,
                    });
                }
            }
        }
        Ok(report)
    }

    /// Runs one test, turning panics into failures.
    pub fn run_entry(&self, entry: &ManifestEntry) -> Outcome {
        if let Some(reason) = skip_reason(entry) {
            return Outcome::Skipped(reason);
        }
        match catch_unwind(AssertUnwindSafe(|| self.evaluate(entry))) {
            Ok(Ok(())) => Outcome::Passed,
            Ok(Err(Fail(reason))) => Outcome::Failed(reason),
            Err(panic) => Outcome::Failed(format!(
                "panicked: {}",
                panic
                    .downcast_ref::<String>()
                    .map(String::as_str)
                    .or_else(|| panic.downcast_ref::<&str>().copied())
                    .unwrap_or("?")
            )),
        }
    }

    fn evaluate(&self, entry: &ManifestEntry) -> Result<(), Fail> {
        let is = |name: &str| {
            entry
                .types
                .iter()
                .any(|t| t.as_str() == format!("{MF}{name}"))
        };
        if is("PositiveSyntaxTest") || is("PositiveSyntaxTest11") {
            self.syntax(entry, false, true)
        } else if is("NegativeSyntaxTest") || is("NegativeSyntaxTest11") {
            self.syntax(entry, false, false)
        } else if is("PositiveUpdateSyntaxTest11") || is("PositiveUpdateSyntaxTest") {
            self.syntax(entry, true, true)
        } else if is("NegativeUpdateSyntaxTest11") || is("NegativeUpdateSyntaxTest") {
            self.syntax(entry, true, false)
        } else if is("QueryEvaluationTest") || is("CSVResultFormatTest") {
            self.query_evaluation(entry)
        } else if is("UpdateEvaluationTest") {
            self.update_evaluation(entry)
        } else {
            fail(format!(
                "unsupported test type {}",
                entry
                    .types
                    .iter()
                    .map(ToString::to_string)
                    .collect::<Vec<_>>()
                    .join(" ")
            ))
        }
    }

    /// Syntax test: the file must (positive) or must not (negative) parse.
    fn syntax(&self, entry: &ManifestEntry, update: bool, positive: bool) -> Result<(), Fail> {
        let Some(iri) = entry.action.as_ref().and_then(iri_of) else {
            return fail("syntax test without an action file");
        };
        let bytes = self.mapper.read(iri)?;
        let parsed = match String::from_utf8(bytes) {
            Err(e) => Err(format!("not UTF-8: {e}")),
            Ok(text) => {
                let evaluator = SparqlEvaluator::new()
                    .with_base_iri(iri)
                    .map_err(|e| Fail(format!("invalid base IRI: {e}")))?;
                if update {
                    evaluator.parse_update(&text).map(drop)
                } else {
                    evaluator.parse_query(&text).map(drop)
                }
                .map_err(|e| e.to_string())
            }
        };
        match (parsed, positive) {
            (Ok(()), true) | (Err(_), false) => Ok(()),
            (Err(e), true) => fail(format!("does not parse: {e}")),
            (Ok(()), false) => fail("parses although it is not valid SPARQL"),
        }
    }

    fn load(&self, store: &TwinStore, file: &str, graph: GraphName) -> Result<(), Fail> {
        let options = LoadOptions {
            format: Some(rdf_format_of(file)?),
            graph: Some(graph),
            base_iri: Some(file.to_owned()),
            ..LoadOptions::default()
        };
        store.load_reader(
            self.mapper.open(file)?,
            &SourceDescription::named(file),
            &options,
            |_| (),
        )?;
        Ok(())
    }

    /// Removes the provenance graph written by the loads (see the module documentation).
    fn drop_meta_graph(store: &TwinStore) -> Result<(), Fail> {
        store.drop_graph(&GraphName::NamedNode(NamedNode::new_unchecked(META_GRAPH)))?;
        Ok(())
    }

    fn query_evaluation(&self, entry: &ManifestEntry) -> Result<(), Fail> {
        let Some(action) = &entry.action else {
            return fail("no mf:action");
        };
        let Some(query_iri) = entry
            .object(action, qt::QUERY)
            .and_then(|t| iri_of(&t).map(str::to_owned))
        else {
            return fail("no qt:query");
        };
        let Some(result_iri) = entry.result.as_ref().and_then(iri_of) else {
            return fail("no mf:result");
        };
        let text = self.mapper.read_to_string(&query_iri)?;
        // Read what the harness needs from the query: its dataset and top-level ORDER BY.
        let parsed = spargebra::SparqlParser::new()
            .with_base_iri(query_iri.as_str())
            .map_err(|e| Fail(format!("invalid base IRI: {e}")))?
            .parse_query(&text)
            .map_err(|e| Fail(format!("query does not parse: {e}")))?;

        let store = TwinStore::in_memory().map_err(|e| Fail(e.to_string()))?;
        let mut loaded = HashSet::new();
        for data in entry.objects(action, qt::DATA) {
            let Some(file) = iri_of(&data) else {
                return fail("qt:data is not an IRI");
            };
            self.load(&store, file, GraphName::DefaultGraph)?;
        }
        for (name, file) in self.graph_data(entry, action, qt::GRAPH_DATA)? {
            if loaded.insert(name.clone()) {
                self.load(&store, &file, name.into())?;
            }
        }
        if let Some(dataset) = parsed.dataset() {
            for graph in dataset.default.iter().chain(dataset.named.iter().flatten()) {
                if loaded.insert(graph.clone()) {
                    self.load(&store, graph.as_str(), graph.clone().into())?;
                }
            }
        }
        Self::drop_meta_graph(&store)?;

        let token = CancellationToken::new();
        let _watchdog = Watchdog::start(token.clone(), self.timeout);
        let options = QueryOptions {
            base_iri: Some(query_iri.clone()),
            cancellation: Some(token),
            ..QueryOptions::default()
        };
        let results = store
            .query(&text, &options)
            .map_err(|e| Fail(format!("query failed: {e}")))?;
        let format = ExpectedFormat::of(result_iri);
        let actual = match format {
            ExpectedFormat::Results(f) => {
                let (bytes, _) = write_results(results, ResultFormat::Results(f), Vec::new(), None)
                    .map_err(|e| {
                        Fail(format!("query failed or results not writable as {f}: {e}"))
                    })?;
                StaticResults::from_results_reader(f, bytes.as_slice(), "output")
                    .map_err(|e| Fail(format!("TwinGraph wrote unreadable {f} results: {e}")))?
            }
            ExpectedFormat::Csv => {
                let (bytes, _) = write_results(
                    results,
                    ResultFormat::Results(QueryResultsFormat::Csv),
                    Vec::new(),
                    None,
                )
                .map_err(|e| Fail(format!("query failed or results not writable as CSV: {e}")))?;
                csv_solutions(&String::from_utf8_lossy(&bytes), "output")?
            }
            ExpectedFormat::Rdf => StaticResults::from_query_results(results).map_err(|e| {
                Fail(match e {
                    oxigraph::sparql::QueryEvaluationError::Cancelled => {
                        format!("timed out after {:?}", self.timeout)
                    }
                    e => format!("query failed: {e}"),
                })
            })?,
        };
        let expected = load_expected(&self.mapper, result_iri)?;
        let ordered = has_top_level_order_by(&parsed);
        let lax = entry
            .property(mf::RESULT_CARDINALITY)
            .is_some_and(|c| c == Term::from(mf::LAX_CARDINALITY.into_owned()));
        let literals = if format == ExpectedFormat::Csv {
            // CSV cells are untyped text: the lexical form is all there is.
            Literals::Exact
        } else if self.strict_literals {
            Literals::ExactWithNote
        } else {
            Literals::ByValue
        };
        compare_results(&expected, &actual, ordered, lax, literals)
    }

    /// `(graph name, file)` pairs of `qt:graphData`/`ut:graphData` values: either the file
    /// IRI itself (named after the file) or a node with `ut:graph` and `rdfs:label`.
    fn graph_data(
        &self,
        entry: &ManifestEntry,
        node: &Term,
        predicate: NamedNodeRef<'_>,
    ) -> Result<Vec<(NamedNode, String)>, Fail> {
        let mut out = Vec::new();
        for value in entry.objects(node, predicate) {
            if let Some(file) = iri_of(&value) {
                out.push((NamedNode::new_unchecked(file), file.to_owned()));
                continue;
            }
            let Some(file) = entry
                .object(&value, ut::GRAPH)
                .and_then(|t| iri_of(&t).map(str::to_owned))
            else {
                return fail("graphData without ut:graph");
            };
            let name = label(&entry.graph, &value).unwrap_or_else(|| file.clone());
            let name = NamedNode::new(name.as_str())
                .map_err(|e| Fail(format!("invalid graph name {name:?}: {e}")))?;
            out.push((name, file));
        }
        Ok(out)
    }

    fn update_evaluation(&self, entry: &ManifestEntry) -> Result<(), Fail> {
        let (Some(action), Some(result)) = (&entry.action, &entry.result) else {
            return fail("update test without mf:action or mf:result");
        };
        let Some(request) = entry
            .object(action, ut::REQUEST)
            .and_then(|t| iri_of(&t).map(str::to_owned))
        else {
            return fail("no ut:request");
        };
        let text = self.mapper.read_to_string(&request)?;

        let store = TwinStore::in_memory().map_err(|e| Fail(e.to_string()))?;
        for data in entry.objects(action, ut::DATA) {
            let Some(file) = iri_of(&data) else {
                return fail("ut:data is not an IRI");
            };
            self.load(&store, file, GraphName::DefaultGraph)?;
        }
        for (name, file) in self.graph_data(entry, action, ut::GRAPH_DATA)? {
            self.load(&store, &file, name.into())?;
        }
        Self::drop_meta_graph(&store)?;

        let mut expected = Dataset::new();
        for data in entry.objects(result, ut::DATA) {
            let Some(file) = iri_of(&data) else {
                return fail("ut:data is not an IRI");
            };
            self.parse_into(&mut expected, file, GraphName::DefaultGraph)?;
        }
        for (name, file) in self.graph_data(entry, result, ut::GRAPH_DATA)? {
            self.parse_into(&mut expected, &file, name.into())?;
        }

        let token = CancellationToken::new();
        let _watchdog = Watchdog::start(token.clone(), self.timeout);
        let options = UpdateOptions {
            base_iri: Some(request.clone()),
            cancellation: Some(token),
            ..UpdateOptions::default()
        };
        store
            .update(&text, &options)
            .map_err(|e| Fail(format!("update failed: {e}")))?;

        let meta = NamedNode::new_unchecked(META_GRAPH);
        let mut actual = Dataset::new();
        for quad in store.inner().iter() {
            let quad = quad.map_err(|e| Fail(format!("reading the store failed: {e}")))?;
            if quad.graph_name != GraphName::NamedNode(meta.clone()) {
                actual.insert(&quad);
            }
        }
        // Datasets are compared exactly (the by-value rule is for query results).
        if datasets_isomorphic(&expected, &actual) {
            return Ok(());
        }
        let mut reason = format!("dataset differs: {}", dataset_diff(&expected, &actual));
        if datasets_isomorphic(&canonical_dataset(&expected), &canonical_dataset(&actual)) {
            reason.push_str(LEXICAL_NOTE);
        }
        fail(reason)
    }

    /// Parses an RDF file (expected output) straight into a dataset, bypassing the store.
    fn parse_into(&self, dataset: &mut Dataset, file: &str, graph: GraphName) -> Result<(), Fail> {
        let parser = RdfParser::from_format(rdf_format_of(file)?)
            .with_base_iri(file)
            .map_err(|e| Fail(format!("invalid base IRI: {e}")))?
            .with_default_graph(graph)
            .rename_blank_nodes();
        for quad in parser.for_reader(self.mapper.open(file)?) {
            let quad: Quad =
                quad.map_err(|e| Fail(format!("invalid expected data <{file}>: {e}")))?;
            dataset.insert(&quad);
        }
        Ok(())
    }
}

const LEXICAL_NOTE: &str =
    " (equal by value: only lexical forms differ, e.g. \"1.0\"^^xsd:decimal vs \"1\"^^xsd:decimal)";

/// How literals are compared.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Literals {
    /// By value: both sides in canonical lexical form (the W3C rule for query results).
    ByValue,
    /// Exact lexical forms (CSV cells, which are untyped text).
    Exact,
    /// Exact lexical forms, saying in the failure when values are equal (strict mode).
    ExactWithNote,
}

/// Compares expected and actual results; `ordered` when the query has a top-level
/// ORDER BY, `lax` for `mf:LaxCardinality` (duplicates may or may not be removed).
fn compare_results(
    expected: &StaticResults,
    actual: &StaticResults,
    ordered: bool,
    lax: bool,
    literals: Literals,
) -> Result<(), Fail> {
    match (expected, actual) {
        (StaticResults::Boolean(e), StaticResults::Boolean(a)) => {
            if e == a {
                Ok(())
            } else {
                fail(format!("expected {e}, got {a}"))
            }
        }
        (StaticResults::Solutions(e), StaticResults::Solutions(a)) => {
            if e.variables != a.variables {
                let names = |s: &Solutions| {
                    s.variables
                        .iter()
                        .map(ToString::to_string)
                        .collect::<Vec<_>>()
                        .join(" ")
                };
                return fail(format!(
                    "variables differ: expected [{}], got [{}]",
                    names(e),
                    names(a)
                ));
            }
            let ordered = (ordered || e.ordered) && !lax;
            let (mut e_rows, mut a_rows) = (e.rows.clone(), a.rows.clone());
            if literals == Literals::ByValue {
                (e_rows, a_rows) = (canonical_rows(&e_rows), canonical_rows(&a_rows));
            }
            if lax {
                // Each expected solution at least once, and no more often than expected.
                if a_rows.len() > e_rows.len() {
                    return fail(format!(
                        "more solutions than allowed: expected at most {}, got {}",
                        e_rows.len(),
                        a_rows.len()
                    ));
                }
                (e_rows, a_rows) = (distinct(&e_rows), distinct(&a_rows));
            }
            match rows_isomorphic(&e_rows, &a_rows, ordered) {
                Isomorphism::Isomorphic => Ok(()),
                Isomorphism::Undecided => fail(format!(
                    "blank-node isomorphism search gave up ({} rows)",
                    e_rows.len()
                )),
                Isomorphism::Different => {
                    if ordered
                        && rows_isomorphic(&e_rows, &a_rows, false) == Isomorphism::Isomorphic
                    {
                        return fail("same solutions, in a different order (query has ORDER BY)");
                    }
                    let mut reason = format!("solutions differ: {}", rows_diff(&e_rows, &a_rows));
                    if literals == Literals::ExactWithNote
                        && rows_isomorphic(
                            &canonical_rows(&e_rows),
                            &canonical_rows(&a_rows),
                            ordered,
                        ) == Isomorphism::Isomorphic
                    {
                        reason.push_str(LEXICAL_NOTE);
                    }
                    fail(reason)
                }
            }
        }
        (StaticResults::Graph(e), StaticResults::Graph(a)) => {
            let by_value = graphs_isomorphic(&canonical_graph(e), &canonical_graph(a));
            if by_value && (literals == Literals::ByValue || graphs_isomorphic(e, a)) {
                return Ok(());
            }
            let mut reason = format!("graph differs: {}", graph_diff(e, a));
            if by_value {
                reason.push_str(LEXICAL_NOTE);
            }
            fail(reason)
        }
        (e, a) => fail(format!("expected {}, got {}", e.kind(), a.kind())),
    }
}

fn distinct(rows: &[Row]) -> Vec<Row> {
    let mut seen = HashSet::new();
    rows.iter().filter(|r| seen.insert(*r)).cloned().collect()
}

/// Whether the query's solution sequence is ordered by a top-level ORDER BY (below
/// the final projection, DISTINCT/REDUCED and OFFSET/LIMIT).
fn has_top_level_order_by(query: &spargebra::Query) -> bool {
    let spargebra::Query::Select { pattern, .. } = query else {
        return false;
    };
    // The algebra is Slice? -> (Distinct | Reduced)? -> Project -> OrderBy?.
    let mut pattern = pattern;
    if let GraphPattern::Slice { inner, .. } = pattern {
        pattern = inner;
    }
    if let GraphPattern::Distinct { inner } | GraphPattern::Reduced { inner } = pattern {
        pattern = inner;
    }
    if let GraphPattern::Project { inner, .. } = pattern {
        pattern = inner;
    }
    matches!(pattern, GraphPattern::OrderBy { .. })
}

/// Why a test is not run, if it is not.
fn skip_reason(entry: &ManifestEntry) -> Option<String> {
    if let Some(approval) = &entry.approval {
        match approval.as_str().strip_prefix(DAWGT) {
            Some("Withdrawn") => return Some("withdrawn by the working group".to_owned()),
            Some("NotApproved") => return Some("not approved by the working group".to_owned()),
            Some("NotClassified") => {
                return Some("not classified by the working group".to_owned());
            }
            _ => {}
        }
    }
    let path = entry
        .manifest
        .strip_prefix(SPARQL11_BASE)
        .unwrap_or_default();
    for (folder, reason) in OUT_OF_SCOPE_FOLDERS {
        if path.starts_with(folder) {
            return Some((*reason).to_owned());
        }
    }
    for (kind, reason) in [
        (
            "ProtocolTest",
            "HTTP protocol test: covered by the server crate's tests",
        ),
        (
            "GraphStoreProtocolTest",
            "HTTP graph store protocol test: covered by the server crate's tests",
        ),
        (
            "ServiceDescriptionTest",
            "HTTP service-description test: covered by the server crate's tests",
        ),
    ] {
        if entry
            .types
            .iter()
            .any(|t| t.as_str() == format!("{MF}{kind}"))
        {
            return Some(reason.to_owned());
        }
    }
    if entry
        .action
        .as_ref()
        .is_some_and(|a| entry.object(a, qt::SERVICE_DATA).is_some())
    {
        return Some(
            "SERVICE evaluation needs remote endpoints (federation is out of scope)".to_owned(),
        );
    }
    None
}

fn category(entry: &ManifestEntry) -> Category {
    let is = |name: &str| {
        entry
            .types
            .iter()
            .any(|t| t.as_str() == format!("{MF}{name}"))
    };
    if is("QueryEvaluationTest") || is("CSVResultFormatTest") {
        Category::QueryEvaluation
    } else if is("UpdateEvaluationTest") {
        Category::UpdateEvaluation
    } else if entry
        .types
        .iter()
        .any(|t| t.as_str().ends_with("SyntaxTest") || t.as_str().ends_with("SyntaxTest11"))
    {
        Category::Syntax
    } else {
        Category::Other
    }
}

/// `sparql11/add/manifest.ttl` for the canonical manifest IRI.
fn short_name(manifest: &str) -> String {
    if let Some(rest) = manifest.strip_prefix(SPARQL11_BASE) {
        format!("sparql11/{rest}")
    } else if let Some(rest) = manifest.strip_prefix(SPARQL10_BASE) {
        format!("sparql10/{rest}")
    } else {
        manifest.to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use oxigraph::model::Literal;

    fn lit(s: &str) -> Option<Term> {
        Some(Literal::new_simple_literal(s).into())
    }

    #[test]
    fn order_by_detection() {
        let q = |s: &str| spargebra::SparqlParser::new().parse_query(s).unwrap();
        assert!(has_top_level_order_by(&q(
            "SELECT DISTINCT ?x WHERE { ?x ?p ?o } ORDER BY ?x LIMIT 2"
        )));
        assert!(!has_top_level_order_by(&q(
            "SELECT ?x WHERE { { SELECT ?x WHERE { ?x ?p ?o } ORDER BY ?x } }"
        )));
    }

    #[test]
    fn lax_cardinality_ignores_duplicates() {
        let variables = vec![oxigraph::model::Variable::new_unchecked("x")];
        let e = StaticResults::Solutions(Solutions {
            variables: variables.clone(),
            rows: vec![vec![lit("a")], vec![lit("a")]],
            ordered: false,
        });
        let a = StaticResults::Solutions(Solutions {
            variables,
            rows: vec![vec![lit("a")]],
            ordered: false,
        });
        assert!(compare_results(&e, &a, false, true, Literals::ByValue).is_ok());
        assert!(compare_results(&e, &a, false, false, Literals::ByValue).is_err());
        // Never more often than expected.
        assert!(compare_results(&a, &e, false, true, Literals::ByValue).is_err());
    }
}
