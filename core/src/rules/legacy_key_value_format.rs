use super::{Checker, Onbuild};
use crate::diagnostic::{Applicability, Edit, Fix};
use crate::syntax::InstructionKind;

declare_rule! {
    /// ## What it does
    /// Checks for `ENV` and `LABEL` in the legacy `key value` form.
    ///
    /// ## Why is this bad?
    /// In the legacy form everything after the first space is the value, so
    /// `ENV PATH /app/bin:$PATH DEBUG 1` sets one variable to a surprising value. The
    /// `key=value` form is unambiguous, allows several pairs, and is the documented one.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM alpine:3.20
    /// ENV APP_HOME /srv/app
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM alpine:3.20
    /// ENV APP_HOME=/srv/app
    /// ```
    ///
    /// ## Fix safety
    /// The fix is safe: it replaces the separator with `=` and quotes a value that
    /// contains several words, which gives the same value. When the separator spans a line
    /// continuation the fix is unsafe (it edits the continuation); when the value mixes
    /// quotes and spaces in a way that cannot be re-quoted exactly, no fix is offered.
    ///
    /// ## References
    /// - [Docker build checks: LegacyKeyValueFormat](https://docs.docker.com/reference/build-checks/legacy-key-value-format/)
    pub static META = {
        code: "LegacyKeyValueFormat",
        name: "legacy-key-value-format",
        aliases: [],
        severity: Warning,
        category: Style,
        fix: Sometimes,
    }
}

pub(super) fn check(c: &Checker) {
    let text = c.text();
    let escape = c.parsed.escape;
    for (_, ins) in c.walk(Onbuild::Trigger) {
        if !matches!(ins.kind, InstructionKind::Env | InstructionKind::Label) {
            continue;
        }
        for pair in ins.pairs().iter().filter(|p| p.legacy) {
            let Some(value) = &pair.value else { continue };
            // Ex) ENV KEY value
            let separator = crate::text::TextRange::new(pair.key.range.end(), value.range.start());
            let sep_text = separator.slice(text);
            let applicability = if sep_text.chars().all(|ch| ch == ' ' || ch == '\t') {
                Applicability::Safe
            } else {
                Applicability::Unsafe
            };
            let v = &value.text;
            let has_quote_or_escape = v.contains(['"', '\'']) || v.contains(escape);
            // One shell word reads the same in both forms; several words need quotes.
            let whole = crate::text::TextRange::new(0, v.len());
            let needs_quotes = crate::syntax::parse_words(v, whole, escape).len() > 1;
            let edits = if !needs_quotes {
                Some(vec![Edit::replace(separator, "=")])
            } else if !has_quote_or_escape {
                Some(vec![
                    Edit::replace(separator, "=\""),
                    Edit::insert(value.range.end(), "\""),
                ])
            } else {
                None
            };
            let fix = edits.map(|edits| Fix::new("Use `key=value`", applicability, edits));
            c.report_with_fix(
                &META,
                pair.range,
                format!(
                    "`{} {}` uses the legacy `key value` form",
                    ins.kind.as_str(),
                    pair.key.text
                ),
                fix,
            );
        }
    }
}
