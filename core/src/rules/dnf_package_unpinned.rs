use super::Checker;
use super::helpers::{DNF, has_arg};
use super::helpers::{DeclaredVars, runs};

declare_rule! {
    /// ## What it does
    /// Checks for packages in `dnf install` (or `microdnf install`) without a version
    /// (`name-version`), and for modules in `dnf module install` without a stream
    /// (`name:stream`).
    ///
    /// ## Why is this bad?
    /// Without a version the build installs whatever the repository holds that day: two
    /// builds of the same Dockerfile may differ, and an update can break the image
    /// without any change to the file.
    ///
    /// A version is a `-` followed by parts made of letters, digits and `.~^_:+`, one of
    /// them starting with a digit (`httpd-2.4.62`, `nginx-1:1.24.0-1.fc40`). `.rpm`
    /// files are accepted; `dnf group install` is not checked. A variable declared by an
    /// earlier `ARG` or `ENV` (`httpd-$HTTPD_VERSION`) counts as a version. The values of
    /// options that take one (`--setopt tsflags=nodocs`, `--repo fedora`) are not
    /// packages.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM fedora:40
    /// RUN dnf install -y httpd && dnf clean all
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM fedora:40
    /// RUN dnf install -y httpd-2.4.62 && dnf clean all
    /// ```
    ///
    /// ## Deviations from hadolint
    /// hadolint 2.15.1 reports a `.rpm` file without a `-<digit>` in its name, and takes
    /// the value of an option written apart for a package; dockcoach does neither:
    ///
    /// ```dockerfile
    /// FROM fedora:40
    /// RUN dnf install -y /tmp/app.rpm && dnf install -y --repo fedora jq-1.7.1 \
    ///     && dnf clean all
    /// ```
    ///
    /// ## References
    /// - [dnf manual: specifying packages](https://dnf.readthedocs.io/en/latest/command_ref.html#specifying-packages-label)
    /// - hadolint `DL3041`
    pub static META = {
        code: "DL3041",
        name: "dnf-package-unpinned",
        aliases: [],
        severity: Warning,
        category: BestPractice,
        fix: None,
    }
}

pub(super) fn check(c: &Checker) {
    let mut declared = DeclaredVars::default();
    for index in runs(c) {
        let Some(script) = c.script(index) else {
            continue;
        };
        for cmd in &script.commands {
            if !DNF.runs_any(cmd, DNF.install) {
                continue;
            }
            let module = has_arg(cmd, &["module"]);
            if !module && has_arg(cmd, &["group"]) {
                continue;
            }
            for word in DNF.packages(cmd) {
                let v = word.value.as_str();
                // Ex) RUN dnf module install nodejs   /   RUN dnf install httpd
                // A variable declared by ARG or ENV stands for a version, as in hadolint.
                let pinned = if module {
                    v.contains(':')
                } else {
                    DNF.pinned(v, declared.before(c, index))
                };
                if pinned {
                    continue;
                }
                let tool = cmd.name();
                let message = if module {
                    format!("`{tool} module install` of `{v}` has no stream (`{v}:<stream>`)")
                } else {
                    format!("`{tool} install` of `{v}` has no version (`{v}-<version>`)")
                };
                c.report(&META, word.range, message);
            }
        }
    }
}
