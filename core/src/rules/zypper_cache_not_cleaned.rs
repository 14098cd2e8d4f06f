use super::Checker;
use super::helpers::ZYPPER;
use super::helpers::{append_command, runs, runs_later};
use crate::diagnostic::{Applicability, Fix};

declare_rule! {
    /// ## What it does
    /// Checks for a `RUN` with `zypper install` that is not followed by `zypper clean` in
    /// the same `RUN`.
    ///
    /// ## Why is this bad?
    /// `zypper` keeps downloaded packages and repository metadata in `/var/cache/zypp`.
    /// The layer that ran the install keeps them, and the image carries a cache it never
    /// uses.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM opensuse/leap:15.6
    /// RUN zypper install -y curl=8.6.0
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM opensuse/leap:15.6
    /// RUN zypper install -y curl=8.6.0 \
    ///     && zypper clean
    /// ```
    ///
    /// ## Fix safety
    /// The fix appends `&& zypper clean` to the `RUN`. It is safe when no later
    /// instruction of the file runs `zypper` and unsafe otherwise. There is no fix for
    /// exec-form or heredoc `RUN`s, or when the script ends in an operator or holds a
    /// shell comment.
    ///
    /// ## References
    /// - [zypper manual: clean](https://en.opensuse.org/SDB:Zypper_manual)
    /// - hadolint `DL3036`, Trivy `DS-0020`
    pub static META = {
        code: "DL3036",
        name: "zypper-cache-not-cleaned",
        aliases: ["DS-0020"],
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
        let install = script
            .commands
            .iter()
            .position(|cmd| ZYPPER.runs_any(cmd, ZYPPER.install));
        let Some(install) = install else { continue };
        // Ex) RUN zypper clean && zypper install -y curl   (no clean after the install)
        let cleaned = script
            .commands
            .iter()
            .skip(install + 1)
            .any(|cmd| ZYPPER.cleans(cmd));
        if cleaned {
            continue;
        }
        let Some(range) = script.commands.get(install).map(|cmd| cmd.range) else {
            continue;
        };
        let applicability = if runs_later(c, index, &["zypper"]) {
            Applicability::Unsafe
        } else {
            Applicability::Safe
        };
        let fix = append_command(c, index, "zypper clean")
            .map(|edit| Fix::new("Append `&& zypper clean`", applicability, vec![edit]));
        c.report_with_fix(&META, range, "`zypper install` leaves its cache in the layer; no `zypper clean` follows it in this `RUN`", fix);
    }
}
