use super::{Checker, Onbuild};
use crate::syntax::{Args, InstructionKind};

declare_rule! {
    /// ## What it does
    /// Checks for `ONBUILD ONBUILD`, `ONBUILD FROM` and `ONBUILD MAINTAINER`.
    ///
    /// ## Why is this bad?
    /// Docker does not allow these instructions as `ONBUILD` triggers: the image that
    /// builds on this one fails to build.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM node:22
    /// ONBUILD FROM node:22-slim
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM node:22
    /// ONBUILD COPY . /app
    /// ```
    ///
    /// ## References
    /// - [Dockerfile reference: ONBUILD](https://docs.docker.com/reference/dockerfile/#onbuild)
    /// - hadolint `DL3043`
    pub static META = {
        code: "DL3043",
        name: "onbuild-forbidden-trigger",
        aliases: [],
        severity: Error,
        category: Syntax,
        fix: None,
    }
}

pub(super) fn check(c: &Checker) {
    for (_, ins) in c.walk(Onbuild::AsWritten) {
        let Args::Onbuild(inner) = &ins.args else {
            continue;
        };
        // Ex) ONBUILD FROM x   /   ONBUILD ONBUILD RUN x   /   ONBUILD MAINTAINER x
        if matches!(
            inner.kind,
            InstructionKind::Onbuild | InstructionKind::From | InstructionKind::Maintainer
        ) {
            c.report(
                &META,
                inner.keyword.range,
                format!(
                    "`{}` is not allowed as an `ONBUILD` trigger",
                    inner.kind.as_str()
                ),
            );
        }
    }
}
