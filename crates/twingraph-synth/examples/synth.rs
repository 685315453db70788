//! `cargo run --release -p twingraph-synth --example synth -- <out> [scale] [seed]`
use std::time::Instant;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let out = args.get(1).cloned().unwrap_or_else(|| "/tmp/teed".into());
    let scale = args
        .get(2)
        .map(|s| s.parse().expect("scale"))
        .unwrap_or(twingraph_synth::Scale::Teed);
    let seed = args.get(3).map(|s| s.parse().expect("seed")).unwrap_or(1);
    let t = Instant::now();
    let cfg = twingraph_synth::SynthConfig {
        out_dir: out.into(),
        scale,
        seed,
    };
    let s = twingraph_synth::generate(&cfg, &|f| {
        eprintln!("[{:>7.2}s] {f}", t.elapsed().as_secs_f64())
    })
    .expect("generate");
    let total: u64 = s.files.iter().map(|f| f.1).sum();
    for (p, b, r) in &s.files {
        println!("{:>12} bytes {:>10} rows  {}", b, r, p.display());
    }
    println!(
        "{} locations, {} files, {:.1} MB, {:.2} s",
        s.locations,
        s.files.len(),
        total as f64 / 1e6,
        t.elapsed().as_secs_f64()
    );
}
