//! Minimal command line over the engine (the real CLI is `twingraph map`):
//! `cargo run --release -p twingraph-rml --example rml_map -- <mapping.ttl> [--base <iri>]
//! [--source name=path]… [--lenient] [--out <file.nq>]` (N-Quads to stdout without `--out`).

use std::io::Write;
use twingraph_rml::{ExecuteOptions, Mapping, SourceResolver, execute_to_nquads};

fn main() {
    if let Err(e) = run() {
        eprintln!("error: {e}");
        std::process::exit(2);
    }
}

fn run() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let mut mapping_path = None;
    let mut options = ExecuteOptions::default();
    let mut sources = Vec::new();
    let mut out = None;
    while let Some(a) = args.next() {
        match a.as_str() {
            "--base" => options.base_iri = Some(args.next().ok_or("--base needs an IRI")?),
            "--source" => {
                let s = args.next().ok_or("--source needs name=path")?;
                let (n, p) = s.split_once('=').ok_or("--source needs name=path")?;
                sources.push((n.to_owned(), p.to_owned()));
            }
            "--lenient" => options.lenient = true,
            "--threads" => {
                options.threads = args.next().ok_or("--threads needs a number")?.parse()?
            }
            "--missing-columns-are-null" => options.missing_columns_are_null = true,
            "--out" => out = Some(args.next().ok_or("--out needs a file")?),
            _ => mapping_path = Some(a),
        }
    }
    let mapping_path =
        std::path::PathBuf::from(mapping_path.ok_or("usage: rml_map <mapping.ttl> …")?);
    let start = std::time::Instant::now();
    let mapping = Mapping::from_path(&mapping_path)?;
    let mut resolver = SourceResolver::for_mapping_file(&mapping_path);
    for (n, p) in sources {
        resolver = resolver.with_source(n, p);
    }
    let writer: Box<dyn Write> = match out {
        Some(o) => Box::new(std::fs::File::create(o)?),
        None => Box::new(std::io::stdout().lock()),
    };
    let stats = execute_to_nquads(
        &mapping,
        &resolver,
        &options,
        std::io::BufWriter::with_capacity(1 << 20, writer),
    )?;
    let secs = start.elapsed().as_secs_f64();
    eprintln!(
        "{} quads ({} duplicates dropped, {} rejected) from {} records in {:.2}s ({:.0} quads/s)",
        stats.quads,
        stats.duplicates,
        stats.rejected.len(),
        stats.records,
        secs,
        stats.quads as f64 / secs
    );
    for r in stats.rejected.iter().take(20) {
        eprintln!("rejected: {r}");
    }
    Ok(())
}
