//! Where a rule's documentation lives: the one place every front end (JSON, SARIF,
//! `explain`, the terminal report, the language server) takes a rule's link from.
//!
//! A base is either a template with `{code}` in it (`https://example.org/rules/{code}.html`,
//! `https://my.host/playground/#rules/{code}`) or a prefix the code is appended to after a
//! `/`. The base comes, first to last: the CLI's `--rules-url`, the `rules-url` key of
//! `dockcoach.toml`, the `DOCKCOACH_RULES_URL` environment variable at build time, and
//! otherwise [`FALLBACK_RULES_URL`].

/// The link every build falls back to: the rule's page in the repository's `docs/rules/`
/// (generated from the rules' doc comments and kept equal to them by a test). dockcoach
/// has no public web site, so this is a path relative to the root of the repository (or
/// of a checkout); a deployment that has one sets `DOCKCOACH_RULES_URL` when building.
pub const FALLBACK_RULES_URL: &str = "docs/rules/{code}.md";

/// Where dockcoach's source lives, for the install commands that `dockcoach ci` and the
/// docs give (`cargo install --locked --git REPOSITORY dockcoach`): `DOCKCOACH_REPOSITORY`
/// at build time, else the workspace's `repository` in Cargo.toml.
pub const REPOSITORY: &str = match option_env!("DOCKCOACH_REPOSITORY") {
    Some(url) => url,
    None => env!("CARGO_PKG_REPOSITORY"),
};

/// The base this build uses when neither the config nor a flag sets one.
pub const DEFAULT_RULES_URL: &str = match option_env!("DOCKCOACH_RULES_URL") {
    Some(url) => url,
    None => FALLBACK_RULES_URL,
};

/// The base to use: `configured` (config or flag) when set and not blank, else the
/// build's default.
pub fn rules_base(configured: Option<&str>) -> &str {
    match configured.map(str::trim) {
        Some(base) if !base.is_empty() => base,
        _ => DEFAULT_RULES_URL.trim(),
    }
}

/// The documentation link of the rule `code` under `base`.
pub fn rule_url(base: &str, code: &str) -> String {
    if base.contains("{code}") {
        base.replace("{code}", code)
    } else {
        format!("{}/{code}", base.trim_end_matches('/'))
    }
}

/// True when `url` is absolute (has a scheme such as `https:`), as SARIF's `helpUri`
/// requires; the fallback repository path is not.
pub fn is_absolute(url: &str) -> bool {
    let Some((scheme, _)) = url.split_once(':') else {
        return false;
    };
    let mut chars = scheme.chars();
    chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
        // A Windows drive letter (`C:\docs`) is a path, not a scheme.
        && scheme.len() > 1
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn templates_and_prefixes() {
        assert_eq!(
            rule_url("https://h.example/#rules/{code}", "DL3020"),
            "https://h.example/#rules/DL3020"
        );
        assert_eq!(
            rule_url("https://h.example/rules/", "DL3020"),
            "https://h.example/rules/DL3020"
        );
        assert_eq!(
            rule_url(FALLBACK_RULES_URL, "DC1001"),
            "docs/rules/DC1001.md"
        );
        assert_eq!(rules_base(Some("  ")), DEFAULT_RULES_URL.trim());
        assert_eq!(rules_base(Some("https://x.example")), "https://x.example");
    }

    #[test]
    fn absolute_urls() {
        assert!(is_absolute("https://h.example/r"));
        assert!(is_absolute("file:///tmp/x.md"));
        assert!(!is_absolute("docs/rules/DL3020.md"));
        assert!(!is_absolute("C:\\docs\\DL3020.md"));
        assert!(!is_absolute("./a:b"));
    }
}
