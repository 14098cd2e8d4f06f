use super::Checker;
use super::helpers::ZYPPER;
use super::helpers::runs;

declare_rule! {
    /// ## What it does
    /// Checks for packages in `zypper install` without a version constraint
    /// (`name=version`, `name>=version`, ...).
    ///
    /// ## Why is this bad?
    /// Without a version the build installs whatever the repository holds that day: two
    /// builds of the same Dockerfile may differ, and an update can break the image
    /// without any change to the file.
    ///
    /// `.rpm` files are accepted.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM opensuse/leap:15.6
    /// RUN zypper install -y curl && zypper clean
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM opensuse/leap:15.6
    /// RUN zypper install -y curl=8.6.0 && zypper clean
    /// ```
    ///
    /// ## Deviations from hadolint
    /// hadolint takes the value of an option written apart (`-r oss`, `--repo oss`) for
    /// a package and reports it; dockcoach knows which zypper options take a value:
    ///
    /// ```dockerfile
    /// FROM opensuse/leap:15.6
    /// RUN zypper install -y -r oss curl=8.6.0 && zypper clean
    /// ```
    ///
    /// ## References
    /// - [zypper manual](https://en.opensuse.org/SDB:Zypper_manual)
    /// - hadolint `DL3037`
    pub static META = {
        code: "DL3037",
        name: "zypper-package-unpinned",
        aliases: [],
        severity: Warning,
        category: BestPractice,
        fix: None,
    }
}

pub(super) fn check(c: &Checker) {
    let none = crate::collections::StrSet::default();
    for index in runs(c) {
        let Some(script) = c.script(index) else {
            continue;
        };
        for cmd in &script.commands {
            if !ZYPPER.runs_any(cmd, ZYPPER.install) {
                continue;
            }
            for word in ZYPPER.packages(cmd) {
                let v = word.value.as_str();
                // Ex) RUN zypper install -y curl
                if !ZYPPER.pinned(v, &none) {
                    c.report(
                        &META,
                        word.range,
                        format!("`zypper install` of `{v}` has no version (`{v}=<version>`)"),
                    );
                }
            }
        }
    }
}
