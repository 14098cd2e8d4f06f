use super::{Checker, Onbuild};
use crate::syntax::{Args, InstructionKind};
use std::collections::HashSet;

declare_rule! {
    /// ## What it does
    /// Checks for two stages with the same name (`FROM ... AS name`).
    ///
    /// ## Why is this bad?
    /// BuildKit refuses to build a Dockerfile whose stage names repeat. Stage names are
    /// compared without regard to case, so `AS Build` and `AS build` clash too.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM golang:1.23 AS build
    /// FROM node:22 AS build
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM golang:1.23 AS build-api
    /// FROM node:22 AS build-web
    /// ```
    ///
    /// ## Deviations from hadolint
    /// hadolint compares stage names by case; dockcoach, like BuildKit, does not, so
    /// `FROM a AS Build` then `FROM b AS build` is reported by dockcoach only.
    ///
    /// ## References
    /// - [Docker build checks: DuplicateStageName](https://docs.docker.com/reference/build-checks/duplicate-stage-name/)
    /// - hadolint `DL3024`, BuildKit `DuplicateStageName`, Trivy `DS-0012`, Checkov `CKV_DOCKER_11`
    pub static META = {
        code: "DL3024",
        name: "duplicate-stage-name",
        aliases: ["DuplicateStageName", "DS-0012", "CKV_DOCKER_11"],
        severity: Error,
        category: Syntax,
        fix: None,
    }
}

pub(super) fn check(c: &Checker) {
    let mut names: HashSet<String> = HashSet::new();
    for (_, ins) in c.walk(Onbuild::Skip) {
        let (InstructionKind::From, Args::From(from)) = (ins.kind, &ins.args) else {
            continue;
        };
        let Some(alias) = &from.alias else { continue };
        let name = alias.text.to_ascii_lowercase();
        // Ex) FROM a AS build ... FROM b AS build
        if names.insert(name) {
            continue;
        }
        c.report(
            &META,
            alias.range,
            format!(
                "Stage name `{}` is already used by an earlier stage",
                alias.text
            ),
        );
    }
}
