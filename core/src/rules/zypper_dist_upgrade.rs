use super::Checker;
use super::helpers::runs;

declare_rule! {
    /// ## What it does
    /// Checks for `zypper dist-upgrade` (`zypper dup`) in a `RUN`.
    ///
    /// ## Why is this bad?
    /// A distribution upgrade inside a build moves the image to whatever the repositories
    /// hold that day: the build is no longer reproducible and may jump to a new release.
    /// Pick a newer base image instead, and install the packages you need at fixed
    /// versions.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM opensuse/leap:15.5
    /// RUN zypper dist-upgrade -y
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM opensuse/leap:15.6
    /// ```
    ///
    /// ## References
    /// - [zypper manual](https://en.opensuse.org/SDB:Zypper_manual)
    /// - hadolint `DL3035`
    pub static META = {
        code: "DL3035",
        name: "zypper-dist-upgrade",
        aliases: [],
        severity: Warning,
        category: BestPractice,
        fix: None,
    }
}

pub(super) fn check(c: &Checker) {
    for index in runs(c) {
        let Some(script) = c.script(index) else {
            continue;
        };
        for cmd in &script.commands {
            // Ex) RUN zypper dup
            if cmd.name() == "zypper" && cmd.arg_values().any(|a| a == "dist-upgrade" || a == "dup")
            {
                c.report(
                    &META,
                    cmd.range,
                    "`zypper dist-upgrade` upgrades the whole distribution inside the build",
                );
            }
        }
    }
}
