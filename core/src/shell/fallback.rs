//! The fallback splitter, used when brush rejects a script (or the script trips a
//! safety limit): a tiny quote-aware tokenizer that cuts the text into simple commands
//! at unquoted `&&`, `||`, `;`, `|`, `&`, parentheses and newlines, so rules still see
//! something sensible on scripts the real parser refuses.
//!
//! It understands quotes, backslashes, `$( )`/`${ }`/backticks (kept inside words),
//! comments, redirections (with an fd number), `NAME=value` prefixes and
//! here-document bodies (skipped up to their delimiter line). Reserved words that open
//! or close a compound command (`if`, `then`, `do`, `{`, `fi`, ...) are skipped at the
//! start of a command and only adjust `depth`; `for`/`case`/`select` headers are
//! dropped. It never fails: unterminated quotes simply run to the end of the text.

use std::ops::Range;

use super::words::{unquote, word_end};
use super::{Connector, RawCommand, RawItem, RawPipe, RawRedirect};

#[derive(Debug, Clone, PartialEq, Eq)]
enum Tok {
    Word(Range<usize>),
    /// A redirection operator with its optional fd number; range covers both.
    Redirect(Option<u32>, String, Range<usize>),
    Sep(Connector),
    Pipe,
    Open,
    Close,
    /// A here-document body (from the line after its operator up to its delimiter line).
    HereBody(Range<usize>),
}

/// A pending here-document: its delimiter and whether leading tabs are stripped.
struct PendingHere {
    tag: String,
    strip_tabs: bool,
}

fn tokenize(text: &str) -> Vec<Tok> {
    let bytes = text.as_bytes();
    let mut toks = Vec::new();
    let mut pending: Vec<PendingHere> = Vec::new();
    let mut expect_tag: Option<bool> = None;
    let mut i = 0;
    while let Some(&c) = bytes.get(i) {
        let next = bytes.get(i + 1).copied();
        let at = |s: &[u8]| bytes.get(i..).is_some_and(|rest| rest.starts_with(s));
        match c {
            b' ' | b'\t' | b'\r' => i += 1,
            b'\\' if next == Some(b'\n') => i += 2,
            b'#' => {
                // A comment runs to the end of the line (the newline stays a separator).
                i = bytes
                    .get(i..)
                    .and_then(|rest| rest.iter().position(|&b| b == b'\n'))
                    .map_or(bytes.len(), |p| i + p);
            }
            b'\n' => {
                toks.push(Tok::Sep(Connector::Seq));
                i += 1;
                for here in pending.drain(..) {
                    let body_start = i;
                    let mut line_start = i;
                    let mut body_end = bytes.len();
                    let mut resume = bytes.len();
                    while line_start < bytes.len() {
                        let line_end = bytes
                            .get(line_start..)
                            .and_then(|rest| rest.iter().position(|&b| b == b'\n'))
                            .map_or(bytes.len(), |p| line_start + p);
                        let line = text.get(line_start..line_end).unwrap_or("");
                        let line = if here.strip_tabs {
                            line.trim_start_matches('\t')
                        } else {
                            line
                        };
                        if line == here.tag {
                            body_end = line_start;
                            resume = (line_end + 1).min(bytes.len());
                            break;
                        }
                        line_start = line_end + 1;
                    }
                    toks.push(Tok::HereBody(body_start..body_end.max(body_start)));
                    i = resume;
                }
            }
            b';' => {
                toks.push(Tok::Sep(Connector::Seq));
                i += if next == Some(b';') { 2 } else { 1 };
            }
            b'&' if next == Some(b'&') => {
                toks.push(Tok::Sep(Connector::And));
                i += 2;
            }
            b'|' if next == Some(b'|') => {
                toks.push(Tok::Sep(Connector::Or));
                i += 2;
            }
            b'|' => {
                toks.push(Tok::Pipe);
                i += if next == Some(b'&') { 2 } else { 1 };
            }
            b'&' if next == Some(b'>') => {
                let op = if at(b"&>>") { "&>>" } else { "&>" };
                toks.push(Tok::Redirect(None, op.to_owned(), i..i + op.len()));
                i += op.len();
            }
            b'&' => {
                toks.push(Tok::Sep(Connector::Background));
                i += 1;
            }
            b'(' => {
                toks.push(Tok::Open);
                i += 1;
            }
            b')' => {
                toks.push(Tok::Close);
                i += 1;
            }
            b'<' | b'>' => {
                let op = redirect_op(bytes, i);
                if op == "<<" || op == "<<-" {
                    expect_tag = Some(op == "<<-");
                }
                toks.push(Tok::Redirect(None, op.to_owned(), i..i + op.len()));
                i += op.len();
            }
            b'0'..=b'9' => {
                let digits_end = bytes
                    .get(i..)
                    .and_then(|rest| rest.iter().position(|b| !b.is_ascii_digit()))
                    .map_or(bytes.len(), |p| i + p);
                if matches!(bytes.get(digits_end), Some(b'<' | b'>')) {
                    let fd = text.get(i..digits_end).and_then(|d| d.parse::<u32>().ok());
                    let op = redirect_op(bytes, digits_end);
                    if op == "<<" || op == "<<-" {
                        expect_tag = Some(op == "<<-");
                    }
                    toks.push(Tok::Redirect(fd, op.to_owned(), i..digits_end + op.len()));
                    i = digits_end + op.len();
                } else {
                    i = push_word(text, i, &mut toks, &mut expect_tag, &mut pending);
                }
            }
            _ => i = push_word(text, i, &mut toks, &mut expect_tag, &mut pending),
        }
    }
    toks
}

/// The longest redirection operator at `i` (which holds `<` or `>`).
fn redirect_op(bytes: &[u8], i: usize) -> &'static str {
    let rest = bytes.get(i..).unwrap_or_default();
    const OPS: [&str; 10] = ["<<<", "<<-", "<<", "<&", "<>", "<", ">>", ">&", ">|", ">"];
    OPS.into_iter()
        .find(|op| rest.starts_with(op.as_bytes()))
        .unwrap_or(">")
}

fn push_word(
    text: &str,
    i: usize,
    toks: &mut Vec<Tok>,
    expect_tag: &mut Option<bool>,
    pending: &mut Vec<PendingHere>,
) -> usize {
    let end = word_end(text.as_bytes(), i).max(i + 1).min(text.len());
    // Always make progress, and only ever cut at character boundaries.
    let mut end = end;
    while end < text.len() && !text.is_char_boundary(end) {
        end += 1;
    }
    if let Some(strip_tabs) = expect_tag.take() {
        let (tag, _) = unquote(text.get(i..end).unwrap_or(""));
        pending.push(PendingHere { tag, strip_tabs });
    }
    toks.push(Tok::Word(i..end));
    end
}

/// Splits `text` into simple commands; never fails.
pub(crate) fn parse(text: &str) -> Vec<RawItem> {
    let toks = tokenize(text);
    let mut b = Builder {
        text,
        items: Vec::new(),
        cmd: None,
        connector: Connector::First,
        depth: 0,
        negated: false,
        header: false,
        pipe_start: None,
        next_pipe: 0,
        pending_bodies: Vec::new(),
    };
    let mut iter = toks.into_iter().peekable();
    while let Some(tok) = iter.next() {
        match tok {
            Tok::Word(r) => b.word(r),
            Tok::Redirect(fd, op, r) => {
                let target = match iter.peek() {
                    Some(Tok::Word(t)) => Some(t.clone()),
                    _ => None,
                };
                if target.is_some() {
                    iter.next();
                }
                let heredoc = op == "<<" || op == "<<-";
                let range = r.start..target.as_ref().map_or(r.end, |t| t.end);
                let cmd = b.current();
                cmd.redirects.push(RawRedirect {
                    fd,
                    op,
                    range,
                    target,
                    body: None,
                });
                let redirect = cmd.redirects.len().saturating_sub(1);
                if heredoc {
                    let at = (b.items.len(), redirect);
                    b.pending_bodies.push(at);
                }
            }
            Tok::HereBody(r) => {
                if !b.pending_bodies.is_empty() {
                    let (item, redirect) = b.pending_bodies.remove(0);
                    let slot = if item == b.items.len() {
                        b.cmd.as_mut()
                    } else {
                        match b.items.get_mut(item) {
                            Some(RawItem::Command(c)) => Some(c),
                            _ => None,
                        }
                    };
                    if let Some(red) = slot.and_then(|c| c.redirects.get_mut(redirect)) {
                        red.body = Some(r);
                    }
                }
            }
            Tok::Pipe => {
                if b.pipe_start.is_none() {
                    b.pipe_start = Some(b.items.len());
                }
                b.finish();
            }
            Tok::Sep(connector) => {
                b.finish();
                b.end_pipeline();
                b.connector = connector;
                b.negated = false;
            }
            Tok::Open => {
                b.finish();
                b.end_pipeline();
                b.depth = b.depth.saturating_add(1);
            }
            Tok::Close => {
                b.finish();
                b.end_pipeline();
                b.depth = b.depth.saturating_sub(1);
            }
        }
    }
    b.finish();
    b.end_pipeline();
    b.items
}

struct Builder<'t> {
    text: &'t str,
    items: Vec<RawItem>,
    cmd: Option<RawCommand>,
    connector: Connector,
    depth: u32,
    negated: bool,
    /// The current command is a `for`/`case`/`select` header: drop it.
    header: bool,
    /// Index in `items` of the first command of the pipeline being built.
    pipe_start: Option<usize>,
    next_pipe: usize,
    /// Here-document redirections still waiting for their body: (item index, redirect index).
    pending_bodies: Vec<(usize, usize)>,
}

impl Builder<'_> {
    fn current(&mut self) -> &mut RawCommand {
        let connector = self.connector;
        let depth = self.depth;
        let negated = self.negated;
        self.cmd
            .get_or_insert_with(|| RawCommand::new(connector, None, depth, negated))
    }

    fn word(&mut self, r: Range<usize>) {
        let raw = self.text.get(r.clone()).unwrap_or("");
        let starts_command = self.cmd.as_ref().is_none_or(|c| c.name.is_none());
        if self.header {
            return;
        }
        if starts_command {
            let is_assignment = raw
                .split_once('=')
                .is_some_and(|(name, _)| is_name(name.strip_suffix('+').unwrap_or(name)));
            if is_assignment {
                self.current().assignments.push(r);
                return;
            }
            if self
                .cmd
                .as_ref()
                .is_none_or(|c| c.assignments.is_empty() && c.redirects.is_empty())
            {
                match raw {
                    "if" | "while" | "until" | "{" => {
                        self.depth = self.depth.saturating_add(1);
                        return;
                    }
                    "then" | "do" | "else" | "elif" | "time" => return,
                    "!" => {
                        self.negated = true;
                        return;
                    }
                    "fi" | "done" | "esac" | "}" => {
                        self.depth = self.depth.saturating_sub(1);
                        return;
                    }
                    "for" | "case" | "select" | "function" => {
                        if raw != "function" {
                            self.depth = self.depth.saturating_add(1);
                        }
                        self.header = true;
                        return;
                    }
                    _ => {}
                }
            }
            self.current().name = Some(r);
        } else {
            self.current().args.push(r);
        }
    }

    fn finish(&mut self) {
        self.header = false;
        if let Some(cmd) = self.cmd.take() {
            if cmd.name.is_some() || !cmd.assignments.is_empty() || !cmd.redirects.is_empty() {
                self.items.push(RawItem::Command(cmd));
            } else {
                // Nothing to keep; forget body slots that pointed at it.
                let gone = self.items.len();
                self.pending_bodies.retain(|&(item, _)| item != gone);
            }
        }
    }

    fn end_pipeline(&mut self) {
        if let Some(start) = self.pipe_start.take() {
            let len = self.items.len().saturating_sub(start);
            if len >= 2 {
                let id = self.next_pipe;
                self.next_pipe += 1;
                let connector = match self.items.get(start) {
                    Some(RawItem::Command(c)) => c.connector,
                    _ => Connector::First,
                };
                for (index, item) in self.items.iter_mut().skip(start).enumerate() {
                    if let RawItem::Command(c) = item {
                        c.pipeline = Some(RawPipe { index, len, id });
                        c.connector = connector;
                    }
                }
            }
        }
    }
}

fn is_name(s: &str) -> bool {
    let mut chars = s.chars();
    chars
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
}
