use super::{Checker, Onbuild};
use crate::syntax::{Args, InstructionKind};

declare_rule! {
    /// ## What it does
    /// Checks for `ADD https://...` without `--checksum`.
    ///
    /// ## Why is this bad?
    /// Whatever the server returns goes into the image: a compromised or changed download
    /// is not noticed, and the build is not reproducible. `ADD --checksum=sha256:...`
    /// (Dockerfile syntax 1.6 and later) makes the build fail when the file differs.
    ///
    /// Git sources (`ADD https://github.com/x/y.git#v1`) are not reported.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM alpine:3.20
    /// ADD https://example.com/tool-1.2.tar.gz /opt/
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM alpine:3.20
    /// ADD --checksum=sha256:24454f830cdb571e2c4ad15481119c43b3cafd48dd869a9b2945d1036d1dc68d https://example.com/tool-1.2.tar.gz /opt/
    /// ```
    ///
    /// ## References
    /// - [Docker docs: ADD --checksum](https://docs.docker.com/reference/dockerfile/#add---checksum)
    pub static META = {
        code: "DC2010",
        name: "add-url-without-checksum",
        aliases: [],
        severity: Warning,
        category: Security,
        fix: None,
    }
}

fn is_git(url: &str) -> bool {
    let path = url.split(['#', '?']).next().unwrap_or(url);
    path.ends_with(".git") || url.starts_with("git@")
}

pub(super) fn check(c: &Checker) {
    for (_, ins) in c.walk(Onbuild::Trigger) {
        if ins.kind != InstructionKind::Add || ins.flag("checksum").is_some() {
            continue;
        }
        let Args::List { items, .. } = &ins.args else {
            continue;
        };
        let Some((_, sources)) = items.split_last() else {
            continue;
        };
        for src in sources {
            let lower = src.text.to_ascii_lowercase();
            // Ex) ADD https://example.com/tool.tar.gz /opt/
            if (lower.starts_with("http://") || lower.starts_with("https://")) && !is_git(&lower) {
                c.report(
                    &META,
                    src.range,
                    format!("`ADD {}` downloads without verifying a checksum", src.text),
                );
            }
        }
    }
}
