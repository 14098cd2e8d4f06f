use super::helpers::continuation_indent;
use super::{Checker, Onbuild};
use crate::diagnostic::{Edit, Fix};
use crate::shell::Connector;
use crate::syntax::{Args, CommandForm, Flag, Instruction, InstructionKind, TokenKind};
use crate::text::TextRange;

declare_rule! {
    /// ## What it does
    /// Checks for consecutive `RUN` instructions with the same flags that could be one
    /// `RUN`.
    ///
    /// ## Why is this bad?
    /// Each `RUN` makes a layer. Short steps in a row make more layers than needed, and
    /// files deleted in a later step still take space in the earlier layer.
    ///
    /// As hadolint does, only `RUN`s of a single command are counted: a `RUN` that
    /// already chains commands is treated as deliberately separate, and so is the `RUN`
    /// after it; `RUN`s whose flags differ (`--mount`,
    /// `--network`...) are never counted together. Comments between them do not break
    /// the sequence, other instructions do.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM debian:12
    /// RUN mkdir -p /app
    /// RUN chown nobody /app
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM debian:12
    /// RUN mkdir -p /app \
    ///     && chown nobody /app
    /// ```
    ///
    /// ## Fix safety
    /// The fix merges the `RUN` into the one before it with `&&` on a continuation line.
    /// It is unsafe: the commands now share one shell (variables and `cd` carry over)
    /// and one layer, which changes build caching. There is no fix when either `RUN` is
    /// in exec form or has a heredoc, when a comment sits between them,
    /// when the first ends in an operator or holds a shell comment, or when the second
    /// has `;`, `||` or `&` at its top level (chaining it with `&&` would change what runs).
    ///
    /// ## References
    /// - [Docker docs: minimize the number of layers](https://docs.docker.com/build/building/best-practices/#minimize-the-number-of-layers)
    /// - hadolint `DL3059`
    pub static META = {
        code: "DL3059",
        name: "consecutive-run",
        aliases: [],
        severity: Info,
        category: Performance,
        fix: Unsafe,
    }
}

fn same_flags(a: &[Flag], b: &[Flag]) -> bool {
    a.len() == b.len()
        && a.iter()
            .zip(b)
            .all(|(x, y)| x.name.eq_ignore_ascii_case(&y.name) && x.value == y.value)
}

/// The number of commands in a RUN (exec form: one).
fn command_count(c: &Checker, index: usize, ins: &Instruction) -> usize {
    match &ins.args {
        // `[ ... ]` and `[[ ... ]]` are conditions, not commands, to ShellCheck (and hadolint).
        Args::Command(CommandForm::Shell(span)) => match c.script(index) {
            Some(s) => s
                .commands
                .iter()
                .filter(|cmd| !matches!(cmd.name.value.as_str(), "[" | "[["))
                .count(),
            // A script dockcoach does not parse (PowerShell, cmd): hadolint still counts
            // its commands, roughly one per `;`, `&&`, `||` or `|` outside quotes.
            None => rough_command_count(&span.text),
        },
        _ => 1,
    }
}

pub(super) fn check(c: &Checker) {
    // The RUN that started the current sequence: (index, flags, command count).
    let mut previous: Option<(usize, usize)> = None;
    let mut last_run: Option<usize> = None;
    for (index, ins) in c.walk(Onbuild::AsWritten) {
        if ins.kind != InstructionKind::Run {
            previous = None;
            last_run = None;
            continue;
        }
        let count = command_count(c, index, ins);
        let Some((first, first_count)) = previous else {
            previous = Some((index, count));
            last_run = Some(index);
            continue;
        };
        let Some(first_ins) = c.parsed.instructions.get(first) else {
            continue;
        };
        if !same_flags(&first_ins.flags, &ins.flags) || count > 1 || first_count > 1 {
            previous = Some((index, count));
            last_run = Some(index);
            continue;
        }
        // Ex) RUN a \n RUN b
        let fix = last_run.and_then(|prev| merge_fix(c, prev, index));
        c.report_with_fix(
            &META,
            ins.keyword.range,
            "This `RUN` directly follows another `RUN` with the same flags; they could be one layer",
            fix,
        );
        last_run = Some(index);
    }
}

/// Merges RUN `second` into RUN `first` (the instruction right before it).
fn merge_fix(c: &Checker, first: usize, second: usize) -> Option<Fix> {
    let a = c.parsed.instructions.get(first)?;
    let b = c.parsed.instructions.get(second)?;
    let (Args::Command(CommandForm::Shell(a_span)), Args::Command(CommandForm::Shell(b_span))) =
        (&a.args, &b.args)
    else {
        return None;
    };
    if !a.heredocs.is_empty() || !b.heredocs.is_empty() || a_span.text.contains('#') {
        return None;
    }
    let trimmed = a_span.text.trim_end();
    if trimmed.is_empty() || trimmed.ends_with([';', '&', '|', '\\', '`', '(', '{']) {
        return None;
    }
    // Only blanks and newlines between the two RUNs (no comments, no blank lines). The
    // tokens tile the text in order, so the ones between are found by bisection: a scan
    // of every token per RUN made a file of many RUNs quadratic.
    let between = TextRange::new(a.range.end(), b.range.start());
    let tokens = &c.parsed.tokens;
    let from = tokens.partition_point(|t| t.range.start < between.start);
    if tokens[from..]
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
    Some(Fix::unsafe_(
        "Merge into the previous `RUN`",
        vec![Edit::replace(
            TextRange::new(a_span.range.end(), b_span.range.start()),
            format!(" {}{}{indent}&& ", c.parsed.escape, c.line_ending()),
        )],
    ))
}

/// Commands in a script we do not parse: separators outside quotes, plus one.
fn rough_command_count(text: &str) -> usize {
    let mut count = 1;
    let mut quote: Option<char> = None;
    let mut prev = ' ';
    for ch in text.chars() {
        match quote {
            Some(q) if ch == q => quote = None,
            Some(_) => {}
            None if ch == '"' || ch == '\'' => quote = Some(ch),
            None if ch == ';' || (ch == '|' && prev != '|') || (ch == '&' && prev == '&') => {
                count += 1;
            }
            None => {}
        }
        prev = ch;
    }
    count
}
