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
mod server;

use args::{CiPlatform, CiScanner, Cli, Command};
use clap::Parser;

fn main() {
    let cli = Cli::parse();
    let code = match &cli.command {
        Command::Lint(args) => lint::run(args),
        Command::Rules(args) => rules_cmd::rules(args),
        Command::Explain(args) => rules_cmd::explain(args),
        Command::Ci(args) => ci(args),
        Command::Server => server::run(),
    };
    std::process::exit(code);
}

/// `dockcoach ci`: prints the pipeline the core generates.
fn ci(args: &args::CiArgs) -> i32 {
    use dockcoach_core::knowledge::ci::{Platform, Scanner, pipeline};
    let platform = match args.platform {
        CiPlatform::Github => Platform::Github,
        CiPlatform::Gitlab => Platform::Gitlab,
    };
    let scanner = match args.scanner {
        CiScanner::Trivy => Scanner::Trivy,
        CiScanner::Grype => Scanner::Grype,
    };
    print!("{}", pipeline(platform, scanner));
    0
}
