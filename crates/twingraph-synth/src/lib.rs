#![doc = include_str!("../README.md")]
#![deny(missing_docs)]

use std::path::{Path, PathBuf};
use std::str::FromStr;

mod cgmes;
pub mod civic;
mod epc;
pub mod geo;
mod ifc;
pub mod model;
mod os;
mod out;
pub mod prng;
mod readme;
pub mod stats;
mod transport;

pub use model::District;

/// How big a district to generate.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scale {
    /// The TEED box: about 5,000 addressable locations.
    Teed,
    /// East Birmingham: about 110,000.
    EastBirmingham,
    /// Birmingham: about 450,000.
    City,
    /// A given number of locations.
    Locations(u64),
}

impl Scale {
    /// The target number of addressable locations.
    pub fn locations(self) -> u64 {
        match self {
            Scale::Teed => 5_000,
            Scale::EastBirmingham => 110_000,
            Scale::City => 450_000,
            Scale::Locations(n) => n,
        }
    }
}

impl FromStr for Scale {
    type Err = SynthError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_ascii_lowercase().as_str() {
            "teed" => Ok(Scale::Teed),
            "east-birmingham" | "eastbirmingham" => Ok(Scale::EastBirmingham),
            "city" | "birmingham" => Ok(Scale::City),
            other => match other.replace('_', "").parse::<u64>() {
                Ok(n) if (500..=5_000_000).contains(&n) => Ok(Scale::Locations(n)),
                _ => Err(SynthError::InvalidScale(s.to_string())),
            },
        }
    }
}

/// What to generate and where.
#[derive(Clone, Debug)]
pub struct SynthConfig {
    /// Output folder (created if missing).
    pub out_dir: PathBuf,
    /// Scale.
    pub scale: Scale,
    /// Seed: the same seed gives byte-identical files.
    pub seed: u64,
}

/// What was written.
#[derive(Clone, Debug)]
pub struct SynthSummary {
    /// Files: (path relative to the output folder, bytes, rows or records).
    pub files: Vec<(PathBuf, u64, u64)>,
    /// Addressable locations (UPRNs) generated.
    pub locations: u64,
}

/// Errors from the generator.
#[derive(Debug, thiserror::Error)]
pub enum SynthError {
    /// A file could not be written.
    #[error("cannot write {path}: {source}")]
    Io {
        /// The path.
        path: PathBuf,
        /// The cause.
        source: std::io::Error,
    },
    /// The scale is not `teed`, `east-birmingham`, `city` or a number from 500 to 5,000,000.
    #[error(
        "invalid scale {0:?}: use teed, east-birmingham, city or a number of locations (500 to 5000000)"
    )]
    InvalidScale(String),
}

impl SynthError {
    fn io(path: &Path, source: std::io::Error) -> Self {
        SynthError::Io {
            path: path.to_path_buf(),
            source,
        }
    }
}

/// Generate the district into `config.out_dir`; `progress` is called with
/// each file's relative path before it is written.
pub fn generate(config: &SynthConfig, progress: &dyn Fn(&str)) -> Result<SynthSummary, SynthError> {
    let n = config.scale.locations();
    if !(500..=5_000_000).contains(&n) {
        return Err(SynthError::InvalidScale(n.to_string()));
    }
    progress("(model)");
    let d = District::build(n, config.seed);
    let root = prng::Rng::new(config.seed);
    let mut out = out::Out::new(&config.out_dir, progress);
    os::write(&d, &mut out)?;
    epc::write(&d, &mut root.fork("epc"), &mut out)?;
    transport::write(&d, &mut root.fork("transport"), &mut out)?;
    let subs = cgmes::write(&d, &mut root.fork("cgmes"), &mut out)?;
    ifc::write(&d, &mut root.fork("ifc"), &mut out)?;
    civic::write(&d, &subs, &mut root.fork("civic"), &mut out)?;
    stats::write(&mut root.fork("stats"), &mut out)?;
    readme::write(&d, config, &mut out)?;
    Ok(SynthSummary {
        files: out.files,
        locations: d.locations.len() as u64,
    })
}
