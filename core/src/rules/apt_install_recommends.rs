use super::Checker;
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
    /// image may rely on one of them.
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

pub(super) fn check(c: &Checker) {
    for cmd in c.run_commands() {
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
        c.report_with_fix(
            &META,
            cmd.range,
            "`apt-get install` without `--no-install-recommends` also installs recommended packages",
            Some(Fix::unsafe_(
                "Add `--no-install-recommends`",
                vec![Edit::insert(install.range.end(), " --no-install-recommends")],
            )),
        );
    }
}
