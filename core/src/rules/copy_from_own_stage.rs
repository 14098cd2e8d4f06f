use super::{Checker, Onbuild};
use crate::syntax::{Args, InstructionKind};

declare_rule! {
    /// ## What it does
    /// Checks for `COPY --from=name` inside the stage called `name`.
    ///
    /// ## Why is this bad?
    /// A stage cannot copy from itself: the build stops with a circular dependency
    /// error. Copy from the stage that produced the files.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM golang:1.23 AS build
    /// COPY --from=build /src/app /app
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM golang:1.23 AS deps
    /// RUN go install example.com/tool@v1.0.0
    /// FROM golang:1.23 AS build
    /// COPY --from=deps /go/bin/tool /usr/local/bin/tool
    /// ```
    ///
    /// ## References
    /// - [Docker docs: multi-stage builds](https://docs.docker.com/build/building/multi-stage/)
    /// - hadolint `DL3023`, Trivy `DS-0006`
    pub static META = {
        code: "DL3023",
        name: "copy-from-own-stage",
        aliases: ["DS-0006"],
        severity: Error,
        category: Syntax,
        fix: None,
    }
}

pub(super) fn check(c: &Checker) {
    let mut current: Option<String> = None;
    // ONBUILD COPY runs in another build's stages, as hadolint assumes too.
    for (_, ins) in c.walk(Onbuild::Skip) {
        match (ins.kind, &ins.args) {
            (InstructionKind::From, Args::From(from)) => {
                current = from.alias.as_ref().map(|a| a.text.clone())
            }
            (InstructionKind::Copy, _) => {
                let Some(flag) = ins.flag("from") else {
                    continue;
                };
                // Ex) FROM x AS build ... COPY --from=build
                if let (Some(value), Some(stage)) = (flag.value.as_deref(), current.as_deref())
                    && value.eq_ignore_ascii_case(stage)
                {
                    c.report(
                        &META,
                        flag.range,
                        format!("`--from={value}` names the stage this `COPY` is in"),
                    );
                }
            }
            _ => {}
        }
    }
}
