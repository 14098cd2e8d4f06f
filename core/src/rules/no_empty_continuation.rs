use super::{Checker, Onbuild};
use crate::diagnostic::{Edit, Fix};
use crate::text::TextRange;

declare_rule! {
    /// ## What it does
    /// Checks for blank lines inside an instruction that continues over several lines.
    ///
    /// ## Why is this bad?
    /// A blank line after a line continuation does not end the instruction: the next
    /// non-blank line is still joined to it. That reads as if the instruction ended, and
    /// BuildKit has announced that such lines will become an error in a future release.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM alpine:3.20
    /// RUN apk add --no-cache \
    ///
    ///     curl
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM alpine:3.20
    /// RUN apk add --no-cache \
    ///     curl
    /// ```
    ///
    /// ## Fix safety
    /// The fix deletes the blank lines and is safe: BuildKit skips them when it joins the
    /// lines, so the instruction stays the same.
    ///
    /// ## References
    /// - [Docker build checks: NoEmptyContinuation](https://docs.docker.com/go/dockerfile/rule/no-empty-continuation/)
    pub static META = {
        code: "NoEmptyContinuation",
        name: "empty-continuation-line",
        aliases: [],
        severity: Warning,
        category: Syntax,
        fix: Safe,
    }
}

/// `range` extended over the line terminator that follows it.
fn with_newline(text: &str, range: TextRange) -> TextRange {
    let rest = text.get(range.end()..).unwrap_or("");
    let extra = if rest.starts_with("\r\n") {
        2
    } else if rest.starts_with('\n') || rest.starts_with('\r') {
        1
    } else {
        0
    };
    TextRange::new(range.start(), range.end() + extra)
}

pub(super) fn check(c: &Checker) {
    let text = c.text();
    for (_, ins) in c.walk(Onbuild::AsWritten) {
        // Ex) RUN a \  (blank line)  b
        let Some(first) = ins.empty_continuation_lines.first() else {
            continue;
        };
        let edits = ins
            .empty_continuation_lines
            .iter()
            .map(|r| Edit::delete(with_newline(text, *r)))
            .collect();
        let n = ins.empty_continuation_lines.len();
        let message = if n == 1 {
            format!("`{}` continues over a blank line", ins.keyword.text)
        } else {
            format!("`{}` continues over {n} blank lines", ins.keyword.text)
        };
        c.report_with_fix(
            &META,
            with_newline(text, *first),
            message,
            Some(Fix::safe("Delete the blank lines", edits)),
        );
    }
}
