//! Imports IFC files and prints their summaries.
//!
//! `cargo run --release -p twingraph-ifc --example ifc_import -- [--json] [--nt <out.nt>]
//! [--uprn <n>] [--ifcowl] [--bench [--repeat <n>]] <file.ifc>…`
//!
//! `--json` prints one JSON object keyed by file name (what `tests/python/run.sh` compares
//! with IfcOpenShell); `--bench` times the STEP parse alone and parse + mapping and prints
//! MB/s and entities/s (the best of `--repeat` runs, default 1).

use std::collections::BTreeMap;
use std::io::{BufReader, Write};
use std::time::Instant;
use twingraph_ifc::{ImportOptions, read, step};

fn main() {
    let mut args = std::env::args().skip(1);
    let (mut json, mut bench, mut nt) = (false, false, None);
    let mut repeat = 1usize;
    let mut opts = ImportOptions::default();
    let mut files = Vec::new();
    while let Some(a) = args.next() {
        match a.as_str() {
            "--json" => json = true,
            "--bench" => bench = true,
            "--ifcowl" => opts.ifcowl = true,
            "--nt" => nt = args.next(),
            "--uprn" => opts.uprn = args.next(),
            "--repeat" => {
                repeat = args
                    .next()
                    .and_then(|n| n.parse().ok())
                    .filter(|&n| n > 0)
                    .expect("--repeat takes a positive number")
            }
            _ => files.push(a),
        }
    }
    let mut out = BTreeMap::new();
    let mut failed = false;
    for f in &files {
        let open = || BufReader::with_capacity(1 << 16, std::fs::File::open(f).expect(f));
        if bench {
            let (mut parse, mut total) = (f64::INFINITY, f64::INFINITY);
            let (mut data, mut import) = (None, None);
            for _ in 0..repeat {
                let t = Instant::now();
                let (_, d) = step::read(open()).unwrap_or_else(|e| panic!("{f}: {e}"));
                parse = parse.min(t.elapsed().as_secs_f64());
                data = Some(d);
                let t = Instant::now();
                let i = read(open(), &opts).unwrap_or_else(|e| panic!("{f}: {e}"));
                total = total.min(t.elapsed().as_secs_f64());
                import = Some(i);
            }
            let (Some(data), Some(import)) = (data, import) else {
                continue;
            };
            let mb = data.bytes as f64 / 1e6;
            let n = data.entities.len() as f64;
            println!(
                "{f}: {mb:.1} MB, {n} entities; parse {parse:.5} s = {:.0} MB/s, {:.0} entities/s; parse+map {total:.5} s = {:.0} MB/s, {:.0} entities/s, {} triples",
                mb / parse,
                n / parse,
                mb / total,
                n / total,
                import.summary.triples
            );
            continue;
        }
        match read(open(), &opts) {
            Ok(import) => {
                let s = &import.summary;
                if let Some(path) = &nt {
                    let mut w = std::io::BufWriter::new(std::fs::File::create(path).unwrap());
                    for t in &import.triples {
                        writeln!(w, "{t} .").unwrap();
                    }
                }
                if json {
                    let name = std::path::Path::new(f)
                        .file_name()
                        .map(|n| n.to_string_lossy().into_owned())
                        .unwrap_or_default();
                    out.insert(
                        name,
                        serde_json::json!({
                            "schema": s.schema,
                            "entities": s.entities,
                            "sites": s.sites,
                            "buildings": s.buildings,
                            "storeys": s.storeys,
                            "spaces": s.spaces,
                            "elements": s.elements,
                            "elements_by_class": s.elements_by_class,
                            "relations": s.relations,
                            "triples": s.triples,
                            "uprns": s.uprns,
                        }),
                    );
                } else {
                    println!("{f}\n{s}");
                    for w in &s.warnings {
                        println!("  warning: {w}");
                    }
                }
            }
            Err(e) => {
                eprintln!("{f}: {e}");
                failed = true;
            }
        }
    }
    if json {
        println!("{}", serde_json::to_string_pretty(&out).unwrap());
    }
    if failed {
        std::process::exit(2);
    }
}
