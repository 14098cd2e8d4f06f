use super::{Checker, Onbuild};
use crate::diagnostic::{Edit, Fix};
use crate::syntax::json::quote_into;
use crate::syntax::{Args, CommandForm, InstructionKind};

declare_rule! {
    /// ## What it does
    /// Checks for `CMD` and `ENTRYPOINT` written in shell form.
    ///
    /// ## Why is this bad?
    /// The shell form runs the command as a child of `/bin/sh -c`. The shell becomes
    /// PID 1 and does not forward signals, so `docker stop` waits for its timeout and then
    /// kills the process without a clean shutdown. With `ENTRYPOINT`, the shell form also
    /// ignores the arguments passed to `docker run`. The JSON (exec) form runs the program
    /// directly.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM python:3.12-slim
    /// CMD python app.py --port 8000
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM python:3.12-slim
    /// CMD ["python", "app.py", "--port", "8000"]
    /// ```
    ///
    /// ## Fix safety
    /// The fix is unsafe: without a shell, environment variables are no longer expanded
    /// and the program becomes PID 1, which changes how it receives signals. It is only
    /// offered when the command is plain words without any shell syntax (no `$`, quotes,
    /// pipes, redirections, `&&`, globs).
    ///
    /// ## Deviations from hadolint
    /// hadolint also reports `HEALTHCHECK CMD` in shell form. A health check is not PID 1
    /// and receives no signals, so its shell form is harmless and dockcoach (like
    /// BuildKit's `JSONArgsRecommended`) does not report it:
    ///
    /// ```dockerfile
    /// HEALTHCHECK CMD curl --fail http://localhost:3000 || exit 1
    /// ```
    ///
    /// hadolint also reads a JSON array with an escape its parser does not know
    /// (`CMD ["\/usr/bin/znc"]`) as shell form; BuildKit and dockcoach read it as JSON.
    /// An array with a non-string item (`CMD ["echo", ["x"]]`) is a syntax error for
    /// BuildKit and is reported as `DL1000`, not as shell form.
    ///
    /// ## References
    /// - [Dockerfile reference: shell and exec form](https://docs.docker.com/reference/dockerfile/#shell-and-exec-form)
    /// - hadolint `DL3025`, BuildKit `JSONArgsRecommended`
    pub static META = {
        code: "DL3025",
        name: "shell-form-cmd",
        aliases: ["JSONArgsRecommended"],
        severity: Warning,
        category: BestPractice,
        fix: Unsafe,
    }
}

pub(super) fn check(c: &Checker) {
    for (_, ins) in c.walk(Onbuild::Trigger) {
        if !matches!(ins.kind, InstructionKind::Cmd | InstructionKind::Entrypoint) {
            continue;
        }
        let Args::Command(CommandForm::Shell(command)) = &ins.args else {
            continue;
        };
        // Ex) CMD python app.py
        let fix = exec_form(&command.text).map(|json| {
            Fix::unsafe_(
                "Rewrite as a JSON exec-form array",
                vec![Edit::replace(command.range, json)],
            )
        });
        c.report_with_fix(
            &META,
            command.range,
            format!(
                "`{}` uses the shell form, so signals do not reach the program",
                ins.kind.as_str()
            ),
            fix,
        );
    }
}

/// `["a", "b"]` for a command of plain words; `None` when it uses shell syntax.
fn exec_form(command: &str) -> Option<String> {
    const SHELL_SYNTAX: &[char] = &[
        '$', '`', '\\', '"', '\'', '|', '&', ';', '<', '>', '(', ')', '*', '?', '[', ']', '{', '}',
        '~', '#', '=', '\n',
    ];
    if command.contains(SHELL_SYNTAX) {
        return None;
    }
    let mut out = String::with_capacity(command.len() + 8);
    for word in command.split_whitespace() {
        out.push_str(if out.is_empty() { "[" } else { ", " });
        quote_into(&mut out, word);
    }
    if out.is_empty() {
        return None;
    }
    out.push(']');
    Some(out)
}
