//! The command line, as clap derive types.

use clap::{Args, Parser, Subcommand, ValueEnum};
use dockcoach_core::settings::Date;
use dockcoach_core::{FailOn, Severity};
use std::path::PathBuf;

const LINT_AFTER_HELP: &str = "\
Paths:
  A directory is searched recursively for Dockerfile, *.Dockerfile, Dockerfile.*,
  Containerfile, *.Containerfile and Containerfile.* (any case; *.dockerignore files
  are skipped), in sorted order, skipping .git, node_modules and target directories.
  A file named on the command line is linted whatever its name. `-` reads standard input.

Configuration:
  --config FILE wins. Otherwise dockcoach looks in the current directory, then in each
  parent directory up to the filesystem root, for the first of:
    .dockcoach.toml, dockcoach.toml, .hadolint.yaml, .hadolint.yml
  and uses that one file. Flags override the file: --failure-threshold, --no-fail and
  --today replace its values; --ignore and --trusted-registry add to its lists.

Exit status:
  0  no finding at or above the failure threshold (default: info, as in hadolint)
  1  findings at or above the threshold; with --diff: fixes would change a file
  2  usage, configuration or IO error (unreadable or binary file, directory without
     Dockerfiles); the other files are still linted and reported";

const ROOT_AFTER_HELP: &str = "\
Examples:
  dockcoach lint                      lint every Dockerfile under the current directory
  dockcoach lint Dockerfile --fix     apply the safe fixes in place
  dockcoach lint --diff .             show what --fix would change
  dockcoach lint --format sarif . > dockcoach.sarif
  cat Dockerfile | dockcoach lint -
  dockcoach explain DL3020            why a rule exists and how to fix its findings
  dockcoach ci github > .github/workflows/dockcoach.yml
                                      lint, build and scan in CI (also: gitlab, --scanner grype)";

/// dockcoach: a Dockerfile best-practice and security linter that also fixes what it finds.
#[derive(Debug, Parser)]
#[command(name = "dockcoach", version, about, after_help = ROOT_AFTER_HELP)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Lint Dockerfiles, and optionally fix them.
    #[command(after_help = LINT_AFTER_HELP)]
    Lint(LintArgs),
    /// List every rule: code, name, default severity, fix availability, aliases.
    Rules(RulesArgs),
    /// Show a rule's documentation (by code, name or alias, e.g. DL3020, FromAsCasing).
    Explain(ExplainArgs),
    /// Print a CI pipeline that lints the Dockerfiles with dockcoach, builds the image and
    /// scans it for vulnerabilities (fails on HIGH/CRITICAL).
    Ci(CiArgs),
    /// Run the language server for editors (LSP over standard input and output).
    ///
    /// Diagnostics as you type, fixes and "ignore" comments as code actions, rule docs on
    /// hover; the config is found per workspace folder as `lint` finds it. Setup notes for
    /// VS Code, Neovim, Helix and Zed are in the README ("In your editor").
    Server,
}

#[derive(Debug, Args)]
pub struct LintArgs {
    /// Files or directories to lint; `-` reads standard input.
    #[arg(value_name = "PATH", default_value = ".")]
    pub paths: Vec<PathBuf>,

    /// Apply fixes and write the files in place (safe fixes, unless the config says
    /// `fix = "unsafe"`), then report what remains. For `-`, the fixed text goes to
    /// stdout and the report to stderr.
    #[arg(long)]
    pub fix: bool,

    /// Include unsafe fixes (fixes that may change what the image does) in what --fix and
    /// --diff apply and what the report counts as fixable. Writes nothing by itself.
    #[arg(long)]
    pub unsafe_fixes: bool,

    /// Apply only safe fixes, even when the config says `fix = "unsafe"`.
    #[arg(long, conflicts_with = "unsafe_fixes")]
    pub no_unsafe_fixes: bool,

    /// Print a unified diff of what --fix would change and write nothing; exits 1 when
    /// there would be changes.
    #[arg(long)]
    pub diff: bool,

    /// Output format of the report.
    #[arg(long, short = 'f', value_enum, default_value_t = Format::Tty)]
    pub format: Format,

    /// Use this config file instead of looking for one (.dockcoach.toml, dockcoach.toml,
    /// .hadolint.yaml or .hadolint.yml).
    #[arg(long, short = 'c', value_name = "FILE", conflicts_with = "no_config")]
    pub config: Option<PathBuf>,

    /// Do not read any config file.
    #[arg(long)]
    pub no_config: bool,

    /// Switch a rule off (code, name or alias). Repeatable; comma lists work too.
    #[arg(long, value_name = "RULE", value_delimiter = ',', value_parser = parse_rule)]
    pub ignore: Vec<String>,

    /// Exit 1 only for findings at or above this severity [default: info].
    #[arg(long, short = 't', value_enum, value_name = "SEVERITY")]
    pub failure_threshold: Option<Threshold>,

    /// Always exit 0 when the files could be linted, whatever was found.
    #[arg(long)]
    pub no_fail: bool,

    /// The date end-of-life checks compare against (YYYY-MM-DD) [default: the date of
    /// dockcoach's own end-of-life tables].
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_today)]
    pub today: Option<Date>,

    /// A registry that FROM images may come from (e.g. docker.io). Repeatable; comma
    /// lists work too. Adds to the config's list.
    #[arg(long, value_name = "REGISTRY", value_delimiter = ',')]
    pub trusted_registry: Vec<String>,

    /// Never colour the output (colour is used only on a terminal, and never when the
    /// NO_COLOR environment variable is set).
    #[arg(long)]
    pub no_color: bool,

    /// The file name to report for standard input (`-`).
    #[arg(long, value_name = "NAME")]
    pub stdin_filename: Option<String>,

    /// Lint with this many threads (the report is the same whatever the number)
    /// [default: DOCKCOACH_JOBS, else one per core].
    #[arg(long, short = 'j', value_name = "N")]
    pub jobs: Option<usize>,

    /// Where rule links point (JSON `url`, SARIF `helpUri`, `explain`): a URL with
    /// `{code}` in it, or a base the code is appended to. Overrides the config's
    /// `rules-url` [default: the build's DOCKCOACH_RULES_URL, else docs/rules/{code}.md
    /// in the dockcoach repository].
    #[arg(long, value_name = "URL")]
    pub rules_url: Option<String>,
}

#[derive(Debug, Args)]
pub struct RulesArgs {
    /// Output format.
    #[arg(long, short = 'f', value_enum, default_value_t = RulesFormat::Tty)]
    pub format: RulesFormat,

    /// Never colour the output.
    #[arg(long)]
    pub no_color: bool,

    /// Where rule links point (JSON `url`, SARIF `helpUri`, `explain`): a URL with
    /// `{code}` in it, or a base the code is appended to. Overrides the config's
    /// `rules-url` [default: the build's DOCKCOACH_RULES_URL, else docs/rules/{code}.md
    /// in the dockcoach repository].
    #[arg(long, value_name = "URL")]
    pub rules_url: Option<String>,
}

#[derive(Debug, Args)]
pub struct CiArgs {
    /// Where the pipeline runs.
    #[arg(value_enum, value_name = "PLATFORM")]
    pub platform: CiPlatform,

    /// The image scanner: Trivy, or Grype (which replaced the retired Anchore Engine).
    #[arg(long, value_enum, default_value_t = CiScanner::Trivy)]
    pub scanner: CiScanner,
}

/// `dockcoach ci` platforms.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum CiPlatform {
    /// A GitHub Actions workflow (.github/workflows/dockcoach.yml).
    Github,
    /// A GitLab CI/CD configuration (.gitlab-ci.yml).
    Gitlab,
}

/// `dockcoach ci --scanner` values.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum CiScanner {
    Trivy,
    Grype,
}

#[derive(Debug, Args)]
pub struct ExplainArgs {
    /// A rule code, name or alias: DL3020, untagged-base-image, CKV_DOCKER_4, ...
    #[arg(value_name = "RULE")]
    pub rule: String,

    /// Never colour the output.
    #[arg(long)]
    pub no_color: bool,

    /// Where rule links point (JSON `url`, SARIF `helpUri`, `explain`): a URL with
    /// `{code}` in it, or a base the code is appended to. Overrides the config's
    /// `rules-url` [default: the build's DOCKCOACH_RULES_URL, else docs/rules/{code}.md
    /// in the dockcoach repository].
    #[arg(long, value_name = "URL")]
    pub rules_url: Option<String>,
}

/// Report formats of `dockcoach lint`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// Human-readable, with the source lines and fixes.
    Tty,
    /// A JSON array; hadolint's keys plus end positions, rule name, aliases and fix.
    Json,
    /// SARIF 2.1.0 (GitHub code scanning, IDEs).
    Sarif,
    /// Checkstyle XML.
    Checkstyle,
    /// GitLab Code Quality JSON.
    #[value(alias = "gitlab_codeclimate")]
    Gitlab,
    /// `file:line.col-end_line.end_col: level: message [code]`.
    Gnu,
    /// JUnit XML, one test suite per file.
    Junit,
    /// GitHub Actions workflow commands (annotations).
    Github,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum RulesFormat {
    Tty,
    Json,
}

/// `--failure-threshold` values.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Threshold {
    Error,
    Warning,
    Info,
    Style,
    /// Never fail because of findings.
    #[value(alias = "ignore")]
    None,
}

impl From<Threshold> for FailOn {
    fn from(threshold: Threshold) -> FailOn {
        match threshold {
            Threshold::Error => FailOn::AtLeast(Severity::Error),
            Threshold::Warning => FailOn::AtLeast(Severity::Warning),
            Threshold::Info => FailOn::AtLeast(Severity::Info),
            Threshold::Style => FailOn::AtLeast(Severity::Style),
            Threshold::None => FailOn::Never,
        }
    }
}

fn parse_rule(name: &str) -> Result<String, String> {
    let name = name.trim();
    match dockcoach_core::rules::find(name) {
        Some(_) => Ok(name.to_string()),
        None => Err(format!(
            "unknown rule `{name}` (`dockcoach rules` lists them)"
        )),
    }
}

fn parse_today(text: &str) -> Result<Date, String> {
    dockcoach_core::config::parse_date("--today", text).map_err(|e| e.message)
}
