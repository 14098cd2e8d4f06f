//! Config files: `dockcoach.toml` / `.dockcoach.toml` and hadolint's `.hadolint.yaml`.
//!
//! Pure: every function takes the file's text and returns [`Settings`] or a
//! [`ConfigError`] that names the offending key. Finding and reading the file is the
//! front-end's job (the CLI prefixes the error with the file's path).
//!
//! Both formats are read by small parsers of our own, [`toml`] and [`yaml`], rather
//! than the `toml` and `yaml-rust2` crates: with their dependencies those weighed about
//! 150 KB in the playground's wasm. `differential_tests.rs` holds ours to theirs (they
//! stay as dev-dependencies). Keys are visited in file order, so with several bad keys
//! the first one in the file is the one reported.
//!
//! The `dockcoach.toml` schema (every key optional, unknown keys are errors):
//!
//! ```toml
//! failure-threshold = "warning"      # error | warning | info | style | none
//! ignore = ["DL3008", "untagged-base-image"]   # rule codes, names or aliases
//! fix = "safe"                       # safe | unsafe: what `--fix` applies
//! today = "2026-11-27"               # the date end-of-life checks use (or a TOML date)
//! rules-url = "https://example.org/rules/{code}.html"   # where rule links point
//! trusted-registries = ["docker.io", "ghcr.io"]
//! trusted-publishers = ["bitnami"]
//! strict-labels = false
//! disable-ignore-pragma = false
//!
//! [severity]                         # per rule: error | warning | info | style | off
//! DL3008 = "off"
//!
//! [label-schema]                     # per label: text | url | email | semver | rfc3339 | hash | spdx
//! maintainer = "email"
//! ```

mod scan;
pub use scan::SyntaxError;
mod toml;
mod yaml;

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod differential_tests;
#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod toml_tests;
#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod yaml_tests;

use crate::diagnostic::{Applicability, Severity};
use crate::settings::{Date, FailOn, LabelType, Level, Settings};
use std::fmt;
use toml::Value;
use yaml::Yaml;

/// A config file that could not be read into [`Settings`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ConfigError {
    /// The offending key as a path (`severity.DL3008`, `ignore[2]`); empty when the
    /// file itself does not parse.
    pub key: String,
    /// Why, as one line.
    pub message: String,
}

impl ConfigError {
    fn new(key: impl Into<String>, message: impl Into<String>) -> ConfigError {
        ConfigError {
            key: key.into(),
            message: message.into(),
        }
    }
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.key.is_empty() {
            f.write_str(&self.message)
        } else {
            write!(f, "{}: {}", self.key, self.message)
        }
    }
}

impl std::error::Error for ConfigError {}

/// The top-level keys of `dockcoach.toml`, in the order [`to_dockcoach_toml`] writes them.
pub const DOCKCOACH_TOML_KEYS: &[&str] = &[
    "failure-threshold",
    "ignore",
    "fix",
    "today",
    "rules-url",
    "trusted-registries",
    "trusted-publishers",
    "strict-labels",
    "disable-ignore-pragma",
    "severity",
    "label-schema",
];

/// The top-level keys hadolint reads from `.hadolint.yaml`.
pub const HADOLINT_YAML_KEYS: &[&str] = &[
    "failure-threshold",
    "ignored",
    "override",
    "trustedRegistries",
    "trusted-registries",
    "label-schema",
    "strict-labels",
    "disable-ignore-pragma",
    "no-fail",
    "no-color",
    "verbose",
    "format",
    "output-format",
];

const SEVERITY_NAMES: &str = "error, warning, info, style";
const LABEL_TYPE_NAMES: &str = "text, url, email, semver, rfc3339, hash, spdx";

// ---------------------------------------------------------------------------------------
// dockcoach.toml

/// Reads a `dockcoach.toml` / `.dockcoach.toml`.
pub fn parse_dockcoach_toml(text: &str) -> Result<Settings, ConfigError> {
    let table = toml::parse(text).map_err(|err| {
        ConfigError::new(
            "",
            format!(
                "invalid TOML at line {}, column {}: {}",
                err.line, err.column, err.message
            ),
        )
    })?;
    let mut settings = Settings::default();
    for (key, value) in table.iter() {
        match key {
            "failure-threshold" => {
                let name = toml_str(key, value)?;
                settings.fail_on = Some(FailOn::parse(name).ok_or_else(|| {
                    ConfigError::new(
                        key,
                        format!(
                            "unknown severity `{name}` (expected one of: {SEVERITY_NAMES}, none)"
                        ),
                    )
                })?);
            }
            "ignore" => {
                for (i, name) in toml_str_list(key, value)?.into_iter().enumerate() {
                    check_rule(&format!("{key}[{i}]"), name)?;
                    settings.ignored.push(name.to_string());
                }
            }
            "fix" => {
                let name = toml_str(key, value)?;
                settings.fix_mode = Some(match name.to_ascii_lowercase().as_str() {
                    "safe" => Applicability::Safe,
                    "unsafe" => Applicability::Unsafe,
                    _ => {
                        return Err(ConfigError::new(
                            key,
                            format!("unknown fix mode `{name}` (expected `safe` or `unsafe`)"),
                        ));
                    }
                });
            }
            "today" => settings.today = Some(toml_date(key, value)?),
            "rules-url" => {
                let url = toml_str(key, value)?.trim();
                if url.is_empty() {
                    return Err(ConfigError::new(key, "a rules URL cannot be empty"));
                }
                settings.rules_url = Some(url.to_string());
            }
            "trusted-registries" => {
                settings.trusted_registries = non_empty_strings(key, toml_str_list(key, value)?)?;
            }
            "trusted-publishers" => {
                settings.trusted_publishers = non_empty_strings(key, toml_str_list(key, value)?)?;
            }
            "strict-labels" => settings.strict_labels = toml_bool(key, value)?,
            "disable-ignore-pragma" => settings.disable_ignore_pragma = toml_bool(key, value)?,
            "severity" => {
                let rules = toml_table(key, value)?;
                for (rule, level) in rules.iter() {
                    let path = format!("{key}.{}", toml_key(rule));
                    check_rule(&path, rule)?;
                    let name = toml_str(&path, level)?;
                    let level = parse_level(name).ok_or_else(|| {
                        ConfigError::new(
                            &path,
                            format!(
                                "unknown severity `{name}` (expected one of: {SEVERITY_NAMES}, off)"
                            ),
                        )
                    })?;
                    settings.overrides.insert(rule.to_string(), level);
                }
            }
            "label-schema" => {
                let labels = toml_table(key, value)?;
                for (label, kind) in labels.iter() {
                    let path = format!("{key}.{}", toml_key(label));
                    if label.trim().is_empty() {
                        return Err(ConfigError::new(path, "a label name cannot be empty"));
                    }
                    let name = toml_str(&path, kind)?;
                    let kind = label_type(&path, name)?;
                    settings.label_schema.insert(label.to_string(), kind);
                }
            }
            _ => return Err(unknown_key(key, DOCKCOACH_TOML_KEYS, dockcoach_hint(key))),
        }
    }
    Ok(settings)
}

/// Writes settings as a `dockcoach.toml` that [`parse_dockcoach_toml`] reads back to
/// equal settings. Only keys that differ from the defaults are written.
pub fn to_dockcoach_toml(settings: &Settings) -> String {
    let mut out = String::from("# dockcoach configuration\n");
    if let Some(fail_on) = settings.fail_on {
        out.push_str(&format!(
            "failure-threshold = {}\n",
            quote(fail_on.as_str())
        ));
    }
    if !settings.ignored.is_empty() {
        out.push_str(&format!("ignore = {}\n", list(&settings.ignored)));
    }
    if let Some(mode) = settings.fix_mode {
        out.push_str(&format!("fix = {}\n", quote(mode.as_str())));
    }
    if let Some(today) = settings.today {
        out.push_str(&format!("today = {}\n", quote(&today.to_string())));
    }
    if let Some(url) = &settings.rules_url {
        out.push_str(&format!("rules-url = {}\n", quote(url)));
    }
    if !settings.trusted_registries.is_empty() {
        out.push_str(&format!(
            "trusted-registries = {}\n",
            list(&settings.trusted_registries)
        ));
    }
    if !settings.trusted_publishers.is_empty() {
        out.push_str(&format!(
            "trusted-publishers = {}\n",
            list(&settings.trusted_publishers)
        ));
    }
    if settings.strict_labels {
        out.push_str("strict-labels = true\n");
    }
    if settings.disable_ignore_pragma {
        out.push_str("disable-ignore-pragma = true\n");
    }
    if !settings.overrides.is_empty() {
        out.push_str("\n[severity]\n");
        for (rule, level) in &settings.overrides {
            let level = match level {
                Level::Off => "off",
                Level::On(severity) => severity.as_str(),
            };
            out.push_str(&format!("{} = {}\n", toml_key(rule), quote(level)));
        }
    }
    if !settings.label_schema.is_empty() {
        out.push_str("\n[label-schema]\n");
        for (label, kind) in &settings.label_schema {
            out.push_str(&format!("{} = {}\n", toml_key(label), quote(kind.as_str())));
        }
    }
    out
}

/// 1-based line and column (in characters) of a byte offset.
fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    (line, before[line_start..].chars().count() + 1)
}

fn expected(key: &str, what: &str, value: &Value) -> ConfigError {
    ConfigError::new(key, format!("expected {what}, found {}", value.type_name()))
}

fn toml_str<'a>(key: &str, value: &'a Value) -> Result<&'a str, ConfigError> {
    match value {
        Value::String(s) => Ok(s),
        _ => Err(expected(key, "a string", value)),
    }
}

fn toml_bool(key: &str, value: &Value) -> Result<bool, ConfigError> {
    match value {
        Value::Boolean(b) => Ok(*b),
        _ => Err(expected(key, "`true` or `false`", value)),
    }
}

fn toml_table<'a>(key: &str, value: &'a Value) -> Result<&'a toml::Table, ConfigError> {
    match value {
        Value::Table(t) => Ok(t),
        _ => Err(expected(key, "a table", value)),
    }
}

fn toml_str_list<'a>(key: &str, value: &'a Value) -> Result<Vec<&'a str>, ConfigError> {
    let Value::Array(items) = value else {
        return Err(expected(key, "an array of strings", value));
    };
    items
        .iter()
        .enumerate()
        .map(|(i, item)| toml_str(&format!("{key}[{i}]"), item))
        .collect()
}

fn toml_date(key: &str, value: &Value) -> Result<Date, ConfigError> {
    match value {
        Value::String(s) => parse_date(key, s),
        Value::Datetime(dt) => match (dt.date, dt.time, dt.offset) {
            (Some(d), None, None) => parse_date(key, &d.to_string()),
            _ => Err(ConfigError::new(
                key,
                format!("expected a date like `2026-11-27`, found the date-time `{dt}`"),
            )),
        },
        _ => Err(expected(key, "a date like \"2026-11-27\"", value)),
    }
}

fn non_empty_strings(key: &str, items: Vec<&str>) -> Result<Vec<String>, ConfigError> {
    items
        .into_iter()
        .enumerate()
        .map(|(i, item)| {
            let item = item.trim();
            if item.is_empty() {
                Err(ConfigError::new(format!("{key}[{i}]"), "cannot be empty"))
            } else {
                Ok(item.to_string())
            }
        })
        .collect()
}

/// Keys that hadolint users are likely to carry over.
fn dockcoach_hint(key: &str) -> Option<&'static str> {
    match key {
        "ignored" => Some("ignore"),
        "override" => Some("severity"),
        "trustedRegistries" | "trusted_registries" | "trusted-registry" => {
            Some("trusted-registries")
        }
        "no-fail" => Some("failure-threshold"),
        _ => None,
    }
}

// ---------------------------------------------------------------------------------------
// .hadolint.yaml

/// Reads hadolint's `.hadolint.yaml`.
///
/// Rule codes that dockcoach does not know (ShellCheck's `SC....`, hadolint rules without
/// a dockcoach equivalent) are skipped, because the same file also configures hadolint.
/// The keys that only change hadolint's output (`no-color`, `format`, `verbose`) are
/// accepted and ignored; `no-fail: true` sets [`Settings::fail_on`] to [`FailOn::Never`]. Unknown keys are
/// errors.
pub fn parse_hadolint_yaml(text: &str) -> Result<Settings, ConfigError> {
    let root = yaml::parse(text).map_err(|err| {
        ConfigError::new(
            "",
            format!(
                "invalid YAML at line {}, column {}: {}",
                err.line, err.column, err.message
            ),
        )
    })?;
    let mut settings = Settings::default();
    let mut no_fail = false;
    let map = match &root {
        Yaml::Null => return Ok(settings),
        Yaml::Map(map) => map,
        other => {
            return Err(ConfigError::new(
                "",
                format!(
                    "expected a mapping of keys at the top level, found {}",
                    other.type_name()
                ),
            ));
        }
    };
    for (key, value) in map {
        let key = key.clone();
        // `key: ~` (or a key with nothing after it) is the same as leaving it out.
        if matches!(value, Yaml::Null) {
            continue;
        }
        match key.as_str() {
            "failure-threshold" => {
                let name = yaml_str(&key, value)?;
                settings.fail_on = Some(FailOn::parse(&name).ok_or_else(|| {
                    ConfigError::new(
                        &key,
                        format!(
                            "unknown severity `{name}` (expected one of: {SEVERITY_NAMES}, ignore, none)"
                        ),
                    )
                })?);
            }
            "ignored" => {
                for name in yaml_str_list(&key, value)? {
                    if crate::rules::find(&name).is_some() && !settings.ignored.contains(&name) {
                        settings.ignored.push(name);
                    }
                }
            }
            "override" => {
                let Yaml::Map(levels) = value else {
                    return Err(yaml_expected(
                        &key,
                        "a mapping of severities to rule lists",
                        value,
                    ));
                };
                for (level, rules) in levels {
                    let level_name = level;
                    let path = format!("{key}.{level_name}");
                    let severity = Severity::parse(level_name).ok_or_else(|| {
                        ConfigError::new(
                            &path,
                            format!("unknown severity (expected one of: {SEVERITY_NAMES})"),
                        )
                    })?;
                    if matches!(rules, Yaml::Null) {
                        continue;
                    }
                    for rule in yaml_str_list(&path, rules)? {
                        if crate::rules::find(&rule).is_some() {
                            settings.overrides.insert(rule, Level::On(severity));
                        }
                    }
                }
            }
            "trustedRegistries" | "trusted-registries" => {
                let registries = match value {
                    Yaml::String(s) => vec![s.clone()],
                    _ => yaml_str_list(&key, value)?,
                };
                for (i, registry) in registries.into_iter().enumerate() {
                    let registry = registry.trim();
                    if registry.is_empty() {
                        return Err(ConfigError::new(format!("{key}[{i}]"), "cannot be empty"));
                    }
                    if !settings.trusted_registries.iter().any(|r| r == registry) {
                        settings.trusted_registries.push(registry.to_string());
                    }
                }
            }
            "label-schema" => {
                let Yaml::Map(labels) = value else {
                    return Err(yaml_expected(&key, "a mapping of labels to types", value));
                };
                for (label, kind) in labels {
                    let label = label.clone();
                    let path = format!("{key}.{label}");
                    if label.trim().is_empty() {
                        return Err(ConfigError::new(path, "a label name cannot be empty"));
                    }
                    let name = yaml_str(&path, kind)?;
                    let kind = label_type(&path, &name)?;
                    settings.label_schema.insert(label, kind);
                }
            }
            "strict-labels" => settings.strict_labels = yaml_bool(&key, value)?,
            "disable-ignore-pragma" => settings.disable_ignore_pragma = yaml_bool(&key, value)?,
            "no-fail" => no_fail |= yaml_bool(&key, value)?,
            // Output options of hadolint's CLI: checked, then left to dockcoach's flags.
            "no-color" | "verbose" => {
                yaml_bool(&key, value)?;
            }
            "format" | "output-format" => {
                yaml_str(&key, value)?;
            }
            _ => return Err(unknown_key(&key, HADOLINT_YAML_KEYS, None)),
        }
    }
    // `no-fail: true` wins over any `failure-threshold`, wherever each stands.
    if no_fail {
        settings.fail_on = Some(FailOn::Never);
    }
    Ok(settings)
}

fn yaml_expected(key: &str, what: &str, value: &Yaml) -> ConfigError {
    ConfigError::new(key, format!("expected {what}, found {}", value.type_name()))
}

fn yaml_str(key: &str, value: &Yaml) -> Result<String, ConfigError> {
    match value {
        Yaml::String(s) => Ok(s.clone()),
        // Unquoted rule codes and registries may read as numbers.
        Yaml::Float(s) => Ok(s.clone()),
        Yaml::Int(i) => Ok(i.to_string()),
        _ => Err(yaml_expected(key, "a string", value)),
    }
}

fn yaml_bool(key: &str, value: &Yaml) -> Result<bool, ConfigError> {
    match value {
        Yaml::Bool(b) => Ok(*b),
        _ => Err(yaml_expected(key, "`true` or `false`", value)),
    }
}

fn yaml_str_list(key: &str, value: &Yaml) -> Result<Vec<String>, ConfigError> {
    match value {
        Yaml::List(items) => items
            .iter()
            .enumerate()
            .map(|(i, item)| yaml_str(&format!("{key}[{i}]"), item))
            .collect(),
        _ => Err(yaml_expected(key, "a list of strings", value)),
    }
}

// ---------------------------------------------------------------------------------------
// Shared

fn parse_level(name: &str) -> Option<Level> {
    match name.to_ascii_lowercase().as_str() {
        "off" | "ignore" | "none" => Some(Level::Off),
        other => Severity::parse(other).map(Level::On),
    }
}

fn label_type(key: &str, name: &str) -> Result<LabelType, ConfigError> {
    LabelType::parse(name).ok_or_else(|| {
        ConfigError::new(
            key,
            format!("unknown label type `{name}` (expected one of: {LABEL_TYPE_NAMES})"),
        )
    })
}

fn check_rule(key: &str, name: &str) -> Result<(), ConfigError> {
    match crate::rules::find(name) {
        Some(_) => Ok(()),
        None => Err(ConfigError::new(
            key,
            format!("unknown rule `{name}` (`dockcoach rules` lists them)"),
        )),
    }
}

fn unknown_key(key: &str, known: &[&str], hint: Option<&str>) -> ConfigError {
    let suggestion = hint.or_else(|| {
        known
            .iter()
            .copied()
            .filter(|k| edit_distance(&key.to_ascii_lowercase(), k) <= 2)
            .min_by_key(|k| edit_distance(&key.to_ascii_lowercase(), k))
    });
    let message = match suggestion {
        Some(s) => format!("unknown key (did you mean `{s}`?)"),
        None => format!("unknown key (expected one of: {})", known.join(", ")),
    };
    ConfigError::new(key, message)
}

/// Levenshtein distance, for "did you mean" hints.
pub fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut diagonal = row.first().copied().unwrap_or(0);
        if let Some(first) = row.first_mut() {
            *first = i + 1;
        }
        for (j, cb) in b.iter().enumerate() {
            let above = row.get(j + 1).copied().unwrap_or(0);
            let left = row.get(j).copied().unwrap_or(0);
            let cost = if ca == *cb { diagonal } else { diagonal + 1 };
            diagonal = above;
            if let Some(cell) = row.get_mut(j + 1) {
                *cell = cost.min(above + 1).min(left + 1);
            }
        }
    }
    row.last().copied().unwrap_or(0)
}

/// Parses a strict `YYYY-MM-DD` calendar date (a real day: no February 30th).
pub fn parse_date(key: &str, text: &str) -> Result<Date, ConfigError> {
    let bad = || {
        ConfigError::new(
            key,
            format!("`{text}` is not a date (expected YYYY-MM-DD, e.g. 2026-11-27)"),
        )
    };
    let bytes = text.as_bytes();
    let shape_ok = bytes.len() == 10
        && bytes.iter().enumerate().all(|(i, b)| match i {
            4 | 7 => *b == b'-',
            _ => b.is_ascii_digit(),
        });
    if !shape_ok {
        return Err(bad());
    }
    let date = Date::parse(text).ok_or_else(bad)?;
    if date.day > days_in_month(date.year, date.month).unwrap_or(0) {
        return Err(bad());
    }
    Ok(date)
}

/// The number of days of a month (1-12) in the Gregorian calendar.
fn days_in_month(year: u16, month: u8) -> Option<u8> {
    let leap = year.is_multiple_of(4) && (!year.is_multiple_of(100) || year.is_multiple_of(400));
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => Some(31),
        4 | 6 | 9 | 11 => Some(30),
        2 if leap => Some(29),
        2 => Some(28),
        _ => None,
    }
}

/// A TOML basic string.
fn quote(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if c.is_control() => out.push_str(&format!("\\u{:04X}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// A TOML key: bare when it can be, quoted otherwise.
fn toml_key(key: &str) -> String {
    let bare = !key.is_empty()
        && key
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
    if bare { key.to_string() } else { quote(key) }
}

fn list(items: &[String]) -> String {
    let items: Vec<String> = items.iter().map(|s| quote(s)).collect();
    format!("[{}]", items.join(", "))
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    /// A rule code, name and alias that the rule table knows (the first rule's).
    fn known_rule() -> (&'static str, &'static str) {
        let meta = crate::rules::rules()
            .iter()
            .find(|r| crate::rules::find(r.code).is_some())
            .map(|r| (r.code, r.name));
        meta.unwrap_or(("DL3006", "untagged-base-image"))
    }

    fn err(result: Result<Settings, ConfigError>) -> ConfigError {
        match result {
            Ok(settings) => panic!("expected an error, got {settings:?}"),
            Err(e) => e,
        }
    }

    #[test]
    fn empty_toml_is_the_default() {
        assert_eq!(parse_dockcoach_toml(""), Ok(Settings::default()));
        assert_eq!(parse_dockcoach_toml("# nothing\n"), Ok(Settings::default()));
    }

    #[test]
    fn full_toml_reads_every_key() {
        let (code, name) = known_rule();
        let text = format!(
            r#"
failure-threshold = "warning"
ignore = ["{code}", "{name}"]
fix = "unsafe"
today = "2026-11-27"
trusted-registries = ["docker.io", "ghcr.io"]
trusted-publishers = ["bitnami"]
strict-labels = true
disable-ignore-pragma = true

[severity]
{code} = "off"
"{name}" = "Error"

[label-schema]
maintainer = "email"
"org.opencontainers.image.version" = "semver"
"#
        );
        let settings = parse_dockcoach_toml(&text).unwrap();
        assert_eq!(settings.fail_on, Some(FailOn::AtLeast(Severity::Warning)));
        assert_eq!(settings.ignored, vec![code.to_string(), name.to_string()]);
        assert_eq!(settings.fix_mode, Some(Applicability::Unsafe));
        assert_eq!(
            settings.today,
            Some(Date {
                year: 2026,
                month: 11,
                day: 27
            })
        );
        assert_eq!(settings.trusted_registries, vec!["docker.io", "ghcr.io"]);
        assert_eq!(settings.trusted_publishers, vec!["bitnami"]);
        assert!(settings.strict_labels);
        assert!(settings.disable_ignore_pragma);
        assert_eq!(settings.overrides.get(code), Some(&Level::Off));
        assert_eq!(
            settings.overrides.get(name),
            Some(&Level::On(Severity::Error))
        );
        assert_eq!(
            settings.label_schema.get("maintainer"),
            Some(&LabelType::Email)
        );
        assert_eq!(
            settings
                .label_schema
                .get("org.opencontainers.image.version"),
            Some(&LabelType::Semver)
        );
    }

    #[test]
    fn threshold_none_means_never_fail() {
        let settings = parse_dockcoach_toml("failure-threshold = \"none\"").unwrap();
        assert_eq!(settings.fail_on, Some(FailOn::Never));
    }

    #[test]
    fn today_accepts_a_toml_date() {
        let settings = parse_dockcoach_toml("today = 2024-02-29").unwrap();
        assert_eq!(
            settings.today.map(|d| d.to_string()).as_deref(),
            Some("2024-02-29")
        );
    }

    #[test]
    fn toml_round_trips() {
        let (code, name) = known_rule();
        let mut settings = Settings {
            ignored: vec![code.to_string()],
            fail_on: Some(FailOn::AtLeast(Severity::Style)),
            trusted_registries: vec!["my-company.com:5000".into(), "*.gcr.io".into()],
            trusted_publishers: vec!["bitnami".into()],
            strict_labels: true,
            disable_ignore_pragma: true,
            today: Date::parse("2026-01-31"),
            fix_mode: Some(Applicability::Safe),
            rules_url: Some("https://h.example/#rules/{code}".into()),
            ..Settings::default()
        };
        settings
            .overrides
            .insert(code.to_string(), Level::On(Severity::Info));
        settings.overrides.insert(name.to_string(), Level::Off);
        settings
            .label_schema
            .insert("org.label-schema.\"odd\" name\\".into(), LabelType::Text);
        settings
            .label_schema
            .insert("version".into(), LabelType::Semver);
        let text = to_dockcoach_toml(&settings);
        assert_eq!(parse_dockcoach_toml(&text), Ok(settings.clone()), "{text}");

        assert!(text.contains("\nfailure-threshold = \"style\"\n"), "{text}");
        let never = Settings {
            fail_on: Some(FailOn::Never),
            ..Settings::default()
        };
        assert_eq!(
            to_dockcoach_toml(&never),
            "# dockcoach configuration\nfailure-threshold = \"none\"\n"
        );
        assert_eq!(parse_dockcoach_toml(&to_dockcoach_toml(&never)), Ok(never));
        let default = Settings::default();
        assert_eq!(
            parse_dockcoach_toml(&to_dockcoach_toml(&default)),
            Ok(default)
        );
    }

    #[test]
    fn toml_errors_name_the_key() {
        let cases: &[(&str, &str, &str)] = &[
            (
                "failure-threshold = \"fatal\"",
                "failure-threshold",
                "unknown severity `fatal`",
            ),
            (
                "failure-threshold = 3",
                "failure-threshold",
                "expected a string, found an integer",
            ),
            (
                "ignore = \"DL3006\"",
                "ignore",
                "expected an array of strings, found a string",
            ),
            (
                "ignore = [1]",
                "ignore[0]",
                "expected a string, found an integer",
            ),
            (
                "ignore = [\"NOPE999\"]",
                "ignore[0]",
                "unknown rule `NOPE999`",
            ),
            ("fix = \"always\"", "fix", "unknown fix mode `always`"),
            ("fix = true", "fix", "expected a string, found a boolean"),
            ("today = \"2026-13-01\"", "today", "is not a date"),
            ("today = \"2026-02-30\"", "today", "is not a date"),
            ("today = \"2026-2-3\"", "today", "is not a date"),
            ("today = \"yesterday\"", "today", "is not a date"),
            (
                "today = 2026-11-27T10:00:00",
                "today",
                "found the date-time",
            ),
            ("today = 20261127", "today", "expected a date"),
            (
                "trusted-registries = \"docker.io\"",
                "trusted-registries",
                "expected an array",
            ),
            (
                "trusted-registries = [\"\"]",
                "trusted-registries[0]",
                "cannot be empty",
            ),
            (
                "trusted-publishers = [true]",
                "trusted-publishers[0]",
                "expected a string",
            ),
            (
                "strict-labels = \"yes\"",
                "strict-labels",
                "expected `true` or `false`",
            ),
            (
                "disable-ignore-pragma = 1",
                "disable-ignore-pragma",
                "expected `true` or `false`",
            ),
            (
                "severity = \"off\"",
                "severity",
                "expected a table, found a string",
            ),
            (
                "[severity]\nNOPE999 = \"off\"",
                "severity.NOPE999",
                "unknown rule `NOPE999`",
            ),
            (
                "label-schema = []",
                "label-schema",
                "expected a table, found an array",
            ),
            (
                "[label-schema]\nmaintainer = \"phone\"",
                "label-schema.maintainer",
                "unknown label type `phone`",
            ),
            (
                "[label-schema]\nmaintainer = 1",
                "label-schema.maintainer",
                "expected a string",
            ),
            (
                "[label-schema]\n\"\" = \"text\"",
                "label-schema.\"\"",
                "cannot be empty",
            ),
            ("colour = true", "colour", "unknown key (expected one of:"),
            ("ignored = []", "ignored", "did you mean `ignore`?"),
            (
                "trustedRegistries = []",
                "trustedRegistries",
                "did you mean `trusted-registries`?",
            ),
            (
                "strict-label = true",
                "strict-label",
                "did you mean `strict-labels`?",
            ),
        ];
        for (text, key, message) in cases {
            let e = err(parse_dockcoach_toml(text));
            assert_eq!(e.key, *key, "{text}: {e}");
            assert!(e.message.contains(message), "{text}: {e}");
            assert!(!e.message.contains('\n'), "{text}: {e}");
        }
    }

    #[test]
    fn severity_errors_name_the_rule() {
        let (code, _) = known_rule();
        let e = err(parse_dockcoach_toml(&format!(
            "[severity]\n{code} = \"loud\""
        )));
        assert_eq!(e.key, format!("severity.{code}"));
        assert!(e.message.contains("unknown severity `loud`"), "{e}");
        let e = err(parse_dockcoach_toml(&format!("[severity]\n{code} = true")));
        assert!(
            e.message.contains("expected a string, found a boolean"),
            "{e}"
        );
    }

    #[test]
    fn toml_syntax_errors_have_a_position_and_one_line() {
        let e = err(parse_dockcoach_toml("ignore = [\n\"DL3006\"\nfix = 1\n"));
        assert_eq!(e.key, "");
        assert!(e.message.starts_with("invalid TOML at line "), "{e}");
        assert!(!e.message.contains('\n'), "{e}");
        let e = err(parse_dockcoach_toml("a = 1\na = 2\n"));
        assert!(e.message.contains("line 2"), "{e}");
    }

    #[test]
    fn display_joins_key_and_message() {
        let e = ConfigError::new("fix", "bad");
        assert_eq!(e.to_string(), "fix: bad");
        assert_eq!(ConfigError::new("", "bad").to_string(), "bad");
    }

    #[test]
    fn hadolint_readme_example_reads() {
        let (code, name) = known_rule();
        let text = format!(
            r#"
failure-threshold: warning
format: json
ignored:
  - {code}
  - SC1010
  - DL9999
label-schema:
  author: text
  contact: email
  created: rfc3339
  version: semver
  documentation: url
  git-revision: hash
  license: spdx
no-color: true
no-fail: false
verbose: false
override:
  error:
    - {name}
    - SC2086
  warning: []
  info:
  style: [DL9998]
strict-labels: true
disable-ignore-pragma: true
trustedRegistries:
  - docker.io
  - my-company.com:5000
  - "*.gcr.io"
"#
        );
        let settings = parse_hadolint_yaml(&text).unwrap();
        assert_eq!(settings.fail_on, Some(FailOn::AtLeast(Severity::Warning)));
        // Unknown codes (ShellCheck's, hadolint-only ones) are skipped.
        assert_eq!(settings.ignored, vec![code.to_string()]);
        assert_eq!(settings.overrides.len(), 1);
        assert_eq!(
            settings.overrides.get(name),
            Some(&Level::On(Severity::Error))
        );
        assert_eq!(settings.label_schema.len(), 7);
        assert_eq!(
            settings.label_schema.get("created"),
            Some(&LabelType::Rfc3339)
        );
        assert!(settings.strict_labels);
        assert!(settings.disable_ignore_pragma);
        assert_eq!(
            settings.trusted_registries,
            vec!["docker.io", "my-company.com:5000", "*.gcr.io"]
        );
        // Everything hadolint's file says that dockcoach honours survives a trip to TOML.
        let toml = to_dockcoach_toml(&settings);
        assert_eq!(parse_dockcoach_toml(&toml), Ok(settings), "{toml}");
    }

    #[test]
    fn hadolint_small_forms() {
        assert_eq!(parse_hadolint_yaml(""), Ok(Settings::default()));
        assert_eq!(parse_hadolint_yaml("---\n"), Ok(Settings::default()));
        assert_eq!(parse_hadolint_yaml("ignored:\n"), Ok(Settings::default()));
        let s = parse_hadolint_yaml("trustedRegistries: docker.io").unwrap();
        assert_eq!(s.trusted_registries, vec!["docker.io"]);
        let s = parse_hadolint_yaml("trusted-registries: [a.io, a.io, b.io]").unwrap();
        assert_eq!(s.trusted_registries, vec!["a.io", "b.io"]);
        let s = parse_hadolint_yaml("no-fail: true\nfailure-threshold: error").unwrap();
        assert_eq!(s.fail_on, Some(FailOn::Never));
        let s = parse_hadolint_yaml("failure-threshold: error\nno-fail: true").unwrap();
        assert_eq!(s.fail_on, Some(FailOn::Never));
        let s = parse_hadolint_yaml("failure-threshold: error\nno-fail: false").unwrap();
        assert_eq!(s.fail_on, Some(FailOn::AtLeast(Severity::Error)));
        for name in ["none", "ignore"] {
            let s = parse_hadolint_yaml(&format!("failure-threshold: {name}")).unwrap();
            assert_eq!(s.fail_on, Some(FailOn::Never), "{name}");
        }
        let s = parse_hadolint_yaml("label-schema:\n  1234: text\n").unwrap();
        assert_eq!(s.label_schema.get("1234"), Some(&LabelType::Text));
    }

    #[test]
    fn hadolint_errors_name_the_key() {
        let cases: &[(&str, &str, &str)] = &[
            (
                "failure-threshold: fatal",
                "failure-threshold",
                "unknown severity `fatal`",
            ),
            (
                "failure-threshold: [a]",
                "failure-threshold",
                "expected a string, found a list",
            ),
            (
                "ignored: DL3006",
                "ignored",
                "expected a list of strings, found a string",
            ),
            (
                "ignored: [[a]]",
                "ignored[0]",
                "expected a string, found a list",
            ),
            ("override: [DL3006]", "override", "expected a mapping"),
            (
                "override:\n  fatal: [DL3006]",
                "override.fatal",
                "unknown severity",
            ),
            (
                "override:\n  error: DL3006",
                "override.error",
                "expected a list of strings",
            ),
            (
                "trustedRegistries: {a: b}",
                "trustedRegistries",
                "expected a list of strings, found a mapping",
            ),
            (
                "trustedRegistries: ['']",
                "trustedRegistries[0]",
                "cannot be empty",
            ),
            ("label-schema: [a]", "label-schema", "expected a mapping"),
            (
                "label-schema:\n  author: phone",
                "label-schema.author",
                "unknown label type `phone`",
            ),
            (
                "label-schema:\n  author: [text]",
                "label-schema.author",
                "expected a string",
            ),
            (
                "strict-labels: yes",
                "strict-labels",
                "expected `true` or `false`, found a string",
            ),
            (
                "disable-ignore-pragma: 1",
                "disable-ignore-pragma",
                "expected `true` or `false`",
            ),
            ("no-fail: maybe", "no-fail", "expected `true` or `false`"),
            ("no-color: 1", "no-color", "expected `true` or `false`"),
            ("format: [json]", "format", "expected a string"),
            ("ignore: [DL3006]", "ignore", "did you mean `ignored`?"),
            ("colour: true", "colour", "unknown key (expected one of:"),
        ];
        for (text, key, message) in cases {
            let e = err(parse_hadolint_yaml(text));
            assert_eq!(e.key, *key, "{text}: {e}");
            assert!(e.message.contains(message), "{text}: {e}");
        }
    }

    #[test]
    fn hadolint_document_errors() {
        let e = err(parse_hadolint_yaml("ignored: [DL3006\n"));
        assert_eq!(e.key, "");
        assert!(e.message.starts_with("invalid YAML at line "), "{e}");
        let e = err(parse_hadolint_yaml("- DL3006\n"));
        assert!(
            e.message
                .contains("expected a mapping of keys at the top level, found a list"),
            "{e}"
        );
        let e = err(parse_hadolint_yaml("a: 1\n---\nb: 2\n"));
        assert!(e.message.contains("several"), "{e}");
        let e = err(parse_hadolint_yaml("[1]: x\n"));
        assert!(e.message.contains("as a key"), "{e}");
    }

    #[test]
    fn dates_are_strict() {
        assert!(parse_date("k", "2024-02-29").is_ok());
        assert!(parse_date("k", "2023-02-29").is_err());
        assert!(parse_date("k", "2000-02-29").is_ok());
        assert!(parse_date("k", "1900-02-29").is_err());
        assert!(parse_date("k", "2026-04-31").is_err());
        assert!(parse_date("k", "2026-00-10").is_err());
        assert!(parse_date("k", "2026-01-00").is_err());
        assert!(parse_date("k", " 2026-01-01").is_err());
    }

    #[test]
    fn edit_distance_counts() {
        assert_eq!(edit_distance("", "abc"), 3);
        assert_eq!(edit_distance("kitten", "sitting"), 3);
        assert_eq!(edit_distance("same", "same"), 0);
    }

    #[test]
    fn toml_keys_quote_when_needed() {
        assert_eq!(toml_key("DL3006"), "DL3006");
        assert_eq!(toml_key("CKV_DOCKER_7"), "CKV_DOCKER_7");
        assert_eq!(toml_key("a.b"), "\"a.b\"");
        assert_eq!(toml_key(""), "\"\"");
        assert_eq!(quote("a\u{1}"), "\"a\\u0001\"");
    }
}
