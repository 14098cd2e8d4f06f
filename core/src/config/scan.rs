//! What both config parsers share: the failure they carry up (a message at a byte
//! offset, turned into a line and column once at the top) and the string escapes of TOML
//! basic strings and YAML double-quoted scalars (`\xHH`, `\uHHHH`, `\UHHHHHHHH`).

use std::fmt;

/// Why a config document (TOML or YAML) does not parse, and where: 1-based line and
/// column in characters.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SyntaxError {
    pub message: String,
    pub line: usize,
    pub column: usize,
}

impl fmt::Display for SyntaxError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "line {}, column {}: {}",
            self.line, self.column, self.message
        )
    }
}

impl std::error::Error for SyntaxError {}

/// A parse failure at a byte offset.
pub(super) struct Fail {
    pub(super) at: usize,
    pub(super) message: String,
}

impl Fail {
    /// The error with the line and column of the failure in `text`.
    pub(super) fn located(self, text: &str) -> SyntaxError {
        let (line, column) = super::line_col(text, self.at);
        SyntaxError {
            message: self.message,
            line,
            column,
        }
    }
}

pub(super) type Res<T> = Result<T, Fail>;

pub(super) fn fail<T>(at: usize, message: impl Into<String>) -> Res<T> {
    Err(Fail {
        at,
        message: message.into(),
    })
}

/// The character of a hex escape: `rest` starts at its first digit and `digits` is how
/// many it takes. The error is the message to report at the escape.
fn hex_char(rest: &str, digits: usize) -> Result<char, String> {
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

/// Reads the hex escape whose letter (`x`, `u` or `U`) is at `*pos` in `src`, taking
/// `digits` digits, into `out` and moves `*pos` past it; a failure is reported at `at`
/// (the backslash).
pub(super) fn hex_escape(
    src: &str,
    pos: &mut usize,
    at: usize,
    digits: usize,
    out: &mut String,
) -> Res<()> {
    let rest = src.get(*pos + 1..).unwrap_or("");
    match hex_char(rest, digits) {
        Ok(c) => {
            *pos += 1 + digits;
            out.push(c);
            Ok(())
        }
        Err(message) => fail(at, message),
    }
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
