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
@prefix geo: <http://www.opengis.net/ont/geosparql#> .
@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix time: <http://www.w3.org/2006/time#> .
@prefix cim: <http://iec.ch/TC57/2013/CIM-schema-cim16#> .
@prefix cim100: <http://iec.ch/TC57/CIM100#> .
@prefix bot: <https://w3id.org/bot#> .
@prefix tg: <https://w3id.org/twingraph/def/core#> .
@prefix place: <https://w3id.org/twingraph/def/place#> .
@prefix energy: <https://w3id.org/twingraph/def/energy#> .
@prefix grid: <https://w3id.org/twingraph/def/grid#> .
@prefix em: <https://w3id.org/twingraph/def/emissions#> .
@prefix ops: <https://w3id.org/twingraph/def/operations#> .
@prefix gov: <https://w3id.org/twingraph/def/governance#> .
@prefix band: <https://w3id.org/twingraph/def/vocab/epc-band#> .
@prefix fuel: <https://w3id.org/twingraph/def/vocab/fuel#> .
@prefix ghg: <https://w3id.org/twingraph/def/vocab/ghg-scope#> .
@prefix access: <https://w3id.org/twingraph/def/vocab/access-level#> .
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

// ---------------------------------------------------------------- domain rule sets

/// The Turtle of an ontology file (path relative to `ontology/`), parsed on its own.
fn ontology_file(path: &str) -> Vec<Triple> {
    let path = format!("{}/../../ontology/{path}", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read(&path).expect("ontology file");
    RdfParser::from_format(RdfFormat::Turtle)
        .for_slice(&text)
        .map(|q| q.expect("valid Turtle").into())
        .collect()
}

/// Like `infer`, with ontology files added to the base data.
fn infer_with(set: &RuleSet, data: &str, files: &[&str]) -> HashSet<Triple> {
    let mut base = ttl(data);
    for f in files {
        base.extend(ontology_file(f));
    }
    let inf = Engine::new().materialise(set, base).expect("materialise");
    inf.derived.into_iter().collect()
}

/// Whether at least one of the triples is derived (for asserting absences with `!`).
fn any(derived: &HashSet<Triple>, triples: &str) -> bool {
    ttl(triples).iter().any(|t| derived.contains(t))
}

#[test]
fn domain_rule_sets_parse_and_stratify() {
    for (file, count, strata) in [
        ("alignments.srl", 8, 1),
        ("partof.srl", 10, 1),
        ("epc.srl", 17, 2),
        ("supply.srl", 7, 2),
        ("emissions.srl", 5, 1),
        ("works.srl", 2, 1),
        ("access.srl", 12, 3),
    ] {
        let set = rules(file);
        assert_eq!(set.rules().len(), count, "{file}: rules");
        assert_eq!(set.strata().len(), strata, "{file}: strata");
    }
    // supply.srl is meant to run merged with partof.srl.
    RuleSet::merge(&[rules("partof.srl"), rules("supply.srl")]).expect("partof + supply");
    // Documented limit: a rule set with a variable-predicate head (sub-property
    // inheritance) cannot be merged with one that negates a property it can produce.
    assert!(RuleSet::merge(&[rules("alignments.srl"), rules("epc.srl")]).is_err());
    assert!(RuleSet::merge(&[rules("rdfs.srl"), rules("access.srl")]).is_err());
}

#[test]
fn alignments_rules() {
    let set = rules("alignments.srl");
    let d = infer_with(
        &set,
        ":b1 a cim:Breaker ; cim:Equipment.EquipmentContainer :vl1 .
         :s100 a cim100:Substation .
         :c1 energy:certifies :u1 .
         :ext rdfs:domain :Thing ; rdfs:range :Other . :a :ext :b .",
        &[
            "core.ttl",
            "grid.ttl",
            "energy.ttl",
            "alignments/cim16.ttl",
            "alignments/cim100.ttl",
            "alignments/geosparql.ttl",
        ],
    );
    assert!(
        has(
            &d,
            ":b1 a cim:Switch, grid:Switch, tg:Asset, tg:Feature, geo:Feature ."
        ),
        "Breaker -> Switch -> Asset -> Feature (DATA + alignments + core)"
    );
    assert!(
        has(&d, ":b1 a cim100:Breaker ."),
        "cim16 == CIM100 (equivalentClass)"
    );
    assert!(
        has(&d, ":s100 a grid:Substation, tg:Asset ."),
        "CIM100 alignment"
    );
    assert!(has(&d, ":b1 tg:partOf :vl1 ."), "sub-property alignment");
    assert!(
        has(&d, ":b1 cim100:Equipment.EquipmentContainer :vl1 ."),
        "equivalentProperty, both directions"
    );
    assert!(
        has(&d, ":c1 a energy:EnergyPerformanceCertificate ."),
        "domain of a TwinGraph property"
    );
    assert!(
        has(&d, ":u1 a place:AddressableLocation ."),
        "range of a TwinGraph property"
    );
    assert!(
        !any(&d, ":a a :Thing . :b a :Other ."),
        "no domain/range typing for external properties"
    );
    assert!(
        !any(&d, "grid:Switch rdfs:subClassOf grid:Switch ."),
        "no reflexive axioms"
    );
}

#[test]
fn partof_rules() {
    let set = rules("partof.srl");
    let d = infer_with(
        &set,
        ":sw1 cim:Equipment.EquipmentContainer :bay1 . :bay1 cim:Bay.VoltageLevel :vl1 .
         :vl1 cim:VoltageLevel.Substation :s1 .
         :b1 bot:hasStorey :st1 . :st1 bot:hasSpace :sp1 .
         :s1 tg:locatedIn :lsoa1 . :lsoa1 tg:partOf :ward1 . :ward1 tg:locatedIn :teed .",
        &["alignments/cim16.ttl", "alignments/bot.ttl"],
    );
    assert!(
        has(&d, ":sw1 tg:partOf :bay1, :vl1, :s1 ."),
        "CIM containment, transitive"
    );
    assert!(has(&d, ":s1 tg:hasPart :sw1 ."), "inverse");
    assert!(
        has(&d, ":b1 tg:hasPart :st1, :sp1 . :sp1 tg:partOf :b1 ."),
        "BOT parts"
    );
    assert!(
        has(&d, ":s1 tg:locatedIn :ward1, :teed ."),
        "locatedIn o partOf, transitive"
    );
    assert!(
        has(&d, ":sw1 tg:locatedIn :lsoa1, :ward1, :teed ."),
        "partOf o locatedIn"
    );
    assert!(
        !any(&d, ":s1 tg:partOf :sw1 . :sw1 tg:partOf :sw1 ."),
        "no wrong direction, no loops"
    );
}

#[test]
fn epc_band_from_sap_score() {
    let set = rules("epc.srl");
    let d = infer(
        &set,
        ":a1 energy:sapScore 92 . :a2 energy:sapScore 104 . :b1 energy:sapScore 91 . :b2 energy:sapScore 81 .
         :c1 energy:sapScore 80 . :c2 energy:sapScore 69 . :d1 energy:sapScore 68 . :d2 energy:sapScore 55 .
         :e1 energy:sapScore 54 . :e2 energy:sapScore 39 . :f1 energy:sapScore 38 . :f2 energy:sapScore \"21\" .
         :g1 energy:sapScore 20 . :g2 energy:sapScore 1 . :z energy:sapScore 0 .
         :s energy:sapScore 38 ; energy:currentEnergyBand band:E .
         :p energy:potentialSapScore 85 .",
    );
    for (cert, band) in [
        ("a1", "A"),
        ("a2", "A"),
        ("b1", "B"),
        ("b2", "B"),
        ("c1", "C"),
        ("c2", "C"),
        ("d1", "D"),
        ("d2", "D"),
        ("e1", "E"),
        ("e2", "E"),
        ("f1", "F"),
        ("f2", "F"),
        ("g1", "G"),
        ("g2", "G"),
    ] {
        let t = format!(":{cert} energy:currentEnergyBand band:{band} .");
        assert!(has(&d, &t), "{t}");
    }
    let bands = ["A", "B", "C", "D", "E", "F", "G"];
    let wrong = |cert: &str| {
        bands
            .iter()
            .any(|b| any(&d, &format!(":{cert} energy:currentEnergyBand band:{b} .")))
    };
    assert!(!wrong("z"), "SAP 0 is outside the bands");
    assert!(!wrong("s"), "a stated band is kept, not re-derived");
    assert!(
        !any(&d, ":f1 energy:currentEnergyBand band:E, band:G ."),
        "one band per score"
    );
    assert!(
        has(&d, ":p energy:potentialEnergyBand band:B ."),
        "potential band"
    );
}

#[test]
fn epc_bands_match_the_vocabulary() {
    // The SAP ranges written into epc.srl agree with vocab/epc-band.ttl.
    let vocab = ontology_file("vocab/epc-band.ttl");
    let int_of = |band: &oxigraph::model::NamedOrBlankNode, p: &str| -> Option<i64> {
        vocab
            .iter()
            .find(|t| {
                &t.subject == band
                    && t.predicate.as_str() == format!("https://w3id.org/twingraph/def/energy#{p}")
            })
            .and_then(|t| match &t.object {
                oxigraph::model::Term::Literal(l) => l.value().parse().ok(),
                _ => None,
            })
    };
    let bands: Vec<_> = vocab
        .iter()
        .filter(|t| t.predicate.as_str() == "https://w3id.org/twingraph/def/energy#minSapScore")
        .map(|t| t.subject.clone())
        .collect();
    assert_eq!(bands.len(), 7);
    let mut data = String::new();
    let mut expect = Vec::new();
    for band in &bands {
        let min = int_of(band, "minSapScore").expect("min");
        let max = int_of(band, "maxSapScore").unwrap_or(min + 20);
        let oxigraph::model::NamedOrBlankNode::NamedNode(iri) = band else {
            panic!("band IRI")
        };
        for (i, score) in [min, max].into_iter().enumerate() {
            data.push_str(&format!(":x{score}_{i} energy:sapScore {score} .\n"));
            expect.push(format!(
                ":x{score}_{i} energy:currentEnergyBand <{}> .",
                iri.as_str()
            ));
        }
        let below = format!(":y{min} energy:sapScore {} .\n", min - 1);
        data.push_str(&below);
        expect.push(format!(
            "!:y{min} energy:currentEnergyBand <{}> .",
            iri.as_str()
        ));
    }
    let d = infer(&rules("epc.srl"), &data);
    for e in expect {
        match e.strip_prefix('!') {
            Some(t) => assert!(!any(&d, t), "not {t}"),
            None => assert!(has(&d, &e), "{e}"),
        }
    }
}

#[test]
fn epc_latest_certificate() {
    let set = rules("epc.srl");
    let d = infer(
        &set,
        ":old energy:certifies :u1 ; energy:lodgementDate \"2012-05-01\"^^xsd:date .
         :new energy:certifies :u1 ; energy:lodgementDate \"2020-05-01\"^^xsd:date .
         :bad energy:certifies :u1 ; energy:lodgementDate \"2099-13-45\"^^xsd:date .
         :u2 energy:hasEpc :only . :only energy:lodgementDate \"2015-01-01\"^^xsd:date .
         :t1 energy:certifies :u3 ; energy:lodgementDate \"2021-01-01\"^^xsd:date .
         :t2 energy:certifies :u3 ; energy:lodgementDate \"2021-01-01\"^^xsd:date .
         :other energy:certifies :u4 ; energy:lodgementDate \"2024-01-01\"^^xsd:date .",
    );
    assert!(
        has(&d, ":u1 energy:hasLatestEPC :new ."),
        "latest lodgement"
    );
    assert!(
        !any(&d, ":u1 energy:hasLatestEPC :old ."),
        "a superseded EPC is not latest"
    );
    assert!(
        !any(&d, ":u1 energy:hasLatestEPC :bad ."),
        "an invalid date does not take part"
    );
    assert!(
        has(
            &d,
            ":u2 energy:hasLatestEPC :only . :only energy:certifies :u2 ."
        ),
        "via hasEpc"
    );
    assert!(
        has(&d, ":u3 energy:hasLatestEPC :t2 ."),
        "same day: greater IRI"
    );
    assert!(
        !any(&d, ":u3 energy:hasLatestEPC :t1 ."),
        "exactly one latest"
    );
    assert!(has(&d, ":u4 energy:hasLatestEPC :other ."), "per location");
    assert!(
        !any(&d, ":u1 energy:hasLatestEPC :other ."),
        "a later EPC elsewhere does not count"
    );
}

/// A primary P1 feeding cable CAB1 through breaker BRK1; CAB1 reaches secondary SS2
/// (RMU switch SWRMU, transformer TX) and a normally open point NOP beyond which CAB2
/// and consumer EC2 lie; on the low-voltage side LV1 feeds EC1, and an open switch LVSW
/// stands before EC3.
const NETWORK: &str = "
:P1 a cim:Substation, grid:PrimarySubstation . :VL1 cim:VoltageLevel.Substation :P1 .
:SS2 a cim:Substation, grid:SecondarySubstation . :VL2 cim:VoltageLevel.Substation :SS2 .
:BAY2 cim:Bay.VoltageLevel :VL2 .
:BRK1 a cim:Breaker ; cim:Equipment.EquipmentContainer :VL1 ; cim:Switch.normalOpen \"false\" .
:SWRMU a cim:Breaker ; cim:Equipment.EquipmentContainer :BAY2 ; cim:Switch.normalOpen \"false\" .
:TX a cim:PowerTransformer ; cim:Equipment.EquipmentContainer :SS2 .
:NOP cim:Switch.normalOpen \"true\" .
:LVSW cim:Switch.normalOpen true .
[] cim:Terminal.ConductingEquipment :BRK1 ; cim:Terminal.ConnectivityNode :n1 .
[] cim:Terminal.ConductingEquipment :CAB1 ; cim:Terminal.ConnectivityNode :n1 .
[] cim:Terminal.ConductingEquipment :CAB1 ; cim:Terminal.ConnectivityNode :n2 .
[] cim:Terminal.ConductingEquipment :SWRMU ; cim:Terminal.ConnectivityNode :n2 .
[] cim:Terminal.ConductingEquipment :NOP ; cim:Terminal.ConnectivityNode :n2 .
[] cim:Terminal.ConductingEquipment :NOP ; cim:Terminal.ConnectivityNode :n6 .
[] cim:Terminal.ConductingEquipment :CAB2 ; cim:Terminal.ConnectivityNode :n6 .
[] cim:Terminal.ConductingEquipment :CAB2 ; cim:Terminal.ConnectivityNode :n7 .
[] cim:Terminal.ConductingEquipment :EC2 ; cim:Terminal.ConnectivityNode :n7 .
[] cim:Terminal.ConductingEquipment :SWRMU ; cim:Terminal.ConnectivityNode :n3 .
[] cim:Terminal.ConductingEquipment :TX ; cim:Terminal.ConnectivityNode :n3 .
[] cim:Terminal.ConductingEquipment :TX ; cim:Terminal.ConnectivityNode :n4 .
[] cim:Terminal.ConductingEquipment :LV1 ; cim:Terminal.ConnectivityNode :n4 .
[] cim:Terminal.ConductingEquipment :LV1 ; cim:Terminal.ConnectivityNode :n5 .
[] cim:Terminal.ConductingEquipment :EC1 ; cim:Terminal.ConnectivityNode :n5 .
[] cim:Terminal.ConductingEquipment :LVSW ; cim:Terminal.ConnectivityNode :n5 .
[] cim:Terminal.ConductingEquipment :LVSW ; cim:Terminal.ConnectivityNode :n8 .
[] cim:Terminal.ConductingEquipment :EC3 ; cim:Terminal.ConnectivityNode :n8 .
";

#[test]
fn supply_tracing_through_closed_switches() {
    let set = RuleSet::merge(&[rules("partof.srl"), rules("supply.srl")]).expect("merge");
    let d = infer_with(&set, NETWORK, &["alignments/cim16.ttl"]);
    assert!(
        has(
            &d,
            ":BRK1 grid:electricallyAdjacent :CAB1 . :CAB1 grid:electricallyAdjacent :BRK1 ."
        ),
        "R4 adjacency, symmetric"
    );
    assert!(
        !any(&d, ":BRK1 grid:electricallyAdjacent :BRK1 ."),
        "no self-adjacency"
    );
    assert!(
        has(&d, ":BRK1 grid:fedFrom :P1 . :CAB1 grid:fedFrom :P1 ."),
        "through the closed breaker"
    );
    assert!(
        has(&d, ":SS2 grid:fedFrom :P1 ."),
        "secondary fed from the primary"
    );
    assert!(
        has(&d, ":NOP grid:fedFrom :P1 ."),
        "the open switch is reached (live side)"
    );
    assert!(
        !any(&d, ":CAB2 grid:fedFrom :P1 . :EC2 grid:fedFrom :P1 ."),
        "the open switch stops the trace"
    );
    assert!(
        !any(&d, ":SWRMU grid:fedFrom :P1 . :TX grid:fedFrom :P1 ."),
        "not into another substation"
    );
    assert!(
        !any(&d, ":VL1 grid:fedFrom :P1 ."),
        "containers are not traced"
    );
    assert!(
        has(
            &d,
            ":TX grid:servedBySubstation :SS2 . :LV1 grid:servedBySubstation :SS2 . :EC1 grid:servedBySubstation :SS2 ."
        ),
        "low-voltage trace"
    );
    assert!(
        !any(&d, ":EC3 grid:servedBySubstation :SS2 ."),
        "the open LV switch stops the trace"
    );
    assert!(
        !any(
            &d,
            ":CAB1 grid:servedBySubstation :SS2 . :BRK1 grid:servedBySubstation :SS2 . :NOP grid:servedBySubstation :SS2 ."
        ),
        "the low-voltage trace does not climb the HV feeder"
    );
    // Opening BRK1 cuts the feeder: CAB1 and SS2 are no longer fed from P1.
    let opened = NETWORK.replace(
        ":BRK1 a cim:Breaker ; cim:Equipment.EquipmentContainer :VL1 ; cim:Switch.normalOpen \"false\" .",
        ":BRK1 a cim:Breaker ; cim:Equipment.EquipmentContainer :VL1 ; cim:Switch.normalOpen \"true\" .",
    );
    let d = infer_with(&set, &opened, &["alignments/cim16.ttl"]);
    assert!(has(&d, ":BRK1 grid:fedFrom :P1 ."));
    assert!(
        !any(&d, ":CAB1 grid:fedFrom :P1 . :SS2 grid:fedFrom :P1 ."),
        "open breaker"
    );
}

#[test]
fn supply_tracing_cim100() {
    let set = RuleSet::merge(&[rules("partof.srl"), rules("supply.srl")]).expect("merge");
    let d = infer_with(
        &set,
        ":P a grid:PrimarySubstation . :B cim100:Equipment.EquipmentContainer :P ; cim100:Switch.normalOpen \"false\" .
         [] cim100:Terminal.ConductingEquipment :B ; cim100:Terminal.ConnectivityNode :m1 .
         [] cim100:Terminal.ConductingEquipment :L ; cim100:Terminal.ConnectivityNode :m1 .
         [] cim100:Terminal.ConductingEquipment :L ; cim100:Terminal.ConnectivityNode :m2 .
         [] cim100:Terminal.ConductingEquipment :S ; cim100:Terminal.ConnectivityNode :m2 .
         :S cim100:Switch.normalOpen \"1\" .
         [] cim100:Terminal.ConductingEquipment :S ; cim100:Terminal.ConnectivityNode :m3 .
         [] cim100:Terminal.ConductingEquipment :X ; cim100:Terminal.ConnectivityNode :m3 .",
        &["alignments/cim100.ttl"],
    );
    assert!(has(&d, ":L grid:fedFrom :P . :S grid:fedFrom :P ."));
    assert!(!any(&d, ":X grid:fedFrom :P ."), "normalOpen \"1\" is open");
}

#[test]
fn emissions_scope_classification() {
    let set = rules("emissions.srl");
    let d = infer(
        &set,
        ":depot tg:owner :bcc . :home tg:owner :ha . :fleet tg:operator :bcc .
         :e1 a em:EmissionEstimate ; em:reportingOrganisation :bcc ; em:emitter :depot ; em:activityData [ energy:fuel fuel:Electricity ] .
         :e2 a em:EmissionEstimate ; em:reportingOrganisation :bcc ; em:emitter :depot ; em:activityData [ energy:fuel fuel:MainsGas ] .
         :e3 a em:EmissionEstimate ; em:reportingOrganisation :bcc ; em:emitter :home ; em:activityData [ energy:fuel fuel:MainsGas ] .
         :e4 a em:EmissionEstimate ; em:reportingOrganisation :bcc ; em:emitter :bcc ; em:activityData [ energy:fuel fuel:CommunityHeat ] .
         :e5 a em:EmissionEstimate ; em:reportingOrganisation :bcc ; em:emitter :fleet ; em:activityData [ energy:fuel fuel:Diesel ] .
         :e6 a em:EmissionEstimate ; em:reportingOrganisation :bcc ; em:emitter :depot ; em:activityData [ energy:fuel fuel:Electricity ] ; em:ghgScope ghg:Scope3 .
         :e7 a em:EmissionEstimate ; em:reportingOrganisation :bcc ; em:emitter :depot ; em:activityData [ energy:fuel fuel:Solar ] .
         :e8 a em:EmissionEstimate ; em:reportingOrganisation :ha ; em:emitter :home ; em:activityData [ energy:fuel fuel:Electricity ] .",
    );
    assert!(
        has(
            &d,
            ":e1 em:ghgScope ghg:Scope2 ; em:ghgCategory ghg:S2PurchasedElectricity ."
        ),
        "bought electricity"
    );
    assert!(
        has(
            &d,
            ":e2 em:ghgScope ghg:Scope1 ; em:ghgCategory ghg:S1StationaryCombustion ."
        ),
        "gas burnt on site"
    );
    assert!(
        has(&d, ":e3 em:ghgScope ghg:Scope3 ."),
        "emitter not controlled: value chain"
    );
    assert!(!any(
        &d,
        ":e3 em:ghgScope ghg:Scope1 . :e3 em:ghgCategory ghg:S1StationaryCombustion ."
    ));
    assert!(
        has(
            &d,
            ":e4 em:ghgScope ghg:Scope2 ; em:ghgCategory ghg:S2PurchasedHeatSteamCooling ."
        ),
        "heat"
    );
    assert!(has(&d, ":e5 em:ghgScope ghg:Scope1 ."), "operated fleet");
    assert!(
        !any(
            &d,
            ":e1 em:ghgScope ghg:Scope1, ghg:Scope3 . :e2 em:ghgScope ghg:Scope2, ghg:Scope3 ."
        ),
        "one scope"
    );
    assert!(
        !any(
            &d,
            ":e6 em:ghgScope ghg:Scope2 . :e6 em:ghgCategory ghg:S2PurchasedElectricity ."
        ),
        "stated scope wins"
    );
    assert!(
        !any(&d, ":e7 em:ghgScope ghg:Scope1, ghg:Scope2, ghg:Scope3 ."),
        "solar has no scope"
    );
    assert!(
        has(&d, ":e8 em:ghgScope ghg:Scope2 ."),
        "relative to the reporting organisation"
    );
}

#[test]
fn works_clash_in_time_and_place() {
    let set = rules("works.srl");
    let period = |from: &str, to: &str| {
        format!(
            "[ a time:Interval ; time:hasBeginning [ time:inXSDDate \"{from}\"^^xsd:date ] ; time:hasEnd [ time:inXSDDate \"{to}\"^^xsd:date ] ]"
        )
    };
    let data = format!(
        ":w1 a ops:Works ; place:onStreet :s1 ; tg:validDuring {} .
         :w2 a ops:Works ; place:onStreet :s1 ; tg:validDuring {} .
         :w3 a ops:Works ; place:onStreet :s1 ; tg:validDuring {} .
         :w4 a ops:PlannedOutage ; place:onStreet :s2 ; tg:validDuring {} .
         :w5 a ops:Works ; place:onStreet :s2 ; tg:validDuring {} .
         :w6 a ops:Works ; place:onStreet :s2 ; tg:validDuring [ time:hasBeginning [ time:inXSDDateTime \"2026-03-02T08:00:00Z\"^^xsd:dateTime ] ; time:hasEnd [ time:inXSDDateTime \"2026-03-02T12:00:00Z\"^^xsd:dateTime ] ] .
         :w7 a ops:Works ; place:onStreet :s2 ; tg:validDuring [ time:hasBeginning [ time:inXSDDateTime \"2026-03-02T11:00:00Z\"^^xsd:dateTime ] ; time:hasEnd [ time:inXSDDateTime \"2026-03-02T18:00:00Z\"^^xsd:dateTime ] ] .",
        period("2026-03-02", "2026-03-06"),
        period("2026-03-06", "2026-03-13"),
        period("2026-03-16", "2026-03-20"),
        period("2026-03-02", "2026-03-06"),
        period("2026-03-04", "2026-03-09"),
    );
    let d = infer(&set, &data);
    let cw =
        |a: &str, b: &str| format!("<urn:twingraph:clash:http___example_{a}:http___example_{b}>");
    let w12 = cw("w1", "w2");
    let p12 = "<urn:twingraph:clash:http___example_w1:http___example_w2:period>";
    assert!(
        has(
            &d,
            &format!(
                "{w12} a ops:ClashWindow ; ops:clashOf :w1, :w2 ; place:onStreet :s1 ; tg:validDuring {p12} ."
            )
        ),
        "touching periods on one street clash"
    );
    assert!(
        has(&d, "<urn:twingraph:clash:http___example_w1:http___example_w2:period> a time:Interval ;
                   time:hasBeginning <urn:twingraph:clash:http___example_w1:http___example_w2:start> ;
                   time:hasEnd <urn:twingraph:clash:http___example_w1:http___example_w2:end> .
                 <urn:twingraph:clash:http___example_w1:http___example_w2:start> time:inXSDDate \"2026-03-06\"^^xsd:date .
                 <urn:twingraph:clash:http___example_w1:http___example_w2:end> time:inXSDDate \"2026-03-06\"^^xsd:date ."),
        "the overlap period"
    );
    let w45 = cw("w4", "w5");
    assert!(
        has(&d, &format!("{w45} ops:clashOf :w4, :w5 .")),
        "planned outage and works"
    );
    assert!(
        has(
            &d,
            "<urn:twingraph:clash:http___example_w4:http___example_w5:start> time:inXSDDate \"2026-03-04\"^^xsd:date ."
        ),
        "overlap starts at the later start"
    );
    assert!(
        has(&d, &format!("{} ops:clashOf :w6, :w7 .", cw("w6", "w7"))),
        "date-times"
    );
    assert!(
        !any(&d, &format!("{} a ops:ClashWindow .", cw("w1", "w3"))),
        "no overlap in time"
    );
    assert!(
        !any(&d, &format!("{} a ops:ClashWindow .", cw("w2", "w3"))),
        "no overlap in time"
    );
    assert!(
        !any(&d, &format!("{} a ops:ClashWindow .", cw("w1", "w4"))),
        "different streets"
    );
    assert!(
        !any(&d, &format!("{} a ops:ClashWindow .", cw("w2", "w1"))),
        "one window per pair"
    );
    assert!(
        !any(&d, &format!("{} a ops:ClashWindow .", cw("w4", "w6"))),
        "date vs date-time is not compared"
    );
}

#[test]
fn access_level_of_derived_data() {
    let set = rules("access.srl");
    let d = infer(
        &set,
        ":os gov:accessLevel access:Open . :epc gov:accessLevel access:Restricted . :meter gov:accessLevel access:Closed .
         :kpi1 prov:wasDerivedFrom :os, :epc .
         :kpi2 prov:wasDerivedFrom :kpi1, :os .
         :run prov:used :meter ; prov:generated :g3 .
         :g4 prov:wasDerivedFrom :g3, :os, :epc .
         :g5 prov:wasDerivedFrom :os .
         :g6 prov:wasGeneratedBy :run2 . :run2 prov:used :os .
         :est prov:used :epc .
         :stated gov:accessLevel access:Closed ; prov:wasDerivedFrom :os .",
    );
    assert!(
        has(&d, ":kpi1 gov:accessLevel access:Restricted ."),
        "Restricted beats Open"
    );
    assert!(!any(&d, ":kpi1 gov:accessLevel access:Open ."), "not Open");
    assert!(
        has(&d, ":kpi2 gov:accessLevel access:Restricted ."),
        "along a derivation chain"
    );
    assert!(
        has(&d, ":g3 gov:accessLevel access:Closed ."),
        "generating activity's inputs"
    );
    assert!(
        has(&d, ":g4 gov:accessLevel access:Closed ."),
        "Closed beats all"
    );
    assert!(
        !any(&d, ":g4 gov:accessLevel access:Restricted, access:Open ."),
        "one level"
    );
    assert!(
        has(
            &d,
            ":g5 gov:accessLevel access:Open . :g6 gov:accessLevel access:Open ."
        ),
        "all Open"
    );
    assert!(
        has(&d, ":est gov:accessLevel access:Restricted ."),
        "direct prov:used"
    );
    assert!(
        !any(&d, ":stated gov:accessLevel access:Open ."),
        "a stricter stated level is kept"
    );
}

/// Maintenance after an update (incremental or recomputed, whichever the engine picks)
/// equals a full materialisation of the new base data.
fn assert_update_matches(set: &RuleSet, before: &str, add: &str, remove: &str, files: &[&str]) {
    let mut base = ttl(before);
    for f in files {
        base.extend(ontology_file(f));
    }
    let mut m = Engine::new().start(set, base.clone()).expect("start");
    let (add, remove) = (ttl(add), ttl(remove));
    m.update(add.clone(), remove.clone()).expect("update");
    let updated: HashSet<Triple> = m.derived().into_iter().collect();
    base.retain(|t| !remove.contains(t));
    base.extend(add);
    let full: HashSet<Triple> = Engine::new()
        .materialise(set, base)
        .expect("materialise")
        .derived
        .into_iter()
        .collect();
    assert_eq!(
        updated,
        full,
        "missing {:?} extra {:?}",
        full.difference(&updated).take(3).collect::<Vec<_>>(),
        updated.difference(&full).take(3).collect::<Vec<_>>()
    );
}

#[test]
fn domain_rule_sets_after_updates() {
    // Opening the feeder breaker (supply: negation, so recomputed).
    let supply = RuleSet::merge(&[rules("partof.srl"), rules("supply.srl")]).expect("merge");
    assert_update_matches(
        &supply,
        NETWORK,
        ":BRK1 cim:Switch.normalOpen \"true\" .",
        ":BRK1 cim:Switch.normalOpen \"false\" .",
        &["alignments/cim16.ttl"],
    );
    // Moving a bay to another voltage level (partof: WHERE DATA).
    assert_update_matches(
        &rules("partof.srl"),
        ":sw1 cim:Equipment.EquipmentContainer :bay1 . :bay1 cim:Bay.VoltageLevel :vl1 .
         :vl1 cim:VoltageLevel.Substation :s1 . :vl2 cim:VoltageLevel.Substation :s2 .",
        ":bay1 cim:Bay.VoltageLevel :vl2 .",
        ":bay1 cim:Bay.VoltageLevel :vl1 .",
        &["alignments/cim16.ttl"],
    );
    // A works period moved so it no longer overlaps (works: no negation).
    assert_update_matches(
        &rules("works.srl"),
        ":w1 a ops:Works ; place:onStreet :s1 ; tg:validDuring :i1 .
         :i1 time:hasBeginning :b1 ; time:hasEnd :e1 .
         :b1 time:inXSDDate \"2026-03-02\"^^xsd:date . :e1 time:inXSDDate \"2026-03-06\"^^xsd:date .
         :w2 a ops:Works ; place:onStreet :s1 ; tg:validDuring :i2 .
         :i2 time:hasBeginning :b2 ; time:hasEnd :e2 .
         :b2 time:inXSDDate \"2026-03-04\"^^xsd:date . :e2 time:inXSDDate \"2026-03-09\"^^xsd:date .",
        ":b2 time:inXSDDate \"2026-03-07\"^^xsd:date .",
        ":b2 time:inXSDDate \"2026-03-04\"^^xsd:date .",
        &[],
    );
    // A later certificate lodged (epc: negation).
    assert_update_matches(
        &rules("epc.srl"),
        ":c1 energy:certifies :u1 ; energy:lodgementDate \"2012-05-01\"^^xsd:date ; energy:sapScore 38 .",
        ":c2 energy:certifies :u1 ; energy:lodgementDate \"2020-05-01\"^^xsd:date ; energy:sapScore 70 .",
        "",
        &[],
    );
    // An input of a derived graph closed (access: negation).
    assert_update_matches(
        &rules("access.srl"),
        ":os gov:accessLevel access:Open . :epc gov:accessLevel access:Restricted .
         :kpi prov:wasDerivedFrom :os, :epc . :kpi2 prov:wasDerivedFrom :kpi .",
        ":epc gov:accessLevel access:Closed .",
        ":epc gov:accessLevel access:Restricted .",
        &[],
    );
    // The alignment axioms themselves change (alignments: sub-class and sub-property).
    assert_update_matches(
        &rules("alignments.srl"),
        ":b1 a cim:Breaker ; cim:Equipment.EquipmentContainer :vl1 .",
        "",
        "cim:Switch rdfs:subClassOf grid:Switch .",
        &["core.ttl", "grid.ttl", "alignments/cim16.ttl"],
    );
}
