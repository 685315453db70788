//! One module per group of subcommands; each is thin: parse arguments, call a library, print.

pub mod gate;
pub mod import;
pub mod inspect;
pub mod load;
pub mod load_dir;
pub mod map;
pub mod ontology;
pub mod query;
pub mod rules;
pub mod serve;
pub mod synth;
pub mod validate;

use crate::cli::Cli;
use crate::config::FileConfig;
use anyhow::Context;
use std::io::Read;
use twingraph_store::TwinStore;

/// Opens the store named by the flags, environment or config file.
pub fn open(cli: &Cli, config: &FileConfig) -> anyhow::Result<TwinStore> {
    let dir = config.store_dir(cli);
    TwinStore::open(&dir).with_context(|| format!("cannot open the store in {}", dir.display()))
}

/// Reads a query or update argument: literal text, `@file`, or `-` for stdin.
pub fn read_text_argument(arg: &str) -> anyhow::Result<String> {
    if arg == "-" {
        let mut text = String::new();
        std::io::stdin()
            .read_to_string(&mut text)
            .context("cannot read stdin")?;
        Ok(text)
    } else if let Some(path) = arg.strip_prefix('@') {
        std::fs::read_to_string(path).with_context(|| format!("cannot read {path}"))
    } else {
        Ok(arg.to_owned())
    }
}

/// Parses an IRI given on the command line.
pub fn parse_iri(iri: &str) -> anyhow::Result<twingraph_store::oxigraph::model::NamedNode> {
    twingraph_store::oxigraph::model::NamedNode::new(iri)
        .with_context(|| format!("invalid IRI <{iri}>"))
}
