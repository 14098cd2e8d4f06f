use super::Checker;
use super::helpers::runs;
use crate::diagnostic::{Edit, Fix};

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

const SUBCOMMANDS: &[&str] = &[
    "install",
    "in",
    "remove",
    "rm",
    "source-install",
    "si",
    "patch",
];

pub(super) fn check(c: &Checker) {
    let mut found = Vec::new();
    for index in runs(c) {
        let Some(script) = c.script(index) else {
            continue;
        };
        for cmd in &script.commands {
            if cmd.name() != "zypper" || cmd.has_flag(&['y'], &["no-confirm"]) {
                continue;
            }
            // Ex) RUN zypper install curl
            let Some(sub) = cmd
                .args
                .iter()
                .find(|w| SUBCOMMANDS.contains(&w.value.as_str()))
            else {
                continue;
            };
            let fix = Fix::safe("Add `-y`", vec![Edit::insert(sub.range.end(), " -y")]);
            found.push((cmd.range, sub.value.clone(), fix));
        }
    }
    for (range, sub, fix) in found {
        c.report_with_fix(
            &META,
            range,
            format!("`zypper {sub}` without `-y` waits for a confirmation the build cannot give"),
            Some(fix),
        );
    }
}
