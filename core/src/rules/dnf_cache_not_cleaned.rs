use super::Checker;
use super::helpers::DNF;
use super::helpers::{append_command, cmd_has_arg, runs, runs_later};
use crate::diagnostic::{Applicability, Fix};

declare_rule! {
    /// ## What it does
    /// Checks for a `RUN` with `dnf install` (also `upgrade`, `reinstall`, and
    /// `microdnf`) that is not followed by `dnf clean all` in the same `RUN`.
    ///
    /// ## Why is this bad?
    /// `dnf` keeps downloaded packages and repository metadata in `/var/cache/dnf`. The
    /// layer that ran the install keeps them, and the image carries a cache it never uses.
    ///
    /// As hadolint does, an `rm -rf` after the install also counts as cleaning up.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM fedora:40
    /// RUN dnf install -y httpd-2.4.62
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM fedora:40
    /// RUN dnf install -y httpd-2.4.62 \
    ///     && dnf clean all
    /// ```
    ///
    /// ## Fix safety
    /// The fix appends `&& dnf clean all` (`&& microdnf clean all` for `microdnf`) to the
    /// `RUN`. It is safe when no later instruction of the file runs that package manager
    /// and unsafe otherwise. There is no fix for exec-form or heredoc `RUN`s, or when the
    /// script ends in an operator or holds a shell comment.
    ///
    /// ## References
    /// - [dnf manual: clean](https://dnf.readthedocs.io/en/latest/command_ref.html#clean-command)
    /// - hadolint `DL3040`, Trivy `DS-0019` (dnf) and `DS-0027` (microdnf)
    pub static META = {
        code: "DL3040",
        name: "dnf-cache-not-cleaned",
        aliases: ["DS-0019", "DS-0027"],
        severity: Warning,
        category: Performance,
        fix: Sometimes,
    }
}

pub(super) fn check(c: &Checker) {
    for index in runs(c) {
        let Some(script) = c.script(index) else {
            continue;
        };
        for &tool in DNF.names {
            let install = script
                .commands
                .iter()
                .position(|cmd| cmd_has_arg(cmd, &[tool], &["install", "upgrade", "reinstall"]));
            let Some(install) = install else { continue };
            // Ex) RUN dnf install -y x && dnf clean all
            let cleaned = script.commands.iter().skip(install + 1).any(|cmd| {
                (cmd.name() == tool && DNF.cleans(cmd))
                    || cmd_has_arg(cmd, &["rm"], &["-rf", "/var/cache/yum/*"])
            });
            if cleaned {
                continue;
            }
            let Some(range) = script.commands.get(install).map(|cmd| cmd.range) else {
                continue;
            };
            let applicability = if runs_later(c, index, &[tool]) {
                Applicability::Unsafe
            } else {
                Applicability::Safe
            };
            let command = format!("{tool} clean all");
            let fix = append_command(c, index, &command)
                .map(|edit| Fix::new(format!("Append `&& {command}`"), applicability, vec![edit]));
            c.report_with_fix(&META, range, format!("`{tool} install` leaves its cache in the layer; no `{tool} clean all` follows it in this `RUN`"), fix);
        }
    }
}
