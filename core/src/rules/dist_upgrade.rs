use super::{Checker, Onbuild};
use crate::syntax::InstructionKind;

declare_rule! {
    /// ## What it does
    /// Checks for `apt-get dist-upgrade` (and `apt full-upgrade`) in `RUN`.
    ///
    /// ## Why is this bad?
    /// A distribution upgrade may install new major versions, remove packages and pull
    /// in new dependencies: the image no longer matches its base and behaves differently
    /// from one build to the next. Pick a newer base image instead; upgrade single
    /// packages when a fix is needed.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM debian:12
    /// RUN apt-get update && apt-get dist-upgrade -y
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM debian:12.7
    /// RUN apt-get update && apt-get install -y --no-install-recommends curl
    /// ```
    ///
    /// ## References
    /// - Trivy `DS-0024`
    pub static META = {
        code: "DC2003",
        name: "dist-upgrade",
        aliases: ["DS-0024", "DS024", "AVD-DS-0024"],
        severity: Warning,
        category: BestPractice,
        fix: None,
    }
}

pub(super) fn check(c: &Checker) {
    for (index, ins) in c.walk(Onbuild::Trigger) {
        if ins.kind != InstructionKind::Run {
            continue;
        }
        let Some(script) = c.script(index) else {
            continue;
        };
        for cmd in &script.commands {
            if !matches!(cmd.name(), "apt-get" | "apt" | "aptitude") {
                continue;
            }
            // Ex) RUN apt-get dist-upgrade -y
            let Some(sub) = cmd
                .positionals()
                .find(|w| matches!(w.value.as_str(), "dist-upgrade" | "full-upgrade"))
            else {
                continue;
            };
            c.report(
                &META,
                sub.range,
                format!(
                    "`{} {}` upgrades the whole distribution",
                    cmd.name(),
                    sub.value
                ),
            );
        }
    }
}
