use super::{Checker, Onbuild};
use crate::syntax::InstructionKind;

declare_rule! {
    /// ## What it does
    /// Checks for instructions other than `ARG` before the first `FROM`.
    ///
    /// ## Why is this bad?
    /// A Dockerfile must start with `FROM` (only `ARG`, comments and parser directives
    /// may come before it). Docker refuses to build the file.
    ///
    /// ## Example
    /// ```dockerfile
    /// LABEL org.opencontainers.image.authors="jane@example.com"
    /// FROM alpine:3.20
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM alpine:3.20
    /// LABEL org.opencontainers.image.authors="jane@example.com"
    /// ```
    ///
    /// ## References
    /// - [Dockerfile reference: FROM](https://docs.docker.com/reference/dockerfile/#from)
    /// - hadolint `DL3061`
    pub static META = {
        code: "DL3061",
        name: "instruction-before-from",
        aliases: [],
        severity: Error,
        category: Syntax,
        fix: None,
    }
}

pub(super) fn check(c: &Checker) {
    for (_, ins) in c.walk(Onbuild::AsWritten) {
        match ins.kind {
            InstructionKind::From => break,
            InstructionKind::Arg => {}
            // Ex) LABEL x=1   (before the first FROM)
            _ => {
                c.report(
                    &META,
                    ins.keyword.range,
                    format!(
                        "`{}` comes before the first `FROM`",
                        ins.keyword.text.to_ascii_uppercase()
                    ),
                );
            }
        }
    }
}
