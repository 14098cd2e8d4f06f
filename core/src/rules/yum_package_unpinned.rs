use super::Checker;
use super::helpers::{DeclaredVars, runs};
use super::helpers::{YUM, has_arg};

declare_rule! {
    /// ## What it does
    /// Checks for packages in `yum install` without a version (`name-version`), and for
    /// modules in `yum module install` without a stream (`name:stream`).
    ///
    /// ## Why is this bad?
    /// Without a version the build installs whatever the repository holds that day: two
    /// builds of the same Dockerfile may differ, and an update can break the image
    /// without any change to the file.
    ///
    /// As in hadolint 2.15.1 (and as DL3041 reads dnf), a version is a `-` followed by
    /// parts made of letters, digits and `.~^_:+`, one of them starting with a digit
    /// (`httpd-2.4.6`, `java-1.8.0-openjdk`): `shadow-utils` has no version, nor does a
    /// glob (`httpd-2.4.*`). A variable declared by an earlier `ARG` or `ENV`
    /// (`httpd-$HTTPD_VERSION`) counts as a version. The values of options that take one
    /// (`--enablerepo epel`, `--setopt tsflags=nodocs`) are not packages.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM centos:7
    /// RUN yum install -y httpd && yum clean all
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM centos:7
    /// RUN yum install -y httpd-2.4.6 && yum clean all
    /// ```
    ///
    /// ## Deviations from hadolint
    /// hadolint 2.15.1 reports a `.rpm` file without a `-<digit>` in its name, and takes
    /// the value of an option written apart for a package; dockcoach accepts an `.rpm`
    /// (one file is one version) and skips option values:
    ///
    /// ```dockerfile
    /// FROM centos:7
    /// RUN yum install -y /tmp/app.rpm && yum install -y --enablerepo epel jq-1.6 \
    ///     && yum clean all
    /// ```
    ///
    /// ## References
    /// - [Docker docs: version pinning](https://docs.docker.com/build/building/best-practices/#apt-get)
    /// - hadolint `DL3033`
    pub static META = {
        code: "DL3033",
        name: "yum-package-unpinned",
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
            if !YUM.runs_any(cmd, YUM.install) {
                continue;
            }
            let module = has_arg(cmd, &["module"]);
            for word in YUM.packages(cmd) {
                let v = word.value.as_str();
                // Ex) RUN yum module install nodejs   /   RUN yum install httpd
                let pinned = if module {
                    v.contains(':')
                } else {
                    YUM.pinned(v, declared.before(c, index))
                };
                if pinned {
                    continue;
                }
                let message = if module {
                    format!("`yum module install` of `{v}` has no stream (`{v}:<stream>`)")
                } else {
                    format!("`yum install` of `{v}` has no version (`{v}-<version>`)")
                };
                c.report(&META, word.range, message);
            }
        }
    }
}
