use super::Checker;
use super::helpers::{cmd_has_arg, runs};

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
    let mut found = Vec::new();
    for index in runs(c) {
        let Some(script) = c.script(index) else {
            continue;
        };
        for cmd in &script.commands {
            if !cmd_has_arg(cmd, &["zypper"], &["install", "in"]) {
                continue;
            }
            for word in cmd.positionals() {
                let v = word.value.as_str();
                if v == "install" || v == "in" {
                    continue;
                }
                // Ex) RUN zypper install -y curl
                if !(v.contains(['=', '<', '>']) || v.ends_with(".rpm")) {
                    found.push((word.range, v.to_string()));
                }
            }
        }
    }
    for (range, name) in found {
        c.report(
            &META,
            range,
            format!("`zypper install` of `{name}` has no version (`{name}=<version>`)"),
        );
    }
}
