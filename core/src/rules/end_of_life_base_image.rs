use super::Checker;
use super::helpers::installs_os_packages;
use crate::diagnostic::{Edit, Fix, Severity};
use crate::knowledge::{self, Cycle, Status};
use crate::text::TextRange;

declare_rule! {
    /// ## What it does
    /// Checks for base images whose release is past its end of life: the image's own
    /// release cycle (`node:16`, `python:3.8`, `debian:buster`) or the OS release its tag
    /// names (`python:3.12-slim-buster` is Debian 10, `node:22-alpine3.18` is Alpine 3.18).
    ///
    /// ## Why is this bad?
    /// Once a release leaves support, nobody fixes its security problems any more, and the
    /// official image stops being rebuilt: every vulnerability found from then on stays in
    /// your image. Distributions often have two dates: the end of standard support, and a
    /// later end of extended or LTS support (Debian LTS, Ubuntu ESM). Past the first date
    /// the image gets fewer fixes; past the second it gets none.
    ///
    /// The rule reports a warning when the final stage's base is past all support, and an
    /// info when only a build stage is (its packages do not ship) or when the release is
    /// inside extended support (saying until when). The release dates are compiled into
    /// dockcoach from endoflife.date; each message says how recent they are. `--today` (or
    /// `today` in `dockcoach.toml`) sets the date to check against; by default it is the
    /// date of the compiled facts, so the same file always gives the same findings.
    /// An image written with `$VAR`s is checked as its ARG defaults resolve it
    /// (`FROM node:${NODE_VERSION}-slim`).
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM node:16-alpine
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM node:24-alpine
    /// ```
    ///
    /// ## Fix safety
    /// The fix moves to the oldest release of the same image and variant that has at least
    /// 12 months of standard support left, choosing only tags that are published. It is
    /// unsafe: a new major release can break the build or the application. There is no fix
    /// when the image is written with a `$VAR` (change the ARG default instead) or pinned by
    /// digest, nor when the stage (or a stage built on it) installs distribution packages
    /// (`apt-get install`, `apk add`, `dnf install`...): a package may be missing from the
    /// new release (Debian trixie has no `netcat`, only `netcat-openbsd`), and dockcoach
    /// does not know the package lists of every release, so it does not guess.
    ///
    /// ## References
    /// - [endoflife.date](https://endoflife.date)
    /// - [Docker docs: rebuild your images often](https://docs.docker.com/build/building/best-practices/#rebuild-your-images-often)
    pub static META = {
        code: "DC1004",
        name: "end-of-life-base-image",
        aliases: [],
        severity: Warning,
        category: Security,
        fix: Unsafe,
    }
}

/// The worse of two cycles' standings on `today` (the later one on a tie).
fn worst(today: crate::settings::Date, cycles: [Option<Cycle>; 2]) -> Option<(Cycle, Status)> {
    let rank = |s: &Status| match s {
        Status::Supported => 0,
        Status::Extended { .. } => 1,
        Status::Ended { .. } => 2,
    };
    cycles
        .into_iter()
        .flatten()
        .map(|c| (c, c.status(today)))
        .filter(|(_, s)| rank(s) > 0)
        .max_by_key(|(_, s)| rank(s))
}

pub(super) fn check(c: &Checker) {
    let today = knowledge::today(c.settings);
    let as_of = knowledge::as_of();
    let model = &c.model;
    let stages = &model.stages;
    for stage in stages {
        let Some(image) = &stage.image else { continue };
        let Some(name) = knowledge::official_name(image) else {
            continue;
        };
        let Some(tag) = image.tag.as_deref() else {
            continue;
        };
        let cycles = knowledge::tag_cycles(name, tag);
        let Some((cycle, status)) = worst(today, [cycles.os, cycles.primary]) else {
            continue;
        };
        let is_os = cycles.os == Some(cycle);
        let what = match is_os {
            true => format!("is based on {}", cycle.label()),
            false => format!("is {}", cycle.label()),
        };
        let newest = knowledge::newest_cycle(cycle.product)
            .map(|n| format!("; the newest release is {}", n.label()))
            .unwrap_or_default();
        let when =
            |d: Option<crate::settings::Date>| d.map(|d| format!(" on {d}")).unwrap_or_default();
        let (message, severity) = match status {
            Status::Supported => continue,
            // Ex) FROM debian:12 (Debian LTS until 2028)
            Status::Extended { eol, until } => (
                format!(
                    "Base image `{}` {what}, which left standard support{} and has only extended support until {until}{newest} (release data as of {as_of})",
                    image.text,
                    when(eol)
                ),
                Severity::Info,
            ),
            // Ex) FROM node:16
            Status::Ended { eol } => (
                format!(
                    "Base image `{}` {what}, which reached end of life{}{newest} (release data as of {as_of})",
                    image.text,
                    when(eol)
                ),
                match c.model.is_final(stage) {
                    true => Severity::Warning,
                    false => Severity::Info,
                },
            ),
        };
        // Ex) FROM debian:buster + RUN apt-get install -y netcat: the new release may
        // not have the package (trixie has no `netcat`); the tables cannot tell.
        let fix = if installs_os_packages(c, stage.index) {
            None
        } else {
            replacement_fix(stage, name, tag, image.digest.is_some(), today)
        };
        let mut d = c.report(&META, stage.base_range, message);
        d.severity = severity;
        d.fix = fix;
    }
}

fn replacement_fix(
    stage: &crate::model::Stage,
    name: &str,
    tag: &str,
    has_digest: bool,
    today: crate::settings::Date,
) -> Option<Fix> {
    // Ex) FROM node:${NODE_VERSION}: the ARG default is what would change
    if has_digest || stage.base_text.contains('$') {
        return None;
    }
    let target = knowledge::supported_replacement(name, tag, today, 12)?;
    let suffix = format!(":{tag}");
    if !stage.base_text.ends_with(&suffix) {
        return None;
    }
    let end = stage.base_range.end();
    let start = end.checked_sub(tag.len())?;
    let new = stage
        .base_text
        .get(..stage.base_text.len() - tag.len())?
        .to_string()
        + &target;
    Some(Fix::unsafe_(
        format!("Upgrade to `{new}`"),
        vec![Edit::replace(TextRange::new(start, end), target)],
    ))
}

#[cfg(test)]
mod tests {
    use crate::settings::{Date, Settings};
    use crate::{Severity, check};

    fn findings(text: &str, today: &str) -> Vec<(Severity, String, Option<String>)> {
        let settings = Settings {
            today: Date::parse(today),
            ..Settings::default()
        };
        check(text, &settings)
            .into_iter()
            .filter(|d| d.code() == "DC1004")
            .map(|d| (d.severity, d.message, d.fix.map(|f| f.title)))
            .collect()
    }

    #[test]
    fn the_date_decides() {
        // Node.js 22 leaves support on 2027-04-30.
        assert!(findings("FROM node:22\n", "2027-04-30").is_empty());
        let found = findings("FROM node:22\n", "2027-05-01");
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].0, Severity::Warning);
        assert!(found[0].1.contains("2027-04-30"), "{found:?}");
        assert_eq!(found[0].2.as_deref(), Some("Upgrade to `node:26`"));
        // Debian 12: extended support until 2028-06-30, then nothing.
        let found = findings("FROM debian:12\n", "2026-08-22");
        assert_eq!(found[0].0, Severity::Info);
        assert!(found[0].1.contains("until 2028-06-30"), "{found:?}");
        let found = findings("FROM debian:12\n", "2028-07-01");
        assert_eq!(found[0].0, Severity::Warning);
        assert!(findings("FROM debian:12\n", "2026-07-01").is_empty());
    }

    #[test]
    fn build_stages_are_info_and_unknowns_are_silent() {
        let found = findings("FROM node:16 AS build\nFROM node:24\n", "2026-08-22");
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].0, Severity::Info);
        for text in [
            "FROM nosuch:1\n",
            "FROM node:nosuch\n",
            "FROM node:\n",
            "FROM node:99999999999999999999\n",
            "FROM localhost:5000/node:16\n",
            "ARG V\nFROM node:$V\n",
            "FROM node:16-alpine@sha256:abc\n",
        ] {
            let found = findings(text, "2026-08-22");
            assert!(found.iter().all(|f| f.2.is_none()), "{text}: {found:?}");
        }
        assert!(findings("FROM nosuch:1\n", "2026-08-22").is_empty());
        assert!(findings("FROM localhost:5000/node:16\n", "2026-08-22").is_empty());
    }
}
