use super::Checker;
use super::helpers::label_pairs;

declare_rule! {
    /// ## What it does
    /// Checks for labels of the label schema (settings `[label-schema]`) set to an empty
    /// value.
    ///
    /// ## Why is this bad?
    /// An empty required label satisfies the letter of the schema but carries no
    /// information; usually a build argument that was never passed.
    ///
    /// ## Example
    /// ```toml
    /// [label-schema]
    /// "org.opencontainers.image.version" = "text"
    /// ```
    ///
    /// ```dockerfile
    /// FROM alpine:3.20
    /// LABEL org.opencontainers.image.version=""
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM alpine:3.20
    /// LABEL org.opencontainers.image.version="1.4.2"
    /// ```
    ///
    /// ## References
    /// - hadolint `DL3051`
    pub static META = {
        code: "DL3051",
        name: "label-empty",
        aliases: [],
        severity: Warning,
        category: Maintainability,
        fix: None,
    }
}

pub(super) fn check(c: &Checker) {
    if c.settings.label_schema.is_empty() {
        return;
    }
    let found: Vec<_> = label_pairs(c)
        .into_iter()
        .filter(|p| c.settings.label_schema.contains_key(&p.key) && p.value.is_empty())
        .collect();
    for p in found {
        // Ex) LABEL org.opencontainers.image.version=""
        c.report(
            &META,
            p.value_range,
            format!("The label `{}` is empty", p.key),
        );
    }
}
