//! String escapes both config parsers share (TOML basic strings, YAML double-quoted
//! scalars): `\xHH`, `\uHHHH`, `\UHHHHHHHH` and the message for an unknown escape.

/// The character of a hex escape: `rest` starts at its first digit and `digits` is how
/// many it takes. The error is the message to report at the escape.
pub(super) fn hex_char(rest: &str, digits: usize) -> Result<char, String> {
    let hex = rest.get(..digits).unwrap_or("");
    let code = if hex.len() == digits && hex.bytes().all(|b| b.is_ascii_hexdigit()) {
        u32::from_str_radix(hex, 16).ok()
    } else {
        None
    };
    let code = code.ok_or_else(|| format!("invalid escape: expected {digits} hex digits"))?;
    char::from_u32(code)
        .ok_or_else(|| format!("invalid escape: U+{code:04X} is not a Unicode scalar value"))
}

/// The message for an unknown escape; `rest` starts right after the backslash.
pub(super) fn unknown(rest: &str) -> String {
    match rest.chars().next().filter(|c| !c.is_control()) {
        Some(c) => format!("invalid escape `\\{c}`"),
        None => "invalid escape: `\\` must be followed by a character".into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hex_escapes() {
        assert_eq!(hex_char("41", 2), Ok('A'));
        assert_eq!(hex_char("00e9rest", 4), Ok('é'));
        assert_eq!(hex_char("0001F600", 8), Ok('😀'));
        assert!(hex_char("4", 2).is_err_and(|m| m.contains("expected 2 hex digits")));
        assert!(hex_char("zz", 2).is_err());
        assert!(hex_char("D800", 4).is_err_and(|m| m.contains("U+D800")));
        assert_eq!(unknown("q"), "invalid escape `\\q`");
        assert!(unknown("").contains("must be followed"));
    }
}
