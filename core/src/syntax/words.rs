//! Word-level scanners that follow BuildKit's parser (`line_parsers.go`,
//! `split_command.go`) but keep byte ranges into the logical line.

pub(crate) use super::json::JsonError;
use super::json::parse_string_array;
use crate::text::TextRange;

/// Go's `unicode.IsSpace`; Rust's `char::is_whitespace` is the same set.
pub(crate) fn is_space(c: char) -> bool {
    c.is_whitespace()
}

/// BuildKit's `reWhitespace`: `[\t\v\f\r ]`.
pub(crate) fn is_ws_delim(c: char) -> bool {
    matches!(c, '\t' | '\u{0b}' | '\u{0c}' | '\r' | ' ')
}

/// `strings.TrimSpace` as a range into `s`.
pub(crate) fn trim_space(s: &str, range: TextRange) -> TextRange {
    let text = range.slice(s);
    let start = text.len() - text.trim_start_matches(is_space).len();
    let end = text.trim_end_matches(is_space).len();
    if end <= start {
        return TextRange::empty(range.start() + start.min(text.len()));
    }
    TextRange::new(range.start() + start, range.start() + end)
}

/// `reWhitespace.Split(text, n)` (`n = 0` for no limit) as ranges.
pub(crate) fn split_ws(s: &str, range: TextRange, limit: usize) -> Vec<TextRange> {
    let text = range.slice(s);
    let base = range.start();
    let mut out = Vec::new();
    let mut start = 0;
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if limit != 0 && out.len() + 1 == limit {
            break;
        }
        if is_ws_delim(c) {
            let mut end = i + c.len_utf8();
            while let Some(&(j, d)) = chars.peek() {
                if !is_ws_delim(d) {
                    break;
                }
                end = j + d.len_utf8();
                chars.next();
            }
            out.push(TextRange::new(base + start, base + i));
            start = end;
        }
    }
    out.push(TextRange::new(base + start, base + text.len()));
    out
}

/// BuildKit's `parseWords`: words separated by unquoted whitespace, quotes and escape
/// characters kept. Returns each word's range and its text (the text differs from the
/// range's slice only when a trailing escape character is dropped).
pub(crate) fn parse_words(s: &str, range: TextRange, escape: char) -> Vec<(TextRange, String)> {
    #[derive(PartialEq)]
    enum Phase {
        Spaces,
        Word,
        Quote,
    }
    let text = range.slice(s);
    let base = range.start();
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut words = Vec::new();
    let mut phase = Phase::Spaces;
    let mut word = String::new();
    let mut word_start = 0;
    let mut word_end = 0;
    let mut quote = '\0';
    let mut blank_ok = false;
    let mut k = 0;
    let n = chars.len();
    loop {
        let at_end = k >= n;
        let (pos, ch) = if at_end { (text.len(), '\0') } else { chars[k] };
        if phase == Phase::Spaces {
            if at_end {
                break;
            }
            if is_space(ch) {
                k += 1;
                continue;
            }
            phase = Phase::Word;
            word_start = pos;
        }
        if (phase == Phase::Word || phase == Phase::Quote) && at_end {
            if blank_ok || !word.is_empty() {
                words.push((
                    TextRange::new(base + word_start, base + word_end.max(word_start)),
                    word,
                ));
            }
            break;
        }
        if phase == Phase::Word {
            if is_space(ch) {
                phase = Phase::Spaces;
                if blank_ok || !word.is_empty() {
                    words.push((
                        TextRange::new(base + word_start, base + word_end.max(word_start)),
                        std::mem::take(&mut word),
                    ));
                }
                word.clear();
                blank_ok = false;
                k += 1;
                continue;
            }
            if ch == '\'' || ch == '"' {
                quote = ch;
                blank_ok = true;
                phase = Phase::Quote;
            }
            if ch == escape {
                if k + 1 == n {
                    k += 1;
                    continue; // an escape token at the end of the line is dropped
                }
                word.push(ch);
                k += 1;
                let (p, c) = chars[k];
                word.push(c);
                word_end = p + c.len_utf8();
                k += 1;
                continue;
            }
            word.push(ch);
            word_end = pos + ch.len_utf8();
            k += 1;
            continue;
        }
        // Phase::Quote
        if ch == quote {
            phase = Phase::Word;
        }
        if ch == escape && quote != '\'' {
            if k + 1 == n {
                phase = Phase::Word;
                k += 1;
                continue;
            }
            word.push(ch);
            k += 1;
            let (p, c) = chars[k];
            word.push(c);
            word_end = p + c.len_utf8();
            k += 1;
            continue;
        }
        word.push(ch);
        word_end = pos + ch.len_utf8();
        k += 1;
    }
    words
}

/// One `--flag[=value]` before an instruction's arguments.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct RawFlag {
    pub range: TextRange,
    /// Quotes and backslashes processed, as BuildKit reports it (`--from=x y`).
    pub text: String,
}

/// BuildKit's `extractBuilderFlags`: leading `--flags`, and where the arguments start.
pub(crate) fn extract_flags(s: &str, range: TextRange) -> (Vec<RawFlag>, usize) {
    #[derive(PartialEq)]
    enum Phase {
        Spaces,
        Word,
        Quote,
    }
    let text = range.slice(s);
    let bytes = text.as_bytes();
    let base = range.start();
    let mut flags = Vec::new();
    let mut phase = Phase::Spaces;
    let mut word: Vec<u8> = Vec::new();
    let mut word_start = 0;
    let mut quote = 0u8;
    let mut blank_ok = false;
    let mut pos = 0;
    let is_sp = |b: u8| b.is_ascii_whitespace() || b == 0x0b;
    let push = |flags: &mut Vec<RawFlag>, start: usize, end: usize, word: &[u8]| {
        flags.push(RawFlag {
            range: TextRange::new(base + start, base + end),
            text: String::from_utf8_lossy(word).into_owned(),
        });
    };
    while pos <= bytes.len() {
        let at_end = pos == bytes.len();
        let ch = if at_end { 0 } else { bytes[pos] };
        if phase == Phase::Spaces {
            if at_end {
                break;
            }
            if is_sp(ch) {
                pos += 1;
                continue;
            }
            if ch != b'-' || pos + 1 == bytes.len() || bytes[pos + 1] != b'-' {
                return (flags, base + pos);
            }
            phase = Phase::Word;
            word_start = pos;
        }
        if (phase == Phase::Word || phase == Phase::Quote) && at_end {
            if word != b"--" && (blank_ok || !word.is_empty()) {
                push(&mut flags, word_start, pos, &word);
            }
            break;
        }
        if phase == Phase::Word {
            if is_sp(ch) {
                phase = Phase::Spaces;
                if word == b"--" {
                    return (flags, base + pos);
                }
                if blank_ok || !word.is_empty() {
                    push(&mut flags, word_start, pos, &word);
                }
                word.clear();
                blank_ok = false;
                pos += 1;
                continue;
            }
            if ch == b'\'' || ch == b'"' {
                quote = ch;
                blank_ok = true;
                phase = Phase::Quote;
                pos += 1;
                continue;
            }
            if ch == b'\\' {
                if pos + 1 == bytes.len() {
                    pos += 1;
                    continue;
                }
                pos += 1;
            }
            word.push(bytes[pos]);
            pos += 1;
            continue;
        }
        // Phase::Quote
        if ch == quote {
            phase = Phase::Word;
            pos += 1;
            continue;
        }
        if ch == b'\\' {
            if pos + 1 == bytes.len() {
                phase = Phase::Word;
                pos += 1;
                continue;
            }
            pos += 1;
        }
        word.push(bytes[pos]);
        pos += 1;
    }
    (flags, base + text.len())
}

/// BuildKit's `parseJSON`: the first JSON value of `range` (trailing text is ignored,
/// as Go's `json.Decoder` does); each string element with its decoded value and the
/// range of its literal (quotes included). Also returns the range of the array.
pub(crate) fn parse_json_array(
    s: &str,
    range: TextRange,
) -> Result<(Vec<(TextRange, String)>, TextRange), JsonError> {
    let text = range.slice(s);
    let lead = text.len() - text.trim_start_matches(is_space).len();
    let rest = &text[lead..];
    let (items, end) = parse_string_array(rest)?;
    let base = range.start() + lead;
    let out = items
        .into_iter()
        .map(|(r, v)| (TextRange::new(base + r.start, base + r.end), v))
        .collect();
    Ok((out, TextRange::new(base, base + end)))
}

/// Removes shell quotes and escape characters from a word, as BuildKit's shell lexer
/// does for ENV/LABEL/ARG values (variables are left as written).
pub fn unquote(word: &str, escape: char) -> String {
    let mut out = String::with_capacity(word.len());
    let mut chars = word.chars();
    while let Some(c) = chars.next() {
        match c {
            '\'' => {
                for d in chars.by_ref() {
                    if d == '\'' {
                        break;
                    }
                    out.push(d);
                }
            }
            '"' => {
                while let Some(d) = chars.next() {
                    if d == '"' {
                        break;
                    }
                    if d == escape {
                        match chars.next() {
                            Some(e @ ('"' | '$')) => out.push(e),
                            Some(e) if e == escape => out.push(e),
                            Some(e) => {
                                out.push(d);
                                out.push(e);
                            }
                            None => out.push(d),
                        }
                        continue;
                    }
                    out.push(d);
                }
            }
            c if c == escape => {
                if let Some(d) = chars.next() {
                    out.push(d);
                }
            }
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(s: &str) -> Vec<String> {
        parse_words(s, TextRange::new(0, s.len()), '\\')
            .into_iter()
            .map(|(_, w)| w)
            .collect()
    }

    #[test]
    fn parse_words_keeps_quotes_and_escapes() {
        assert_eq!(words(r#"a="b c" d=e\ f"#), vec![r#"a="b c""#, r"d=e\ f"]);
        assert_eq!(words("x   y "), vec!["x", "y"]);
        assert_eq!(words(r#"a="" b"#), vec![r#"a="""#, "b"]);
    }

    #[test]
    fn flags_stop_at_first_non_flag_and_double_dash() {
        let s = r#"--from=build --chown="a b" src dst"#;
        let (flags, args) = extract_flags(s, TextRange::new(0, s.len()));
        let texts: Vec<_> = flags.iter().map(|f| f.text.as_str()).collect();
        assert_eq!(texts, vec!["--from=build", "--chown=a b"]);
        assert_eq!(&s[args..], "src dst");
        let s = "--link -- --notaflag";
        let (flags, args) = extract_flags(s, TextRange::new(0, s.len()));
        assert_eq!(flags.len(), 1);
        assert_eq!(s[args..].trim(), "--notaflag");
    }

    #[test]
    fn json_arrays_and_fallbacks() {
        let s = r#"[ "a", "b\"c" ]"#;
        let (items, _) = parse_json_array(s, TextRange::new(0, s.len())).unwrap();
        assert_eq!(items[1].1, "b\"c");
        assert_eq!(items[1].0.slice(s), r#""b\"c""#);
        let s = r#"["a", 1]"#;
        assert_eq!(
            parse_json_array(s, TextRange::new(0, s.len())),
            Err(JsonError::NotStringArray)
        );
        let s = "['a']";
        assert_eq!(
            parse_json_array(s, TextRange::new(0, s.len())),
            Err(JsonError::NotJson)
        );
    }

    #[test]
    fn unquote_handles_both_quote_kinds() {
        assert_eq!(unquote(r#""a b"'c d'e\ f"#, '\\'), "a bc de f");
        assert_eq!(unquote(r#""a\"b""#, '\\'), "a\"b");
    }
}
