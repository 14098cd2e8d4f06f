//! `--format tty`: rustc/ruff-style findings with the source lines, an underline under
//! the exact range, the fix, and a summary.

use super::style::{BLUE, BOLD, GREEN, Paint};
use super::{Context, FileReport, sanitize};
use dockcoach_core::{Applicability, Diagnostic, Severity};
use std::io::{self, Write};

/// Lines of a long range shown before the rest is elided.
const MAX_FRAME_LINES: usize = 6;

pub fn render(reports: &[FileReport], context: Context<'_>, out: &mut dyn Write) -> io::Result<()> {
    let paint = Paint { on: context.color };
    for report in reports {
        for d in &report.diagnostics {
            finding(report, d, paint, out)?;
        }
    }
    summary(reports, context, paint, out)
}

fn finding(
    report: &FileReport,
    d: &Diagnostic,
    paint: Paint,
    out: &mut dyn Write,
) -> io::Result<()> {
    let start = report.position(d.range.start());
    writeln!(
        out,
        "{}:{}:{}: {} {} {}",
        paint.paint(BOLD, &sanitize(&report.path)),
        start.line,
        start.column,
        paint.severity(d.severity, d.code()),
        paint.severity(d.severity, &format!("{}:", d.severity.as_str())),
        sanitize(&d.message)
    )?;
    frame(report, d, paint, out)?;
    if let Some(fix) = &d.fix {
        let marker = match fix.applicability {
            Applicability::Safe => "",
            Applicability::Unsafe => " (unsafe fix)",
        };
        let gutter = " ".repeat(gutter_width(report, d));
        writeln!(
            out,
            "{gutter} {} {}{marker}",
            paint.paint(BLUE, "="),
            paint.paint(GREEN, &format!("fix: {}", sanitize(&fix.title)))
        )?;
    }
    writeln!(out)
}

/// The 0-based lines a range covers; a range that ends just after a newline does not
/// cover the next line.
fn lines(report: &FileReport, d: &Diagnostic) -> (usize, usize) {
    let first = report.index.line_of(d.range.start());
    let mut last = report.index.line_of(d.range.end());
    if last > first && !d.range.is_empty() && report.index.line_start(last) == d.range.end() {
        last -= 1;
    }
    (first, last)
}

fn gutter_width(report: &FileReport, d: &Diagnostic) -> usize {
    let (_, last) = lines(report, d);
    (last + 1).to_string().len()
}

fn frame(report: &FileReport, d: &Diagnostic, paint: Paint, out: &mut dyn Write) -> io::Result<()> {
    let (first, last) = lines(report, d);
    let width = gutter_width(report, d);
    let bar = paint.paint(BLUE, "|");
    writeln!(out, "{} {bar}", " ".repeat(width))?;
    let shown = (last - first + 1).min(MAX_FRAME_LINES);
    for line in first..first + shown {
        let line_start = report.index.line_start(line);
        let line_end = report.index.line_start(line + 1).min(report.text.len());
        let raw = report.text.get(line_start..line_end).unwrap_or("");
        let raw = raw.trim_end_matches(['\n', '\r']);
        let from = if line == first {
            d.range.start().saturating_sub(line_start)
        } else {
            0
        };
        let to = if line == last {
            d.range.end().saturating_sub(line_start).min(raw.len())
        } else {
            raw.len()
        };
        let (display, under_start, under_len) = underline(raw, from, to);
        writeln!(
            out,
            "{} {bar} {}",
            paint.paint(BLUE, &format!("{:>width$}", line + 1)),
            display
        )?;
        let carets = "^".repeat(under_len.max(1));
        writeln!(
            out,
            "{} {bar} {}{}",
            " ".repeat(width),
            " ".repeat(under_start),
            paint.severity(d.severity, &carets)
        )?;
    }
    if last - first + 1 > shown {
        writeln!(
            out,
            "{} {bar} {}",
            " ".repeat(width),
            paint.paint(
                BLUE,
                &format!("... {} more lines", last - first + 1 - shown)
            )
        )?;
    }
    Ok(())
}

/// The line as shown (controls replaced, a BOM dropped) and where the underline of the
/// byte range `from..to` starts and how long it is, in shown characters.
fn underline(line: &str, from: usize, to: usize) -> (String, usize, usize) {
    let mut display = String::with_capacity(line.len());
    let mut shown = 0;
    let mut start = None;
    let mut end = None;
    for (i, c) in line.char_indices() {
        if start.is_none() && i >= from {
            start = Some(shown);
        }
        if end.is_none() && i >= to {
            end = Some(shown);
        }
        if c == '\u{feff}' {
            continue;
        }
        display.push(match c {
            '\t' => ' ',
            c if c.is_control() => '\u{FFFD}',
            c => c,
        });
        shown += 1;
    }
    let start = start.unwrap_or(shown);
    let end = end.unwrap_or(shown).max(start);
    (display, start, end - start)
}

fn plural(n: usize, one: &str, many: &str) -> String {
    if n == 1 {
        format!("{n} {one}")
    } else {
        format!("{n} {many}")
    }
}

fn summary(
    reports: &[FileReport],
    context: Context<'_>,
    paint: Paint,
    out: &mut dyn Write,
) -> io::Result<()> {
    let all: Vec<&Diagnostic> = reports.iter().flat_map(|r| &r.diagnostics).collect();
    let files = plural(reports.len(), "file", "files");
    if all.is_empty() {
        return writeln!(
            out,
            "{} ({files} checked)",
            paint.paint(GREEN, "No findings")
        );
    }
    let mut counts = Vec::new();
    for severity in Severity::ALL {
        let n = all.iter().filter(|d| d.severity == severity).count();
        if n > 0 {
            let (one, many) = match severity {
                Severity::Error => ("error", "errors"),
                Severity::Warning => ("warning", "warnings"),
                Severity::Info => ("info", "infos"),
                Severity::Style => ("style", "styles"),
            };
            counts.push(paint.severity(severity, &plural(n, one, many)));
        }
    }
    writeln!(
        out,
        "Found {} in {files} ({}).",
        paint.paint(BOLD, &plural(all.len(), "finding", "findings")),
        counts.join(", ")
    )?;
    let safe = all
        .iter()
        .filter(|d| {
            d.fix
                .as_ref()
                .is_some_and(|f| f.applicability == Applicability::Safe)
        })
        .count();
    let unsafe_ = all
        .iter()
        .filter(|d| {
            d.fix
                .as_ref()
                .is_some_and(|f| f.applicability == Applicability::Unsafe)
        })
        .count();
    let (with_fix, with_unsafe) = match context.fix_mode {
        Applicability::Safe => (safe, unsafe_),
        Applicability::Unsafe => (safe + unsafe_, 0),
    };
    let mut parts = Vec::new();
    if with_fix > 0 {
        parts.push(format!("{with_fix} fixable with `--fix`"));
    }
    if with_unsafe > 0 {
        let more = if with_fix > 0 { " more" } else { "" };
        parts.push(format!("{with_unsafe}{more} with `--unsafe-fixes`"));
    }
    if !parts.is_empty() {
        writeln!(out, "{}.", paint.paint(GREEN, &parts.join(", ")))?;
    }
    Ok(())
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use dockcoach_core::{Fix, TextRange};

    fn diagnostic(range: TextRange, fix: Option<Fix>) -> Diagnostic {
        Diagnostic {
            meta: dockcoach_core::rules::find("DL3003").unwrap(),
            aliases: &[],
            severity: Severity::Warning,
            message: "bad \u{1b}[2J thing".to_string(),
            range,
            fix,
        }
    }

    fn render_one(text: &str, d: Diagnostic) -> String {
        let report = FileReport::new("Dockerfile".into(), text.into(), vec![d]);
        let mut out = Vec::new();
        let context = Context {
            color: false,
            fix_mode: Applicability::Safe,
            rules_url: dockcoach_core::links::DEFAULT_RULES_URL,
        };
        render(&[report], context, &mut out).unwrap_or_default();
        String::from_utf8_lossy(&out).into_owned()
    }

    #[test]
    fn multi_line_ranges_underline_each_line() {
        let text = "FROM a\nRUN x \\\n  y\nCMD z\n";
        let start = text.find("x").unwrap_or(0);
        let end = text.find("CMD").unwrap_or(0);
        let fix = Fix::unsafe_("Do it", vec![]);
        let out = render_one(text, diagnostic(TextRange::new(start, end), Some(fix)));
        assert_eq!(
            out,
            "Dockerfile:2:5: DL3003 warning: bad \u{FFFD}[2J thing\n  |\n2 | RUN x \\\n  |     ^^^\n3 |   y\n  | ^^^\n  = fix: Do it (unsafe fix)\n\nFound 1 finding in 1 file (1 warning).\n1 with `--unsafe-fixes`.\n"
        );
    }

    #[test]
    fn long_ranges_are_elided() {
        let text = "RUN a\n".repeat(10);
        let out = render_one(&text, diagnostic(TextRange::new(0, text.len()), None));
        assert!(out.contains("... 4 more lines"), "{out}");
    }

    #[test]
    fn empty_ranges_get_one_caret() {
        let out = render_one("FROM a", diagnostic(TextRange::new(6, 6), None));
        assert!(out.contains("1 | FROM a\n  |       ^\n"), "{out}");
    }

    #[test]
    fn underline_counts_characters() {
        assert_eq!(
            underline("FROM ubuntu", 5, 11),
            ("FROM ubuntu".into(), 5, 6)
        );
        // "é" is two bytes but one column.
        assert_eq!(underline("RUN é x", 7, 8), ("RUN é x".into(), 6, 1));
        // A BOM is not shown and takes no column.
        assert_eq!(underline("\u{feff}FROM a", 3, 7), ("FROM a".into(), 0, 4));
        // An empty range at the end of the line.
        assert_eq!(underline("FROM", 4, 4), ("FROM".into(), 4, 0));
        // Escape sequences are not passed to the terminal.
        assert_eq!(underline("a\u{1b}[31m", 0, 1).0, "a\u{FFFD}[31m");
    }
}
