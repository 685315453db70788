//! Throughput of the adapter against oxigraph's generic RDF/XML parser on the same
//! files (the largest shared grids), in memory (no store). Ignored by default; run with
//! `cargo test --release -p twingraph-cim --test bench -- --ignored --nocapture`.

mod common;

use common::{cgmes_dir, xml_files};
use oxigraph::io::{RdfFormat, RdfParser};
use std::time::Instant;
use twingraph_cim::{CimOptions, Source, read_sources};

#[test]
#[ignore = "benchmark; run explicitly"]
fn adapter_against_generic_rdfxml_parser() {
    let Some(root) = cgmes_dir() else {
        println!("SKIPPED: shared data not found");
        return;
    };
    let sets: &[(&str, &[&str])] = &[
        (
            "MiniGrid node-breaker + boundary",
            &[
                "minigrid/cimxml/NodeBreaker/BaseCase_Complete_v3",
                "minigrid/cimxml/NodeBreaker/Boundary_v3",
            ],
        ),
        (
            "MicroGrid BE + NL + BD",
            &[
                "microgrid/cimxml/BaseCase_BC/BE_v2",
                "microgrid/cimxml/BaseCase_BC/NL_v2",
                "microgrid/cimxml/BaseCase_BC/BD_v2",
            ],
        ),
    ];
    let extra = std::env::var_os("TWINGRAPH_CIM_BENCH_DIR").map(std::path::PathBuf::from);
    let mut sets: Vec<(String, Vec<std::path::PathBuf>)> = sets
        .iter()
        .map(|(name, dirs)| {
            (
                name.to_string(),
                dirs.iter().map(|d| root.join(d)).collect(),
            )
        })
        .collect();
    if let Some(dir) = extra {
        sets.push((dir.display().to_string(), vec![dir]));
    }
    let rounds = 30;
    for (name, dirs) in &sets {
        let sources: Vec<Source> = dirs
            .iter()
            .flat_map(|d| xml_files(d))
            .map(|p| Source {
                name: p.display().to_string(),
                data: std::fs::read(&p).unwrap(),
            })
            .collect();
        let bytes: usize = sources.iter().map(|s| s.data.len()).sum();
        let raw_once = |s: &Source| {
            RdfParser::from_format(RdfFormat::RdfXml)
                .with_base_iri("http://twingraph.invalid/cim")
                .unwrap()
                .for_slice(&s.data)
                .inspect(|q| assert!(q.is_ok()))
                .count()
        };
        // Warm up both, then alternate them round by round and keep each one's best round,
        // so that load from other processes affects both alike.
        let triples = read_sources(sources.clone(), &CimOptions::default())
            .unwrap()
            .quads
            .len();
        let raw_triples: usize = sources.iter().map(raw_once).sum();
        let rounds = if bytes > 10_000_000 { 5 } else { rounds };
        let (mut adapter, mut raw) = (f64::INFINITY, f64::INFINITY);
        for _ in 0..rounds {
            let start = Instant::now();
            let i = read_sources(sources.clone(), &CimOptions::default()).unwrap();
            adapter = adapter.min(start.elapsed().as_secs_f64());
            assert_eq!(i.quads.len(), triples);
            let start = Instant::now();
            let n: usize = sources.iter().map(raw_once).sum();
            raw = raw.min(start.elapsed().as_secs_f64());
            assert_eq!(n, raw_triples);
        }
        println!(
            "{name}: {} files, {:.1} MB; adapter {triples} triples in {:.1} ms ({:.0} triples/s); oxigraph RDF/XML {raw_triples} triples in {:.1} ms ({:.0} triples/s); adapter cost {:+.0}%",
            sources.len(),
            bytes as f64 / 1e6,
            adapter * 1e3,
            triples as f64 / adapter,
            raw * 1e3,
            raw_triples as f64 / raw,
            (adapter / raw - 1.0) * 100.0
        );
    }
}
