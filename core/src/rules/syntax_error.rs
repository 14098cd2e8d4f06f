use super::Checker;

declare_rule! {
    /// ## What it does
    /// Reports text that BuildKit cannot parse: a JSON array with a non-string item, `ENV`
    /// or `LABEL` without a value, a heredoc that never ends, a repeated or invalid parser
    /// directive, a file with no instructions, or bytes that are not UTF-8.
    ///
    /// ## Why is this bad?
    /// `docker build` stops at the first such error, so nothing in the file is built.
    /// dockcoach keeps parsing after the error, so the other findings are still shown.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM alpine:3.20
    /// ENV DEBUG
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM alpine:3.20
    /// ENV DEBUG=1
    /// ```
    ///
    /// ## References
    /// - [Dockerfile reference](https://docs.docker.com/reference/dockerfile/)
    /// - hadolint reports its own parse failures as `DL1000`
    pub static META = {
        code: "DL1000",
        name: "syntax-error",
        aliases: [],
        severity: Error,
        category: Syntax,
        fix: None,
    }
}

pub(super) fn check(c: &Checker) {
    for error in &c.parsed.errors {
        c.report(&META, error.range, error.message.clone());
    }
}
