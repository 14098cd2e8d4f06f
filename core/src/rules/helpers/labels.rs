//! `LABEL` pairs as the label rules read them, and the check shared by the rules for
//! each label type of the schema.

use crate::rules::{Checker, Onbuild};
use crate::syntax::InstructionKind;

/// A `LABEL` pair, quotes removed: key, value, and the ranges to report.
pub(crate) struct LabelPair {
    pub key: String,
    pub value: String,
    pub key_range: crate::text::TextRange,
    pub value_range: crate::text::TextRange,
}

/// Every pair of every `LABEL` (ONBUILD ones excluded, as hadolint reads them).
pub(crate) fn label_pairs(c: &Checker) -> Vec<LabelPair> {
    let mut out = Vec::new();
    for (_, ins) in c.walk(Onbuild::Skip) {
        if ins.kind != InstructionKind::Label {
            continue;
        }
        for pair in ins.pairs() {
            out.push(LabelPair {
                key: crate::syntax::unquote(&pair.key.text, c.parsed.escape),
                value: pair.value_unquoted(c.parsed.escape).unwrap_or_default(),
                key_range: pair.key.range,
                value_range: pair.value.as_ref().map_or(pair.range, |v| v.range),
            });
        }
    }
    out
}

/// Reports every label of type `kind` in the schema whose value fails `valid`.
pub(crate) fn check_label_type(
    c: &Checker,
    meta: &'static crate::rules::RuleMeta,
    kind: crate::settings::LabelType,
    valid: fn(&str) -> bool,
    what: &str,
) {
    let wanted: Vec<String> = c
        .settings
        .label_schema
        .iter()
        .filter(|(_, k)| **k == kind)
        .map(|(name, _)| name.clone())
        .collect();
    if wanted.is_empty() {
        return;
    }
    for p in label_pairs(c)
        .into_iter()
        .filter(|p| wanted.contains(&p.key) && !valid(&p.value))
    {
        c.report(
            meta,
            p.value_range,
            format!("The value of label `{}` is not {what}", p.key),
        );
    }
}
