//! The little JSON the core needs: reading the exec form's array of strings and
//! quoting a string. A full JSON library would cost the playground more bytes than
//! the whole exec-form parser.
//!
//! The reader accepts exactly what `serde_json` accepted when it parsed the exec
//! form into a `Value` (the tests compare both): RFC 8259 grammar, strings without raw
//! control characters, `\uXXXX` escapes whose surrogates are paired, numbers that fit
//! an `f64`, and at most 127 nested arrays or objects. It is a loop over an explicit
//! stack, so hostile nesting cannot overflow the real one.

/// Why a JSON array of strings could not be read.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum JsonError {
    /// Not JSON at all: BuildKit falls back to the shell form.
    NotJson,
    /// Valid JSON, but an element is not a string: BuildKit rejects the instruction.
    NotStringArray,
}

/// A string element: the byte range of its literal (quotes included) and its value.
pub(crate) type JsonItem = (std::ops::Range<usize>, String);

/// Deepest nesting accepted, as `serde_json`'s recursion limit of 128.
const MAX_DEPTH: usize = 127;

/// Reads the first JSON value of `text`, which must be an array at offset 0; trailing
/// text is ignored. Returns the array's string elements and the offset just past `]`.
pub(crate) fn parse_string_array(text: &str) -> Result<(Vec<JsonItem>, usize), JsonError> {
    let mut r = Reader {
        bytes: text.as_bytes(),
        pos: 0,
    };
    let mut items = Vec::new();
    let mut not_string = false;
    // `true` for an object, `false` for an array; the outer array is element 0.
    let mut stack: Vec<bool> = Vec::new();
    if r.peek() != Some(b'[') {
        return Err(JsonError::NotJson);
    }
    // Each turn reads one value, then the separators after it up to the next value.
    let mut value_start = true;
    loop {
        if value_start {
            r.skip_ws();
            let at = r.pos;
            let top_level = stack.len() == 1;
            match r.peek().ok_or(JsonError::NotJson)? {
                open @ (b'[' | b'{') => {
                    if stack.len() >= MAX_DEPTH {
                        return Err(JsonError::NotJson);
                    }
                    r.pos += 1;
                    let is_object = open == b'{';
                    stack.push(is_object);
                    not_string |= top_level;
                    r.skip_ws();
                    let close = if is_object { b'}' } else { b']' };
                    if r.peek() == Some(close) {
                        r.pos += 1;
                        stack.pop();
                    } else {
                        if is_object {
                            r.key()?;
                        }
                        continue;
                    }
                }
                b'"' => {
                    let value = r.string()?;
                    if top_level {
                        items.push((at..r.pos, value));
                    }
                }
                b't' => r.literal(b"true", top_level, &mut not_string)?,
                b'f' => r.literal(b"false", top_level, &mut not_string)?,
                b'n' => r.literal(b"null", top_level, &mut not_string)?,
                _ => {
                    r.number()?;
                    not_string |= top_level;
                }
            }
            value_start = false;
        }
        // After a value: `,` for the next one, or the end of its container.
        let Some(&is_object) = stack.last() else {
            break;
        };
        r.skip_ws();
        let close = if is_object { b'}' } else { b']' };
        match r.peek() {
            Some(b',') => {
                r.pos += 1;
                if is_object {
                    r.skip_ws();
                    r.key()?;
                }
                value_start = true;
            }
            Some(c) if c == close => {
                r.pos += 1;
                stack.pop();
            }
            _ => return Err(JsonError::NotJson),
        }
    }
    if not_string {
        return Err(JsonError::NotStringArray);
    }
    Ok((items, r.pos))
}

/// Appends `s` to `out` as a JSON string literal, escaped as `serde_json` writes it.
pub(crate) fn quote_into(out: &mut String, s: &str) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\u{08}' => out.push_str("\\b"),
            '\u{0c}' => out.push_str("\\f"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\0'..='\u{1f}' => {
                const HEX: &[u8; 16] = b"0123456789abcdef";
                let b = c as usize;
                out.push_str("\\u00");
                out.push(char::from(HEX[b >> 4]));
                out.push(char::from(HEX[b & 0xf]));
            }
            _ => out.push(c),
        }
    }
    out.push('"');
}

struct Reader<'a> {
    bytes: &'a [u8],
    pos: usize,
}

impl Reader<'_> {
    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.pos).copied()
    }

    fn skip_ws(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\n' | b'\t' | b'\r')) {
            self.pos += 1;
        }
    }

    /// An object key and its `:`; leaves the reader before the value.
    fn key(&mut self) -> Result<(), JsonError> {
        if self.peek() != Some(b'"') {
            return Err(JsonError::NotJson);
        }
        self.string()?;
        self.skip_ws();
        if self.peek() != Some(b':') {
            return Err(JsonError::NotJson);
        }
        self.pos += 1;
        Ok(())
    }

    fn literal(&mut self, word: &[u8], top: bool, not_string: &mut bool) -> Result<(), JsonError> {
        if !self.bytes[self.pos..].starts_with(word) {
            return Err(JsonError::NotJson);
        }
        self.pos += word.len();
        *not_string |= top;
        Ok(())
    }

    fn digits(&mut self) -> usize {
        let start = self.pos;
        while matches!(self.peek(), Some(b'0'..=b'9')) {
            self.pos += 1;
        }
        self.pos - start
    }

    /// `-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?` whose value is finite.
    fn number(&mut self) -> Result<(), JsonError> {
        let start = self.pos;
        if self.peek() == Some(b'-') {
            self.pos += 1;
        }
        match self.peek() {
            Some(b'0') => {
                self.pos += 1;
                if matches!(self.peek(), Some(b'0'..=b'9')) {
                    return Err(JsonError::NotJson);
                }
            }
            Some(b'1'..=b'9') => {
                self.digits();
            }
            _ => return Err(JsonError::NotJson),
        }
        if self.peek() == Some(b'.') {
            self.pos += 1;
            if self.digits() == 0 {
                return Err(JsonError::NotJson);
            }
        }
        if matches!(self.peek(), Some(b'e' | b'E')) {
            self.pos += 1;
            if matches!(self.peek(), Some(b'+' | b'-')) {
                self.pos += 1;
            }
            if self.digits() == 0 {
                return Err(JsonError::NotJson);
            }
        }
        // The literal is ASCII, so this cannot fail; a number too large for an
        // `f64` is an error, as in `serde_json`.
        let literal = std::str::from_utf8(&self.bytes[start..self.pos]).unwrap_or("");
        if crate::number::decimal_fits_f64(literal) {
            Ok(())
        } else {
            Err(JsonError::NotJson)
        }
    }

    /// Four hex digits of a `\u` escape.
    fn hex4(&mut self) -> Result<u32, JsonError> {
        let mut n = 0;
        for _ in 0..4 {
            let digit = match self.peek() {
                Some(c @ b'0'..=b'9') => c - b'0',
                Some(c @ b'a'..=b'f') => c - b'a' + 10,
                Some(c @ b'A'..=b'F') => c - b'A' + 10,
                _ => return Err(JsonError::NotJson),
            };
            n = n * 16 + u32::from(digit);
            self.pos += 1;
        }
        Ok(n)
    }

    /// A string literal at `"`, decoded.
    fn string(&mut self) -> Result<String, JsonError> {
        self.pos += 1;
        let mut out = String::new();
        let mut run = self.pos;
        loop {
            let c = self.peek().ok_or(JsonError::NotJson)?;
            if c != b'"' && c != b'\\' && c >= 0x20 {
                self.pos += 1;
                continue;
            }
            // The run ends before an ASCII byte, so it is whole UTF-8.
            out.push_str(std::str::from_utf8(&self.bytes[run..self.pos]).unwrap_or(""));
            self.pos += 1;
            match c {
                b'"' => return Ok(out),
                b'\\' => {}
                _ => return Err(JsonError::NotJson),
            }
            let escape = self.peek().ok_or(JsonError::NotJson)?;
            self.pos += 1;
            let decoded = match escape {
                b'"' => '"',
                b'\\' => '\\',
                b'/' => '/',
                b'b' => '\u{08}',
                b'f' => '\u{0c}',
                b'n' => '\n',
                b'r' => '\r',
                b't' => '\t',
                b'u' => self.unicode_escape()?,
                _ => return Err(JsonError::NotJson),
            };
            out.push(decoded);
            run = self.pos;
        }
    }

    /// The rest of a `\u` escape; a surrogate must be the first of a `\uD8xx\uDCxx` pair.
    fn unicode_escape(&mut self) -> Result<char, JsonError> {
        let n = self.hex4()?;
        let code = match n {
            0xDC00..=0xDFFF => return Err(JsonError::NotJson),
            0xD800..=0xDBFF => {
                if !self.bytes[self.pos..].starts_with(b"\\u") {
                    return Err(JsonError::NotJson);
                }
                self.pos += 2;
                let low = self.hex4()?;
                if !(0xDC00..=0xDFFF).contains(&low) {
                    return Err(JsonError::NotJson);
                }
                (((n - 0xD800) << 10) | (low - 0xDC00)) + 0x1_0000
            }
            _ => n,
        };
        char::from_u32(code).ok_or(JsonError::NotJson)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What `serde_json` made of the same text, as the parser did before.
    fn oracle(text: &str) -> Result<(Vec<String>, usize), JsonError> {
        let mut stream = serde_json::Deserializer::from_str(text).into_iter::<serde_json::Value>();
        let value = match stream.next() {
            Some(Ok(v)) => v,
            _ => return Err(JsonError::NotJson),
        };
        let end = stream.byte_offset();
        let serde_json::Value::Array(items) = value else {
            return Err(JsonError::NotJson);
        };
        let mut out = Vec::new();
        for item in items {
            match item {
                serde_json::Value::String(v) => out.push(v),
                _ => return Err(JsonError::NotStringArray),
            }
        }
        Ok((out, end))
    }

    fn ours(text: &str) -> Result<(Vec<String>, usize), JsonError> {
        parse_string_array(text).map(|(items, end)| {
            for (range, value) in &items {
                let literal = &text[range.clone()];
                assert_eq!(serde_json::from_str::<String>(literal).unwrap(), *value);
            }
            (items.into_iter().map(|(_, v)| v).collect(), end)
        })
    }

    #[test]
    fn agrees_with_serde_json() {
        let cases = [
            r#"[]"#,
            r#"[ ]"#,
            r#"["a"]"#,
            r#"["a", "b"] trailing"#,
            r#"["a",]"#,
            r#"["a" "b"]"#,
            r#"["a", 1]"#,
            r#"["a", 1x]"#,
            r#"["a", -0.5e+10]"#,
            r#"["a", 01]"#,
            r#"["a", 1.]"#,
            r#"["a", 1e]"#,
            r#"["a", -]"#,
            r#"["a", 1e400]"#,
            r#"["a", 1e-400]"#,
            r#"["a", 0e99999999999999999999]"#,
            r#"["a", true]"#,
            r#"["a", tru]"#,
            r#"["a", null]"#,
            r#"["a", nul"#,
            r#"["a", {}]"#,
            r#"["a", {"k": [1, {"x": null}]}]"#,
            r#"["a", {"k" 1}]"#,
            r#"["a", {k: 1}]"#,
            r#"["a", {"k": 1,}]"#,
            r#"["a", [1, 2]]"#,
            r#"["a", [1, 2]"#,
            r#"["a\"b", "c\\d", "\/", "\b\f\n\r\t"]"#,
            r#"["\u0041\u00e9\u20AC"]"#,
            r#"["\ud83d\ude00"]"#,
            r#"["\ud83d"]"#,
            r#"["\ud83dx"]"#,
            r#"["\ud83d\n"]"#,
            r#"["\ude00"]"#,
            r#"["\ud83d\u0041"]"#,
            r#"["\ud83d\ud83d\ude00"]"#,
            r#"["\u12"]"#,
            r#"["\u12G4"]"#,
            r#"["\x"]"#,
            "[\"a\tb\"]",
            "[\"a\u{7f}b\"]",
            "[\"é ü 日本\"]",
            "[\"a\"",
            "[\"a",
            "[\"a\\",
            "[",
            "[\n\t\r \"a\"\n]",
            "[\u{a0}\"a\"]",
            r#"["a"]]"#,
            r#"[["a"]"#,
            r#"[1]"#,
            r#"["a", -1.5E-3]"#,
            r#"["a", 123456789012345678901234567890]"#,
        ];
        for case in cases {
            assert_eq!(ours(case), oracle(case), "{case:?}");
        }
    }

    #[test]
    fn nesting_limit_matches_serde_json() {
        for depth in [1, 2, 126, 127, 128, 129, 5000] {
            let text = format!("{}{}", "[".repeat(depth), "]".repeat(depth));
            assert_eq!(ours(&text), oracle(&text), "depth {depth}");
            let text = format!("[{}1{}]", "{\"k\":".repeat(depth), "}".repeat(depth));
            assert_eq!(ours(&text), oracle(&text), "object depth {depth}");
        }
    }

    #[test]
    fn every_prefix_agrees() {
        let text = r#"["a\"\u00e9\ud83d\ude00", {"k": [true, false, null, -1.5e3]}, "z"] x"#;
        for end in 0..=text.len() {
            if let Some(prefix) = text.get(..end) {
                assert_eq!(ours(prefix), oracle(prefix), "{prefix:?}");
            }
        }
    }

    /// Random texts over JSON's alphabet: both readers agree on all of them.
    #[test]
    fn random_texts_agree() {
        const PIECES: &[&str] = &[
            "[", "]", "{", "}", "\"", ",", ":", " ", "\\", "u", "d83d", "\\ude00", "00e9", "a",
            "é", "1", "0", "-", ".", "e", "+", "true", "null", "fals", "\n", "\u{1}", "/", "\\u",
            "DC", "9",
        ];
        let mut rng = crate::testing::Rng(0x2545_f491_4f6c_dd1d);
        for _ in 0..200_000 {
            let mut text = String::from("[");
            let len = rng.below(12);
            for _ in 0..len {
                text.push_str(rng.pick(PIECES));
            }
            assert_eq!(ours(&text), oracle(&text), "{text:?}");
        }
    }

    #[test]
    fn quotes_as_serde_json() {
        for s in [
            "",
            "a b",
            "\"\\/",
            "\u{0}\u{1}\u{8}\u{b}\u{c}\u{1f}\u{7f}",
            "é日本😀",
            "\n\r\t",
        ] {
            let mut out = String::new();
            quote_into(&mut out, s);
            assert_eq!(out, serde_json::to_string(s).unwrap());
        }
    }
}
