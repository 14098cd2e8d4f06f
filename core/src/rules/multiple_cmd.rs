use super::Checker;
use crate::syntax::InstructionKind;

declare_rule! {
    /// ## What it does
    /// Checks for more than one `CMD` in a stage.
    ///
    /// ## Why is this bad?
    /// Only the last `CMD` of a stage takes effect. The earlier ones are dead code that
    /// misleads the reader about what the container runs.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM python:3.13
    /// CMD ["python", "-m", "http.server"]
    /// CMD ["python", "app.py"]
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM python:3.13
    /// CMD ["python", "app.py"]
    /// ```
    ///
    /// ## References
    /// - [Dockerfile reference: CMD](https://docs.docker.com/reference/dockerfile/#cmd)
    /// - hadolint `DL4003`, Trivy `DS-0016`
    pub static META = {
        code: "DL4003",
        name: "multiple-cmd",
        aliases: ["DS-0016", "MultipleInstructionsDisallowed"],
        severity: Warning,
        category: Maintainability,
        fix: None,
    }
}

pub(super) fn check(c: &Checker) {
    for range in super::helpers::repeated_in_stage(c, InstructionKind::Cmd) {
        c.report(
            &META,
            range,
            "This stage already has a `CMD`; only the last one takes effect",
        );
    }
}
