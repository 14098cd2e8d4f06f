//! The `brush-parser` backend: tokenizes and parses a script with brush, then walks
//! its AST into [`RawItem`]s.
//!
//! Brush reports positions as *character* indices (it reads the input through a
//! `char` iterator), so every position goes through [`CharOffsets`] to become a byte
//! offset. Its AST has no positions for redirection operators, so those are recovered
//! from the token stream (sorted by position) next to the redirection's target word.

use std::borrow::Cow;
use std::ops::Range;

use brush_parser::ast;
use brush_parser::{ParseError, ParserOptions, Token, TokenizerError};

use super::{
    Backend, Connector, Failure, MAX_LEN, MAX_NESTING, RawCommand, RawError, RawItem, RawPipe,
    RawRedirect, words,
};

/// The brush backend (stateless).
pub(crate) struct Brush;

impl Backend for Brush {
    /// Brush 0.4 has sharp edges, found by fuzzing, which are kept away from it: deep
    /// nesting and long scripts (slow recursive descent, stack), fd numbers too large
    /// for an `i32` before `<`/`>` (it panics) and here-documents whose delimiter is
    /// not an ordinary word (it can loop forever; see [`has_risky_heredoc`]).
    fn accepts(&self, text: &str) -> bool {
        text.len() <= MAX_LEN
            && !words::nesting_exceeds(text, MAX_NESTING)
            && !has_huge_fd_number(text)
            && !has_risky_heredoc(text)
    }

    fn parse(&self, text: &str) -> Result<Vec<RawItem>, Failure> {
        self.parse_raw(text).map_err(Failure::Syntax)
    }
}

impl Brush {
    fn parse_raw(&self, text: &str) -> Result<Vec<RawItem>, RawError> {
        // A carriage return or form feed right after a here-document operator sends
        // brush 0.4's tokenizer into an endless loop; both are ordinary whitespace to a
        // linter anyway (think CRLF files), and the swap keeps every offset unchanged.
        let input: Cow<'_, str> = if text.contains(['\r', '\x0c']) {
            Cow::Owned(text.replace(['\r', '\x0c'], " "))
        } else {
            Cow::Borrowed(text)
        };
        let options = ParserOptions {
            enable_extended_globbing: false,
            ..ParserOptions::default()
        };
        let chars = CharOffsets::new(text);
        let tokens = brush_parser::uncached_tokenize_str(&input, &options.tokenizer_options())
            .map_err(|e| tokenizer_error(&e, &chars, text))?;
        let mut toks: Vec<Tok> = tokens
            .iter()
            .map(|t| {
                let loc = t.location();
                Tok {
                    start: chars.byte(loc.start.index),
                    end: chars.byte(loc.end.index),
                    op: matches!(t, Token::Operator(..)),
                }
            })
            .collect();
        toks.sort_by_key(|t| (t.start, t.end));
        let program = brush_parser::parse_tokens(&tokens, &options).map_err(|e| {
            // Brush reports the furthest point its grammar reached: often the end of the
            // input (a missing `done`), or a token after the culprit (`a; then b` is
            // reported at `b`). A keyword balance check over the tokens finds a stray
            // `then`/`fi`/`done` exactly; prefer it when it is not after brush's spot.
            let ours = unbalanced_keyword(text, &toks);
            let theirs = parse_error(&e, &tokens, &chars, text);
            match ours {
                Some(ours) if ours.range.start <= theirs.range.start => ours,
                _ => theirs,
            }
        })?;

        let mut walker = Walker {
            text,
            chars,
            toks,
            items: Vec::new(),
            next_pipe: 0,
        };
        let top = Ctx {
            depth: 0,
            pipe: None,
            negated: false,
        };
        let mut connector = Connector::First;
        for list in &program.complete_commands {
            connector = walker.list(list, connector, top);
        }
        Ok(walker.items)
    }
}

/// Character index → byte offset, for one text.
pub(crate) struct CharOffsets {
    /// Byte offset of each character, plus the text length; `None` for ASCII text
    /// where the two coincide.
    offsets: Option<Vec<u32>>,
    len: usize,
}

impl CharOffsets {
    pub(crate) fn new(text: &str) -> Self {
        let offsets = if text.is_ascii() {
            None
        } else {
            let mut v: Vec<u32> = text.char_indices().map(|(i, _)| i as u32).collect();
            v.push(text.len() as u32);
            Some(v)
        };
        CharOffsets {
            offsets,
            len: text.len(),
        }
    }

    pub(crate) fn byte(&self, char_index: usize) -> usize {
        match &self.offsets {
            None => char_index.min(self.len),
            Some(v) => v.get(char_index).map_or(self.len, |&b| b as usize),
        }
    }
}

/// A token's byte range, for locating what the AST leaves unlocated.
#[derive(Clone, Copy, Debug)]
struct Tok {
    start: usize,
    end: usize,
    op: bool,
}

/// Context inherited by everything nested in a command.
#[derive(Clone, Copy)]
struct Ctx {
    depth: u32,
    pipe: Option<RawPipe>,
    negated: bool,
}

impl Ctx {
    fn nested(self) -> Ctx {
        Ctx {
            depth: self.depth.saturating_add(1),
            ..self
        }
    }
}

struct Walker<'t> {
    text: &'t str,
    chars: CharOffsets,
    toks: Vec<Tok>,
    items: Vec<RawItem>,
    next_pipe: usize,
}

impl Walker<'_> {
    fn word(&self, w: &ast::Word) -> Option<Range<usize>> {
        w.loc
            .as_ref()
            .map(|l| self.chars.byte(l.start.index)..self.chars.byte(l.end.index))
            .filter(|r| r.start <= r.end)
    }

    fn span(&self, s: &brush_parser::SourceSpan) -> Range<usize> {
        let start = self.chars.byte(s.start.index);
        start..self.chars.byte(s.end.index).max(start)
    }

    /// The last operator token that starts before `at`, looking back over at most
    /// `max_back` tokens.
    fn op_before(&self, at: usize, max_back: usize) -> Option<(usize, Tok)> {
        let k = self.toks.partition_point(|t| t.start < at);
        (k.saturating_sub(max_back)..k)
            .rev()
            .find_map(|i| self.toks.get(i).filter(|t| t.op).map(|t| (i, *t)))
    }

    /// Walks a list; returns the connector for whatever follows it in the same list.
    fn list(&mut self, list: &ast::CompoundList, first: Connector, ctx: Ctx) -> Connector {
        let mut connector = first;
        for item in &list.0 {
            self.and_or(&item.0, connector, ctx);
            connector = match item.1 {
                ast::SeparatorOperator::Async => Connector::Background,
                ast::SeparatorOperator::Sequence => Connector::Seq,
            };
        }
        connector
    }

    fn and_or(&mut self, list: &ast::AndOrList, first: Connector, ctx: Ctx) {
        self.pipeline(&list.first, first, ctx);
        for next in &list.additional {
            match next {
                ast::AndOr::And(p) => self.pipeline(p, Connector::And, ctx),
                ast::AndOr::Or(p) => self.pipeline(p, Connector::Or, ctx),
            }
        }
    }

    fn pipeline(&mut self, p: &ast::Pipeline, connector: Connector, ctx: Ctx) {
        let len = p.seq.len();
        let id = (len >= 2).then(|| {
            self.next_pipe += 1;
            self.next_pipe - 1
        });
        for (index, command) in p.seq.iter().enumerate() {
            let inner = Ctx {
                depth: ctx.depth,
                pipe: id.map(|id| RawPipe { index, len, id }).or(ctx.pipe),
                negated: ctx.negated || p.bang,
            };
            self.command(command, connector, inner);
        }
    }

    fn command(&mut self, command: &ast::Command, connector: Connector, ctx: Ctx) {
        match command {
            ast::Command::Simple(s) => self.simple(s, connector, ctx),
            ast::Command::Compound(c, redirects) => {
                self.compound(c, connector, ctx);
                if let Some(r) = redirects {
                    self.loose_redirects(&r.0, ctx);
                }
            }
            ast::Command::Function(f) => {
                self.compound(&f.body.0, connector, ctx);
                if let Some(r) = &f.body.1 {
                    self.loose_redirects(&r.0, ctx);
                }
            }
            ast::Command::ExtendedTest(test, redirects) => {
                let mut words = Vec::new();
                self.test_words(&test.expr, &mut words, 0);
                self.push_loose(words, ctx.depth);
                if let Some(r) = redirects {
                    self.loose_redirects(&r.0, ctx);
                }
            }
        }
    }

    fn test_words(&self, expr: &ast::ExtendedTestExpr, out: &mut Vec<Range<usize>>, level: u32) {
        if level > 64 {
            return;
        }
        match expr {
            ast::ExtendedTestExpr::And(a, b) | ast::ExtendedTestExpr::Or(a, b) => {
                self.test_words(a, out, level + 1);
                self.test_words(b, out, level + 1);
            }
            ast::ExtendedTestExpr::Not(a) | ast::ExtendedTestExpr::Parenthesized(a) => {
                self.test_words(a, out, level + 1);
            }
            ast::ExtendedTestExpr::UnaryTest(_, w) => out.extend(self.word(w)),
            ast::ExtendedTestExpr::BinaryTest(_, a, b) => {
                out.extend(self.word(a));
                out.extend(self.word(b));
            }
        }
    }

    fn push_loose(&mut self, words: Vec<Range<usize>>, depth: u32) {
        if !words.is_empty() {
            self.items.push(RawItem::Words { words, depth });
        }
    }

    /// Redirections of compound commands and functions: only their words matter
    /// (for substitutions), plus any process substitution.
    fn loose_redirects(&mut self, redirects: &[ast::IoRedirect], ctx: Ctx) {
        let mut nested = Vec::new();
        let words: Vec<Range<usize>> = redirects
            .iter()
            .filter_map(|r| self.redirect(r, &mut nested).target)
            .collect();
        self.push_loose(words, ctx.depth);
        for sub in nested {
            self.list(&sub.list, Connector::First, ctx.nested());
        }
    }

    fn compound(&mut self, c: &ast::CompoundCommand, connector: Connector, ctx: Ctx) {
        let inner = ctx.nested();
        match c {
            ast::CompoundCommand::Arithmetic(_) => {}
            ast::CompoundCommand::ArithmeticForClause(f) => {
                self.list(&f.body.list, connector, inner);
            }
            ast::CompoundCommand::BraceGroup(b) => {
                self.list(&b.list, connector, inner);
            }
            ast::CompoundCommand::Subshell(s) => {
                self.list(&s.list, connector, inner);
            }
            ast::CompoundCommand::ForClause(f) => {
                let words = f
                    .values
                    .iter()
                    .flatten()
                    .filter_map(|w| self.word(w))
                    .collect();
                self.push_loose(words, ctx.depth);
                self.list(&f.body.list, connector, inner);
            }
            ast::CompoundCommand::CaseClause(c) => {
                self.push_loose(self.word(&c.value).into_iter().collect(), ctx.depth);
                for item in &c.cases {
                    let patterns = item.patterns.iter().filter_map(|w| self.word(w)).collect();
                    self.push_loose(patterns, ctx.depth);
                    if let Some(list) = &item.cmd {
                        // Each branch is an alternative to the others: all follow
                        // whatever preceded the `case`.
                        self.list(list, connector, inner);
                    }
                }
            }
            ast::CompoundCommand::IfClause(i) => {
                self.list(&i.condition, connector, inner);
                self.list(&i.then, Connector::And, inner);
                for branch in i.elses.iter().flatten() {
                    match &branch.condition {
                        Some(condition) => {
                            self.list(condition, Connector::Or, inner);
                            self.list(&branch.body, Connector::And, inner);
                        }
                        None => {
                            self.list(&branch.body, Connector::Or, inner);
                        }
                    }
                }
            }
            ast::CompoundCommand::WhileClause(w) => {
                self.list(&w.0, connector, inner);
                self.list(&w.1.list, Connector::And, inner);
            }
            ast::CompoundCommand::UntilClause(w) => {
                self.list(&w.0, connector, inner);
                self.list(&w.1.list, Connector::Or, inner);
            }
            ast::CompoundCommand::Coprocess(c) => {
                self.command(&c.body, connector, inner);
            }
        }
    }

    fn simple(&mut self, s: &ast::SimpleCommand, connector: Connector, ctx: Ctx) {
        let mut cmd = RawCommand::new(connector, ctx.pipe, ctx.depth, ctx.negated);
        let mut nested = Vec::new();
        for item in s.prefix.iter().flat_map(|p| p.0.iter()) {
            match item {
                ast::CommandPrefixOrSuffixItem::AssignmentWord(a, w) => {
                    if let Some(r) = self.word(w).or_else(|| Some(self.span(&a.loc))) {
                        cmd.assignments.push(r);
                    }
                }
                other => self.suffix_item(other, &mut cmd, &mut nested),
            }
        }
        cmd.name = s.word_or_name.as_ref().and_then(|w| self.word(w));
        for item in s.suffix.iter().flat_map(|p| p.0.iter()) {
            self.suffix_item(item, &mut cmd, &mut nested);
        }
        self.items.push(RawItem::Command(cmd));
        for sub in nested {
            self.list(&sub.list, Connector::First, ctx.nested());
        }
    }

    fn suffix_item<'a>(
        &self,
        item: &'a ast::CommandPrefixOrSuffixItem,
        cmd: &mut RawCommand,
        nested: &mut Vec<&'a ast::SubshellCommand>,
    ) {
        match item {
            ast::CommandPrefixOrSuffixItem::Word(w) => cmd.args.extend(self.word(w)),
            // `export A=b`, `make CC=cc`: an argument that looks like an assignment.
            ast::CommandPrefixOrSuffixItem::AssignmentWord(a, w) => {
                cmd.args
                    .push(self.word(w).unwrap_or_else(|| self.span(&a.loc)));
            }
            ast::CommandPrefixOrSuffixItem::IoRedirect(r) => {
                let redirect = self.redirect(r, nested);
                cmd.redirects.push(redirect);
            }
            ast::CommandPrefixOrSuffixItem::ProcessSubstitution(_, sub) => {
                cmd.args.push(self.process_substitution(sub));
                nested.push(sub);
            }
        }
    }

    /// The range of `<(...)`/`>(...)`: the subshell's parentheses plus the operator before.
    fn process_substitution(&self, sub: &ast::SubshellCommand) -> Range<usize> {
        let r = self.span(&sub.loc);
        match self.op_before(r.start, 1) {
            Some((_, t)) if t.end == r.start => t.start..r.end,
            _ => r,
        }
    }

    fn redirect<'a>(
        &self,
        r: &'a ast::IoRedirect,
        nested: &mut Vec<&'a ast::SubshellCommand>,
    ) -> RawRedirect {
        type Parts = (
            Option<i32>,
            &'static str,
            Option<Range<usize>>,
            Option<Range<usize>>,
        );
        let (fd, op, target, body): Parts = match r {
            ast::IoRedirect::File(fd, kind, target) => {
                let op = match kind {
                    ast::IoFileRedirectKind::Read => "<",
                    ast::IoFileRedirectKind::Write => ">",
                    ast::IoFileRedirectKind::Append => ">>",
                    ast::IoFileRedirectKind::ReadAndWrite => "<>",
                    ast::IoFileRedirectKind::Clobber => ">|",
                    ast::IoFileRedirectKind::DuplicateInput => "<&",
                    ast::IoFileRedirectKind::DuplicateOutput => ">&",
                };
                let target = match target {
                    ast::IoFileRedirectTarget::Filename(w)
                    | ast::IoFileRedirectTarget::Duplicate(w) => self.word(w),
                    ast::IoFileRedirectTarget::Fd(_) => None,
                    ast::IoFileRedirectTarget::ProcessSubstitution(_, sub) => {
                        nested.push(sub);
                        Some(self.process_substitution(sub))
                    }
                };
                (*fd, op, target, None)
            }
            ast::IoRedirect::HereDocument(fd, doc) => {
                let op = if doc.remove_tabs { "<<-" } else { "<<" };
                let body = self.word(&doc.doc).map(|r| self.heredoc_body(r));
                (*fd, op, self.word(&doc.here_end), body)
            }
            ast::IoRedirect::HereString(fd, w) => (*fd, "<<<", self.word(w), None),
            ast::IoRedirect::OutputAndError(w, append) => {
                (None, if *append { "&>>" } else { "&>" }, self.word(w), None)
            }
        };
        let range = match &target {
            Some(t) => {
                // The operator is the operator token just before the target (an
                // `io_number` such as the `2` in `2>` is the token before that).
                let op_tok = self.op_before(t.start, 2);
                let start = match (op_tok, fd) {
                    (Some((i, op_tok)), Some(_)) => i
                        .checked_sub(1)
                        .and_then(|j| self.toks.get(j))
                        .filter(|n| !n.op && n.end == op_tok.start)
                        .map_or(op_tok.start, |n| n.start),
                    (Some((_, op_tok)), None) => op_tok.start,
                    (None, _) => t.start,
                };
                start.min(t.start)..t.end
            }
            None => 0..0,
        };
        RawRedirect {
            fd: fd.and_then(|n| u32::try_from(n).ok()),
            op: op.to_owned(),
            range,
            target,
            body,
        }
    }

    /// Brush's here-document token spans the body *and* the closing delimiter line;
    /// keep the body only.
    fn heredoc_body(&self, r: Range<usize>) -> Range<usize> {
        strip_closing_line(self.text, r)
    }
}

/// Cuts the closing delimiter line off a here-document token's text.
fn strip_closing_line(text: &str, r: Range<usize>) -> Range<usize> {
    let Some(s) = text.get(r.clone()) else {
        return r.start..r.start;
    };
    let trimmed = s.strip_suffix('\n').unwrap_or(s);
    match trimmed.rfind('\n') {
        Some(p) => r.start..r.start + p + 1,
        None => r.start..r.start,
    }
}

fn tokenizer_error(e: &TokenizerError, chars: &CharOffsets, text: &str) -> RawError {
    let from = |p: &brush_parser::SourcePosition| chars.byte(p.index)..text.len();
    let end = text.len()..text.len();
    let (message, range) = match e {
        TokenizerError::UnterminatedSingleQuote(p) => {
            ("unterminated single quote".to_owned(), from(p))
        }
        TokenizerError::UnterminatedDoubleQuote(p) => {
            ("unterminated double quote".to_owned(), from(p))
        }
        TokenizerError::UnterminatedAnsiCQuote(p) => {
            ("unterminated $'...' quote".to_owned(), from(p))
        }
        TokenizerError::UnterminatedBackquote(p) => ("unterminated backquote".to_owned(), from(p)),
        TokenizerError::UnterminatedExtendedGlob(p) => {
            ("unterminated extended glob".to_owned(), from(p))
        }
        TokenizerError::UnterminatedEscapeSequence => {
            ("unterminated escape sequence".to_owned(), end)
        }
        TokenizerError::UnterminatedVariable => ("unterminated ${...} expansion".to_owned(), end),
        TokenizerError::UnterminatedCommandSubstitution => {
            ("unterminated command substitution".to_owned(), end)
        }
        TokenizerError::UnterminatedExpansion => ("unterminated expansion".to_owned(), end),
        TokenizerError::UnterminatedHereDocuments(tags, _) if !tags.is_empty() => (
            format!("here-document delimited by `{tags}` is not terminated"),
            end,
        ),
        TokenizerError::UnterminatedHereDocuments(..) => {
            ("here-document is not terminated".to_owned(), end)
        }
        TokenizerError::MissingHereTag(_) | TokenizerError::MissingHereTagForDocumentBody => {
            ("here-document without a delimiter".to_owned(), end)
        }
        other => (other.to_string(), end),
    };
    RawError { message, range }
}

fn parse_error(e: &ParseError, tokens: &[Token], chars: &CharOffsets, text: &str) -> RawError {
    match e {
        ParseError::ParsingNear(p) => {
            let start = chars.byte(p.index);
            let token = tokens
                .iter()
                .find(|t| t.location().start.index == p.index)
                .map(|t| (t.to_str(), chars.byte(t.location().end.index)));
            match token {
                Some(("\n", _)) => RawError {
                    message: "syntax error near unexpected newline".to_owned(),
                    range: start..start,
                },
                Some((tok, end)) => RawError {
                    message: format!("syntax error near unexpected token `{tok}`"),
                    range: start..end.max(start),
                },
                None => RawError {
                    message: "syntax error".to_owned(),
                    range: start..start,
                },
            }
        }
        ParseError::ParsingAtEndOfInput => RawError {
            message: "syntax error: unexpected end of script".to_owned(),
            range: text.len()..text.len(),
        },
        ParseError::Tokenizing { inner, .. } => tokenizer_error(inner, chars, text),
    }
}

/// Finds the first reserved word that closes nothing open (`fi` without `if`, `then`
/// outside an `if`...), or the construct left open at the end, by tracking which
/// closers are expected. Only reserved words in command position count.
fn unbalanced_keyword(text: &str, toks: &[Tok]) -> Option<RawError> {
    let mut expected: Vec<&'static str> = Vec::new();
    let mut at_start = true;
    let mut skip_word = false;
    let unexpected = |t: &Tok, s: &str| RawError {
        message: format!("syntax error near unexpected token `{s}`"),
        range: t.start..t.end,
    };
    for t in toks.iter().filter(|t| t.end > t.start) {
        let s = text.get(t.start..t.end).unwrap_or("");
        let in_case = expected.last() == Some(&"esac");
        if t.op {
            match s {
                "(" if !in_case => expected.push(")"),
                ")" if !in_case => {
                    if expected.last() == Some(&")") {
                        expected.pop();
                    } else {
                        return Some(unexpected(t, s));
                    }
                }
                _ => {}
            }
            // After a redirection operator comes its target, not a command.
            skip_word = s.starts_with(['<', '>']) || s.starts_with("&>");
            at_start = !skip_word;
            continue;
        }
        if std::mem::take(&mut skip_word) || !at_start {
            continue;
        }
        let top = expected.last().copied();
        match s {
            "if" | "while" | "until" | "{" | "!" | "then" | "do" | "else" | "elif" => {
                match s {
                    "if" => expected.push("fi"),
                    "while" | "until" => expected.push("done"),
                    "{" => expected.push("}"),
                    "then" | "else" | "elif" if top != Some("fi") => return Some(unexpected(t, s)),
                    "do" if top != Some("done") => return Some(unexpected(t, s)),
                    _ => {}
                }
                at_start = true;
            }
            "for" | "select" => {
                expected.push("done");
                at_start = false;
            }
            "case" => {
                expected.push("esac");
                at_start = false;
            }
            "fi" | "done" | "esac" | "}" => {
                if top == Some(s) {
                    expected.pop();
                    at_start = false;
                } else {
                    return Some(unexpected(t, s));
                }
            }
            // An assignment keeps the command position open.
            _ => {
                at_start = s.split_once('=').is_some_and(|(n, _)| {
                    !n.is_empty() && n.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_')
                })
            }
        }
    }
    expected.last().map(|closer| RawError {
        message: format!("syntax error: unexpected end of script (missing `{closer}`)"),
        range: text.len()..text.len(),
    })
}

/// A run of 10+ digits right before `<` or `>` (brush parses it as an `i32` fd and
/// panics on overflow).
fn has_huge_fd_number(text: &str) -> bool {
    let mut run = 0usize;
    for b in text.bytes() {
        if b.is_ascii_digit() {
            run += 1;
        } else {
            if run >= 10 && (b == b'<' || b == b'>') {
                return true;
            }
            run = 0;
        }
    }
    false
}

/// Whether some `<<`/`<<-` is followed by anything but an ordinary delimiter (see
/// [`plain_delimiter`]), or by blanks when a `$(`, `${` or backtick comes earlier
/// (inside those, brush takes the blank for the delimiter). Brush 0.4's tokenizer can
/// loop forever, allocating without bound, when a here-document delimiter it reads is
/// empty. Deliberately blind to quotes and comments, so it cannot be fooled by text it
/// reads differently from brush; a false alarm only costs precision (the fallback
/// splitter is used).
pub(crate) fn has_risky_heredoc(text: &str) -> bool {
    let bytes = text.as_bytes();
    let first_nestable = bytes
        .windows(2)
        .position(|w| matches!(w, b"$(" | b"${" | b"$[") || w.first() == Some(&b'`'))
        .unwrap_or(usize::MAX);
    let mut exemptions = 0;
    let mut i = 0;
    while let Some(p) = bytes
        .get(i..)
        .and_then(|rest| rest.iter().position(|&b| b == b'<'))
    {
        // A run of `<`: the shell cuts it greedily into `<<<` here-strings, so it ends
        // in a here-document operator when the unescaped part's length is 3k + 2.
        let run_start = i + p;
        let run_len = bytes
            .get(run_start..)
            .map_or(0, |rest| rest.iter().take_while(|&&b| b == b'<').count());
        let run_end = run_start + run_len;
        i = run_end;
        let backslashes = bytes
            .get(..run_start)
            .map_or(0, |b| b.iter().rev().take_while(|&&c| c == b'\\').count());
        let operators = run_len - usize::from(backslashes % 2 == 1).min(run_len);
        if operators % 3 != 2 {
            continue;
        }
        let at = run_end - 2;
        let mut j = run_end;
        if bytes.get(j) == Some(&b'-') {
            j += 1;
        }
        let before = bytes.get(..at).unwrap_or_default();
        let after = bytes.get(j..).unwrap_or_default();
        // `$((1 << 2))` is a shift, not a here-document. Checking that costs a scan, so
        // only a bounded number of shifts is accepted (keeps this linear).
        let mut shift = || {
            exemptions += 1;
            exemptions <= 32 && inside_arithmetic(before, after)
        };
        if first_nestable < at && matches!(bytes.get(j), Some(b' ' | b'\t')) && !shift() {
            return true;
        }
        if !plain_delimiter(after_blanks(bytes, j)) && !shift() {
            return true;
        }
    }
    false
}

fn after_blanks(bytes: &[u8], mut j: usize) -> &[u8] {
    while matches!(bytes.get(j), Some(b' ' | b'\t')) {
        j += 1;
    }
    bytes.get(j..).unwrap_or_default()
}

/// A here-document delimiter of the ordinary kind: `EOF`, `'EOF'`, `"EOF"` or `\EOF`
/// made of letters, digits, `_`, `.` and `-`, ending where a word ends.
fn plain_delimiter(rest: &[u8]) -> bool {
    let (quote, body) = match rest.first() {
        Some(&q @ (b'\'' | b'"')) => (Some(q), rest.get(1..).unwrap_or_default()),
        Some(b'\\') => (None, rest.get(1..).unwrap_or_default()),
        _ => (None, rest),
    };
    let n = body
        .iter()
        .take_while(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'.' | b'-'))
        .count();
    let mut after = body.get(n..).unwrap_or_default();
    if let Some(q) = quote {
        if after.first() != Some(&q) {
            return false;
        }
        after = after.get(1..).unwrap_or_default();
    }
    n > 0
        && matches!(
            after.first(),
            None | Some(
                b' ' | b'\t' | b'\r' | b'\x0c' | b'\n' | b';' | b'&' | b'|' | b'<' | b'>' | b')'
            )
        )
}

/// Whether a `<<` between `before` and `after` is a shift inside a plain `$(( ))`:
/// the last `$((` of `before` is still open, it closes in `after`, and the whole
/// expression is simple arithmetic (names, numbers, operators, parentheses, `$NAME`),
/// so brush's tokenizer cannot take the `<<` for a here-document.
fn inside_arithmetic(before: &[u8], after: &[u8]) -> bool {
    let Some(open) = before.windows(3).rposition(|w| w == b"$((") else {
        return false;
    };
    let head = before.get(open + 3..).unwrap_or_default();
    let Some(close) = after.windows(2).position(|w| w == b"))") else {
        return false;
    };
    let tail = after.get(..close).unwrap_or_default();
    let simple = |s: &[u8]| {
        s.iter().enumerate().all(|(k, &b)| {
            b.is_ascii_alphanumeric()
                || matches!(
                    b,
                    b' ' | b'\t'
                        | b'+'
                        | b'-'
                        | b'*'
                        | b'/'
                        | b'%'
                        | b'<'
                        | b'>'
                        | b'='
                        | b'!'
                        | b'&'
                        | b'|'
                        | b'^'
                        | b'~'
                        | b'?'
                        | b':'
                        | b','
                        | b'_'
                        | b'('
                        | b')'
                )
                || (b == b'$'
                    && s.get(k + 1)
                        .is_some_and(|n| n.is_ascii_alphanumeric() || *n == b'_'))
        })
    };
    simple(head) && simple(tail) && !head.windows(2).any(|w| w == b"))")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn risky_heredocs() {
        assert!(!has_risky_heredoc("cat <<EOF\nx\nEOF"));
        assert!(!has_risky_heredoc("cat <<-'EOF'\nx\nEOF"));
        assert!(!has_risky_heredoc("cat <<< \"x\" && echo $((1 << 2))"));
        assert!(has_risky_heredoc("$(<< <t "));
        assert!(has_risky_heredoc("$(x <<\"\" "));
        assert!(has_risky_heredoc("a <<\r "));
        assert!(has_risky_heredoc("a <<"));
        assert!(has_risky_heredoc("<<$( <= "));
        assert!(has_risky_heredoc("cat <<`x`"));
        assert!(has_risky_heredoc("$(<<\t e "));
        assert!(has_risky_heredoc("echo $(cat << EOF\nx\nEOF\n)"));
        assert!(!has_risky_heredoc("echo $(cat <<EOF\nx\nEOF\n)"));
        assert!(!has_risky_heredoc("echo ${A} $(b) && cat <<EOF\nx\nEOF"));
        assert!(!has_risky_heredoc("cat << EOF\n$(x)\nEOF"));
        // Conservative on purpose: blind to quotes, wary of blanks after a `$(`.
        assert!(has_risky_heredoc("echo ${A} && cat << EOF\nx\nEOF"));
        assert!(has_risky_heredoc("echo \"<<\""));
        assert!(has_risky_heredoc("#'\n<<\x0c "));
        assert!(has_risky_heredoc("$((<< <t "));
        assert!(has_risky_heredoc("${<<\"\"} "));
        assert!(has_risky_heredoc("<<<<<\"\" "));
        assert!(!has_risky_heredoc("<<<<<x "));
        assert!(!has_risky_heredoc("cat <<<<<<\"$x\""));
        assert!(has_risky_heredoc("$[))<<\t 3 "));
        assert!(has_risky_heredoc("$(($[]<<\"\")) "));
        assert!(!has_risky_heredoc(
            "a=$(( (x << 2) | $y <<1 )) && $((1<<3))"
        ));
        assert!(!has_risky_heredoc("cat <<< \"$x\" && tr a b <<<$y"));
        assert!(has_risky_heredoc("\\<<<$x"));
        assert!(!has_risky_heredoc("cat <<EOF\r\nx\r\nEOF\r\n"));
        assert!(!has_risky_heredoc("cat <<\"E_1.x\" <<\\F >out\n"));
        assert!(has_risky_heredoc("cat <<'my tag'\n"));
        assert!(has_risky_heredoc("''\\<<<$( &r "));
    }
}
