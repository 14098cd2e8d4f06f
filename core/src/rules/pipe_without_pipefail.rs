use super::helpers::{builds_on, insertion_point, stage_base_facts};
use super::{Checker, Onbuild};
use crate::diagnostic::{Edit, Fix};
use crate::image::ShellKind;
use crate::syntax::{Args, CommandForm, InstructionKind};

declare_rule! {
    /// ## What it does
    /// Checks for a `RUN` with a pipe (`a | b`) when the shell does not use `-o pipefail`.
    ///
    /// ## Why is this bad?
    /// A pipeline's exit status is that of its last command. In
    /// `RUN curl -fsSL https://example.com/install.sh | sh`, a failed download still lets the
    /// step succeed, and the build goes on with a broken image. With `pipefail` the step
    /// fails when any command of the pipe fails.
    ///
    /// Not reported after `SHELL ["/bin/bash", "-o", "pipefail", "-c"]` (also `zsh`, `ash`),
    /// under a non-POSIX `SHELL` (PowerShell, cmd), or when the script itself runs
    /// `set -o pipefail` first (hadolint reports that case too).
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM debian:12
    /// RUN curl -fsSL https://example.com/key.asc | gpg --dearmor -o /usr/share/keyrings/x.gpg
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM debian:12
    /// SHELL ["/bin/bash", "-o", "pipefail", "-c"]
    /// RUN curl -fsSL https://example.com/key.asc | gpg --dearmor -o /usr/share/keyrings/x.gpg
    /// ```
    ///
    /// ## Fix safety
    /// The fix inserts a `SHELL` instruction before the first such `RUN` of the stage (and
    /// before the comment lines right above it). It is unsafe: every later `RUN` of the
    /// stage, of stages built on it and of images built on this one runs in that shell.
    /// So it is offered only where that shell is known to exist and to mean the same:
    /// `/bin/ash` on Alpine and BusyBox bases (their `/bin/sh` already is ash), and
    /// `/bin/bash` on Debian and Ubuntu based images the knowledge tables know, unless a
    /// later `RUN` of the stage or of a stage built on it runs `echo` with a backslash
    /// (dash, Debian's `/bin/sh`, expands `echo '\tx'`; bash prints `\t`). On an image
    /// the tables do not know, the finding comes without a fix.
    ///
    /// ## Deviations from hadolint
    /// hadolint reports a `RUN` even when its script switches `pipefail` on before the
    /// pipe; dockcoach does not, because the pipe then fails as it should:
    ///
    /// ```sh
    /// RUN set -eo pipefail; curl -fsSL https://example.com/x.sh | sh
    /// ```
    ///
    /// (This needs a shell with `pipefail`; `/bin/sh` on Debian is dash, where `set -o
    /// pipefail` itself fails the step, which is loud rather than silent.)
    ///
    /// ## References
    /// - [Docker docs: using pipes](https://docs.docker.com/build/building/best-practices/#using-pipes)
    /// - hadolint `DL4006`, Trivy `DS-0032`
    pub static META = {
        code: "DL4006",
        name: "pipe-without-pipefail",
        aliases: ["DS-0032"],
        severity: Warning,
        category: BestPractice,
        fix: Sometimes,
    }
}

fn shell_has_pipefail(items: &[String]) -> bool {
    let Some(program) = items.first() else {
        return false;
    };
    let base = program.rsplit('/').next().unwrap_or(program);
    matches!(base, "bash" | "zsh" | "ash")
        && items.iter().skip(1).any(|a| a == "pipefail")
        && items
            .iter()
            .skip(1)
            .any(|a| a.starts_with('-') && !a.starts_with("--") && a.contains('o'))
}

pub(super) fn check(c: &Checker) {
    let mut stage_fixed: Option<usize> = None;
    for (index, ins) in c.walk(Onbuild::Skip) {
        if ins.kind != InstructionKind::Run {
            continue;
        }
        let Some(state) = c.model.state(index) else {
            continue;
        };
        if state.non_posix {
            continue;
        }
        if state.shell.as_deref().is_some_and(shell_has_pipefail) {
            continue;
        }
        if !matches!(ins.args, Args::Command(CommandForm::Shell(_))) {
            continue;
        }
        let Some(script) = c.script(index) else {
            continue;
        };
        let Some(pipe) = script.commands.iter().find(|cmd| cmd.pipeline.is_some()) else {
            continue;
        };
        // Ex) RUN set -o pipefail && curl ... | sh
        let sets_pipefail = script.commands.iter().any(|cmd| {
            cmd.name() == "set"
                && cmd.range.start < pipe.range.start
                && cmd.arg_values().any(|a| a == "pipefail")
        });
        if sets_pipefail {
            continue;
        }
        let stage = state.stage;
        let fix = if stage_fixed != stage || stage.is_none() {
            stage_fixed = stage;
            shell_fix(c, index)
        } else {
            None
        };
        let id = pipe.pipeline.as_ref().map(|p| p.id);
        let range = script
            .commands
            .iter()
            .filter(|cmd| cmd.pipeline.as_ref().map(|p| p.id) == id)
            .fold(pipe.range, |acc, cmd| acc.cover(cmd.range));
        c.report_with_fix(
            &META,
            range,
            "A pipe in `RUN` without `-o pipefail` hides failures of all but its last command",
            fix,
        );
    }
}

/// `Some(true)` when the stage's base image (through parent stages) is Alpine or BusyBox.
/// The `SHELL` fix for the first pipe of a stage: `/bin/ash` on BusyBox bases (the same
/// shell, so nothing else changes), `/bin/bash` on bases the tables know to have bash
/// and dash as `/bin/sh`, unless a later `RUN` of the stage or of a stage built on it
/// runs `echo` with a backslash (dash's `echo` expands `\t`, bash's prints it). No fix on
/// an image the tables do not know: bash may be missing there.
fn shell_fix(c: &Checker, index: usize) -> Option<Fix> {
    let ins = c.parsed.instructions.get(index)?;
    let stage = c.model.stage_of(index)?;
    let facts = stage_base_facts(c, stage.index)?;
    let shell = match facts.shell {
        ShellKind::Busybox => r#"["/bin/ash", "-o", "pipefail", "-c"]"#,
        ShellKind::Dash => {
            if bash_echo_later(c, index, stage.index) {
                return None;
            }
            r#"["/bin/bash", "-o", "pipefail", "-c"]"#
        }
        ShellKind::None | ShellKind::Unknown => return None,
    };
    let at = insertion_point(c, index);
    let keyword = super::helpers::match_case(&ins.keyword.text, "SHELL");
    Some(Fix::unsafe_(
        "Insert a `SHELL` with `-o pipefail` before this `RUN`",
        vec![Edit::insert(
            at,
            format!("{keyword} {shell}{}", c.line_ending()),
        )],
    ))
}

/// Whether a RUN from `index` on, in stage `stage` or a stage built on it, runs `echo`
/// with a backslash in its arguments.
fn bash_echo_later(c: &Checker, index: usize, stage: usize) -> bool {
    let descends = |s: usize| builds_on(c, s, stage);
    (index..c.parsed.instructions.len()).any(|i| {
        c.model.stage_of(i).is_some_and(|s| descends(s.index))
            && c.script(i).is_some_and(|script| {
                script.commands.iter().any(|cmd| {
                    cmd.name() == "echo" && cmd.args.iter().any(|w| w.value.contains('\\'))
                })
            })
    })
}
