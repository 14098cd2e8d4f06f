//! The data contract with the CodeMirror bridge (web/js/editor.js): what Rust sends it
//! and what it sends back.
//!
//! Every message is JSON text ([`to_json`]) that the bridge parses with `JSON.parse`.
//! Sent: [`EditorOptions`] when the editor is made, the [`Mark`]s of the findings after
//! each lint, a [`Range`] to select. Received: the whole text after typing (a string,
//! debounced in JS) and, from a hover's Fix button, the [`Mark::index`] of the finding.
//!
//! web/js/contract.js is the only JS that reads these objects. Both sides are held to
//! one sample, web/js/contract.json: the test below checks that these types serialize to
//! exactly it, and tests/e2e/editor-contract.test.mjs that contract.js reads exactly its
//! fields (no fewer, no more), so renaming a field on either side fails a test.
//!
//! Pure, so it is tested natively.

use crate::service::Analysis;
use dockcoach_core::{Applicability, Severity};
use serde::Serialize;

/// What the editor is made with.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct EditorOptions<'a> {
    /// The first text.
    pub text: &'a str,
    /// The accessible name of the editable area.
    pub label: &'a str,
    /// How long the bridge waits after the last keystroke before sending the text
    /// (longer for big texts).
    pub delay_ms: u32,
}

/// A span of the text: 1-based lines, 1-based columns in UTF-16 code units (as the
/// browser counts), end exclusive.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Range {
    pub line: u32,
    pub column: u32,
    pub end_line: u32,
    pub end_column: u32,
}

/// One finding as the editor marks it.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Mark<'a> {
    /// The finding's position in [`Analysis::findings`]; the bridge sends it back when
    /// the hover's Fix button is pressed.
    pub index: u32,
    pub code: &'a str,
    pub message: &'a str,
    /// `error`, `warning`, `info` or `style`.
    pub severity: Severity,
    pub range: Range,
    /// `null` when the finding has no fix.
    pub fix: Option<MarkFix<'a>>,
}

/// A finding's fix, as its hover offers it.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct MarkFix<'a> {
    pub title: &'a str,
    /// The fix may change what the image does (the button says so).
    #[serde(rename = "unsafe")]
    pub is_unsafe: bool,
}

/// The editor marks at most this many findings (the first ones in the file); past that,
/// building and drawing the marks would freeze the page (a 1 MiB file can have 75,000).
pub const MAX_MARKS: usize = 5000;

/// The marks of the first [`MAX_MARKS`] findings.
pub fn marks(analysis: &Analysis) -> Vec<Mark<'_>> {
    analysis
        .findings
        .iter()
        .take(MAX_MARKS)
        .map(|f| Mark {
            index: u32::try_from(f.index).unwrap_or(u32::MAX),
            code: f.code,
            message: &f.message,
            severity: f.severity,
            range: Range {
                line: f.line,
                column: f.column,
                end_line: f.end_line,
                end_column: f.end_column,
            },
            fix: f.fix.as_ref().map(|(title, applicability)| MarkFix {
                title,
                is_unsafe: *applicability == Applicability::Unsafe,
            }),
        })
        .collect()
}

/// The JSON text the bridge parses, written by [`crate::json`].
pub fn to_json<T: Serialize + ?Sized>(value: &T) -> String {
    // The contract's types hold nothing the writer refuses (no floats, no maps).
    crate::json::to_string(value).unwrap_or_default()
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::service::analyze;
    use dockcoach_core::Settings;

    /// Every message type of the contract, with every optional field both present and absent.
    #[derive(Serialize)]
    struct Sample<'a> {
        options: EditorOptions<'a>,
        select: Range,
        marks: Vec<Mark<'a>>,
        severities: Vec<Severity>,
    }

    fn sample() -> Sample<'static> {
        let range = Range {
            line: 2,
            column: 1,
            end_line: 2,
            end_column: 17,
        };
        Sample {
            options: EditorOptions {
                text: "FROM alpine:3.20\nADD app.py /app/\n",
                label: "Dockerfile editor",
                delay_ms: 150,
            },
            select: range,
            marks: vec![
                Mark {
                    index: 0,
                    code: "DL3020",
                    message: "`ADD` copies a local file; `COPY` is enough",
                    severity: Severity::Error,
                    range,
                    fix: Some(MarkFix {
                        title: "Replace `ADD` with `COPY`",
                        is_unsafe: false,
                    }),
                },
                Mark {
                    index: 1,
                    code: "DL3006",
                    message: "`alpine` has no tag",
                    severity: Severity::Style,
                    range: Range {
                        line: 1,
                        column: 6,
                        end_line: 1,
                        end_column: 12,
                    },
                    fix: None,
                },
            ],
            severities: Severity::ALL.to_vec(),
        }
    }

    #[test]
    fn the_contract_is_the_sample_the_js_side_is_tested_on() {
        let json = serde_json::to_string_pretty(&sample()).unwrap() + "\n";
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/js/contract.json");
        if std::env::var_os("UPDATE_EDITOR_CONTRACT").is_some() {
            std::fs::write(path, &json).unwrap();
        }
        assert_eq!(
            json,
            std::fs::read_to_string(path).unwrap_or_default(),
            "the editor contract changed: make web/js/contract.js read the new fields, then \
             rerun this test with UPDATE_EDITOR_CONTRACT=1 to write web/js/contract.json \
             (tests/e2e/editor-contract.test.mjs checks the JS side against it)"
        );
    }

    #[test]
    fn marks_carry_the_findings() {
        let text = "FROM alpine\nADD app.py /app/\n";
        let analysis = analyze(text, &Settings::default());
        let marks = marks(&analysis);
        assert_eq!(marks.len(), analysis.findings.len());
        for (mark, f) in marks.iter().zip(&analysis.findings) {
            assert_eq!(mark.index as usize, f.index);
            assert_eq!((mark.code, mark.message), (f.code, f.message.as_str()));
            assert_eq!(mark.severity, f.severity);
            assert_eq!(
                (mark.range.line, mark.range.column),
                (f.line, f.column),
                "{f:?}"
            );
            assert_eq!(
                (mark.range.end_line, mark.range.end_column),
                (f.end_line, f.end_column)
            );
            assert_eq!(mark.fix.is_some(), f.fix.is_some());
        }
        let add = marks.iter().find(|m| m.code == "DL3020").unwrap();
        assert_eq!(add.fix.as_ref().map(|f| f.is_unsafe), Some(false));
        // The text the bridge parses is the JSON serde_json would write.
        assert_eq!(to_json(&marks), serde_json::to_string(&marks).unwrap());
        assert_eq!(
            to_json(&sample()),
            serde_json::to_string(&sample()).unwrap()
        );
    }

    #[test]
    fn marks_stop_at_the_cap() {
        let text = format!("FROM alpine\n{}", "ADD a /b\n".repeat(MAX_MARKS + 10));
        let analysis = analyze(&text, &Settings::default());
        assert!(analysis.findings.len() > MAX_MARKS);
        assert_eq!(marks(&analysis).len(), MAX_MARKS);
    }
}
