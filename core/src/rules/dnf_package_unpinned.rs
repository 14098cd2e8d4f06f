use super::Checker;
use super::helpers::{DeclaredVars, cmd_has_arg, runs, substitute_vars};

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
    /// earlier `ARG` or `ENV` (`httpd-$HTTPD_VERSION`) counts as a version.
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

fn version_like(parts: &[&str]) -> bool {
    !parts.is_empty()
        && parts.iter().all(|p| {
            p.chars()
                .all(|ch| ch.is_ascii_alphanumeric() || ".~^_:+".contains(ch))
        })
        && parts
            .iter()
            .any(|p| p.chars().next().is_some_and(|ch| ch.is_ascii_digit()))
}

fn package_pinned(package: &str) -> bool {
    let parts: Vec<&str> = package.split('-').collect();
    if parts.len() <= 1 {
        return false;
    }
    package.ends_with(".rpm") || version_like(parts.get(1..).unwrap_or(&[]))
}

pub(super) fn check(c: &Checker) {
    let mut found = Vec::new();
    let mut declared = DeclaredVars::default();
    for index in runs(c) {
        let Some(script) = c.script(index) else {
            continue;
        };
        for cmd in &script.commands {
            if !cmd_has_arg(cmd, &["dnf", "microdnf"], &["install"]) {
                continue;
            }
            let module = cmd.arg_values().any(|a| a == "module");
            if !module && cmd.arg_values().any(|a| a == "group") {
                continue;
            }
            for word in cmd.positionals() {
                let v = word.value.as_str();
                if v == "install" || v == "module" {
                    continue;
                }
                // Ex) RUN dnf module install nodejs   /   RUN dnf install httpd
                // A variable declared by ARG or ENV stands for a version, as in hadolint.
                let pinned = if module {
                    v.contains(':')
                } else {
                    package_pinned(&substitute_vars(v, declared.before(c, index), "1"))
                };
                if !pinned {
                    found.push((word.range, v.to_string(), cmd.name().to_string(), module));
                }
            }
        }
    }
    for (range, name, tool, module) in found {
        let message = if module {
            format!("`{tool} module install` of `{name}` has no stream (`{name}:<stream>`)")
        } else {
            format!("`{tool} install` of `{name}` has no version (`{name}-<version>`)")
        };
        c.report(&META, range, message);
    }
}
