//! Line diff between the editor text and the fixed Dockerfile (the `similar` crate).

use similar::{ChangeTag, TextDiff};

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

/// The lines of `before` and `after` with what happened to each; unchanged runs longer
/// than `2 * context` are cut to `context` lines at each end (a `None` marks the cut).
pub fn diff_lines(before: &str, after: &str, context: usize) -> Vec<Option<DiffLine>> {
    let diff = TextDiff::from_lines(before, after);
    let mut out = Vec::new();
    for group in diff.grouped_ops(context) {
        if !out.is_empty() {
            out.push(None);
        }
        for op in group {
            for change in diff.iter_changes(&op) {
                let kind = match change.tag() {
                    ChangeTag::Equal => LineKind::Same,
                    ChangeTag::Delete => LineKind::Removed,
                    ChangeTag::Insert => LineKind::Added,
                };
                let text = change.value().trim_end_matches(['\n', '\r']).to_string();
                out.push(Some(DiffLine {
                    kind,
                    old: change.old_index().map(|i| i + 1),
                    new: change.new_index().map(|i| i + 1),
                    text,
                }));
            }
        }
    }
    out
}

/// A unified diff as text (for the Markdown export).
pub fn unified(before: &str, after: &str) -> String {
    TextDiff::from_lines(before, after)
        .unified_diff()
        .context_radius(2)
        .header("Dockerfile", "Dockerfile (fixed)")
        .to_string()
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
        assert!(unified("a\n", "b\n").contains("-a"));
    }
}
