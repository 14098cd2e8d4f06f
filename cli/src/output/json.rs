//! `--format json`: an array of findings with hadolint's keys (`code, column, file,
//! level, line, message`) plus `end_line, end_column, rule, aliases, url, fix`
//! (`url`: the rule's documentation, see `--rules-url`). Lines and
//! columns are 1-based, columns count Unicode scalar values, and ends are exclusive
//! (the position just after the last character).

use super::{FileReport, help_uri};
use serde::Serialize;
use std::io::{self, Write};

#[derive(Serialize)]
struct Finding<'a> {
    code: &'a str,
    column: u32,
    file: &'a str,
    level: &'a str,
    line: u32,
    message: &'a str,
    end_line: u32,
    end_column: u32,
    rule: &'a str,
    aliases: &'a [&'a str],
    url: String,
    fix: Option<Fix<'a>>,
}

#[derive(Serialize)]
struct Fix<'a> {
    title: &'a str,
    applicability: &'a str,
    edits: Vec<Edit<'a>>,
}

#[derive(Serialize)]
struct Edit<'a> {
    line: u32,
    column: u32,
    end_line: u32,
    end_column: u32,
    content: &'a str,
}

pub fn render(reports: &[FileReport], rules_url: &str, out: &mut dyn Write) -> io::Result<()> {
    let mut findings = Vec::new();
    for report in reports {
        for d in &report.diagnostics {
            let (start, end) = report.span(d.range);
            let fix = d.fix.as_ref().map(|fix| Fix {
                title: &fix.title,
                applicability: fix.applicability.as_str(),
                edits: fix
                    .edits
                    .iter()
                    .map(|edit| {
                        let (start, end) = report.span(edit.range);
                        Edit {
                            line: start.line,
                            column: start.column,
                            end_line: end.line,
                            end_column: end.column,
                            content: &edit.content,
                        }
                    })
                    .collect(),
            });
            findings.push(Finding {
                code: d.code(),
                column: start.column,
                file: &report.path,
                level: d.severity.as_str(),
                line: start.line,
                message: &d.message,
                end_line: end.line,
                end_column: end.column,
                rule: d.rule(),
                aliases: d.aliases,
                url: help_uri(rules_url, d.code()),
                fix,
            });
        }
    }
    serde_json::to_writer(&mut *out, &findings).map_err(io::Error::other)?;
    writeln!(out)
}
