use super::Checker;
use super::helpers::insertion_point;
use crate::diagnostic::{Edit, Fix};
use crate::model::{ImageRef, Stage};
use crate::syntax::InstructionKind;

declare_rule! {
    /// ## What it does
    /// Checks for a final stage that never sets `USER`, so the container runs as root.
    ///
    /// ## Why is this bad?
    /// A process running as root inside a container is one kernel bug, one mounted socket
    /// or one misconfigured volume away from root on the host, and it can change every file
    /// in the image. Switching to an unprivileged user costs one line. The check follows
    /// the final stage back through the stages it builds on (`FROM builder`): a `USER` in
    /// any of them counts. An explicit `USER root` at the end is `DL3002`'s business.
    ///
    /// Some base images ship a ready non-root user: the official `node` images (`node`),
    /// distroless `:nonroot` images and Chainguard images (`nonroot`, the distroless ones
    /// already run as it by default; saying so in the Dockerfile keeps scanners and
    /// readers informed), .NET 8+ images from `mcr.microsoft.com/dotnet` (`app`). For
    /// those the fix switches to that user; for other images the message suggests how to
    /// create one. Windows images are not checked.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM node:24-slim
    /// COPY . /app
    /// CMD ["node", "/app/server.js"]
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM node:24-slim
    /// COPY . /app
    /// USER node
    /// CMD ["node", "/app/server.js"]
    /// ```
    ///
    /// ## Fix safety
    /// The fix adds `USER <name>` before the final stage's first `CMD` or `ENTRYPOINT` (or
    /// at its end), for base images known to ship that user, but never before a `RUN`
    /// (which may need root): when a `RUN` follows the `CMD`, the `USER` goes after the
    /// last `RUN`. It is unsafe: the application may need to write files owned by root or
    /// bind a port below 1024. Images that already run as a non-root user (distroless
    /// `:nonroot`, Chainguard, .NET chiseled) get no fix: a `USER` would change nothing.
    ///
    /// ## References
    /// - [Docker docs: USER](https://docs.docker.com/build/building/best-practices/#user)
    /// - Trivy `DS-0002`, Checkov `CKV_DOCKER_3`
    pub static META = {
        code: "DC1005",
        name: "missing-user",
        aliases: ["DS-0002", "CKV_DOCKER_3"],
        severity: Warning,
        category: Security,
        fix: Sometimes,
    }
}

/// The non-root user a base image is known to ship.
fn known_user(image: &ImageRef) -> Option<&'static str> {
    let path = image.path.to_ascii_lowercase();
    let tag = image
        .tag
        .as_deref()
        .unwrap_or("latest")
        .to_ascii_lowercase();
    let registry = image.registry.as_deref().map(str::to_ascii_lowercase);
    match registry.as_deref() {
        // Ex) FROM node:22
        None | Some("docker.io") | Some("index.docker.io") => {
            match image
                .official_name()
                .map(str::to_ascii_lowercase)
                .as_deref()
            {
                Some("node") => Some("node"),
                _ => None,
            }
        }
        // Ex) FROM gcr.io/distroless/static-debian12:nonroot
        Some("gcr.io") if path.starts_with("distroless/") && tag.contains("nonroot") => {
            Some("nonroot")
        }
        // Ex) FROM cgr.dev/chainguard/python:latest
        Some("cgr.dev") if !tag.contains("dev") => Some("nonroot"),
        // Ex) FROM mcr.microsoft.com/dotnet/aspnet:8.0
        Some("mcr.microsoft.com") if path.starts_with("dotnet/") => {
            let major: u32 = tag.split(['.', '-']).next()?.parse().ok()?;
            (major >= 8).then_some("app")
        }
        _ => None,
    }
}

/// The stage and the stages it builds on, final first.
fn chain<'a>(stages: &'a [Stage], last: &'a Stage) -> Vec<&'a Stage> {
    let mut out = vec![last];
    let mut current = last;
    // A parent is always an earlier stage, so the walk ends; the check keeps it so even
    // if that ever changed.
    while let Some(parent) = current.parent.and_then(|p| stages.get(p)) {
        if parent.index >= current.index {
            break;
        }
        out.push(parent);
        current = parent;
    }
    out
}

pub(super) fn check(c: &Checker) {
    let model = &c.model;
    let stages = &model.stages;
    let Some(last) = stages.last() else { return };
    let chain = chain(stages, last);
    let sets_user = chain.iter().any(|s| {
        (s.from..s.end).any(|i| {
            c.parsed
                .instructions
                .get(i)
                .is_some_and(|ins| ins.kind == InstructionKind::User)
        })
    });
    if sets_user {
        return;
    }
    let Some(root) = chain.last() else { return };
    let Some(image) = &root.image else { return };
    // Ex) FROM mcr.microsoft.com/windows/servercore (USER means something else there)
    let windows = c.model.state(root.from).is_some_and(|s| s.non_posix);
    if windows || image.unresolved {
        return;
    }
    let Some(user) = known_user(image) else {
        let alpine = image.text.to_ascii_lowercase().contains("alpine");
        let snippet = match (image.is_scratch(), alpine) {
            (true, _) => "`USER 65534:65534`".to_string(),
            (false, true) => {
                "`RUN addgroup -S app && adduser -S -G app app` then `USER app`".to_string()
            }
            (false, false) => {
                "`RUN groupadd --system app && useradd --system --gid app app` then `USER app`"
                    .to_string()
            }
        };
        c.report(
            &META,
            last.base_range,
            format!("The final stage never sets `USER`, so the container runs as root; add a non-root user, e.g. {snippet}"),
        );
        return;
    };
    // Ex) FROM mcr.microsoft.com/dotnet/aspnet:8.0-jammy-chiseled: already runs as `app`
    let runs_non_root = crate::image::base_facts(image).is_some_and(|f| f.root == Some(false)) || {
        let registry = image.registry.as_deref().unwrap_or("");
        registry == "gcr.io" || registry == "cgr.dev"
    };
    // Before the final stage's first CMD or ENTRYPOINT (and the comment above it), but
    // never before a RUN: every RUN may need root (package installs, writes to
    // root-owned directories), so after the last RUN when one follows the CMD; else
    // after the stage's last instruction.
    let nl = c.line_ending();
    let entry = (last.from..last.end).find(|&i| {
        c.parsed.instructions.get(i).is_some_and(|ins| {
            matches!(ins.kind, InstructionKind::Cmd | InstructionKind::Entrypoint)
        })
    });
    let last_run = (last.from..last.end).rev().find(|&i| {
        c.parsed
            .instructions
            .get(i)
            .is_some_and(|ins| ins.kind == InstructionKind::Run)
    });
    let after = |i: usize| {
        c.parsed
            .instructions
            .get(i)
            .map(|ins| Edit::insert(ins.range.end(), format!("{nl}USER {user}")))
    };
    let edit = match (entry, last_run) {
        (Some(e), Some(r)) if r > e => after(r),
        (Some(e), _) => Some(Edit::insert(
            insertion_point(c, e),
            format!("USER {user}{nl}"),
        )),
        (None, _) => last.end.checked_sub(1).and_then(after),
    };
    let Some(edit) = edit else { return };
    let fix =
        (!runs_non_root).then(|| Fix::unsafe_(format!("Switch to the `{user}` user"), vec![edit]));
    let message = match image.registry.as_deref() {
        // Ex) distroless :nonroot, Chainguard and .NET chiseled images already run as a
        // non-root user
        _ if runs_non_root => format!(
            "The final stage never sets `USER` and relies on the base image's default user `{user}`"
        ),
        _ => format!(
            "The final stage never sets `USER`, so the container runs as root; the base image ships the non-root user `{user}`"
        ),
    };
    c.report_with_fix(&META, last.base_range, message, fix);
}

#[cfg(test)]
mod tests {
    use crate::{Settings, check};

    fn messages(text: &str) -> Vec<(String, bool)> {
        check(text, &Settings::default())
            .into_iter()
            .filter(|d| d.code() == "DC1005")
            .map(|d| (d.message, d.fix.is_some()))
            .collect()
    }

    #[test]
    fn unknown_users_get_a_snippet_without_a_fix() {
        let found = messages(
            "FROM golang:1.27 AS build\nUSER nobody\nFROM debian:13-slim\nENTRYPOINT [\"/app\"]\n",
        );
        assert_eq!(found.len(), 1);
        assert!(found[0].0.contains("useradd --system"), "{found:?}");
        assert!(!found[0].1);
        let found = messages("FROM alpine:3.24\nCMD [\"sh\"]\n");
        assert!(found[0].0.contains("adduser -S"), "{found:?}");
        let found = messages("FROM scratch\nCOPY app /app\n");
        assert!(found[0].0.contains("USER 65534:65534"), "{found:?}");
    }

    #[test]
    fn no_finding_without_a_judgeable_base() {
        assert!(messages("ARG BASE\nFROM $BASE\nCMD x\n").is_empty());
        assert!(messages("").is_empty());
        assert!(messages("FROM mcr.microsoft.com/dotnet/aspnet:8.0\nUSER app\n").is_empty());
        let found = messages("FROM mcr.microsoft.com/dotnet/aspnet:8.0\nCMD x\n");
        assert!(found[0].1, "{found:?}");
    }
}
