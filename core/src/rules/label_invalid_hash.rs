use super::Checker;
use super::helpers::check_label_type;
use crate::settings::LabelType;

declare_rule! {
    /// ## What it does
    /// Checks that labels the label schema (settings `[label-schema]`) types as
    /// `hash` hold a git commit hash (7 or 40 lower-case hex digits).
    ///
    /// ## Why is this bad?
    /// Tools read these labels by type; a malformed value breaks them silently (a link
    /// that goes nowhere, a date that does not sort, a license a scanner cannot match).
    ///
    /// ## Example
    /// ```toml
    /// [label-schema]
    /// "org.opencontainers.image.revision" = "hash"
    /// ```
    ///
    /// ```dockerfile
    /// FROM alpine:3.20
    /// LABEL org.opencontainers.image.revision="main"
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM alpine:3.20
    /// LABEL org.opencontainers.image.revision="4f1c2d9"
    /// ```
    ///
    /// ## References
    /// - [OCI image annotations](https://github.com/opencontainers/image-spec/blob/main/annotations.md)
    /// - hadolint `DL3055`
    pub static META = {
        code: "DL3055",
        name: "label-invalid-hash",
        aliases: [],
        severity: Warning,
        category: Maintainability,
        fix: None,
    }
}

/// 7 or 40 lower-case hexadecimal digits.
fn valid(value: &str) -> bool {
    (value.len() == 7 || value.len() == 40)
        && value
            .chars()
            .all(|ch| ch.is_ascii_digit() || ('a'..='f').contains(&ch))
}

pub(super) fn check(c: &Checker) {
    // Ex) LABEL org.opencontainers.image.revision="main"
    check_label_type(
        c,
        &META,
        LabelType::Hash,
        valid,
        "a git commit hash (7 or 40 lower-case hex digits)",
    );
}
