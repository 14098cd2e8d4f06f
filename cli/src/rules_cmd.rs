//! `dockcoach rules` and `dockcoach explain`.

use crate::args::{ExplainArgs, RulesArgs, RulesFormat};
use crate::lint::{EXIT_ERROR, EXIT_OK, rules_url_for};
use crate::output::help_uri;
use crate::output::style::{self, BOLD, CYAN, DIM, Paint};
use dockcoach_core::RuleMeta;
use serde::Serialize;
use std::io::{self, Write};

#[derive(Serialize)]
struct RuleJson<'a> {
    code: &'a str,
    name: &'a str,
    aliases: &'a [&'a str],
    severity: &'a str,
    category: &'a str,
    fix: &'a str,
    default_enabled: bool,
    summary: String,
    url: String,
}

pub fn rules(args: &RulesArgs) -> i32 {
    let rules = dockcoach_core::rules();
    let base = rules_url_for(args.rules_url.as_deref());
    let mut out = io::stdout().lock();
    let written = match args.format {
        RulesFormat::Json => {
            let list: Vec<RuleJson> = rules
                .iter()
                .map(|r| RuleJson {
                    code: r.code,
                    name: r.name,
                    aliases: r.aliases,
                    severity: r.severity.as_str(),
                    category: r.category.as_str(),
                    fix: r.fix.as_str(),
                    default_enabled: r.default_enabled,
                    summary: r.summary(),
                    url: help_uri(&base, r.code),
                })
                .collect();
            serde_json::to_writer_pretty(&mut out, &list)
                .map_err(io::Error::other)
                .and_then(|()| writeln!(out))
        }
        RulesFormat::Tty => table(
            rules,
            Paint {
                on: style::stdout_color(args.no_color),
            },
            &mut out,
        ),
    };
    finish(written.and_then(|()| out.flush()))
}

fn table(rules: &[&RuleMeta], paint: Paint, out: &mut dyn Write) -> io::Result<()> {
    let header = ["CODE", "NAME", "SEVERITY", "DEFAULT", "FIX", "ALIASES"];
    let rows: Vec<[String; 6]> = rules
        .iter()
        .map(|r| {
            [
                r.code.to_string(),
                r.name.to_string(),
                r.severity.as_str().to_string(),
                if r.default_enabled { "on" } else { "off" }.to_string(),
                r.fix.as_str().to_string(),
                r.aliases.join(", "),
            ]
        })
        .collect();
    let mut widths = header.map(str::len);
    for row in &rows {
        for (width, cell) in widths.iter_mut().zip(row) {
            *width = (*width).max(cell.chars().count());
        }
    }
    // Pads every cell but the last; `paint_cell` colours a padded cell (the padding keeps
    // the columns straight whatever the escape codes add).
    let line = |cells: &[String], paint_cell: &dyn Fn(usize, String) -> String| {
        let last = cells.len().saturating_sub(1);
        let mut text = String::new();
        for (i, (cell, width)) in cells.iter().zip(widths).enumerate() {
            if i == last {
                text.push_str(cell);
            } else {
                text.push_str(&paint_cell(i, format!("{cell:<width$}")));
                text.push_str("  ");
            }
        }
        text.trim_end().to_string()
    };
    let header = header.map(String::from);
    writeln!(
        out,
        "{}",
        paint.paint(BOLD, &line(&header, &|_, cell| cell))
    )?;
    for (row, rule) in rows.iter().zip(rules) {
        let colour = |i: usize, cell: String| {
            if i == 2 {
                paint.severity(rule.severity, &cell)
            } else {
                cell
            }
        };
        writeln!(out, "{}", line(row, &colour))?;
    }
    let on = rules.iter().filter(|r| r.default_enabled).count();
    writeln!(
        out,
        "\n{} rules, {on} on by default. `dockcoach explain CODE` shows a rule's documentation.",
        rules.len()
    )
}

pub fn explain(args: &ExplainArgs) -> i32 {
    let Some(rule) = dockcoach_core::rules::find(args.rule.trim()) else {
        let hint = suggestion(args.rule.trim())
            .map(|s| format!(" (did you mean `{s}`?)"))
            .unwrap_or_default();
        eprintln!(
            "dockcoach: unknown rule `{}`{hint}; `dockcoach rules` lists them",
            args.rule
        );
        return EXIT_ERROR;
    };
    let paint = Paint {
        on: style::stdout_color(args.no_color),
    };
    let mut out = io::stdout().lock();
    let base = rules_url_for(args.rules_url.as_deref());
    let written = render_explain(rule, &base, paint, &mut out);
    finish(written.and_then(|()| out.flush()))
}

fn render_explain(
    rule: &RuleMeta,
    base: &str,
    paint: Paint,
    out: &mut dyn Write,
) -> io::Result<()> {
    writeln!(
        out,
        "{} {}",
        paint.paint(BOLD, rule.code),
        paint.paint(DIM, &format!("({})", rule.name))
    )?;
    writeln!(out)?;
    let fields = [
        (
            "Severity",
            paint.severity(rule.severity, rule.severity.as_str()),
        ),
        (
            "Enabled",
            if rule.default_enabled {
                "by default".to_string()
            } else {
                "no (give it a severity in dockcoach.toml's [severity] to turn it on)".to_string()
            },
        ),
        ("Category", rule.category.as_str().to_string()),
        ("Fix", rule.fix.as_str().to_string()),
        (
            "Aliases",
            if rule.aliases.is_empty() {
                "none".to_string()
            } else {
                rule.aliases.join(", ")
            },
        ),
        ("Docs", help_uri(base, rule.code)),
    ];
    for (name, value) in fields {
        writeln!(out, "  {:<9} {value}", format!("{name}:"))?;
    }
    writeln!(out)?;
    render_markdown(&rule.docs(), paint, out)
}

/// Markdown for a terminal: headings in bold without the `#`s, code blocks indented
/// without their fences, everything else as written.
fn render_markdown(docs: &str, paint: Paint, out: &mut dyn Write) -> io::Result<()> {
    let mut in_code = false;
    let mut blank = false;
    for line in docs.trim().lines() {
        let trimmed = line.trim_start();
        if trimmed.starts_with("```") {
            in_code = !in_code;
            continue;
        }
        if in_code {
            writeln!(out, "    {}", paint.paint(CYAN, line))?;
            blank = false;
            continue;
        }
        if line.trim().is_empty() {
            if !blank {
                writeln!(out)?;
            }
            blank = true;
            continue;
        }
        blank = false;
        let heading = trimmed.trim_start_matches('#');
        if heading.len() < trimmed.len() && heading.starts_with(' ') {
            writeln!(out, "{}", paint.paint(BOLD, heading.trim()))?;
        } else {
            writeln!(out, "{line}")?;
        }
    }
    Ok(())
}

/// The closest rule code or name, for "did you mean".
fn suggestion(name: &str) -> Option<&'static str> {
    let lower = name.to_ascii_lowercase();
    dockcoach_core::rules()
        .iter()
        .flat_map(|r| {
            std::iter::once(r.code)
                .chain(std::iter::once(r.name))
                .chain(r.aliases.iter().copied())
        })
        .map(|candidate| {
            let folded = candidate.to_ascii_lowercase();
            let distance = dockcoach_core::config::edit_distance(&lower, &folded);
            // Among equally close names, prefer one the query is the start of.
            (distance, !folded.starts_with(&lower), candidate)
        })
        .filter(|(distance, _, candidate)| *distance <= 2.max(candidate.len() / 4))
        .min()
        .map(|(_, _, candidate)| candidate)
}

fn finish(written: io::Result<()>) -> i32 {
    match written {
        Ok(()) => EXIT_OK,
        Err(err) if err.kind() == io::ErrorKind::BrokenPipe => EXIT_OK,
        Err(err) => {
            eprintln!(
                "dockcoach: could not write: {}",
                crate::discover::io_message(&err)
            );
            EXIT_ERROR
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_drops_fences_and_hashes() -> io::Result<()> {
        let mut out = Vec::new();
        render_markdown(
            "## What it does\nChecks.\n\n\n## Example\n```dockerfile\nFROM a\n```\n",
            Paint { on: false },
            &mut out,
        )?;
        let text = String::from_utf8_lossy(&out);
        assert_eq!(text, "What it does\nChecks.\n\nExample\n    FROM a\n");
        Ok(())
    }
}
