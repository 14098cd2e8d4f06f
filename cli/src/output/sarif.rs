//! `--format sarif`: SARIF 2.1.0, with every rule in `tool.driver.rules`, and results
//! with regions and fixes. Columns count Unicode code points (`columnKind`).

use super::{FileReport, help_uri};
use dockcoach_core::{Severity, TextRange};
use serde_json::{Value, json};
use std::io::{self, Write};

pub fn render(reports: &[FileReport], rules_url: &str, out: &mut dyn Write) -> io::Result<()> {
    let rules = dockcoach_core::rules();
    let driver_rules: Vec<Value> = rules
        .iter()
        .map(|rule| {
            let url = help_uri(rules_url, rule.code);
            let mut entry = json!({
                "id": rule.code,
                "name": rule.name,
                "shortDescription": { "text": rule.summary() },
                "defaultConfiguration": {
                    "level": level(rule.severity),
                    "enabled": rule.default_enabled,
                },
                "properties": {
                    "category": rule.category.as_str(),
                    "fix": rule.fix.as_str(),
                    "aliases": rule.aliases,
                    "tags": [rule.category.as_str()],
                },
            });
            // SARIF wants an absolute URI here; a repository-relative default
            // (`docs/rules/CODE.md`) goes into the help text instead.
            if dockcoach_core::links::is_absolute(&url) {
                entry["helpUri"] = json!(url);
            } else {
                entry["help"] =
                    json!({ "text": format!("Documentation: {url} in the dockcoach repository") });
            }
            entry
        })
        .collect();

    let mut results = Vec::new();
    for report in reports {
        let uri = file_uri(&report.path);
        for d in &report.diagnostics {
            let mut result = json!({
                "ruleId": d.code(),
                "level": level(d.severity),
                "message": { "text": d.message },
                "locations": [{
                    "physicalLocation": {
                        "artifactLocation": { "uri": uri },
                        "region": region(report, d.range),
                    }
                }],
                "properties": { "severity": d.severity.as_str(), "rule": d.rule() },
            });
            if let Some(index) = rules.iter().position(|r| r.code == d.code()) {
                result["ruleIndex"] = json!(index);
            }
            if let Some(fix) = &d.fix {
                let replacements: Vec<Value> = fix
                    .edits
                    .iter()
                    .map(|edit| {
                        json!({
                            "deletedRegion": region(report, edit.range),
                            "insertedContent": { "text": edit.content },
                        })
                    })
                    .collect();
                result["fixes"] = json!([{
                    "description": { "text": fix.title },
                    "artifactChanges": [{
                        "artifactLocation": { "uri": uri },
                        "replacements": replacements,
                    }],
                    "properties": { "applicability": fix.applicability.as_str() },
                }]);
            }
            results.push(result);
        }
    }

    let artifacts: Vec<Value> = reports
        .iter()
        .map(|r| json!({ "location": { "uri": file_uri(&r.path) } }))
        .collect();
    let log = json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {
                "driver": {
                    "name": "dockcoach",
                    "version": dockcoach_core::version(),
                    "semanticVersion": dockcoach_core::version(),
                    "rules": driver_rules,
                }
            },
            "columnKind": "unicodeCodePoints",
            "artifacts": artifacts,
            "results": results,
        }]
    });
    serde_json::to_writer_pretty(&mut *out, &log).map_err(io::Error::other)?;
    writeln!(out)
}

fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info | Severity::Style => "note",
    }
}

fn region(report: &FileReport, range: TextRange) -> Value {
    let (start, end) = report.span(range);
    json!({
        "startLine": start.line,
        "startColumn": start.column,
        "endLine": end.line,
        "endColumn": end.column,
    })
}

/// A path as a URI reference: relative paths stay relative, absolute ones get `file://`,
/// and anything outside the unreserved set is percent-encoded.
pub fn file_uri(path: &str) -> String {
    let mut out = String::new();
    let path = path.replace('\\', "/");
    if path.starts_with('/') {
        out.push_str("file://");
    }
    for byte in path.bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' | b'/' => {
                out.push(byte as char);
            }
            _ => out.push_str(&format!("%{byte:02X}")),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uris() {
        assert_eq!(file_uri("a/Dockerfile"), "a/Dockerfile");
        assert_eq!(file_uri("/x/my file"), "file:///x/my%20file");
        assert_eq!(file_uri("c:x"), "c%3Ax");
        assert_eq!(file_uri("é"), "%C3%A9");
    }
}
