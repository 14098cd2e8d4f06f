//! A small TOML parser for `dockcoach.toml`.
//!
//! It reads all of TOML 1.0 and the TOML 1.1 additions that the `toml` crate (which this
//! replaces) accepted, so no file that used to load stops loading: newlines, comments and
//! a trailing comma inside inline tables, the `\e` and `\xHH` escapes, and times without
//! seconds. The result is a [`Table`] that keeps keys in the order the file wrote them.
//!
//! Design:
//!
//! - One pass over the bytes with a cursor; values are built directly into the tree. Table
//!   headers and dotted keys walk the tree by key, like the `toml` crate does, with three
//!   flags per table deciding what may still be added to it (see [`Table`]).
//! - Errors carry the byte offset where they were found; [`parse`] turns it into a line
//!   and a column once, at the end. Messages are one line and quote what was found.
//! - Hostile input cannot exhaust the stack: arrays and inline tables recurse, so every
//!   level of nesting (including each segment of a key) counts against [`MAX_DEPTH`]. The
//!   finished tree is therefore never deeper than that either, which also bounds the
//!   recursion of `Drop`, `Clone` and `PartialEq`. Time is linear in the input, apart from
//!   a logarithmic factor for key look-ups.

use super::scan::{Fail, Res, fail, hex_escape};
use crate::collections::StrMap;
use crate::settings::Date;
use std::fmt;

/// How deep tables and arrays may nest, counting each key segment twice (it may pass
/// through an array of tables) and each array or inline table once.
pub const MAX_DEPTH: usize = 128;

/// A TOML value.
#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    String(String),
    Integer(i64),
    /// A float as written, without underscores (`1.5`, `-2e-3`, `+inf`, `nan`). No
    /// setting reads a float, so the text is checked (it must fit an `f64`) but never
    /// converted: that keeps the float parser out of the playground.
    Float(String),
    Boolean(bool),
    Datetime(Datetime),
    Array(Vec<Value>),
    Table(Table),
}

impl Value {
    /// The value's type with an article, for messages ("expected a string, found an
    /// integer").
    pub fn type_name(&self) -> &'static str {
        match self {
            Value::String(_) => "a string",
            Value::Integer(_) => "an integer",
            Value::Float(_) => "a float",
            Value::Boolean(_) => "a boolean",
            Value::Datetime(_) => "a date-time",
            Value::Array(_) => "an array",
            Value::Table(_) => "a table",
        }
    }
}

/// A table: keys in the order the file defined them.
///
/// Besides its entries a table remembers how it came to be, which decides what the rest
/// of the file may still add to it (TOML's "tables cannot be defined more than once"):
///
/// - `implicit`: created only as a step on the way to another table (`a` in `[a.b]` or
///   in `a.b = 1`). A `[a]` header may still define it later, once.
/// - `dotted`: created or extended by dotted keys (`a.b = 1`). It can no longer be given
///   a `[a]` header, and dotted keys may go on adding to it.
/// - `inline`: written as `{ ... }`. It is complete; nothing may add to it.
///
/// Equality compares the entries only.
#[derive(Clone, Debug, Default)]
pub struct Table {
    entries: Vec<(String, Value)>,
    index: StrMap<usize>,
    implicit: bool,
    dotted: bool,
    inline: bool,
}

impl PartialEq for Table {
    fn eq(&self, other: &Table) -> bool {
        self.entries == other.entries
    }
}

impl Table {
    /// The value of a key.
    #[cfg(test)]
    pub fn get(&self, key: &str) -> Option<&Value> {
        let i = *self.index.get(key)?;
        self.entries.get(i).map(|(_, value)| value)
    }

    #[cfg(test)]
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    #[cfg(test)]
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The entries, in the order the file defined them.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &Value)> {
        self.entries
            .iter()
            .map(|(key, value)| (key.as_str(), value))
    }

    /// Adds a new key and returns its position; the caller has checked it is new.
    fn push(&mut self, key: &str, value: Value) -> usize {
        let i = self.entries.len();
        self.entries.push((key.to_string(), value));
        self.index.insert(key.to_string(), i);
        i
    }

    fn slot(&mut self, i: usize) -> Option<&mut Value> {
        self.entries.get_mut(i).map(|(_, value)| value)
    }
}

/// An offset or local date-time, local date or local time, as written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Datetime {
    pub date: Option<Date>,
    pub time: Option<Time>,
    pub offset: Option<Offset>,
}

/// A time of day. `second` is `None` when the file left it out (TOML 1.1).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Time {
    pub hour: u8,
    pub minute: u8,
    pub second: Option<u8>,
    pub nanosecond: Option<u32>,
}

/// A UTC offset: `Z` or a number of minutes east of UTC.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Offset {
    Z,
    Minutes(i16),
}

impl fmt::Display for Datetime {
    /// RFC 3339, as the `toml` crate writes it (`T` between date and time).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(date) = self.date {
            write!(f, "{date}")?;
        }
        if let Some(time) = self.time {
            if self.date.is_some() {
                f.write_str("T")?;
            }
            write!(f, "{:02}:{:02}", time.hour, time.minute)?;
            match (time.second, time.nanosecond) {
                (Some(second), _) => write!(f, ":{second:02}")?,
                (None, Some(_)) => f.write_str(":00")?,
                (None, None) => {}
            }
            if let Some(nanos) = time.nanosecond {
                let digits = format!("{nanos:09}");
                let digits = digits.trim_end_matches('0');
                write!(f, ".{}", if digits.is_empty() { "0" } else { digits })?;
            }
        }
        match self.offset {
            Some(Offset::Z) => f.write_str("Z"),
            Some(Offset::Minutes(minutes)) => {
                let sign = if minutes < 0 { '-' } else { '+' };
                let minutes = minutes.unsigned_abs();
                write!(f, "{sign}{:02}:{:02}", minutes / 60, minutes % 60)
            }
            None => Ok(()),
        }
    }
}

/// Why a document is not valid TOML, and where (1-based line, column in characters).
pub type TomlError = super::SyntaxError;

/// Parses a TOML document into its root table.
pub fn parse(text: &str) -> Result<Table, TomlError> {
    let mut parser = Parser {
        src: text,
        bytes: text.as_bytes(),
        pos: 0,
    };
    parser.document().map_err(|fail| fail.located(text))
}

/// A key segment and where it starts.
type Key = Vec<(String, usize)>;

fn dotted_name(key: &[(String, usize)]) -> String {
    let parts: Vec<String> = key.iter().map(|(k, _)| super::toml_key(k)).collect();
    parts.join(".")
}

fn is_bare_key_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_' || b == b'-'
}

/// A non-printing character that TOML does not allow raw in strings and comments.
fn is_forbidden_control(b: u8) -> bool {
    (b < 0x20 && b != b'\t') || b == 0x7f
}

/// An array that `[[name]]` headers made. Its elements are never inline tables, while a
/// static array (`a = [...]`) holds inline tables or other values, so the first element
/// tells them apart.
fn is_array_of_tables(items: &[Value]) -> bool {
    matches!(items.first(), Some(Value::Table(t)) if !t.inline)
}

/// Walks `path` down from `table`, creating implicit tables where keys are missing and
/// stepping into the last table of an array of tables. With `dotted`, the walk is for a
/// dotted key, which may only extend tables that dotted keys made.
fn descend<'t>(
    mut table: &'t mut Table,
    path: &[(String, usize)],
    dotted: bool,
) -> Res<&'t mut Table> {
    for (key, at) in path {
        let i = match table.index.get(key.as_str()) {
            Some(&i) => i,
            None => {
                let child = Table {
                    implicit: true,
                    dotted,
                    ..Table::default()
                };
                table.push(key, Value::Table(child))
            }
        };
        let Some(slot) = table.slot(i) else {
            return fail(*at, format!("internal error: lost key `{key}`"));
        };
        table = match slot {
            Value::Table(child) if child.inline => {
                return fail(
                    *at,
                    format!("cannot add to the inline table `{key}`: inline tables are complete"),
                );
            }
            Value::Table(child) => {
                if dotted {
                    if !child.implicit {
                        return fail(
                            *at,
                            format!(
                                "duplicate key `{key}`: dotted keys cannot add to a table defined by a `[{key}]` header"
                            ),
                        );
                    }
                    child.dotted = true;
                }
                child
            }
            Value::Array(items) => {
                if !is_array_of_tables(items) {
                    return fail(
                        *at,
                        format!("duplicate key `{key}`: it is an array and cannot hold keys"),
                    );
                }
                match items.last_mut() {
                    Some(Value::Table(last)) => last,
                    _ => return fail(*at, format!("internal error: `{key}` is empty")),
                }
            }
            other => {
                return fail(
                    *at,
                    format!(
                        "duplicate key `{key}`: it is {} and cannot hold keys",
                        other.type_name()
                    ),
                );
            }
        };
    }
    Ok(table)
}

/// Adds `key = value` (a possibly dotted key) to `table`.
fn insert(table: &mut Table, key: &[(String, usize)], value: Value) -> Res<()> {
    let Some(((last, at), path)) = key.split_last() else {
        return fail(0, "internal error: empty key");
    };
    let parent = descend(table, path, true)?;
    if !path.is_empty() && !parent.implicit {
        return fail(*at, format!("duplicate key `{}`", dotted_name(key)));
    }
    if parent.index.contains_key(last.as_str()) {
        return fail(*at, format!("duplicate key `{last}`"));
    }
    parent.push(last, value);
    Ok(())
}

/// Opens the table of a `[name]` or `[[name]]` header.
fn open_table(root: &mut Table, key: &[(String, usize)], array: bool) -> Res<()> {
    let Some(((last, at), path)) = key.split_last() else {
        return fail(0, "internal error: empty key");
    };
    let parent = descend(root, path, false)?;
    let explicit = Table::default();
    let Some(&i) = parent.index.get(last.as_str()) else {
        let value = if array {
            Value::Array(vec![Value::Table(explicit)])
        } else {
            Value::Table(explicit)
        };
        parent.push(last, value);
        return Ok(());
    };
    let name = dotted_name(key);
    match (parent.slot(i), array) {
        (Some(Value::Array(items)), true) if is_array_of_tables(items) => {
            items.push(Value::Table(explicit));
            Ok(())
        }
        (Some(Value::Table(t)), false) if t.implicit && !t.dotted => {
            t.implicit = false;
            Ok(())
        }
        (Some(Value::Table(t)), false) if t.dotted || t.inline => fail(
            *at,
            format!(
                "duplicate key `{name}`: the table is already defined by dotted keys or inline"
            ),
        ),
        (Some(Value::Table(_)), false) => fail(*at, format!("table `[{name}]` is defined twice")),
        (Some(other), true) => fail(
            *at,
            format!(
                "duplicate key `{name}`: it is {}, not an array of tables",
                other.type_name()
            ),
        ),
        (Some(other), false) => fail(
            *at,
            format!(
                "duplicate key `{name}`: it is already {}",
                other.type_name()
            ),
        ),
        (None, _) => fail(*at, format!("internal error: lost key `{last}`")),
    }
}

struct Parser<'a> {
    src: &'a str,
    bytes: &'a [u8],
    pos: usize,
}

impl Parser<'_> {
    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.pos).copied()
    }

    fn peek_at(&self, ahead: usize) -> Option<u8> {
        self.bytes.get(self.pos + ahead).copied()
    }

    fn rest(&self) -> &str {
        self.src.get(self.pos..).unwrap_or("")
    }

    /// What is at the cursor, for messages.
    fn found(&self) -> String {
        match self.rest().chars().next() {
            None => "the end of the file".to_string(),
            Some('\n') | Some('\r') => "the end of the line".to_string(),
            Some(c) if c.is_control() => format!("U+{:04X}", c as u32),
            Some(c) => format!("`{c}`"),
        }
    }

    fn skip_ws(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t')) {
            self.pos += 1;
        }
    }

    /// A `#` comment up to (not including) the end of the line.
    fn comment(&mut self) -> Res<()> {
        self.pos += 1;
        while let Some(b) = self.peek() {
            match b {
                b'\n' => break,
                b'\r' if self.peek_at(1) == Some(b'\n') => break,
                b if is_forbidden_control(b) => {
                    return fail(
                        self.pos,
                        format!("control character U+{b:04X} is not allowed in a comment"),
                    );
                }
                _ => self.pos += 1,
            }
        }
        Ok(())
    }

    /// Consumes a line break if there is one.
    fn newline(&mut self) -> bool {
        match self.peek() {
            Some(b'\n') => {
                self.pos += 1;
                true
            }
            Some(b'\r') if self.peek_at(1) == Some(b'\n') => {
                self.pos += 2;
                true
            }
            _ => false,
        }
    }

    /// Whitespace, comments and line breaks.
    fn skip_trivia(&mut self) -> Res<()> {
        loop {
            self.skip_ws();
            if self.peek() == Some(b'#') {
                self.comment()?;
            }
            if !self.newline() {
                return Ok(());
            }
        }
    }

    /// After a key-value pair or a header: only a comment may follow on the line.
    fn end_of_line(&mut self, after: &str) -> Res<()> {
        self.skip_ws();
        if self.peek() == Some(b'#') {
            self.comment()?;
        }
        if self.peek().is_none() || self.newline() {
            return Ok(());
        }
        fail(
            self.pos,
            format!(
                "expected the end of the line after {after}, found {}",
                self.found()
            ),
        )
    }

    fn document(&mut self) -> Res<Table> {
        if self.rest().starts_with('\u{feff}') {
            self.pos += '\u{feff}'.len_utf8();
        }
        let mut root = Table::default();
        // The key path of the table that `key = value` lines go into.
        let mut current: Key = Vec::new();
        loop {
            self.skip_trivia()?;
            match self.peek() {
                None => return Ok(root),
                Some(b'[') => {
                    let start = self.pos;
                    self.pos += 1;
                    let array = self.peek() == Some(b'[');
                    if array {
                        self.pos += 1;
                    }
                    self.skip_ws();
                    let key = self.key()?;
                    if key.len() * 2 > MAX_DEPTH {
                        return fail(start, format!("tables nest deeper than {MAX_DEPTH} levels"));
                    }
                    self.skip_ws();
                    let close = if array { "]]" } else { "]" };
                    if !self.rest().starts_with(close) {
                        return fail(
                            self.pos,
                            format!(
                                "expected `{close}` after the table name `{}`, found {}",
                                dotted_name(&key),
                                self.found()
                            ),
                        );
                    }
                    self.pos += close.len();
                    open_table(&mut root, &key, array)?;
                    current = key;
                    self.end_of_line("a table header")?;
                }
                Some(_) => {
                    let key = self.key()?;
                    let depth = (current.len() + key.len()) * 2;
                    if depth > MAX_DEPTH {
                        return fail(
                            key.first().map_or(self.pos, |(_, at)| *at),
                            format!("tables nest deeper than {MAX_DEPTH} levels"),
                        );
                    }
                    self.skip_ws();
                    self.expect_equals(&key)?;
                    let value = self.value(depth)?;
                    let table = descend(&mut root, &current, false)?;
                    insert(table, &key, value)?;
                    self.end_of_line("a value")?;
                }
            }
        }
    }

    fn expect_equals(&mut self, key: &[(String, usize)]) -> Res<()> {
        if self.peek() != Some(b'=') {
            return fail(
                self.pos,
                format!(
                    "expected `=` after key `{}`, found {}",
                    dotted_name(key),
                    self.found()
                ),
            );
        }
        self.pos += 1;
        self.skip_ws();
        Ok(())
    }

    /// A key: simple keys joined by dots.
    fn key(&mut self) -> Res<Key> {
        let mut key = Vec::new();
        loop {
            let at = self.pos;
            let part = match self.peek() {
                Some(b'"') => {
                    if self.rest().starts_with("\"\"\"") {
                        return fail(at, "a key cannot be a multi-line string");
                    }
                    self.basic_string()?
                }
                Some(b'\'') => {
                    if self.rest().starts_with("'''") {
                        return fail(at, "a key cannot be a multi-line string");
                    }
                    self.literal_string()?
                }
                Some(b) if is_bare_key_byte(b) => {
                    while self.peek().is_some_and(is_bare_key_byte) {
                        self.pos += 1;
                    }
                    self.src.get(at..self.pos).unwrap_or("").to_string()
                }
                _ => return fail(at, format!("expected a key, found {}", self.found())),
            };
            key.push((part, at));
            self.skip_ws();
            if self.peek() != Some(b'.') {
                return Ok(key);
            }
            self.pos += 1;
            self.skip_ws();
        }
    }

    fn value(&mut self, depth: usize) -> Res<Value> {
        let at = self.pos;
        if depth > MAX_DEPTH {
            return fail(at, format!("values nest deeper than {MAX_DEPTH} levels"));
        }
        let rest = self.rest();
        match self.peek() {
            Some(b'"') if rest.starts_with("\"\"\"") => Ok(Value::String(self.multiline_basic()?)),
            Some(b'"') => Ok(Value::String(self.basic_string()?)),
            Some(b'\'') if rest.starts_with("'''") => Ok(Value::String(self.multiline_literal()?)),
            Some(b'\'') => Ok(Value::String(self.literal_string()?)),
            Some(b'[') => self.array(depth + 1),
            Some(b'{') => self.inline_table(depth + 1),
            Some(b't') if rest.starts_with("true") => {
                self.pos += 4;
                self.word_end("true")?;
                Ok(Value::Boolean(true))
            }
            Some(b'f') if rest.starts_with("false") => {
                self.pos += 5;
                self.word_end("false")?;
                Ok(Value::Boolean(false))
            }
            Some(b'0'..=b'9' | b'+' | b'-' | b'i' | b'n') => self.number_or_datetime(),
            _ => fail(at, self.expected_value(at)),
        }
    }

    /// "expected a value", naming what was found; a bare word is most likely a string
    /// without its quotes (`fix = safe`).
    fn expected_value(&self, at: usize) -> String {
        let word: String = self
            .src
            .get(at..)
            .unwrap_or("")
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.'))
            .take(40)
            .collect();
        if word.starts_with(|c: char| c.is_ascii_alphabetic()) {
            format!("expected a value, found `{word}` (text needs quotes: \"{word}\")")
        } else {
            format!("expected a value, found {}", self.found())
        }
    }

    /// `true`/`false` must not run on into more letters (`truely`).
    fn word_end(&self, word: &str) -> Res<()> {
        match self.peek() {
            Some(b) if is_bare_key_byte(b) => fail(
                self.pos - word.len(),
                format!(
                    "expected a value, found `{word}` followed by {}",
                    self.found()
                ),
            ),
            _ => Ok(()),
        }
    }

    fn array(&mut self, depth: usize) -> Res<Value> {
        let start = self.pos;
        self.pos += 1;
        let mut items = Vec::new();
        loop {
            self.skip_trivia()?;
            match self.peek() {
                Some(b']') => {
                    self.pos += 1;
                    return Ok(Value::Array(items));
                }
                None => return fail(start, "unterminated array: expected `]`"),
                Some(_) => {}
            }
            items.push(self.value(depth)?);
            self.skip_trivia()?;
            match self.peek() {
                Some(b',') => self.pos += 1,
                Some(b']') => {
                    self.pos += 1;
                    return Ok(Value::Array(items));
                }
                None => return fail(start, "unterminated array: expected `]`"),
                Some(_) => {
                    return fail(
                        self.pos,
                        format!(
                            "expected `,` or `]` after an array element, found {}",
                            self.found()
                        ),
                    );
                }
            }
        }
    }

    fn inline_table(&mut self, depth: usize) -> Res<Value> {
        let start = self.pos;
        self.pos += 1;
        let mut table = Table::default();
        loop {
            self.skip_trivia()?;
            match self.peek() {
                Some(b'}') => {
                    self.pos += 1;
                    break;
                }
                None => return fail(start, "unterminated inline table: expected `}`"),
                Some(_) => {}
            }
            let key = self.key()?;
            self.skip_ws();
            self.expect_equals(&key)?;
            let value = self.value(depth + key.len() * 2)?;
            insert(&mut table, &key, value)?;
            self.skip_trivia()?;
            match self.peek() {
                Some(b',') => self.pos += 1,
                Some(b'}') => {
                    self.pos += 1;
                    break;
                }
                None => return fail(start, "unterminated inline table: expected `}`"),
                Some(_) => {
                    return fail(
                        self.pos,
                        format!(
                            "expected `,` or `}}` after a value in an inline table, found {}",
                            self.found()
                        ),
                    );
                }
            }
        }
        table.inline = true;
        Ok(Value::Table(table))
    }

    // -----------------------------------------------------------------------------------
    // Strings

    /// A `"basic"` string on one line.
    fn basic_string(&mut self) -> Res<String> {
        let start = self.pos;
        self.pos += 1;
        let mut out = String::new();
        loop {
            let run = self.pos;
            while self
                .peek()
                .is_some_and(|b| b != b'"' && b != b'\\' && !is_forbidden_control(b))
            {
                self.pos += 1;
            }
            out.push_str(self.src.get(run..self.pos).unwrap_or(""));
            match self.peek() {
                Some(b'"') => {
                    self.pos += 1;
                    return Ok(out);
                }
                Some(b'\\') => self.escape(&mut out)?,
                None | Some(b'\n' | b'\r') => {
                    return fail(
                        start,
                        "unterminated string (use `\"\"\"` for a string on several lines)",
                    );
                }
                Some(b) => return fail(self.pos, control_message(b)),
            }
        }
    }

    /// A `"""multi-line"""` basic string.
    fn multiline_basic(&mut self) -> Res<String> {
        let start = self.pos;
        self.pos += 3;
        self.newline();
        let mut out = String::new();
        loop {
            let run = self.pos;
            while self.peek().is_some_and(|b| {
                b != b'"' && b != b'\\' && (!is_forbidden_control(b) || b == b'\n')
            }) {
                self.pos += 1;
            }
            out.push_str(self.src.get(run..self.pos).unwrap_or(""));
            match self.peek() {
                Some(b'"') => {
                    if self.closing_quotes(b'"', &mut out)? {
                        return Ok(out);
                    }
                }
                Some(b'\\') => {
                    // A backslash at the end of a line joins it to the next non-blank text.
                    let mut ahead = self.pos + 1;
                    while matches!(self.bytes.get(ahead), Some(b' ' | b'\t')) {
                        ahead += 1;
                    }
                    let line_end = match self.bytes.get(ahead) {
                        Some(b'\n') => true,
                        Some(b'\r') => self.bytes.get(ahead + 1) == Some(&b'\n'),
                        _ => false,
                    };
                    if line_end {
                        self.pos = ahead;
                        loop {
                            if matches!(self.peek(), Some(b' ' | b'\t')) {
                                self.pos += 1;
                            } else if !self.newline() {
                                break;
                            }
                        }
                    } else {
                        self.escape(&mut out)?;
                    }
                }
                Some(b'\r') if self.peek_at(1) == Some(b'\n') => {
                    out.push_str("\r\n");
                    self.pos += 2;
                }
                None => return fail(start, "unterminated string: expected `\"\"\"`"),
                Some(b) => return fail(self.pos, control_message(b)),
            }
        }
    }

    /// At a run of quotes inside a multi-line string: three to five close it (one or two
    /// of them may belong to the text); fewer are text.
    fn closing_quotes(&mut self, quote: u8, out: &mut String) -> Res<bool> {
        let mut n = 0;
        while self.peek_at(n) == Some(quote) {
            n += 1;
        }
        if n > 5 {
            return fail(
                self.pos + 5,
                "too many quotes: a multi-line string ends at the first three",
            );
        }
        let text = if n >= 3 { n - 3 } else { n };
        out.extend(std::iter::repeat_n(char::from(quote), text));
        self.pos += n;
        Ok(n >= 3)
    }

    /// A `'literal'` string on one line: no escapes.
    fn literal_string(&mut self) -> Res<String> {
        let start = self.pos;
        self.pos += 1;
        let run = self.pos;
        while self
            .peek()
            .is_some_and(|b| b != b'\'' && !is_forbidden_control(b))
        {
            self.pos += 1;
        }
        let text = self.src.get(run..self.pos).unwrap_or("").to_string();
        match self.peek() {
            Some(b'\'') => {
                self.pos += 1;
                Ok(text)
            }
            None | Some(b'\n' | b'\r') => fail(
                start,
                "unterminated string (use `'''` for a string on several lines)",
            ),
            Some(b) => fail(self.pos, control_message(b)),
        }
    }

    /// A `'''multi-line'''` literal string.
    fn multiline_literal(&mut self) -> Res<String> {
        let start = self.pos;
        self.pos += 3;
        self.newline();
        let mut out = String::new();
        loop {
            let run = self.pos;
            while self
                .peek()
                .is_some_and(|b| b != b'\'' && (!is_forbidden_control(b) || b == b'\n'))
            {
                self.pos += 1;
            }
            out.push_str(self.src.get(run..self.pos).unwrap_or(""));
            match self.peek() {
                Some(b'\'') => {
                    if self.closing_quotes(b'\'', &mut out)? {
                        return Ok(out);
                    }
                }
                Some(b'\r') if self.peek_at(1) == Some(b'\n') => {
                    out.push_str("\r\n");
                    self.pos += 2;
                }
                None => return fail(start, "unterminated string: expected `'''`"),
                Some(b) => return fail(self.pos, control_message(b)),
            }
        }
    }

    /// An escape sequence in a basic string, the cursor on the backslash.
    fn escape(&mut self, out: &mut String) -> Res<()> {
        let at = self.pos;
        self.pos += 1;
        let c = match self.peek() {
            Some(b'b') => '\u{8}',
            Some(b't') => '\t',
            Some(b'n') => '\n',
            Some(b'f') => '\u{c}',
            Some(b'r') => '\r',
            Some(b'e') => '\u{1b}',
            Some(b'"') => '"',
            Some(b'\\') => '\\',
            Some(b'x') => return hex_escape(self.src, &mut self.pos, at, 2, out),
            Some(b'u') => return hex_escape(self.src, &mut self.pos, at, 4, out),
            Some(b'U') => return hex_escape(self.src, &mut self.pos, at, 8, out),
            _ => return fail(at, super::scan::unknown(self.rest())),
        };
        self.pos += 1;
        out.push(c);
        Ok(())
    }

    // -----------------------------------------------------------------------------------
    // Numbers and dates

    fn number_or_datetime(&mut self) -> Res<Value> {
        let start = self.pos;
        let token_byte =
            |b: u8| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'+' | b'-' | b'.' | b':');
        while self.peek().is_some_and(token_byte) {
            self.pos += 1;
        }
        // A date and a time may be separated by a space: `1979-05-27 07:32:00`.
        let date_shaped = self.pos - start == 10 && self.bytes.get(start + 4) == Some(&b'-');
        if date_shaped
            && self.peek() == Some(b' ')
            && self.peek_at(1).is_some_and(|b| b.is_ascii_digit())
            && self.peek_at(2).is_some_and(|b| b.is_ascii_digit())
            && self.peek_at(3) == Some(b':')
        {
            self.pos += 1;
            while self.peek().is_some_and(token_byte) {
                self.pos += 1;
            }
        }
        let token = self.src.get(start..self.pos).unwrap_or("");
        let b = token.as_bytes();
        let digits = |range: std::ops::Range<usize>| {
            b.get(range)
                .is_some_and(|s| !s.is_empty() && s.iter().all(u8::is_ascii_digit))
        };
        if digits(0..4) && b.get(4) == Some(&b'-') {
            datetime(token).map_or_else(
                || fail(start, format!("invalid date-time `{token}`")),
                |dt| Ok(Value::Datetime(dt)),
            )
        } else if digits(0..2) && b.get(2) == Some(&b':') {
            match time(token) {
                Some((time, "")) => Ok(Value::Datetime(Datetime {
                    date: None,
                    time: Some(time),
                    offset: None,
                })),
                _ => fail(start, format!("invalid time `{token}`")),
            }
        } else {
            number(token).ok_or_else(|| {
                let unsigned = token.trim_start_matches(['+', '-']);
                let message = if token.starts_with(|c: char| c.is_ascii_alphabetic()) {
                    self.expected_value(start)
                } else if digits_ok(unsigned, u8::is_ascii_digit) && !unsigned.starts_with('0') {
                    format!("integer `{token}` does not fit in 64 bits")
                } else {
                    format!("invalid number `{token}`")
                };
                Fail { at: start, message }
            })
        }
    }
}

fn control_message(b: u8) -> String {
    format!("control character U+{b:04X} must be escaped in a string")
}

/// Digits of a radix with single underscores between them (`1_000`).
fn digits_ok(s: &str, is_digit: fn(&u8) -> bool) -> bool {
    let b = s.as_bytes();
    let (Some(first), Some(last)) = (b.first(), b.last()) else {
        return false;
    };
    is_digit(first)
        && is_digit(last)
        && b.iter().all(|c| is_digit(c) || *c == b'_')
        && !s.contains("__")
}

/// An integer or a float, or `None` when the token is neither.
fn number(token: &str) -> Option<Value> {
    let unsigned = match token.as_bytes().first() {
        Some(b'+' | b'-') => token.get(1..)?,
        _ => token,
    };
    if matches!(unsigned, "inf" | "nan") {
        return Some(Value::Float(token.to_string()));
    }
    let radix = match unsigned.get(..2) {
        Some("0x") => Some((16, u8::is_ascii_hexdigit as fn(&u8) -> bool)),
        Some("0o") => Some((8, (|b: &u8| (b'0'..=b'7').contains(b)) as fn(&u8) -> bool)),
        Some("0b") => Some((2, (|b: &u8| *b == b'0' || *b == b'1') as fn(&u8) -> bool)),
        _ => None,
    };
    if let Some((radix, is_digit)) = radix {
        let body = unsigned.get(2..)?;
        if token.len() != unsigned.len() || !digits_ok(body, is_digit) {
            return None;
        }
        let n = u64::from_str_radix(&body.replace('_', ""), radix).ok()?;
        return i64::try_from(n).ok().map(Value::Integer);
    }
    // Decimal: an integer part without leading zeros, then maybe a fraction and an
    // exponent.
    let (mantissa, exponent) = match unsigned.find(['e', 'E']) {
        Some(i) => (unsigned.get(..i)?, Some(unsigned.get(i + 1..)?)),
        None => (unsigned, None),
    };
    let (int_part, fraction) = match mantissa.split_once('.') {
        Some((int_part, fraction)) => (int_part, Some(fraction)),
        None => (mantissa, None),
    };
    let decimal = u8::is_ascii_digit as fn(&u8) -> bool;
    if !digits_ok(int_part, decimal) || (int_part.len() > 1 && int_part.starts_with('0')) {
        return None;
    }
    if fraction.is_some_and(|f| !digits_ok(f, decimal)) {
        return None;
    }
    if let Some(exponent) = exponent {
        let digits = exponent.strip_prefix(['+', '-']).unwrap_or(exponent);
        if !digits_ok(digits, decimal) {
            return None;
        }
    }
    let plain = token.replace('_', "");
    if fraction.is_none() && exponent.is_none() {
        plain.parse::<i64>().ok().map(Value::Integer)
    } else {
        // A finite literal too large for a float is an error, not infinity.
        crate::number::decimal_fits_f64(&plain).then_some(Value::Float(plain))
    }
}

fn two_digits(s: &str) -> Option<u8> {
    let b = s.as_bytes();
    match b {
        [a, c] if a.is_ascii_digit() && c.is_ascii_digit() => Some((a - b'0') * 10 + (c - b'0')),
        _ => None,
    }
}

/// `YYYY-MM-DD`, optionally followed by a time and an offset.
fn datetime(token: &str) -> Option<Datetime> {
    let year_text = token.get(0..4)?;
    if !year_text.bytes().all(|b| b.is_ascii_digit()) || token.get(4..5)? != "-" {
        return None;
    }
    let year: u16 = year_text.parse().ok()?;
    let month = two_digits(token.get(5..7)?)?;
    if token.get(7..8)? != "-" {
        return None;
    }
    let day = two_digits(token.get(8..10)?)?;
    if day == 0 || day > super::days_in_month(year, month)? {
        return None;
    }
    let date = Some(Date { year, month, day });
    let rest = token.get(10..)?;
    if rest.is_empty() {
        return Some(Datetime {
            date,
            time: None,
            offset: None,
        });
    }
    let rest = rest.strip_prefix(['T', 't', ' '])?;
    let (time, rest) = time(rest)?;
    let offset = match rest {
        "" => None,
        "Z" | "z" => Some(Offset::Z),
        _ => {
            let sign: i16 = match rest.get(..1)? {
                "+" => 1,
                "-" => -1,
                _ => return None,
            };
            let hours = two_digits(rest.get(1..3)?)?;
            let minutes = two_digits(rest.get(4..6)?)?;
            if rest.get(3..4)? != ":" || rest.len() != 6 || hours > 23 || minutes > 59 {
                return None;
            }
            Some(Offset::Minutes(
                sign * (i16::from(hours) * 60 + i16::from(minutes)),
            ))
        }
    };
    Some(Datetime {
        date,
        time: Some(time),
        offset,
    })
}

/// `HH:MM[:SS[.fraction]]` and what follows it.
fn time(s: &str) -> Option<(Time, &str)> {
    let hour = two_digits(s.get(0..2)?)?;
    let minute = two_digits(s.get(3..5)?)?;
    if s.get(2..3)? != ":" || hour > 23 || minute > 59 {
        return None;
    }
    let mut rest = s.get(5..)?;
    let mut second = None;
    let mut nanosecond = None;
    if let Some(after) = rest.strip_prefix(':') {
        let sec = two_digits(after.get(0..2)?)?;
        if sec > 60 {
            return None;
        }
        second = Some(sec);
        rest = after.get(2..)?;
        if let Some(fraction) = rest.strip_prefix('.') {
            let len = fraction.bytes().take_while(u8::is_ascii_digit).count();
            if len == 0 {
                return None;
            }
            // Digits past nanoseconds are dropped, as the TOML spec allows.
            let mut nanos: u32 = 0;
            for (i, b) in fraction.bytes().take(9).enumerate().take(len) {
                nanos += u32::from(b - b'0') * 10u32.pow(8 - i as u32);
            }
            nanosecond = Some(nanos);
            rest = fraction.get(len..)?;
        }
    }
    Some((
        Time {
            hour,
            minute,
            second,
            nanosecond,
        },
        rest,
    ))
}
