//! A small YAML parser for configuration files such as hadolint's `.hadolint.yaml`.
//!
//! It reads the part of YAML 1.2 that configuration files use:
//!
//! - block mappings and block sequences at any indentation, `- ` items holding mappings
//!   or lists (`- key: value`, `- - a`), and a list at the same indentation as its key;
//! - flow sequences `[a, b]` and flow mappings `{a: b}`, nested and across lines;
//! - plain (also across lines), `'single'` and `"double"` quoted scalars with every YAML
//!   escape, and `|` / `>` block scalars with chomping and indentation indicators;
//! - comments, a leading `---`, a closing `...`;
//! - plain scalars resolved by the YAML 1.2 core schema: `~`/`null`/empty is null,
//!   `true`/`false` (three spellings each) are booleans, decimal, `0o` and `0x` numbers
//!   are integers, `1.5`/`1e3`/`.inf`/`.nan` are floats; everything else is text.
//!
//! Anything else (anchors and aliases, tags, `? ` complex keys, directives, several
//! documents) is an error naming its line, never a panic or a silently different value.
//! Mapping keys are text; a duplicate key is an error.
//!
//! Design: one pass over the bytes with a cursor that knows where its line starts, so
//! indentation is `pos - line_start`. Block structure is recursive descent on
//! indentation: a node at column `c` owns the following lines indented more than its
//! parent. Nesting (block or flow) is capped at [`MAX_DEPTH`] so hostile input cannot
//! exhaust the stack, and the finished tree is no deeper. Work is linear in the input.

use super::scan::{Res, fail, hex_escape};
use crate::collections::StrSet;

/// How deep collections may nest.
pub const MAX_DEPTH: usize = 64;

/// A YAML value.
#[derive(Clone, Debug, PartialEq)]
pub enum Yaml {
    Null,
    Bool(bool),
    Int(i64),
    /// A float, as written (`1.5`, `.inf`).
    Float(String),
    String(String),
    List(Vec<Yaml>),
    /// A mapping, keys in the file's order.
    Map(Vec<(String, Yaml)>),
}

impl Yaml {
    /// The value's type with an article, for messages.
    pub fn type_name(&self) -> &'static str {
        match self {
            Yaml::Null => "nothing",
            Yaml::Bool(_) => "a boolean",
            Yaml::Int(_) => "an integer",
            Yaml::Float(_) => "a number",
            Yaml::String(_) => "a string",
            Yaml::List(_) => "a list",
            Yaml::Map(_) => "a mapping",
        }
    }
}

/// Why a document is not YAML this parser reads, and where (1-based line, column in
/// characters).
pub type YamlError = super::SyntaxError;

/// Parses one YAML document. An empty document (or only comments) is [`Yaml::Null`].
pub fn parse(text: &str) -> Result<Yaml, YamlError> {
    let mut parser = Parser {
        src: text,
        bytes: text.as_bytes(),
        pos: 0,
        line_start: 0,
        depth: 0,
    };
    parser.document().map_err(|fail| fail.located(text))
}

/// Where the next content is after skipping blank lines and comments.
enum Next {
    /// Content at this column (the cursor is on it).
    Content(usize),
    /// The end of the input or a `---` / `...` line (the cursor is on it).
    End,
}

fn is_break(b: Option<u8>) -> bool {
    matches!(b, None | Some(b'\n' | b'\r'))
}

fn is_blank(b: Option<u8>) -> bool {
    matches!(b, Some(b' ' | b'\t')) || is_break(b)
}

fn is_flow_indicator(b: u8) -> bool {
    matches!(b, b',' | b'[' | b']' | b'{' | b'}')
}

struct Parser<'a> {
    src: &'a str,
    bytes: &'a [u8],
    pos: usize,
    line_start: usize,
    depth: usize,
}

impl Parser<'_> {
    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.pos).copied()
    }

    fn peek_at(&self, ahead: usize) -> Option<u8> {
        self.bytes.get(self.pos + ahead).copied()
    }

    fn col(&self) -> usize {
        self.pos - self.line_start
    }

    fn rest(&self) -> &str {
        self.src.get(self.pos..).unwrap_or("")
    }

    /// What is at the cursor, for messages.
    fn found(&self) -> String {
        match self.rest().chars().next() {
            None => "the end of the file".to_string(),
            Some('\n' | '\r') => "the end of the line".to_string(),
            Some(c) if c.is_control() => format!("U+{:04X}", c as u32),
            Some(c) => format!("`{c}`"),
        }
    }

    /// Is the byte `ahead` of the cursor a space, tab, line break or the end?
    fn blank_at(&self, ahead: usize) -> bool {
        is_blank(self.peek_at(ahead))
    }

    fn skip_spaces(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t')) {
            self.pos += 1;
        }
    }

    /// Consumes a line break (`\n`, `\r\n` or `\r`) if there is one.
    fn newline(&mut self) -> bool {
        let len = match (self.peek(), self.peek_at(1)) {
            (Some(b'\r'), Some(b'\n')) => 2,
            (Some(b'\n' | b'\r'), _) => 1,
            _ => return false,
        };
        self.pos += len;
        self.line_start = self.pos;
        true
    }

    fn skip_to_line_end(&mut self) {
        while !is_break(self.peek()) {
            self.pos += 1;
        }
    }

    /// A `#` that starts a comment: YAML wants whitespace (or the line start) before it.
    fn at_comment(&self) -> bool {
        self.peek() == Some(b'#')
            && (self.pos == self.line_start
                || matches!(self.bytes.get(self.pos - 1), Some(b' ' | b'\t')))
    }

    /// A `---` or `...` line at the cursor, which must be at a line start.
    fn at_marker(&self) -> bool {
        self.pos == self.line_start
            && (self.rest().starts_with("---") || self.rest().starts_with("..."))
            && self.blank_at(3)
    }

    /// Runs `f` one nesting level deeper.
    fn nested<T>(&mut self, f: impl FnOnce(&mut Self) -> Res<T>) -> Res<T> {
        if self.depth >= MAX_DEPTH {
            return fail(
                self.pos,
                format!("values nest deeper than {MAX_DEPTH} levels"),
            );
        }
        self.depth += 1;
        let result = f(self);
        self.depth -= 1;
        result
    }

    /// Moves to the next content: past the rest of the current line (only a comment may
    /// be left on it), blank lines and comment lines.
    /// After an entry of a block mapping or sequence at column `indent`: true when the
    /// next content line is at that column, false at the end or on a shallower line, and
    /// an error on a deeper one (`expected` names what belongs at the column).
    fn next_entry(&mut self, indent: usize, expected: &str) -> Res<bool> {
        match self.next_content()? {
            Next::End => Ok(false),
            Next::Content(c) if c < indent => Ok(false),
            Next::Content(c) if c > indent => fail(
                self.pos,
                format!(
                    "unexpected indentation (expected {expected} at column {})",
                    indent + 1
                ),
            ),
            Next::Content(_) => Ok(true),
        }
    }

    fn next_content(&mut self) -> Res<Next> {
        let indented_only = self
            .bytes
            .get(self.line_start..self.pos)
            .is_some_and(|s| s.iter().all(|b| *b == b' '));
        if indented_only {
            self.pos = self.line_start;
        } else {
            self.skip_spaces();
            if self.at_comment() {
                self.skip_to_line_end();
            }
            if self.peek().is_none() {
                return Ok(Next::End);
            }
            if !self.newline() {
                return fail(
                    self.pos,
                    format!(
                        "unexpected {} after a value (expected the end of the line)",
                        self.found()
                    ),
                );
            }
        }
        loop {
            while self.peek() == Some(b' ') {
                self.pos += 1;
            }
            let indent = self.col();
            self.skip_spaces();
            match self.peek() {
                None => return Ok(Next::End),
                Some(b'#') => self.skip_to_line_end(),
                _ if self.newline() => continue,
                Some(_) => {
                    if self.col() != indent {
                        return fail(
                            self.line_start + indent,
                            "a tab cannot indent YAML; use spaces",
                        );
                    }
                    if self.at_marker() {
                        return Ok(Next::End);
                    }
                    return Ok(Next::Content(indent));
                }
            }
            self.newline();
        }
    }

    fn document(&mut self) -> Res<Yaml> {
        if self.rest().starts_with('\u{feff}') {
            self.pos += '\u{feff}'.len_utf8();
            self.line_start = self.pos;
        }
        let several = "expected one YAML document, found several";
        let mut root: Option<Yaml> = None;
        // A document was started (by `---` or content) and not yet closed by `...`.
        let mut open = false;
        let mut documents = 0;
        loop {
            match self.next_content()? {
                Next::End if self.peek().is_none() => break,
                Next::End => {
                    let at = self.pos;
                    let start = self.rest().starts_with("---");
                    self.pos += 3;
                    if start {
                        if documents > 0 {
                            return fail(at, several);
                        }
                        documents = 1;
                        open = true;
                    } else {
                        open = false;
                    }
                    self.skip_spaces();
                    if self.peek() == Some(b'#') {
                        self.skip_to_line_end();
                    }
                    if !is_break(self.peek()) {
                        return fail(
                            self.pos,
                            "a value on the `---` or `...` line is not supported; put it on the next line",
                        );
                    }
                }
                Next::Content(_) => {
                    if self.peek() == Some(b'%') && self.col() == 0 {
                        return fail(
                            self.pos,
                            "YAML directives (`%YAML`, `%TAG`) are not supported",
                        );
                    }
                    if !open && documents > 0 {
                        return fail(self.pos, several);
                    }
                    if root.is_some() {
                        return fail(
                            self.pos,
                            format!(
                                "unexpected {} after the document's top-level value (check the indentation)",
                                self.found()
                            ),
                        );
                    }
                    documents = 1;
                    open = true;
                    root = Some(self.block_node(-1, true)?);
                }
            }
        }
        Ok(root.unwrap_or(Yaml::Null))
    }

    /// A node in block context at the cursor. `parent` is the indentation of the
    /// enclosing collection (-1 at the top); `collections` says whether a block mapping
    /// or sequence may start here (not after `key: ` on the same line).
    fn block_node(&mut self, parent: isize, collections: bool) -> Res<Yaml> {
        self.nested(|p| p.block_node_here(parent, collections))
    }

    fn block_node_here(&mut self, parent: isize, collections: bool) -> Res<Yaml> {
        let at = self.pos;
        let indent = self.col();
        match self.peek() {
            Some(b'-') if self.blank_at(1) => {
                if !collections {
                    return fail(
                        at,
                        "a list cannot start on the same line as its key; start it on the next line",
                    );
                }
                self.block_sequence(indent)
            }
            Some(b'[' | b'{') => {
                let value = self.flow_node()?;
                self.skip_spaces();
                if self.peek() == Some(b':') && self.blank_at(1) {
                    return fail(
                        at,
                        format!("found {} as a key (keys must be text)", value.type_name()),
                    );
                }
                Ok(value)
            }
            Some(b'|' | b'>') => self.block_scalar(parent),
            Some(b'\'' | b'"') => {
                let line = self.line_start;
                let text = self.quoted()?;
                self.skip_spaces();
                if self.peek() == Some(b':') && self.blank_at(1) {
                    if line != self.line_start {
                        return fail(at, "a key must be on one line");
                    }
                    if !collections {
                        return fail(self.pos, nested_pair_message());
                    }
                    return self.block_mapping(indent, text, at);
                }
                Ok(Yaml::String(text))
            }
            Some(b) => {
                self.check_plain_start(b, false)?;
                let text = self.plain_line(false);
                self.skip_spaces();
                if self.peek() == Some(b':') && self.blank_at(1) {
                    if !collections {
                        return fail(self.pos, nested_pair_message());
                    }
                    check_key(&text, at)?;
                    return self.block_mapping(indent, text, at);
                }
                let text = self.plain_continuation(text, parent)?;
                Ok(resolve(text))
            }
            None => Ok(Yaml::Null),
        }
    }

    /// Rejects what cannot start a plain scalar: YAML's indicators and the features this
    /// parser leaves out.
    fn check_plain_start(&self, b: u8, flow: bool) -> Res<()> {
        let message = match b {
            b'#' => "`#` starts a comment only after a space; quote a value that starts with `#`",
            b'-' if flow
                && (self.blank_at(1) || self.peek_at(1).is_some_and(is_flow_indicator)) =>
            {
                "a `-` followed by a space or `,[]{}` cannot start a value inside `[...]` or `{...}`; quote it"
            }
            b'&' => "anchors (`&name`) are not supported",
            b'*' => "aliases (`*name`) are not supported",
            b'!' => "tags (`!tag`) are not supported",
            b'?' if self.blank_at(1) => "complex keys (`? `) are not supported",
            b'%' | b'@' | b'`' => {
                "a plain value cannot start with `%`, `@` or a backtick; quote it"
            }
            b'|' | b'>' if flow => {
                "block scalars (`|`, `>`) cannot appear inside `[...]` or `{...}`"
            }
            b',' | b']' | b'}' => "expected a value",
            b':' if self.blank_at(1) => "a key is missing before `:`",
            _ => return Ok(()),
        };
        fail(self.pos, message)
    }

    fn block_mapping(&mut self, indent: usize, first_key: String, first_at: usize) -> Res<Yaml> {
        let mut entries = Vec::new();
        let mut seen = StrSet::new();
        let (mut key, mut key_at) = (first_key, first_at);
        loop {
            // The cursor is on the `:` after the key.
            self.pos += 1;
            if seen.contains(&key) {
                return fail(key_at, format!("duplicate key `{key}`"));
            }
            let value = self.mapping_value(indent)?;
            seen.insert(key.clone());
            entries.push((key, value));
            if !self.next_entry(indent, "a key")? {
                break;
            }
            key_at = self.pos;
            key = self.mapping_key()?;
        }
        Ok(Yaml::Map(entries))
    }

    /// A key of a block mapping after the first, and its `:`.
    fn mapping_key(&mut self) -> Res<String> {
        let at = self.pos;
        let key = match self.peek() {
            Some(b'-') if self.blank_at(1) => {
                return fail(at, "expected a key, found a list item `- `");
            }
            Some(b'[') => return fail(at, "found a list as a key (keys must be text)"),
            Some(b'{') => return fail(at, "found a mapping as a key (keys must be text)"),
            Some(b'|' | b'>') => {
                return fail(at, format!("expected a key, found {}", self.found()));
            }
            Some(b'\'' | b'"') => {
                let line = self.line_start;
                let key = self.quoted()?;
                if line != self.line_start {
                    return fail(at, "a key must be on one line");
                }
                key
            }
            Some(b) => {
                self.check_plain_start(b, false)?;
                let key = self.plain_line(false);
                check_key(&key, at)?;
                key
            }
            None => return fail(at, "expected a key"),
        };
        self.skip_spaces();
        if self.peek() == Some(b':') && self.blank_at(1) {
            return Ok(key);
        }
        fail(
            self.pos,
            format!("expected `:` after the key `{key}`, found {}", self.found()),
        )
    }

    /// The value after `key:` of a mapping at `indent`.
    fn mapping_value(&mut self, indent: usize) -> Res<Yaml> {
        self.skip_spaces();
        if !is_break(self.peek()) && self.peek() != Some(b'#') {
            return self.block_node(indent as isize, false);
        }
        match self.next_content()? {
            Next::Content(c) if c > indent => self.block_node(indent as isize, true),
            // A list may sit at its key's indentation.
            Next::Content(c) if c == indent && self.peek() == Some(b'-') && self.blank_at(1) => {
                self.nested(|p| p.block_sequence(indent))
            }
            _ => Ok(Yaml::Null),
        }
    }

    fn block_sequence(&mut self, indent: usize) -> Res<Yaml> {
        let mut items = Vec::new();
        loop {
            // The cursor is on the `-`.
            self.pos += 1;
            self.skip_spaces();
            let item = if is_break(self.peek()) || self.peek() == Some(b'#') {
                match self.next_content()? {
                    Next::Content(c) if c > indent => self.block_node(indent as isize, true)?,
                    _ => Yaml::Null,
                }
            } else {
                self.block_node(indent as isize, true)?
            };
            items.push(item);
            // Something other than `- ` at this indentation belongs to the enclosing mapping.
            let another = self.next_entry(indent, "`- `")?;
            if !(another && self.peek() == Some(b'-') && self.blank_at(1)) {
                break;
            }
        }
        Ok(Yaml::List(items))
    }

    // -----------------------------------------------------------------------------------
    // Scalars

    /// A plain scalar's text up to the end of the line, a comment or `: `; in flow
    /// context also up to `,[]{}`. Trailing spaces are not part of it.
    fn plain_line(&mut self, flow: bool) -> String {
        let start = self.pos;
        let mut end = self.pos;
        loop {
            match self.peek() {
                None | Some(b'\n' | b'\r') => break,
                Some(b' ' | b'\t') => {
                    if self.peek_at(1) == Some(b'#') {
                        break;
                    }
                    self.pos += 1;
                    continue;
                }
                Some(b':')
                    if self.blank_at(1)
                        || (flow && self.peek_at(1).is_some_and(is_flow_indicator)) =>
                {
                    break;
                }
                Some(b) if flow && is_flow_indicator(b) => break,
                Some(_) => {}
            }
            self.pos += 1;
            end = self.pos;
        }
        self.src.get(start..end).unwrap_or("").to_string()
    }

    /// Continues a plain scalar on the following lines indented more than `parent`,
    /// folding line breaks as YAML does (one break is a space, each blank line a `\n`).
    fn plain_continuation(&mut self, mut text: String, parent: isize) -> Res<String> {
        loop {
            if !is_break(self.peek()) || self.peek().is_none() {
                return Ok(text);
            }
            let (saved_pos, saved_line) = (self.pos, self.line_start);
            let mut blank_lines = 0;
            self.newline();
            let indent = loop {
                while self.peek() == Some(b' ') {
                    self.pos += 1;
                }
                let indent = self.col();
                self.skip_spaces();
                if self.peek().is_some() && self.newline() {
                    blank_lines += 1;
                    continue;
                }
                break indent;
            };
            let line_head = self.line_start + indent;
            let is_marker = {
                let here = self.pos;
                self.pos = self.line_start;
                let marker = self.at_marker();
                self.pos = here;
                marker
            };
            if self.peek().is_none()
                || self.peek() == Some(b'#')
                || indent as isize <= parent
                || is_marker
            {
                self.pos = saved_pos;
                self.line_start = saved_line;
                return Ok(text);
            }
            if self.pos != line_head {
                return fail(line_head, "a tab cannot indent YAML; use spaces");
            }
            let line = self.plain_line(false);
            if self.peek() == Some(b':') {
                return fail(
                    self.pos,
                    "a `key: value` pair cannot continue a value on the line above (check the indentation)",
                );
            }
            if blank_lines == 0 {
                text.push(' ');
            } else {
                text.extend(std::iter::repeat_n('\n', blank_lines));
            }
            text.push_str(&line);
        }
    }

    fn quoted(&mut self) -> Res<String> {
        match self.peek() {
            Some(b'"') => self.double_quoted(),
            _ => self.single_quoted(),
        }
    }

    fn single_quoted(&mut self) -> Res<String> {
        let start = self.pos;
        self.pos += 1;
        let mut out = String::new();
        loop {
            let run = self.pos;
            while !is_break(self.peek()) && self.peek() != Some(b'\'') {
                self.pos += 1;
            }
            let text = self.src.get(run..self.pos).unwrap_or("");
            match self.peek() {
                Some(b'\'') if self.peek_at(1) == Some(b'\'') => {
                    out.push_str(text);
                    out.push('\'');
                    self.pos += 2;
                }
                Some(b'\'') => {
                    out.push_str(text);
                    self.pos += 1;
                    return Ok(out);
                }
                None => return fail(start, "unterminated string: expected `'`"),
                Some(_) => {
                    out.push_str(text.trim_end_matches([' ', '\t']));
                    self.fold_break(start, &mut out)?;
                }
            }
        }
    }

    fn double_quoted(&mut self) -> Res<String> {
        let start = self.pos;
        self.pos += 1;
        let mut out = String::new();
        loop {
            let run = self.pos;
            while !is_break(self.peek()) && !matches!(self.peek(), Some(b'"' | b'\\')) {
                self.pos += 1;
            }
            let text = self.src.get(run..self.pos).unwrap_or("");
            match self.peek() {
                Some(b'"') => {
                    out.push_str(text);
                    self.pos += 1;
                    return Ok(out);
                }
                Some(b'\\') if is_break(self.peek_at(1)) && self.peek_at(1).is_some() => {
                    // An escaped line break joins the lines without a space.
                    out.push_str(text);
                    self.pos += 1;
                    self.newline();
                    self.skip_spaces();
                    while self.peek().is_some() && self.newline() {
                        out.push('\n');
                        self.skip_spaces();
                    }
                    if self.peek().is_none() {
                        return fail(start, "unterminated string: expected `\"`");
                    }
                }
                Some(b'\\') => {
                    out.push_str(text);
                    self.escape(&mut out)?;
                }
                None => return fail(start, "unterminated string: expected `\"`"),
                Some(_) => {
                    out.push_str(text.trim_end_matches([' ', '\t']));
                    self.fold_break(start, &mut out)?;
                }
            }
        }
    }

    /// A line break inside a quoted scalar: a single break is a space, each blank line
    /// a `\n`; the next line's indentation is not part of the text.
    fn fold_break(&mut self, start: usize, out: &mut String) -> Res<()> {
        let mut blank_lines = 0;
        self.newline();
        loop {
            if self.at_marker() {
                return fail(
                    start,
                    "unterminated string: a document marker interrupts it",
                );
            }
            self.skip_spaces();
            if self.peek().is_some() && self.newline() {
                blank_lines += 1;
                continue;
            }
            break;
        }
        if self.peek().is_none() {
            return fail(start, "unterminated string: expected a closing quote");
        }
        if blank_lines == 0 {
            out.push(' ');
        } else {
            out.extend(std::iter::repeat_n('\n', blank_lines));
        }
        Ok(())
    }

    /// An escape in a double-quoted scalar, the cursor on the backslash.
    fn escape(&mut self, out: &mut String) -> Res<()> {
        let at = self.pos;
        self.pos += 1;
        let c = match self.peek() {
            Some(b'0') => '\0',
            Some(b'a') => '\u{7}',
            Some(b'b') => '\u{8}',
            Some(b't' | b'\t') => '\t',
            Some(b'n') => '\n',
            Some(b'v') => '\u{b}',
            Some(b'f') => '\u{c}',
            Some(b'r') => '\r',
            Some(b'e') => '\u{1b}',
            Some(b' ') => ' ',
            Some(b'"') => '"',
            Some(b'/') => '/',
            Some(b'\\') => '\\',
            Some(b'N') => '\u{85}',
            Some(b'_') => '\u{a0}',
            Some(b'L') => '\u{2028}',
            Some(b'P') => '\u{2029}',
            Some(b'x') => return hex_escape(self.src, &mut self.pos, at, 2, out),
            Some(b'u') => return hex_escape(self.src, &mut self.pos, at, 4, out),
            Some(b'U') => return hex_escape(self.src, &mut self.pos, at, 8, out),
            _ => return fail(at, super::scan::unknown(self.rest())),
        };
        self.pos += 1;
        out.push(c);
        Ok(())
    }

    /// A `|` (literal) or `>` (folded) block scalar whose content is indented more than
    /// `parent`.
    fn block_scalar(&mut self, parent: isize) -> Res<Yaml> {
        let literal = self.peek() == Some(b'|');
        self.pos += 1;
        let mut explicit_indent = None;
        let mut chomp = b' ';
        for _ in 0..2 {
            match self.peek() {
                Some(d @ b'1'..=b'9') if explicit_indent.is_none() => {
                    explicit_indent = Some(usize::from(d - b'0'));
                }
                Some(c @ (b'-' | b'+')) if chomp == b' ' => chomp = c,
                _ => break,
            }
            self.pos += 1;
        }
        self.skip_spaces();
        if self.at_comment() {
            self.skip_to_line_end();
        }
        if !is_break(self.peek()) {
            return fail(
                self.pos,
                format!(
                    "expected the end of the line after `{}`, found {}",
                    if literal { '|' } else { '>' },
                    self.found()
                ),
            );
        }
        if !self.newline() {
            return Ok(Yaml::String(String::new()));
        }
        let base = usize::try_from(parent + 1).unwrap_or(0);
        let indent = match explicit_indent {
            Some(n) => usize::try_from(parent.max(0)).unwrap_or(0) + n,
            None => {
                // The first non-empty line sets the indentation; empty lines before it
                // may not be indented more.
                let mut ahead = self.pos;
                let mut spaces = 0;
                let mut leading = 0;
                while let Some(&b) = self.bytes.get(ahead) {
                    match b {
                        b' ' => spaces += 1,
                        b'\n' | b'\r' => {
                            leading = leading.max(spaces);
                            spaces = 0;
                        }
                        _ => break,
                    }
                    ahead += 1;
                }
                if self.bytes.get(ahead) == Some(&b'\t') {
                    return fail(ahead, "a tab cannot indent YAML; use spaces");
                }
                if self.bytes.get(ahead).is_none() || spaces < base {
                    // No text at all: the longest blank line sets it.
                    leading.max(spaces).max(base)
                } else if leading > spaces && spaces >= base {
                    return fail(
                        ahead,
                        "the first line of text in a block scalar is indented less than a blank line above it",
                    );
                } else {
                    spaces.max(base)
                }
            }
        };
        let mut lines: Vec<&str> = Vec::new();
        while self.peek().is_some() {
            let line = self.pos;
            while self.peek() == Some(b' ') && self.pos - line < indent {
                self.pos += 1;
            }
            if is_break(self.peek()) {
                // An empty line: at most the indentation's spaces.
                lines.push("");
                if !self.newline() {
                    break;
                }
                continue;
            }
            if self.pos - line < indent || (indent == 0 && self.at_marker_from(line)) {
                self.pos = line;
                break;
            }
            let start = self.pos;
            self.skip_to_line_end();
            lines.push(self.src.get(start..self.pos).unwrap_or(""));
            if !self.newline() {
                break;
            }
        }
        let trailing = lines.iter().rev().take_while(|l| l.is_empty()).count();
        let body = lines.get(..lines.len() - trailing).unwrap_or(&[]);
        let mut out = if literal {
            body.join("\n")
        } else {
            fold_lines(body)
        };
        match chomp {
            b'-' => {}
            b'+' => {
                if !body.is_empty() {
                    out.push('\n');
                }
                out.extend(std::iter::repeat_n('\n', trailing));
            }
            _ => {
                if !body.is_empty() {
                    out.push('\n');
                }
            }
        }
        Ok(Yaml::String(out))
    }

    fn at_marker_from(&self, line: usize) -> bool {
        let rest = self.src.get(line..).unwrap_or("");
        (rest.starts_with("---") || rest.starts_with("..."))
            && is_blank(self.bytes.get(line + 3).copied())
    }

    // -----------------------------------------------------------------------------------
    // Flow collections

    fn flow_node(&mut self) -> Res<Yaml> {
        self.nested(|p| match p.peek() {
            Some(b'[') => p.flow_sequence(),
            Some(b'{') => p.flow_mapping(),
            Some(b'\'' | b'"') => Ok(Yaml::String(p.quoted()?)),
            Some(b) => {
                p.check_plain_start(b, true)?;
                let text = p.plain_line(true);
                if text.is_empty() {
                    return fail(p.pos, format!("expected a value, found {}", p.found()));
                }
                Ok(resolve(p.flow_plain_continuation(text)))
            }
            None => fail(p.pos, "expected a value, found the end of the file"),
        })
    }

    /// Continues a plain scalar inside `[...]` or `{...}` on the following lines, folded
    /// like [`Parser::plain_continuation`].
    fn flow_plain_continuation(&mut self, mut text: String) -> String {
        loop {
            if !is_break(self.peek()) || self.peek().is_none() {
                return text;
            }
            let (saved_pos, saved_line) = (self.pos, self.line_start);
            let mut blank_lines = 0;
            self.newline();
            loop {
                self.skip_spaces();
                if self.peek().is_some() && self.newline() {
                    blank_lines += 1;
                    continue;
                }
                break;
            }
            let ends = match self.peek() {
                None => true,
                Some(b) => {
                    let flow_next = self.peek_at(1).is_some_and(is_flow_indicator);
                    is_flow_indicator(b)
                        || b == b'#'
                        || (b == b':' && (self.blank_at(1) || flow_next))
                        || (b == b'-' && flow_next)
                }
            };
            let is_marker = {
                let line = self.line_start;
                self.at_marker_from(line) && self.pos == line
            };
            if ends || is_marker {
                self.pos = saved_pos;
                self.line_start = saved_line;
                return text;
            }
            let line = self.plain_line(true);
            if blank_lines == 0 {
                text.push(' ');
            } else {
                text.extend(std::iter::repeat_n('\n', blank_lines));
            }
            text.push_str(&line);
        }
    }

    /// Spaces, line breaks and comments between flow tokens.
    fn flow_space(&mut self, start: usize, close: char) -> Res<()> {
        let unterminated = || {
            let what = if close == ']' { "list" } else { "mapping" };
            fail(start, format!("unterminated {what}: expected `{close}`"))
        };
        loop {
            self.skip_spaces();
            if self.at_comment() {
                self.skip_to_line_end();
            }
            if self.peek().is_none() {
                return unterminated();
            }
            if !self.newline() {
                return Ok(());
            }
            if self.at_marker() {
                return unterminated();
            }
        }
    }

    fn flow_sequence(&mut self) -> Res<Yaml> {
        let start = self.pos;
        self.pos += 1;
        let mut items = Vec::new();
        loop {
            self.flow_space(start, ']')?;
            if self.peek() == Some(b']') {
                self.pos += 1;
                return Ok(Yaml::List(items));
            }
            items.push(self.flow_node()?);
            self.flow_space(start, ']')?;
            match self.peek() {
                Some(b',') => self.pos += 1,
                Some(b']') => {
                    self.pos += 1;
                    return Ok(Yaml::List(items));
                }
                Some(b':') => {
                    return fail(
                        self.pos,
                        "`key: value` pairs inside `[...]` are not supported; use `{key: value}`",
                    );
                }
                _ => {
                    return fail(
                        self.pos,
                        format!("expected `,` or `]` in a list, found {}", self.found()),
                    );
                }
            }
        }
    }

    fn flow_mapping(&mut self) -> Res<Yaml> {
        let start = self.pos;
        self.pos += 1;
        let mut entries = Vec::new();
        let mut seen = StrSet::new();
        loop {
            self.flow_space(start, '}')?;
            if self.peek() == Some(b'}') {
                self.pos += 1;
                return Ok(Yaml::Map(entries));
            }
            let at = self.pos;
            let key = match self.peek() {
                Some(b'[') => return fail(at, "found a list as a key (keys must be text)"),
                Some(b'{') => return fail(at, "found a mapping as a key (keys must be text)"),
                Some(b'\'' | b'"') => self.quoted()?,
                Some(b) => {
                    self.check_plain_start(b, true)?;
                    let key = self.plain_line(true);
                    let key = self.flow_plain_continuation(key);
                    check_key(&key, at)?;
                    key
                }
                None => return fail(at, "expected a key"),
            };
            self.flow_space(start, '}')?;
            let value = if self.peek() == Some(b':') {
                self.pos += 1;
                self.flow_space(start, '}')?;
                if matches!(self.peek(), Some(b',' | b'}')) {
                    Yaml::Null
                } else {
                    self.flow_node()?
                }
            } else {
                Yaml::Null
            };
            if !seen.insert(key.clone()) {
                return fail(at, format!("duplicate key `{key}`"));
            }
            entries.push((key, value));
            self.flow_space(start, '}')?;
            match self.peek() {
                Some(b',') => self.pos += 1,
                Some(b'}') => {
                    self.pos += 1;
                    return Ok(Yaml::Map(entries));
                }
                _ => {
                    return fail(
                        self.pos,
                        format!("expected `,` or `}}` in a mapping, found {}", self.found()),
                    );
                }
            }
        }
    }
}

fn nested_pair_message() -> &'static str {
    "a `key: value` pair cannot be the value of a key on the same line; put it on the next line, indented"
}

/// A plain key must be text: not empty and not null.
fn check_key(key: &str, at: usize) -> Res<()> {
    match key {
        "" => fail(at, "a key is missing before `:`"),
        "~" | "null" | "Null" | "NULL" => fail(
            at,
            format!("a null key (`{key}`) is not supported; quote it"),
        ),
        _ => Ok(()),
    }
}

/// The lines of a `>` block scalar, folded: a break between two lines of text is a
/// space, each empty line a `\n`; breaks around more-indented lines stay.
fn fold_lines(lines: &[&str]) -> String {
    let mut out = String::new();
    let mut previous: Option<&str> = None;
    let mut empty = 0;
    for line in lines {
        if line.is_empty() {
            empty += 1;
            continue;
        }
        let indented = |l: &str| l.starts_with([' ', '\t']);
        match previous {
            Some(p) if indented(p) || indented(line) => {
                out.extend(std::iter::repeat_n('\n', empty + 1));
            }
            Some(_) if empty == 0 => out.push(' '),
            _ => out.extend(std::iter::repeat_n('\n', empty)),
        }
        out.push_str(line);
        previous = Some(line);
        empty = 0;
    }
    out
}

/// The YAML 1.2 core schema: what a plain scalar means.
fn resolve(text: String) -> Yaml {
    match text.as_str() {
        "" | "~" | "null" | "Null" | "NULL" => return Yaml::Null,
        "true" | "True" | "TRUE" => return Yaml::Bool(true),
        "false" | "False" | "FALSE" => return Yaml::Bool(false),
        ".inf" | ".Inf" | ".INF" | "+.inf" | "+.Inf" | "+.INF" | "-.inf" | "-.Inf" | "-.INF"
        | ".nan" | ".NaN" | ".NAN" => return Yaml::Float(text),
        _ => {}
    }
    let radix = |prefix: &str, radix: u32| {
        let digits = text.strip_prefix(prefix)?;
        if digits.is_empty() || !digits.chars().all(|c| c.is_digit(radix)) {
            return None;
        }
        Some(
            i64::from_str_radix(digits, radix)
                .ok()
                .map_or(Yaml::String(text.clone()), Yaml::Int),
        )
    };
    if let Some(value) = radix("0x", 16).or_else(|| radix("0o", 8)) {
        return value;
    }
    let unsigned = text.strip_prefix(['+', '-']).unwrap_or(&text);
    let (mantissa, exponent) = match unsigned.find(['e', 'E']) {
        Some(i) => (unsigned.get(..i).unwrap_or(""), unsigned.get(i + 1..)),
        None => (unsigned, None),
    };
    let all_digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    let (int_part, fraction) = match mantissa.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (mantissa, None),
    };
    let mantissa_ok = all_digits(int_part)
        && fraction.is_none_or(all_digits)
        && (!int_part.is_empty() || fraction.is_some_and(|f| !f.is_empty()));
    let exponent_ok = exponent.is_none_or(|e| {
        let digits = e.strip_prefix(['+', '-']).unwrap_or(e);
        !digits.is_empty() && all_digits(digits)
    });
    if !mantissa_ok || !exponent_ok || int_part.is_empty() && fraction.is_none() {
        return Yaml::String(text);
    }
    if fraction.is_none()
        && exponent.is_none()
        && let Ok(n) = text.parse::<i64>()
    {
        return Yaml::Int(n);
    }
    Yaml::Float(text)
}
