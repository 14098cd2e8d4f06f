//! What a rule reports: a message over a byte range, with an optional fix.

use crate::rules::RuleMeta;
use crate::text::TextRange;
use serde::{Deserialize, Serialize};
use std::fmt;

/// How serious a finding is. Ordered: `Style < Info < Warning < Error`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Style,
    Info,
    Warning,
    Error,
}

impl Severity {
    pub const ALL: [Severity; 4] = [
        Severity::Error,
        Severity::Warning,
        Severity::Info,
        Severity::Style,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
            Severity::Style => "style",
        }
    }

    /// Parses `error`, `warning`, `info` or `style` (any case).
    pub fn parse(name: &str) -> Option<Severity> {
        match name.to_ascii_lowercase().as_str() {
            "error" => Some(Severity::Error),
            "warning" => Some(Severity::Warning),
            "info" => Some(Severity::Info),
            "style" => Some(Severity::Style),
            _ => None,
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Whether a fix may be applied without asking.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Applicability {
    /// Keeps what the image does; applied by `--fix`.
    Safe,
    /// Can change what the image does; applied only with `--unsafe-fixes`.
    Unsafe,
}

impl Applicability {
    pub fn as_str(self) -> &'static str {
        match self {
            Applicability::Safe => "safe",
            Applicability::Unsafe => "unsafe",
        }
    }
}

/// Replace the bytes of `range` with `content`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Edit {
    pub range: TextRange,
    pub content: String,
}

impl Edit {
    pub fn replace(range: TextRange, content: impl Into<String>) -> Edit {
        Edit {
            range,
            content: content.into(),
        }
    }

    pub fn insert(at: usize, content: impl Into<String>) -> Edit {
        Edit::replace(TextRange::empty(at), content)
    }

    pub fn delete(range: TextRange) -> Edit {
        Edit::replace(range, "")
    }
}

/// A sorted list of non-overlapping edits plus how safe it is to apply them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Fix {
    pub title: String,
    pub applicability: Applicability,
    pub edits: Vec<Edit>,
}

impl Fix {
    pub fn new(
        title: impl Into<String>,
        applicability: Applicability,
        mut edits: Vec<Edit>,
    ) -> Fix {
        crate::collections::sort_stable(&mut edits, |e| {
            (e.range.start as usize, e.range.end as usize, 0)
        });
        Fix {
            title: title.into(),
            applicability,
            edits,
        }
    }

    pub fn safe(title: impl Into<String>, edits: Vec<Edit>) -> Fix {
        Fix::new(title, Applicability::Safe, edits)
    }

    pub fn unsafe_(title: impl Into<String>, edits: Vec<Edit>) -> Fix {
        Fix::new(title, Applicability::Unsafe, edits)
    }

    /// The range every edit of this fix falls in.
    pub fn range(&self) -> Option<TextRange> {
        let first = self.edits.first()?;
        Some(
            self.edits
                .iter()
                .fold(first.range, |acc, e| acc.cover(e.range)),
        )
    }
}

/// One finding.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    /// The rule that reported it: code, name, docs.
    pub meta: &'static RuleMeta,
    /// The other tools' codes this finding matches (the rule's aliases unless the rule
    /// narrowed them for this finding).
    pub aliases: &'static [&'static str],
    pub severity: Severity,
    pub message: String,
    pub range: TextRange,
    pub fix: Option<Fix>,
}

impl Diagnostic {
    /// The rule's primary code (`DL3006`, `FromAsCasing`, `DC1001`).
    pub fn code(&self) -> &'static str {
        self.meta.code
    }

    /// The rule's kebab-case name.
    pub fn rule(&self) -> &'static str {
        self.meta.name
    }
}
