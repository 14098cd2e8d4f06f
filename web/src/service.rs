//! The linter behind the playground: calls the core and shapes its answers for the UI
//! (1-based lines, UTF-16 columns as the browser editor counts them).
//!
//! Pure, so it is tested natively.

use dockcoach_core::fix::apply_fix;
use dockcoach_core::{
    Applicability, Diagnostic, LineIndex, PositionEncoding, Settings, Severity, check, fix,
};
use std::rc::Rc;

/// One finding as the UI shows it.
#[derive(Clone, Debug, PartialEq)]
pub struct Finding {
    /// Position in [`Analysis::findings`]; fix buttons name findings by it.
    pub index: usize,
    pub code: &'static str,
    pub rule: &'static str,
    pub aliases: &'static [&'static str],
    pub severity: Severity,
    pub message: String,
    pub line: u32,
    /// 1-based, UTF-16 code units.
    pub column: u32,
    pub end_line: u32,
    pub end_column: u32,
    /// The fix title and whether it is unsafe.
    pub fix: Option<(String, Applicability)>,
}

/// Everything one lint run says about a text.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Analysis {
    pub findings: Vec<Finding>,
    /// The core's diagnostics, in the same order, for applying one fix.
    pub diagnostics: Vec<Diagnostic>,
    /// Set when the text was not linted (over the size cap).
    pub skipped: Option<String>,
}

impl Analysis {
    /// How many findings have each severity, most severe first.
    pub fn counts(&self) -> Vec<(Severity, usize)> {
        Severity::ALL
            .iter()
            .map(|s| {
                (
                    *s,
                    self.findings.iter().filter(|f| f.severity == *s).count(),
                )
            })
            .collect()
    }

    /// True when the findings fail a run under `settings` (the CLI's exit 1).
    pub fn fails(&self, settings: &Settings) -> bool {
        settings
            .fail_on
            .unwrap_or_default()
            .fails(&self.diagnostics)
    }

    /// The number of findings with a fix the mode applies.
    pub fn fixable(&self, mode: Applicability) -> usize {
        self.findings
            .iter()
            .filter(|f| f.fix.as_ref().is_some_and(|(_, a)| *a <= mode))
            .count()
    }
}

/// The largest text the playground lints (the share-link cap too).
pub const MAX_TEXT: usize = crate::share::MAX_TEXT;

/// Lints `text`.
pub fn analyze(text: &str, settings: &Settings) -> Analysis {
    if text.len() > MAX_TEXT {
        return Analysis {
            skipped: Some(format!(
                "This text is {} KiB; the playground lints up to 1024 KiB. Shorten it to see findings.",
                text.len() / 1024
            )),
            ..Analysis::default()
        };
    }
    let diagnostics = check(text, settings);
    let index = LineIndex::new(text);
    let findings = diagnostics
        .iter()
        .enumerate()
        .map(|(i, d)| {
            let start = index.line_col(text, d.range.start(), PositionEncoding::Utf16);
            let end = index.line_col(text, d.range.end(), PositionEncoding::Utf16);
            Finding {
                index: i,
                code: d.code(),
                rule: d.rule(),
                aliases: d.aliases,
                severity: d.severity,
                message: d.message.clone(),
                line: start.line,
                column: start.column,
                end_line: end.line,
                end_column: end.column,
                fix: d.fix.as_ref().map(|f| (f.title.clone(), f.applicability)),
            }
        })
        .collect();
    Analysis {
        findings,
        diagnostics,
        skipped: None,
    }
}

/// The text with one finding's fix applied, or `None` when it has none or it no longer fits.
pub fn fix_one(text: &str, analysis: &Analysis, index: usize) -> Option<String> {
    let diagnostic = analysis.diagnostics.get(index)?;
    apply_fix(text, diagnostic.fix.as_ref()?)
}

/// A fix the fix-all run applied, for "what changed".
#[derive(Clone, Debug, PartialEq)]
pub struct Applied {
    pub code: &'static str,
    pub message: String,
    pub title: String,
    pub line: u32,
    pub applicability: Applicability,
}

/// The fixed Dockerfile and what it took.
#[derive(Clone, Debug, PartialEq)]
pub struct Fixed {
    /// The text that was fixed.
    pub input: Rc<str>,
    pub output: String,
    pub applied: Vec<Applied>,
    pub remaining: usize,
    pub mode: Applicability,
    /// The core's note when a fix was skipped or passes did not converge.
    pub error: Option<String>,
}

impl Fixed {
    pub fn changed(&self) -> bool {
        *self.input != *self.output
    }
}

/// Applies every fix the mode allows, to a fixed point.
pub fn fix_all(text: &str, settings: &Settings, mode: Applicability) -> Fixed {
    let input: Rc<str> = Rc::from(text);
    if text.len() > MAX_TEXT {
        return Fixed {
            output: text.to_string(),
            input,
            applied: Vec::new(),
            remaining: 0,
            mode,
            error: Some("The text is over the 1 MiB limit; nothing was fixed.".into()),
        };
    }
    let result = fix(text, settings, mode);
    let index = LineIndex::new(text);
    let mut applied = result
        .fixed
        .iter()
        .map(|d| Applied {
            code: d.code(),
            message: d.message.clone(),
            title: d.fix.as_ref().map(|f| f.title.clone()).unwrap_or_default(),
            line: index
                .line_col(text, d.range.start(), PositionEncoding::Utf16)
                .line,
            applicability: d
                .fix
                .as_ref()
                .map_or(Applicability::Safe, |f| f.applicability),
        })
        .collect::<Vec<_>>();
    // In reading order: a later pass's fix (its range is mapped back to the input) goes
    // beside the earlier ones on its line.
    applied.sort_by_key(|a| a.line);
    Fixed {
        input,
        output: result.output,
        applied,
        remaining: result.remaining.len(),
        mode,
        error: result.error,
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use dockcoach_core::FailOn;

    const TEXT: &str = "FROM python:3.12 AS build\nADD app.py /app/\nRUN apt-get install -y curl\n";

    #[test]
    fn findings_carry_utf16_positions() {
        let text = "FROM alpine:3.20\nRUN echo 😀 && apt-get install -y curl\n";
        let a = analyze(text, &Settings::default());
        let f = a.findings.iter().find(|f| f.code == "DL3015").unwrap();
        // `RUN echo 😀 && ` is 15 UTF-16 units (the emoji is two).
        assert_eq!((f.line, f.column), (2, 16), "{f:?}");
        let a = analyze("FROM a:1\n# 😀 x\nADD a /b\n", &Settings::default());
        let add = a.findings.iter().find(|f| f.code == "DL3020").unwrap();
        assert_eq!((add.line, add.column), (3, 1));
    }

    #[test]
    fn fix_one_applies_that_finding_only() {
        let a = analyze(TEXT, &Settings::default());
        let add = a.findings.iter().find(|f| f.code == "DL3020").unwrap();
        let out = fix_one(TEXT, &a, add.index).unwrap();
        assert!(out.contains("COPY app.py /app/"));
        assert!(out.contains("apt-get install -y curl"));
        assert_eq!(fix_one(TEXT, &a, 999), None);
    }

    #[test]
    fn unsafe_mode_fixes_more() {
        let safe = fix_all(TEXT, &Settings::default(), Applicability::Safe);
        let all = fix_all(TEXT, &Settings::default(), Applicability::Unsafe);
        assert!(safe.changed());
        assert!(all.applied.len() > safe.applied.len());
        assert_ne!(safe.output, all.output);
        assert!(
            all.applied
                .iter()
                .any(|a| a.applicability == Applicability::Unsafe)
        );
    }

    #[test]
    fn over_cap_text_is_not_linted() {
        let text = "#".repeat(MAX_TEXT + 1);
        let a = analyze(&text, &Settings::default());
        assert!(a.skipped.is_some());
        assert!(a.findings.is_empty());
    }

    #[test]
    fn threshold_decides_failure() {
        let a = analyze(TEXT, &Settings::default());
        assert!(a.fails(&Settings::default()));
        let never = Settings {
            fail_on: Some(FailOn::Never),
            ..Settings::default()
        };
        assert!(!a.fails(&never));
        let errors_only = Settings {
            fail_on: Some(FailOn::AtLeast(Severity::Error)),
            ..Settings::default()
        };
        assert_eq!(
            a.fails(&errors_only),
            a.findings.iter().any(|f| f.severity == Severity::Error)
        );
    }
}
