#![doc = include_str!("../README.md")]
#![deny(missing_docs)]

pub mod compare;
mod error;
pub mod manifest;
pub mod report;
pub mod results;
pub mod sparql;
pub mod vocab;
mod watchdog;

pub use error::TestsuiteError;

use std::path::PathBuf;

/// Environment variable overriding the location of the shared test data folder.
pub const SHARED_DATA_ENV: &str = "TWINGRAPH_SHARED_DATA";

/// The shared data folder: `$TWINGRAPH_SHARED_DATA` when set, else `<manifest_dir>/../shared/data`
/// (the repository's parent holds `shared/`). Pass `env!("CARGO_MANIFEST_DIR")` of the caller.
///
/// The folder may not exist; callers report the tests as skipped in that case.
pub fn shared_data_dir(manifest_dir: &str) -> PathBuf {
    match std::env::var_os(SHARED_DATA_ENV) {
        Some(dir) if !dir.is_empty() => PathBuf::from(dir),
        _ => PathBuf::from(manifest_dir)
            .join("..")
            .join("shared")
            .join("data"),
    }
}
