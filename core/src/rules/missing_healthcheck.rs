use super::Checker;
use super::helpers::stage_key;
use crate::collections::StrSet;
use crate::syntax::{Args, InstructionKind};

declare_rule! {
    /// ## What it does
    /// Checks for stages without a `HEALTHCHECK` (neither their own nor one of the stage
    /// they build on). Off by default, as in hadolint.
    ///
    /// ## Why is this bad?
    /// Without a health check Docker (and Swarm) only know whether the process runs, not
    /// whether it works: a hung server stays "healthy" and receives traffic.
    /// Orchestrators with their own probes (Kubernetes) do not need it, hence off by
    /// default.
    ///
    /// As hadolint does, every stage is checked, builder stages included.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM nginx:1.27
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM nginx:1.27
    /// HEALTHCHECK CMD curl -fsS http://localhost/ || exit 1
    /// ```
    ///
    /// ## References
    /// - [Dockerfile reference: HEALTHCHECK](https://docs.docker.com/reference/dockerfile/#healthcheck)
    /// - hadolint `DL3057`, Trivy `DS-0026`, Checkov `CKV_DOCKER_2`
    pub static META = {
        code: "DL3057",
        name: "missing-healthcheck",
        aliases: ["DS-0026", "CKV_DOCKER_2"],
        severity: Info,
        category: BestPractice,
        fix: None,
        default_enabled: false,
    }
}

pub(super) fn check(c: &Checker) {
    // Stage names (alias, or image name) that have a HEALTHCHECK, as hadolint tracks them.
    let mut good: StrSet = StrSet::new();
    let mut bad = Vec::new();
    for stage in &c.model.stages {
        let base = stage_key(&stage.base_text);
        let key = stage.name.clone().unwrap_or_else(|| base.clone());
        let own = c
            .parsed
            .instructions
            .get(stage.from..stage.end)
            .unwrap_or(&[])
            .iter()
            .any(|ins| ins.kind == InstructionKind::Healthcheck);
        // Ex) FROM base   (base has a HEALTHCHECK)
        if own || good.contains(&base) {
            good.insert(key);
            continue;
        }
        if let Some(from) = c.parsed.instructions.get(stage.from) {
            let range = match &from.args {
                Args::From(f) => f.image.as_ref().map_or(from.keyword.range, |i| i.range),
                _ => from.keyword.range,
            };
            bad.push(range);
        }
    }
    for range in bad {
        c.report(&META, range, "This stage has no `HEALTHCHECK`");
    }
}
