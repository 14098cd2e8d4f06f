use super::helpers::merge_runs;
use super::{Checker, Onbuild};
use crate::diagnostic::Fix;
use crate::syntax::{Args, CommandForm, Flag, Instruction, InstructionKind};

declare_rule! {
    /// ## What it does
    /// Checks for consecutive `RUN` instructions with the same flags that could be one
    /// `RUN`.
    ///
    /// ## Why is this bad?
    /// Each `RUN` makes a layer. Short steps in a row make more layers than needed, and
    /// files deleted in a later step still take space in the earlier layer.
    ///
    /// As hadolint does, only `RUN`s of a single command are counted: a `RUN` that
    /// already chains commands is treated as deliberately separate, and so is the `RUN`
    /// after it; `RUN`s whose flags differ (`--mount`,
    /// `--network`...) are never counted together. Comments between them do not break
    /// the sequence, other instructions do. A heredoc fed to a shell (`RUN <<EOT bash`)
    /// counts the shell as one command more than its body, as in hadolint, so it never
    /// is a one-command `RUN`; `RUN <<EOT` alone counts its body's commands. A command
    /// named by a variable (`"$SDK/bin/sdkmanager"`) is not counted, as hadolint cannot
    /// name it. Windows stages (PowerShell, cmd) are checked too: like hadolint, dockcoach
    /// reads their `RUN`s as POSIX shell. A script that does not parse as POSIX shell
    /// counts as no command, as in hadolint (ShellCheck gives up on it).
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM debian:12
    /// RUN mkdir -p /app
    /// RUN chown nobody /app
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM debian:12
    /// RUN mkdir -p /app \
    ///     && chown nobody /app
    /// ```
    ///
    /// ## Fix safety
    /// The fix merges the `RUN` into the one before it with `&&` on a continuation line.
    /// It is unsafe: the commands now share one shell (variables and `cd` carry over)
    /// and one layer, which changes build caching. There is no fix when either `RUN` is
    /// in exec form or has a heredoc, when a comment or a blank line sits between them,
    /// when either holds a shell comment, when the first ends in an operator, or when the second
    /// has `;`, `||` or `&` at its top level (chaining it with `&&` would change what runs).
    ///
    /// ## Deviations from hadolint
    /// Whether a PowerShell script parses as POSIX shell is decided by dockcoach's own
    /// shell parser, not ShellCheck's, and the two differ on a few PowerShell
    /// constructs, so some Windows `RUN`s count differently:
    ///
    /// ```dockerfile
    /// # escape=`
    /// FROM mcr.microsoft.com/windows/servercore:ltsc2022
    /// SHELL ["powershell", "-Command"]
    /// RUN Write-Host 'Downloading' ; `
    ///     $MsiFile = $env:Temp + '\iisnode.msi'
    /// RUN Remove-Item C:\tmp\*.msi
    /// ```
    ///
    /// ## References
    /// - [Docker docs: minimize the number of layers](https://docs.docker.com/build/building/best-practices/#minimize-the-number-of-layers)
    /// - hadolint `DL3059`
    pub static META = {
        code: "DL3059",
        name: "consecutive-run",
        aliases: [],
        severity: Info,
        category: Performance,
        fix: Unsafe,
    }
}

fn is_heredoc_script(c: &Checker, ins: &Instruction) -> bool {
    matches!(
        super::script_heredoc(c.parsed, ins),
        Some(super::HeredocScript::Shell(_))
    )
}

/// The commands hadolint counts: `[ ... ]` and `[[ ... ]]` are conditions, not commands,
/// to ShellCheck; a command whose name is a variable (`"$TOOLS/bin/sdk" ...`) has no name
/// it can know.
fn present_commands(script: &crate::shell::Script) -> usize {
    script
        .commands
        .iter()
        .filter(|cmd| {
            let name = cmd.name.value.as_str();
            !matches!(name, "[" | "[[") && !name.contains('$')
        })
        .count()
}

fn same_flags(a: &[Flag], b: &[Flag]) -> bool {
    a.len() == b.len()
        && a.iter()
            .zip(b)
            .all(|(x, y)| x.name.eq_ignore_ascii_case(&y.name) && x.value == y.value)
}

/// The number of commands in a RUN (exec form: one).
fn command_count(c: &Checker, index: usize, ins: &Instruction) -> usize {
    match &ins.args {
        // `[ ... ]` and `[[ ... ]]` are conditions, not commands, to ShellCheck (and hadolint).
        Args::Command(CommandForm::Shell(span)) => match c.script(index) {
            Some(s) => {
                // `RUN <<EOT bash`: hadolint reads the shell on the RUN line as one more
                // command before the body, so such a RUN is never a one-command RUN.
                let shell = usize::from(
                    span.text.split_whitespace().nth(1).is_some() && is_heredoc_script(c, ins),
                );
                // A script that does not parse has no commands to hadolint (ShellCheck
                // gives up), so it never breaks a sequence.
                if s.error.is_some() {
                    0
                } else {
                    shell + present_commands(s)
                }
            }
            // PowerShell or cmd: hadolint reads it as a POSIX shell script too, and
            // counts no command in a script that does not parse as one.
            None => match c.script_any_shell(index) {
                Some(s) if s.error.is_none() => present_commands(s),
                Some(_) => 0,
                None => rough_command_count(&span.text),
            },
        },
        _ => 1,
    }
}

pub(super) fn check(c: &Checker) {
    // The RUN that started the current sequence: (index, flags, command count).
    let mut previous: Option<(usize, usize)> = None;
    let mut last_run: Option<usize> = None;
    for (index, ins) in c.walk(Onbuild::AsWritten) {
        if ins.kind != InstructionKind::Run {
            previous = None;
            last_run = None;
            continue;
        }
        let count = command_count(c, index, ins);
        let Some((first, first_count)) = previous else {
            previous = Some((index, count));
            last_run = Some(index);
            continue;
        };
        let Some(first_ins) = c.parsed.instructions.get(first) else {
            continue;
        };
        if !same_flags(&first_ins.flags, &ins.flags) || count > 1 || first_count > 1 {
            previous = Some((index, count));
            last_run = Some(index);
            continue;
        }
        // Ex) RUN a \n RUN b
        let fix = last_run.and_then(|prev| merge_fix(c, prev, index));
        c.report_with_fix(
            &META,
            ins.keyword.range,
            "This `RUN` directly follows another `RUN` with the same flags; they could be one layer",
            fix,
        );
        last_run = Some(index);
    }
}

/// Merges RUN `second` into RUN `first` (the instruction right before it).
fn merge_fix(c: &Checker, first: usize, second: usize) -> Option<Fix> {
    merge_runs(c, first, second, "Merge into the previous `RUN`")
}

/// Commands in a script we do not parse: separators outside quotes, plus one.
fn rough_command_count(text: &str) -> usize {
    let mut count = 1;
    let mut quote: Option<char> = None;
    let mut prev = ' ';
    for ch in text.chars() {
        match quote {
            Some(q) if ch == q => quote = None,
            Some(_) => {}
            None if ch == '"' || ch == '\'' => quote = Some(ch),
            None if ch == ';' || (ch == '|' && prev != '|') || (ch == '&' && prev == '&') => {
                count += 1;
            }
            None => {}
        }
        prev = ch;
    }
    count
}
