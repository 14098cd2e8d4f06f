use super::Checker;
use super::helpers::check_label_type;
use crate::settings::LabelType;

declare_rule! {
    /// ## What it does
    /// Checks that labels the label schema (settings `[label-schema]`) types as
    /// `email` hold an e-mail address.
    ///
    /// ## Why is this bad?
    /// Tools read these labels by type; a malformed value breaks them silently (a link
    /// that goes nowhere, a date that does not sort, a license a scanner cannot match).
    ///
    /// ## Example
    /// ```toml
    /// [label-schema]
    /// "org.opencontainers.image.authors" = "email"
    /// ```
    ///
    /// ```dockerfile
    /// FROM alpine:3.20
    /// LABEL org.opencontainers.image.authors="Jane Doe"
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM alpine:3.20
    /// LABEL org.opencontainers.image.authors="jane@example.com"
    /// ```
    ///
    /// ## References
    /// - [OCI image annotations](https://github.com/opencontainers/image-spec/blob/main/annotations.md)
    /// - hadolint `DL3058`
    pub static META = {
        code: "DL3058",
        name: "label-invalid-email",
        aliases: [],
        severity: Warning,
        category: Maintainability,
        fix: None,
    }
}

/// An RFC 5322 `addr-spec`: a dot-atom or quoted local part, `@`, and a dot-atom or
/// bracketed domain.
fn valid(value: &str) -> bool {
    let Some((local, domain)) = value.rsplit_once('@') else {
        return false;
    };
    let atext = |ch: char| ch.is_ascii_alphanumeric() || "!#$%&'*+-/=?^_`{|}~".contains(ch);
    let dot_atom =
        |s: &str| !s.is_empty() && s.split('.').all(|a| !a.is_empty() && a.chars().all(atext));
    let quoted = |s: &str| s.len() >= 2 && s.starts_with('"') && s.ends_with('"');
    let literal = |s: &str| s.starts_with('[') && s.ends_with(']');
    value.len() <= 254
        && local.len() <= 64
        && (dot_atom(local) || quoted(local))
        && (dot_atom(domain) || literal(domain))
}

pub(super) fn check(c: &Checker) {
    // Ex) LABEL org.opencontainers.image.authors="Jane Doe"
    check_label_type(c, &META, LabelType::Email, valid, "an e-mail address");
}
