use super::Checker;
use crate::diagnostic::{Edit, Fix};
use crate::syntax::{Args, InstructionKind};

declare_rule! {
    /// ## What it does
    /// Checks for `ADD` used to copy local files and folders.
    ///
    /// ## Why is this bad?
    /// `ADD` also downloads URLs and unpacks local archives. Using it for plain files
    /// hides which of those it does: a later rename of `app.txt` to `app.tar` silently
    /// turns a copy into an extraction. `COPY` does only what it says.
    ///
    /// `ADD` is not reported when a source is a URL, a git repository, or an archive
    /// (`.tar`, `.tar.gz`, `.tgz`, `.zip`, ...), or when it uses flags only `ADD` has.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM alpine:3.20
    /// ADD requirements.txt /app/
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM alpine:3.20
    /// COPY requirements.txt /app/
    /// ```
    ///
    /// ## Fix safety
    /// The fix replaces the keyword and is safe: for local files that are not archives,
    /// `ADD` and `COPY` do the same thing.
    ///
    /// ## References
    /// - [Docker docs: ADD or COPY](https://docs.docker.com/build/building/best-practices/#add-or-copy)
    /// - hadolint `DL3020`
    pub static META = {
        code: "DL3020",
        name: "add-instead-of-copy",
        aliases: [],
        severity: Error,
        category: BestPractice,
        fix: Safe,
    }
}

const ARCHIVES: &[&str] = &[
    ".tar", ".gz", ".bz2", ".xz", ".zip", ".tgz", ".tb2", ".tbz", ".tbz2", ".lz", ".lzma", ".tlz",
    ".txz", ".z", ".tz", ".zst",
];

fn is_url(s: &str) -> bool {
    let lower = s.to_ascii_lowercase();
    lower.starts_with("http://")
        || lower.starts_with("https://")
        || lower.starts_with("git@")
        || lower.starts_with("git://")
        || lower.starts_with("ftp://")
}

fn is_archive(s: &str) -> bool {
    let lower = s.to_ascii_lowercase();
    ARCHIVES.iter().any(|ext| lower.ends_with(ext))
}

pub(super) fn check(c: &mut Checker) {
    for (_, ins) in c.instructions() {
        if ins.kind != InstructionKind::Add {
            continue;
        }
        let Args::List { items, .. } = &ins.args else { continue };
        if items.len() < 2 && ins.heredocs.is_empty() {
            continue;
        }
        let sources = &items[..items.len().saturating_sub(1)];
        // Ex) ADD https://example.com/x.tgz /opt/  -- ADD's own job
        if sources.iter().any(|s| is_url(&s.text) || is_archive(&s.text) || s.text.contains('$')) {
            continue;
        }
        // ADD-only flags would make COPY fail.
        let add_only = ins
            .flags
            .iter()
            .any(|f| matches!(f.name.as_str(), "checksum" | "keep-git-dir" | "unpack"));
        let fix = (!add_only).then(|| {
            Fix::safe(
                "Replace `ADD` with `COPY`",
                vec![Edit::replace(ins.keyword.range, match_case(&ins.keyword.text, "COPY"))],
            )
        });
        c.report_with_fix(
            &META,
            ins.keyword.range,
            "`ADD` copies local files here; `COPY` does the same without `ADD`'s download and unpack behaviour",
            fix,
        );
    }
}

/// `word` in the case `like` is written in (all lower, else upper).
pub(crate) fn match_case(like: &str, word: &str) -> String {
    if like.chars().all(|c| !c.is_ascii_uppercase()) {
        word.to_ascii_lowercase()
    } else {
        word.to_ascii_uppercase()
    }
}
