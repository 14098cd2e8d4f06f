use super::Checker;
use super::helpers::label_pairs;

declare_rule! {
    /// ## What it does
    /// Checks for labels that the label schema does not list, when `strict-labels` is on
    /// (settings `strict-labels = true` and `[label-schema]`, as in hadolint).
    ///
    /// ## Why is this bad?
    /// With a strict schema every label is agreed on; an unknown key is usually a typo
    /// (`org.opencontainers.image.sorce`) or a label nobody maintains.
    ///
    /// ## Example
    /// ```toml
    /// strict-labels = true
    /// [label-schema]
    /// "org.opencontainers.image.source" = "url"
    /// ```
    ///
    /// ```dockerfile
    /// FROM alpine:3.20
    /// LABEL org.opencontainers.image.sorce="https://github.com/example/app"
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM alpine:3.20
    /// LABEL org.opencontainers.image.source="https://github.com/example/app"
    /// ```
    ///
    /// ## References
    /// - hadolint `DL3050`
    pub static META = {
        code: "DL3050",
        name: "label-not-in-schema",
        aliases: [],
        severity: Info,
        category: Maintainability,
        fix: None,
    }
}

pub(super) fn check(c: &Checker) {
    if !c.settings.strict_labels {
        return;
    }
    let found: Vec<_> = label_pairs(c)
        .into_iter()
        .filter(|p| !c.settings.label_schema.contains_key(&p.key))
        .collect();
    for p in found {
        // Ex) LABEL unknown.key=1
        c.report(
            &META,
            p.key_range,
            format!("The label `{}` is not in the label schema", p.key),
        );
    }
}
