//! Incremental maintenance against full recomputation, on real files.
//!
//! `cargo run --release -p twingraph-rules --example incremental -- [--delete 0.01] [--seed 1]
//! [--fixed <ontology.nt>]… <rules.srl>… -- <data.nt>…`
//!
//! Materialises the rule sets over the `--fixed` files and the data, then removes a seeded
//! random fraction (default 1 %) of the data triples (never of the `--fixed` ones, e.g. the
//! ontology) and brings the derived triples up to date twice: with
//! [`Materialisation::update`] (DRed) and with a full recomputation over the remaining base.
//! Prints both times, their ratio, and whether the two derived sets are equal (exit 1 when
//! they differ). Used by `benches/rules_vs_reasonable.sh`.

use oxigraph::io::{RdfFormat, RdfParser};
use oxigraph::model::Triple;
use std::collections::HashSet;
use std::path::PathBuf;
use std::time::Instant;
use twingraph_rules::{Engine, RuleSet};

fn main() {
    let mut fraction = 0.01_f64;
    let mut seed = 1_u64;
    let (mut rules, mut data, mut fixed) = (Vec::new(), Vec::new(), Vec::new());
    let mut after_separator = false;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--delete" => {
                fraction = args
                    .next()
                    .and_then(|v| v.parse().ok())
                    .expect("--delete F")
            }
            "--seed" => seed = args.next().and_then(|v| v.parse().ok()).expect("--seed N"),
            "--fixed" => fixed.push(PathBuf::from(args.next().expect("--fixed FILE"))),
            "--" => after_separator = true,
            _ if after_separator => data.push(PathBuf::from(a)),
            _ => rules.push(PathBuf::from(a)),
        }
    }
    assert!(
        !rules.is_empty() && !data.is_empty(),
        "usage: see the example's doc comment"
    );
    let sets: Vec<RuleSet> = rules
        .iter()
        .map(|p| {
            let text = std::fs::read_to_string(p).expect("read rules");
            RuleSet::parse(&text, None).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
        })
        .collect();
    let rules = RuleSet::merge(&sets).expect("merge rule sets");
    let read = |paths: &[PathBuf]| -> Vec<Triple> {
        let mut out = Vec::new();
        for p in paths {
            let file = std::fs::File::open(p).expect("read data");
            for q in RdfParser::from_format(RdfFormat::NTriples)
                .for_reader(std::io::BufReader::new(file))
            {
                out.push(q.expect("valid N-Triples").into());
            }
        }
        out
    };
    let fixed = read(&fixed);
    let base = read(&data);
    let engine = Engine::new();
    let t = Instant::now();
    let mut m = engine
        .start(&rules, fixed.iter().chain(&base).cloned())
        .expect("materialise");
    let full = t.elapsed().as_secs_f64();
    let derived = m.derived().len();
    println!(
        "materialise: {} base triples, {derived} derived in {full:.3} s (incremental: {})",
        fixed.len() + base.len(),
        m.is_incremental()
    );

    // A seeded xorshift choice of the triples to delete.
    let mut state = seed.max(1);
    let mut next = || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    let threshold = (fraction * u64::MAX as f64) as u64;
    let (removed, kept): (Vec<Triple>, Vec<Triple>) =
        base.into_iter().partition(|_| next() < threshold);

    let t = Instant::now();
    m.update(std::iter::empty(), removed.iter().cloned())
        .expect("incremental update");
    let incremental = t.elapsed().as_secs_f64();
    let t = Instant::now();
    let recomputed = engine
        .materialise(&rules, fixed.iter().chain(&kept).cloned())
        .expect("recompute");
    let recompute = t.elapsed().as_secs_f64();
    let a: HashSet<Triple> = m.derived().into_iter().collect();
    let b: HashSet<Triple> = recomputed.derived.iter().cloned().collect();
    println!(
        "delete {} data triples ({:.2} %): incremental {incremental:.3} s, full recompute \
         {recompute:.3} s, ratio {:.1}x; derived after: {} (recompute {}), equal: {}",
        removed.len(),
        fraction * 100.0,
        recompute / incremental.max(1e-9),
        a.len(),
        b.len(),
        a == b
    );
    if a != b {
        std::process::exit(1);
    }
}
