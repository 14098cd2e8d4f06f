use super::Checker;
use crate::diagnostic::{Edit, Fix};
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
    /// The fix inserts a `SHELL` instruction before the first such `RUN` of the stage
    /// (`/bin/ash` for Alpine and BusyBox bases, `/bin/bash` otherwise). It is unsafe: every
    /// later `RUN` of the stage then runs in that shell, which must exist in the image.
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
        fix: Unsafe,
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
    for (index, ins) in c.parsed.instructions.iter().enumerate() {
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
            let shell = match c
                .model
                .stage_of(index)
                .and_then(|s| base_image_of(c, s.index))
            {
                Some(true) => r#"["/bin/ash", "-o", "pipefail", "-c"]"#,
                _ => r#"["/bin/bash", "-o", "pipefail", "-c"]"#,
            };
            let line_start = c
                .parsed
                .line_index()
                .line_start(c.parsed.line_index().line_of(ins.range.start()));
            let indent = crate::text::TextRange::new(line_start, ins.range.start()).slice(c.text());
            let indent = if indent.trim().is_empty() { indent } else { "" };
            let keyword = super::helpers::match_case(&ins.keyword.text, "SHELL");
            Some(Fix::unsafe_(
                "Insert a `SHELL` with `-o pipefail` before this `RUN`",
                vec![Edit::insert(
                    ins.range.start(),
                    format!("{keyword} {shell}{}{indent}", c.line_ending()),
                )],
            ))
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
fn base_image_of(c: &Checker, stage: usize) -> Option<bool> {
    let s = c.model.stages.get(stage)?;
    let s = c.model.stages.get(s.root)?;
    let image = s.image.as_ref()?;
    let path = image.path.to_ascii_lowercase();
    let tag = image.tag.as_deref().unwrap_or("").to_ascii_lowercase();
    Some(path.ends_with("alpine") || path.ends_with("busybox") || tag.contains("alpine"))
}
