//! What a user can change about a lint run. Config files (`dockcoach.toml`,
//! `.hadolint.yaml`) are read into this by [`crate::config`].

use crate::collections::StrMap;
use crate::diagnostic::Severity;

/// A rule's level after the user's overrides: a severity, or off.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Level {
    Off,
    On(Severity),
}

/// The type a label must have under a label schema (hadolint's `label-schema`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum LabelType {
    Text,
    Url,
    Email,
    Semver,
    Rfc3339,
    Hash,
    Spdx,
}

impl LabelType {
    pub fn parse(name: &str) -> Option<LabelType> {
        match name.to_ascii_lowercase().as_str() {
            "text" => Some(LabelType::Text),
            "url" => Some(LabelType::Url),
            "email" => Some(LabelType::Email),
            "semver" => Some(LabelType::Semver),
            "rfc3339" => Some(LabelType::Rfc3339),
            "hash" => Some(LabelType::Hash),
            "spdx" => Some(LabelType::Spdx),
            _ => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            LabelType::Text => "text",
            LabelType::Url => "url",
            LabelType::Email => "email",
            LabelType::Semver => "semver",
            LabelType::Rfc3339 => "rfc3339",
            LabelType::Hash => "hash",
            LabelType::Spdx => "spdx",
        }
    }
}

/// A calendar date (for end-of-life checks).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Date {
    pub year: u16,
    pub month: u8,
    pub day: u8,
}

impl Date {
    /// Parses `YYYY-MM-DD`.
    pub fn parse(text: &str) -> Option<Date> {
        let mut parts = text.trim().splitn(3, '-');
        let year: u16 = parts.next()?.parse().ok()?;
        let month: u8 = parts.next()?.parse().ok()?;
        let day: u8 = parts.next()?.parse().ok()?;
        if !(1..=12).contains(&month) || !(1..=31).contains(&day) {
            return None;
        }
        Some(Date { year, month, day })
    }
}

impl std::fmt::Display for Date {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

/// Everything that changes what a lint run reports.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Settings {
    /// Rule codes, names or aliases to switch off.
    pub ignored: Vec<String>,
    /// Per rule (code, name or alias): a new level. `On` also enables rules that are off by default.
    pub overrides: StrMap<Level>,
    /// Findings below this severity do not fail a run (the CLI's exit code).
    pub failure_threshold: Option<Severity>,
    /// Registries images may come from (hadolint's `trustedRegistries`); empty means any.
    pub trusted_registries: Vec<String>,
    /// Docker Hub namespaces trusted like official images.
    pub trusted_publishers: Vec<String>,
    /// Required labels and their types (hadolint's `label-schema`).
    pub label_schema: StrMap<LabelType>,
    /// Labels not in the schema are reported (hadolint's `strict-labels`).
    pub strict_labels: bool,
    /// Inline `# hadolint ignore=` / `# dockcoach ignore=` comments are not honoured.
    pub disable_ignore_pragma: bool,
    /// The date end-of-life checks use; `None` means the knowledge tables' own date.
    pub today: Option<Date>,
    /// No finding fails a run (`failure-threshold = "none"`, hadolint's `no-fail`).
    /// Wins over `failure_threshold`.
    pub no_fail: bool,
    /// What the CLI's `--fix` applies when no flag says otherwise (`fix = "unsafe"`);
    /// `None` means safe fixes only.
    pub fix_mode: Option<crate::diagnostic::Applicability>,
    /// The text of the `.dockerignore` that applies to the Dockerfile (the CLI reads
    /// `<Dockerfile>.dockerignore` or the one next to it); `None` when there is none.
    /// Not a config-file setting.
    pub dockerignore: Option<String>,
}
