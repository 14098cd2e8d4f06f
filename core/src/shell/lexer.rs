//! The tokenizer of our shell parser: splits a script into words, operators and
//! newlines, with byte ranges, and reads here-document bodies.
//!
//! A word runs to the first unquoted blank or operator character; quotes, `\`
//! escapes, `$( )`, `$(( ))`, `${ }`, `$[ ]` and backticks are skipped as a whole, so
//! a word such as `"$(echo "a b")"` is one token. The inside of `$( )` is tokenized in
//! turn (it is a script: it may hold comments, `case` patterns and here-documents), so
//! nesting recurses, up to [`MAX_LEX_DEPTH`]. Operators are cut greedily (`<<<` before
//! `<<`). After a newline token, the bodies of the here-documents opened on that line
//! are read, line by line, up to their delimiter; the body's range is stored on the
//! `<<`/`<<-` operator token.
//!
//! Carriage returns and form feeds count as blanks (CRLF scripts), as they did for
//! the previous parser. A `((` turns `<<` into a shift until the next `))`, so
//! `(( x << 2 ))` opens no here-document.

use std::ops::Range;

use super::{Failure, RawError};

/// How deeply `$( )`, `${ }` and quotes may nest inside one another.
const MAX_LEX_DEPTH: u32 = 64;

/// The operators, longest first within each family so a greedy match is right.
const OPERATORS: &[&str] = &[
    "&&", "&>>", "&>", "&", "||", "|&", "|", ";;&", ";;", ";&", ";", "(", ")", "<<<", "<<-", "<<",
    "<&", "<>", "<", ">>", ">&", ">|", ">",
];

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Kind {
    Word,
    Op(&'static str),
    Newline,
}

#[derive(Clone, Debug)]
pub(crate) struct Tok {
    pub(crate) kind: Kind,
    pub(crate) start: usize,
    pub(crate) end: usize,
    /// For a `<<`/`<<-` operator: its here-document body (delimiter line excluded).
    pub(crate) body: Option<Range<usize>>,
}

impl Tok {
    pub(crate) fn is_word(&self) -> bool {
        self.kind == Kind::Word
    }

    pub(crate) fn is_op(&self, op: &str) -> bool {
        matches!(self.kind, Kind::Op(o) if o == op)
    }
}

/// A here-document waiting for its body.
struct Pending {
    /// The delimiter with quotes removed.
    tag: String,
    strip_tabs: bool,
    /// Index of the operator token (`None` inside `$( )`, whose tokens are dropped).
    op: Option<usize>,
}

struct Lexer<'a> {
    text: &'a str,
    bytes: &'a [u8],
    pos: usize,
    toks: Vec<Tok>,
    pending: Vec<Pending>,
    /// Set after `((` and cleared by `))`: `<<` is a shift in there.
    arith: bool,
}

/// Tokenizes `text`.
pub(crate) fn tokenize(text: &str) -> Result<Vec<Tok>, Failure> {
    let mut lx = Lexer {
        text,
        bytes: text.as_bytes(),
        pos: 0,
        toks: Vec::new(),
        pending: Vec::new(),
        arith: false,
    };
    lx.run()?;
    Ok(lx.toks)
}

fn is_blank(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\r' | b'\x0c')
}

fn is_op_start(b: u8) -> bool {
    matches!(b, b'&' | b'|' | b';' | b'(' | b')' | b'<' | b'>' | b'\n')
}

fn err(message: impl Into<String>, range: Range<usize>) -> Failure {
    Failure::Syntax(RawError {
        message: message.into(),
        range,
    })
}

/// What a `<<` needs next.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Expect {
    Nothing,
    /// The next token is a here-document delimiter.
    Tag {
        strip_tabs: bool,
        op: Option<usize>,
    },
}

impl Lexer<'_> {
    fn at(&self, i: usize) -> Option<u8> {
        self.bytes.get(i).copied()
    }

    fn run(&mut self) -> Result<(), Failure> {
        let mut expect = Expect::Nothing;
        loop {
            self.skip_blanks();
            let Some(c) = self.at(self.pos) else {
                break;
            };
            let start = self.pos;
            if c == b'\n' {
                if let Expect::Tag { .. } = expect {
                    return Err(self.missing_tag(start));
                }
                self.pos += 1;
                self.toks.push(Tok {
                    kind: Kind::Newline,
                    start,
                    end: self.pos,
                    body: None,
                });
                self.read_bodies()?;
            } else if is_op_start(c) {
                let op = self.operator();
                if let Expect::Tag { .. } = expect {
                    return Err(err(
                        format!("syntax error near unexpected token `{op}`"),
                        start..self.pos,
                    ));
                }
                let index = self.toks.len();
                self.toks.push(Tok {
                    kind: Kind::Op(op),
                    start,
                    end: self.pos,
                    body: None,
                });
                expect = self.after_operator(op, Some(index));
            } else {
                let end = self.word(self.pos, 0)?;
                self.pos = end;
                self.toks.push(Tok {
                    kind: Kind::Word,
                    start,
                    end,
                    body: None,
                });
                if let Expect::Tag { strip_tabs, op } =
                    std::mem::replace(&mut expect, Expect::Nothing)
                {
                    self.pending.push(Pending {
                        tag: heredoc_tag(self.text.get(start..end).unwrap_or("")),
                        strip_tabs,
                        op,
                    });
                }
            }
        }
        if let Expect::Tag { .. } = expect {
            return Err(self.missing_tag(self.bytes.len()));
        }
        if !self.pending.is_empty() {
            return Err(self.unterminated_heredocs());
        }
        Ok(())
    }

    fn missing_tag(&self, at: usize) -> Failure {
        let _ = self;
        err("here-document without a delimiter", at..at)
    }

    fn unterminated_heredocs(&self) -> Failure {
        let tags: Vec<&str> = self.pending.iter().map(|p| p.tag.as_str()).collect();
        let end = self.bytes.len();
        err(
            format!(
                "here-document delimited by `{}` is not terminated",
                tags.join(", ")
            ),
            end..end,
        )
    }

    /// Bookkeeping after an operator: `<<` wants a delimiter, `((`/`))` toggle
    /// arithmetic.
    fn after_operator(&mut self, op: &'static str, index: Option<usize>) -> Expect {
        let next = self.at(self.pos);
        match op {
            "(" if next == Some(b'(') => self.arith = true,
            ")" if next == Some(b')') => self.arith = false,
            "<<" | "<<-" if !self.arith => {
                return Expect::Tag {
                    strip_tabs: op == "<<-",
                    op: index,
                };
            }
            _ => {}
        }
        Expect::Nothing
    }

    /// Skips blanks, line continuations and comments (a `#` where a token may start).
    fn skip_blanks(&mut self) {
        while let Some(c) = self.at(self.pos) {
            if is_blank(c) {
                self.pos += 1;
            } else if c == b'\\' && self.at(self.pos + 1) == Some(b'\n') {
                self.pos += 2;
            } else if c == b'#' {
                self.pos = self
                    .bytes
                    .get(self.pos..)
                    .and_then(|rest| rest.iter().position(|&b| b == b'\n'))
                    .map_or(self.bytes.len(), |p| self.pos + p);
            } else {
                break;
            }
        }
    }

    /// Reads the greedy operator at `pos` (which starts with an operator character).
    fn operator(&mut self) -> &'static str {
        let rest = self.bytes.get(self.pos..).unwrap_or_default();
        if rest.first() == Some(&b'\n') {
            self.pos += 1;
            return "\n";
        }
        for op in OPERATORS {
            if rest.starts_with(op.as_bytes()) {
                self.pos += op.len();
                return op;
            }
        }
        // Unreachable for an operator character; consume it so the loop advances.
        self.pos += 1;
        ";"
    }

    /// Reads the here-document bodies pending after the newline just consumed.
    fn read_bodies(&mut self) -> Result<(), Failure> {
        while !self.pending.is_empty() {
            let here = self.pending.remove(0);
            let body_start = self.pos;
            let mut line_start = self.pos;
            let found = loop {
                if line_start >= self.bytes.len() && line_start > body_start {
                    break None;
                }
                let line_end = self
                    .bytes
                    .get(line_start..)
                    .and_then(|rest| rest.iter().position(|&b| b == b'\n'))
                    .map_or(self.bytes.len(), |p| line_start + p);
                let line = self.text.get(line_start..line_end).unwrap_or("");
                let line = if here.strip_tabs {
                    line.trim_start_matches('\t')
                } else {
                    line
                };
                if line == here.tag {
                    break Some((line_start, (line_end + 1).min(self.bytes.len())));
                }
                if line_end >= self.bytes.len() {
                    break None;
                }
                line_start = line_end + 1;
            };
            let Some((body_end, resume)) = found else {
                self.pending.insert(0, here);
                return Err(self.unterminated_heredocs());
            };
            if let Some(tok) = here.op.and_then(|i| self.toks.get_mut(i)) {
                tok.body = Some(body_start..body_end);
            }
            self.pos = resume;
        }
        Ok(())
    }

    /// Returns the end of the word starting at `i`.
    fn word(&mut self, mut i: usize, depth: u32) -> Result<usize, Failure> {
        if depth > MAX_LEX_DEPTH {
            return Err(Failure::Limit);
        }
        while let Some(c) = self.at(i) {
            match c {
                _ if is_blank(c) || is_op_start(c) => break,
                b'\\' => i = (i + 2).min(self.bytes.len()),
                b'\'' => i = self.single_quote(i)?,
                b'"' => i = self.double_quote(i, depth)?,
                b'`' => i = self.backquote(i)?,
                b'$' => i = self.dollar(i, depth)?,
                _ => i += 1,
            }
        }
        Ok(i)
    }

    /// `i` is at `'`; returns the index past the closing one.
    fn single_quote(&self, i: usize) -> Result<usize, Failure> {
        match self
            .bytes
            .get(i + 1..)
            .and_then(|rest| rest.iter().position(|&b| b == b'\''))
        {
            Some(p) => Ok(i + 1 + p + 1),
            None => Err(err("unterminated single quote", i..self.bytes.len())),
        }
    }

    /// `i` is at `"`; returns the index past the closing one.
    fn double_quote(&mut self, i: usize, depth: u32) -> Result<usize, Failure> {
        let mut j = i + 1;
        while let Some(c) = self.at(j) {
            match c {
                b'"' => return Ok(j + 1),
                b'\\' => j += 2,
                b'`' => j = self.backquote(j)?,
                b'$' => j = self.dollar_in_quotes(j, depth + 1)?,
                _ => j += 1,
            }
        }
        Err(err("unterminated double quote", i..self.bytes.len()))
    }

    /// `i` is at a backquote; returns the index past the closing one.
    fn backquote(&self, i: usize) -> Result<usize, Failure> {
        let mut j = i + 1;
        while let Some(c) = self.at(j) {
            match c {
                b'\\' => j += 2,
                b'`' => return Ok(j + 1),
                _ => j += 1,
            }
        }
        Err(err("unterminated backquote", i..self.bytes.len()))
    }

    /// `i` is at `$` outside quotes.
    fn dollar(&mut self, i: usize, depth: u32) -> Result<usize, Failure> {
        if self.at(i + 1) == Some(b'\'') {
            // ANSI-C quoting: backslash escapes, no expansions.
            let mut j = i + 2;
            while let Some(c) = self.at(j) {
                match c {
                    b'\\' => j += 2,
                    b'\'' => return Ok(j + 1),
                    _ => j += 1,
                }
            }
            return Err(err("unterminated $'...' quote", i..self.bytes.len()));
        }
        self.dollar_in_quotes(i, depth + 1)
    }

    /// `i` is at `$`: skips `$( )`, `$(( ))`, `${ }`, `$[ ]`, or just the `$`.
    fn dollar_in_quotes(&mut self, i: usize, depth: u32) -> Result<usize, Failure> {
        if depth > MAX_LEX_DEPTH {
            return Err(Failure::Limit);
        }
        match self.at(i + 1) {
            Some(b'(') if self.at(i + 2) == Some(b'(') => {
                let saved = std::mem::replace(&mut self.arith, true);
                let end = self.parens(i + 3, 2, depth);
                self.arith = saved;
                end.map_err(|e| self.unterminated(e, "arithmetic expansion", i))
            }
            Some(b'(') => self
                .parens(i + 2, 1, depth)
                .map_err(|e| self.unterminated(e, "command substitution", i)),
            Some(b'{') => self.expansion(i + 2, depth, b'}', "unterminated ${...} expansion"),
            Some(b'[') => self.expansion(i + 2, depth, b']', "unterminated arithmetic expansion"),
            _ => Ok(i + 1),
        }
    }

    /// Replaces an end-of-input error inside a construct by one naming the construct.
    fn unterminated(&self, e: Failure, what: &str, at: usize) -> Failure {
        match e {
            Failure::Syntax(ref raw) if raw.message == EOF_IN_NESTED => {
                err(format!("unterminated {what}"), at..self.bytes.len())
            }
            other => other,
        }
    }

    /// Tokenizes the inside of `$( )` from `i` until `open` parentheses are closed;
    /// returns the index past the last `)`.
    fn parens(&mut self, mut i: usize, mut open: u32, depth: u32) -> Result<usize, Failure> {
        let saved = std::mem::replace(&mut self.pos, i);
        let mut expect = Expect::Nothing;
        let result = loop {
            self.skip_blanks();
            i = self.pos;
            let Some(c) = self.at(i) else {
                break Err(err(EOF_IN_NESTED, i..i));
            };
            if c == b')' && expect == Expect::Nothing {
                self.pos += 1;
                open -= 1;
                if open == 0 {
                    break Ok(self.pos);
                }
                continue;
            }
            if c == b'\n' {
                self.pos += 1;
                if let Err(e) = self.read_bodies() {
                    break Err(e);
                }
                continue;
            }
            if is_op_start(c) {
                let op = self.operator();
                if op == "(" {
                    open += 1;
                }
                expect = self.after_operator(op, None);
                continue;
            }
            match self.word(i, depth + 1) {
                Ok(end) => self.pos = end,
                Err(e) => break Err(e),
            }
            if let Expect::Tag { strip_tabs, .. } = std::mem::replace(&mut expect, Expect::Nothing)
            {
                self.pending.push(Pending {
                    tag: heredoc_tag(self.text.get(i..self.pos).unwrap_or("")),
                    strip_tabs,
                    op: None,
                });
            }
        };
        self.pos = saved;
        result
    }

    /// `i` is past `${` or `$[`; returns the index past the `close` byte (`}` or `]`)
    /// that ends the expansion; `what` names it in the error.
    fn expansion(
        &mut self,
        mut i: usize,
        depth: u32,
        close: u8,
        what: &'static str,
    ) -> Result<usize, Failure> {
        let start = i.saturating_sub(2);
        while let Some(c) = self.at(i) {
            match c {
                c if c == close => return Ok(i + 1),
                b'\\' => i += 2,
                b'\'' => i = self.single_quote(i)?,
                b'"' => i = self.double_quote(i, depth + 1)?,
                b'`' => i = self.backquote(i)?,
                b'$' => i = self.dollar(i, depth + 1)?,
                _ => i += 1,
            }
        }
        Err(err(what, start..self.bytes.len()))
    }
}

/// Internal marker message for the end of input inside `$( )`.
const EOF_IN_NESTED: &str = "unexpected end of input in a substitution";

/// A here-document delimiter as compared with body lines: leading blanks dropped,
/// quotes and backslashes removed.
fn heredoc_tag(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    let mut escaped = false;
    for c in raw.chars() {
        match c {
            _ if escaped => {
                out.push(c);
                escaped = false;
            }
            '\\' => escaped = true,
            '\'' | '"' => {}
            _ => out.push(c),
        }
    }
    out
}
