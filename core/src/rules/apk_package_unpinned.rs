use super::Checker;
use super::helpers::{APK_VALUE_OPTIONS, has_arg, operands, report_unpinned};
use crate::shell::Word;

declare_rule! {
    /// ## What it does
    /// Checks for `apk add` of packages without a version (`curl` instead of
    /// `curl=8.9.1-r0` or `curl~8.9`).
    ///
    /// ## Why is this bad?
    /// Without a version, every build installs whatever the repository holds that day.
    /// Two builds of the same Dockerfile then differ, and a new upstream release can
    /// break the image without any change to the file.
    ///
    /// Local `.apk` files and the values of `-t`/`--virtual`, `-X`/`--repository` are
    /// not reported.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM alpine:3.20
    /// RUN apk add --no-cache curl
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM alpine:3.20
    /// RUN apk add --no-cache curl=8.12.1-r0
    /// ```
    ///
    /// ## References
    /// - [Alpine wiki: apk](https://wiki.alpinelinux.org/wiki/Alpine_Package_Keeper)
    /// - hadolint `DL3018`
    pub static META = {
        code: "DL3018",
        name: "apk-package-unpinned",
        aliases: [],
        severity: Warning,
        category: BestPractice,
        fix: None,
    }
}

fn is_pinned(package: &str) -> bool {
    package.contains('=') || package.contains('~') || package.ends_with(".apk")
}

pub(super) fn check(c: &Checker) {
    for cmd in c.run_commands() {
        if cmd.name() != "apk" || !has_arg(cmd, &["add"]) {
            continue;
        }
        // Ex) apk add --no-cache curl
        let unpinned: Vec<&Word> = operands(cmd, APK_VALUE_OPTIONS)
            .into_iter()
            .filter(|w| w.value != "add" && !is_pinned(&w.value))
            .collect();
        report_unpinned(c, &META, &unpinned, "apk add");
    }
}
