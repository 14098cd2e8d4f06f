use super::Checker;
use crate::syntax::InstructionKind;

declare_rule! {
    /// ## What it does
    /// Checks for a stage with more than one `HEALTHCHECK`.
    ///
    /// ## Why is this bad?
    /// Only the last `HEALTHCHECK` of a stage takes effect. The earlier ones are dead
    /// code that readers take for the check the container runs.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM nginx:1.27
    /// HEALTHCHECK CMD ["curl", "-f", "http://localhost/"]
    /// HEALTHCHECK CMD ["curl", "-f", "http://localhost/health"]
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM nginx:1.27
    /// HEALTHCHECK CMD ["curl", "-f", "http://localhost/health"]
    /// ```
    ///
    /// ## References
    /// - [Dockerfile reference: HEALTHCHECK](https://docs.docker.com/reference/dockerfile/#healthcheck)
    /// - hadolint `DL3012`, Trivy `DS-0023`; with DL4003 and DL4004 it covers BuildKit `MultipleInstructionsDisallowed`
    pub static META = {
        code: "DL3012",
        name: "multiple-healthchecks",
        aliases: ["DS-0023", "MultipleInstructionsDisallowed"],
        severity: Error,
        category: Maintainability,
        fix: None,
    }
}

pub(super) fn check(c: &Checker) {
    for range in super::helpers::repeated_in_stage(c, InstructionKind::Healthcheck) {
        c.report(
            &META,
            range,
            "The stage already has a `HEALTHCHECK`; only the last one takes effect",
        );
    }
}
