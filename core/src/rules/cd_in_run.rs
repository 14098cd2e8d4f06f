use super::helpers::{insertion_point, match_case};
use super::{Checker, Onbuild};
use crate::diagnostic::{Applicability, Edit, Fix};
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
    /// When the `RUN` starts with `cd /absolute/path && ...` and `WORKDIR` already is that
    /// directory, the fix removes the `cd ... &&`, which does nothing: safe. Otherwise the
    /// fix moves the `cd` into a `WORKDIR` before the `RUN`. That one is unsafe: the new
    /// directory also applies to the container's working directory, and `WORKDIR` creates a
    /// directory that `cd` would have failed on. It is offered only when no later
    /// instruction of the stage depends on the directory before the next absolute
    /// `WORKDIR`: no relative `WORKDIR` (which would move, e.g. from `/app` to
    /// `/opt/tool/app`), no `COPY`/`ADD` to a relative destination, no `RUN` that does not
    /// start with its own `cd /dir`, no `CMD`/`ENTRYPOINT` other than an absolute program,
    /// and no later stage built on this one.
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
        fix: Sometimes,
    }
}

/// A path `WORKDIR` takes literally: absolute, without quotes, variables or globs.
fn is_plain_absolute(path: &str) -> bool {
    path.starts_with('/')
        && path.chars().all(|ch| {
            ch.is_ascii_alphanumeric() || matches!(ch, '/' | '.' | '_' | '-' | '+' | '@' | ':')
        })
}

/// Whether an instruction after RUN `index`, in its stage and before the next absolute
/// `WORKDIR`, depends on the working directory: a relative `WORKDIR` (it would move), a
/// `COPY`/`ADD` to a relative destination, a `RUN` that does not start with `cd` to an
/// absolute directory, a `CMD`/`ENTRYPOINT` other than an absolute exec-form program;
/// or the stage ends without an absolute `WORKDIR` and a later stage builds on it.
fn later_depends_on_workdir(c: &Checker, index: usize) -> bool {
    let Some(stage) = c.model.stage_of(index) else {
        return true;
    };
    for i in index + 1..stage.end {
        let Some(ins) = c.parsed.instructions.get(i) else {
            break;
        };
        let depends = match (ins.kind, &ins.args) {
            (InstructionKind::Workdir, Args::Text(t)) => {
                if t.text.starts_with('/') {
                    return false;
                }
                true
            }
            (InstructionKind::Copy | InstructionKind::Add, Args::List { items, .. }) => items
                .last()
                .is_some_and(|d| !d.text.starts_with('/') && !d.text.starts_with('$')),
            (InstructionKind::Run, _) => !c.script(i).is_some_and(|s| {
                s.commands.first().is_some_and(|cd| {
                    cd.name() == "cd"
                        && cd
                            .args
                            .first()
                            .is_some_and(|d| d.value.starts_with(['/', '$', '~']))
                        && s.commands
                            .get(1)
                            .is_none_or(|n| n.connector == Connector::And)
                })
            }),
            (InstructionKind::Cmd | InstructionKind::Entrypoint, args) => match args {
                Args::Command(CommandForm::Exec { items, .. }) => {
                    items.iter().enumerate().any(|(k, item)| {
                        (k == 0 && !item.text.starts_with('/'))
                            || item.text.starts_with("./")
                            || item.text.starts_with("../")
                    })
                }
                _ => true,
            },
            _ => false,
        };
        if depends {
            return true;
        }
    }
    stage.has_children
}

pub(super) fn check(c: &Checker) {
    // ONBUILD RUN is left alone, as hadolint does.
    for (index, ins) in c.walk(Onbuild::Skip) {
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
                let cd_and = crate::text::TextRange::new(cd.range.start(), next.range.start());
                let current = c.model.state(index).and_then(|s| s.workdir.clone());
                if current
                    .as_deref()
                    .is_some_and(|w| w.trim_end_matches('/') == dir.trim_end_matches('/'))
                {
                    // Ex) WORKDIR /code \n RUN cd /code && make   (the `cd` does nothing)
                    Some(Fix::new(
                        format!("Remove `cd {dir} &&`: `WORKDIR` already is `{dir}`"),
                        Applicability::Safe,
                        vec![Edit::delete(cd_and)],
                    ))
                } else if later_depends_on_workdir(c, index) {
                    // A later instruction would run (or copy) somewhere else.
                    None
                } else {
                    let workdir = match_case(&ins.keyword.text, "WORKDIR");
                    Some(Fix::unsafe_(
                        format!("Move `cd {dir}` into `WORKDIR {dir}`"),
                        vec![
                            Edit::insert(
                                insertion_point(c, index),
                                format!("{workdir} {dir}{}", c.line_ending()),
                            ),
                            Edit::delete(cd_and),
                        ],
                    ))
                }
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
