//! `twingraph synth`: write a synthetic district in the real published file formats.

use crate::Outcome;
use crate::cli::SynthArgs;
use anyhow::Context;
use indicatif::{ProgressBar, ProgressStyle};
use std::time::{Duration, Instant};
use twingraph_synth::{Scale, SynthConfig, generate};

/// Runs `synth`, printing each file with its size and the total time.
pub fn run(args: &SynthArgs) -> anyhow::Result<Outcome> {
    let scale: Scale = args.scale.parse()?;
    let bar = ProgressBar::new_spinner();
    bar.set_style(
        ProgressStyle::with_template("{spinner} {elapsed_precise} writing {msg}")
            .context("progress template")?,
    );
    bar.enable_steady_tick(Duration::from_millis(200));
    let start = Instant::now();
    let summary = generate(
        &SynthConfig {
            out_dir: args.out.clone(),
            scale,
            seed: args.seed,
        },
        &|file| bar.set_message(file.to_owned()),
    )
    .with_context(|| format!("cannot generate the district in {}", args.out.display()))?;
    bar.finish_and_clear();
    let elapsed = start.elapsed().as_secs_f64();
    let mut bytes = 0;
    for (path, size, rows) in &summary.files {
        bytes += size;
        println!("{:>14} bytes {:>10} rows  {}", size, rows, path.display());
    }
    eprintln!(
        "wrote {} files ({:.1} MB) for {} addressable locations into {} in {elapsed:.2} s ({:.1} MB/s)",
        summary.files.len(),
        bytes as f64 / 1e6,
        summary.locations,
        args.out.display(),
        bytes as f64 / 1e6 / elapsed.max(1e-9)
    );
    Ok(Outcome::Success)
}
