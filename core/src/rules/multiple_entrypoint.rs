use super::Checker;
use crate::syntax::InstructionKind;

declare_rule! {
    /// ## What it does
    /// Checks for more than one `ENTRYPOINT` in a stage.
    ///
    /// ## Why is this bad?
    /// Only the last `ENTRYPOINT` of a stage takes effect. The earlier ones are dead code
    /// that misleads the reader about what the container runs.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM python:3.13
    /// ENTRYPOINT ["python"]
    /// ENTRYPOINT ["python", "app.py"]
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM python:3.13
    /// ENTRYPOINT ["python", "app.py"]
    /// ```
    ///
    /// ## References
    /// - [Dockerfile reference: ENTRYPOINT](https://docs.docker.com/reference/dockerfile/#entrypoint)
    /// - hadolint `DL4004`, Trivy `DS-0007`
    pub static META = {
        code: "DL4004",
        name: "multiple-entrypoint",
        aliases: ["DS-0007", "MultipleInstructionsDisallowed"],
        severity: Error,
        category: Maintainability,
        fix: None,
    }
}

pub(super) fn check(c: &Checker) {
    for range in super::helpers::repeated_in_stage(c, InstructionKind::Entrypoint) {
        c.report(
            &META,
            range,
            "This stage already has an `ENTRYPOINT`; only the last one takes effect",
        );
    }
}
