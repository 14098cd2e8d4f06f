use super::{Checker, Onbuild};
use crate::syntax::InstructionKind;

declare_rule! {
    /// ## What it does
    /// Checks for `LABEL` keys that break Docker's key format: lower-case letters, digits,
    /// `.`, `-` and `_` only, starting with a letter and ending with a letter or digit, no `..`
    /// or `--`, and none of the reserved namespaces `com.docker.`, `io.docker.`,
    /// `org.dockerproject.`.
    ///
    /// ## Why is this bad?
    /// Tools that read labels (registries, scanners, orchestrators) expect reverse-DNS
    /// keys in this format; keys outside it may be ignored or collide with Docker's own.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM alpine:3.20
    /// LABEL Maintainer="jane@example.com"
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM alpine:3.20
    /// LABEL org.opencontainers.image.authors="jane@example.com"
    /// ```
    ///
    /// ## References
    /// - [Docker docs: label keys and values](https://docs.docker.com/engine/manage-resources/labels/#label-keys-and-values)
    /// - hadolint `DL3048`
    pub static META = {
        code: "DL3048",
        name: "invalid-label-key",
        aliases: [],
        severity: Style,
        category: Style,
        fix: None,
    }
}

fn invalid(key: &str) -> bool {
    !key.starts_with(|ch: char| ch.is_ascii_lowercase())
        || !key.ends_with(|ch: char| ch.is_ascii_lowercase() || ch.is_ascii_digit())
        || key
            .chars()
            .any(|ch| !(ch.is_ascii_lowercase() || ch.is_ascii_digit() || ".-_".contains(ch)))
        || ["com.docker.", "io.docker.", "org.dockerproject."]
            .iter()
            .any(|ns| key.starts_with(ns))
        || key.contains("..")
        || key.contains("--")
}

pub(super) fn check(c: &Checker) {
    for (_, ins) in c.walk(Onbuild::Skip) {
        if ins.kind != InstructionKind::Label {
            continue;
        }
        for pair in ins.pairs() {
            let key = crate::syntax::unquote(&pair.key.text, c.parsed.escape);
            // Ex) LABEL Maintainer=x   /   LABEL com.docker.x=1
            if invalid(&key) {
                c.report(
                    &META,
                    pair.key.range,
                    format!("The label key `{key}` is not in Docker's key format"),
                );
            }
        }
    }
}
