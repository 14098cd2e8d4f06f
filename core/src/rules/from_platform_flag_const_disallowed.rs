use super::{Checker, Onbuild};
use crate::syntax::Args;

declare_rule! {
    /// ## What it does
    /// Checks for `FROM --platform=` with a constant platform, such as
    /// `--platform=linux/amd64`, in a stage whose name does not mention that platform.
    ///
    /// ## Why is this bad?
    /// A constant platform pins the stage to one architecture whatever the build asks
    /// for: a multi-platform build (`--platform linux/amd64,linux/arm64`) then ships an
    /// amd64 binary in the arm64 image, or runs it under emulation. Use
    /// `$BUILDPLATFORM`/`$TARGETPLATFORM`, or make the choice visible in the stage name
    /// (`AS build-amd64`) when one platform really is intended.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM --platform=linux/amd64 alpine:3.20 AS build
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM --platform=$BUILDPLATFORM alpine:3.20 AS build
    /// ```
    ///
    /// ## References
    /// - [Docker build checks: FromPlatformFlagConstDisallowed](https://docs.docker.com/go/dockerfile/rule/from-platform-flag-const-disallowed/)
    pub static META = {
        code: "FromPlatformFlagConstDisallowed",
        name: "constant-platform-flag",
        aliases: [],
        severity: Warning,
        category: BestPractice,
        fix: None,
    }
}

/// `os` and normalised `arch` of a platform string, as containerd's `platforms.Parse`
/// reads it; `None` when it is not a platform.
fn parse_platform(value: &str) -> Option<(String, String)> {
    let lower = value.to_ascii_lowercase();
    let parts: Vec<&str> = lower.split('/').collect();
    let valid = |p: &str| {
        !p.is_empty()
            && p.chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-' || c == '.')
    };
    if parts.is_empty() || parts.len() > 3 || !parts.iter().all(|p| valid(p)) {
        return None;
    }
    let norm_arch = |a: &str| -> String {
        match a {
            "x86_64" | "x86-64" => "amd64",
            "aarch64" => "arm64",
            "i386" | "i486" | "i586" | "i686" => "386",
            "armhf" | "armel" => "arm",
            other => other,
        }
        .to_string()
    };
    const OSES: &[&str] = &[
        "linux",
        "windows",
        "darwin",
        "freebsd",
        "netbsd",
        "openbsd",
        "solaris",
        "illumos",
        "android",
        "ios",
        "aix",
        "plan9",
        "js",
        "wasip1",
        "dragonfly",
    ];
    match parts.as_slice() {
        [one] if OSES.contains(one) => Some((one.to_string(), String::new())),
        [one] => Some(("linux".to_string(), norm_arch(one))),
        [os, arch, ..] => Some((os.to_string(), norm_arch(arch))),
        [] => None,
    }
}

pub(super) fn check(c: &Checker) {
    for (_, ins) in c.walk(Onbuild::Skip) {
        let Args::From(from) = &ins.args else {
            continue;
        };
        let Some(flag) = ins.flag("platform") else {
            continue;
        };
        let Some(value) = flag.value.as_deref() else {
            continue;
        };
        if value.contains('$') {
            continue;
        }
        let Some((os, arch)) = parse_platform(value) else {
            continue;
        };
        // Ex) FROM --platform=linux/amd64 alpine AS build
        let stage = from
            .alias
            .as_ref()
            .map(|a| crate::case::to_lowercase(&a.text))
            .unwrap_or_default();
        if !stage.is_empty() && (stage.contains(&os) || (!arch.is_empty() && stage.contains(&arch)))
        {
            continue;
        }
        c.report(
            &META,
            flag.range,
            format!("`--platform={value}` pins the stage to one platform"),
        );
    }
}
