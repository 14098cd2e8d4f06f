use super::Checker;
use super::helpers::YUM;

declare_rule! {
    /// ## What it does
    /// Checks for `yum install` (also `groupinstall`, `localinstall`) without `-y`
    /// (or `--assumeyes`).
    ///
    /// ## Why is this bad?
    /// A build has no terminal to answer yum's "Is this ok [y/N]". yum reads end of
    /// input, answers no, and the build fails.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM centos:7
    /// RUN yum install httpd-2.4.6 && yum clean all
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM centos:7
    /// RUN yum install -y httpd-2.4.6 && yum clean all
    /// ```
    ///
    /// ## Fix safety
    /// The fix adds `-y` after the subcommand and is safe: a build that succeeded
    /// without it installs the same packages with it.
    ///
    /// ## References
    /// - [yum(8)](https://man7.org/linux/man-pages/man8/yum.8.html)
    /// - hadolint `DL3030`
    pub static META = {
        code: "DL3030",
        name: "yum-install-without-yes",
        aliases: [],
        severity: Warning,
        category: BestPractice,
        fix: Safe,
    }
}

pub(super) fn check(c: &Checker) {
    for cmd in c.run_commands() {
        // Ex) RUN yum install httpd
        let Some((sub, fix)) = YUM.missing_yes(cmd) else {
            continue;
        };
        c.report_with_fix(
            &META,
            cmd.name.range,
            format!(
                "`yum {}` without `-y` fails when yum asks for confirmation",
                sub.value
            ),
            Some(fix),
        );
    }
}
