use super::Checker;
use super::helpers::check_label_type;
use crate::settings::LabelType;

declare_rule! {
    /// ## What it does
    /// Checks that labels the label schema (settings `[label-schema]`) types as
    /// `rfc3339` hold an RFC 3339 date and time.
    ///
    /// ## Why is this bad?
    /// Tools read these labels by type; a malformed value breaks them silently (a link
    /// that goes nowhere, a date that does not sort, a license a scanner cannot match).
    ///
    /// ## Example
    /// ```toml
    /// [label-schema]
    /// "org.opencontainers.image.created" = "rfc3339"
    /// ```
    ///
    /// ```dockerfile
    /// FROM alpine:3.20
    /// LABEL org.opencontainers.image.created="2024-05-01"
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM alpine:3.20
    /// LABEL org.opencontainers.image.created="2024-05-01T12:00:00Z"
    /// ```
    ///
    /// ## References
    /// - [OCI image annotations](https://github.com/opencontainers/image-spec/blob/main/annotations.md)
    /// - hadolint `DL3053`
    pub static META = {
        code: "DL3053",
        name: "label-invalid-rfc3339",
        aliases: [],
        severity: Warning,
        category: Maintainability,
        fix: None,
    }
}

/// `YYYY-MM-DDTHH:MM:SS[.frac](Z|+HH:MM|-HH:MM)`.
fn valid(value: &str) -> bool {
    let b = value.as_bytes();
    let digits = |range: std::ops::Range<usize>| {
        b.get(range)
            .is_some_and(|s| s.iter().all(u8::is_ascii_digit))
    };
    if b.len() < 20
        || !digits(0..4)
        || b.get(4) != Some(&b'-')
        || !digits(5..7)
        || b.get(7) != Some(&b'-')
        || !digits(8..10)
        || !matches!(b.get(10), Some(b'T' | b't' | b' '))
        || !digits(11..13)
        || b.get(13) != Some(&b':')
        || !digits(14..16)
        || b.get(16) != Some(&b':')
        || !digits(17..19)
    {
        return false;
    }
    let mut rest = value.get(19..).unwrap_or("");
    if let Some(frac) = rest.strip_prefix('.') {
        let n = frac.len()
            - frac
                .trim_start_matches(|ch: char| ch.is_ascii_digit())
                .len();
        if n == 0 {
            return false;
        }
        rest = frac.get(n..).unwrap_or("");
    }
    match rest.as_bytes() {
        [b'Z' | b'z'] => true,
        [b'+' | b'-', h1, h2, b':', m1, m2] => [h1, h2, m1, m2].iter().all(|d| d.is_ascii_digit()),
        _ => false,
    }
}

pub(super) fn check(c: &Checker) {
    // Ex) LABEL org.opencontainers.image.created="2024-05-01"
    check_label_type(
        c,
        &META,
        LabelType::Rfc3339,
        valid,
        "an RFC 3339 date and time",
    );
}
