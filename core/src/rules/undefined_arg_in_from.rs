use super::helpers::{PLATFORM_ARGS, ref_range, variable_refs};
use super::{Checker, Onbuild};
use crate::syntax::{Args, Span};
use crate::text::TextRange;

declare_rule! {
    /// ## What it does
    /// Checks for `FROM` lines (image or `--platform`) that use a variable no global `ARG`
    /// declares.
    ///
    /// ## Why is this bad?
    /// `FROM` only sees the `ARG`s declared before the first `FROM` and the predefined
    /// platform arguments (`BUILDPLATFORM`, `TARGETARCH`...). Any other variable expands
    /// to an empty string, which usually means a typo or an `ARG` declared in the wrong
    /// place, and the build fails or picks an unexpected image.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM node:${NODE_VERSION}-alpine
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// ARG NODE_VERSION=22
    /// FROM node:${NODE_VERSION}-alpine
    /// ```
    ///
    /// ## References
    /// - [Docker build checks: UndefinedArgInFrom](https://docs.docker.com/go/dockerfile/rule/undefined-arg-in-from/)
    pub static META = {
        code: "UndefinedArgInFrom",
        name: "undefined-arg-in-from",
        aliases: [],
        severity: Warning,
        category: BestPractice,
        fix: None,
    }
}

/// The value of `--platform` as a span with its file range (quotes removed when the
/// flag's value is written plainly).
pub(super) fn flag_value_span(text: &str, flag: &crate::syntax::Flag) -> Option<Span> {
    let value = flag.value.as_ref()?;
    let raw = flag.range.slice(text);
    let at = raw.find('=').map(|i| i + 1)?;
    let written = raw.get(at..)?;
    let start = flag.range.start() + at;
    Some(Span {
        text: written.to_string(),
        range: TextRange::new(start, start + written.len()),
    })
    .filter(|_| !value.is_empty())
}

pub(super) fn check(c: &Checker) {
    let text = c.text();
    let escape = c.parsed.escape;
    for (_, ins) in c.walk(Onbuild::Skip) {
        let Args::From(from) = &ins.args else {
            continue;
        };
        let mut spans: Vec<Span> = ins
            .flag("platform")
            .and_then(|f| flag_value_span(text, f))
            .into_iter()
            .collect();
        spans.extend(from.image.clone());
        for span in &spans {
            for r in variable_refs(&span.text, escape) {
                // Ex) FROM node:${NODE_VERSION}   (no ARG NODE_VERSION before it)
                if c.model.global_args.contains_key(&r.name)
                    || PLATFORM_ARGS.contains(&r.name.as_str())
                {
                    continue;
                }
                c.report(
                    &META,
                    ref_range(text, span, &r),
                    format!(
                        "`${}` is not declared by an `ARG` before the first `FROM`",
                        r.name
                    ),
                );
            }
        }
    }
}
