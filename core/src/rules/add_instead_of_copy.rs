use super::helpers::{StageValues, match_case};
use super::{Checker, Onbuild};
use crate::diagnostic::{Applicability, Edit, Fix};
use crate::model::expand;
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
    /// `ADD` is not reported when every source is a URL, a git repository, or an archive
    /// (`.tar`, `.tar.gz`, `.tgz`, `.zip`, ...). A source written with `$VAR` is judged
    /// by the value an earlier `ARG` or `ENV` gives it, and not reported when it has none.
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
    /// `ADD` and `COPY` do the same thing. It is unsafe when a source is a `$VAR`, whose
    /// value `--build-arg` can change. There is no fix when the `ADD` also downloads
    /// or unpacks a source, or uses a flag only `ADD` has.
    ///
    /// ## Deviations from hadolint
    /// hadolint reads sources as written and knows only `http(s)://` URLs. dockcoach also
    /// leaves git sources alone and resolves variables:
    ///
    /// ```dockerfile
    /// FROM alpine:3.20
    /// ARG REPO=https://github.com/moby/buildkit.git
    /// ADD ${REPO}#v0.16.0 /src
    /// ```
    ///
    /// is reported by hadolint and not by dockcoach, and so is `ADD $URL /opt/` after
    /// `ENV URL=https://example.com/tool`. An archive extension matches in any case
    /// (`app.TAR`).
    ///
    /// ## References
    /// - [Docker docs: ADD or COPY](https://docs.docker.com/build/building/best-practices/#add-or-copy)
    /// - hadolint `DL3020`, Trivy `DS-0005`, Checkov `CKV_DOCKER_4`
    pub static META = {
        code: "DL3020",
        name: "add-instead-of-copy",
        aliases: ["DS-0005", "CKV_DOCKER_4"],
        severity: Error,
        category: BestPractice,
        fix: Sometimes,
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

pub(super) fn check(c: &Checker) {
    let mut values = StageValues::default();
    for (_, ins) in c.walk(Onbuild::Trigger) {
        values.step(c, ins);
        if ins.kind != InstructionKind::Add {
            continue;
        }
        let Args::List { items, .. } = &ins.args else {
            continue;
        };
        if items.len() < 2 && ins.heredocs.is_empty() {
            continue;
        }
        let sources = &items[..items.len().saturating_sub(1)];
        // A `$VAR` source is judged by its value; one without a known value may be a URL.
        let resolved: Option<Vec<String>> = sources
            .iter()
            .map(|s| {
                let text = unquote(&s.text);
                match expand(text, values.get()) {
                    Some(value) => Some(value),
                    None if text.starts_with('$') => None,
                    None => Some(text.to_string()),
                }
            })
            .collect();
        let Some(resolved) = resolved else { continue };
        // Ex) ADD https://example.com/x.tgz /opt/  -- ADD's own job
        if resolved.iter().all(|s| is_url(s) || is_archive(s)) {
            continue;
        }
        // Ex) ADD https://example.com/x.tgz local.txt /opt/  -- only part is ADD's job
        let mixed = resolved.iter().any(|s| is_url(s) || is_archive(s));
        // ADD-only flags would make COPY fail.
        let add_only = ins
            .flags
            .iter()
            .any(|f| matches!(f.name.as_str(), "checksum" | "keep-git-dir" | "unpack"));
        // A `$VAR` source may be given another value with `--build-arg`.
        let applicability = if sources.iter().any(|s| s.text.contains('$')) {
            Applicability::Unsafe
        } else {
            Applicability::Safe
        };
        let fix = (!add_only && !mixed).then(|| {
            Fix::new(
                "Replace `ADD` with `COPY`",
                applicability,
                vec![Edit::replace(
                    ins.keyword.range,
                    match_case(&ins.keyword.text, "COPY"),
                )],
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

/// `text` without one pair of surrounding quotes.
fn unquote(text: &str) -> &str {
    for q in ['"', '\''] {
        if let Some(inner) = text.strip_prefix(q).and_then(|t| t.strip_suffix(q)) {
            return inner;
        }
    }
    text
}
