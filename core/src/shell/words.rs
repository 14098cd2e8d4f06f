//! Shell word helpers that need no parser: quote removal, finding `$( )`/backtick
//! substitutions inside a word, and a rough nesting estimate used as a safety guard.
//!
//! Everything here is a single linear pass over bytes with an explicit stack (no
//! recursion), and never indexes out of bounds.

/// What an open construct is waiting for.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Open {
    /// `"..."`
    DQuote,
    /// `$( ... )` or a plain `( ... )` inside one.
    Paren,
    /// `${ ... }`
    Brace,
    /// `` `...` ``
    Backtick,
}

/// Given `bytes` and `i` just past an opener of kind `open`, returns the index just
/// past its matching closer (or `bytes.len()` when it is unterminated). Quote- and
/// nesting-aware; a best effort for odd cases such as `case` patterns inside `$( )`.
fn skip_to_close(bytes: &[u8], mut i: usize, open: Open) -> usize {
    let mut stack = vec![open];
    while let Some(&top) = stack.last() {
        let Some(&c) = bytes.get(i) else {
            return bytes.len();
        };
        match top {
            Open::DQuote => match c {
                b'\\' => i += 2,
                b'"' => {
                    stack.pop();
                    i += 1;
                }
                _ => i += push_opener(&mut stack, bytes, i),
            },
            Open::Backtick => match c {
                b'\\' => i += 2,
                b'`' => {
                    stack.pop();
                    i += 1;
                }
                _ => i += 1,
            },
            Open::Paren | Open::Brace => match c {
                b'\\' => i += 2,
                b'\'' => i = skip_single_quote(bytes, i + 1),
                b'"' => {
                    stack.push(Open::DQuote);
                    i += 1;
                }
                b'(' if top == Open::Paren => {
                    stack.push(Open::Paren);
                    i += 1;
                }
                b')' if top == Open::Paren => {
                    stack.pop();
                    i += 1;
                }
                b'}' if top == Open::Brace => {
                    stack.pop();
                    i += 1;
                }
                _ => i += push_opener(&mut stack, bytes, i),
            },
        }
    }
    i.min(bytes.len())
}

/// When `$(`, `${` or a backtick starts at `i` (they open alike inside double quotes
/// and inside `$( )`), pushes it and returns its length; otherwise returns 1 (one byte
/// of plain text).
fn push_opener(stack: &mut Vec<Open>, bytes: &[u8], i: usize) -> usize {
    let (open, len) = match (bytes.get(i), bytes.get(i + 1)) {
        (Some(b'$'), Some(b'(')) => (Open::Paren, 2),
        (Some(b'$'), Some(b'{')) => (Open::Brace, 2),
        (Some(b'`'), _) => (Open::Backtick, 1),
        _ => return 1,
    };
    stack.push(open);
    len
}

/// `i` is just past an opening `'`; returns the index just past the closing one.
fn skip_single_quote(bytes: &[u8], i: usize) -> usize {
    match bytes
        .get(i..)
        .and_then(|rest| rest.iter().position(|&b| b == b'\''))
    {
        Some(p) => i + p + 1,
        None => bytes.len(),
    }
}

/// `i` is just past the opening `$'`; returns the index just past the closing `'`.
fn skip_ansi_c_quote(bytes: &[u8], mut i: usize) -> usize {
    while let Some(&c) = bytes.get(i) {
        match c {
            b'\\' => i += 2,
            b'\'' => return i + 1,
            _ => i += 1,
        }
    }
    bytes.len()
}

/// The end of the shell word starting at `i`: the first unquoted blank or operator
/// character (`;&|()<>` and newline) not inside quotes, `$( )`, `${ }` or backticks.
/// Unterminated quotes run to the end of the text.
pub(crate) fn word_end(bytes: &[u8], mut i: usize) -> usize {
    while let Some(&c) = bytes.get(i) {
        let next = bytes.get(i + 1).copied();
        match c {
            b' ' | b'\t' | b'\r' | b'\n' | b';' | b'&' | b'|' | b'(' | b')' | b'<' | b'>' => break,
            b'\\' => i += 2,
            b'\'' => i = skip_single_quote(bytes, i + 1),
            b'"' => i = skip_to_close(bytes, i + 1, Open::DQuote),
            b'`' => i = skip_to_close(bytes, i + 1, Open::Backtick),
            b'$' if next == Some(b'\'') => i = skip_ansi_c_quote(bytes, i + 2),
            b'$' if next == Some(b'(') => i = skip_to_close(bytes, i + 2, Open::Paren),
            b'$' if next == Some(b'{') => i = skip_to_close(bytes, i + 2, Open::Brace),
            _ => i += 1,
        }
    }
    i.min(bytes.len())
}

/// The byte ranges (relative to `raw`) of the bodies of the top-level command
/// substitutions in a word: the text between `$(` and `)`, or between backticks.
/// Arithmetic `$(( ))` and single-quoted text are skipped; substitutions nested inside a
/// body are found when that body is parsed in turn.
pub(crate) fn substitutions(raw: &str) -> Vec<(usize, usize)> {
    let bytes = raw.as_bytes();
    let mut out = Vec::new();
    if !bytes.iter().any(|&b| b == b'$' || b == b'`') {
        return out;
    }
    let mut in_dquote = false;
    let mut i = 0;
    while let Some(&c) = bytes.get(i) {
        let next = bytes.get(i + 1).copied();
        match c {
            b'\\' => i += 2,
            b'\'' if !in_dquote => i = skip_single_quote(bytes, i + 1),
            b'"' => {
                in_dquote = !in_dquote;
                i += 1;
            }
            b'$' if next == Some(b'\'') && !in_dquote => i = skip_ansi_c_quote(bytes, i + 2),
            b'$' if next == Some(b'(') => {
                if bytes.get(i + 2) == Some(&b'(') {
                    // Arithmetic expansion: no commands in there worth finding.
                    i = skip_to_close(bytes, i + 2, Open::Paren);
                } else {
                    let start = i + 2;
                    let end = skip_to_close(bytes, start, Open::Paren);
                    let body_end = if bytes.get(end.wrapping_sub(1)) == Some(&b')') && end > start {
                        end - 1
                    } else {
                        end
                    };
                    out.push((start, body_end.max(start)));
                    i = end;
                }
            }
            b'`' => {
                let start = i + 1;
                let end = skip_to_close(bytes, start, Open::Backtick);
                let body_end = if end > start && bytes.get(end - 1) == Some(&b'`') {
                    end - 1
                } else {
                    end
                };
                out.push((start, body_end.max(start)));
                i = end;
            }
            _ => i += 1,
        }
    }
    // Clamp to character boundaries (they always are, as every delimiter is ASCII, but
    // an unterminated construct ending mid-text must not produce a bad slice).
    out.retain(|&(s, e)| s <= e && raw.is_char_boundary(s) && raw.is_char_boundary(e));
    out
}

/// Removes quotes and resolves backslash escapes the way the shell's quote removal
/// does, leaving expansions (`$VAR`, `${...}`, `$(...)`, backticks, `$((...))`) as
/// written. Returns the value and whether any quoting or escaping was seen.
pub(crate) fn unquote(raw: &str) -> (String, bool) {
    if !raw
        .bytes()
        .any(|b| matches!(b, b'\'' | b'"' | b'\\' | b'$' | b'`'))
    {
        return (raw.to_owned(), false);
    }
    let bytes = raw.as_bytes();
    let mut out: Vec<u8> = Vec::with_capacity(bytes.len());
    let mut quoted = false;
    let mut in_dquote = false;
    let mut i = 0;
    while let Some(&c) = bytes.get(i) {
        let next = bytes.get(i + 1).copied();
        match c {
            b'\\' => {
                match next {
                    // Line continuation: removed entirely.
                    Some(b'\n') => {}
                    Some(n) if !in_dquote || matches!(n, b'$' | b'`' | b'"' | b'\\') => {
                        quoted = true;
                        out.push(n);
                    }
                    Some(n) => {
                        out.push(b'\\');
                        out.push(n);
                    }
                    None => out.push(b'\\'),
                }
                i += 2;
            }
            b'\'' if !in_dquote => {
                quoted = true;
                let end = skip_single_quote(bytes, i + 1);
                let body_end = if bytes.get(end.wrapping_sub(1)) == Some(&b'\'') && end > i + 1 {
                    end - 1
                } else {
                    end
                };
                out.extend_from_slice(bytes.get(i + 1..body_end).unwrap_or_default());
                i = end;
            }
            b'"' => {
                quoted = true;
                in_dquote = !in_dquote;
                i += 1;
            }
            b'$' if next == Some(b'\'') && !in_dquote => {
                quoted = true;
                let end = skip_ansi_c_quote(bytes, i + 2);
                let body_end = if end > i + 2 && bytes.get(end - 1) == Some(&b'\'') {
                    end - 1
                } else {
                    end
                };
                ansi_c_unescape(bytes.get(i + 2..body_end).unwrap_or_default(), &mut out);
                i = end;
            }
            b'$' if next == Some(b'"') && !in_dquote => {
                // Locale-translated string: same as a double-quoted one.
                quoted = true;
                in_dquote = true;
                i += 2;
            }
            b'$' if matches!(next, Some(b'(') | Some(b'{')) => {
                let open = if next == Some(b'(') {
                    Open::Paren
                } else {
                    Open::Brace
                };
                let end = skip_to_close(bytes, i + 2, open);
                out.extend_from_slice(bytes.get(i..end).unwrap_or_default());
                i = end.max(i + 2);
            }
            b'`' => {
                let end = skip_to_close(bytes, i + 1, Open::Backtick);
                out.extend_from_slice(bytes.get(i..end).unwrap_or_default());
                i = end.max(i + 1);
            }
            _ => {
                out.push(c);
                i += 1;
            }
        }
    }
    // Every cut above is at an ASCII delimiter, so the bytes stay valid UTF-8; the lossy
    // conversion only guards against a mistake, it never panics.
    let value = match String::from_utf8(out) {
        Ok(s) => s,
        Err(e) => String::from_utf8_lossy(e.as_bytes()).into_owned(),
    };
    (value, quoted)
}

/// Resolves the common escapes of an ANSI-C quoted string (`$'...'`).
fn ansi_c_unescape(body: &[u8], out: &mut Vec<u8>) {
    let mut i = 0;
    while let Some(&c) = body.get(i) {
        if c == b'\\' {
            let n = body.get(i + 1).copied();
            let mapped = match n {
                Some(b'n') => Some(b'\n'),
                Some(b't') => Some(b'\t'),
                Some(b'r') => Some(b'\r'),
                Some(b'a') => Some(0x07),
                Some(b'b') => Some(0x08),
                Some(b'e') | Some(b'E') => Some(0x1b),
                Some(b'f') => Some(0x0c),
                Some(b'v') => Some(0x0b),
                Some(b'\\') => Some(b'\\'),
                Some(b'\'') => Some(b'\''),
                Some(b'"') => Some(b'"'),
                Some(b'?') => Some(b'?'),
                _ => None,
            };
            match mapped {
                Some(m) => {
                    out.push(m);
                    i += 2;
                }
                None => {
                    out.push(b'\\');
                    i += 1;
                }
            }
        } else {
            out.push(c);
            i += 1;
        }
    }
}

/// A cheap upper-bound estimate of how deeply constructs nest in `text` (parentheses,
/// braces, `$( )`, backticks, `if`/loops/`case`). Stops counting once `limit` is
/// exceeded. Used to keep scripts that would make the real parser recurse very deeply
/// (slow, and a stack overflow risk) away from it.
pub(crate) fn nesting_exceeds(text: &str, limit: usize) -> bool {
    let bytes = text.as_bytes();
    let mut depth: usize = 0;
    let mut in_dquote = false;
    let mut word_start = true;
    let mut in_backtick = false;
    let mut i = 0;
    while let Some(&c) = bytes.get(i) {
        let next = bytes.get(i + 1).copied();
        let mut starts_word = false;
        match c {
            b'\\' => i += 2,
            b'\'' if !in_dquote => i = skip_single_quote(bytes, i + 1),
            b'"' => {
                in_dquote = !in_dquote;
                i += 1;
            }
            b'$' if next == Some(b'(') || next == Some(b'{') => {
                depth += 1;
                i += 2;
            }
            b'`' => {
                // Backticks cannot nest without escaping: they open and close in turn.
                in_backtick = !in_backtick;
                if in_backtick {
                    depth += 1;
                } else {
                    depth = depth.saturating_sub(1);
                }
                i += 1;
            }
            b'(' | b'{' if !in_dquote => {
                depth += 1;
                i += 1;
                starts_word = true;
            }
            b')' | b'}' => {
                depth = depth.saturating_sub(1);
                i += 1;
                starts_word = true;
            }
            b' ' | b'\t' | b'\n' | b';' | b'&' | b'|' if !in_dquote => {
                i += 1;
                starts_word = true;
            }
            _ if word_start && !in_dquote && c.is_ascii_lowercase() => {
                let rest = bytes.get(i..).unwrap_or_default();
                let word_len = rest
                    .iter()
                    .position(|b| !b.is_ascii_lowercase())
                    .unwrap_or(rest.len());
                match rest.get(..word_len).unwrap_or_default() {
                    b"if" | b"while" | b"until" | b"for" | b"case" | b"select" => depth += 1,
                    b"fi" | b"done" | b"esac" => depth = depth.saturating_sub(1),
                    _ => {}
                }
                i += word_len.max(1);
            }
            _ => i += 1,
        }
        if depth > limit {
            return true;
        }
        word_start = starts_word;
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unquote_handles_quotes_escapes_and_expansions() {
        assert_eq!(unquote("plain"), ("plain".to_owned(), false));
        assert_eq!(unquote("'a b'"), ("a b".to_owned(), true));
        assert_eq!(unquote("\"a $X b\""), ("a $X b".to_owned(), true));
        assert_eq!(unquote("a\\ b"), ("a b".to_owned(), true));
        assert_eq!(unquote("\"a\\\"b\\n\""), ("a\"b\\n".to_owned(), true));
        assert_eq!(unquote("x'y'\"z\""), ("xyz".to_owned(), true));
        assert_eq!(unquote("${A:-'x'}"), ("${A:-'x'}".to_owned(), false));
        assert_eq!(
            unquote("$(echo \"a b\")"),
            ("$(echo \"a b\")".to_owned(), false)
        );
        assert_eq!(
            unquote("\"$(echo \"a\")\""),
            ("$(echo \"a\")".to_owned(), true)
        );
        assert_eq!(unquote("`echo 'x'`"), ("`echo 'x'`".to_owned(), false));
        assert_eq!(unquote("$'a\\tb\\''"), ("a\tb'".to_owned(), true));
        assert_eq!(unquote("$\"x\""), ("x".to_owned(), true));
        assert_eq!(unquote("a\\\nb"), ("ab".to_owned(), false));
        assert_eq!(unquote("'héllo'"), ("héllo".to_owned(), true));
        // Unterminated constructs keep the rest.
        assert_eq!(unquote("'abc"), ("abc".to_owned(), true));
        assert_eq!(unquote("\"abc"), ("abc".to_owned(), true));
        assert_eq!(unquote("$(abc"), ("$(abc".to_owned(), false));
        assert_eq!(unquote("\\"), ("\\".to_owned(), false));
    }

    #[test]
    fn substitutions_are_found_at_top_level_only() {
        let raw = "a$(b \"c)\" $(d))e`f`'$(no)'\"$(g)\"$((1+2))";
        let subs: Vec<&str> = substitutions(raw)
            .into_iter()
            .map(|(s, e)| raw.get(s..e).unwrap_or("?"))
            .collect();
        assert_eq!(subs, vec!["b \"c)\" $(d)", "f", "g"]);
        assert!(substitutions("$(unterminated").iter().all(|&(s, e)| s <= e));
        assert_eq!(substitutions("$(").len(), 1);
        assert_eq!(substitutions("`").len(), 1);
        assert!(substitutions("plain").is_empty());
    }

    #[test]
    fn nesting_estimate() {
        assert!(!nesting_exceeds("if a; then (b); fi", 3));
        assert!(nesting_exceeds("((((((((", 4));
        assert!(!nesting_exceeds("echo '(((((((('", 4));
        assert!(nesting_exceeds("if if if if if", 4));
        assert!(!nesting_exceeds("echo iffy fifo done", 0));
        assert!(!nesting_exceeds(&"a=`b`; ".repeat(50), 2));
    }
}
