//! What a user can change about a lint run. Config files (`dockcoach.toml`,
//! `.hadolint.yaml`) are read into this by [`crate::config`].

use crate::collections::StrMap;
use crate::diagnostic::{Diagnostic, Severity};
use std::fmt;

/// A rule's level after the user's overrides: a severity, or off.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Level {
    Off,
    On(Severity),
}

/// What fails a run: the CLI's exit code 1 and the playground's "A CI run would fail".
/// Set by `failure-threshold` (dockcoach.toml, .hadolint.yaml, `--failure-threshold`),
/// hadolint's `no-fail` and `--no-fail`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FailOn {
    /// No finding fails a run (`none`; hadolint also says `ignore` or `no-fail: true`).
    Never,
    /// A finding at or above this severity fails a run.
    AtLeast(Severity),
}

impl Default for FailOn {
    /// hadolint's default: `style` findings alone do not fail a run.
    fn default() -> FailOn {
        FailOn::AtLeast(Severity::Info)
    }
}

impl FailOn {
    /// Parses a `failure-threshold` value: `error`, `warning`, `info`, `style`, or
    /// `none` / `ignore` for [`FailOn::Never`] (any case).
    pub fn parse(name: &str) -> Option<FailOn> {
        match name.to_ascii_lowercase().as_str() {
            "none" | "ignore" => Some(FailOn::Never),
            other => Severity::parse(other).map(FailOn::AtLeast),
        }
    }

    /// The `failure-threshold` value [`FailOn::parse`] reads back: a severity or `none`.
    pub fn as_str(self) -> &'static str {
        match self {
            FailOn::Never => "none",
            FailOn::AtLeast(severity) => severity.as_str(),
        }
    }

    /// True when one of `diagnostics` fails the run. The one place that decides it, for
    /// every front end.
    pub fn fails<'a>(self, diagnostics: impl IntoIterator<Item = &'a Diagnostic>) -> bool {
        match self {
            FailOn::Never => false,
            FailOn::AtLeast(threshold) => diagnostics.into_iter().any(|d| d.severity >= threshold),
        }
    }
}

impl fmt::Display for FailOn {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
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

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
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
    /// What fails a run; `None` means the default ([`FailOn::default`]), which a
    /// written `dockcoach.toml` leaves out.
    pub fail_on: Option<FailOn>,
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
    /// What the CLI's `--fix` applies when no flag says otherwise (`fix = "unsafe"`);
    /// `None` means safe fixes only.
    pub fix_mode: Option<crate::diagnostic::Applicability>,
    /// Where rule links point (`rules-url`): a base or a template with `{code}`; `None`
    /// means the build's default ([`crate::links::DEFAULT_RULES_URL`]).
    pub rules_url: Option<String>,
    /// The text of the `.dockerignore` that applies to the Dockerfile (the CLI reads
    /// `<Dockerfile>.dockerignore` or the one next to it); `None` when there is none.
    /// Not a config-file setting.
    pub dockerignore: Option<String>,
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::text::TextRange;

    fn finding(severity: Severity) -> Diagnostic {
        let meta = crate::rules::rules().first().copied().unwrap();
        Diagnostic {
            meta,
            aliases: meta.aliases,
            severity,
            message: String::new(),
            range: TextRange::new(0, 0),
            fix: None,
        }
    }

    #[test]
    fn fail_on_parses_and_displays() {
        for (name, fail_on) in [
            ("none", FailOn::Never),
            ("error", FailOn::AtLeast(Severity::Error)),
            ("warning", FailOn::AtLeast(Severity::Warning)),
            ("info", FailOn::AtLeast(Severity::Info)),
            ("style", FailOn::AtLeast(Severity::Style)),
        ] {
            assert_eq!(FailOn::parse(name), Some(fail_on), "{name}");
            assert_eq!(fail_on.to_string(), name);
            assert_eq!(FailOn::parse(&name.to_ascii_uppercase()), Some(fail_on));
        }
        // hadolint's other spelling of `none` reads, and is written as `none`.
        assert_eq!(FailOn::parse("ignore"), Some(FailOn::Never));
        for bad in ["", "off", "fatal", "default", " info"] {
            assert_eq!(FailOn::parse(bad), None, "{bad:?}");
        }
        assert_eq!(FailOn::default(), FailOn::AtLeast(Severity::Info));
    }

    #[test]
    fn fail_on_decides_by_the_most_severe_finding() {
        let none: [Diagnostic; 0] = [];
        let style = [finding(Severity::Style)];
        let mixed = [finding(Severity::Style), finding(Severity::Warning)];
        for threshold in Severity::ALL {
            assert!(!FailOn::AtLeast(threshold).fails(&none), "{threshold:?}");
            assert_eq!(
                FailOn::AtLeast(threshold).fails(&mixed),
                threshold <= Severity::Warning,
                "{threshold:?}"
            );
        }
        // The default: style findings alone pass, anything above fails.
        assert!(!FailOn::default().fails(&style));
        assert!(FailOn::default().fails(&mixed));
        assert!(FailOn::AtLeast(Severity::Style).fails(&style));
        for list in [&style[..], &mixed[..]] {
            assert!(!FailOn::Never.fails(list));
        }
    }
}
