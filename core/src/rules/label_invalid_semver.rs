use super::Checker;
use super::helpers::check_label_type;
use crate::settings::LabelType;

declare_rule! {
    /// ## What it does
    /// Checks that labels the label schema (settings `[label-schema]`) types as
    /// `semver` hold a semantic version.
    ///
    /// ## Why is this bad?
    /// Tools read these labels by type; a malformed value breaks them silently (a link
    /// that goes nowhere, a date that does not sort, a license a scanner cannot match).
    ///
    /// ## Example
    /// ```toml
    /// [label-schema]
    /// "org.opencontainers.image.version" = "semver"
    /// ```
    ///
    /// ```dockerfile
    /// FROM alpine:3.20
    /// LABEL org.opencontainers.image.version="v1.4"
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM alpine:3.20
    /// LABEL org.opencontainers.image.version="1.4.2"
    /// ```
    ///
    /// ## References
    /// - [OCI image annotations](https://github.com/opencontainers/image-spec/blob/main/annotations.md)
    /// - hadolint `DL3056`
    pub static META = {
        code: "DL3056",
        name: "label-invalid-semver",
        aliases: [],
        severity: Warning,
        category: Maintainability,
        fix: None,
    }
}

/// Semantic Versioning 2.0.0: `MAJOR.MINOR.PATCH[-pre][+build]`, no leading zeros.
fn valid(value: &str) -> bool {
    let (rest, build) = match value.split_once('+') {
        Some((r, b)) => (r, Some(b)),
        None => (value, None),
    };
    let (core, pre) = match rest.split_once('-') {
        Some((c, p)) => (c, Some(p)),
        None => (rest, None),
    };
    let numeric = |s: &str| {
        !s.is_empty()
            && s.chars().all(|ch| ch.is_ascii_digit())
            && (s == "0" || !s.starts_with('0'))
    };
    let ident =
        |s: &str| !s.is_empty() && s.chars().all(|ch| ch.is_ascii_alphanumeric() || ch == '-');
    let parts: Vec<&str> = core.split('.').collect();
    parts.len() == 3
        && parts.iter().all(|p| numeric(p))
        && pre.is_none_or(|p| {
            p.split('.')
                .all(|id| ident(id) && (!id.chars().all(|ch| ch.is_ascii_digit()) || numeric(id)))
        })
        && build.is_none_or(|b| b.split('.').all(ident))
}

pub(super) fn check(c: &Checker) {
    // Ex) LABEL org.opencontainers.image.version="v1.4"
    check_label_type(c, &META, LabelType::Semver, valid, "a semantic version");
}
