use super::{Checker, Onbuild};
use crate::syntax::{Args, InstructionKind};

declare_rule! {
    /// ## What it does
    /// Checks for `COPY --from=name` where `name` is not an earlier stage.
    ///
    /// ## Why is this bad?
    /// When no earlier stage has the name, the builder takes it for an image and pulls
    /// it from a registry. A typo in a stage name, or a stage defined after the `COPY`,
    /// then copies from an unrelated image (or fails to pull one). Copy from an earlier
    /// stage, or name the image with a tag (`--from=nginx:1.27`) to make it explicit.
    ///
    /// Stage numbers of earlier stages (`--from=0`) and references with a tag or digest
    /// are accepted.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM golang:1.23 AS build
    /// RUN go build -o /app .
    /// FROM debian:12-slim
    /// COPY --from=biuld /app /app
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM golang:1.23 AS build
    /// RUN go build -o /app .
    /// FROM debian:12-slim
    /// COPY --from=build /app /app
    /// ```
    ///
    /// ## Deviations from hadolint
    /// Stage names are compared without regard to case, as BuildKit compares them:
    /// `FROM golang:1.23 AS Build` then `COPY --from=build` is reported by hadolint and
    /// not by dockcoach.
    ///
    /// ## References
    /// - [Docker docs: multi-stage builds](https://docs.docker.com/build/building/multi-stage/)
    /// - hadolint `DL3022`
    pub static META = {
        code: "DL3022",
        name: "copy-from-undefined-stage",
        aliases: [],
        severity: Warning,
        category: BestPractice,
        fix: None,
    }
}

pub(super) fn check(c: &Checker) {
    let mut names: Vec<String> = Vec::new();
    let mut stages = 0usize;
    // ONBUILD COPY runs in another build's stages, as hadolint assumes too.
    for (_, ins) in c.walk(Onbuild::Skip) {
        match (ins.kind, &ins.args) {
            (InstructionKind::From, Args::From(from)) => {
                stages += 1;
                if let Some(alias) = &from.alias {
                    names.push(alias.text.to_ascii_lowercase());
                }
            }
            (InstructionKind::Copy, _) => {
                let Some(flag) = ins.flag("from") else {
                    continue;
                };
                let Some(value) = flag.value.as_deref() else {
                    continue;
                };
                let known = names.iter().any(|n| n.eq_ignore_ascii_case(value))
                    || value.parse::<usize>().is_ok_and(|n| n < stages)
                    || value.contains(':');
                // Ex) COPY --from=biuld /app /app
                if known {
                    continue;
                }
                c.report(
                    &META,
                    flag.range,
                    format!("`--from={value}` names no earlier stage, so it is pulled as an image"),
                );
            }
            _ => {}
        }
    }
}
