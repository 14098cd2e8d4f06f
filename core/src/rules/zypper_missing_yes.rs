use super::Checker;
use super::helpers::ZYPPER;

declare_rule! {
    /// ## What it does
    /// Checks for `zypper install`, `remove`, `source-install` and `patch` (and their
    /// short forms) without `-y` or `--no-confirm`.
    ///
    /// ## Why is this bad?
    /// Without a non-interactive switch `zypper` asks for confirmation. A build has no
    /// terminal to answer, so the step aborts or hangs.
    ///
    /// As hadolint does, only `-y` and `--no-confirm` count; the global
    /// `--non-interactive` is not looked at.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM opensuse/leap:15.6
    /// RUN zypper install curl=8.6.0 && zypper clean
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM opensuse/leap:15.6
    /// RUN zypper install -y curl=8.6.0 && zypper clean
    /// ```
    ///
    /// ## Fix safety
    /// The fix inserts `-y` after the subcommand. It is safe: it answers yes to the
    /// question the build could not answer.
    ///
    /// ## References
    /// - [zypper manual](https://en.opensuse.org/SDB:Zypper_manual)
    /// - hadolint `DL3034`
    pub static META = {
        code: "DL3034",
        name: "zypper-missing-yes",
        aliases: [],
        severity: Warning,
        category: BestPractice,
        fix: Safe,
    }
}

pub(super) fn check(c: &Checker) {
    for cmd in c.run_commands() {
        // Ex) RUN zypper install httpd
        let Some((sub, fix)) = ZYPPER.missing_yes(cmd) else {
            continue;
        };
        c.report_with_fix(
            &META,
            cmd.range,
            format!(
                "`zypper {}` without `-y` waits for a confirmation the build cannot give",
                sub.value
            ),
            Some(fix),
        );
    }
}
