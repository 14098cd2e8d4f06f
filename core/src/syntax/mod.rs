//! A lossless, error-recovering Dockerfile parser that reads files as BuildKit does.
//!
//! Every byte of the input belongs to exactly one [`Token`]; concatenating the tokens
//! gives the input back. On top of the tokens sit [`Instruction`]s whose parts (flags,
//! arguments, key/value pairs, JSON items, heredocs) carry byte ranges into the file.
//!
//! Semantics follow BuildKit's `frontend/dockerfile/parser`: directives only before the
//! first other line, comment and blank lines dropped inside continuations, the escape
//! character set by `# escape=`, heredocs on RUN/COPY/ADD (also under ONBUILD), the
//! JSON form with BuildKit's fallback to the shell form, legacy `ENV k v`. BuildKit
//! stops at the first error; this parser records a [`SyntaxError`] and resumes at the
//! next line.

pub(crate) mod json;
mod parser;
mod words;

pub use parser::parse;
pub(crate) use words::parse_words;
pub use words::unquote;

use crate::text::{LineIndex, OffsetMap, TextRange};

/// What a token is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TokenKind {
    Bom,
    Whitespace,
    Newline,
    Comment,
    Directive,
    Keyword,
    /// Instruction text (flags and arguments) on one physical line.
    Text,
    /// The escape character ending a line, with the blanks after it.
    Continuation,
    HeredocBody,
    HeredocEnd,
}

/// A run of bytes of the file.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Token {
    pub kind: TokenKind,
    pub range: TextRange,
}

/// A parser directive at the top of the file (`# syntax=`, `# escape=`, `# check=`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Directive {
    /// Lower-cased name.
    pub name: String,
    pub value: String,
    /// The whole comment line, from `#`.
    pub range: TextRange,
    pub value_range: TextRange,
}

/// A comment line (not a directive).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Comment {
    /// From `#` to the end of the line (without the newline).
    pub range: TextRange,
    /// The text after `#`, trimmed.
    pub text: String,
    /// True for a comment line inside an instruction's continuation lines.
    pub inside_instruction: bool,
}

/// A piece of text with its range in the file. `text` is as written in the logical line
/// (continuations removed), so it may differ from `range.slice(file)` when the piece
/// spans a line continuation.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Span {
    pub text: String,
    pub range: TextRange,
}

/// `--name=value` or `--name` before an instruction's arguments.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Flag {
    /// Without the leading dashes, e.g. `from`, `mount`, `link`.
    pub name: String,
    /// Quotes removed, as BuildKit reads it.
    pub value: Option<String>,
    pub range: TextRange,
}

/// `key=value`, `key value` (legacy ENV/LABEL), or a bare `key` (ARG).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct KeyValue {
    pub key: Span,
    /// As written (quotes kept); see [`KeyValue::value_unquoted`].
    pub value: Option<Span>,
    /// True for the legacy `ENV key value` form.
    pub legacy: bool,
    pub range: TextRange,
}

impl KeyValue {
    pub fn value_unquoted(&self, escape: char) -> Option<String> {
        let v = self.value.as_ref()?;
        Some(if self.legacy {
            v.text.clone()
        } else {
            unquote(&v.text, escape)
        })
    }
}

/// RUN, CMD, ENTRYPOINT, SHELL and HEALTHCHECK CMD arguments.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CommandForm {
    /// `["executable", "arg"]`: each item decoded, ranges over the string literals.
    Exec { items: Vec<Span>, range: TextRange },
    /// The rest of the line, handed to the shell.
    Shell(Span),
}

/// An image reference after FROM, split into parts (ranges are file ranges; a part with
/// a `$VAR` is kept as written).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FromArgs {
    pub image: Option<Span>,
    /// `AS` as written.
    pub as_keyword: Option<Span>,
    pub alias: Option<Span>,
    /// Words after the alias (BuildKit rejects these when building).
    pub extra: Vec<Span>,
}

/// The arguments of an instruction, by kind.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Args {
    /// Nothing after the keyword (and flags).
    Empty,
    Command(CommandForm),
    /// ADD, COPY, VOLUME: a JSON array or whitespace-separated words.
    List {
        json: bool,
        items: Vec<Span>,
    },
    /// ENV, LABEL, ARG.
    Pairs(Vec<KeyValue>),
    From(FromArgs),
    /// EXPOSE: whitespace-separated words.
    Words(Vec<Span>),
    /// USER, WORKDIR, STOPSIGNAL, MAINTAINER: the rest of the line.
    Text(Span),
    Healthcheck {
        kind: Span,
        command: Option<CommandForm>,
    },
    Onbuild(Box<Instruction>),
    /// An unknown instruction, or one BuildKit rejects.
    Other(Option<Span>),
}

/// The instructions BuildKit knows.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum InstructionKind {
    Add,
    Arg,
    Cmd,
    Copy,
    Entrypoint,
    Env,
    Expose,
    From,
    Healthcheck,
    Label,
    Maintainer,
    Onbuild,
    Run,
    Shell,
    Stopsignal,
    User,
    Volume,
    Workdir,
    Unknown,
}

impl InstructionKind {
    pub fn from_keyword(word: &str) -> InstructionKind {
        // Lower-cased in a stack buffer as long as the longest keyword: this runs
        // per instruction, and a longer word is no keyword anyway.
        let mut buf = [0u8; 11];
        let Some(lower) = buf.get_mut(..word.len()) else {
            return InstructionKind::Unknown;
        };
        lower.copy_from_slice(word.as_bytes());
        lower.make_ascii_lowercase();
        match &*lower {
            b"add" => InstructionKind::Add,
            b"arg" => InstructionKind::Arg,
            b"cmd" => InstructionKind::Cmd,
            b"copy" => InstructionKind::Copy,
            b"entrypoint" => InstructionKind::Entrypoint,
            b"env" => InstructionKind::Env,
            b"expose" => InstructionKind::Expose,
            b"from" => InstructionKind::From,
            b"healthcheck" => InstructionKind::Healthcheck,
            b"label" => InstructionKind::Label,
            b"maintainer" => InstructionKind::Maintainer,
            b"onbuild" => InstructionKind::Onbuild,
            b"run" => InstructionKind::Run,
            b"shell" => InstructionKind::Shell,
            b"stopsignal" => InstructionKind::Stopsignal,
            b"user" => InstructionKind::User,
            b"volume" => InstructionKind::Volume,
            b"workdir" => InstructionKind::Workdir,
            _ => InstructionKind::Unknown,
        }
    }

    /// The canonical upper-case keyword.
    pub fn as_str(self) -> &'static str {
        match self {
            InstructionKind::Add => "ADD",
            InstructionKind::Arg => "ARG",
            InstructionKind::Cmd => "CMD",
            InstructionKind::Copy => "COPY",
            InstructionKind::Entrypoint => "ENTRYPOINT",
            InstructionKind::Env => "ENV",
            InstructionKind::Expose => "EXPOSE",
            InstructionKind::From => "FROM",
            InstructionKind::Healthcheck => "HEALTHCHECK",
            InstructionKind::Label => "LABEL",
            InstructionKind::Maintainer => "MAINTAINER",
            InstructionKind::Onbuild => "ONBUILD",
            InstructionKind::Run => "RUN",
            InstructionKind::Shell => "SHELL",
            InstructionKind::Stopsignal => "STOPSIGNAL",
            InstructionKind::User => "USER",
            InstructionKind::Volume => "VOLUME",
            InstructionKind::Workdir => "WORKDIR",
            InstructionKind::Unknown => "UNKNOWN",
        }
    }
}

/// A here-document attached to RUN, COPY or ADD.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Heredoc {
    /// The terminator word, quotes removed.
    pub name: String,
    /// `<<-`: leading tabs are stripped from the body and the terminator.
    pub chomp: bool,
    /// False when the word was quoted: the body is not expanded.
    pub expand: bool,
    /// `3<<EOF`.
    pub fd: Option<u32>,
    /// The `<<EOF` word.
    pub marker: TextRange,
    /// The body lines, newlines included.
    pub body: TextRange,
    /// The terminator line without its newline; empty at end of file when unterminated.
    pub terminator: TextRange,
}

/// One instruction: keyword, flags, arguments and heredocs, with file ranges.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Instruction {
    pub kind: InstructionKind,
    /// The keyword as written (`from`, `RUN`).
    pub keyword: Span,
    pub flags: Vec<Flag>,
    pub args: Args,
    /// The arguments after the flags (empty range when there are none).
    pub args_range: TextRange,
    /// The same arguments as a range of `logical`.
    pub logical_args: TextRange,
    pub heredocs: Vec<Heredoc>,
    /// From the keyword to the end of the last line (heredoc terminators included),
    /// newline excluded.
    pub range: TextRange,
    /// BuildKit's joined line: keyword and arguments with continuations removed.
    pub logical: String,
    /// Maps offsets in `logical` to file offsets.
    pub map: OffsetMap,
    /// Ranges of blank lines inside the continuation (BuildKit warns about them).
    pub empty_continuation_lines: Vec<TextRange>,
    /// 1-based lines, as BuildKit reports them.
    pub start_line: u32,
    pub end_line: u32,
    /// True when BuildKit rejects this instruction (a [`SyntaxError`] says why).
    pub invalid: bool,
}

impl Instruction {
    pub fn flag(&self, name: &str) -> Option<&Flag> {
        self.flags
            .iter()
            .find(|f| f.name.eq_ignore_ascii_case(name))
    }

    /// The instruction ONBUILD wraps, or the instruction itself.
    pub fn effective(&self) -> &Instruction {
        match &self.args {
            Args::Onbuild(inner) => inner,
            _ => self,
        }
    }

    pub fn pairs(&self) -> &[KeyValue] {
        match &self.args {
            Args::Pairs(pairs) => pairs,
            _ => &[],
        }
    }

    pub fn command(&self) -> Option<&CommandForm> {
        match &self.args {
            Args::Command(form) => Some(form),
            Args::Healthcheck { command, .. } => command.as_ref(),
            _ => None,
        }
    }

    /// The arguments as written in the logical line.
    pub fn args_text(&self) -> &str {
        self.logical_args.slice(&self.logical)
    }
}

/// A syntax error: BuildKit would refuse the file here.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SyntaxError {
    pub message: String,
    pub range: TextRange,
}

/// The result of [`parse`]: the source, its tokens, instructions and errors.
#[derive(Clone, Debug)]
pub struct Parsed {
    text: String,
    line_index: LineIndex,
    pub escape: char,
    pub bom: bool,
    /// True when the input was not valid UTF-8 and was read lossily.
    pub lossy: bool,
    pub directives: Vec<Directive>,
    pub comments: Vec<Comment>,
    pub instructions: Vec<Instruction>,
    pub tokens: Vec<Token>,
    pub errors: Vec<SyntaxError>,
}

impl Parsed {
    pub fn text(&self) -> &str {
        &self.text
    }

    pub fn line_index(&self) -> &LineIndex {
        &self.line_index
    }

    /// The source printed back from the tokens (equal to the input).
    pub fn print(&self) -> String {
        let mut out = String::with_capacity(self.text.len());
        for token in &self.tokens {
            out.push_str(token.range.slice(&self.text));
        }
        out
    }

    /// The 1-based line of a byte offset.
    pub fn line_of(&self, offset: usize) -> u32 {
        self.line_index.line_of(offset) as u32 + 1
    }

    pub fn directive(&self, name: &str) -> Option<&Directive> {
        self.directives.iter().find(|d| d.name == name)
    }

    /// BuildKit's AST dump (`Node.Dump`), used to compare with its conformance files.
    pub fn buildkit_dump(&self) -> String {
        parser::dump(self)
    }
}

/// Parses bytes, replacing invalid UTF-8 (a `DL1000` syntax error marks the first bad byte).
pub fn parse_bytes(bytes: &[u8]) -> Parsed {
    match std::str::from_utf8(bytes) {
        Ok(text) => parse(text),
        Err(err) => {
            let valid = err.valid_up_to();
            let text = String::from_utf8_lossy(bytes);
            let mut parsed = parse(&text);
            parsed.lossy = true;
            let at = valid.min(parsed.text.len());
            let end = parsed.text[at..]
                .chars()
                .next()
                .map_or(at, |c| at + c.len_utf8());
            parsed.errors.insert(
                0,
                SyntaxError {
                    message: "the file is not valid UTF-8; invalid bytes were read as U+FFFD"
                        .to_string(),
                    range: TextRange::new(at, end),
                },
            );
            parsed
        }
    }
}
