use super::Checker;
use super::helpers::DNF;

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

pub(super) fn check(c: &Checker) {
    for cmd in c.run_commands() {
        // Ex) RUN dnf install httpd
        let Some((sub, fix)) = DNF.missing_yes(cmd) else {
            continue;
        };
        c.report_with_fix(
            &META,
            cmd.range,
            format!(
                "`{} {}` without `-y` waits for a confirmation the build cannot give",
                cmd.name(),
                sub.value
            ),
            Some(fix),
        );
    }
}
