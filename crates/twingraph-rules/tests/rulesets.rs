//! The shipped rule sets (`ontology/rules/*.srl`) on small inputs.

use oxigraph::io::{RdfFormat, RdfParser};
use oxigraph::model::Triple;
use std::collections::HashSet;
use twingraph_rules::{Engine, RuleSet};

const PREFIXES: &str = "@prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix owl: <http://www.w3.org/2002/07/owl#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix tgr: <https://w3id.org/twingraph/def/rules#> .
@prefix : <http://example/> .
";

fn rules(file: &str) -> RuleSet {
    let path = format!("{}/../../ontology/rules/{file}", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).expect("rule file");
    RuleSet::parse(&text, None).unwrap_or_else(|e| panic!("{file}: {e}"))
}

fn ttl(text: &str) -> Vec<Triple> {
    RdfParser::from_format(RdfFormat::Turtle)
        .for_slice(format!("{PREFIXES}{text}").as_bytes())
        .map(|q| q.expect("valid Turtle").into())
        .collect()
}

fn infer(set: &RuleSet, data: &str) -> HashSet<Triple> {
    let inf = Engine::new()
        .materialise(set, ttl(data))
        .expect("materialise");
    inf.derived.into_iter().collect()
}

fn has(derived: &HashSet<Triple>, triple: &str) -> bool {
    let t = ttl(triple);
    t.iter().all(|t| derived.contains(t))
}

#[test]
fn rdfs_rules() {
    let set = rules("rdfs.srl");
    let d = infer(
        &set,
        ":Breaker rdfs:subClassOf :Switch . :Switch rdfs:subClassOf :Asset .
         :b1 a :Breaker . :feeds rdfs:domain :Asset ; rdfs:range :Site ; rdfs:subPropertyOf :serves .
         :x :feeds :y . :c a rdfs:Class . :q a rdf:Property .",
    );
    assert!(has(&d, ":b1 a :Switch, :Asset ."), "rdfs9");
    assert!(has(&d, ":Breaker rdfs:subClassOf :Asset ."), "rdfs11");
    assert!(has(&d, ":x a :Asset . :y a :Site ."), "rdfs2/3");
    assert!(has(&d, ":x :serves :y ."), "rdfs7");
    assert!(
        has(&d, ":c rdfs:subClassOf :c . :q rdfs:subPropertyOf :q ."),
        "rdfs6/10"
    );
    assert!(
        !has(&d, ":b1 a :Breaker ."),
        "base triples are not returned"
    );
}

#[test]
fn owl2rl_properties_and_equality() {
    let set = rules("owl2rl.srl");
    let d = infer(
        &set,
        ":partOf a owl:TransitiveProperty . :a :partOf :b . :b :partOf :c .
         :adj a owl:SymmetricProperty . :s1 :adj :s2 .
         :hasPart owl:inverseOf :partOf .
         :mpan a owl:FunctionalProperty . :m :mpan :n1, :n2 .
         :n1 :label \"meter\" .
         :grandparent owl:propertyChainAxiom ( :parent :parent ) . :k :parent :l . :l :parent :m2 .
         :alias owl:equivalentProperty :name . :z :alias \"Z\" .",
    );
    assert!(has(&d, ":a :partOf :c ."), "prp-trp");
    assert!(has(&d, ":s2 :adj :s1 ."), "prp-symp");
    assert!(has(&d, ":c :hasPart :a ."), "prp-inv + prp-trp");
    assert!(
        has(&d, ":n1 owl:sameAs :n2 . :n2 owl:sameAs :n1 ."),
        "prp-fp + eq-sym"
    );
    assert!(has(&d, ":n2 :label \"meter\" ."), "eq-rep-s");
    assert!(has(&d, ":k :grandparent :m2 ."), "prp-spo2 (chain of 2)");
    assert!(has(&d, ":z :name \"Z\" ."), "prp-eqp1");
    // eq-trans over x sameAs y, y sameAs x yields x sameAs x (eq-ref itself is left out).
}

#[test]
fn owl2rl_classes() {
    let set = rules("owl2rl.srl");
    let d = infer(
        &set,
        ":Fed owl:equivalentClass [ a owl:Restriction ; owl:onProperty :fedFrom ; owl:someValuesFrom :Substation ] .
         :x :fedFrom :sub . :sub a :Substation .
         :Both owl:intersectionOf ( :A :B ) . :i a :A, :B .
         :Either owl:unionOf ( :A :C ) . :j a :C .
         :Live owl:equivalentClass [ owl:onProperty :status ; owl:hasValue :live ] . :w :status :live .
         :Hot rdfs:subClassOf [ owl:onProperty :temp ; owl:allValuesFrom :Reading ] . :h a :Hot ; :temp :r1 .
         :Colour owl:oneOf ( :red :green ) .",
    );
    assert!(has(&d, ":x a :Fed ."), "cls-svf1 + cax-eqc");
    assert!(has(&d, ":i a :Both . :i a :Either ."), "cls-int1 / cls-uni");
    assert!(has(&d, ":j a :Either ."), "cls-uni");
    assert!(has(&d, ":Both rdfs:subClassOf :A , :B ."), "scm-int");
    assert!(has(&d, ":w a :Live ."), "cls-hv2 + cax-eqc");
    assert!(has(&d, ":r1 a :Reading ."), "cls-avf");
    assert!(has(&d, ":red a :Colour . :green a :Colour ."), "cls-oo");
}

#[test]
fn owl2rl_checks() {
    let set = RuleSet::merge(&[rules("owl2rl.srl"), rules("owl2rl-checks.srl")]).expect("merge");
    let d = infer(
        &set,
        ":Open owl:disjointWith :Closed . :sw1 a :Open, :Closed .
         :x owl:sameAs :y . :x owl:differentFrom :y .",
    );
    assert!(has(&d, ":sw1 tgr:violates \"cax-dw\" ."));
    assert!(has(&d, ":x tgr:violates \"eq-diff1\" ."));
}
