use super::Checker;
use super::helpers::runs;
use crate::diagnostic::{Edit, Fix};

declare_rule! {
    /// ## What it does
    /// Checks for `dnf install` (also `groupinstall`, `localinstall`, and `microdnf`)
    /// without `-y` or `--assumeyes`.
    ///
    /// ## Why is this bad?
    /// Without `-y` `dnf` asks for confirmation. A build has no terminal to answer, so the
    /// step fails.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM fedora:40
    /// RUN dnf install httpd-2.4.62 && dnf clean all
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM fedora:40
    /// RUN dnf install -y httpd-2.4.62 && dnf clean all
    /// ```
    ///
    /// ## Fix safety
    /// The fix inserts `-y` after the subcommand. It is safe: it answers yes to the
    /// question the build could not answer.
    ///
    /// ## References
    /// - [dnf manual: assumeyes](https://dnf.readthedocs.io/en/latest/command_ref.html)
    /// - hadolint `DL3038`
    pub static META = {
        code: "DL3038",
        name: "dnf-missing-yes",
        aliases: [],
        severity: Warning,
        category: BestPractice,
        fix: Safe,
    }
}

const SUBCOMMANDS: &[&str] = &["install", "groupinstall", "localinstall"];

pub(super) fn check(c: &Checker) {
    let mut found = Vec::new();
    for index in runs(c) {
        let Some(script) = c.script(index) else {
            continue;
        };
        for cmd in &script.commands {
            if !matches!(cmd.name(), "dnf" | "microdnf") || cmd.has_flag(&['y'], &["assumeyes"]) {
                continue;
            }
            // Ex) RUN dnf install httpd
            let Some(sub) = cmd
                .args
                .iter()
                .find(|w| SUBCOMMANDS.contains(&w.value.as_str()))
            else {
                continue;
            };
            let fix = Fix::safe("Add `-y`", vec![Edit::insert(sub.range.end(), " -y")]);
            found.push((cmd.range, format!("{} {}", cmd.name(), sub.value), fix));
        }
    }
    for (range, what, fix) in found {
        c.report_with_fix(
            &META,
            range,
            format!("`{what}` without `-y` waits for a confirmation the build cannot give"),
            Some(fix),
        );
    }
}
