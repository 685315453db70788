//! The SHACL shapes in `shapes/`: they parse, the TEED sample conforms, each shape family
//! reports exactly the planted errors of its bad fixture (`tests/fixtures/shapes/`), the
//! code lists used with `sh:in` match the SKOS schemes of `ontology/vocab/`, the EPC band
//! ranges match `vocab/epc-band.ttl`, and the governance shapes fit the provenance the store
//! writes into `urn:twingraph:graph:meta`.
//!
//! Nothing here needs `../shared/data`.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use twingraph_shacl::{Shapes, ValidationReport, validate};
use twingraph_store::oxigraph::io::{RdfFormat, RdfParser};
use twingraph_store::oxigraph::model::{
    Graph, NamedNode, NamedNodeRef, NamedOrBlankNodeRef, Term, TermRef, Triple,
};

const SH: &str = "http://www.w3.org/ns/shacl#";
const RDF: &str = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";
const RDFS_LABEL: &str = "http://www.w3.org/2000/01/rdf-schema#label";
const SKOS: &str = "http://www.w3.org/2004/02/skos/core#";
const ENERGY: &str = "https://w3id.org/twingraph/def/energy#";
const VOCAB: &str = "https://w3id.org/twingraph/def/vocab/";
const SHAPES_NS: &str = "https://w3id.org/twingraph/shapes/";
const EX: &str = "http://example.org/";

/// One shapes file per ontology module, plus the code lists.
const MODULES: &[&str] = &[
    "core",
    "place",
    "building",
    "energy",
    "grid",
    "transport",
    "emissions",
    "planning",
    "engagement",
    "operations",
    "governance",
    "vocab",
];

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn parse(path: &Path) -> Graph {
    let text =
        std::fs::read(path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    let mut graph = Graph::new();
    for quad in RdfParser::from_format(RdfFormat::Turtle).for_slice(&text) {
        let quad = quad.unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        graph.insert(&Triple::from(quad));
    }
    graph
}

fn shapes_file(module: &str) -> PathBuf {
    root().join("shapes").join(format!("{module}.ttl"))
}

/// All shapes files read as one shapes graph.
fn all_shapes_graph() -> Graph {
    let mut graph = Graph::new();
    for m in MODULES {
        for t in parse(&shapes_file(m)).iter() {
            graph.insert(t);
        }
    }
    graph
}

fn all_shapes() -> Shapes {
    let shapes = Shapes::from_graph(&all_shapes_graph()).expect("shapes/ is a valid shapes graph");
    assert!(
        shapes.unsupported().is_empty(),
        "shapes/ must use SHACL Core only: {:?}",
        shapes.unsupported()
    );
    shapes
}

fn nn(iri: &str) -> NamedNode {
    NamedNode::new(iri).unwrap()
}

fn local(iri: &str) -> &str {
    iri.rsplit(['#', '/']).next().unwrap_or(iri)
}

/// A result as (focus node, constraint component, source shape, severity), with the
/// example namespace, our shapes namespace and the SHACL namespace abbreviated.
fn key(r: &twingraph_shacl::ValidationResult) -> (String, String, String, String) {
    let short = |t: &Term| match t {
        Term::NamedNode(n) => n
            .as_str()
            .replace(EX, "ex:")
            .replace(SHAPES_NS, "")
            .to_string(),
        Term::BlankNode(_) => "_:blank".to_string(),
        other => other.to_string(),
    };
    (
        short(&r.focus_node),
        local(r.source_constraint_component.as_str()).replace("ConstraintComponent", ""),
        short(&r.source_shape),
        local(r.severity.as_str()).to_string(),
    )
}

fn keys(report: &ValidationReport) -> BTreeSet<(String, String, String, String)> {
    report.results().iter().map(key).collect()
}

// ---------------------------------------------------------------- parsing and hygiene

#[test]
fn every_shapes_file_parses_and_is_self_contained() {
    let mut files: Vec<String> = std::fs::read_dir(root().join("shapes"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".ttl"))
        .collect();
    files.sort();
    let mut expected: Vec<String> = MODULES.iter().map(|m| format!("{m}.ttl")).collect();
    expected.sort();
    assert_eq!(files, expected, "one shapes file per ontology module");
    for m in MODULES {
        let graph = parse(&shapes_file(m));
        let shapes = Shapes::from_graph(&graph)
            .unwrap_or_else(|e| panic!("shapes/{m}.ttl is not a valid shapes graph: {e}"));
        assert!(!shapes.is_empty(), "shapes/{m}.ttl declares no shape");
        assert!(
            shapes.unsupported().is_empty(),
            "shapes/{m}.ttl must use SHACL Core only: {:?}",
            shapes.unsupported()
        );
        // Every shape named in a file is declared in the same file, so each file can be
        // used on its own; its IRIs live in https://w3id.org/twingraph/shapes/{module}#.
        let ns = format!("{SHAPES_NS}{m}#");
        for t in graph.iter() {
            for iri in [subject_iri(t.subject), object_iri(t.object)]
                .into_iter()
                .flatten()
            {
                if iri.starts_with(SHAPES_NS) && !iri.ends_with(m) {
                    assert!(
                        iri.starts_with(&ns),
                        "shapes/{m}.ttl refers to {iri} of another shapes file"
                    );
                }
            }
        }
    }
}

fn subject_iri(s: NamedOrBlankNodeRef<'_>) -> Option<&str> {
    match s {
        NamedOrBlankNodeRef::NamedNode(n) => Some(n.as_str()),
        _ => None,
    }
}

fn object_iri(o: TermRef<'_>) -> Option<&str> {
    match o {
        TermRef::NamedNode(n) => Some(n.as_str()),
        _ => None,
    }
}

#[test]
fn every_named_shape_has_a_label_and_a_severity() {
    let graph = all_shapes_graph();
    let rdf_type = nn(&format!("{RDF}type"));
    let label = nn(RDFS_LABEL);
    let name = nn(&format!("{SH}name"));
    let severity = nn(&format!("{SH}severity"));
    let path = nn(&format!("{SH}path"));
    let mut offenders = Vec::new();
    for class in ["NodeShape", "PropertyShape"] {
        let class = nn(&format!("{SH}{class}"));
        for s in graph.subjects_for_predicate_object(&rdf_type, &class) {
            let NamedOrBlankNodeRef::NamedNode(n) = s else {
                continue;
            };
            let has = |p: &NamedNode| graph.object_for_subject_predicate(n, p).is_some();
            if !has(&label) && !has(&name) {
                offenders.push(format!("{n}: no rdfs:label or sh:name"));
            }
            // Property shapes that report state their severity explicitly.
            if has(&path) && !has(&severity) {
                offenders.push(format!("{n}: no sh:severity"));
            }
        }
    }
    assert!(offenders.is_empty(), "{}", offenders.join("\n"));
}

// ---------------------------------------------------------------- the TEED sample

#[test]
fn teed_sample_conforms() {
    let shapes = all_shapes();
    let data = parse(&root().join("examples/teed/teed-sample.ttl"));
    let report = validate(&shapes, &data);
    let unexpected: Vec<String> = report
        .results()
        .iter()
        .map(|r| {
            let (focus, component, shape, severity) = key(r);
            format!("{focus} {component} {shape} [{severity}]")
        })
        .collect();
    assert!(
        unexpected.is_empty(),
        "examples/teed/teed-sample.ttl does not conform to shapes/:\n{}\n\n{}",
        unexpected.join("\n"),
        report.summary()
    );
}

#[test]
fn code_lists_conform_to_the_vocab_shapes() {
    let graph = parse(&shapes_file("vocab"));
    let shapes = Shapes::from_graph(&graph).unwrap();
    let mut data = Graph::new();
    for entry in std::fs::read_dir(root().join("ontology/vocab")).unwrap() {
        for t in parse(&entry.unwrap().path()).iter() {
            data.insert(t);
        }
    }
    let report = validate(&shapes, &data);
    assert!(report.conforms(), "{}", report.summary());
}

// ---------------------------------------------------------------- bad fixtures

type Expected = &'static [(&'static str, &'static str, &'static str, &'static str)];

/// For each fixture: (focus node, constraint component, source shape, severity) of every
/// result expected when the fixture is validated against all of `shapes/`.
#[rustfmt::skip]
const FIXTURES: &[(&str, Expected)] = &[
    (
        "core-bad.ttl",
        &[
            ("ex:a-geom", "Pattern", "core#GeometryShape-asWKT", "Violation"),
            ("ex:b-geom", "Datatype", "core#GeometryShape-asWKT", "Violation"),
            ("ex:c", "Pattern", "core#UprnShape-uprn", "Violation"),
            ("ex:d", "Pattern", "core#UprnShape-uprn", "Violation"),
            ("ex:e", "Datatype", "core#UprnShape-uprn", "Violation"),
            ("ex:f", "Pattern", "core#GssShape-gss", "Violation"),
            ("ex:g-q", "MinCount", "core#QuantityValueShape-unit", "Violation"),
        ],
    ),
    (
        "place-bad.ttl",
        &[
            ("ex:loc", "MinCount", "place#AddressableLocationShape-uprn", "Violation"),
            ("ex:loc", "MinCount", "place#AddressableLocationShape-geometry", "Warning"),
            ("ex:site", "Pattern", "place#PostcodeShape-postcode", "Violation"),
            ("ex:ward", "MinCount", "place#StatisticalAreaShape-gss", "Violation"),
            ("ex:ward", "MinInclusive", "place#StatisticalAreaShape-population", "Violation"),
            ("ex:street", "MaxCount", "place#StreetShape-usrn", "Violation"),
        ],
    ),
    (
        "building-bad.ttl",
        &[
            ("ex:d1", "In", "building#UnitShape-tenure", "Violation"),
            ("ex:d2", "MaxCount", "building#UnitShape-builtForm", "Violation"),
            ("ex:d2", "In", "building#UnitShape-propertyType", "Violation"),
        ],
    ),
    (
        "energy-bad.ttl",
        &[
            ("ex:mismatch", "Or", "energy#EpcBandMatchesSapShape", "Violation"),
            ("ex:potential", "Or", "energy#EpcPotentialBandMatchesSapShape", "Violation"),
            ("ex:sparse", "MinCount", "energy#EpcShape-sapScore", "Violation"),
            ("ex:sparse", "MinCount", "energy#EpcShape-lodgementDate", "Violation"),
            ("ex:sparse", "MinCount", "energy#EpcShape-lmkKey", "Warning"),
            ("ex:two", "MaxCount", "energy#EpcShape-certifies", "Violation"),
            ("ex:two", "In", "energy#FuelShape-fuel", "Violation"),
            ("ex:two", "MinExclusive", "energy#FloorAreaShape-totalFloorArea", "Violation"),
        ],
    ),
    (
        "grid-bad.ttl",
        &[
            ("ex:sub", "MinExclusive", "grid#SubstationShape-voltageKV", "Violation"),
            ("ex:sub", "LessThanOrEquals", "grid#SubstationShape-peakWithinFirm", "Warning"),
            ("ex:obs", "In", "grid#CapacityObservationShape-observedProperty", "Violation"),
            ("ex:obs", "MinCount", "grid#CapacityObservationShape-result", "Violation"),
            ("ex:obs", "MinCount", "grid#CapacityObservationShape-time", "Warning"),
        ],
    ),
    (
        "transport-bad.ttl",
        &[
            ("ex:stop", "MinCount", "transport#StopPointShape-atcoCode", "Violation"),
            ("ex:station", "Pattern", "transport#RailStationShape-crsCode", "Violation"),
            ("ex:route", "In", "transport#ModeShape-transportMode", "Violation"),
        ],
    ),
    (
        "emissions-bad.ttl",
        &[
            ("ex:est1", "Or", "emissions#ScopeCategoryConsistencyShape", "Violation"),
            ("ex:est2", "MinCount", "emissions#EmissionEstimateShape-reportingOrganisation", "Violation"),
        ],
    ),
    (
        "planning-bad.ttl",
        &[
            ("ex:opp", "MinCount", "planning#InvestmentOpportunityShape-onSite", "Violation"),
            ("ex:opp", "MinInclusive", "planning#MoneyAndCapacityShape-capex", "Violation"),
            ("ex:kv", "MinCount", "planning#KpiValueShape-refArea", "Violation"),
            ("ex:period", "MinCount", "core#IntervalShape-hasBeginning", "Violation"),
        ],
    ),
    (
        "engagement-bad.ttl",
        &[
            ("ex:p1", "MaxCount", "engagement#ParticipantShape-noIdentifiers", "Violation"),
            ("ex:fb", "MaxInclusive", "engagement#FeedbackShape-sentiment", "Violation"),
            ("ex:v", "MinCount", "engagement#VoteShape-supportive", "Violation"),
        ],
    ),
    (
        "operations-bad.ttl",
        &[
            ("ex:w1", "MinCount", "operations#WorksShape-worksType", "Violation"),
            ("ex:clash", "MinCount", "operations#ClashWindowShape-clashOf", "Violation"),
        ],
    ),
    (
        "governance-bad.ttl",
        &[
            ("ex:g-nolicence", "MinCount", "governance#SourceGraphShape-license", "Violation"),
            ("ex:g-twolevels", "MaxCount", "governance#SourceGraphShape-accessLevel", "Violation"),
            ("ex:g-derived", "Or", "governance#AccessPropagationShape", "Violation"),
        ],
    ),
    (
        "vocab-bad.ttl",
        &[
            ("ex:X", "MinCount", "vocab#ConceptShape-inScheme", "Violation"),
            ("ex:X", "UniqueLang", "vocab#ConceptShape-prefLabel", "Violation"),
            ("ex:X", "LessThanOrEquals", "vocab#EpcBandConceptShape-minSapScore", "Violation"),
        ],
    ),
];

#[test]
fn bad_fixtures_produce_exactly_the_expected_results() {
    let shapes = all_shapes();
    let dir = root().join("tests/fixtures/shapes");
    let mut listed: Vec<&str> = FIXTURES.iter().map(|(f, _)| *f).collect();
    listed.sort();
    let mut present: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    present.sort();
    assert_eq!(
        present,
        listed,
        "every fixture in {} is checked",
        dir.display()
    );
    let mut failures = Vec::new();
    for (file, expected) in FIXTURES {
        let report = validate(&shapes, &parse(&dir.join(file)));
        let got = keys(&report);
        let want: BTreeSet<_> = expected
            .iter()
            .map(|(f, c, s, v)| (f.to_string(), c.to_string(), s.to_string(), v.to_string()))
            .collect();
        assert_eq!(
            report.results().len(),
            got.len(),
            "{file}: duplicate results\n{}",
            report.summary()
        );
        if got != want {
            failures.push(format!(
                "{file}:\n  unexpected: {:?}\n  missing:    {:?}",
                got.difference(&want).collect::<Vec<_>>(),
                want.difference(&got).collect::<Vec<_>>()
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

// ---------------------------------------------------------------- shapes agree with the vocabularies

/// The concepts of each scheme in `ontology/vocab/`, by scheme name (`epc-band` …).
fn schemes() -> BTreeMap<String, BTreeSet<String>> {
    let mut out: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    let in_scheme = nn(&format!("{SKOS}inScheme"));
    for entry in std::fs::read_dir(root().join("ontology/vocab")).unwrap() {
        let graph = parse(&entry.unwrap().path());
        for t in graph.triples_for_predicate(&in_scheme) {
            if let (Some(c), TermRef::NamedNode(s)) = (subject_iri(t.subject), t.object) {
                let name = s.as_str().trim_start_matches(VOCAB).to_string();
                out.entry(name).or_default().insert(c.to_string());
            }
        }
    }
    out
}

fn rdf_list(graph: &Graph, head: TermRef<'_>) -> Vec<Term> {
    let first = nn(&format!("{RDF}first"));
    let rest = nn(&format!("{RDF}rest"));
    let nil = nn(&format!("{RDF}nil"));
    let mut out = Vec::new();
    let mut cur = head.into_owned();
    while cur != Term::from(nil.clone()) {
        let node = match &cur {
            Term::BlankNode(b) => NamedOrBlankNodeRef::from(b.as_ref()),
            Term::NamedNode(n) => NamedOrBlankNodeRef::from(n.as_ref()),
            _ => panic!("bad list"),
        };
        out.push(
            graph
                .object_for_subject_predicate(node, &first)
                .unwrap()
                .into_owned(),
        );
        cur = graph
            .object_for_subject_predicate(node, &rest)
            .unwrap()
            .into_owned();
    }
    out
}

/// Property shapes whose `sh:in` must list every concept of a scheme.
const COMPLETE_LISTS: &[(&str, &str)] = &[
    ("building#UnitShape-propertyType", "property-type"),
    ("building#UnitShape-builtForm", "built-form"),
    ("building#UnitShape-tenure", "tenure"),
    ("energy#EpcShape-currentEnergyBand", "epc-band"),
    ("energy#EpcShape-potentialEnergyBand", "epc-band"),
    ("energy#FuelShape-fuel", "fuel"),
    ("transport#ModeShape-transportMode", "transport-mode"),
    ("transport#RoadClassShape-roadClassification", "road-class"),
    ("operations#WorksShape-worksType", "works-type"),
    ("governance#SourceGraphShape-accessLevel", "access-level"),
];

#[test]
fn code_lists_in_shapes_match_the_vocab_schemes() {
    let graph = all_shapes_graph();
    let schemes = schemes();
    let sh_in = nn(&format!("{SH}in"));
    let mut problems = Vec::new();
    let mut lists: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for t in graph.triples_for_predicate(&sh_in) {
        let members = rdf_list(&graph, t.object);
        for m in &members {
            if let Term::NamedNode(n) = m {
                if let Some(rest) = n.as_str().strip_prefix(VOCAB) {
                    let scheme = rest.split('#').next().unwrap();
                    let known = schemes.get(scheme).is_some_and(|s| s.contains(n.as_str()));
                    if !known {
                        problems.push(format!("{n} is not a concept of vocab/{scheme}"));
                    }
                }
            }
        }
        if let Some(s) = subject_iri(t.subject) {
            lists.insert(
                s.replace(SHAPES_NS, ""),
                members
                    .iter()
                    .map(|m| m.to_string().trim_matches(['<', '>']).to_string())
                    .collect(),
            );
        }
    }
    for (shape, scheme) in COMPLETE_LISTS {
        let want = &schemes[*scheme];
        match lists.get(*shape) {
            Some(got) if got == want => {}
            Some(got) => problems.push(format!(
                "{shape}: sh:in differs from vocab/{scheme}: missing {:?}, extra {:?}",
                want.difference(got).collect::<Vec<_>>(),
                got.difference(want).collect::<Vec<_>>()
            )),
            None => problems.push(format!("{shape}: no sh:in list")),
        }
    }
    // Every concept of ghg-scope is allowed as a scope or as a category.
    let scope = &lists["emissions#EmissionEstimateShape-ghgScope"];
    let category = &lists["emissions#EmissionEstimateShape-ghgCategory"];
    let both: BTreeSet<String> = scope.union(category).cloned().collect();
    if both != schemes["ghg-scope"] {
        problems.push("emissions: scopes plus categories differ from vocab/ghg-scope".into());
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

fn integer(graph: &Graph, s: NamedOrBlankNodeRef<'_>, p: NamedNodeRef<'_>) -> Option<i64> {
    match graph.object_for_subject_predicate(s, p)? {
        TermRef::Literal(l) => l.value().parse().ok(),
        _ => None,
    }
}

#[test]
fn band_sap_pairs_match_vocab_epc_band() {
    let vocab = parse(&root().join("ontology/vocab/epc-band.ttl"));
    let shapes = parse(&shapes_file("energy"));
    let min_sap = nn(&format!("{ENERGY}minSapScore"));
    let max_sap = nn(&format!("{ENERGY}maxSapScore"));
    let property = nn(&format!("{SH}property"));
    let has_value = nn(&format!("{SH}hasValue"));
    let min_incl = nn(&format!("{SH}minInclusive"));
    let max_incl = nn(&format!("{SH}maxInclusive"));
    let mut checked = 0;
    for kind in ["Current", "Potential"] {
        for band in ["A", "B", "C", "D", "E", "F", "G"] {
            let shape = nn(&format!("{SHAPES_NS}energy#{kind}Band{band}"));
            let concept = nn(&format!("{VOCAB}epc-band#{band}"));
            let want = (
                integer(&vocab, concept.as_ref().into(), min_sap.as_ref()),
                integer(&vocab, concept.as_ref().into(), max_sap.as_ref()),
            );
            assert!(want.0.is_some(), "vocab/epc-band#{band} has no minSapScore");
            let mut band_seen = None;
            let mut range = (None, None);
            for p in shapes.objects_for_subject_predicate(&shape, &property) {
                let TermRef::BlankNode(b) = p else {
                    panic!("{shape}: property shapes are blank nodes")
                };
                if let Some(v) = shapes.object_for_subject_predicate(b, &has_value) {
                    band_seen = Some(v.into_owned());
                }
                if let Some(lo) = integer(&shapes, b.into(), min_incl.as_ref()) {
                    range = (Some(lo), integer(&shapes, b.into(), max_incl.as_ref()));
                }
            }
            assert_eq!(
                band_seen,
                Some(Term::from(concept.clone())),
                "{shape}: band"
            );
            assert_eq!(
                range, want,
                "{shape}: SAP range differs from vocab/epc-band"
            );
            checked += 1;
        }
    }
    assert_eq!(checked, 14);
}

// ---------------------------------------------------------------- governance on a real store

fn twingraph(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_twingraph"))
        .current_dir(dir)
        .arg("--store")
        .arg(dir.join("store"))
        .args(args)
        .env_remove("TWINGRAPH_CONFIG")
        .env_remove("TWINGRAPH_STORE")
        .output()
        .expect("run twingraph")
}

/// The metadata graph of a real store, validated with shapes/governance.ttl: the load
/// records and distributions conform; a graph loaded without a licence and an access level
/// is reported for exactly those two; one loaded with them (when `load` has
/// `--licence`/`--access`) conforms.
#[test]
fn governance_shapes_fit_the_store_provenance() {
    let dir = tempfile::tempdir().unwrap();
    let sample = root().join("examples/teed/teed-sample.ttl");
    let sample = sample.to_str().unwrap();
    let bare = "http://example.org/g/bare";
    let out = twingraph(dir.path(), &["load", sample, "--graph", bare]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let described = "http://example.org/g/described";
    let out = twingraph(
        dir.path(),
        &[
            "load",
            sample,
            "--graph",
            described,
            "--licence",
            "ogl-3",
            "--access",
            "open",
        ],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let report_path = dir.path().join("report.ttl");
    let governance = shapes_file("governance");
    let out = twingraph(
        dir.path(),
        &[
            "validate",
            "--shapes",
            governance.to_str().unwrap(),
            "--graph",
            "urn:twingraph:graph:meta",
            "--report",
            report_path.to_str().unwrap(),
        ],
    );
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(
        out.status.code(),
        Some(1),
        "{stdout}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let report = parse(&report_path);
    let focus = nn(&format!("{SH}focusNode"));
    let shape = nn(&format!("{SH}sourceShape"));
    let mut got = BTreeSet::new();
    for t in report.triples_for_predicate(&focus) {
        let s = report
            .object_for_subject_predicate(t.subject, &shape)
            .unwrap()
            .to_string();
        got.insert((t.object.to_string(), s));
    }
    let want: BTreeSet<(String, String)> = ["license", "accessLevel"]
        .iter()
        .map(|p| {
            (
                format!("<{bare}>"),
                format!("<{SHAPES_NS}governance#SourceGraphShape-{p}>"),
            )
        })
        .collect();
    assert_eq!(got, want, "{stdout}");
}
