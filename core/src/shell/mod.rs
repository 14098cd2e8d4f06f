//! The shell inside `RUN`: parse a script into the simple commands rules inspect.
//!
//! # Design
//!
//! [`parse`] takes the script exactly as BuildKit hands it to `/bin/sh -c` (the
//! instruction's joined logical line, or a heredoc body) plus the [`OffsetMap`] that
//! maps its offsets back to the file, and returns a flat [`Script`]: every simple
//! command in source order with its name, arguments, `NAME=value` prefixes and
//! redirections, each word with its value (quotes removed), its raw text and its file
//! range. Rules never see a shell AST; they filter the flat list (by name, depth,
//! connector, pipeline) instead.
//!
//! **Parser.** Our own hand-written tokenizer (`lexer.rs`) and recursive-descent
//! parser (`parser.rs`) for POSIX `sh` plus the bash extensions Dockerfiles use
//! (`[[ ]]`, `(( ))`, `<( )`/`>( )`, `&>`, `|&`, `<<<`, `$'..'`, arrays, `function`,
//! `select`, `coproc`). It works in byte offsets, builds no syntax tree (it emits the
//! raw commands directly) and sits behind the small internal `Backend` trait (text
//! in, raw commands with byte ranges out). It replaced `brush-parser`, which cost
//! ~150 KB of the playground's wasm and was about 4 times slower; brush is kept only
//! as the oracle of a differential test (`tests/tests/shell_differential.rs`,
//! behind the `brush-oracle` cargo feature): on every corpus `RUN` script brush
//! accepts, both must produce the same commands, except a short documented list of
//! brush bugs (word ranges after a line continuation or a here-document delimiter).
//!
//! **Flattening.** Lists, pipelines, `!`, subshells, `{ }` groups, `if`/`elif`/`else`,
//! `for`/`while`/`until` bodies, `case` branches, function bodies, coprocesses
//! and `<( )`/`>( )` process substitutions are all walked; commands nested in them get
//! `depth > 0`. Command substitutions (`$( )` and backticks) live *inside* words, so
//! each substitution body is parsed in turn (up to 8 levels deep) and its commands are
//! listed right after the command whose word holds it, one level deeper; substitutions
//! in `for` word lists, `case` subjects and `[[ ]]` operands are found the same way.
//! Here-document bodies are attached to their redirection but not searched.
//!
//! **Fallback.** When the parser rejects a script, [`Script::error`] holds its message
//! and the commands come from a tiny quote-aware splitter of our own (see
//! `fallback.rs`) that cuts the text at unquoted `&&`, `||`, `;`, `|`, `&`, parentheses
//! and newlines, so rules still work on scripts the shell would refuse. The same
//! splitter is used, *without* an error, for scripts that exceed the safety limits
//! below; [`Script::fallback`] tells the two paths apart from the exact one.
//!
//! **Safety.** Parsing never panics and stays linear on any input (random bytes,
//! megabytes, unbalanced quotes). Recursion is capped everywhere, as `wasm32` cannot
//! catch a stack overflow: scripts over 64 KiB or whose estimated nesting exceeds 16
//! constructs go straight to the fallback splitter; past that guard the parser itself
//! gives up (fallback, no error) beyond 64 nested compound commands or 64 nested
//! quotes/substitutions inside one word; command substitutions are parsed at most 8
//! levels deep. Carriage returns and form feeds are blanks (CRLF scripts). An fd
//! number too large for a `u32` (`99999999999>f`) is a redirection without `fd`.
//!
//! **Errors.** Messages follow bash ("unterminated single quote", "syntax error near
//! unexpected token \`fi\`", "syntax error: unexpected end of script (missing
//! \`done\`)"), with a file range on the offending token (from the opening quote or
//! `$(` to the end for an unterminated one; empty at the end of the script for a
//! missing closer, which names the innermost construct left open). A script bash
//! accepts must get no error (the 148 corpus scripts both parsers reject were checked
//! with `bash -n`: bash rejects them all, mostly PowerShell `RUN`s).

#[cfg(feature = "brush-oracle")]
mod brush;
mod fallback;
mod lexer;
mod parser;
mod words;

#[cfg(test)]
mod tests;

use std::ops::Range;

use crate::text::{OffsetMap, TextRange};

/// A parsed `RUN` script.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Script {
    /// Every simple command, in source order, flattened out of lists, pipelines,
    /// compound commands, functions and command substitutions.
    pub commands: Vec<Command>,
    /// The shell parser's error, if it rejected the script; `commands` then come from
    /// the fallback splitter.
    pub error: Option<ShellError>,
    /// True when `commands` come from the fallback splitter (after a parse error, or
    /// because the script exceeded a safety limit), so they are a best effort.
    pub fallback: bool,
}

/// A shell syntax error.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ShellError {
    pub message: String,
    /// File range of the offending token (best effort; empty at the end of the script
    /// for "unexpected end" errors).
    pub range: TextRange,
}

/// One simple command.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Command {
    /// The command name as written, e.g. `apt-get` or `/usr/bin/apt-get` (value with
    /// quotes removed; [`Command::name`] gives the basename). Empty (value and
    /// raw `""`, empty range at the command's start) for a command made only of
    /// assignments and/or redirections, such as `FOO=bar` or `> file`.
    pub name: Word,
    /// Arguments after the name, excluding redirections and prefix assignments.
    /// `<(cmd)` process substitutions appear here as a word of their raw text.
    pub args: Vec<Word>,
    /// `FOO=bar` prefixes.
    pub assignments: Vec<Word>,
    /// Redirections, in source order.
    pub redirects: Vec<Redirect>,
    /// File range from the first word (or redirection) to the last one. Here-document
    /// bodies are not included.
    pub range: TextRange,
    /// How this command's pipeline is joined to the previous one in its list. The first
    /// command of a nested list inherits the connector of the compound command it is in
    /// (`x && (a; b)`: `a` is `And`); `then`/loop bodies are `And`, `else` branches and
    /// `elif` conditions `Or`, every `case` branch inherits; a command substitution's
    /// body starts with `First`. All commands of a pipeline share the pipeline's
    /// connector (see `pipeline` for their position).
    pub connector: Connector,
    /// Set when the command is part of a pipeline of at least two commands. Commands
    /// nested in a compound command that is itself a pipeline element inherit it
    /// (`curl x | (cd /t && tar x)`: `cd` and `tar` are at index 1).
    pub pipeline: Option<PipePos>,
    /// 0 for the top-level list; one more for each enclosing subshell, group, `if`,
    /// loop, `case`, function body, or command/process substitution.
    pub depth: u32,
    /// Part of a pipeline preceded by `!` (inherited like `pipeline`).
    pub negated: bool,
    /// Where the basename starts in `name.value` (rules ask for it constantly).
    base: usize,
}

/// How a command is joined to the previous one in its list.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Connector {
    /// The first command of the script (or of a command substitution).
    First,
    /// `&&`
    And,
    /// `||`
    Or,
    /// `;` or a newline
    Seq,
    /// `&` (the previous command runs in the background)
    Background,
}

/// A command's place in its pipeline.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct PipePos {
    /// 0-based position in the pipeline.
    pub index: usize,
    /// Number of commands in the pipeline (>= 2).
    pub len: usize,
    /// The pipeline's number in the script: 0, 1, 2... in source order.
    pub id: usize,
}

/// A redirection such as `> file`, `2>&1`, `<<EOF`, `&> log`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Redirect {
    /// The operator without its fd number: `>`, `>>`, `<`, `<>`, `>|`, `<&`, `>&`,
    /// `&>`, `&>>`, `<<`, `<<-`, `<<<`.
    pub op: String,
    /// The fd number written before the operator (`2` in `2>&1`).
    pub fd: Option<u32>,
    /// The word after the operator: a file, an fd (`1` in `2>&1`), a here-string, or a
    /// here-document's delimiter. `None` only when the parser gave no position for it.
    pub target: Option<Word>,
    /// A here-document's body (without the delimiter line); its value has leading tabs
    /// stripped for `<<-`, and `quoted` is true when the delimiter was quoted (no
    /// expansion happens in the body).
    pub body: Option<Word>,
    /// File range from the fd number or operator to the end of the target.
    pub range: TextRange,
}

/// One shell word.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Word {
    /// Quotes removed and backslash escapes resolved; `$VAR`, `${...}`, `$(...)` and
    /// backticks left as written.
    pub value: String,
    /// The word as written.
    pub raw: String,
    /// File range of the raw word.
    pub range: TextRange,
    /// Any part of the word was quoted or escaped.
    pub quoted: bool,
}

impl Command {
    /// The command name's last path component: `apt-get` for both `apt-get` and
    /// `/usr/bin/apt-get` (empty for assignment- or redirection-only commands). The name
    /// exactly as written (quotes removed) is `self.name.value`.
    pub fn name(&self) -> &str {
        self.name.value.get(self.base..).unwrap_or_default()
    }

    /// Whether any of the short flags (`-y`, also inside `-qy`) or long flags
    /// (`--yes`, `--yes=...`) is present before `--`.
    pub fn has_flag(&self, short: &[char], long: &[&str]) -> bool {
        for word in &self.args {
            let v = word.value.as_str();
            if v == "--" {
                return false;
            }
            if let Some(l) = v.strip_prefix("--") {
                let name = l.split_once('=').map_or(l, |(n, _)| n);
                if long.contains(&name) {
                    return true;
                }
            } else if let Some(s) = v.strip_prefix('-')
                && s.chars().any(|c| short.contains(&c))
            {
                return true;
            }
        }
        false
    }

    /// Arguments that are not flags: those not starting with `-` (a lone `-` counts as
    /// positional), and every argument after `--`.
    pub fn positionals(&self) -> impl Iterator<Item = &Word> {
        let mut after_dashes = false;
        self.args.iter().filter(move |w| {
            if after_dashes {
                return true;
            }
            if w.value == "--" {
                after_dashes = true;
                return false;
            }
            !w.value.starts_with('-') || w.value == "-"
        })
    }

    /// The arguments' values.
    pub fn arg_values(&self) -> impl Iterator<Item = &str> {
        self.args.iter().map(|w| w.value.as_str())
    }
}

fn basename(name: &str) -> &str {
    name.rsplit('/').next().unwrap_or(name)
}

/// Parses `text` (already joined exactly as BuildKit hands it to `/bin/sh -c`); `map`
/// maps offsets in `text` to file offsets. Never fails and never panics; see the
/// module docs for what is flattened and when the fallback splitter is used.
pub fn parse(text: &str, map: &OffsetMap) -> Script {
    parse_with(text, map, &parser::Parser)
}

/// [`parse`] with the previous parser, brush-parser, for the differential test
/// (`tests/tests/shell_differential.rs`) only.
#[cfg(feature = "brush-oracle")]
#[doc(hidden)]
pub fn parse_with_brush(text: &str, map: &OffsetMap) -> Script {
    parse_with(text, map, &brush::Brush)
}

fn parse_with(text: &str, map: &OffsetMap, backend: &dyn Backend) -> Script {
    let outcome = run(text, backend);
    let mut conv = Converter {
        text,
        map,
        backend,
        commands: Vec::new(),
        next_pipe: 0,
    };
    conv.emit(&outcome.items, 0, 0, 0);
    let error = outcome.error.map(|e| ShellError {
        message: e.message,
        range: conv.file_range(e.range),
    });
    // Walk order is source order except for a few nestings (a `<( )` next to a `$( )`,
    // substitutions in later `case` patterns); a stable sort on the start fixes those.
    let mut commands = conv.commands;
    crate::collections::sort_stable(&mut commands, |(start, _)| (*start, 0, 0));
    let mut commands: Vec<Command> = commands.into_iter().map(|(_, c)| c).collect();
    renumber_pipelines(&mut commands);
    Script {
        commands,
        error,
        fallback: outcome.fallback,
    }
}

// ---------------------------------------------------------------------------------------
// Backend boundary: raw commands with byte ranges relative to the text a backend saw.
// ---------------------------------------------------------------------------------------

/// A shell parser: text in, raw commands out (ranges are byte offsets into `text`).
pub(crate) trait Backend {
    fn parse(&self, text: &str) -> Result<Vec<RawItem>, Failure>;

    /// Whether `text` may be given to [`Backend::parse`] at all (see the module docs'
    /// safety limits); otherwise the fallback splitter is used without an error.
    fn accepts(&self, text: &str) -> bool {
        text.len() <= MAX_LEN && !words::nesting_exceeds(text, MAX_NESTING)
    }
}

/// Why a backend produced no commands.
pub(crate) enum Failure {
    /// The script is not valid shell.
    Syntax(RawError),
    /// The script is valid as far as read but exceeds a safety limit (nesting).
    Limit,
}

pub(crate) enum RawItem {
    Command(RawCommand),
    /// Words outside any simple command (`for` word lists, `case` subjects and
    /// patterns, `[[ ]]` operands, redirections of compound commands) at `depth`,
    /// searched for command substitutions only.
    Words {
        words: Vec<Range<usize>>,
        depth: u32,
    },
}

pub(crate) struct RawCommand {
    pub(crate) name: Option<Range<usize>>,
    pub(crate) args: Vec<Range<usize>>,
    pub(crate) assignments: Vec<Range<usize>>,
    pub(crate) redirects: Vec<RawRedirect>,
    pub(crate) connector: Connector,
    pub(crate) pipeline: Option<RawPipe>,
    pub(crate) depth: u32,
    pub(crate) negated: bool,
}

impl RawCommand {
    /// A command with no words yet, at its place in the script.
    pub(crate) fn new(
        connector: Connector,
        pipeline: Option<RawPipe>,
        depth: u32,
        negated: bool,
    ) -> Self {
        RawCommand {
            name: None,
            args: Vec::new(),
            assignments: Vec::new(),
            redirects: Vec::new(),
            connector,
            pipeline,
            depth,
            negated,
        }
    }
}

pub(crate) struct RawRedirect {
    pub(crate) fd: Option<u32>,
    pub(crate) op: String,
    pub(crate) range: Range<usize>,
    pub(crate) target: Option<Range<usize>>,
    pub(crate) body: Option<Range<usize>>,
}

#[derive(Clone, Copy, Debug)]
pub(crate) struct RawPipe {
    pub(crate) index: usize,
    pub(crate) len: usize,
    /// Unique within one backend call.
    pub(crate) id: usize,
}

pub(crate) struct RawError {
    pub(crate) message: String,
    pub(crate) range: Range<usize>,
}

/// Scripts longer than this go to the fallback splitter (see the module docs).
const MAX_LEN: usize = 64 * 1024;
/// Scripts whose estimated nesting exceeds this go to the fallback splitter.
const MAX_NESTING: usize = 16;
/// Command substitutions nested deeper than this are not parsed.
const MAX_SUBSTITUTION_NESTING: u32 = 8;

struct Outcome {
    items: Vec<RawItem>,
    error: Option<RawError>,
    fallback: bool,
}

fn run(text: &str, backend: &dyn Backend) -> Outcome {
    let failure = if backend.accepts(text) {
        match backend.parse(text) {
            Ok(items) => {
                return Outcome {
                    items,
                    error: None,
                    fallback: false,
                };
            }
            Err(f) => f,
        }
    } else {
        Failure::Limit
    };
    Outcome {
        items: fallback::parse(text),
        error: match failure {
            Failure::Syntax(e) => Some(e),
            Failure::Limit => None,
        },
        fallback: true,
    }
}

struct Converter<'a> {
    text: &'a str,
    map: &'a OffsetMap,
    /// The parser used for command substitutions too.
    backend: &'a dyn Backend,
    /// Each command with its start offset in the text.
    commands: Vec<(usize, Command)>,
    /// Pipeline ids used so far (backend ids are offset by it).
    next_pipe: usize,
}

impl Converter<'_> {
    fn file_range(&self, r: Range<usize>) -> TextRange {
        let end = r.end.min(self.text.len());
        let start = r.start.min(end);
        self.map.range_to_file(TextRange::new(start, end))
    }

    fn word(&self, r: Range<usize>) -> Word {
        let raw = self.text.get(r.clone()).unwrap_or("");
        let (value, quoted) = words::unquote(raw);
        Word {
            value,
            raw: raw.to_owned(),
            range: self.file_range(r),
            quoted,
        }
    }

    /// Converts one backend call's items (ranges relative to `base`) and parses the
    /// command substitutions in their words.
    fn emit(&mut self, items: &[RawItem], base: usize, depth_add: u32, nest: u32) {
        let pipe_base = self.next_pipe;
        let mut pipes_used = 0;
        for item in items {
            match item {
                RawItem::Command(c) => {
                    if let Some(p) = c.pipeline {
                        pipes_used = pipes_used.max(p.id + 1);
                    }
                    let (start, command, word_ranges) = self.command(c, base, depth_add, pipe_base);
                    let depth = command.depth.saturating_add(1);
                    self.commands.push((start, command));
                    for r in word_ranges {
                        self.substitutions(r, depth, nest);
                    }
                }
                RawItem::Words { words, depth } => {
                    let depth = depth.saturating_add(depth_add).saturating_add(1);
                    for r in words {
                        self.substitutions(shift(r, base), depth, nest);
                    }
                }
            }
        }
        self.next_pipe = self.next_pipe.max(pipe_base + pipes_used);
    }

    /// Parses each command substitution in the word at `r` (absolute) and emits its
    /// commands at `depth`.
    fn substitutions(&mut self, r: Range<usize>, depth: u32, nest: u32) {
        if nest >= MAX_SUBSTITUTION_NESTING {
            return;
        }
        let Some(raw) = self.text.get(r.clone()) else {
            return;
        };
        for (s, e) in words::substitutions(raw) {
            let (start, end) = (r.start + s, r.start + e);
            let Some(inner) = self.text.get(start..end) else {
                continue;
            };
            if inner.trim().is_empty() {
                continue;
            }
            // A broken substitution body just yields the fallback's commands: the parser
            // accepted the enclosing script, so any error here is ours, not the user's.
            let outcome = run(inner, self.backend);
            self.emit(&outcome.items, start, depth, nest + 1);
        }
    }

    /// Builds a public command; also returns its words' absolute ranges, in source
    /// order, for the substitution search.
    fn command(
        &self,
        c: &RawCommand,
        base: usize,
        depth_add: u32,
        pipe_base: usize,
    ) -> (usize, Command, Vec<Range<usize>>) {
        let mut cover: Option<Range<usize>> = None;
        let mut add = |r: &Range<usize>| {
            cover = Some(match cover.take() {
                Some(c) => c.start.min(r.start)..c.end.max(r.end),
                None => r.clone(),
            });
        };
        let mut word_ranges: Vec<Range<usize>> = Vec::new();
        let assignments: Vec<Range<usize>> = c.assignments.iter().map(|r| shift(r, base)).collect();
        let name = c.name.as_ref().map(|r| shift(r, base));
        let args: Vec<Range<usize>> = c.args.iter().map(|r| shift(r, base)).collect();
        for r in assignments.iter().chain(name.iter()).chain(args.iter()) {
            add(r);
            word_ranges.push(r.clone());
        }
        let mut redirects = Vec::with_capacity(c.redirects.len());
        for red in &c.redirects {
            let target = red.target.as_ref().map(|r| shift(r, base));
            let range = if red.range.is_empty() {
                target.clone().unwrap_or(0..0)
            } else {
                shift(&red.range, base)
            };
            if !range.is_empty() {
                add(&range);
            }
            if let Some(t) = &target {
                word_ranges.push(t.clone());
            }
            let body = red.body.as_ref().map(|b| {
                let b = shift(b, base);
                let mut word = self.word(b);
                word.quoted = target
                    .as_ref()
                    .and_then(|t| self.text.get(t.clone()))
                    .is_some_and(|t| t.contains(['\'', '"', '\\']));
                word.value = if red.op == "<<-" {
                    strip_leading_tabs(&word.raw)
                } else {
                    word.raw.clone()
                };
                word
            });
            redirects.push(Redirect {
                op: red.op.clone(),
                fd: red.fd,
                target: target.map(|t| self.word(t)),
                body,
                range: self.file_range(range),
            });
        }
        crate::collections::sort_stable(&mut word_ranges, |r| (r.start, 0, 0));
        let cover = cover.unwrap_or(base..base);
        let start = cover.start;
        let name = match name {
            Some(r) => self.word(r),
            None => Word {
                value: String::new(),
                raw: String::new(),
                range: self.file_range(cover.start..cover.start),
                quoted: false,
            },
        };
        let base = name.value.len() - basename(&name.value).len();
        let command = Command {
            base,
            name,
            args: args.into_iter().map(|r| self.word(r)).collect(),
            assignments: assignments.into_iter().map(|r| self.word(r)).collect(),
            redirects,
            range: self.file_range(cover),
            connector: c.connector,
            pipeline: c.pipeline.map(|p| PipePos {
                index: p.index,
                len: p.len,
                id: pipe_base + p.id,
            }),
            depth: c.depth.saturating_add(depth_add),
            negated: c.negated,
        };
        (start, command, word_ranges)
    }
}

fn shift(r: &Range<usize>, base: usize) -> Range<usize> {
    r.start + base..r.end.max(r.start) + base
}

fn strip_leading_tabs(s: &str) -> String {
    s.split_inclusive('\n')
        .map(|line| line.trim_start_matches('\t'))
        .collect()
}

/// Makes pipeline ids dense and numbered in order of first appearance.
fn renumber_pipelines(commands: &mut [Command]) {
    // Ids are below the number of pipelines parsed, so a table indexed by id works.
    let max = commands
        .iter()
        .filter_map(|c| c.pipeline.as_ref().map(|p| p.id))
        .max();
    let Some(max) = max else { return };
    let mut new_id = vec![usize::MAX; max + 1];
    let mut next = 0;
    for c in commands.iter_mut() {
        if let Some(p) = &mut c.pipeline
            && let Some(slot) = new_id.get_mut(p.id)
        {
            if *slot == usize::MAX {
                *slot = next;
                next += 1;
            }
            p.id = *slot;
        }
    }
}
