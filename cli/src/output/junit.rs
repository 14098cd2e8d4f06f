//! `--format junit`: JUnit XML. One test suite per file; one failing test case per
//! finding, or one passing test case for a clean file.

use super::FileReport;
use super::xml::escape;
use std::io::{self, Write};

pub fn render(reports: &[FileReport], out: &mut dyn Write) -> io::Result<()> {
    let failures: usize = reports.iter().map(|r| r.diagnostics.len()).sum();
    let tests: usize = reports.iter().map(|r| r.diagnostics.len().max(1)).sum();
    writeln!(out, r#"<?xml version="1.0" encoding="UTF-8"?>"#)?;
    writeln!(
        out,
        r#"<testsuites name="dockcoach" tests="{tests}" failures="{failures}" errors="0">"#
    )?;
    for report in reports {
        let path = escape(&report.path);
        let count = report.diagnostics.len();
        writeln!(
            out,
            r#"  <testsuite name="{path}" tests="{}" failures="{count}" errors="0" skipped="0">"#,
            count.max(1)
        )?;
        if report.diagnostics.is_empty() {
            writeln!(
                out,
                r#"    <testcase name="dockcoach" classname="{path}" file="{path}"/>"#
            )?;
        }
        for d in &report.diagnostics {
            let start = report.position(d.range.start());
            let body = format!(
                "{}:{}:{}: {} {}: {}",
                report.path,
                start.line,
                start.column,
                d.code(),
                d.severity.as_str(),
                d.message
            );
            writeln!(
                out,
                r#"    <testcase name="{}" classname="{path}" file="{path}" line="{}">"#,
                escape(&format!("{} at {}:{}", d.code(), start.line, start.column)),
                start.line
            )?;
            writeln!(
                out,
                r#"      <failure message="{}" type="{}">{}</failure>"#,
                escape(&d.message),
                d.severity.as_str(),
                escape(&body)
            )?;
            writeln!(out, "    </testcase>")?;
        }
        writeln!(out, "  </testsuite>")?;
    }
    writeln!(out, "</testsuites>")
}
