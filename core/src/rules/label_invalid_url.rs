use super::Checker;
use super::helpers::check_label_type;
use crate::settings::LabelType;

declare_rule! {
    /// ## What it does
    /// Checks that labels the label schema (settings `[label-schema]`) types as
    /// `url` hold a valid URL.
    ///
    /// ## Why is this bad?
    /// Tools read these labels by type; a malformed value breaks them silently (a link
    /// that goes nowhere, a date that does not sort, a license a scanner cannot match).
    ///
    /// ## Example
    /// ```toml
    /// [label-schema]
    /// "org.opencontainers.image.source" = "url"
    /// ```
    ///
    /// ```dockerfile
    /// FROM alpine:3.20
    /// LABEL org.opencontainers.image.source="github.com/example/app"
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM alpine:3.20
    /// LABEL org.opencontainers.image.source="https://github.com/example/app"
    /// ```
    ///
    /// ## References
    /// - [OCI image annotations](https://github.com/opencontainers/image-spec/blob/main/annotations.md)
    /// - hadolint `DL3052`
    pub static META = {
        code: "DL3052",
        name: "label-invalid-url",
        aliases: [],
        severity: Warning,
        category: Maintainability,
        fix: None,
    }
}

/// An absolute URI: a scheme (`https:`, `mailto:`...) and no blanks or characters
/// that must be escaped.
fn valid(value: &str) -> bool {
    let Some((scheme, rest)) = value.split_once(':') else {
        return false;
    };
    scheme.starts_with(|ch: char| ch.is_ascii_alphabetic())
        && scheme
            .chars()
            .all(|ch| ch.is_ascii_alphanumeric() || "+-.".contains(ch))
        && rest
            .chars()
            .all(|ch| ch.is_ascii_alphanumeric() || "-._~:/?#[]@!$&'()*+,;=%".contains(ch))
}

pub(super) fn check(c: &Checker) {
    // Ex) LABEL org.opencontainers.image.source="github.com/example/app"
    check_label_type(c, &META, LabelType::Url, valid, "a valid URL");
}
