use super::helpers::{PLATFORM_ARGS, variable_refs};
use super::{Checker, Onbuild};
use crate::collections::StrMap;
use crate::model::expand;
use crate::syntax::{Args, InstructionKind};

declare_rule! {
    /// ## What it does
    /// Checks for `FROM` images built from `ARG`s whose default values do not make a
    /// valid image reference.
    ///
    /// ## Why is this bad?
    /// `ARG TAG` without a default turns `FROM alpine:${TAG}` into `alpine:`, which is not
    /// an image reference: the build fails unless every caller passes `--build-arg TAG=...`.
    /// Give the `ARG` a default that works (or use `${TAG:-3.20}`), so a plain
    /// `docker build` succeeds.
    ///
    /// ## Example
    /// ```dockerfile
    /// ARG TAG
    /// FROM alpine:${TAG}
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// ARG TAG=3.20
    /// FROM alpine:${TAG}
    /// ```
    ///
    /// ## References
    /// - [Docker build checks: InvalidDefaultArgInFrom](https://docs.docker.com/go/dockerfile/rule/invalid-default-arg-in-from/)
    pub static META = {
        code: "InvalidDefaultArgInFrom",
        name: "invalid-default-arg-in-from",
        aliases: [],
        severity: Warning,
        category: BestPractice,
        fix: None,
    }
}

/// `[a-z0-9]+((\.|_|__|-+)[a-z0-9]+)*`: one path component of a repository name.
fn valid_component(c: &str) -> bool {
    let b = c.as_bytes();
    if b.is_empty() || !b[0].is_ascii_alphanumeric() || !b[b.len() - 1].is_ascii_alphanumeric() {
        return false;
    }
    let mut i = 0;
    while i < b.len() {
        let ch = b[i];
        if ch.is_ascii_lowercase() || ch.is_ascii_digit() {
            i += 1;
            continue;
        }
        // A separator: `.`, `_`, `__` or a run of `-`, followed by an alphanumeric.
        let start = i;
        match ch {
            b'.' => i += 1,
            b'_' => i += if b.get(i + 1) == Some(&b'_') { 2 } else { 1 },
            b'-' => {
                while b.get(i) == Some(&b'-') {
                    i += 1;
                }
            }
            _ => return false,
        }
        if i == start
            || !b
                .get(i)
                .is_some_and(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
        {
            return false;
        }
    }
    true
}

/// True when `text` parses as a Docker image reference (`distribution/reference`).
pub(super) fn is_valid_reference(text: &str) -> bool {
    if text.is_empty() || text.len() > 255 + 200 {
        return false;
    }
    let (rest, digest) = match text.split_once('@') {
        Some((r, d)) => (r, Some(d)),
        None => (text, None),
    };
    if let Some(d) = digest {
        let Some((algo, hex)) = d.split_once(':') else {
            return false;
        };
        if algo.is_empty() || hex.len() < 32 || !hex.chars().all(|c| c.is_ascii_alphanumeric()) {
            return false;
        }
    }
    // The tag is after the last `:` that follows the last `/`.
    let slash = rest.rfind('/').map_or(0, |i| i + 1);
    let (name, tag) = match rest[slash..].rfind(':') {
        Some(i) => (&rest[..slash + i], Some(&rest[slash + i + 1..])),
        None => (rest, None),
    };
    if let Some(tag) = tag {
        let ok = !tag.is_empty()
            && tag.len() <= 128
            && tag
                .chars()
                .next()
                .is_some_and(|c| c.is_ascii_alphanumeric() || c == '_')
            && tag
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '.' | '-'));
        if !ok {
            return false;
        }
    }
    let mut parts: Vec<&str> = name.split('/').collect();
    if parts.len() > 1 {
        let first = parts[0];
        if first.contains('.')
            || first.contains(':')
            || first == "localhost"
            || !crate::case::is_lowercase(first)
        {
            // A registry host, optionally with a port.
            let (host, port) = first.split_once(':').unwrap_or((first, ""));
            let host_ok = !host.is_empty()
                && host.split('.').all(|l| {
                    !l.is_empty() && l.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
                });
            if !host_ok || !port.chars().all(|c| c.is_ascii_digit()) {
                return false;
            }
            parts.remove(0);
        }
    }
    !parts.is_empty() && parts.iter().all(|p| valid_component(p))
}

/// The global `ARG`s as BuildKit resolves them without build arguments: in order, each
/// default expanded with the ones before it, unset ones empty. `None` when a default
/// cannot be expanded (an unsupported `${...}` form).
fn resolved_global_args(c: &Checker) -> Option<StrMap<Option<String>>> {
    let mut vars = StrMap::new();
    for (_, ins) in c.walk(Onbuild::Skip) {
        match ins.kind {
            InstructionKind::From => break,
            InstructionKind::Arg => {
                for pair in ins.pairs() {
                    let value = match pair.value_unquoted(c.parsed.escape) {
                        Some(v) => expand(&v, &vars)?,
                        None => String::new(),
                    };
                    vars.insert(pair.key.text.clone(), Some(value));
                }
            }
            _ => {}
        }
    }
    Some(vars)
}

pub(super) fn check(c: &Checker) {
    let escape = c.parsed.escape;
    let vars = resolved_global_args(c);
    let stage_names: Vec<String> = c
        .model
        .stages
        .iter()
        .filter_map(|s| s.name.clone())
        .collect();
    for (_, ins) in c.walk(Onbuild::Skip) {
        let Args::From(from) = &ins.args else {
            continue;
        };
        let Some(image) = &from.image else { continue };
        let refs = variable_refs(&image.text, escape);
        if refs.is_empty()
            || refs
                .iter()
                .any(|r| PLATFORM_ARGS.contains(&r.name.as_str()))
        {
            continue;
        }
        // Undeclared variables are UndefinedArgInFrom's finding.
        if refs
            .iter()
            .any(|r| !c.model.global_args.contains_key(&r.name))
        {
            continue;
        }
        let Some(vars) = &vars else { continue };
        let Some(expanded) = expand(&crate::syntax::unquote(&image.text, escape), vars) else {
            continue;
        };
        if stage_names.contains(&crate::case::to_lowercase(&expanded))
            || expanded.eq_ignore_ascii_case("scratch")
        {
            continue;
        }
        // Ex) ARG TAG  /  FROM alpine:${TAG}   -> "alpine:"
        if is_valid_reference(&expanded) {
            continue;
        }
        c.report(
            &META,
            image.range,
            format!(
                "`{}` becomes `{expanded}` with the `ARG` defaults, which is not a valid image reference",
                image.text
            ),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::is_valid_reference;

    #[test]
    fn references() {
        for ok in [
            "alpine",
            "alpine:3.20",
            "ghcr.io/a/b:1",
            "localhost:5000/x",
            "a__b/c-d.e",
            "x@sha256:0123456789abcdef0123456789abcdef",
        ] {
            assert!(is_valid_reference(ok), "{ok}");
        }
        for bad in ["", "alpine:", "Alpine", "-x", ":3", "a/", "a b"] {
            assert!(!is_valid_reference(bad), "{bad}");
        }
    }
}
