use super::Checker;

declare_rule! {
    /// ## What it does
    /// Checks for inline ignore comments (`# hadolint ignore=DL3008`,
    /// `# dockcoach ignore=...`) that silence rules for the next instruction. Off by
    /// default, as in hadolint.
    ///
    /// ## Why is this bad?
    /// Teams that want every exception to live in the config file (where it is reviewed
    /// once) can switch this rule on to find comments that hide findings locally.
    /// File-wide `global` and `stage` ignores are not reported.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM debian:12
    /// # hadolint ignore=DL3008
    /// RUN apt-get update && apt-get install -y --no-install-recommends curl
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM debian:12
    /// RUN apt-get update && apt-get install -y --no-install-recommends curl
    /// ```
    ///
    /// ## References
    /// - [hadolint: inline ignores](https://github.com/hadolint/hadolint#inline-ignores)
    /// - hadolint `DL1001`
    pub static META = {
        code: "DL1001",
        name: "inline-ignore-pragma",
        aliases: [],
        severity: Info,
        category: Maintainability,
        fix: None,
        default_enabled: false,
    }
}

fn is_inline_ignore(text: &str) -> bool {
    let mut words = text.split_whitespace();
    let tool = words.next().unwrap_or("");
    (tool.eq_ignore_ascii_case("hadolint") || tool.eq_ignore_ascii_case("dockcoach"))
        && words.next().is_some_and(|w| w.starts_with("ignore="))
}

pub(super) fn check(c: &Checker) {
    let found: Vec<_> = c
        .parsed
        .comments
        .iter()
        .filter(|comment| is_inline_ignore(&comment.text))
        .map(|comment| comment.range)
        .collect();
    for range in found {
        c.report(
            &META,
            range,
            "An inline ignore comment silences findings for the next instruction",
        );
    }
}
