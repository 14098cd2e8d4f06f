//! Our shell parser: a recursive-descent parser over the tokens of `lexer.rs` that
//! emits [`RawItem`]s directly, without building a syntax tree.
//!
//! The grammar is POSIX `sh` plus the bash extensions Dockerfiles use: `[[ ]]`,
//! `(( ))`, `for (( ))`, `<( )`/`>( )`, `&>`, `&>>`, `|&`, `<<<`, `$'..'`, arrays
//! (`a=(x y)`), `function f { }`, `select`, `coproc` and `time`. What each construct
//! emits, and the connector, depth, pipeline and negation each command inherits, are
//! those of the previous brush-parser walker (the differential test checks it on the
//! corpus):
//!
//! - a list's first command gets the connector the caller passes (the enclosing
//!   compound command's), the others `;`/`&`/`&&`/`||`; `then` and loop bodies are
//!   `And` (`until` bodies `Or`), `elif` conditions and `else` bodies `Or`, every
//!   `case` branch the `case`'s;
//! - compound bodies are one level deeper; a function body is its compound command;
//!   a `coproc` body is one level deeper;
//! - commands of a pipeline element inherit its position unless they sit in an
//!   inner pipeline of their own, and `!` marks everything in its pipeline. Both are
//!   patched onto the element's items once the pipeline is complete (innermost
//!   first, so an inner pipeline keeps its own position);
//! - `for` word lists, `case` subjects and patterns, `[[ ]]` operands and the
//!   targets of compound commands' redirections become [`RawItem::Words`] at the
//!   enclosing depth; process substitutions are parsed in place, one level deeper,
//!   starting with `First`.
//!
//! Where brush-parser and bash disagreed, this parser follows bash: reserved words are
//! plain names after an assignment or redirection prefix (`A=1 fi`); a process
//! substitution may be a command name or any redirection's target; `((` is an
//! arithmetic command when the two `(` are glued and the first `)` closing nothing
//! is glued to another `)` (so `(( a; b ))` is arithmetic and `( (a) )` two
//! subshells); a function body must be a compound command (not `coproc`).
//!
//! Recursion is bounded: past [`MAX_DEPTH`] nested compound commands the parser gives
//! up with [`Failure::Limit`] (the caller then uses the fallback splitter).

use std::ops::Range;

use super::lexer::{self, Kind, Tok};
use super::{Backend, Connector, Failure, RawCommand, RawError, RawItem, RawPipe, RawRedirect};

/// How many compound commands may nest before the parser gives up.
const MAX_DEPTH: u32 = 64;

/// Our parser (stateless).
pub(crate) struct Parser;

impl Backend for Parser {
    fn parse(&self, text: &str) -> Result<Vec<RawItem>, Failure> {
        let toks = lexer::tokenize(text)?;
        let mut p = State {
            text,
            toks,
            pos: 0,
            items: Vec::new(),
            next_pipe: 0,
            closers: Vec::new(),
        };
        p.program()?;
        Ok(p.items)
    }
}

/// What `command` parsed (for `|&`, which redirects a simple command's stderr).
#[derive(Clone, Copy, PartialEq, Eq)]
enum Parsed {
    Simple(usize),
    Compound,
    Test,
}

/// Reserved words that cannot start a command (they close or continue one).
fn is_closer(w: &str) -> bool {
    matches!(
        w,
        "}" | "then" | "fi" | "do" | "done" | "else" | "elif" | "esac" | "in" | "]]"
    )
}

/// Every reserved word (none of them is a command name).
fn is_reserved(w: &str) -> bool {
    is_closer(w)
        || matches!(
            w,
            "!" | "{"
                | "case"
                | "for"
                | "if"
                | "until"
                | "while"
                | "[["
                | "function"
                | "select"
                | "coproc"
        )
}

fn is_redirect_op(op: &str) -> bool {
    matches!(
        op,
        "<" | ">" | ">>" | "<&" | ">&" | "<>" | ">|" | "<<" | "<<-" | "<<<" | "&>" | "&>>"
    )
}

/// `NAME=`, `NAME+=`, `NAME[index]=` (the length of that prefix), for a word as written.
fn assignment_prefix(raw: &str) -> Option<usize> {
    let bytes = raw.as_bytes();
    let first = *bytes.first()?;
    if !(first.is_ascii_alphabetic() || first == b'_') {
        return None;
    }
    let mut i = 1;
    while bytes
        .get(i)
        .is_some_and(|b| b.is_ascii_alphanumeric() || *b == b'_')
    {
        i += 1;
    }
    if bytes.get(i) == Some(&b'[') {
        let mut level = 0usize;
        loop {
            match bytes.get(i)? {
                b'[' => level += 1,
                b']' => {
                    level -= 1;
                    if level == 0 {
                        i += 1;
                        break;
                    }
                }
                _ => {}
            }
            i += 1;
        }
    }
    if bytes.get(i) == Some(&b'+') {
        i += 1;
    }
    (bytes.get(i) == Some(&b'=')).then_some(i + 1)
}

struct State<'a> {
    text: &'a str,
    toks: Vec<Tok>,
    pos: usize,
    items: Vec<RawItem>,
    next_pipe: usize,
    /// The closing words expected by the open constructs, innermost last (for the
    /// "missing `done`" message at the end of the script).
    closers: Vec<&'static str>,
}

type PResult<T> = Result<T, Failure>;

impl State<'_> {
    // ---------------------------------------------------------------- token access

    fn peek(&self) -> Option<&Tok> {
        self.toks.get(self.pos)
    }

    fn peek_at(&self, k: usize) -> Option<&Tok> {
        self.toks.get(self.pos + k)
    }

    fn slice(&self, t: &Tok) -> &str {
        self.text.get(t.start..t.end).unwrap_or("")
    }

    fn peek_word(&self) -> Option<&str> {
        self.peek().filter(|t| t.is_word()).map(|t| self.slice(t))
    }

    fn at_word(&self, w: &str) -> bool {
        self.peek_word() == Some(w)
    }

    fn at_op(&self, op: &str) -> bool {
        self.peek().is_some_and(|t| t.is_op(op))
    }

    fn bump(&mut self) -> Option<Tok> {
        let t = self.toks.get(self.pos).cloned();
        if t.is_some() {
            self.pos += 1;
        }
        t
    }

    fn skip_newlines(&mut self) {
        while self.peek().is_some_and(|t| t.kind == Kind::Newline) {
            self.pos += 1;
        }
    }

    /// The error for the current token (or the end of the script).
    fn unexpected(&self) -> Failure {
        let Some(t) = self.peek() else {
            let end = self.text.len();
            let message = match self.closers.last() {
                Some(c) => format!("syntax error: unexpected end of script (missing `{c}`)"),
                None => "syntax error: unexpected end of script".to_owned(),
            };
            return Failure::Syntax(RawError {
                message,
                range: end..end,
            });
        };
        let (message, range) = match t.kind {
            Kind::Newline => (
                "syntax error near unexpected newline".to_owned(),
                t.start..t.start,
            ),
            _ => (
                format!("syntax error near unexpected token `{}`", self.slice(t)),
                t.start..t.end,
            ),
        };
        Failure::Syntax(RawError { message, range })
    }

    fn expect_word(&mut self, w: &str) -> PResult<Tok> {
        if self.at_word(w) {
            self.bump().ok_or_else(|| self.unexpected())
        } else {
            Err(self.unexpected())
        }
    }

    fn expect_op(&mut self, op: &str) -> PResult<Tok> {
        if self.at_op(op) {
            self.bump().ok_or_else(|| self.unexpected())
        } else {
            Err(self.unexpected())
        }
    }

    fn any_word(&mut self) -> PResult<Tok> {
        match self.peek() {
            Some(t) if t.is_word() => self.bump().ok_or_else(|| self.unexpected()),
            _ => Err(self.unexpected()),
        }
    }

    /// Whether the current token can start a command (so a list goes on).
    fn starts_command(&self) -> bool {
        match self.peek() {
            Some(t) => match t.kind {
                Kind::Word => !is_closer(self.slice(t)),
                Kind::Op(op) => op == "(" || is_redirect_op(op),
                Kind::Newline => false,
            },
            None => false,
        }
    }

    /// Whether a redirection starts here (an fd number glued to `<`/`>` included).
    fn at_redirect(&self) -> bool {
        match self.peek() {
            Some(t) if t.is_word() => self.io_number(t).is_some(),
            Some(t) => matches!(t.kind, Kind::Op(op) if is_redirect_op(op)),
            None => false,
        }
    }

    /// For an all-digit word glued to a following `<...`/`>...` operator: the number
    /// (`None` inside when it does not fit, as in `99999999999>f`).
    fn io_number(&self, t: &Tok) -> Option<Option<u32>> {
        let w = self.slice(t);
        if w.is_empty() || !w.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        let next = self.toks.get(self.pos + 1)?;
        match next.kind {
            Kind::Op(op) if next.start == t.end && op.starts_with(['<', '>']) => {
                Some(w.parse().ok())
            }
            _ => None,
        }
    }

    // ---------------------------------------------------------------- lists

    fn program(&mut self) -> PResult<()> {
        self.skip_newlines();
        let mut connector = Connector::First;
        while self.peek().is_some() {
            connector = self.list(connector, 0)?;
            if self.peek().is_some() {
                return Err(self.unexpected());
            }
        }
        Ok(())
    }

    /// A list of and-or lists separated by `;`, `&` or newlines; stops before a token
    /// that cannot start a command. Returns the connector for what follows.
    fn list(&mut self, first: Connector, depth: u32) -> PResult<Connector> {
        self.skip_newlines();
        if !self.starts_command() {
            return Err(self.unexpected());
        }
        let mut connector = first;
        loop {
            self.and_or(connector, depth)?;
            match self.peek().map(|t| t.kind) {
                Some(Kind::Op(";")) => connector = Connector::Seq,
                Some(Kind::Op("&")) => connector = Connector::Background,
                Some(Kind::Newline) => connector = Connector::Seq,
                _ => break,
            }
            self.pos += 1;
            self.skip_newlines();
            if !self.starts_command() {
                break;
            }
        }
        Ok(connector)
    }

    fn and_or(&mut self, first: Connector, depth: u32) -> PResult<()> {
        self.pipeline(first, depth)?;
        loop {
            let connector = if self.at_op("&&") {
                Connector::And
            } else if self.at_op("||") {
                Connector::Or
            } else {
                return Ok(());
            };
            self.pos += 1;
            self.skip_newlines();
            self.pipeline(connector, depth)?;
        }
    }

    fn pipeline(&mut self, connector: Connector, depth: u32) -> PResult<()> {
        let first_item = self.items.len();
        let mut prefixed = false;
        if self.at_word("time") {
            self.pos += 1;
            prefixed = true;
            if self.at_word("-p") {
                self.pos += 1;
            }
        }
        let mut bang = false;
        while self.at_word("!") {
            self.pos += 1;
            bang = !bang;
            prefixed = true;
        }
        if prefixed && !self.starts_command() {
            // `time` or `!` alone: an empty pipeline.
            return Ok(());
        }
        let mut elements = Vec::new();
        loop {
            elements.push(self.items.len());
            let parsed = self.command(connector, depth)?;
            if self.at_op("|&") {
                match parsed {
                    Parsed::Simple(k) => {
                        if let Some(RawItem::Command(c)) = self.items.get_mut(k) {
                            c.redirects.push(RawRedirect {
                                fd: Some(2),
                                op: ">&".to_owned(),
                                range: 0..0,
                                target: None,
                                body: None,
                            });
                        }
                    }
                    Parsed::Compound => {}
                    Parsed::Test => return Err(self.unexpected()),
                }
            } else if !self.at_op("|") {
                break;
            }
            self.pos += 1;
            self.skip_newlines();
        }
        let len = elements.len();
        if len >= 2 {
            let id = self.next_pipe;
            self.next_pipe += 1;
            let end = self.items.len();
            for (index, &start) in elements.iter().enumerate() {
                let stop = elements.get(index + 1).copied().unwrap_or(end);
                for item in self.items.get_mut(start..stop).unwrap_or_default() {
                    if let RawItem::Command(c) = item
                        && c.pipeline.is_none()
                    {
                        c.pipeline = Some(RawPipe { index, len, id });
                    }
                }
            }
        }
        if bang {
            for item in self.items.get_mut(first_item..).unwrap_or_default() {
                if let RawItem::Command(c) = item {
                    c.negated = true;
                }
            }
        }
        Ok(())
    }

    // ---------------------------------------------------------------- commands

    fn command(&mut self, connector: Connector, depth: u32) -> PResult<Parsed> {
        if depth > MAX_DEPTH {
            return Err(Failure::Limit);
        }
        if self.compound(connector, depth)? {
            self.redirect_list(depth)?;
            return Ok(Parsed::Compound);
        }
        let Some(t) = self.peek() else {
            return Err(self.unexpected());
        };
        match t.kind {
            Kind::Word => {
                let w = self.slice(t);
                match w {
                    "[[" => {
                        self.test(depth)?;
                        self.redirect_list(depth)?;
                        Ok(Parsed::Test)
                    }
                    "function" => {
                        self.pos += 1;
                        let name = self.any_word()?;
                        if self.slice(&name).ends_with('=') {
                            return Err(self.unexpected());
                        }
                        if self.at_op("(") && self.peek_at(1).is_some_and(|t| t.is_op(")")) {
                            self.pos += 2;
                        }
                        self.function_body(connector, depth)?;
                        Ok(Parsed::Compound)
                    }
                    "coproc" => {
                        self.pos += 1;
                        self.skip_newlines();
                        // `coproc NAME { ...; }`: a name only before a compound command.
                        let named = self
                            .peek()
                            .is_some_and(|t| t.is_word() && !self.slice(t).ends_with('='))
                            && {
                                let mut k = 1;
                                while self.peek_at(k).is_some_and(|t| t.kind == Kind::Newline) {
                                    k += 1;
                                }
                                self.peek_at(k).is_some_and(|t| {
                                    t.is_op("(") || (t.is_word() && self.slice(t) == "{")
                                })
                            };
                        if named {
                            self.pos += 1;
                            self.skip_newlines();
                        }
                        self.command(connector, depth + 1)?;
                        Ok(Parsed::Compound)
                    }
                    _ if is_reserved(w) => Err(self.unexpected()),
                    _ if !w.ends_with('=')
                        && self.peek_at(1).is_some_and(|t| t.is_op("("))
                        && self.peek_at(2).is_some_and(|t| t.is_op(")")) =>
                    {
                        // `name() body`
                        self.pos += 3;
                        self.function_body(connector, depth)?;
                        Ok(Parsed::Compound)
                    }
                    _ => self.simple(connector, depth).map(Parsed::Simple),
                }
            }
            Kind::Op(op) if is_redirect_op(op) => self.simple(connector, depth).map(Parsed::Simple),
            _ => Err(self.unexpected()),
        }
    }

    fn function_body(&mut self, connector: Connector, depth: u32) -> PResult<()> {
        self.skip_newlines();
        if !self.compound(connector, depth)? {
            return Err(self.unexpected());
        }
        self.redirect_list(depth)
    }

    /// Parses a compound command if one starts here (returns false otherwise).
    fn compound(&mut self, connector: Connector, depth: u32) -> PResult<bool> {
        let inner = depth + 1;
        if inner > MAX_DEPTH {
            return Err(Failure::Limit);
        }
        if self.at_op("(") {
            if self.arithmetic_ahead() {
                self.skip_arithmetic()?;
                return Ok(true);
            }
            self.pos += 1;
            self.closers.push(")");
            self.list(connector, inner)?;
            self.expect_op(")")?;
            self.closers.pop();
            return Ok(true);
        }
        let Some(w) = self.peek_word() else {
            return Ok(false);
        };
        match w {
            "{" => {
                self.pos += 1;
                self.closers.push("}");
                self.list(connector, inner)?;
                self.expect_word("}")?;
                self.closers.pop();
            }
            "if" => {
                self.pos += 1;
                self.closers.push("fi");
                self.list(connector, inner)?;
                self.expect_word("then")?;
                self.list(Connector::And, inner)?;
                while self.at_word("elif") {
                    self.pos += 1;
                    self.list(Connector::Or, inner)?;
                    self.expect_word("then")?;
                    self.list(Connector::And, inner)?;
                }
                if self.at_word("else") {
                    self.pos += 1;
                    self.list(Connector::Or, inner)?;
                }
                self.expect_word("fi")?;
                self.closers.pop();
            }
            "while" | "until" => {
                let body = if w == "while" {
                    Connector::And
                } else {
                    Connector::Or
                };
                self.pos += 1;
                self.closers.push("done");
                self.list(connector, inner)?;
                self.do_group(body, inner)?;
                self.closers.pop();
            }
            "for" | "select" => {
                self.pos += 1;
                self.closers.push("done");
                self.for_clause(connector, depth)?;
                self.closers.pop();
            }
            "case" => {
                self.pos += 1;
                self.closers.push("esac");
                self.case_clause(connector, depth)?;
                self.closers.pop();
            }
            _ => return Ok(false),
        }
        Ok(true)
    }

    fn do_group(&mut self, connector: Connector, inner: u32) -> PResult<()> {
        self.expect_word("do")?;
        self.list(connector, inner)?;
        self.expect_word("done")?;
        Ok(())
    }

    fn for_clause(&mut self, connector: Connector, depth: u32) -> PResult<()> {
        let inner = depth + 1;
        if self.at_op("(") && self.peek_at(1).is_some_and(|t| t.is_op("(")) {
            // `for ((init; cond; step))`, then a `do` group or a `{ }` group.
            self.skip_arithmetic()?;
            self.sequential_sep();
            if self.at_word("{") {
                self.pos += 1;
                self.closers.push("}");
                self.list(connector, inner)?;
                self.expect_word("}")?;
                self.closers.pop();
                return Ok(());
            }
            return self.do_group(connector, inner);
        }
        self.any_word()?;
        self.skip_newlines();
        if self.at_word("in") {
            self.pos += 1;
            let mut words = Vec::new();
            while let Some(t) = self.peek().filter(|t| t.is_word()) {
                words.push(t.start..t.end);
                self.pos += 1;
            }
            self.push_words(words, depth);
            if self.at_op(";") {
                self.pos += 1;
                self.skip_newlines();
            } else if self.peek().is_some_and(|t| t.kind == Kind::Newline) {
                self.skip_newlines();
            } else {
                return Err(self.unexpected());
            }
        } else {
            self.sequential_sep();
        }
        self.do_group(connector, inner)
    }

    /// An optional `;` or newlines before `do`.
    fn sequential_sep(&mut self) {
        if self.at_op(";") {
            self.pos += 1;
        }
        self.skip_newlines();
    }

    fn case_clause(&mut self, connector: Connector, depth: u32) -> PResult<()> {
        let inner = depth + 1;
        let subject = self.any_word()?;
        // The subject is one loose word (a one-range `vec!` reads like a range of words).
        self.push_words(std::iter::once(subject.start..subject.end).collect(), depth);
        self.skip_newlines();
        self.expect_word("in")?;
        self.skip_newlines();
        loop {
            if self.at_word("esac") {
                self.pos += 1;
                return Ok(());
            }
            if self.at_op("(") {
                self.pos += 1;
            }
            let mut patterns = Vec::new();
            let first = self.any_word()?;
            patterns.push(first.start..first.end);
            while self.at_op("|") {
                self.pos += 1;
                let t = self.any_word()?;
                patterns.push(t.start..t.end);
            }
            self.expect_op(")")?;
            self.push_words(patterns, depth);
            self.skip_newlines();
            if !self.at_case_end() && !self.at_word("esac") {
                self.list(connector, inner)?;
            }
            if self.at_case_end() {
                self.pos += 1;
                self.skip_newlines();
            } else if !self.at_word("esac") {
                return Err(self.unexpected());
            }
        }
    }

    fn at_case_end(&self) -> bool {
        self.at_op(";;") || self.at_op(";&") || self.at_op(";;&")
    }

    /// `[[ ... ]]`: every word up to `]]` is an operand (operators included; only
    /// their substitutions matter).
    fn test(&mut self, depth: u32) -> PResult<()> {
        self.pos += 1;
        self.closers.push("]]");
        let mut words = Vec::new();
        loop {
            match self.peek() {
                None => return Err(self.unexpected()),
                Some(t) if t.is_word() && self.slice(t) == "]]" => {
                    if words.is_empty() {
                        return Err(self.unexpected());
                    }
                    self.pos += 1;
                    break;
                }
                Some(t) => {
                    if t.is_word() {
                        words.push(t.start..t.end);
                    }
                    self.pos += 1;
                }
            }
        }
        self.closers.pop();
        self.push_words(words, depth);
        Ok(())
    }

    /// Whether `((` here opens an arithmetic command, by bash's rule: the two `(` are
    /// glued, and the first `)` that closes nothing is glued to another `)`. Otherwise
    /// (`((cd a) && b)`, `( (a) )`) it is a subshell in a subshell.
    fn arithmetic_ahead(&self) -> bool {
        let glued = |a: Option<&Tok>, b: Option<&Tok>, op: &str| match (a, b) {
            (Some(a), Some(b)) => a.is_op(op) && b.is_op(op) && a.end == b.start,
            _ => false,
        };
        if !glued(self.peek(), self.peek_at(1), "(") {
            return false;
        }
        let mut level = 0usize;
        let mut k = 2;
        while let Some(t) = self.peek_at(k) {
            match t.kind {
                Kind::Op("(") => level += 1,
                Kind::Op(")") if level > 0 => level -= 1,
                Kind::Op(")") => return glued(Some(t), self.peek_at(k + 1), ")"),
                _ => {}
            }
            k += 1;
        }
        false
    }

    /// Skips `(( ... ))` (the current token is the first `(`).
    fn skip_arithmetic(&mut self) -> PResult<()> {
        self.pos += 2;
        let mut level = 0usize;
        loop {
            let Some(t) = self.bump() else {
                return Err(self.unexpected());
            };
            match t.kind {
                Kind::Op("(") => level += 1,
                Kind::Op(")") if level > 0 => level -= 1,
                Kind::Op(")") => return self.expect_op(")").map(|_| ()),
                _ => {}
            }
        }
    }

    fn push_words(&mut self, words: Vec<Range<usize>>, depth: u32) {
        if !words.is_empty() {
            self.items.push(RawItem::Words { words, depth });
        }
    }

    /// Redirections after a compound command: their targets are loose words.
    fn redirect_list(&mut self, depth: u32) -> PResult<()> {
        let mut words = Vec::new();
        while self.at_redirect() {
            if let Some(t) = self.redirect(depth)?.target {
                words.push(t);
            }
        }
        self.push_words(words, depth);
        Ok(())
    }

    fn simple(&mut self, connector: Connector, depth: u32) -> PResult<usize> {
        let k = self.items.len();
        let mut cmd = RawCommand::new(connector, None, depth, false);
        // A placeholder keeps the command ahead of its process substitutions.
        self.items.push(RawItem::Words {
            words: Vec::new(),
            depth,
        });
        // Prefix: redirections and assignments. A process substitution there is the
        // command name (`<(make-script) arg`), as in bash.
        let mut name = None;
        loop {
            if self.at_process_substitution() {
                name = Some(self.process_substitution(depth)?);
                break;
            } else if self.at_redirect() {
                let r = self.redirect(depth)?;
                cmd.redirects.push(r);
            } else if let Some(r) = self.assignment() {
                cmd.assignments.push(r);
            } else {
                break;
            }
        }
        // After a prefix, reserved words are not recognised (bash runs `A=1 fi` as a
        // command named `fi`).
        let prefixed = !cmd.redirects.is_empty() || !cmd.assignments.is_empty();
        if name.is_none()
            && let Some(t) = self.peek().filter(|t| t.is_word())
            && (prefixed || !is_reserved(self.slice(t)))
        {
            name = Some(t.start..t.end);
            self.pos += 1;
        }
        if name.is_some() {
            cmd.name = name;
            loop {
                if self.at_process_substitution() {
                    let r = self.process_substitution(depth)?;
                    cmd.args.push(r);
                } else if self.at_redirect() {
                    let r = self.redirect(depth)?;
                    cmd.redirects.push(r);
                } else if let Some(r) = self.assignment() {
                    cmd.args.push(r);
                } else if let Some(t) = self.peek().filter(|t| t.is_word()) {
                    cmd.args.push(t.start..t.end);
                    self.pos += 1;
                } else {
                    break;
                }
            }
        } else if !prefixed {
            return Err(self.unexpected());
        }
        if let Some(slot) = self.items.get_mut(k) {
            *slot = RawItem::Command(cmd);
        }
        Ok(k)
    }

    /// An assignment word here (`A=b`, or an array `a=(x y)`): consumes it and returns
    /// its range.
    fn assignment(&mut self) -> Option<Range<usize>> {
        let t = self.peek().filter(|t| t.is_word())?;
        let raw = self.slice(t);
        let prefix = assignment_prefix(raw)?;
        let start = t.start;
        if prefix == raw.len() && self.peek_at(1).is_some_and(|t| t.is_op("(")) {
            // An array: only words (and newlines) up to `)`.
            let mut k = 2;
            loop {
                match self.peek_at(k) {
                    Some(t) if t.is_word() || t.kind == Kind::Newline => k += 1,
                    Some(t) if t.is_op(")") => {
                        let end = t.end;
                        self.pos += k + 1;
                        return Some(start..end);
                    }
                    _ => break,
                }
            }
        }
        let end = t.end;
        self.pos += 1;
        Some(start..end)
    }

    fn at_process_substitution(&self) -> bool {
        (self.at_op("<") || self.at_op(">")) && self.peek_at(1).is_some_and(|t| t.is_op("("))
    }

    /// `<( list )` or `>( list )`: parses the list one level deeper and returns the
    /// range from the operator (when glued to the parenthesis) to `)`.
    fn process_substitution(&mut self, depth: u32) -> PResult<Range<usize>> {
        let op = self.bump().ok_or_else(|| self.unexpected())?;
        let open = self.expect_op("(")?;
        let start = if op.end == open.start {
            op.start
        } else {
            open.start
        };
        if depth + 1 > MAX_DEPTH {
            return Err(Failure::Limit);
        }
        self.closers.push(")");
        self.list(Connector::First, depth + 1)?;
        let close = self.expect_op(")")?;
        self.closers.pop();
        Ok(start..close.end)
    }

    fn redirect(&mut self, depth: u32) -> PResult<RawRedirect> {
        let mut fd = None;
        let mut start = None;
        if let Some(t) = self.peek().filter(|t| t.is_word()) {
            let t = t.clone();
            fd = self.io_number(&t).flatten();
            start = Some(t.start);
            self.pos += 1;
        }
        let op_tok = self.bump().ok_or_else(|| self.unexpected())?;
        let Kind::Op(op) = op_tok.kind else {
            return Err(self.unexpected());
        };
        let start = start.unwrap_or(op_tok.start);
        let target = match op {
            // Any target but a here-document delimiter may be a process substitution.
            _ if op != "<<" && op != "<<-" && self.at_process_substitution() => {
                self.process_substitution(depth)?
            }
            _ => {
                let t = self.any_word()?;
                t.start..t.end
            }
        };
        let body = match op {
            "<<" | "<<-" => op_tok.body.clone(),
            _ => None,
        };
        Ok(RawRedirect {
            fd,
            op: op.to_owned(),
            range: start..target.end,
            target: Some(target),
            body,
        })
    }
}
