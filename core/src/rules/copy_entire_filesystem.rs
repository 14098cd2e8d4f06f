use super::{Checker, Onbuild};
use crate::syntax::{Args, InstructionKind};

declare_rule! {
    /// ## What it does
    /// Checks for `COPY --from=<stage> / /`, which copies a whole filesystem from another
    /// stage or image.
    ///
    /// ## Why is this bad?
    /// Everything comes along: package databases, caches, `/etc/passwd`, device files.
    /// It overwrites the stage's own files and hides what the image really needs. Copy
    /// the directories you need instead.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM golang:1.23 AS build
    /// RUN go build -o /out/app .
    /// FROM gcr.io/distroless/static-debian12
    /// COPY --from=build / /
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM golang:1.23 AS build
    /// RUN go build -o /out/app .
    /// FROM gcr.io/distroless/static-debian12
    /// COPY --from=build /out/app /app
    /// ```
    ///
    /// ## References
    /// - [Dockerfile reference: COPY --from](https://docs.docker.com/reference/dockerfile/#copy---from)
    /// - hadolint `DL3067`
    pub static META = {
        code: "DL3067",
        name: "copy-entire-filesystem",
        aliases: [],
        severity: Warning,
        category: BestPractice,
        fix: None,
    }
}

pub(super) fn check(c: &Checker) {
    for (_, ins) in c.walk(Onbuild::Skip) {
        if ins.kind != InstructionKind::Copy || ins.flag("from").is_none() {
            continue;
        }
        let Args::List { items, .. } = &ins.args else {
            continue;
        };
        let Some((dest, sources)) = items.split_last() else {
            continue;
        };
        let is_root = |t: &str| t.trim_matches(['"', '\'']) == "/";
        // Ex) COPY --from=build / /
        if is_root(&dest.text) && sources.iter().any(|s| is_root(&s.text)) {
            c.report(
                &META,
                ins.args_range,
                "`COPY --from` copies the entire filesystem (`/` to `/`)",
            );
        }
    }
}
