//! Loading, checking and documenting ontologies: the repository's and small broken ones.

use std::path::{Path, PathBuf};
use twingraph_vocab::{FindingKind, Ontology, VocabError};

fn repo_ontology() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../ontology")
}

const HEADER: &str = "@prefix owl: <http://www.w3.org/2002/07/owl#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix t: <https://w3id.org/twingraph/def/test#> .
<https://w3id.org/twingraph/def/test> a owl:Ontology ;
  owl:versionInfo \"0.1.0\" ; dcterms:title \"Test <module>\"@en ;
  dcterms:description \"A & B\"@en ; dcterms:license <https://creativecommons.org/licenses/by/4.0/> .
";

fn write(dir: &Path, name: &str, text: &str) {
    let path = dir.join(name);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

#[test]
fn the_repository_ontology_is_clean() {
    let ontology = Ontology::load_dir(repo_ontology()).unwrap();
    assert!(ontology.files().len() >= 33, "{}", ontology.files().len());
    let report = ontology.check(&[]);
    assert!(report.terms > 50, "{}", report.terms);
    assert!(
        report.is_clean(),
        "{:#?}",
        report
            .findings
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
    );
}

#[test]
fn each_finding_kind_is_reported() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "test.ttl",
        &format!(
            "{HEADER}<https://w3id.org/twingraph/def/test> owl:imports <https://w3id.org/twingraph/def/missing> .
t:Good a owl:Class ; rdfs:label \"Good\"@en-GB ; skos:definition \"Fine.\"@en-GB .
t:NoLabel a owl:Class ; skos:definition \"No label.\"@en-GB ; rdfs:subClassOf t:Good .
t:NoDefinition a owl:Class ; rdfs:label \"No definition\"@en .
t:A a owl:Class ; rdfs:label \"A\"@en ; skos:definition \"A.\"@en ; rdfs:subClassOf t:B .
t:B a owl:Class ; rdfs:label \"B\"@en ; skos:definition \"B.\"@en ; rdfs:subClassOf t:A .
t:p a owl:ObjectProperty ; rdfs:label \"p\"@en ; skos:definition \"p.\"@en ; rdfs:domain t:Good ; rdfs:range t:Ghost .
"
        ),
    );
    write(
        dir.path(),
        "vocab/nohead.ttl",
        "<https://w3id.org/twingraph/def/vocab/nohead#X> a <http://www.w3.org/2004/02/skos/core#Concept> ; <http://www.w3.org/2000/01/rdf-schema#label> \"X\"@en ; <http://www.w3.org/2004/02/skos/core#definition> \"X.\"@en .\n",
    );
    let extra = tempfile::tempdir().unwrap();
    write(
        extra.path(),
        "q.rq",
        "PREFIX t: <https://w3id.org/twingraph/def/test#>\nSELECT * WHERE {\n  ?s a t:Good ; t:unknownProp ?o .\n}\n",
    );
    write(
        extra.path(),
        "m.yml",
        "prefixes:\n  t: \"https://w3id.org/twingraph/def/test#\"\nmappings:\n  m:\n    po:\n      - [a, t:Missing]\n",
    );
    write(
        extra.path(),
        "s.ttl",
        "<http://ex/s> a <https://w3id.org/twingraph/def/test#ShapeTarget> .\n",
    );
    write(
        extra.path(),
        "README.md",
        "t:Ignored <https://w3id.org/twingraph/def/test#Ignored>\n",
    );
    let ontology = Ontology::load_dir(dir.path()).unwrap();
    let report = ontology.check(&[extra.path().to_path_buf()]);
    assert!(report.errors.is_empty(), "{:?}", report.errors);
    assert_eq!(report.extra_files, 3);
    let terms = |kind| {
        report
            .of_kind(kind)
            .map(|f| f.term.clone().unwrap_or_default())
            .collect::<Vec<_>>()
    };
    let t = |l: &str| format!("https://w3id.org/twingraph/def/test#{l}");
    assert_eq!(
        report.of_kind(FindingKind::Header).count(),
        1,
        "{:#?}",
        report.findings
    );
    assert_eq!(
        report.of_kind(FindingKind::Header).next().unwrap().file,
        "vocab/nohead.ttl"
    );
    assert_eq!(
        terms(FindingKind::Import),
        vec!["https://w3id.org/twingraph/def/missing".to_owned()]
    );
    assert_eq!(terms(FindingKind::MissingLabel), vec![t("NoLabel")]);
    assert_eq!(
        terms(FindingKind::MissingDefinition),
        vec![t("NoDefinition")]
    );
    let cycles: Vec<_> = report.of_kind(FindingKind::SubclassCycle).collect();
    assert_eq!(cycles.len(), 1, "{cycles:#?}");
    assert!(
        cycles[0]
            .message
            .contains(&format!("<{}> ⊑ <{}> ⊑ <{}>", t("A"), t("B"), t("A")))
    );
    let undeclared = terms(FindingKind::Undeclared);
    for missing in ["Ghost", "unknownProp", "Missing", "ShapeTarget"] {
        assert!(
            undeclared.contains(&t(missing)),
            "{missing}: {undeclared:?}"
        );
    }
    assert!(!undeclared.contains(&t("Good")));
    assert!(!undeclared.contains(&t("Ignored")));
    let q = report
        .of_kind(FindingKind::Undeclared)
        .find(|f| f.term.as_deref() == Some(&t("unknownProp")))
        .unwrap();
    assert_eq!(q.line, Some(3));
    assert!(q.file.ends_with("q.rq"));
    assert!(!report.is_clean());
}

#[test]
fn syntax_errors_carry_file_line_and_column() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "bad.ttl",
        &format!("{HEADER}t:X a owl:Class ;\n  rdfs:label \"x\"@en ] .\n"),
    );
    let err = Ontology::load_dir(dir.path()).unwrap_err();
    match &err {
        VocabError::Syntax {
            path, line, column, ..
        } => {
            assert!(path.ends_with("bad.ttl"));
            assert_eq!(*line, 10);
            assert!(*column > 1);
        }
        other => panic!("{other:?}"),
    }
    assert!(err.to_string().contains("bad.ttl:10:"), "{err}");
    let empty = tempfile::tempdir().unwrap();
    assert!(matches!(
        Ontology::load_dir(empty.path()),
        Err(VocabError::Empty { .. })
    ));
    assert!(matches!(
        Ontology::load_dir(empty.path().join("nope")),
        Err(VocabError::Io { .. })
    ));
}

#[test]
fn docs_have_anchors_links_and_escaped_text() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "test.ttl",
        &format!(
            "{HEADER}t:Good a owl:Class ; rdfs:label \"Good <b>\"@en ; skos:definition \"x < y & z\"@en .
t:Sub a owl:Class ; rdfs:label \"Sub\"@en ; skos:definition \"S.\"@en ; rdfs:subClassOf t:Good .
t:p a owl:DatatypeProperty ; rdfs:label \"p\"@en ; skos:definition \"p.\"@en ; rdfs:domain t:Good .
"
        ),
    );
    write(
        dir.path(),
        "vocab/codes.ttl",
        "@prefix skos: <http://www.w3.org/2004/02/skos/core#> .\n<https://w3id.org/twingraph/def/vocab/codes#One> a skos:Concept ; skos:broader <https://w3id.org/twingraph/def/test#Good> .\n",
    );
    let docs = Ontology::load_dir(dir.path()).unwrap().docs();
    assert_eq!(docs.modules(), 2);
    assert_eq!(docs.terms(), 4);
    let paths: Vec<&str> = docs.pages().iter().map(|p| p.path.as_str()).collect();
    assert_eq!(
        paths,
        [
            "index.html",
            "test.html",
            "test.ttl",
            "vocab/codes.html",
            "vocab/codes.ttl"
        ]
    );
    let html = &docs.page("test.html").unwrap().content;
    assert!(html.contains("id=\"Good\""));
    assert!(html.contains("id=\"Sub\""));
    assert!(html.contains("x &lt; y &amp; z"), "{html}");
    assert!(html.contains("Good &lt;b&gt;"));
    assert!(!html.contains("<b>"));
    assert!(!html.contains("<script"));
    assert!(html.contains("Test &lt;module&gt;"));
    assert!(html.contains("href=\"test.html#Good\""), "{html}");
    let codes = &docs.page("vocab/codes.html").unwrap().content;
    assert!(codes.contains("href=\"../test.html#Good\""), "{codes}");
    assert!(codes.contains("href=\"../index.html\""));
    let index = &docs.page("index.html").unwrap().content;
    assert!(index.contains("href=\"test.html\"") && index.contains("href=\"vocab/codes.html\""));
    let out = tempfile::tempdir().unwrap();
    assert_eq!(docs.write_to(out.path()).unwrap(), 5);
    assert!(out.path().join("vocab/codes.ttl").exists());
}

#[test]
fn repository_docs_resolve_term_iris_to_anchors() {
    let ontology = Ontology::load_dir(repo_ontology()).unwrap();
    let docs = ontology.docs();
    let energy = &docs.page("energy.html").unwrap().content;
    assert!(energy.contains("id=\"EnergyPerformanceCertificate\""));
    assert!(docs.terms() > 50);
    assert!(
        docs.page("alignments/bot.html")
            .unwrap()
            .content
            .contains("Axioms")
    );
}
