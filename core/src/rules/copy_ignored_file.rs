use super::{Checker, Onbuild};
use crate::dockerignore::Matcher;
use crate::syntax::{Args, InstructionKind};

declare_rule! {
    /// ## What it does
    /// Checks for `COPY` and `ADD` sources that the `.dockerignore` excludes from the
    /// build context.
    ///
    /// ## Why is this bad?
    /// An excluded file is not sent to the builder, so the instruction fails with "not
    /// found", or, for a directory or a wildcard, silently copies less than it says.
    /// Either the `.dockerignore` or the instruction is wrong.
    ///
    /// The CLI reads `<Dockerfile>.dockerignore` when it exists, else the `.dockerignore`
    /// next to the Dockerfile. As in BuildKit, nothing is reported when the
    /// `.dockerignore` has `!` exceptions (whether a file comes back is not knowable
    /// statically), and `COPY --from` sources, which do not come from the context, are
    /// not checked.
    ///
    /// ## Example
    /// With this `.dockerignore`:
    /// ```dockerignore
    /// secrets/
    /// *.log
    /// ```
    ///
    /// ```dockerfile
    /// FROM alpine:3.20
    /// COPY secrets/app.conf /etc/app/
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM alpine:3.20
    /// COPY config/app.conf /etc/app/
    /// ```
    ///
    /// ## References
    /// - [Docker build checks: CopyIgnoredFile](https://docs.docker.com/go/dockerfile/rule/copy-ignored-file/)
    pub static META = {
        code: "CopyIgnoredFile",
        name: "copy-ignored-file",
        aliases: [],
        severity: Warning,
        category: BestPractice,
        fix: None,
    }
}

fn is_remote(src: &str) -> bool {
    let lower = src.to_ascii_lowercase();
    ["http://", "https://", "git@", "git://", "ssh://"]
        .iter()
        .any(|p| lower.starts_with(p))
}

pub(super) fn check(c: &Checker) {
    let Some(text) = c.settings.dockerignore.as_deref() else {
        return;
    };
    let matcher = Matcher::parse(text);
    if matcher.patterns.is_empty() || matcher.has_exclusions() {
        return;
    }
    // ONBUILD COPY copies from another build's context.
    for (_, ins) in c.walk(Onbuild::Skip) {
        if !matches!(ins.kind, InstructionKind::Copy | InstructionKind::Add)
            || ins.flag("from").is_some()
        {
            continue;
        }
        let Args::List { items, .. } = &ins.args else {
            continue;
        };
        let Some((_, sources)) = items.split_last() else {
            continue;
        };
        for src in sources {
            let path = &src.text;
            if path.contains('$') || path.starts_with("<<") || is_remote(path) {
                continue;
            }
            // Ex) COPY secrets/app.conf /etc/app/   (.dockerignore: secrets/)
            if matcher.matches_or_parent_matches(path) {
                c.report(
                    &META,
                    src.range,
                    format!(
                        "`{path}` is excluded by `.dockerignore`, so `{}` cannot copy it",
                        ins.kind.as_str()
                    ),
                );
            }
        }
    }
}
