//! Reports: one renderer per `--format`, all fed the same [`Report`].

mod checkstyle;
mod github;
mod gitlab;
mod gnu;
mod json;
mod junit;
mod sarif;
pub mod style;
mod tty;
mod xml;

use crate::args::Format;
use dockcoach_core::{Applicability, Diagnostic, LineCol, LineIndex, PositionEncoding, TextRange};
use std::io::{self, Write};

/// The findings of one input, with the text their ranges point into.
pub struct FileReport {
    /// The path as the user gave it (or as found under a directory; `-` for stdin).
    pub path: String,
    pub text: String,
    pub index: LineIndex,
    pub diagnostics: Vec<Diagnostic>,
}

impl FileReport {
    pub fn new(path: String, text: String, mut diagnostics: Vec<Diagnostic>) -> FileReport {
        diagnostics.sort_by(|a, b| {
            (a.range.start, a.code(), a.range.end, &a.message).cmp(&(
                b.range.start,
                b.code(),
                b.range.end,
                &b.message,
            ))
        });
        let index = LineIndex::new(&text);
        FileReport {
            path,
            text,
            index,
            diagnostics,
        }
    }

    /// 1-based line and column (Unicode scalar values) of a byte offset.
    pub fn position(&self, offset: usize) -> LineCol {
        self.index
            .line_col(&self.text, offset, PositionEncoding::Utf32)
    }

    /// Start and end (exclusive) of a range.
    pub fn span(&self, range: TextRange) -> (LineCol, LineCol) {
        (self.position(range.start()), self.position(range.end()))
    }
}

/// What the summary line needs to know besides the findings.
#[derive(Clone, Copy, Debug)]
pub struct Context<'a> {
    pub color: bool,
    /// What `--fix` would apply, so the summary can say what it would fix.
    pub fix_mode: Applicability,
    /// Where rule links point: a base for [`help_uri`].
    pub rules_url: &'a str,
}

/// Writes the report for all files. `reports` are sorted by path.
pub fn render(
    format: Format,
    reports: &[FileReport],
    context: Context<'_>,
    out: &mut dyn Write,
) -> io::Result<()> {
    match format {
        Format::Tty => tty::render(reports, context, out),
        Format::Json => json::render(reports, context.rules_url, out),
        Format::Sarif => sarif::render(reports, context.rules_url, out),
        Format::Checkstyle => checkstyle::render(reports, out),
        Format::Gitlab => gitlab::render(reports, out),
        Format::Gnu => gnu::render(reports, out),
        Format::Junit => junit::render(reports, out),
        Format::Github => github::render(reports, out),
    }
}

/// The documentation link of a rule under `base` (see [`dockcoach_core::links`]).
pub fn help_uri(base: &str, code: &str) -> String {
    dockcoach_core::links::rule_url(base, code)
}

/// Replaces characters that would let a Dockerfile drive the terminal (escape
/// sequences, carriage returns) with U+FFFD; tabs become spaces.
pub fn sanitize(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '\t' => ' ',
            c if c.is_control() => '\u{FFFD}',
            c => c,
        })
        .collect()
}
