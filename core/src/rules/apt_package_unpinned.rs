use super::Checker;
use super::helpers::{APT_GET_VALUE_OPTIONS, has_arg, operands, report_unpinned};
use crate::shell::Word;

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
fn is_pinned(package: &str) -> bool {
    package.contains('=') || package.contains('/') || package.ends_with(".deb")
}

pub(super) fn check(c: &Checker) {
    for cmd in c.run_commands() {
        if cmd.name() != "apt-get" || !has_arg(cmd, &["install"]) {
            continue;
        }
        // Ex) apt-get install -y curl
        let unpinned: Vec<&Word> = operands(cmd, APT_GET_VALUE_OPTIONS)
            .into_iter()
            .filter(|w| w.value != "install" && !is_pinned(&w.value))
            .collect();
        report_unpinned(c, &META, &unpinned, "apt-get install");
    }
}
