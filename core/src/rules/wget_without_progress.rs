use super::Checker;
use super::helpers::{runs, stage_base_facts};
use crate::diagnostic::{Applicability, Edit, Fix};
use crate::image::ShellKind;

declare_rule! {
    /// ## What it does
    /// Checks for `wget` without `--progress`, `-q`/`--quiet`, `-nv`/`--no-verbose`, or a
    /// log file (`-o`, `-a`).
    ///
    /// ## Why is this bad?
    /// wget's default progress bar redraws itself many times a second. In a build log
    /// that is thousands of lines for one large download, which bloats and slows down
    /// CI output.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM debian:12
    /// RUN wget https://example.com/app.tar.gz
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM debian:12
    /// RUN wget --progress=dot:giga https://example.com/app.tar.gz
    /// ```
    ///
    /// ## Fix safety
    /// The fix inserts `--progress=dot:giga` after `wget`; only the log output changes,
    /// so it is safe. It is offered only when the stage's base image is one the knowledge
    /// tables know to have GNU wget's environment (Debian or Ubuntu based): BusyBox `wget`
    /// (Alpine, BusyBox) rejects `--progress` and the step would fail, and an image the
    /// tables do not know may be either, so there the finding comes without a fix.
    ///
    /// ## References
    /// - [GNU wget manual: --progress](https://www.gnu.org/software/wget/manual/wget.html#Download-Options)
    /// - hadolint `DL3047`
    pub static META = {
        code: "DL3047",
        name: "wget-without-progress",
        aliases: [],
        severity: Info,
        category: Style,
        fix: Sometimes,
    }
}

pub(super) fn check(c: &Checker) {
    for index in runs(c) {
        let Some(script) = c.script(index) else {
            continue;
        };
        // GNU wget only: BusyBox's (Alpine, BusyBox) rejects `--progress`, and an image
        // the tables do not know may be either.
        let gnu_wget = c
            .model
            .stage_of(index)
            .and_then(|s| stage_base_facts(c, s.index))
            .is_some_and(|f| f.shell == ShellKind::Dash);
        for cmd in &script.commands {
            if cmd.name() != "wget" {
                continue;
            }
            let quiet = cmd.has_flag(
                &['q', 'o', 'a'],
                &[
                    "progress",
                    "quiet",
                    "output-file",
                    "append-output",
                    "no-verbose",
                ],
            ) || cmd.arg_values().any(|a| a == "-nv");
            if quiet {
                continue;
            }
            // Ex) RUN wget https://example.com/x.tar.gz
            let fix = gnu_wget.then(|| {
                Fix::new(
                    "Add `--progress=dot:giga`",
                    Applicability::Safe,
                    vec![Edit::insert(cmd.name.range.end(), " --progress=dot:giga")],
                )
            });
            c.report_with_fix(
                &META,
                cmd.range,
                "`wget` prints its progress bar into the build log",
                fix,
            );
        }
    }
}
