use super::{Checker, Onbuild};
use crate::diagnostic::{Edit, Fix};
use crate::syntax::Args;

declare_rule! {
    /// ## What it does
    /// Checks for stage names (`FROM image AS Name`) with upper-case letters.
    ///
    /// ## Why is this bad?
    /// BuildKit lower-cases stage names: `AS Builder` defines the stage `builder`, and
    /// `--target`, `COPY --from` and later `FROM` lines find it under that name. Writing it
    /// in mixed case suggests that case matters when it does not, and references written
    /// in another case look like typos.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM golang:1.22 AS BuildStage
    /// RUN go build -o /out/app .
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM golang:1.22 AS buildstage
    /// RUN go build -o /out/app .
    /// ```
    ///
    /// ## Fix safety
    /// The fix lower-cases the name and is safe: BuildKit compares stage names without
    /// regard to case, so every reference keeps finding the stage.
    ///
    /// ## References
    /// - [Docker build checks: StageNameCasing](https://docs.docker.com/go/dockerfile/rule/stage-name-casing/)
    pub static META = {
        code: "StageNameCasing",
        name: "uppercase-stage-name",
        aliases: [],
        severity: Warning,
        category: Style,
        fix: Safe,
    }
}

pub(super) fn check(c: &Checker) {
    let text = c.text();
    for (_, ins) in c.walk(Onbuild::Skip) {
        let Args::From(from) = &ins.args else {
            continue;
        };
        let Some(alias) = &from.alias else { continue };
        // Ex) FROM golang AS Builder
        if crate::case::is_lowercase(&alias.text) || alias.text.contains('$') {
            continue;
        }
        let lowered = crate::case::to_lowercase(&alias.text);
        // A name split by a line continuation is not rewritten.
        let fix = (alias.range.slice(text) == alias.text).then(|| {
            Fix::safe(
                format!("Rename the stage to `{lowered}`"),
                vec![Edit::replace(alias.range, lowered.clone())],
            )
        });
        c.report_with_fix(
            &META,
            alias.range,
            format!("Stage name `{}` is not lower-case", alias.text),
            fix,
        );
    }
}
