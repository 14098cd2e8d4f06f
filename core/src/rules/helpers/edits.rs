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

/// The indentation of the RUN's continuation lines (four blanks for a one-line RUN).
pub(crate) fn continuation_indent(c: &Checker, ins: &Instruction) -> String {
    let Args::Command(CommandForm::Shell(span)) = &ins.args else {
        return "    ".to_string();
    };
    let index = c.parsed.line_index();
    let last_line = index.line_of(span.range.end());
    if index.line_of(span.range.start()) < last_line {
        let line_start = index.line_start(last_line);
        c.text()
            .get(line_start..span.range.end())
            .unwrap_or("")
            .chars()
            .take_while(|ch| *ch == ' ' || *ch == '\t')
            .collect()
    } else {
        "    ".to_string()
    }
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
