use super::Checker;
use super::helpers::YUM;
use super::helpers::{append_command, runs, runs_later};
use crate::diagnostic::{Applicability, Fix};

declare_rule! {
    /// ## What it does
    /// Checks for a `RUN` with `yum install` that does not run `yum clean all` too.
    ///
    /// ## Why is this bad?
    /// `yum` keeps the downloaded packages and repository metadata in `/var/cache/yum`.
    /// The layer that ran `yum install` keeps them for good, even when a later `RUN`
    /// deletes them, and the image grows by tens of megabytes it never uses.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM centos:7
    /// RUN yum install -y httpd-2.4.6
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM centos:7
    /// RUN yum install -y httpd-2.4.6 \
    ///     && yum clean all
    /// ```
    ///
    /// ## Fix safety
    /// The fix appends `&& yum clean all` to the `RUN`. It is safe when no later
    /// instruction of the file runs `yum` and unsafe otherwise (a later `yum` then has to
    /// download the metadata again). There is no fix for exec-form or heredoc `RUN`s, or
    /// when the script ends in an operator or holds a shell comment.
    ///
    /// ## References
    /// - [Docker docs: RUN best practices](https://docs.docker.com/build/building/best-practices/#run)
    /// - hadolint `DL3032`, Trivy `DS-0015`
    pub static META = {
        code: "DL3032",
        name: "yum-cache-not-cleaned",
        aliases: ["DS-0015"],
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
        // Ex) RUN yum install -y httpd   (no yum clean all)
        let Some(install) = script
            .commands
            .iter()
            .find(|cmd| YUM.runs_any(cmd, YUM.install))
        else {
            continue;
        };
        if script.commands.iter().any(|cmd| YUM.cleans(cmd)) {
            continue;
        }
        let applicability = if runs_later(c, index, &["yum"]) {
            Applicability::Unsafe
        } else {
            Applicability::Safe
        };
        let fix = append_command(c, index, "yum clean all")
            .map(|edit| Fix::new("Append `&& yum clean all`", applicability, vec![edit]));
        c.report_with_fix(&META, install.range, "`yum install` leaves its cache in the layer; `yum clean all` is missing from this `RUN`", fix);
    }
}
