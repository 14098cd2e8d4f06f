use super::Checker;
use super::helpers::match_case;
use crate::diagnostic::{Edit, Fix};
use crate::shell::Connector;
use crate::syntax::{Args, CommandForm, InstructionKind};

declare_rule! {
    /// ## What it does
    /// Checks for `cd` in `RUN`.
    ///
    /// ## Why is this bad?
    /// A `cd` lasts only until the end of its `RUN`, so the next instruction is back in
    /// the old directory, which readers easily miss. `WORKDIR` states the directory once
    /// for every instruction that follows, creates it when missing, and cannot fail
    /// silently the way a `cd` in a long `;` chain can.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM golang:1.23
    /// RUN cd /src && go build ./...
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM golang:1.23
    /// WORKDIR /src
    /// RUN go build ./...
    /// ```
    ///
    /// ## Fix safety
    /// When the `RUN` starts with `cd /absolute/path && ...`, the fix moves the `cd` into
    /// a `WORKDIR` before the `RUN`. It is unsafe: the new directory also applies to every
    /// later instruction of the stage (and to the container's working directory), and
    /// `WORKDIR` creates a directory that `cd` would have failed on.
    ///
    /// ## References
    /// - [Docker docs: WORKDIR](https://docs.docker.com/build/building/best-practices/#workdir)
    /// - hadolint `DL3003`, Trivy `DS-0013`
    pub static META = {
        code: "DL3003",
        name: "cd-in-run",
        aliases: ["DS-0013"],
        severity: Warning,
        category: BestPractice,
        fix: Unsafe,
    }
}

/// A path `WORKDIR` takes literally: absolute, without quotes, variables or globs.
fn is_plain_absolute(path: &str) -> bool {
    path.starts_with('/')
        && path.chars().all(|ch| {
            ch.is_ascii_alphanumeric() || matches!(ch, '/' | '.' | '_' | '-' | '+' | '@' | ':')
        })
}

pub(super) fn check(c: &Checker) {
    // ONBUILD RUN is left alone, as hadolint does.
    for (index, ins) in c.parsed.instructions.iter().enumerate() {
        if ins.kind != InstructionKind::Run {
            continue;
        }
        let Some(script) = c.script(index) else {
            continue;
        };
        let mut fix = match (script.commands.as_slice(), &ins.args) {
            // Ex) RUN cd /src && go build ./...
            ([cd, next, ..], Args::Command(CommandForm::Shell(_)))
                if ins.heredocs.is_empty()
                    && cd.name() == "cd"
                    && cd.name.value == "cd"
                    && cd.connector == Connector::First
                    && cd.depth == 0
                    && cd.pipeline.is_none()
                    && cd.redirects.is_empty()
                    && cd.assignments.is_empty()
                    && next.connector == Connector::And
                    && next.depth == 0
                    && matches!(cd.args.as_slice(), [dir] if !dir.quoted && is_plain_absolute(&dir.value)) =>
            {
                let dir = cd.args.first().map(|w| w.value.clone()).unwrap_or_default();
                let workdir = match_case(&ins.keyword.text, "WORKDIR");
                Some(Fix::unsafe_(
                    format!("Move `cd {dir}` into `WORKDIR {dir}`"),
                    vec![
                        Edit::insert(
                            ins.range.start(),
                            format!("{workdir} {dir}{}", c.line_ending()),
                        ),
                        Edit::delete(crate::text::TextRange::new(
                            cd.range.start(),
                            next.range.start(),
                        )),
                    ],
                ))
            }
            _ => None,
        };
        for cmd in script.commands.iter().filter(|cmd| cmd.name() == "cd") {
            c.report_with_fix(
                &META,
                cmd.range,
                "`cd` in `RUN` changes the directory only for this `RUN`",
                fix.take(),
            );
        }
    }
}
