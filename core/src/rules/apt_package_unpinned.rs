use super::Checker;
use crate::shell::{Command, Word};

declare_rule! {
    /// ## What it does
    /// Checks for `apt-get install` of packages without a version (`curl` instead of
    /// `curl=8.5.0-2ubuntu10`).
    ///
    /// ## Why is this bad?
    /// Without a version, every build installs whatever the archive holds that day. Two
    /// builds of the same Dockerfile then differ, and a new upstream release can break
    /// the image without any change to the file. Pinning makes upgrades deliberate.
    ///
    /// Packages given as a path (`./app.deb`), a `.deb` file, or with a release
    /// (`curl/bookworm-backports`) are not reported, nor is the value of
    /// `-t`/`--target-release`.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM debian:12
    /// RUN apt-get update && apt-get install -y --no-install-recommends curl \
    ///     && rm -rf /var/lib/apt/lists/*
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM debian:12
    /// RUN apt-get update && apt-get install -y --no-install-recommends curl=7.88.1-10+deb12u12 \
    ///     && rm -rf /var/lib/apt/lists/*
    /// ```
    ///
    /// ## References
    /// - [Docker docs: apt-get](https://docs.docker.com/build/building/best-practices/#apt-get)
    /// - hadolint `DL3008`
    pub static META = {
        code: "DL3008",
        name: "apt-package-unpinned",
        aliases: [],
        severity: Warning,
        category: BestPractice,
        fix: None,
    }
}

/// The operands of `cmd`: its arguments that are not flags, without the values of
/// `value_flags` (given without dashes, e.g. `["t", "target-release"]`), and without `--`.
pub(super) fn operands<'a>(cmd: &'a Command, value_flags: &[&str]) -> Vec<&'a Word> {
    let mut out = Vec::new();
    let mut skip_next = false;
    let mut options_done = false;
    for word in &cmd.args {
        if skip_next {
            skip_next = false;
            continue;
        }
        let v = word.value.as_str();
        if options_done || v == "-" || !v.starts_with('-') {
            out.push(word);
            continue;
        }
        if v == "--" {
            options_done = true;
        } else if let Some(long) = v.strip_prefix("--") {
            skip_next = !long.contains('=') && value_flags.contains(&long);
        } else if let Some(last) = v.chars().last() {
            let mut buf = [0u8; 4];
            skip_next = value_flags.contains(&&*last.encode_utf8(&mut buf));
        }
    }
    out
}

/// True when any argument of `cmd` is exactly one of `words` (hadolint's `cmdHasArgs`).
pub(super) fn has_arg(cmd: &Command, words: &[&str]) -> bool {
    cmd.args.iter().any(|w| words.contains(&w.value.as_str()))
}

/// Reports the first unpinned package of each command; `packages` are the command's
/// unpinned package words.
pub(super) fn report_unpinned(
    c: &Checker,
    meta: &'static super::RuleMeta,
    found: Vec<(crate::text::TextRange, String, usize)>,
    tool: &str,
) {
    for (range, first, more) in found {
        let message = match more {
            0 => format!("`{tool}` installs `{first}` without a pinned version"),
            n => format!(
                "`{tool}` installs `{first}` and {n} more packages without a pinned version"
            ),
        };
        c.report(meta, range, message);
    }
}

fn is_pinned(package: &str) -> bool {
    package.contains('=') || package.contains('/') || package.ends_with(".deb")
}

pub(super) fn check(c: &Checker) {
    let mut found = Vec::new();
    for cmd in c.run_commands() {
        if cmd.name() != "apt-get" || !has_arg(cmd, &["install"]) {
            continue;
        }
        // Ex) apt-get install -y curl
        let unpinned: Vec<&Word> = operands(cmd, &["t", "target-release"])
            .into_iter()
            .filter(|w| w.value != "install" && !is_pinned(&w.value))
            .collect();
        if let Some(first) = unpinned.first() {
            found.push((first.range, first.value.clone(), unpinned.len() - 1));
        }
    }
    report_unpinned(c, &META, found, "apt-get install");
}
