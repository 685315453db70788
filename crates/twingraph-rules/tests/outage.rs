//! `ontology/rules/outage.srl` on small hand-drawn networks: which equipment loses supply
//! if a switch opens (`grid:losesSupplyIfOpened`), in meshed and radial parts, through
//! connectivity and topological nodes, with normally open points and generators.

use oxigraph::io::{RdfFormat, RdfParser};
use oxigraph::model::{NamedNode, Term, Triple};
use std::collections::BTreeSet;
use twingraph_rules::{Engine, RuleSet};

const PREFIXES: &str = "@prefix cim: <http://iec.ch/TC57/2013/CIM-schema-cim16#> .
@prefix cim100: <http://iec.ch/TC57/CIM100#> .
@prefix grid: <https://w3id.org/twingraph/def/grid#> .
@prefix : <http://example/> .
";
const LOSES: &str = "https://w3id.org/twingraph/def/grid#losesSupplyIfOpened";

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

fn local(t: &Term) -> String {
    match t {
        Term::NamedNode(n) => n.as_str().trim_start_matches("http://example/").to_owned(),
        other => other.to_string(),
    }
}

/// Every (switch, equipment) pair of `grid:losesSupplyIfOpened`, as local names.
fn losses(data: &str) -> BTreeSet<(String, String)> {
    let inf = Engine::new()
        .materialise(&rules("outage.srl"), ttl(data))
        .expect("materialise");
    inf.derived
        .iter()
        .filter(|t| t.predicate.as_str() == LOSES)
        .map(|t| (local(&t.object), local(&t.subject.clone().into())))
        .collect()
}

fn of(losses: &BTreeSet<(String, String)>, switch: &str) -> BTreeSet<String> {
    losses
        .iter()
        .filter(|(s, _)| s == switch)
        .map(|(_, e)| e.clone())
        .collect()
}

fn set(names: &[&str]) -> BTreeSet<String> {
    names.iter().map(|s| s.to_string()).collect()
}

/// Terminals in cim16 with connectivity nodes: `eq n1 n2 …` per line.
fn terminals(lines: &str) -> String {
    let mut out = String::new();
    for line in lines.lines().map(str::trim).filter(|l| !l.is_empty()) {
        let mut parts = line.split_whitespace();
        let eq = parts.next().unwrap();
        for node in parts {
            out.push_str(&format!(
                "[] cim:Terminal.ConductingEquipment :{eq} ; cim:Terminal.ConnectivityNode :{node} .\n"
            ));
        }
    }
    out
}

/// A grid infeed, a breaker to a ring of three cables with a sectionaliser, and a radial
/// spur behind breaker B2 with a normally open point to a dead stub:
///
/// ```text
/// SRC -n0- B1 -n1- C1 -n2- D1 -n3- C2 -n4- C3 -n1        (ring n1-n2-n3-n4-n1)
///                                  n4 - B2 -n5- C4 -n6- LOAD
///                                                  n6 - NOP -n7- STUB
/// ```
fn network() -> String {
    let mut data = String::from(
        ":SRC a cim:ExternalNetworkInjection .
         :B1 a cim:Breaker ; cim:Switch.normalOpen \"false\" .
         :D1 a cim:Disconnector ; cim:Switch.normalOpen \"false\" .
         :B2 a cim:Breaker ; cim:Switch.normalOpen false .
         :NOP a cim:Disconnector ; cim:Switch.normalOpen \"True\" .
         :C1 a cim:ACLineSegment . :C2 a cim:ACLineSegment . :C3 a cim:ACLineSegment .
         :C4 a cim:ACLineSegment . :LOAD a cim:EnergyConsumer . :STUB a cim:EnergyConsumer .
        ",
    );
    data.push_str(&terminals(
        "SRC n0
         B1 n0 n1
         C1 n1 n2
         D1 n2 n3
         C2 n3 n4
         C3 n4 n1
         B2 n4 n5
         C4 n5 n6
         LOAD n6
         NOP n6 n7
         STUB n7",
    ));
    data
}

#[test]
fn parses_and_merges_with_the_supply_rules() {
    let set = rules("outage.srl");
    assert_eq!(set.rules().len(), 15);
    assert_eq!(set.strata().len(), 3);
    RuleSet::merge(&[
        rules("partof.srl"),
        rules("supply.srl"),
        rules("outage.srl"),
    ])
    .expect("partof + supply + outage");
}

#[test]
fn meshed_ring_radial_spur_and_open_point() {
    let l = losses(&network());
    // The head breaker: everything behind it, the breaker itself stays live on its
    // source side; the dead stub behind the open point was never supplied.
    assert_eq!(
        of(&l, "B1"),
        set(&["C1", "D1", "C2", "C3", "B2", "C4", "LOAD", "NOP"])
    );
    // A switch in the ring: the ring is fed from the other side, nothing is lost.
    assert!(of(&l, "D1").is_empty());
    // The spur breaker: its cable and load, and the open point's live side.
    assert_eq!(of(&l, "B2"), set(&["C4", "LOAD", "NOP"]));
    // A normally open switch: opening it changes nothing, so no triples.
    assert!(of(&l, "NOP").is_empty());
    // Only switches are candidates.
    let switches: BTreeSet<String> = l.iter().map(|(s, _)| s.clone()).collect();
    assert_eq!(switches, set(&["B1", "B2"]));
    assert!(!l.iter().any(|(_, e)| e == "STUB" || e == "SRC"));
}

#[test]
fn a_generator_keeps_its_island_supplied() {
    // A synchronous machine with a generating unit on the spur is a source: opening B2
    // leaves the spur fed from it. Without the unit it is a motor and the spur is lost.
    let with_unit = format!(
        "{}:GEN a cim:SynchronousMachine ; cim:RotatingMachine.GeneratingUnit :GU .
         [] cim:Terminal.ConductingEquipment :GEN ; cim:Terminal.ConnectivityNode :n6 .",
        network()
    );
    assert!(of(&losses(&with_unit), "B2").is_empty());
    let motor = format!(
        "{}:GEN a cim:SynchronousMachine .
         [] cim:Terminal.ConductingEquipment :GEN ; cim:Terminal.ConnectivityNode :n6 .",
        network()
    );
    assert_eq!(
        of(&losses(&motor), "B2"),
        set(&["C4", "LOAD", "NOP", "GEN"])
    );
}

#[test]
fn bus_branch_through_topological_nodes_cim100() {
    // No connectivity nodes: terminals on topological nodes (TP profile), CGMES 3.0.
    let data = ":SRC a cim100:EquivalentInjection .
        :BR a cim100:Breaker ; cim100:Switch.normalOpen \"0\" .
        :TR a cim100:PowerTransformer . :LD a cim100:EnergyConsumer .
        [] cim100:Terminal.ConductingEquipment :SRC ; cim100:Terminal.TopologicalNode :t1 .
        [] cim100:Terminal.ConductingEquipment :BR ; cim100:Terminal.TopologicalNode :t1 .
        [] cim100:Terminal.ConductingEquipment :BR ; cim100:Terminal.TopologicalNode :t2 .
        [] cim100:Terminal.ConductingEquipment :TR ; cim100:Terminal.TopologicalNode :t2 .
        [] cim100:Terminal.ConductingEquipment :TR ; cim100:Terminal.TopologicalNode :t3 .
        [] cim100:Terminal.ConductingEquipment :LD ; cim100:Terminal.TopologicalNode :t3 .";
    assert_eq!(of(&losses(data), "BR"), set(&["TR", "LD"]));
}

#[test]
fn topological_nodes_do_not_bridge_a_switch_in_node_breaker_data() {
    // Node-breaker data with its TP: the topology processor put both sides of the closed
    // breaker on one topological node. Adjacency must follow the connectivity nodes, or
    // opening the breaker would seem to cut nothing.
    let data = ":SRC a cim:EnergySource . :BR a cim:Breaker ; cim:Switch.normalOpen \"false\" .
        :LD a cim:EnergyConsumer .
        [] cim:Terminal.ConductingEquipment :SRC ; cim:Terminal.ConnectivityNode :c1 ; cim:Terminal.TopologicalNode :tn .
        [] cim:Terminal.ConductingEquipment :BR ; cim:Terminal.ConnectivityNode :c1 ; cim:Terminal.TopologicalNode :tn .
        [] cim:Terminal.ConductingEquipment :BR ; cim:Terminal.ConnectivityNode :c2 ; cim:Terminal.TopologicalNode :tn .
        [] cim:Terminal.ConductingEquipment :LD ; cim:Terminal.ConnectivityNode :c2 ; cim:Terminal.TopologicalNode :tn .";
    assert_eq!(of(&losses(data), "BR"), set(&["LD"]));
}

#[test]
fn helper_terms_stay_in_the_rules_namespace() {
    let inf = Engine::new()
        .materialise(&rules("outage.srl"), ttl(&network()))
        .expect("materialise");
    let ours = |n: &NamedNode| {
        n.as_str()
            .starts_with("https://w3id.org/twingraph/rules/outage#")
            || n.as_str()
                .starts_with("https://w3id.org/twingraph/def/grid#")
            || n.as_str() == "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
    };
    for t in &inf.derived {
        assert!(ours(&t.predicate), "{t}");
        if let Term::NamedNode(o) = &t.object {
            if t.predicate.as_str().ends_with("#type") {
                assert!(ours(o), "{t}");
            }
        }
    }
}
