use super::Checker;
use super::helpers::label_pairs;
use super::helpers::stage_key;
use crate::collections::StrSet;
use crate::syntax::{Args, InstructionKind};

declare_rule! {
    /// ## What it does
    /// Checks for stages that lack a label the label schema requires (settings
    /// `[label-schema]`, hadolint's `label-schema`). Without a schema it reports nothing.
    ///
    /// ## Why is this bad?
    /// A team's schema names the labels every image must carry (owner, source, version...)
    /// so that registries and scanners can trace it. An image without them is anonymous.
    ///
    /// A stage that builds on a stage with the label has it too. A stage that a later
    /// `COPY --from` only copies from is not reported.
    ///
    /// ## Example
    /// ```toml
    /// [label-schema]
    /// "org.opencontainers.image.source" = "url"
    /// ```
    ///
    /// ```dockerfile
    /// FROM alpine:3.20
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
    /// - hadolint `DL3049`
    pub static META = {
        code: "DL3049",
        name: "label-missing",
        aliases: [],
        severity: Info,
        category: Maintainability,
        fix: None,
    }
}

pub(super) fn check(c: &Checker) {
    let required: Vec<String> = c.settings.label_schema.keys().cloned().collect();
    if required.is_empty() {
        return;
    }
    let pairs = label_pairs(c);
    let copied_from: StrSet = c
        .parsed
        .instructions
        .iter()
        .filter(|ins| ins.kind == InstructionKind::Copy)
        .filter_map(|ins| ins.flag("from").and_then(|f| f.value.clone()))
        .map(|v| v.to_ascii_lowercase())
        .collect();
    for label in &required {
        // Stage names (alias or image name) that carry the label.
        let mut good: StrSet = StrSet::new();
        for stage in &c.model.stages {
            let base = stage_key(&stage.base_text);
            let key = stage.name.clone().unwrap_or_else(|| base.clone());
            let Some(from) = c.parsed.instructions.get(stage.from) else {
                continue;
            };
            let end = c
                .parsed
                .instructions
                .get(stage.end.saturating_sub(1))
                .map_or(from.range.end(), |i| i.range.end());
            let own = pairs.iter().any(|p| {
                &p.key == label
                    && p.key_range.start() >= from.range.start()
                    && p.key_range.end() <= end
            });
            // Ex) FROM base   (base has the label)
            if own || good.contains(&base.to_ascii_lowercase()) {
                good.insert(key.to_ascii_lowercase());
                continue;
            }
            if stage.name.as_ref().is_some_and(|n| copied_from.contains(n)) {
                continue;
            }
            let range = match &from.args {
                Args::From(f) => f.image.as_ref().map_or(from.keyword.range, |i| i.range),
                _ => from.keyword.range,
            };
            c.report(
                &META,
                range,
                format!("This stage has no `{label}` label, which the label schema requires"),
            );
        }
    }
}
