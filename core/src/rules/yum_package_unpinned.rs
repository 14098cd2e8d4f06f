use super::Checker;
use super::helpers::{cmd_has_arg, runs};

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
    /// As hadolint does, any `-` in the word counts as a version, and `.rpm` files are
    /// accepted.
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
    let mut found = Vec::new();
    for index in runs(c) {
        let Some(script) = c.script(index) else {
            continue;
        };
        for cmd in &script.commands {
            if !cmd_has_arg(cmd, &["yum"], &["install"]) {
                continue;
            }
            let module = cmd.arg_values().any(|a| a == "module");
            for word in cmd.positionals() {
                let v = word.value.as_str();
                if v == "install" || v == "module" {
                    continue;
                }
                // Ex) RUN yum module install nodejs   /   RUN yum install httpd
                let pinned = if module {
                    v.contains(':')
                } else {
                    v.contains('-') || v.ends_with(".rpm")
                };
                if !pinned {
                    found.push((word.range, v.to_string(), module));
                }
            }
        }
    }
    for (range, name, module) in found {
        let message = if module {
            format!("`yum module install` of `{name}` has no stream (`{name}:<stream>`)")
        } else {
            format!("`yum install` of `{name}` has no version (`{name}-<version>`)")
        };
        c.report(&META, range, message);
    }
}
