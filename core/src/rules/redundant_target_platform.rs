use super::{Checker, Onbuild};
use crate::diagnostic::{Edit, Fix};
use crate::syntax::InstructionKind;
use crate::text::TextRange;

declare_rule! {
    /// ## What it does
    /// Checks for `FROM --platform=$TARGETPLATFORM`.
    ///
    /// ## Why is this bad?
    /// A stage is built for the target platform by default; saying so again adds noise
    /// and suggests the flag does something.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM --platform=$TARGETPLATFORM alpine:3.20
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM alpine:3.20
    /// ```
    ///
    /// ## Fix safety
    /// The fix removes the flag. It is safe: the stage is built for the same platform.
    ///
    /// ## References
    /// - [Docker build checks: RedundantTargetPlatform](https://docs.docker.com/reference/build-checks/redundant-target-platform/)
    /// - hadolint `DL3065`, BuildKit `RedundantTargetPlatform`
    pub static META = {
        code: "DL3065",
        name: "redundant-target-platform",
        aliases: ["RedundantTargetPlatform"],
        severity: Warning,
        category: Style,
        fix: Safe,
    }
}

pub(super) fn check(c: &Checker) {
    let text = c.text();
    for (_, ins) in c.walk(Onbuild::Skip) {
        if ins.kind != InstructionKind::From {
            continue;
        }
        let Some(flag) = ins.flag("platform") else {
            continue;
        };
        // Ex) FROM --platform=$TARGETPLATFORM alpine
        if !matches!(
            flag.value.as_deref(),
            Some("$TARGETPLATFORM" | "${TARGETPLATFORM}")
        ) {
            continue;
        }
        // Remove the flag and the blanks after it, when they sit on one line.
        let rest = text.get(flag.range.end()..).unwrap_or("");
        let blanks = rest.len() - rest.trim_start_matches([' ', '\t']).len();
        let fix = Fix::safe(
            "Remove `--platform=$TARGETPLATFORM`",
            vec![Edit::delete(TextRange::new(
                flag.range.start(),
                flag.range.end() + blanks,
            ))],
        );
        c.report_with_fix(
            &META,
            flag.range,
            "`--platform=$TARGETPLATFORM` is what `FROM` does anyway",
            Some(fix),
        );
    }
}
