//! Parser errors, checks, strata and engine behaviour on small rule sets.

use oxigraph::io::{RdfFormat, RdfParser};
use oxigraph::model::Triple;
use std::collections::HashSet;
use twingraph_rules::{Engine, RuleError, RuleSet};

const P: &str = "PREFIX : <http://example/>\nPREFIX xsd: <http://www.w3.org/2001/XMLSchema#>\n";

fn ttl(text: &str) -> Vec<Triple> {
    RdfParser::from_format(RdfFormat::Turtle)
        .for_slice(format!("@prefix : <http://example/> .\n{text}").as_bytes())
        .map(|q| q.expect("valid Turtle").into())
        .collect()
}

fn run(rules: &str, data: &str) -> HashSet<Triple> {
    let set = RuleSet::parse(&format!("{P}{rules}"), None).unwrap_or_else(|e| panic!("{e}"));
    Engine::new()
        .materialise(&set, ttl(data))
        .expect("materialise")
        .derived
        .into_iter()
        .collect()
}

#[test]
fn unbound_head_variable_is_named() {
    let err = RuleSet::parse(
        &format!("{P}RULE {{ ?s :p ?o }} WHERE {{ ?s :q ?z }}"),
        None,
    )
    .unwrap_err();
    match err {
        RuleError::NotWellFormed {
            rule,
            line,
            variable,
            ..
        } => {
            assert_eq!((rule, line, variable.as_deref()), (1, 3, Some("o")));
        }
        other => panic!("unexpected {other}"),
    }
}

#[test]
fn filter_and_set_variables_must_be_bound() {
    assert!(matches!(
        RuleSet::parse(
            &format!("{P}RULE {{ ?s :p 1 }} WHERE {{ ?s :q ?z FILTER(?w > 1) }}"),
            None
        ),
        Err(RuleError::NotWellFormed { .. })
    ));
    assert!(matches!(
        RuleSet::parse(
            &format!("{P}RULE {{ ?s :p ?v }} WHERE {{ ?s :q ?z SET(?v := ?w + 1) }}"),
            None
        ),
        Err(RuleError::NotWellFormed { .. })
    ));
    assert!(matches!(
        RuleSet::parse(
            &format!("{P}RULE {{ ?s :p ?z }} WHERE {{ ?s :q ?z SET(?z := 1) }}"),
            None
        ),
        Err(RuleError::NotWellFormed { .. })
    ));
    // A variable only inside NOT cannot reach the head.
    assert!(matches!(
        RuleSet::parse(
            &format!("{P}RULE {{ ?s :p ?y }} WHERE {{ ?s :q ?z NOT {{ ?s :r ?y }} }}"),
            None
        ),
        Err(RuleError::NotWellFormed { .. })
    ));
}

#[test]
fn syntax_errors_have_positions() {
    let err = RuleSet::parse(
        &format!("{P}RULE {{ ?s :p ?o }} WHERE {{ ?s :p ?o . . }}"),
        None,
    )
    .unwrap_err();
    assert!(matches!(err, RuleError::Syntax { line: 3, .. }), "{err}");
    let err = RuleSet::parse(
        &format!("{P}RULE {{ ?s :p ?o }} WHERE {{ ?s ex:p ?o }}"),
        None,
    )
    .unwrap_err();
    assert!(err.to_string().contains("undefined prefix"), "{err}");
}

#[test]
fn negation_cycle_is_rejected_and_strata_ordered() {
    let err = RuleSet::parse(
        &format!("{P}RULE {{ ?s :a 1 }} WHERE {{ ?s :b 1 NOT {{ ?s :c 1 }} }}\nRULE {{ ?s :c 1 }} WHERE {{ ?s :a 1 }}"),
        None,
    )
    .unwrap_err();
    assert!(matches!(err, RuleError::NotStratifiable { .. }), "{err}");
    let set = RuleSet::parse(
        &format!("{P}RULE {{ ?s :x 1 }} WHERE {{ ?s :b 1 NOT {{ ?s :y 1 }} }}\nRULE {{ ?s :y 1 }} WHERE {{ ?s :a 1 }}"),
        None,
    )
    .unwrap();
    assert_eq!(set.strata(), &[vec![1], vec![0]]);
}

#[test]
fn transitive_closure_semi_naive() {
    let mut data = String::new();
    for i in 0..200 {
        data.push_str(&format!(":n{i} :next :n{} .\n", i + 1));
    }
    let d = run(
        "RULE { ?x :reach ?y } WHERE { ?x :next ?y }\nRULE { ?x :reach ?z } WHERE { ?x :reach ?y . ?y :reach ?z }",
        &data,
    );
    assert_eq!(d.len(), 201 * 200 / 2);
}

#[test]
fn filter_set_and_casts() {
    let d = run(
        "RULE { ?x :band \"F\" } WHERE { ?x :sap ?s FILTER(?s >= 21 && ?s <= 38) }\n\
         RULE { ?x :km ?k } WHERE { ?x :miles ?m SET(?k := xsd:integer(?m * 1.60934)) }\n\
         RULE { ?x :label ?l } WHERE { ?x :name ?n SET(?l := CONCAT(UCASE(?n), \"!\")) }",
        ":d1 :sap 38 . :d2 :sap 39 . :r :miles 10 . :p :name \"ab\" .",
    );
    assert!(d.contains(&ttl(":d1 :band \"F\" .")[0]));
    assert!(!d.contains(&ttl(":d2 :band \"F\" .")[0]));
    assert!(d.contains(&ttl(":r :km 16 .")[0]));
    assert!(d.contains(&ttl(":p :label \"AB!\" .")[0]));
}

#[test]
fn sequence_and_inverse_paths() {
    let d = run(
        "RULE { ?a :grand ?c } WHERE { ?a :parent/:parent ?c }\nRULE { ?c :kid ?a } WHERE { ?c ^:parent ?a }",
        ":a :parent :b . :b :parent :c .",
    );
    assert!(d.contains(&ttl(":a :grand :c .")[0]));
    assert!(d.contains(&ttl(":b :kid :a .")[0]));
}

#[test]
fn explanations_name_rule_and_premises() {
    let set = RuleSet::parse(
        &format!("{P}RULE {{ ?x a :Asset }} WHERE {{ ?x a :Switch }}\nRULE {{ ?x a :Switch }} WHERE {{ ?x a :Breaker }}"),
        None,
    )
    .unwrap();
    let inf = Engine::new()
        .with_explanations(true)
        .materialise(&set, ttl(":b a :Breaker ."))
        .unwrap();
    let target = ttl(":b a :Asset .")[0].clone();
    let e = inf.explain(&target).expect("explained");
    assert_eq!(e.rule, Some(0));
    assert_eq!(e.premises, ttl(":b a :Switch ."));
    assert_eq!(inf.stats.derived, 2);
}

#[test]
fn blank_node_limit_stops_runaway_rules() {
    let set = RuleSet::parse(
        &format!("{P}RULE {{ ?x :p [] }} WHERE {{ ?y :p ?x }}"),
        None,
    )
    .unwrap();
    let r = Engine::new()
        .with_limit(1000)
        .materialise(&set, ttl(":a :p :b ."));
    assert!(matches!(r, Err(RuleError::Limit(_))));
}
