//! `--format gnu`: `file:line.col-end_line.end_col: level: message [code]`, one per line
//! (the GNU coding standards' error format; ends are exclusive).

use super::FileReport;
use std::io::{self, Write};

pub fn render(reports: &[FileReport], out: &mut dyn Write) -> io::Result<()> {
    for report in reports {
        for d in &report.diagnostics {
            let (start, end) = report.span(d.range);
            writeln!(
                out,
                "{}:{}.{}-{}.{}: {}: {} [{}]",
                report.path,
                start.line,
                start.column,
                end.line,
                end.column,
                d.severity.as_str(),
                one_line(&d.message),
                d.code()
            )?;
        }
    }
    Ok(())
}

fn one_line(text: &str) -> String {
    text.replace(['\r', '\n'], " ")
}
