use super::Checker;
use crate::diagnostic::{Applicability, Edit, Fix};
use crate::syntax::{Args, CommandForm, InstructionKind};

declare_rule! {
    /// ## What it does
    /// Checks for `RUN apt-get update` that does not delete `/var/lib/apt/lists/*` in the
    /// same `RUN`, in the final stage or in a stage another stage builds on.
    ///
    /// ## Why is this bad?
    /// The package lists are tens of megabytes that the running container never needs.
    /// Deleting them in a later `RUN` does not help: the layer that wrote them keeps them.
    ///
    /// `apt-get dist-clean` (apt 2.7 and later) deletes the lists too and is accepted, and
    /// so is `find /var/lib/apt/lists -type f -delete` (or `-exec rm`).
    /// A `RUN --mount=type=cache` on `/var/lib/apt/lists` (or on both `/var/lib/apt` and
    /// `/var/cache/apt`) keeps the lists out of the image and is not reported.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM debian:12
    /// RUN apt-get update && apt-get install -y --no-install-recommends curl
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM debian:12
    /// RUN apt-get update && apt-get install -y --no-install-recommends curl \
    ///     && rm -rf /var/lib/apt/lists/*
    /// ```
    ///
    /// ## Fix safety
    /// The fix appends `&& rm -rf /var/lib/apt/lists/*` to the command. It is safe when no
    /// later instruction of the file runs `apt-get` (nothing in the build reads the lists
    /// again) and unsafe otherwise: a later `apt-get install` without its own `update`
    /// would then fail.
    ///
    /// ## Deviations from hadolint
    /// hadolint accepts any `rm -rf` as the clean-up, whatever it deletes, and does not
    /// know `apt-get dist-clean` nor `find /var/lib/apt/lists -type f -delete`. dockcoach looks at what is deleted:
    ///
    /// ```dockerfile
    /// FROM debian:12
    /// RUN apt-get update && apt-get install -y --no-install-recommends gnupg \
    ///     && rm -rf "$GNUPGHOME"
    /// ```
    ///
    /// is reported by dockcoach (the lists stay) and not by hadolint, and
    /// `RUN apt-get update && apt-get install -y x && apt-get dist-clean` is reported by
    /// hadolint and not by dockcoach, as are `rm /var/lib/apt/lists/*_*` (without `-rf`:
    /// hadolint wants one of `-rf` or `/var/lib/apt/lists/*` word for word) and
    /// `rm -rf /var/lib/{apt,dpkg}/` (a brace expansion).
    ///
    /// ## References
    /// - [Docker docs: apt-get](https://docs.docker.com/build/building/best-practices/#apt-get)
    /// - hadolint `DL3009`
    pub static META = {
        code: "DL3009",
        name: "apt-lists-not-deleted",
        aliases: [],
        severity: Info,
        category: Performance,
        fix: Sometimes,
    }
}

/// True when `rm` of `path` removes the package lists (`/var/lib/apt/lists/*`, or a
/// directory above them).
fn deletes_lists(path: &str) -> bool {
    // Ex) rm -rf /var/lib/{apt,dpkg,cache,log}/   (brace expansion: one path per word)
    if let Some((head, rest)) = path.split_once('{')
        && let Some((alternatives, tail)) = rest.split_once('}')
        && alternatives.contains(',')
    {
        return alternatives
            .split(',')
            .any(|a| deletes_lists(&format!("{head}{a}{tail}")));
    }
    let path = path.trim_end_matches('*').trim_end_matches('/');
    path.starts_with("/var/lib/apt/lists") || path == "/var/lib/apt"
}

pub(super) fn check(c: &Checker) {
    let runs_apt_later: Vec<bool> = {
        let n = c.parsed.instructions.len();
        let mut later = vec![false; n + 1];
        for i in (0..n).rev() {
            let uses_apt = c.script(i).is_some_and(|s| {
                s.commands
                    .iter()
                    .any(|cmd| cmd.name() == "apt-get" || cmd.name() == "apt")
            });
            later[i] = later[i + 1] || uses_apt;
        }
        later
    };
    for (index, ins) in c.instructions() {
        if ins.kind != InstructionKind::Run {
            continue;
        }
        let cached = |dir| super::helpers::has_cache_mount_under(ins, dir);
        if cached("/var/lib/apt/lists") || (cached("/var/lib/apt") && cached("/var/cache/apt")) {
            continue;
        }
        let Some(stage) = c.model.stage_of(index) else {
            continue;
        };
        let relevant = c.model.is_final(stage) || stage.has_children;
        if !relevant {
            continue;
        }
        let Some(script) = c.script(index) else {
            continue;
        };
        let Some(update) = script.commands.iter().find(|cmd| {
            matches!(cmd.name(), "apt-get" | "apt") && cmd.arg_values().any(|a| a == "update")
        }) else {
            continue;
        };
        // Ex) RUN apt-get update && apt-get install -y x   (no rm -rf /var/lib/apt/lists/*)
        let mut cwd = String::new();
        let cleans = script.commands.iter().any(|cmd| {
            match cmd.name() {
                // Ex) cd /var/lib && rm -rf apt
                "cd" => {
                    if let Some(dir) = cmd
                        .positionals()
                        .next()
                        .filter(|d| d.value.starts_with('/'))
                    {
                        cwd = dir.value.clone();
                    }
                    false
                }
                "rm" => cmd.positionals().any(|a| {
                    if a.value.starts_with('/') || cwd.is_empty() {
                        deletes_lists(&a.value)
                    } else {
                        deletes_lists(&format!("{}/{}", cwd.trim_end_matches('/'), a.value))
                    }
                }),
                // Ex) find /var/lib/apt/lists -type f -delete   /   find ... -exec rm {} +
                "find" => {
                    let args: Vec<&str> = cmd.arg_values().collect();
                    let deletes = args.contains(&"-delete")
                        || args
                            .windows(2)
                            .any(|w| matches!(w, ["-exec" | "-execdir", "rm" | "/bin/rm"]));
                    deletes
                        && args
                            .iter()
                            .take_while(|a| !a.starts_with(['-', '(', '!']))
                            .any(|a| deletes_lists(a))
                }
                "apt-get" | "apt" => cmd.positionals().any(|a| a.value == "dist-clean"),
                _ => false,
            }
        });
        if cleans {
            continue;
        }
        let fix = match &ins.args {
            Args::Command(CommandForm::Shell(span)) if ins.heredocs.is_empty() => {
                let applicability = if runs_apt_later.get(index + 1).copied().unwrap_or(false) {
                    Applicability::Unsafe
                } else {
                    Applicability::Safe
                };
                // Indent like the RUN's last line when it is a continuation line.
                let index = c.parsed.line_index();
                let last_line = index.line_of(span.range.end());
                let line_start = index.line_start(last_line);
                let indent: String = if index.line_of(span.range.start()) < last_line {
                    c.text()
                        .get(line_start..span.range.end())
                        .unwrap_or("")
                        .chars()
                        .take_while(|ch| *ch == ' ' || *ch == '\t')
                        .collect()
                } else {
                    "    ".to_string()
                };
                Some(Fix::new(
                    "Append `&& rm -rf /var/lib/apt/lists/*`",
                    applicability,
                    vec![Edit::insert(
                        span.range.end(),
                        format!(
                            " {}{}{indent}&& rm -rf /var/lib/apt/lists/*",
                            c.parsed.escape,
                            c.line_ending()
                        ),
                    )],
                ))
            }
            _ => None,
        };
        let tool = update.name();
        c.report_with_fix(
            &META,
            update.range,
            format!("`{tool} update` leaves the package lists in the image; delete `/var/lib/apt/lists/*` in the same `RUN`"),
            fix,
        );
    }
}
