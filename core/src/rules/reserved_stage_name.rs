use super::{Checker, Onbuild};
use crate::syntax::{Args, InstructionKind};

declare_rule! {
    /// ## What it does
    /// Checks for a stage named `scratch` or `context`.
    ///
    /// ## Why is this bad?
    /// Both names already mean something to BuildKit (`scratch` is the empty image,
    /// `context` the build context); a stage with one of them is confusing at best and
    /// refused by BuildKit at worst.
    ///
    /// As hadolint does, only the lower-case names are reported.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM golang:1.23 AS scratch
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM golang:1.23 AS build
    /// ```
    ///
    /// ## References
    /// - [Docker build checks: ReservedStageName](https://docs.docker.com/reference/build-checks/reserved-stage-name/)
    /// - hadolint `DL3063`, BuildKit `ReservedStageName`
    pub static META = {
        code: "DL3063",
        name: "reserved-stage-name",
        aliases: ["ReservedStageName"],
        severity: Warning,
        category: BestPractice,
        fix: None,
    }
}

pub(super) fn check(c: &Checker) {
    for (_, ins) in c.walk(Onbuild::Skip) {
        if ins.kind != InstructionKind::From {
            continue;
        }
        let Args::From(from) = &ins.args else {
            continue;
        };
        let Some(alias) = &from.alias else { continue };
        // Ex) FROM x AS scratch
        if alias.text == "scratch" || alias.text == "context" {
            c.report(
                &META,
                alias.range,
                format!("The stage name `{}` is reserved", alias.text),
            );
        }
    }
}
