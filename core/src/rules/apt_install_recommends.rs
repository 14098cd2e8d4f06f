use super::helpers::stage_base_facts;
use super::{Checker, Onbuild};
use crate::diagnostic::{Edit, Fix};

declare_rule! {
    /// ## What it does
    /// Checks for `apt-get install` without `--no-install-recommends`.
    ///
    /// ## Why is this bad?
    /// By default apt also installs every package the requested ones *recommend*. That
    /// often doubles the image size and adds software (and vulnerabilities) nobody asked
    /// for. Install what you need explicitly instead.
    ///
    /// Setting `-o APT::Install-Recommends=false` on the command line is accepted too.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM debian:12
    /// RUN apt-get update && apt-get install -y curl
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM debian:12
    /// RUN apt-get update && apt-get install -y --no-install-recommends curl
    /// ```
    ///
    /// ## Fix safety
    /// The fix adds `--no-install-recommends` after `install` and is unsafe: packages
    /// that were only pulled in as recommendations are no longer installed, and the
    /// image may rely on one of them. The one most often relied on is `ca-certificates`,
    /// which `curl`, `wget` and `git` only recommend: without it every https download or
    /// clone fails. So when the command installs one of those, does not name
    /// `ca-certificates`, and the base image is not known to have it, the fix also adds
    /// `ca-certificates` to the packages.
    ///
    /// ## References
    /// - [Docker docs: apt-get](https://docs.docker.com/build/building/best-practices/#apt-get)
    /// - hadolint `DL3015`, Trivy `DS-0029`
    pub static META = {
        code: "DL3015",
        name: "apt-install-recommends",
        aliases: ["DS-0029"],
        severity: Info,
        category: Performance,
        fix: Unsafe,
    }
}

/// Packages whose Debian/Ubuntu packages recommend `ca-certificates`, without which their
/// https downloads fail.
const RECOMMEND_CA: &[&str] = &["curl", "wget", "git", "git-core"];

pub(super) fn check(c: &Checker) {
    for (index, _) in c.walk(Onbuild::Trigger) {
        let Some(script) = c.script(index) else {
            continue;
        };
        // The base is known to have CA certificates already.
        let has_ca = c
            .model
            .stage_of(index)
            .and_then(|s| stage_base_facts(c, s.index))
            .is_some_and(|f| f.has("ca-certificates"));
        for cmd in &script.commands {
            if cmd.name() != "apt-get" {
                continue;
            }
            let Some(install) = cmd.positionals().find(|w| w.value == "install") else {
                continue;
            };
            // Ex) apt-get install -y curl
            let has_flag = cmd.has_flag(&[], &["no-install-recommends"])
                || cmd.arg_values().any(|a| {
                    a.contains("APT::Install-Recommends=false")
                        || a.contains("APT::Install-Recommends=0")
                });
            if has_flag {
                continue;
            }
            let packages: Vec<_> = cmd
                .positionals()
                .skip_while(|w| w.value != "install")
                .skip(1)
                .collect();
            let mut edits = vec![Edit::insert(
                install.range.end(),
                " --no-install-recommends",
            )];
            // Ex) apt-get install -y curl   -> also install ca-certificates, which curl
            //     only recommends: without it https downloads fail.
            let needs_ca = !has_ca
                && packages
                    .iter()
                    .any(|w| RECOMMEND_CA.contains(&w.value.split('=').next().unwrap_or(&w.value)))
                && !packages
                    .iter()
                    .any(|w| w.value.starts_with("ca-certificates") || w.value.contains('$'));
            if needs_ca && let Some(first) = packages.first() {
                edits.push(Edit::insert(first.range.start(), "ca-certificates "));
            }
            let title = if edits.len() > 1 {
                "Add `--no-install-recommends` and install `ca-certificates`"
            } else {
                "Add `--no-install-recommends`"
            };
            c.report_with_fix(
                &META,
                cmd.range,
                "`apt-get install` without `--no-install-recommends` also installs recommended packages",
                Some(Fix::unsafe_(title, edits)),
            );
        }
    }
}
