//! Building edits that read like a person wrote them: the keyword case and the
//! continuation indentation the file already uses, appending a command to a RUN, and
//! deleting a word with the blanks or the line around it.

use crate::diagnostic::Edit;
use crate::rules::Checker;
use crate::shell::Word;
use crate::syntax::{Args, CommandForm, Instruction};
use crate::text::TextRange;

/// `word` in the case `like` is written in (all lower, else upper).
pub(crate) fn match_case(like: &str, word: &str) -> String {
    if like.chars().all(|c| !c.is_ascii_uppercase()) {
        word.to_ascii_lowercase()
    } else {
        word.to_ascii_uppercase()
    }
}

/// The indentation of the RUN's continuation lines; for a one-line RUN, that of the
/// file's first continuation line (so a tab-indented file gets tabs), else four blanks.
pub(crate) fn continuation_indent(c: &Checker, ins: &Instruction) -> String {
    let index = c.parsed.line_index();
    let indent_of_last_line = |ins: &Instruction| {
        let Args::Command(CommandForm::Shell(span)) = &ins.effective().args else {
            return None;
        };
        let last_line = index.line_of(span.range.end());
        if index.line_of(span.range.start()) >= last_line {
            return None;
        }
        let line_start = index.line_start(last_line);
        let indent: String = c
            .text()
            .get(line_start..span.range.end())
            .unwrap_or("")
            .chars()
            .take_while(|ch| *ch == ' ' || *ch == '\t')
            .collect();
        (!indent.is_empty()).then_some(indent)
    };
    indent_of_last_line(ins)
        .or_else(|| c.parsed.instructions.iter().find_map(indent_of_last_line))
        .unwrap_or_else(|| "    ".to_string())
}

/// An edit appending `&& command` to the shell-form RUN `index` on a continuation line.
/// `None` when appending is not plainly correct: exec form, heredocs, a script that ends
/// in an operator, or a shell comment that could swallow the addition.
pub(crate) fn append_command(c: &Checker, index: usize, command: &str) -> Option<Edit> {
    let ins = c.parsed.instructions.get(index)?.effective();
    let Args::Command(CommandForm::Shell(span)) = &ins.args else {
        return None;
    };
    if !ins.heredocs.is_empty() || span.text.contains('#') {
        return None;
    }
    let trimmed = span.text.trim_end();
    if trimmed.is_empty() || trimmed.ends_with([';', '&', '|', '\\', '`', '(', '{']) {
        return None;
    }
    let indent = continuation_indent(c, ins);
    Some(Edit::insert(
        span.range.end(),
        format!(
            " {}{}{indent}&& {command}",
            c.parsed.escape,
            c.line_ending()
        ),
    ))
}

/// The range that deleting `word` removes, with the blanks that separate it, when it is
/// a plain word. A word alone on a continuation line takes the whole line with it; when
/// that cannot be done without leaving a blank continuation line, `None`.
pub(crate) fn word_deletion(text: &str, word: &Word, escape: char) -> Option<TextRange> {
    if word.raw != word.value || word.value.contains('$') || word.range.slice(text) != word.raw {
        return None;
    }
    let before = text.get(..word.range.start())?;
    // Only blanks between the line's start and the word: looked at from the word back,
    // so a long line is not rescanned for every word on it.
    let line_start = before.trim_end_matches([' ', '\t']).len();
    let first_on_line = line_start == 0 || before[..line_start].ends_with('\n');
    let after = text.get(word.range.end()..)?;
    let blanks_after = after.len() - after.trim_start_matches([' ', '\t']).len();
    if !first_on_line {
        let blanks = before.len() - before.trim_end_matches([' ', '\t']).len();
        return (blanks > 0).then(|| TextRange::new(word.range.start() - blanks, word.range.end()));
    }
    let rest = after.get(blanks_after..)?;
    // Ex) "    --force-yes \" on its own line: delete the line.
    if let Some(tail) = rest.strip_prefix(escape) {
        let tail_blanks = tail.len() - tail.trim_start_matches([' ', '\t']).len();
        let eol = tail.get(tail_blanks..)?;
        let newline = if eol.starts_with("\r\n") {
            2
        } else if eol.starts_with('\n') {
            1
        } else {
            return None;
        };
        let end = word.range.end() + blanks_after + escape.len_utf8() + tail_blanks + newline;
        return Some(TextRange::new(line_start, end));
    }
    if rest.is_empty() || rest.starts_with(['\n', '\r']) {
        // Ex) "curl \" then "    --force-yes" ending the instruction: join the lines.
        let prev = before.get(..line_start)?;
        let prev = prev.strip_suffix('\n')?;
        let prev = prev.strip_suffix('\r').unwrap_or(prev);
        let prev = prev.trim_end_matches([' ', '\t']);
        let prev = prev.strip_suffix(escape)?;
        let start = prev.trim_end_matches([' ', '\t']).len();
        if start == prev.len() {
            return None;
        }
        return Some(TextRange::new(start, word.range.end() + blanks_after));
    }
    if blanks_after == 0 {
        return None;
    }
    Some(TextRange::new(
        word.range.start(),
        word.range.end() + blanks_after,
    ))
}

/// A fix merging RUN `second` into RUN `first` (the instruction right before it, with
/// the same flags): `RUN a` + `RUN b` become `RUN a \` + `<indent>&& b`, indented like
/// `first`'s continuation lines. `None` when the merge could change what runs: heredocs,
/// a comment between or inside, `first` ending in an operator, or `second` with top-level
/// `||`, `;` or `&` (they would bind differently after `&&`); and when a blank line
/// separates them (groups the author kept apart).
pub(crate) fn merge_runs(
    c: &Checker,
    first: usize,
    second: usize,
    title: &str,
) -> Option<crate::diagnostic::Fix> {
    use crate::shell::Connector;
    use crate::syntax::TokenKind;
    use crate::text::TextRange;
    let a = c.parsed.instructions.get(first)?;
    let b = c.parsed.instructions.get(second)?;
    let (Args::Command(CommandForm::Shell(a_span)), Args::Command(CommandForm::Shell(b_span))) =
        (&a.args, &b.args)
    else {
        return None;
    };
    let same_flags = a.flags.len() == b.flags.len()
        && a.flags
            .iter()
            .zip(&b.flags)
            .all(|(x, y)| x.name.eq_ignore_ascii_case(&y.name) && x.value == y.value);
    if !same_flags
        || !a.heredocs.is_empty()
        || !b.heredocs.is_empty()
        || a_span.text.contains('#')
        || b_span.text.contains('#')
    {
        return None;
    }
    let trimmed = a_span.text.trim_end();
    if trimmed.is_empty() || trimmed.ends_with([';', '&', '|', '\\', '`', '(', '{']) {
        return None;
    }
    // A blank line between separates groups the author kept apart: no merge.
    let lines = c.parsed.line_index();
    if lines.line_of(b.range.start()) > lines.line_of(a.range.end().saturating_sub(1)) + 1 {
        return None;
    }
    let between = TextRange::new(a.range.end(), b.range.start());
    let tokens = &c.parsed.tokens;
    let from = tokens.partition_point(|t| t.range.start < between.start);
    if tokens
        .get(from..)
        .unwrap_or_default()
        .iter()
        .take_while(|t| t.range.start < between.end)
        .any(|t| between.contains_range(t.range) && t.kind == TokenKind::Comment)
    {
        return None;
    }
    let b_trimmed = b_span.text.trim_end();
    if b_trimmed.ends_with('&') && !b_trimmed.ends_with("&&") {
        return None;
    }
    let script = c.script(second)?;
    if script.error.is_some()
        || script.commands.iter().any(|cmd| {
            cmd.depth == 0
                && matches!(
                    cmd.connector,
                    Connector::Or | Connector::Seq | Connector::Background
                )
        })
    {
        return None;
    }
    let indent = continuation_indent(c, a);
    Some(crate::diagnostic::Fix::unsafe_(
        title,
        vec![Edit::replace(
            TextRange::new(a_span.range.end(), b_span.range.start()),
            format!(" {}{}{indent}&& ", c.parsed.escape, c.line_ending()),
        )],
    ))
}

/// Where to insert a line that belongs before instruction `index`: the start of its line,
/// or of the comment lines right above it (no blank line between), so an inserted
/// `SHELL` or `WORKDIR` does not come between a comment and the instruction it describes.
/// Directives and comments inside an earlier instruction's continuation are left alone.
pub(crate) fn insertion_point(c: &Checker, index: usize) -> usize {
    let Some(ins) = c.parsed.instructions.get(index) else {
        return 0;
    };
    let lines = c.parsed.line_index();
    let mut line = lines.line_of(ins.range.start());
    let mut at = lines.line_start(line);
    let floor = index
        .checked_sub(1)
        .and_then(|i| c.parsed.instructions.get(i))
        .map_or(0, |p| p.range.end());
    while line > 0 {
        let start = lines.line_start(line - 1);
        if start < floor {
            break;
        }
        let text = c.text().get(start..at).unwrap_or("");
        let trimmed = text.trim_start();
        let is_comment = trimmed.starts_with('#') && {
            let tokens = &c.parsed.tokens;
            let from = tokens.partition_point(|t| t.range.start() < start);
            tokens
                .get(from..)
                .unwrap_or_default()
                .iter()
                .find(|t| t.kind != crate::syntax::TokenKind::Whitespace)
                .is_some_and(|t| t.kind == crate::syntax::TokenKind::Comment)
        };
        if !is_comment {
            break;
        }
        line -= 1;
        at = start;
    }
    at
}
