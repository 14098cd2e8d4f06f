use super::{Checker, Onbuild};
use crate::syntax::{Args, InstructionKind};

declare_rule! {
    /// ## What it does
    /// Checks for `FROM --platform=` with a value other than `$BUILDPLATFORM` or
    /// `$TARGETPLATFORM`.
    ///
    /// ## Why is this bad?
    /// A fixed platform (`--platform=linux/amd64`) overrides the platform the build
    /// asks for: a multi-platform build then ships the same architecture in every
    /// image, or runs it under emulation. `$BUILDPLATFORM` (for build tools) and
    /// `$TARGETPLATFORM` follow the build's request.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM --platform=linux/amd64 golang:1.23 AS build
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM --platform=$BUILDPLATFORM golang:1.23 AS build
    /// ```
    ///
    /// ## References
    /// - [Docker docs: multi-platform builds](https://docs.docker.com/build/building/multi-platform/)
    /// - hadolint `DL3029`
    pub static META = {
        code: "DL3029",
        name: "from-platform-flag",
        aliases: [],
        severity: Warning,
        category: BestPractice,
        fix: None,
    }
}

pub(super) fn check(c: &Checker) {
    for (_, ins) in c.walk(Onbuild::Skip) {
        let (InstructionKind::From, Args::From(_)) = (ins.kind, &ins.args) else {
            continue;
        };
        let Some(flag) = ins.flag("platform") else {
            continue;
        };
        let value = flag.value.as_deref().unwrap_or("");
        let follows_build = [
            "$BUILDPLATFORM",
            "${BUILDPLATFORM",
            "$TARGETPLATFORM",
            "${TARGETPLATFORM",
        ]
        .iter()
        .any(|v| value.contains(v));
        // Ex) FROM --platform=linux/amd64 alpine
        if value.is_empty() || follows_build {
            continue;
        }
        c.report(
            &META,
            flag.range,
            format!("`--platform={value}` overrides the platform the build asks for"),
        );
    }
}
