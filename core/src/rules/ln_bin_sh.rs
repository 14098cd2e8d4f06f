use super::Checker;
use super::helpers::runs;
use crate::diagnostic::{Edit, Fix};
use crate::syntax::{Args, CommandForm};

declare_rule! {
    /// ## What it does
    /// Checks for a `RUN` that replaces `/bin/sh` with `ln` (`ln -sf /bin/bash /bin/sh`).
    ///
    /// ## Why is this bad?
    /// Relinking `/bin/sh` changes the shell of every script in the image, including
    /// those of the distribution that expect the original `/bin/sh`. To run the
    /// Dockerfile's own `RUN`s in another shell, the `SHELL` instruction says so openly.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM debian:12
    /// RUN ln -sf /bin/bash /bin/sh
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM debian:12
    /// SHELL ["/bin/bash", "-c"]
    /// ```
    ///
    /// ## Fix safety
    /// When the `RUN` is nothing but `ln -s[f] <absolute shell path> /bin/sh`, the fix
    /// replaces it with `SHELL ["<shell>", "-c"]`. It is unsafe: `/bin/sh` in the image
    /// stays the original shell, so scripts run by the container behave as before the
    /// link was added, which is different from what the `ln` did. Otherwise there is no fix.
    ///
    /// ## References
    /// - [Dockerfile reference: SHELL](https://docs.docker.com/reference/dockerfile/#shell)
    /// - hadolint `DL4005`
    pub static META = {
        code: "DL4005",
        name: "ln-bin-sh",
        aliases: [],
        severity: Warning,
        category: BestPractice,
        fix: Sometimes,
    }
}

const SHELLS: &[&str] = &["bash", "zsh", "ash", "dash", "ksh", "mksh"];

pub(super) fn check(c: &Checker) {
    for index in runs(c) {
        let Some(script) = c.script(index) else {
            continue;
        };
        let Some(ln) = script
            .commands
            .iter()
            .find(|cmd| cmd.name() == "ln" && cmd.arg_values().any(|a| a == "/bin/sh"))
        else {
            continue;
        };
        // Ex) RUN ln -sf /bin/bash /bin/sh   (and nothing else: the SHELL text is known)
        let positionals: Vec<&str> = ln.positionals().map(|w| w.value.as_str()).collect();
        let flags_ok = ln
            .args
            .iter()
            .filter(|w| w.value.starts_with('-'))
            .all(|w| {
                matches!(
                    w.value.as_str(),
                    "-s" | "-sf" | "-fs" | "-snf" | "-sfn" | "-nsf" | "-f"
                )
            })
            && ln.has_flag(&['s'], &["symbolic"]);
        let target = match positionals.as_slice() {
            [target, "/bin/sh"] => Some(*target),
            _ => None,
        };
        let fix = match (&c.parsed.instructions.get(index), target) {
            (Some(ins), Some(target))
                if script.commands.len() == 1
                    && flags_ok
                    && target.starts_with('/')
                    && SHELLS.contains(&target.rsplit('/').next().unwrap_or(""))
                    && !target.contains(['"', '\\', '$'])
                    && ins.heredocs.is_empty()
                    && matches!(ins.args, Args::Command(CommandForm::Shell(_)))
                    && ins.flags.is_empty() =>
            {
                let keyword = super::helpers::match_case(&ins.keyword.text, "SHELL");
                Some(Fix::unsafe_(
                    format!("Replace the `RUN` with `SHELL [\"{target}\", \"-c\"]`"),
                    vec![Edit::replace(
                        ins.range,
                        format!("{keyword} [\"{target}\", \"-c\"]"),
                    )],
                ))
            }
            _ => None,
        };
        c.report_with_fix(
            &META,
            ln.range,
            "`ln` replaces `/bin/sh`; the `SHELL` instruction changes the shell of `RUN` instead",
            fix,
        );
    }
}
