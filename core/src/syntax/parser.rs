//! The line-level driver: directives, comments, continuations, heredocs, and the
//! per-instruction argument parsers of BuildKit's `line_parsers.go`.

use super::words::{
    JsonError, extract_flags, is_space, is_ws_delim, parse_json_array, parse_words, split_ws,
    trim_space,
};
use super::*;

/// One physical line: `start..content_end` is the text, `content_end..end` the line break.
#[derive(Clone, Copy, Debug)]
struct Line {
    start: usize,
    content_end: usize,
    end: usize,
}

fn split_lines(text: &str, from: usize) -> Vec<Line> {
    let bytes = text.as_bytes();
    let mut lines = Vec::new();
    let mut start = from;
    while start < bytes.len() {
        let end = match bytes[start..].iter().position(|&b| b == b'\n') {
            Some(i) => start + i + 1,
            None => bytes.len(),
        };
        // BuildKit's trimNewline: strip every trailing \r and \n.
        let mut content_end = end;
        while content_end > start && matches!(bytes[content_end - 1], b'\r' | b'\n') {
            content_end -= 1;
        }
        lines.push(Line {
            start,
            content_end,
            end,
        });
        start = end;
    }
    lines
}

/// Appends tokens from its cursor on, so that they tile the text without gaps.
struct TokenBuilder<'a> {
    text: &'a str,
    tokens: Vec<Token>,
    cursor: usize,
}

impl TokenBuilder<'_> {
    /// Emits a token from the cursor to `end` (nothing when empty).
    fn emit(&mut self, kind: TokenKind, end: usize) {
        let end = end.clamp(self.cursor, self.text.len());
        if end > self.cursor {
            self.tokens.push(Token {
                kind,
                range: TextRange::new(self.cursor, end),
            });
            self.cursor = end;
        }
    }

    /// Leading blanks, `kind` for the rest of the content, then the line break.
    fn line(&mut self, line: Line, kind: TokenKind) {
        let content = &self.text[self.cursor.max(line.start)..line.content_end];
        let lead = content.len() - content.trim_start_matches(is_space).len();
        self.emit(TokenKind::Whitespace, self.cursor.max(line.start) + lead);
        self.emit(kind, line.content_end);
        self.emit(TokenKind::Newline, line.end);
    }

    /// The tokens of an instruction's physical lines, heredoc lines included.
    fn instruction_lines(&mut self, lines: &[(Line, LineRole)], keyword: TextRange) {
        for (k, &(line, role)) in lines.iter().enumerate() {
            match role {
                LineRole::Text { cont } => self.text_line(line, cont, keyword, k == 0),
                LineRole::Comment => self.line(line, TokenKind::Comment),
                LineRole::Blank => self.line(line, TokenKind::Whitespace),
                LineRole::HeredocBody => self.emit(TokenKind::HeredocBody, line.end),
                LineRole::HeredocEnd => {
                    self.emit(TokenKind::HeredocEnd, line.content_end);
                    self.emit(TokenKind::Newline, line.end);
                }
            }
        }
    }

    /// A line of instruction text: its blanks, the keyword if it lies on this line, the
    /// text, the continuation character with the blanks after it, the line break.
    fn text_line(&mut self, line: Line, cont: Option<usize>, keyword: TextRange, first: bool) {
        let raw = &self.text[line.start..line.content_end];
        self.emit(TokenKind::Whitespace, line.start + leading_blanks(raw));
        if first {
            if keyword.end() <= line.content_end {
                self.emit(TokenKind::Keyword, keyword.end());
            }
        } else if keyword.start() >= self.cursor && keyword.end() <= line.content_end {
            // Only continuation characters came before: the keyword starts on a later line.
            self.emit(TokenKind::Text, keyword.start());
            self.emit(TokenKind::Keyword, keyword.end());
        }
        match cont {
            Some(c) => {
                self.emit(TokenKind::Text, c);
                self.emit(TokenKind::Continuation, line.content_end);
            }
            None => self.emit(TokenKind::Text, line.content_end),
        }
        self.emit(TokenKind::Newline, line.end);
    }
}

/// The length of the blanks that start `s`.
fn leading_blanks(s: &str) -> usize {
    s.len() - s.trim_start_matches(is_space).len()
}

/// The directive regexp `^#\s*([a-zA-Z][a-zA-Z0-9]*)\s*=\s*(.+?)\s*$` (RE2 `\s` is ASCII).
fn match_directive(line: &str) -> Option<(String, usize, usize)> {
    let is_s = |c: char| matches!(c, ' ' | '\t' | '\n' | '\r' | '\u{0c}');
    let rest = line.strip_prefix('#')?;
    let after_hash = rest.trim_start_matches(is_s);
    let name_len = after_hash
        .char_indices()
        .find(|&(i, c)| !(c.is_ascii_alphabetic() || (i > 0 && c.is_ascii_digit())))
        .map_or(after_hash.len(), |(i, _)| i);
    if name_len == 0 {
        return None;
    }
    let name = &after_hash[..name_len];
    let after_name = after_hash[name_len..].trim_start_matches(is_s);
    let value = after_name.strip_prefix('=')?.trim_start_matches(is_s);
    let value_trimmed = value.trim_end_matches(is_s);
    if value_trimmed.is_empty() {
        return None;
    }
    let value_start = line.len() - value.len();
    Some((
        name.to_string(),
        value_start,
        value_start + value_trimmed.len(),
    ))
}

/// BuildKit's line-continuation regexp `([^E])E[ \t]*$|^E[ \t]*$`: returns the length
/// of the line without the escape character and the blanks after it.
fn continuation(line: &str, escape: char) -> Option<usize> {
    let trimmed = line.trim_end_matches([' ', '\t']);
    let body = trimmed.strip_suffix(escape)?;
    if body.ends_with(escape) {
        return None;
    }
    Some(body.len())
}

/// Parses a Dockerfile. Never fails: problems become [`SyntaxError`]s.
pub fn parse(text: &str) -> Parsed {
    let bom = text.starts_with('\u{feff}');
    let mut p = FileParser::new(text, bom);
    p.directive_prologue();
    while let Some(&line) = p.lines.get(p.next_line) {
        p.statement(line);
    }
    p.finish(bom)
}

/// One pass over a file, front to back: each line is consumed once, and every byte
/// consumed becomes a token.
struct FileParser<'a> {
    text: &'a str,
    lines: Vec<Line>,
    /// Index in `lines` of the first line not consumed yet.
    next_line: usize,
    tokens: TokenBuilder<'a>,
    escape: char,
    directives: Vec<Directive>,
    comments: Vec<Comment>,
    instructions: Vec<Instruction>,
    errors: Vec<SyntaxError>,
}

/// What one physical line is to the instruction it belongs to.
#[derive(Clone, Copy, Debug)]
enum LineRole {
    /// Instruction text; `cont` is the file offset of the continuation character.
    Text {
        cont: Option<usize>,
    },
    Comment,
    Blank,
    HeredocBody,
    HeredocEnd,
}

/// The physical lines of one instruction and the logical line they join into.
struct InstructionLines {
    /// Indexes in the file's lines of the first line and of the last (heredocs included).
    first: usize,
    last: usize,
    /// From the keyword to the end of the last line.
    range: TextRange,
    lines: Vec<(Line, LineRole)>,
    empty_continuation_lines: Vec<TextRange>,
    logical: String,
    map: OffsetMap,
}

impl<'a> FileParser<'a> {
    fn new(text: &'a str, bom: bool) -> Self {
        let body_start = if bom { 3 } else { 0 };
        let mut tokens = TokenBuilder {
            text,
            tokens: Vec::new(),
            cursor: 0,
        };
        tokens.emit(TokenKind::Bom, body_start);
        FileParser {
            text,
            lines: split_lines(text, body_start),
            next_line: 0,
            tokens,
            escape: '\\',
            directives: Vec::new(),
            comments: Vec::new(),
            instructions: Vec::new(),
            errors: Vec::new(),
        }
    }

    /// The parser directives at the top of the file. The first line that is not one of
    /// `syntax`, `escape` or `check` ends them, even a comment of the same shape.
    fn directive_prologue(&mut self) {
        let text = self.text;
        while let Some(&line) = self.lines.get(self.next_line) {
            let raw = &text[line.start..line.content_end];
            let lead = leading_blanks(raw);
            let trimmed = &raw[lead..];
            let Some((name, vs, ve)) = match_directive(trimmed) else {
                return;
            };
            let name = name.to_ascii_lowercase();
            if !matches!(name.as_str(), "syntax" | "escape" | "check") {
                return;
            }
            let at = line.start + lead;
            self.directive(
                name,
                trimmed[vs..ve].to_string(),
                TextRange::new(at, line.content_end),
                TextRange::new(at + vs, at + ve),
            );
            self.tokens.line(line, TokenKind::Directive);
            self.next_line += 1;
        }
    }

    /// Records a directive, or the error that makes it ignored.
    fn directive(&mut self, name: String, value: String, range: TextRange, value_range: TextRange) {
        if self.directives.iter().any(|d| d.name == name) {
            self.errors.push(SyntaxError {
                message: format!("only one `{name}` parser directive can be used"),
                range,
            });
        } else if name == "escape" && value != "\\" && value != "`" {
            self.errors.push(SyntaxError {
                message: format!(
                    "invalid escape character `{value}`: it must be `\\` or a backtick"
                ),
                range: value_range,
            });
        } else {
            if name == "escape" {
                self.escape = value.chars().next().unwrap_or('\\');
            }
            self.directives.push(Directive {
                name,
                value,
                range,
                value_range,
            });
        }
    }

    /// Consumes `line`, the next one: a blank or comment line on its own, or the
    /// instruction that starts there with all its lines.
    fn statement(&mut self, line: Line) {
        let raw = &self.text[line.start..line.content_end];
        let lead = leading_blanks(raw);
        let trimmed = &raw[lead..];
        if let Some(comment) = trimmed.strip_prefix('#') {
            // Outside an instruction a comment never continues, even if it ends in the
            // escape character.
            self.comments.push(Comment {
                range: TextRange::new(line.start + lead, line.content_end),
                text: comment.trim().to_string(),
                inside_instruction: false,
            });
            self.tokens.line(line, TokenKind::Comment);
            self.next_line += 1;
        } else if trimmed.is_empty() {
            self.tokens.line(line, TokenKind::Whitespace);
            self.next_line += 1;
        } else {
            self.instruction(line, lead);
        }
    }

    /// Consumes the instruction that starts on `first`, after `lead` blanks.
    fn instruction(&mut self, first: Line, lead: usize) {
        let mut lines = self.gather_lines(first, lead);
        let all = TextRange::new(0, lines.logical.len());
        let mut instruction =
            match parse_instruction(&lines.logical, &lines.map, all, self.escape, 0) {
                Ok(mut ins) => {
                    if can_contain_heredoc(&ins) {
                        self.read_heredocs(&mut ins, &mut lines);
                    }
                    ins
                }
                Err((message, at)) => {
                    self.errors.push(SyntaxError {
                        message,
                        range: at.unwrap_or(lines.range),
                    });
                    failed_instruction(&lines.logical, &lines.map, lines.range)
                }
            };
        self.tokens
            .instruction_lines(&lines.lines, instruction.keyword.range);
        instruction.range = lines.range;
        instruction.start_line = lines.first as u32 + 1;
        instruction.end_line = lines.last as u32 + 1;
        instruction.empty_continuation_lines = lines.empty_continuation_lines;
        instruction.logical = lines.logical;
        instruction.map = lines.map;
        self.instructions.push(instruction);
    }

    /// Consumes the physical lines of the instruction that starts on `first`: each line
    /// that ends in the escape character continues it, and comment and blank lines do not
    /// end it (BuildKit skips them). Comments there are recorded.
    fn gather_lines(&mut self, first: Line, lead: usize) -> InstructionLines {
        let text = self.text;
        let first_index = self.next_line;
        let content_start = first.start + lead;
        let content = &text[content_start..first.content_end];
        let cont = continuation(content, self.escape);
        let mut pieces: Vec<(usize, &str)> =
            vec![(content_start, &content[..cont.unwrap_or(content.len())])];
        let mut lines = vec![(
            first,
            LineRole::Text {
                cont: cont.map(|c| content_start + c),
            },
        )];
        let mut empty_continuation_lines = Vec::new();
        let mut continuing = cont.is_some();
        self.next_line += 1;
        while continuing && let Some(&l) = self.lines.get(self.next_line) {
            self.next_line += 1;
            let raw = &text[l.start..l.content_end];
            let t = raw.trim_start_matches(is_space);
            if let Some(comment) = t.strip_prefix('#') {
                self.comments.push(Comment {
                    range: TextRange::new(l.content_end - t.len(), l.content_end),
                    text: comment.trim().to_string(),
                    inside_instruction: true,
                });
                lines.push((l, LineRole::Comment));
            } else if t.is_empty() {
                empty_continuation_lines.push(TextRange::new(l.start, l.content_end));
                lines.push((l, LineRole::Blank));
            } else {
                let c = continuation(raw, self.escape);
                pieces.push((l.start, &raw[..c.unwrap_or(raw.len())]));
                lines.push((
                    l,
                    LineRole::Text {
                        cont: c.map(|c| l.start + c),
                    },
                ));
                continuing = c.is_some();
            }
        }
        let (logical, map) = OffsetMap::join(pieces);
        let last_line = lines.last().map_or(first, |p| p.0);
        InstructionLines {
            first: first_index,
            last: self.next_line - 1,
            range: TextRange::new(content_start, last_line.content_end),
            lines,
            empty_continuation_lines,
            logical,
            map,
        }
    }

    /// Consumes the bodies of the heredocs that `ins` opens, one after the other. An
    /// unterminated one takes the rest of the file and leaves `ins` invalid.
    fn read_heredocs(&mut self, ins: &mut Instruction, lines: &mut InstructionLines) {
        for (marker, name, chomp, expand, fd) in heredocs_in(&lines.logical, &lines.map) {
            let body_start = self
                .lines
                .get(self.next_line)
                .map_or(self.text.len(), |l| l.start);
            let mut heredoc = Heredoc {
                name,
                chomp,
                expand,
                fd,
                marker,
                body: TextRange::new(body_start, self.text.len()),
                terminator: TextRange::empty(self.text.len()),
            };
            match self.heredoc_body(&heredoc, &mut lines.lines) {
                Some(end) => {
                    heredoc.body = TextRange::new(body_start, end.start);
                    heredoc.terminator = TextRange::new(end.start, end.content_end);
                    lines.range = lines.range.cover(heredoc.terminator);
                    lines.last = self.next_line - 1;
                    ins.heredocs.push(heredoc);
                }
                None => {
                    let end = self.lines.last().map_or(self.text.len(), |l| l.content_end);
                    lines.range = lines.range.cover(TextRange::new(lines.range.start(), end));
                    lines.last = self.lines.len().saturating_sub(1);
                    self.errors.push(SyntaxError {
                        message: format!(
                            "unterminated heredoc: no line `{}` ends it",
                            heredoc.name
                        ),
                        range: marker,
                    });
                    ins.heredocs.push(heredoc);
                    ins.invalid = true;
                    break;
                }
            }
        }
        let docs = ins.heredocs.clone();
        if let Args::Onbuild(inner) = &mut ins.args {
            inner.heredocs = docs;
        }
    }

    /// Consumes a heredoc's body lines up to the line that ends it, exactly its name
    /// (after leading tabs with `<<-`), and returns that line: `None` at the end of the file.
    fn heredoc_body(
        &mut self,
        heredoc: &Heredoc,
        lines: &mut Vec<(Line, LineRole)>,
    ) -> Option<Line> {
        let text = self.text;
        while let Some(&l) = self.lines.get(self.next_line) {
            self.next_line += 1;
            let content = &text[l.start..l.content_end];
            let candidate = if heredoc.chomp {
                content.trim_start_matches('\t')
            } else {
                content
            };
            if candidate == heredoc.name {
                lines.push((l, LineRole::HeredocEnd));
                return Some(l);
            }
            lines.push((l, LineRole::HeredocBody));
        }
        None
    }

    /// Ends the pass: the tokens reach the end of the text, a file without instructions
    /// is an error, and the errors are in file order.
    fn finish(mut self, bom: bool) -> Parsed {
        self.tokens.emit(TokenKind::Whitespace, self.text.len());
        if self.instructions.is_empty() {
            let range = self
                .lines
                .last()
                .map_or(TextRange::empty(self.text.len()), |l| {
                    TextRange::new(l.start, l.content_end)
                });
            self.errors.push(SyntaxError {
                message: "the file has no instructions".to_string(),
                range,
            });
        }
        crate::collections::sort_stable(&mut self.errors, |e| {
            (e.range.start as usize, e.range.end as usize, 0)
        });
        Parsed {
            text: self.text.to_string(),
            line_index: LineIndex::new(self.text),
            escape: self.escape,
            bom,
            lossy: false,
            directives: self.directives,
            comments: self.comments,
            instructions: self.instructions,
            tokens: self.tokens.tokens,
            errors: self.errors,
        }
    }
}

/// What stands for an instruction that failed to parse: its keyword and range, no
/// arguments, marked invalid.
fn failed_instruction(logical: &str, map: &OffsetMap, range: TextRange) -> Instruction {
    let keyword_end = logical.find(is_ws_delim).unwrap_or(logical.len());
    Instruction {
        kind: InstructionKind::from_keyword(&logical[..keyword_end]),
        keyword: Span {
            text: logical[..keyword_end].to_string(),
            range: map.range_to_file(TextRange::new(0, keyword_end)),
        },
        flags: Vec::new(),
        args: Args::Other(None),
        args_range: TextRange::empty(range.end()),
        logical_args: TextRange::empty(0),
        heredocs: Vec::new(),
        range,
        logical: String::new(),
        map: OffsetMap::default(),
        empty_continuation_lines: Vec::new(),
        start_line: 0,
        end_line: 0,
        invalid: true,
    }
}

type ParseError = (String, Option<TextRange>);

fn span(logical: &str, map: &OffsetMap, range: TextRange) -> Span {
    Span {
        text: range.slice(logical).to_string(),
        range: map.range_to_file(range),
    }
}

/// How deep `ONBUILD ONBUILD ...` nests before the parser gives up with an error.
/// BuildKit nests without limit (and refuses any chaining when it builds); here each level
/// is a recursion, so a line of thousands of `ONBUILD`s would overflow the stack.
const MAX_ONBUILD_DEPTH: usize = 16;

/// BuildKit's `newNodeFromLine` over `range` of the logical line; `depth` counts the
/// enclosing `ONBUILD`s.
fn parse_instruction(
    logical: &str,
    map: &OffsetMap,
    range: TextRange,
    escape: char,
    depth: usize,
) -> Result<Instruction, ParseError> {
    let line = trim_space(logical, range);
    let (keyword_range, rest) = split_keyword(logical, line);
    let keyword = span(logical, map, keyword_range);
    let kind = InstructionKind::from_keyword(&keyword.text);
    let (flags, args_start) = parse_flags(logical, map, rest);
    let args = ArgsText {
        logical,
        map,
        range: trim_space(
            logical,
            TextRange::new(args_start.min(line.end()), line.end()),
        ),
        escape,
    };
    // The line parser of each instruction, as BuildKit's dispatch table assigns them.
    let parsed_args = match kind {
        InstructionKind::Add | InstructionKind::Copy | InstructionKind::Volume => {
            args.json_or_list()?
        }
        InstructionKind::Cmd
        | InstructionKind::Entrypoint
        | InstructionKind::Run
        | InstructionKind::Shell => args.json_or_shell()?,
        InstructionKind::Arg => args.names_or_pairs(),
        InstructionKind::Env | InstructionKind::Label => {
            args.name_value_pairs(kind, map.range_to_file(line))?
        }
        InstructionKind::Expose => args.whitespace_list(),
        InstructionKind::From => args.from(),
        InstructionKind::Healthcheck => args.healthcheck()?,
        InstructionKind::Maintainer
        | InstructionKind::Stopsignal
        | InstructionKind::User
        | InstructionKind::Workdir => args.text(),
        InstructionKind::Onbuild => args.onbuild(depth)?,
        InstructionKind::Unknown => args.unknown(),
    };

    Ok(Instruction {
        kind,
        keyword,
        flags,
        args: parsed_args,
        args_range: map.range_to_file(args.range),
        logical_args: args.range,
        heredocs: Vec::new(),
        range: map.range_to_file(line),
        logical: String::new(),
        map: OffsetMap::default(),
        empty_continuation_lines: Vec::new(),
        start_line: 0,
        end_line: 0,
        invalid: false,
    })
}

/// Splits `line` into its keyword and the rest after the blanks that follow it.
fn split_keyword(logical: &str, line: TextRange) -> (TextRange, TextRange) {
    let line_text = line.slice(logical);
    let keyword_len = line_text.find(is_ws_delim).unwrap_or(line_text.len());
    let after_keyword = &line_text[keyword_len..];
    let rest_start = line.start()
        + keyword_len
        + (after_keyword.len() - after_keyword.trim_start_matches(is_ws_delim).len());
    (
        TextRange::new(line.start(), line.start() + keyword_len),
        TextRange::new(rest_start.min(line.end()), line.end()),
    )
}

/// The `--name[=value]` flags that start `rest`, and where the arguments after them start.
fn parse_flags(logical: &str, map: &OffsetMap, rest: TextRange) -> (Vec<Flag>, usize) {
    let (raw_flags, args_start) = if rest.is_empty() {
        (Vec::new(), rest.end())
    } else {
        extract_flags(logical, rest)
    };
    let flags = raw_flags
        .into_iter()
        .map(|f| {
            let body = f.text.strip_prefix("--").unwrap_or(&f.text);
            let (name, value) = match body.split_once('=') {
                Some((n, v)) => (n.to_string(), Some(v.to_string())),
                None => (body.to_string(), None),
            };
            Flag {
                name,
                value,
                range: map.range_to_file(f.range),
            }
        })
        .collect();
    (flags, args_start)
}

/// An instruction's arguments, after its keyword and flags: `range` of the logical line,
/// which `map` takes to the file. Its methods are BuildKit's line parsers, one per family.
#[derive(Clone, Copy)]
struct ArgsText<'a> {
    logical: &'a str,
    map: &'a OffsetMap,
    range: TextRange,
    escape: char,
}

impl ArgsText<'_> {
    fn span(&self, range: TextRange) -> Span {
        span(self.logical, self.map, range)
    }

    fn whitespace_spans(&self) -> Vec<Span> {
        split_ws(self.logical, self.range, 0)
            .into_iter()
            .map(|r| self.span(r))
            .collect()
    }

    fn invalid_json(&self) -> ParseError {
        (
            "a JSON array in this instruction must hold only strings".to_string(),
            Some(self.map.range_to_file(self.range)),
        )
    }

    /// `ADD`, `COPY`, `VOLUME`: BuildKit's `parseMaybeJSONToList`, a JSON array of strings
    /// or else words split at whitespace.
    fn json_or_list(&self) -> Result<Args, ParseError> {
        Ok(match parse_json_array(self.logical, self.range) {
            Ok((items, _)) => Args::List {
                json: true,
                items: json_spans(items, self.map),
            },
            Err(JsonError::NotStringArray) => return Err(self.invalid_json()),
            Err(JsonError::NotJson) if self.range.is_empty() => Args::Empty,
            Err(JsonError::NotJson) => Args::List {
                json: false,
                items: self.whitespace_spans(),
            },
        })
    }

    /// `CMD`, `ENTRYPOINT`, `RUN`, `SHELL`: BuildKit's `parseMaybeJSON`, exec or shell form.
    fn json_or_shell(&self) -> Result<Args, ParseError> {
        let form =
            maybe_json(self.logical, self.map, self.range).map_err(|_| self.invalid_json())?;
        Ok(match form {
            Some(form) => Args::Command(form),
            None => Args::Empty,
        })
    }

    /// `ARG`: BuildKit's `parseNameOrNameVal`, words that are `name` or `name=value`.
    fn names_or_pairs(&self) -> Args {
        let words = parse_words(self.logical, self.range, self.escape);
        if words.is_empty() {
            return Args::Empty;
        }
        Args::Pairs(
            words
                .into_iter()
                .map(|(r, w)| split_pair(self.logical, self.map, r, &w))
                .collect(),
        )
    }

    /// `ENV`, `LABEL`: BuildKit's `parseNameVal`. The first word decides the form: with an
    /// `=`, every word must be a `name=value` pair; without, it is the legacy `name value`.
    fn name_value_pairs(
        &self,
        kind: InstructionKind,
        instruction_range: TextRange,
    ) -> Result<Args, ParseError> {
        let words = parse_words(self.logical, self.range, self.escape);
        let key = kind.as_str();
        let Some((_, first)) = words.first() else {
            return Ok(Args::Empty);
        };
        if !first.contains('=') {
            return self.legacy_pair(key, instruction_range);
        }
        let mut pairs = Vec::with_capacity(words.len());
        for (r, w) in words {
            if !w.contains('=') {
                return Err((
                    format!("`{key}` expects `name=value` pairs, but `{w}` has no `=`"),
                    Some(self.map.range_to_file(r)),
                ));
            }
            pairs.push(split_pair(self.logical, self.map, r, &w));
        }
        Ok(Args::Pairs(pairs))
    }

    /// `ENV name value`, `LABEL name value`: the first word is the name, and the rest of
    /// the line, blanks and quotes included, the value.
    fn legacy_pair(&self, key: &str, instruction_range: TextRange) -> Result<Args, ParseError> {
        let parts = split_ws(self.logical, self.range, 2);
        let [k, v] = parts[..] else {
            return Err((
                format!("`{key}` needs a name and a value (`{key} name=value`)"),
                Some(instruction_range),
            ));
        };
        Ok(Args::Pairs(vec![KeyValue {
            key: self.span(k),
            value: Some(self.span(v)),
            legacy: true,
            range: self.map.range_to_file(k.cover(v)),
        }]))
    }

    /// `EXPOSE`: BuildKit's `parseStringsWhitespaceDelimited`.
    fn whitespace_list(&self) -> Args {
        if self.range.is_empty() {
            return Args::Empty;
        }
        Args::Words(self.whitespace_spans())
    }

    /// `FROM`: BuildKit's `parseStringsWhitespaceDelimited`, with `AS name` after the image
    /// picked out.
    fn from(&self) -> Args {
        if self.range.is_empty() {
            return Args::Empty;
        }
        let mut words = self.whitespace_spans().into_iter();
        let image = words.next();
        let rest: Vec<Span> = words.collect();
        if rest.len() >= 2 && rest[0].text.eq_ignore_ascii_case("as") {
            let mut rest = rest.into_iter();
            Args::From(FromArgs {
                image,
                as_keyword: rest.next(),
                alias: rest.next(),
                extra: rest.collect(),
            })
        } else {
            Args::From(FromArgs {
                image,
                as_keyword: None,
                alias: None,
                extra: rest,
            })
        }
    }

    /// `HEALTHCHECK`: BuildKit's `parseHealthConfig`, a kind (`CMD`, `NONE`) then the
    /// command, if any, in exec or shell form.
    fn healthcheck(&self) -> Result<Args, ParseError> {
        let text = self.range.slice(self.logical);
        let sep = text.find(is_space).unwrap_or(text.len());
        if sep == 0 {
            return Ok(Args::Empty);
        }
        let next = sep + leading_blanks(&text[sep..]);
        let kind_range = TextRange::new(self.range.start(), self.range.start() + sep);
        let command_range = TextRange::new(self.range.start() + next, self.range.end());
        let command =
            maybe_json(self.logical, self.map, command_range).map_err(|_| self.invalid_json())?;
        Ok(Args::Healthcheck {
            kind: self.span(kind_range),
            command,
        })
    }

    /// `MAINTAINER`, `STOPSIGNAL`, `USER`, `WORKDIR`: BuildKit's `parseString`, the text as
    /// it is.
    fn text(&self) -> Args {
        if self.range.is_empty() {
            return Args::Empty;
        }
        Args::Text(self.span(self.range))
    }

    /// `ONBUILD`: BuildKit's `parseSubCommand`, the instruction it holds, parsed as one of
    /// its own; `depth` counts the enclosing `ONBUILD`s.
    fn onbuild(&self, depth: usize) -> Result<Args, ParseError> {
        let args = self.range;
        if args.is_empty() {
            return Ok(Args::Empty);
        }
        if depth >= MAX_ONBUILD_DEPTH {
            return Err((
                format!("ONBUILD nested more than {MAX_ONBUILD_DEPTH} deep"),
                Some(self.map.range_to_file(args)),
            ));
        }
        let mut inner = parse_instruction(self.logical, self.map, args, self.escape, depth + 1)?;
        // The inner instruction's logical line is its own part of the outer one.
        inner.logical = args.slice(self.logical).to_string();
        inner.map = OffsetMap::contiguous(args.start(), args.len()).then(self.map);
        inner.range = self.map.range_to_file(args);
        inner.logical_args = TextRange::new(
            inner.logical_args.start() - args.start(),
            inner.logical_args.end() - args.start(),
        );
        Ok(Args::Onbuild(Box::new(inner)))
    }

    /// An unknown instruction: its arguments as one text, if any.
    fn unknown(&self) -> Args {
        Args::Other(if self.range.is_empty() {
            None
        } else {
            Some(self.span(self.range))
        })
    }
}

fn json_spans(items: Vec<(TextRange, String)>, map: &OffsetMap) -> Vec<Span> {
    items
        .into_iter()
        .map(|(r, v)| Span {
            text: v,
            range: map.range_to_file(r),
        })
        .collect()
}

/// BuildKit's `parseMaybeJSON`: exec form, shell form, or nothing.
fn maybe_json(
    logical: &str,
    map: &OffsetMap,
    args: TextRange,
) -> Result<Option<CommandForm>, JsonError> {
    if args.is_empty() {
        return Ok(None);
    }
    match parse_json_array(logical, args) {
        Ok((items, range)) => Ok(Some(CommandForm::Exec {
            items: json_spans(items, map),
            range: map.range_to_file(range),
        })),
        Err(JsonError::NotStringArray) => Err(JsonError::NotStringArray),
        Err(JsonError::NotJson) => Ok(Some(CommandForm::Shell(span(logical, map, args)))),
    }
}

fn split_pair(_logical: &str, map: &OffsetMap, r: TextRange, word: &str) -> KeyValue {
    match word.find('=') {
        Some(eq) => {
            let key = TextRange::new(r.start(), r.start() + eq);
            let value = TextRange::new(r.start() + eq + 1, r.end().max(r.start() + eq + 1));
            KeyValue {
                key: Span {
                    text: word[..eq].to_string(),
                    range: map.range_to_file(key),
                },
                value: Some(Span {
                    text: word[eq + 1..].to_string(),
                    range: map.range_to_file(value),
                }),
                legacy: false,
                range: map.range_to_file(r),
            }
        }
        None => KeyValue {
            key: Span {
                text: word.to_string(),
                range: map.range_to_file(r),
            },
            value: None,
            legacy: false,
            range: map.range_to_file(r),
        },
    }
}

fn can_contain_heredoc(ins: &Instruction) -> bool {
    let ins = ins.effective();
    if !matches!(
        ins.kind,
        InstructionKind::Run | InstructionKind::Copy | InstructionKind::Add
    ) {
        return false;
    }
    !matches!(
        ins.args,
        Args::Command(CommandForm::Exec { .. }) | Args::List { json: true, .. }
    )
}

/// Heredoc markers in the logical line: `(marker range, name, chomp, expand, fd)`.
fn heredocs_in(
    logical: &str,
    map: &OffsetMap,
) -> Vec<(TextRange, String, bool, bool, Option<u32>)> {
    let mut out = Vec::new();
    if !logical.contains("<<") {
        return out;
    }
    for range in shell_words(logical) {
        let raw = range.slice(logical);
        // ^(\d*)<<(-?)([^<]*)$
        let digits = raw.len() - raw.trim_start_matches(|c: char| c.is_ascii_digit()).len();
        let Some(after) = raw[digits..].strip_prefix("<<") else {
            continue;
        };
        let (chomp, rest) = match after.strip_prefix('-') {
            Some(r) => (true, r),
            None => (false, after),
        };
        if rest.is_empty() || rest.contains('<') {
            continue;
        }
        let name = super::words::unquote(rest, '\\');
        if name.is_empty() || name.contains(is_space) {
            continue;
        }
        let expand = !rest.contains(['\'', '"']);
        let fd = raw[..digits].parse().ok();
        out.push((map.range_to_file(range), name, chomp, expand, fd));
    }
    out
}

/// Splits a line into the ranges of its shell words (quotes kept), as BuildKit's shell
/// lexer does with `RawQuotes` and `RawEscapes`.
fn shell_words(line: &str) -> Vec<TextRange> {
    let mut out = Vec::new();
    let mut chars = line.char_indices().peekable();
    while let Some(&(start, c)) = chars.peek() {
        if is_space(c) {
            chars.next();
            continue;
        }
        let mut end = start;
        while let Some(&(i, c)) = chars.peek() {
            if is_space(c) {
                break;
            }
            chars.next();
            end = i + c.len_utf8();
            match c {
                '\\' => {
                    if let Some((j, d)) = chars.next() {
                        end = j + d.len_utf8();
                    }
                }
                '\'' | '"' => {
                    for (j, d) in chars.by_ref() {
                        end = j + d.len_utf8();
                        if d == c {
                            break;
                        }
                        if d == '\\' && c == '"' {
                            // Skip the escaped character.
                            continue;
                        }
                    }
                }
                _ => {}
            }
        }
        out.push(TextRange::new(start, end));
    }
    out
}

/// Go's `strconv.Quote`.
fn go_quote(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\u{07}' => out.push_str("\\a"),
            '\u{08}' => out.push_str("\\b"),
            '\u{0c}' => out.push_str("\\f"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{0b}' => out.push_str("\\v"),
            c if (c as u32) < 0x20 || c as u32 == 0x7f => {
                out.push_str(&format!("\\x{:02x}", c as u32))
            }
            c if c == '\u{fffd}' => out.push(c),
            c if c.is_control() || (c.is_whitespace() && c != ' ') => {
                if (c as u32) < 0x10000 {
                    out.push_str(&format!("\\u{:04x}", c as u32));
                } else {
                    out.push_str(&format!("\\U{:08x}", c as u32));
                }
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn command_values(form: &CommandForm) -> Vec<String> {
    match form {
        CommandForm::Exec { items, .. } => items.iter().map(|s| s.text.clone()).collect(),
        CommandForm::Shell(s) => vec![s.text.clone()],
    }
}

fn dump_instruction(ins: &Instruction) -> String {
    let mut out = crate::case::to_lowercase(&ins.keyword.text);
    if !ins.flags.is_empty() {
        let flags: Vec<String> = ins
            .flags
            .iter()
            .map(|f| {
                go_quote(&match &f.value {
                    Some(v) => format!("--{}={}", f.name, v),
                    None => format!("--{}", f.name),
                })
            })
            .collect();
        out.push_str(&format!(" [{}]", flags.join(" ")));
    }
    let values: Vec<String> = match &ins.args {
        Args::Empty => Vec::new(),
        Args::Command(form) => command_values(form),
        Args::List { items, .. } | Args::Words(items) => {
            items.iter().map(|s| s.text.clone()).collect()
        }
        Args::Pairs(pairs) if ins.kind == InstructionKind::Arg => pairs
            .iter()
            .map(|p| match &p.value {
                Some(v) => format!("{}={}", p.key.text, v.text),
                None => p.key.text.clone(),
            })
            .collect(),
        Args::Pairs(pairs) => pairs
            .iter()
            .flat_map(|p| {
                [
                    p.key.text.clone(),
                    p.value.as_ref().map_or(String::new(), |v| v.text.clone()),
                    if p.legacy {
                        String::new()
                    } else {
                        "=".to_string()
                    },
                ]
            })
            .collect(),
        Args::From(f) => f
            .image
            .iter()
            .chain(f.as_keyword.iter())
            .chain(f.alias.iter())
            .chain(f.extra.iter())
            .map(|s| s.text.clone())
            .collect(),
        Args::Text(s) => vec![s.text.clone()],
        Args::Healthcheck { kind, command } => {
            let mut v = vec![kind.text.clone()];
            if let Some(c) = command {
                v.extend(command_values(c));
            }
            v
        }
        Args::Onbuild(inner) => {
            out.push_str(&format!(" ({})", dump_instruction(inner)));
            Vec::new()
        }
        Args::Other(_) => vec![String::new()],
    };
    for v in values {
        out.push(' ');
        out.push_str(&go_quote(&v));
    }
    out
}

pub(super) fn dump(parsed: &Parsed) -> String {
    let mut out = String::new();
    for ins in &parsed.instructions {
        out.push('(');
        out.push_str(&dump_instruction(ins));
        out.push_str(")\n");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn roundtrip(text: &str) -> Parsed {
        let parsed = parse(text);
        assert_eq!(parsed.print(), text);
        let mut at = 0;
        for t in &parsed.tokens {
            assert_eq!(
                t.range.start(),
                at,
                "tokens must tile the input: {:?}",
                parsed.tokens
            );
            at = t.range.end();
        }
        assert_eq!(at, text.len());
        parsed
    }

    #[test]
    fn continuation_comments_and_blank_lines() {
        let text = "FROM a\nRUN apt-get update \\\n  # comment\n\n  && apt-get install -y x\nCMD [\"x\"]\n";
        let p = roundtrip(text);
        assert!(p.errors.is_empty(), "{:?}", p.errors);
        assert_eq!(p.instructions.len(), 3);
        let run = &p.instructions[1];
        assert_eq!((run.start_line, run.end_line), (2, 5));
        assert_eq!(run.logical, "RUN apt-get update   && apt-get install -y x");
        assert_eq!(run.empty_continuation_lines.len(), 1);
        let Args::Command(CommandForm::Shell(s)) = &run.args else {
            panic!("shell form expected")
        };
        assert_eq!(
            s.range.slice(text),
            "apt-get update \\\n  # comment\n\n  && apt-get install -y x"
        );
    }

    #[test]
    fn escape_directive_and_backtick() {
        let text = "# escape=`\nFROM a\nRUN dir c:\\ `\n  && echo x\n";
        let p = roundtrip(text);
        assert_eq!(p.escape, '`');
        assert_eq!(p.instructions[1].logical, "RUN dir c:\\   && echo x");
    }

    #[test]
    fn heredocs_several_per_instruction() {
        let text = "FROM a\nRUN <<EOF1 cat - <<-\"EOF2\"\necho one\nEOF1\n\tsecond\n\tEOF2\nCOPY <<x /f\nbody\nx\n";
        let p = roundtrip(text);
        assert!(p.errors.is_empty(), "{:?}", p.errors);
        let run = &p.instructions[1];
        assert_eq!(run.heredocs.len(), 2);
        assert_eq!(run.heredocs[0].body.slice(text), "echo one\n");
        assert!(run.heredocs[1].chomp && !run.heredocs[1].expand);
        assert_eq!(run.end_line, 6);
        assert_eq!(p.instructions[2].heredocs[0].name, "x");
    }

    #[test]
    fn errors_recover_at_next_instruction() {
        let text = "FROM a\nENV\nLABEL x\nRUN [\"a\", 1]\nRUN <<EOF\nnever ends\n";
        let p = roundtrip(text);
        let msgs: Vec<_> = p
            .errors
            .iter()
            .map(|e| p.line_of(e.range.start()))
            .collect();
        assert_eq!(msgs, vec![3, 4, 5], "{:?}", p.errors);
        assert_eq!(p.instructions.len(), 5);
    }

    #[test]
    fn crlf_bom_and_lowercase() {
        let text = "\u{feff}from a as b\r\nenv A=1 \\\r\n  B=2\r\n";
        let p = roundtrip(text);
        assert!(p.bom);
        assert_eq!(p.instructions[0].kind, InstructionKind::From);
        assert_eq!(p.instructions[1].pairs().len(), 2);
        assert_eq!(p.instructions[1].pairs()[1].key.range.slice(text), "B");
    }

    #[test]
    fn deeply_chained_onbuild_is_an_error_not_a_stack_overflow() {
        let p = parse(&format!("FROM x\n{}RUN y\n", "ONBUILD ".repeat(100_000)));
        assert_eq!(p.errors.len(), 1, "{:?}", p.errors);
        assert!(
            p.errors[0].message.contains("ONBUILD nested"),
            "{:?}",
            p.errors
        );
        let ok = parse(&format!(
            "FROM x\n{}RUN y\n",
            "ONBUILD ".repeat(MAX_ONBUILD_DEPTH)
        ));
        assert!(ok.errors.is_empty(), "{:?}", ok.errors);
    }

    #[test]
    fn flags_and_onbuild() {
        let text = "FROM a\nCOPY --from=build --link src /dst\nONBUILD RUN --mount=type=cache,target=/x make\n";
        let p = roundtrip(text);
        let copy = &p.instructions[1];
        assert_eq!(
            copy.flag("from").and_then(|f| f.value.as_deref()),
            Some("build")
        );
        assert_eq!(
            copy.flag("link").map(|f| f.range.slice(text)),
            Some("--link")
        );
        let Args::Onbuild(inner) = &p.instructions[2].args else {
            panic!("onbuild")
        };
        assert_eq!(inner.kind, InstructionKind::Run);
        assert_eq!(
            inner.flag("mount").map(|f| f.range.slice(text)),
            Some("--mount=type=cache,target=/x")
        );
        assert_eq!(inner.keyword.range.slice(text), "RUN");
    }

    #[test]
    fn garbage_never_panics() {
        for text in [
            "\\",
            "`",
            "#",
            "# escape=x\nFROM a",
            "RUN <<",
            "RUN <<-",
            "\u{feff}",
            "FROM\0a\n\\\n\\",
            "ONBUILD",
            "ONBUILD ONBUILD RUN <<E\nE",
        ] {
            let p = parse(text);
            assert_eq!(p.print(), text);
        }
    }
}
