//! `--format gitlab`: GitLab Code Quality JSON (a subset of Code Climate's format).

use super::FileReport;
use dockcoach_core::Severity;
use serde::Serialize;
use std::collections::HashMap;
use std::io::{self, Write};

#[derive(Serialize)]
struct Issue<'a> {
    description: &'a str,
    check_name: &'a str,
    fingerprint: String,
    severity: &'a str,
    location: Location<'a>,
}

#[derive(Serialize)]
struct Location<'a> {
    path: &'a str,
    lines: Lines,
}

#[derive(Serialize)]
struct Lines {
    begin: u32,
    end: u32,
}

pub fn render(reports: &[FileReport], out: &mut dyn Write) -> io::Result<()> {
    let mut issues = Vec::new();
    // Identical findings (same file, code, line and message) still get distinct
    // fingerprints, or GitLab would merge them.
    let mut seen: HashMap<String, usize> = HashMap::new();
    for report in reports {
        for d in &report.diagnostics {
            let (start, end) = report.span(d.range);
            let key = format!(
                "{}\0{}\0{}\0{}",
                report.path,
                d.code(),
                start.line,
                d.message
            );
            let count = seen.entry(key.clone()).or_insert(0);
            let fingerprint = if *count == 0 {
                fingerprint(&key)
            } else {
                fingerprint(&format!("{key}\0{count}"))
            };
            *count += 1;
            issues.push(Issue {
                description: &d.message,
                check_name: d.code(),
                fingerprint,
                severity: match d.severity {
                    Severity::Error => "critical",
                    Severity::Warning => "major",
                    Severity::Info => "minor",
                    Severity::Style => "info",
                },
                location: Location {
                    path: &report.path,
                    lines: Lines {
                        begin: start.line,
                        end: end.line.max(start.line),
                    },
                },
            });
        }
    }
    serde_json::to_writer_pretty(&mut *out, &issues).map_err(io::Error::other)?;
    writeln!(out)
}

/// A stable 128-bit FNV-1a hash as 32 hex digits: the same finding gets the same
/// fingerprint on every run and every machine.
pub fn fingerprint(text: &str) -> String {
    const OFFSET: u128 = 0x6c62_272e_07bb_0142_62b8_2175_6295_c58d;
    const PRIME: u128 = 0x0000_0000_0100_0000_0000_0000_0000_013b;
    let hash = text.bytes().fold(OFFSET, |hash, byte| {
        (hash ^ u128::from(byte)).wrapping_mul(PRIME)
    });
    format!("{hash:032x}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fingerprints_are_stable() {
        assert_eq!(fingerprint(""), "6c62272e07bb014262b821756295c58d");
        assert_ne!(fingerprint("a"), fingerprint("b"));
        assert_eq!(fingerprint("a").len(), 32);
    }
}
