//! Share links and URL parameters: the Dockerfile goes in the fragment as `#v1.` +
//! base64url(raw deflate(UTF-8)), the settings in the query, and `?code=` prefills.
//!
//! Pure, so it is tested natively. Every decoder has a hard cap: a link is user input
//! and a small deflate stream can expand to gigabytes.

use dockcoach_core::settings::Level;
use dockcoach_core::{FailOn, Settings, rules};
use std::fmt;

/// The fragment prefix of a version-1 share link.
pub const PREFIX: &str = "v1.";
/// The longest encoded text a share link may carry (after `#v1.`).
pub const MAX_ENCODED: usize = 64 * 1024;
/// The longest Dockerfile the playground lints, and the most a link may inflate to.
pub const MAX_TEXT: usize = 1024 * 1024;

/// Why a share link could not be made or read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ShareError {
    /// The fragment does not start with a known version.
    UnknownVersion,
    /// A character outside the base64url alphabet, or a impossible length.
    BadBase64,
    /// The compressed data ends early or is not deflate.
    BadDeflate,
    /// The link is longer than [`MAX_ENCODED`].
    TooLong,
    /// The text inflates past [`MAX_TEXT`].
    TooLarge,
    /// The inflated bytes are not UTF-8.
    NotUtf8,
}

impl fmt::Display for ShareError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            ShareError::UnknownVersion => "it was made by an unknown version of the playground",
            ShareError::BadBase64 => "its text is not valid base64url (was it cut or altered?)",
            ShareError::BadDeflate => "its compressed text is damaged or cut short",
            ShareError::TooLong => "it is longer than the 64 KiB a share link may carry",
            ShareError::TooLarge => "its text expands beyond the 1 MiB limit",
            ShareError::NotUtf8 => "its text is not UTF-8",
        })
    }
}

const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/// base64url without padding.
pub fn base64url_encode(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            chunk.get(1).copied().unwrap_or(0),
            chunk.get(2).copied().unwrap_or(0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        let chars = chunk.len() + 1;
        for i in 0..chars {
            let idx = (n >> (18 - 6 * i)) & 63;
            out.push(char::from(ALPHABET[idx as usize]));
        }
    }
    out
}

/// Decodes base64url, with or without padding (`+` and `/` are accepted too).
pub fn base64url_decode(text: &str) -> Result<Vec<u8>, ShareError> {
    let text = text.trim_end_matches('=');
    if text.len() % 4 == 1 {
        return Err(ShareError::BadBase64);
    }
    let mut out = Vec::with_capacity(text.len() * 3 / 4);
    let mut acc: u32 = 0;
    let mut bits = 0;
    for c in text.bytes() {
        let v = match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'-' | b'+' => 62,
            b'_' | b'/' => 63,
            _ => return Err(ShareError::BadBase64),
        };
        acc = (acc << 6) | u32::from(v);
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
            acc &= (1 << bits) - 1;
        }
    }
    Ok(out)
}

/// The fragment (without `#`) for text that is already raw-deflated. The playground
/// deflates with the browser's `CompressionStream("deflate-raw")` ([`crate::dom::deflate_raw`]),
/// so the wasm carries only an inflater; `text_len` is the text's UTF-8 length, checked
/// against [`MAX_TEXT`] like [`decode_text`] does.
pub fn encode_packed(text_len: usize, packed: &[u8]) -> Result<String, ShareError> {
    if text_len > MAX_TEXT {
        return Err(ShareError::TooLarge);
    }
    let encoded = base64url_encode(packed);
    if encoded.len() > MAX_ENCODED {
        return Err(ShareError::TooLong);
    }
    Ok(format!("{PREFIX}{encoded}"))
}

/// The fragment (without `#`) that carries `text`, deflated in Rust: what the page does
/// with the browser's deflater, for the native tests.
#[cfg(test)]
pub fn encode_text(text: &str) -> Result<String, ShareError> {
    if text.len() > MAX_TEXT {
        return Err(ShareError::TooLarge);
    }
    encode_packed(
        text.len(),
        &miniz_oxide::deflate::compress_to_vec(text.as_bytes(), 9),
    )
}

/// True when a fragment (without `#`) looks like a share link of any version.
pub fn is_share_fragment(fragment: &str) -> bool {
    let Some(rest) = fragment.strip_prefix('v') else {
        return false;
    };
    let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
    digits > 0 && rest.as_bytes().get(digits) == Some(&b'.')
}

/// Reads the text of a share fragment (without `#`).
pub fn decode_text(fragment: &str) -> Result<String, ShareError> {
    let Some(encoded) = fragment.strip_prefix(PREFIX) else {
        return Err(ShareError::UnknownVersion);
    };
    if encoded.len() > MAX_ENCODED {
        return Err(ShareError::TooLong);
    }
    let packed = base64url_decode(encoded)?;
    let bytes =
        miniz_oxide::inflate::decompress_to_vec_with_limit(&packed, MAX_TEXT).map_err(|err| {
            match err.status {
                miniz_oxide::inflate::TINFLStatus::HasMoreOutput => ShareError::TooLarge,
                _ => ShareError::BadDeflate,
            }
        })?;
    String::from_utf8(bytes).map_err(|_| ShareError::NotUtf8)
}

// ---------------------------------------------------------------------------------------
// Query strings

/// Percent-encodes everything but RFC 3986's unreserved characters.
pub fn percent_encode(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for b in text.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' => {
                out.push(char::from(b));
            }
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

/// Decodes `%XX` escapes and `+` (as a space, the form encoding); a broken escape is
/// kept as written. Invalid UTF-8 becomes U+FFFD.
pub fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'%' if i + 2 < bytes.len() => {
                let hex = std::str::from_utf8(&bytes[i + 1..i + 3])
                    .ok()
                    .and_then(|h| u8::from_str_radix(h, 16).ok());
                match hex {
                    Some(b) => {
                        out.push(b);
                        i += 3;
                    }
                    None => {
                        out.push(b'%');
                        i += 1;
                    }
                }
            }
            b'+' => {
                out.push(b' ');
                i += 1;
            }
            b => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// The `key=value` pairs of a query string (with or without the leading `?`), decoded.
pub fn query_pairs(query: &str) -> Vec<(String, String)> {
    query
        .trim_start_matches('?')
        .split('&')
        .filter(|p| !p.is_empty())
        .map(|p| match p.split_once('=') {
            Some((k, v)) => (percent_decode(k), percent_decode(v)),
            None => (percent_decode(p), String::new()),
        })
        .collect()
}

/// What a page URL asks for when it opens.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct UrlState {
    /// `?code=`: a Dockerfile to prefill.
    pub code: Option<String>,
    /// Settings from the query; `None` when the query names none.
    pub settings: Option<Settings>,
    /// `unsafe=1`: include unsafe fixes.
    pub unsafe_fixes: bool,
    /// Problems with the query, for a message.
    pub errors: Vec<String>,
}

const LIST_SEP: char = ',';

/// Writes the settings the playground edits (and `unsafe=1`) as query pairs, without `?`.
/// Default settings write nothing.
pub fn settings_to_query(settings: &Settings, unsafe_fixes: bool) -> String {
    let mut pairs: Vec<(&str, String)> = Vec::new();
    if !settings.ignored.is_empty() {
        pairs.push(("ignore", settings.ignored.join(",")));
    }
    if !settings.overrides.is_empty() {
        let items: Vec<String> = settings
            .overrides
            .iter()
            .map(|(rule, level)| format!("{rule}:{}", level_name(*level)))
            .collect();
        pairs.push(("severity", items.join(",")));
    }
    if let Some(fail_on) = settings.fail_on {
        pairs.push(("fail", fail_on.as_str().into()));
    }
    if !settings.trusted_registries.is_empty() {
        pairs.push(("registries", settings.trusted_registries.join(",")));
    }
    if !settings.trusted_publishers.is_empty() {
        pairs.push(("publishers", settings.trusted_publishers.join(",")));
    }
    if let Some(date) = settings.today {
        pairs.push(("today", date.to_string()));
    }
    if unsafe_fixes {
        pairs.push(("unsafe", "1".into()));
    }
    pairs
        .iter()
        .map(|(k, v)| {
            format!(
                "{k}={}",
                percent_encode(v).replace("%2C", ",").replace("%3A", ":")
            )
        })
        .collect::<Vec<_>>()
        .join("&")
}

fn level_name(level: Level) -> &'static str {
    match level {
        Level::Off => "off",
        Level::On(s) => s.as_str(),
    }
}

fn split_list(value: &str) -> Vec<String> {
    value
        .split(LIST_SEP)
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect()
}

/// Reads `?code=` and the settings keys of [`settings_to_query`] from a query string.
/// Unknown keys are ignored (other sites may add their own); bad values are reported
/// and skipped.
pub fn parse_query(query: &str) -> UrlState {
    let mut state = UrlState::default();
    let mut settings = Settings::default();
    let mut any_setting = false;
    for (key, value) in query_pairs(query) {
        match key.as_str() {
            "code" => state.code = Some(value),
            "unsafe" => state.unsafe_fixes = matches!(value.as_str(), "1" | "true" | "yes"),
            "ignore" => {
                any_setting = true;
                for rule in split_list(&value) {
                    match rules::find(&rule) {
                        Some(_) => settings.ignored.push(rule),
                        None => state.errors.push(format!("ignore: unknown rule `{rule}`")),
                    }
                }
            }
            "severity" => {
                any_setting = true;
                for item in split_list(&value) {
                    let (rule, level) = item.split_once(':').unwrap_or((item.as_str(), ""));
                    let level = match level.to_ascii_lowercase().as_str() {
                        "off" => Some(Level::Off),
                        other => dockcoach_core::Severity::parse(other).map(Level::On),
                    };
                    match (rules::find(rule), level) {
                        (Some(_), Some(level)) => {
                            settings.overrides.insert(rule.to_string(), level);
                        }
                        _ => state.errors.push(format!("severity: cannot read `{item}`")),
                    }
                }
            }
            "fail" => {
                any_setting = true;
                match FailOn::parse(&value) {
                    Some(fail_on) => settings.fail_on = Some(fail_on),
                    None => state
                        .errors
                        .push(format!("fail: unknown severity `{value}`")),
                }
            }
            "registries" => {
                any_setting = true;
                settings.trusted_registries = split_list(&value);
            }
            "publishers" => {
                any_setting = true;
                settings.trusted_publishers = split_list(&value);
            }
            "today" => {
                any_setting = true;
                match dockcoach_core::settings::Date::parse(&value) {
                    Some(d) => settings.today = Some(d),
                    None => state
                        .errors
                        .push(format!("today: `{value}` is not YYYY-MM-DD")),
                }
            }
            _ => {}
        }
    }
    if any_setting {
        state.settings = Some(settings);
    }
    state
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use dockcoach_core::Severity;
    use dockcoach_core::settings::Date;

    #[test]
    fn base64url_round_trips_every_length() {
        for len in 0..40 {
            let bytes: Vec<u8> = (0..len).map(|i| (i * 37 + 11) as u8).collect();
            let text = base64url_encode(&bytes);
            assert!(!text.contains(['+', '/', '=']));
            assert_eq!(base64url_decode(&text).unwrap(), bytes);
        }
    }

    #[test]
    fn base64url_rejects_bad_input() {
        assert_eq!(base64url_decode("ab!c"), Err(ShareError::BadBase64));
        assert_eq!(base64url_decode("abcde"), Err(ShareError::BadBase64));
    }

    #[test]
    fn share_text_round_trips() {
        let text = "FROM alpine:3.20\nRUN echo 'héllo 😀' <script>\n";
        let fragment = encode_text(text).unwrap();
        assert!(fragment.starts_with("v1."));
        assert!(is_share_fragment(&fragment));
        assert_eq!(decode_text(&fragment).unwrap(), text);
    }

    #[test]
    fn hostile_links_are_errors() {
        assert_eq!(decode_text("v2.abc"), Err(ShareError::UnknownVersion));
        assert_eq!(decode_text("v1.@@@"), Err(ShareError::BadBase64));
        let fragment = encode_text(&"RUN echo hello world\n".repeat(50)).unwrap();
        let cut = &fragment[..fragment.len() / 2];
        assert_eq!(decode_text(cut), Err(ShareError::BadDeflate));
        // A deflate bomb: 8 MiB of zeros packs into a few KiB.
        let bomb = miniz_oxide::deflate::compress_to_vec(&vec![0u8; 8 << 20], 9);
        let link = format!("v1.{}", base64url_encode(&bomb));
        assert!(link.len() < MAX_ENCODED);
        assert_eq!(decode_text(&link), Err(ShareError::TooLarge));
        let long = format!("v1.{}", "A".repeat(MAX_ENCODED + 4));
        assert_eq!(decode_text(&long), Err(ShareError::TooLong));
        let not_utf8 = miniz_oxide::deflate::compress_to_vec(&[0xff, 0xfe], 9);
        assert_eq!(
            decode_text(&format!("v1.{}", base64url_encode(&not_utf8))),
            Err(ShareError::NotUtf8)
        );
    }

    #[test]
    fn exactly_the_cap_inflates() {
        let text = "a".repeat(MAX_TEXT);
        assert_eq!(
            decode_text(&encode_text(&text).unwrap()).unwrap().len(),
            MAX_TEXT
        );
        assert_eq!(encode_text(&format!("{text}b")), Err(ShareError::TooLarge));
    }

    #[test]
    fn percent_coding_round_trips() {
        let text = "FROM a:1\nRUN echo \"x&y=z\" 100% ü";
        assert_eq!(percent_decode(&percent_encode(text)), text);
        assert_eq!(percent_decode("a+b%2"), "a b%2");
    }

    #[test]
    fn settings_round_trip_through_the_query() {
        let mut settings = Settings {
            ignored: vec!["DL3006".into(), "DL3020".into()],
            fail_on: Some(FailOn::AtLeast(Severity::Warning)),
            trusted_registries: vec!["docker.io".into(), "ghcr.io".into()],
            trusted_publishers: vec!["bitnami".into()],
            today: Date::parse("2026-02-03"),
            ..Settings::default()
        };
        settings
            .overrides
            .insert("DL3009".into(), Level::On(Severity::Error));
        settings.overrides.insert("DL4000".into(), Level::Off);
        let query = settings_to_query(&settings, true);
        let state = parse_query(&format!("?{query}&code=FROM%20x"));
        assert_eq!(state.settings.as_ref(), Some(&settings));
        assert!(state.unsafe_fixes);
        assert_eq!(state.code.as_deref(), Some("FROM x"));
        assert!(state.errors.is_empty(), "{:?}", state.errors);
        assert_eq!(settings_to_query(&Settings::default(), false), "");
        assert_eq!(parse_query("?code=a").settings, None);
    }

    #[test]
    fn bad_query_values_are_reported_not_fatal() {
        let state = parse_query("ignore=NOPE,DL3006&fail=loud&today=someday&severity=DL3009");
        assert_eq!(state.errors.len(), 4, "{:?}", state.errors);
        assert_eq!(state.settings.unwrap().ignored, vec!["DL3006".to_string()]);
    }

    /// Random queries and fragments (from the characters URLs and our syntax use) never
    /// panic, and whatever settings a query yields survive a second trip through it.
    #[test]
    fn random_links_never_panic_and_settings_are_stable() {
        const PIECES: &[&str] = &[
            "code=",
            "ignore=",
            "severity=",
            "fail=",
            "registries=",
            "publishers=",
            "today=",
            "unsafe=1",
            "&",
            "=",
            "%",
            "%2",
            "%20",
            "%C3%A9",
            "%FF",
            "%E2%82",
            "+",
            ",",
            ":",
            "DL3006",
            "DL3020",
            "off",
            "error",
            "warning",
            "2026-02-30",
            "2026-02-03",
            "é",
            "🐳",
            "v1.",
            "v2.",
            "-",
            "_",
            "A",
            "z",
            "0",
            "9",
            "/",
            "?",
            "#",
            " ",
        ];
        let mut rng = dockcoach_core::testing::Rng(0x9E37_79B9_7F4A_7C15);
        for _ in 0..20_000 {
            let len = rng.below(12);
            let text: String = (0..len).map(|_| rng.pick(PIECES)).collect();
            let state = parse_query(&text);
            if let Some(settings) = &state.settings {
                // A query of defaults (`fail=`) writes back as no query at all.
                let again = parse_query(&settings_to_query(settings, state.unsafe_fixes));
                assert_eq!(&again.settings.unwrap_or_default(), settings, "{text}");
                assert!(again.errors.is_empty(), "{text}: {:?}", again.errors);
            }
            let _ = percent_decode(&text);
            if is_share_fragment(&text) {
                let _ = decode_text(&text);
            }
            let _ = decode_text(&format!("v1.{text}"));
        }
    }
}
