use super::Checker;
use super::helpers::{busybox_base, runs};
use crate::diagnostic::{Applicability, Edit, Fix};

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
    /// The fix inserts `--progress=dot:giga` after `wget`; only the log output changes.
    /// It is safe when the stage's base image is known and is not Alpine or BusyBox, and
    /// unsafe otherwise: BusyBox `wget` does not know `--progress` and the step would fail.
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
        let applicability = match c
            .model
            .stage_of(index)
            .and_then(|s| busybox_base(c, s.index))
        {
            Some(false) => Applicability::Safe,
            _ => Applicability::Unsafe,
        };
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
            let fix = Fix::new(
                "Add `--progress=dot:giga`",
                applicability,
                vec![Edit::insert(cmd.name.range.end(), " --progress=dot:giga")],
            );
            c.report_with_fix(
                &META,
                cmd.range,
                "`wget` prints its progress bar into the build log",
                Some(fix),
            );
        }
    }
}
