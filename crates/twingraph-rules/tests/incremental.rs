//! Incremental maintenance (DRed) equals full recomputation after random add/delete sequences.

use oxigraph::model::{Literal, NamedNode, Triple};
use std::collections::HashSet;
use twingraph_rules::{Engine, RuleSet};

/// xorshift64*: a tiny deterministic PRNG (no dependency).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

fn iri(s: &str) -> NamedNode {
    NamedNode::new(format!("http://example/{s}")).unwrap()
}

const RULES: &str = "PREFIX : <http://example/>
RULE { ?x :reach ?y } WHERE { ?x :edge ?y }
RULE { ?x :reach ?z } WHERE { ?x :reach ?y . ?y :edge ?z }
RULE { ?y :edge ?x } WHERE { ?x :sym ?y }
RULE { ?x :type ?d } WHERE { ?x :type ?c . ?c :sub ?d }
RULE { ?c :sub ?e } WHERE { ?c :sub ?d . ?d :sub ?e }
RULE { ?x :heavy true } WHERE { ?x :w ?v FILTER(?v > 5) }
RULE { ?x :w2 ?v2 } WHERE { ?x :w ?v SET(?v2 := ?v * 2) }
RULE { ?y :type ?c } WHERE { ?x :reach ?y . ?x :type ?c . ?c :sub :Spread }
";

fn random_triple(rng: &mut Rng, nodes: u64) -> Triple {
    let n = |rng: &mut Rng| iri(&format!("n{}", rng.below(nodes)));
    let c = |rng: &mut Rng| iri(&format!("C{}", rng.below(5)));
    match rng.below(6) {
        0 | 1 => Triple::new(n(rng), iri("edge"), n(rng)),
        2 => Triple::new(n(rng), iri("sym"), n(rng)),
        3 => Triple::new(n(rng), iri("type"), c(rng)),
        4 => {
            let d = if rng.below(4) == 0 {
                iri("Spread")
            } else {
                c(rng)
            };
            Triple::new(c(rng), iri("sub"), d)
        }
        _ => Triple::new(n(rng), iri("w"), Literal::from(rng.below(10) as i64)),
    }
}

fn check(rules: &RuleSet, seed: u64, steps: usize, expect_incremental: bool) {
    let mut rng = Rng(seed);
    let mut base: Vec<Triple> = (0..40).map(|_| random_triple(&mut rng, 12)).collect();
    let mut m = Engine::new()
        .with_explanations(true)
        .start(rules, base.clone())
        .unwrap();
    assert_eq!(m.is_incremental(), expect_incremental);
    for step in 0..steps {
        let mut add = Vec::new();
        let mut remove = Vec::new();
        for _ in 0..=rng.below(4) {
            if rng.below(2) == 0 && !base.is_empty() {
                let k = rng.below(base.len() as u64) as usize;
                remove.push(base.swap_remove(k));
            } else {
                let t = random_triple(&mut rng, 12);
                add.push(t.clone());
                base.push(t);
            }
        }
        // `base` is a multiset; the engine's base is the set of what remains present.
        let present: HashSet<Triple> = base.iter().cloned().collect();
        remove.retain(|t| !present.contains(t));
        add.retain(|t| present.contains(t));
        let batch = format!("add {add:?} remove {remove:?}");
        let stats = m.update(add, remove).unwrap();
        assert_eq!(stats.incremental, expect_incremental);
        let incremental: HashSet<Triple> = m.derived().into_iter().collect();
        assert_eq!(
            stats.derived,
            incremental.len(),
            "seed {seed} step {step} {batch}: hidden facts"
        );
        assert_eq!(
            stats.base,
            present.len(),
            "seed {seed} step {step} {batch}: base differs {stats:?}"
        );
        let full: HashSet<Triple> = Engine::new()
            .materialise(rules, present.iter().cloned())
            .unwrap()
            .derived
            .into_iter()
            .collect();
        assert_eq!(
            incremental.len(),
            full.len(),
            "seed {seed} step {step} {batch} {stats:?}: missing {:?} extra {:?}",
            full.difference(&incremental).take(3).collect::<Vec<_>>(),
            incremental.difference(&full).take(3).collect::<Vec<_>>()
        );
        assert_eq!(incremental, full, "seed {seed} step {step}");
        for t in incremental.iter().take(5) {
            assert!(m.explain(t).is_some(), "explanation kept for {t}");
        }
    }
}

#[test]
fn dred_equals_recompute() {
    let rules = RuleSet::parse(RULES, None).unwrap();
    for seed in 1..=12 {
        check(&rules, seed * 0x9e37_79b9_7f4a_7c15, 40, true);
    }
}

#[test]
fn owl2rl_dred_equals_recompute() {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../ontology/rules/owl2rl.srl"
    ))
    .unwrap();
    let mut rules_text = text;
    rules_text.push_str(
        "PREFIX : <http://example/>\nRULE { ?p a owl:TransitiveProperty } WHERE { ?p :sub :Spread }\n\
         RULE { ?x owl:sameAs ?y } WHERE { ?x :sym ?y . ?y :sym ?x }\n\
         RULE { ?x rdf:type ?c } WHERE { ?x :type ?c }\nRULE { ?c rdfs:subClassOf ?d } WHERE { ?c :sub ?d }\n",
    );
    let rules = RuleSet::parse(&rules_text, None).unwrap();
    for seed in 1..=4 {
        check(&rules, seed * 0x1234_5678_9abc_def1, 25, true);
    }
}

#[test]
fn negation_falls_back_to_recompute() {
    let rules = RuleSet::parse(
        "PREFIX : <http://example/>\nRULE { ?x :reach ?y } WHERE { ?x :edge ?y }\n\
         RULE { ?x :reach ?z } WHERE { ?x :reach ?y . ?y :edge ?z }\n\
         RULE { ?x :isolated true } WHERE { ?x :type ?c NOT { ?x :reach ?y } }",
        None,
    )
    .unwrap();
    check(&rules, 7, 20, false);
}

#[test]
fn full_materialisation_is_a_fixpoint() {
    let rules = RuleSet::parse(RULES, None).unwrap();
    for seed in 1..=40u64 {
        let mut rng = Rng(seed * 0x9e37_79b9_7f4a_7c15);
        let base: Vec<Triple> = (0..60).map(|_| random_triple(&mut rng, 12)).collect();
        let first = Engine::new()
            .materialise(&rules, base.clone())
            .unwrap()
            .derived;
        let mut all = base.clone();
        all.extend(first.iter().cloned());
        let more = Engine::new().materialise(&rules, all).unwrap().derived;
        assert!(
            more.is_empty(),
            "seed {seed}: not a fixpoint, {} more e.g. {:?}",
            more.len(),
            more.first()
        );
    }
}
