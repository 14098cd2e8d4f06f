use super::helpers::{StageFlags, has_cache_mount};
use super::{Checker, Onbuild};
use crate::diagnostic::{Edit, Fix};
use crate::shell::Command;
use crate::syntax::{Args, CommandForm, InstructionKind};

declare_rule! {
    /// ## What it does
    /// Checks for `pip install` without `--no-cache-dir`.
    ///
    /// ## Why is this bad?
    /// pip keeps every downloaded wheel in `~/.cache/pip`. In an image that cache is dead
    /// weight: nothing installs from it again.
    ///
    /// Not reported when the stage (or the stage it builds on) sets
    /// `ENV PIP_NO_CACHE_DIR` to a true value (`1`, `true`, `on`, `yes`), when the `RUN`
    /// sets `PIP_NO_CACHE_DIR=1`, when a `--mount=type=cache` target holds `.cache/pip`,
    /// or for `pipx` and `pipenv`.
    ///
    /// Windows stages are checked too: `pip install` reads the same in PowerShell and cmd,
    /// and hadolint checks it there as well.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM python:3.13
    /// RUN pip install requests==2.32.3
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM python:3.13
    /// RUN pip install --no-cache-dir requests==2.32.3
    /// ```
    ///
    /// ## Fix safety
    /// The fix inserts `--no-cache-dir` after `install`. It is safe: pip installs the same
    /// packages and only skips writing its cache.
    ///
    /// ## Deviations from hadolint
    /// dockcoach matches pip by its base name, so a pip called through a path is checked
    /// too; hadolint only recognises a literal `pip` (and `python -m pip`):
    ///
    /// ```dockerfile
    /// FROM python:3.12-slim
    /// RUN /venv/bin/pip install -r /app/requirements.txt
    /// ```
    ///
    /// is reported by dockcoach and not by hadolint.
    ///
    /// ## References
    /// - [pip docs: caching](https://pip.pypa.io/en/stable/topics/caching/)
    /// - hadolint `DL3042`
    pub static META = {
        code: "DL3042",
        name: "pip-cache-not-disabled",
        aliases: [],
        severity: Warning,
        category: Performance,
        fix: Safe,
    }
}

const TRUTHY: &[&str] = &[
    "1", "true", "True", "TRUE", "on", "On", "ON", "yes", "Yes", "YES",
];

/// The `install` word of a `pip install` / `python -m pip install`.
fn pip_install(cmd: &Command) -> Option<&crate::shell::Word> {
    let name = cmd.name();
    if name.contains("pipx") || name.contains("pipenv") {
        return None;
    }
    if name.starts_with("pip") {
        return cmd.args.iter().find(|w| w.value == "install");
    }
    if name.starts_with("python") {
        let args: Vec<&str> = cmd.arg_values().collect();
        let m = args
            .windows(2)
            .position(|w| w == ["-m", "pip"] || w == ["-m", "pip3"])?;
        return cmd.args.iter().skip(m + 2).find(|w| w.value == "install");
    }
    None
}

/// `PIP_NO_CACHE_DIR=<truthy>` anywhere in the RUN's text.
fn sets_no_cache_dir(text: &str) -> bool {
    let Some(at) = text.find("PIP_NO_CACHE_DIR=") else {
        return false;
    };
    let value = text.get(at + "PIP_NO_CACHE_DIR=".len()..).unwrap_or("");
    TRUTHY.iter().any(|t| value.starts_with(t))
}

pub(super) fn check(c: &Checker) {
    // Per stage (as hadolint tracks stages): `ENV PIP_NO_CACHE_DIR` switched the cache off.
    let mut disabled = StageFlags::new();
    // As written: an `ONBUILD ENV` does not switch the cache off here, but the RUN of an
    // `ONBUILD RUN` is checked (through `effective()` below), as hadolint reads them.
    for (index, ins) in c.walk(Onbuild::AsWritten) {
        match ins.kind {
            // Ex) FROM base AS child   (inherits the setting of stage `base`)
            InstructionKind::From => disabled.enter(c, index),
            // Ex) ENV PIP_NO_CACHE_DIR=1
            InstructionKind::Env => {
                for pair in ins.pairs() {
                    if pair.key.text == "PIP_NO_CACHE_DIR"
                        && pair
                            .value_unquoted(c.parsed.escape)
                            .is_some_and(|v| TRUTHY.contains(&v.as_str()))
                    {
                        disabled.set();
                    }
                }
            }
            _ => {}
        }
        let ins = ins.effective();
        if ins.kind != InstructionKind::Run {
            continue;
        }
        if disabled.on || has_cache_mount(ins, ".cache/pip") {
            continue;
        }
        if let Args::Command(CommandForm::Shell(span)) = &ins.args
            && sets_no_cache_dir(&span.text)
        {
            continue;
        }
        let Some(script) = c.script_any_shell(index) else {
            continue;
        };
        for cmd in &script.commands {
            // Ex) RUN pip install requests
            let Some(install) = pip_install(cmd) else {
                continue;
            };
            if cmd.arg_values().any(|a| a == "--no-cache-dir") {
                continue;
            }
            let fix = Fix::safe(
                "Add `--no-cache-dir`",
                vec![Edit::insert(install.range.end(), " --no-cache-dir")],
            );
            c.report_with_fix(
                &META,
                cmd.range,
                "`pip install` without `--no-cache-dir` leaves pip's download cache in the layer",
                Some(fix),
            );
        }
    }
}
