//! Markdown export of the findings and the fixed file, for pull requests and hand-ins.

use crate::service::{Analysis, Fixed};

fn fence(text: &str) -> String {
    // A fence longer than any backtick run inside the text.
    let mut longest = 0;
    let mut run = 0;
    for c in text.chars() {
        run = if c == '`' { run + 1 } else { 0 };
        longest = longest.max(run);
    }
    "`".repeat(longest.max(2) + 1)
}

fn cell(text: &str) -> String {
    text.replace('|', "\\|").replace('\n', " ")
}

/// The report: a findings table, then the fixed Dockerfile and what the fixes changed.
pub fn markdown(analysis: &Analysis, fixed: &Fixed) -> String {
    let mut out = String::from("## dockcoach report\n\n");
    if analysis.findings.is_empty() {
        out.push_str("No findings.\n");
    } else {
        out.push_str(&format!("{} finding(s):\n\n", analysis.findings.len()));
        out.push_str("| line | code | severity | message |\n|---:|---|---|---|\n");
        for f in &analysis.findings {
            out.push_str(&format!(
                "| {}:{} | {} | {} | {} |\n",
                f.line,
                f.column,
                f.code,
                f.severity,
                cell(&f.message)
            ));
        }
    }
    if fixed.changed() {
        out.push_str(&format!(
            "\n### Fixed Dockerfile ({}{})\n\n",
            plural(fixed.applied.len(), "fix"),
            if fixed.mode == dockcoach_core::Applicability::Unsafe {
                ", unsafe included"
            } else {
                ""
            }
        ));
        for a in &fixed.applied {
            out.push_str(&format!(
                "- line {}: {} ({}, {})\n",
                a.line,
                cell(&a.title),
                a.code,
                a.applicability.as_str()
            ));
        }
        let f = fence(&fixed.output);
        out.push_str(&format!("\n{f}dockerfile\n{}", fixed.output));
        if !fixed.output.ends_with('\n') {
            out.push('\n');
        }
        out.push_str(&format!("{f}\n"));
        let d = crate::diff::unified(&fixed.input, &fixed.output);
        let f = fence(&d);
        out.push_str(&format!(
            "\n<details><summary>Diff</summary>\n\n{f}diff\n{d}{f}\n\n</details>\n"
        ));
    }
    out
}

/// `1 finding`, `2 findings`, `2 fixes`.
pub fn plural(n: usize, one: &str) -> String {
    let suffix = match (n, one.ends_with(['s', 'x'])) {
        (1, _) => "",
        (_, true) => "es",
        (_, false) => "s",
    };
    format!("{n} {one}{suffix}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::service::{analyze, fix_all};
    use dockcoach_core::{Applicability, Settings};

    #[test]
    fn plurals() {
        assert_eq!(plural(1, "fix"), "1 fix");
        assert_eq!(plural(2, "fix"), "2 fixes");
        assert_eq!(plural(0, "finding"), "0 findings");
        assert_eq!(plural(1, "finding"), "1 finding");
    }

    #[test]
    fn report_lists_findings_and_the_fixed_file() {
        let text = "FROM alpine:3.20\nADD a|b /x/\n";
        let a = analyze(text, &Settings::default());
        let f = fix_all(text, &Settings::default(), Applicability::Safe);
        let md = markdown(&a, &f);
        assert!(md.contains("| DL3020 |"));
        assert!(md.contains("COPY a|b /x/"));
        assert!(md.contains("```dockerfile\n"));
        assert_eq!(fence("a ``` b"), "````");
    }
}
