//! `dockcoach`: the command-line front-end of dockcoach-core.
//!
//! A thin layer: file IO, config discovery, output formats and exit codes. Everything
//! about Dockerfiles lives in the core.

mod args;
mod discover;
mod fixing;
mod lint;
mod output;
mod rules_cmd;

use args::{Cli, Command};
use clap::Parser;

fn main() {
    let cli = Cli::parse();
    let code = match &cli.command {
        Command::Lint(args) => lint::run(args),
        Command::Rules(args) => rules_cmd::rules(args),
        Command::Explain(args) => rules_cmd::explain(args),
    };
    std::process::exit(code);
}
