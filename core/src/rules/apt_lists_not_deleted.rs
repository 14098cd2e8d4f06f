use super::helpers::{continuation_indent, merge_runs, reads_apt_lists};
use super::{Checker, Onbuild};
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
    /// again) and unsafe when a later `RUN` runs apt with its own `update`. When a later
    /// `RUN` installs *without* its own `update`, deleting the lists would make that
    /// install fail, so there is no such fix: a lone `RUN apt-get update` right before the
    /// `RUN` that installs is merged into it instead (unsafe: one layer instead of two;
    /// the next pass then deletes the lists in the merged `RUN`), and otherwise nothing is
    /// offered.
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
    let n = c.parsed.instructions.len();
    // Per instruction: a later RUN uses apt at all / reads the lists without its own
    // `apt-get update` (deleting them here would break that RUN).
    let mut runs_apt_later = vec![false; n + 1];
    let mut reads_lists_later = vec![false; n + 1];
    for i in (0..n).rev() {
        let uses_apt = c.script(i).is_some_and(|s| {
            s.commands
                .iter()
                .any(|cmd| cmd.name() == "apt-get" || cmd.name() == "apt")
        });
        runs_apt_later[i] = runs_apt_later[i + 1] || uses_apt;
        reads_lists_later[i] = reads_lists_later[i + 1] || reads_apt_lists(c, i);
    }
    for (index, ins) in c.walk(Onbuild::Trigger) {
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
        let fix = if reads_lists_later.get(index + 1).copied().unwrap_or(false) {
            // Ex) RUN apt-get update \n RUN apt-get install -y curl
            // Deleting the lists here breaks the later install: merge a lone update into
            // the install right after it instead, or offer nothing.
            let lone = script.commands.len() == 1;
            let next_installs = c
                .parsed
                .instructions
                .get(index + 1)
                .is_some_and(|next| next.kind == InstructionKind::Run)
                && reads_apt_lists(c, index + 1);
            if lone && next_installs {
                merge_runs(
                    c,
                    index,
                    index + 1,
                    "Merge the `update` into the next `RUN`, which installs",
                )
            } else {
                None
            }
        } else {
            match &ins.args {
                Args::Command(CommandForm::Shell(span)) if ins.heredocs.is_empty() => {
                    let applicability = if runs_apt_later.get(index + 1).copied().unwrap_or(false) {
                        Applicability::Unsafe
                    } else {
                        Applicability::Safe
                    };
                    let indent = continuation_indent(c, ins);
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
            }
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
