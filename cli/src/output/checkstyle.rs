//! `--format checkstyle`: Checkstyle XML, one `<file>` per linted file.

use super::FileReport;
use super::xml::escape;
use dockcoach_core::Severity;
use std::io::{self, Write};

pub fn render(reports: &[FileReport], out: &mut dyn Write) -> io::Result<()> {
    writeln!(out, r#"<?xml version="1.0" encoding="UTF-8"?>"#)?;
    writeln!(out, r#"<checkstyle version="4.3">"#)?;
    for report in reports {
        if report.diagnostics.is_empty() {
            writeln!(out, r#"  <file name="{}"/>"#, escape(&report.path))?;
            continue;
        }
        writeln!(out, r#"  <file name="{}">"#, escape(&report.path))?;
        for d in &report.diagnostics {
            let start = report.position(d.range.start());
            let severity = match d.severity {
                Severity::Error => "error",
                Severity::Warning => "warning",
                Severity::Info | Severity::Style => "info",
            };
            writeln!(
                out,
                r#"    <error line="{}" column="{}" severity="{}" message="{}" source="{}"/>"#,
                start.line,
                start.column,
                severity,
                escape(&d.message),
                escape(d.code())
            )?;
        }
        writeln!(out, "  </file>")?;
    }
    writeln!(out, "</checkstyle>")
}
