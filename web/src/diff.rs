//! Line diff between the editor text and the fixed Dockerfile: Myers' algorithm from
//! the `similar` crate, called directly (its `TextDiff` front end would also compile
//! in the patience and LCS algorithms, which the playground never uses).

use std::fmt::Write as _;
use std::ops::Range;

use similar::algorithms::{Capture, Replace, myers};
use similar::{DiffOp, DiffTag, group_diff_ops};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LineKind {
    Same,
    Removed,
    Added,
}

/// One line of a unified diff view. Line numbers are 1-based.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DiffLine {
    pub kind: LineKind,
    pub old: Option<usize>,
    pub new: Option<usize>,
    pub text: String,
}

/// The lines of a text, each without its line ending.
fn lines(text: &str) -> Vec<&str> {
    text.lines().collect()
}

/// The change groups between two line lists, each with `context` unchanged lines
/// around its changes.
fn groups(old: &[&str], new: &[&str], context: usize) -> Vec<Vec<DiffOp>> {
    // `Replace` merges a deletion next to an insertion into one replacement, so
    // removed lines always come before the lines that replace them.
    let mut hook = Replace::new(Capture::new());
    // Capture never fails (its error type is `Infallible`).
    let _ = myers::diff(&mut hook, old, 0..old.len(), new, 0..new.len());
    group_diff_ops(hook.into_inner().into_ops(), context)
}

/// The lines of `before` and `after` with what happened to each; unchanged runs longer
/// than `2 * context` are cut to `context` lines at each end (a `None` marks the cut).
pub fn diff_lines(before: &str, after: &str, context: usize) -> Vec<Option<DiffLine>> {
    let (old, new) = (lines(before), lines(after));
    let mut out = Vec::new();
    for group in groups(&old, &new, context) {
        if !out.is_empty() {
            out.push(None);
        }
        for op in group {
            let (tag, o, n) = op.as_tag_tuple();
            let line = |kind, old_no: Option<usize>, new_no: Option<usize>, text: &str| {
                Some(DiffLine {
                    kind,
                    old: old_no.map(|i| i + 1),
                    new: new_no.map(|i| i + 1),
                    text: text.to_string(),
                })
            };
            match tag {
                DiffTag::Equal => {
                    for (i, j) in o.clone().zip(n.clone()) {
                        out.push(line(LineKind::Same, Some(i), Some(j), old[i]));
                    }
                }
                DiffTag::Delete | DiffTag::Insert | DiffTag::Replace => {
                    for i in o.clone() {
                        out.push(line(LineKind::Removed, Some(i), None, old[i]));
                    }
                    for j in n.clone() {
                        out.push(line(LineKind::Added, None, Some(j), new[j]));
                    }
                }
            }
        }
    }
    out
}

/// A hunk header's `start,len` (1-based; an empty range names the line before it).
fn hunk_range(r: &Range<usize>) -> String {
    let start = if r.is_empty() { r.start } else { r.start + 1 };
    format!("{start},{}", r.len())
}

/// A unified diff as text (for the Markdown export), with two lines of context.
pub fn unified(before: &str, after: &str) -> String {
    let (old, new) = (lines(before), lines(after));
    let mut out = String::new();
    for group in groups(&old, &new, 2) {
        if out.is_empty() {
            out.push_str("--- Dockerfile\n+++ Dockerfile (fixed)\n");
        }
        let (Some(first), Some(last)) = (group.first(), group.last()) else {
            continue;
        };
        let o = first.old_range().start..last.old_range().end;
        let n = first.new_range().start..last.new_range().end;
        let _ = writeln!(out, "@@ -{} +{} @@", hunk_range(&o), hunk_range(&n));
        for op in &group {
            let (tag, o, n) = op.as_tag_tuple();
            if tag == DiffTag::Equal {
                for line in &old[o] {
                    let _ = writeln!(out, " {line}");
                }
                continue;
            }
            for line in &old[o] {
                let _ = writeln!(out, "-{line}");
            }
            for line in &new[n] {
                let _ = writeln!(out, "+{line}");
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn marks_changed_lines() {
        let lines = diff_lines("FROM a\nADD x /y\nRUN b\n", "FROM a\nCOPY x /y\nRUN b\n", 3);
        let kinds: Vec<_> = lines.iter().flatten().map(|l| l.kind).collect();
        assert_eq!(
            kinds,
            [
                LineKind::Same,
                LineKind::Removed,
                LineKind::Added,
                LineKind::Same
            ]
        );
        let added = lines.iter().flatten().find(|l| l.kind == LineKind::Added);
        assert_eq!(
            added.map(|l| (l.new, l.text.as_str())),
            Some((Some(2), "COPY x /y"))
        );
    }

    #[test]
    fn equal_texts_have_no_diff() {
        assert!(diff_lines("a\nb\n", "a\nb\n", 3).is_empty());
        assert!(unified("a\n", "a\n").is_empty());
    }

    #[test]
    fn unified_has_headers_and_hunks() {
        let text = unified("FROM a\nADD x /y\nRUN b\n", "FROM a\nCOPY x /y\nRUN b\n");
        assert_eq!(
            text,
            "--- Dockerfile\n+++ Dockerfile (fixed)\n@@ -1,3 +1,3 @@\n FROM a\n-ADD x /y\n+COPY x /y\n RUN b\n"
        );
        let inserted = unified("a\n", "a\nb\n");
        assert!(inserted.contains("@@ -1,1 +1,2 @@\n a\n+b\n"), "{inserted}");
        let from_empty = unified("", "x\n");
        assert!(from_empty.contains("@@ -0,0 +1,1 @@\n+x\n"), "{from_empty}");
    }
}
