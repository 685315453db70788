//! `twingraph`: the command-line interface and server of the TwinGraph knowledge-graph engine.
//!
//! Exit codes: 0 success, 1 the data failed a check (e.g. validation), 2 bad input or usage.

mod cli;
mod commands;
mod config;

use clap::Parser;
use cli::{Cli, Command, LogFormat};
use config::FileConfig;
use std::process::ExitCode;

/// The outcome of a command that ran to the end: did the data pass its checks?
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// Everything is fine (exit 0).
    Success,
    /// The command worked but the data failed a check (exit 1).
    CheckFailed,
}

fn main() -> ExitCode {
    let cli = Cli::parse(); // clap exits with 2 on usage errors
    let file_config = match FileConfig::load(&cli) {
        Ok(c) => c,
        Err(e) => return fail(&e),
    };
    init_logging(&cli, &file_config);
    match run(&cli, &file_config) {
        Ok(Outcome::Success) => ExitCode::SUCCESS,
        Ok(Outcome::CheckFailed) => ExitCode::from(1),
        Err(e) => fail(&e),
    }
}

fn fail(e: &anyhow::Error) -> ExitCode {
    eprintln!("error: {e:#}");
    ExitCode::from(2)
}

fn run(cli: &Cli, config: &FileConfig) -> anyhow::Result<Outcome> {
    match &cli.command {
        Command::Load(args) => commands::load::run(&commands::open(cli, config)?, config, args),
        Command::Import(args) => commands::import::run(&commands::open(cli, config)?, config, args),
        Command::Map(args) => commands::map::run(cli, config, args),
        Command::LoadDir(args) => commands::load_dir::run(cli, config, args),
        Command::Query(args) => commands::query::query(&commands::open(cli, config)?, args),
        Command::Update(args) => commands::query::update(&commands::open(cli, config)?, args),
        Command::Dump(args) => commands::inspect::dump(&commands::open(cli, config)?, args),
        Command::Graphs(args) => commands::inspect::graphs(&commands::open(cli, config)?, args),
        Command::Stats => commands::inspect::stats(&commands::open(cli, config)?),
        Command::Serve(args) => {
            commands::serve::serve(commands::open(cli, config)?, config.server_config(args))
        }
        Command::Demo(args) => commands::serve::demo(cli, config, args),
        Command::Synth(args) => commands::synth::run(args),
        Command::Validate(args) => commands::validate::run(cli, config, args),
        Command::Ontology(args) => commands::ontology::run(args),
        Command::Rules(args) => commands::rules::check(args),
        Command::Infer(args) => commands::rules::infer(cli, config, args),
    }
}

fn init_logging(cli: &Cli, config: &FileConfig) {
    use tracing_subscriber::EnvFilter;
    let filter = cli
        .log
        .clone()
        .or_else(|| std::env::var("RUST_LOG").ok())
        .or_else(|| config.log.clone())
        .unwrap_or_else(|| "info".to_owned());
    let filter = EnvFilter::try_new(&filter).unwrap_or_else(|e| {
        eprintln!("warning: invalid log filter {filter:?} ({e}); using `info`");
        EnvFilter::new("info")
    });
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_ansi(std::io::IsTerminal::is_terminal(&std::io::stderr()))
        .with_writer(std::io::stderr);
    match cli
        .log_format
        .or(config.log_format)
        .unwrap_or(LogFormat::Text)
    {
        LogFormat::Json => builder.json().init(),
        LogFormat::Text => builder.with_target(false).init(),
    }
}
