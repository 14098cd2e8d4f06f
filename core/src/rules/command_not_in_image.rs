use super::Checker;
use crate::image::HazardKind;

declare_rule! {
    /// ## What it does
    /// Checks for a `RUN` (or a `SHELL`) that calls a command the image does not have:
    /// `apt-get` on Alpine, `bash` on Alpine or BusyBox, `curl`, `git` or `make` on a slim
    /// image, with no earlier step installing it.
    ///
    /// ## Why is this bad?
    /// The step fails with `command not found` and the build stops. It happens when a base
    /// image is moved to a smaller variant (`python:3.12` to `python:3.12-slim`, Debian to
    /// Alpine) and the steps are not updated.
    ///
    /// What each base image provides comes from dockcoach's knowledge tables, generated
    /// from the official images' own Dockerfiles. An image the tables do not know is never
    /// reported, nor is a command after a step that may have put anything on the `PATH`
    /// (a `COPY`, an unpinned package list in a variable, a script), nor one a script
    /// tests for first (`command -v`, `||`).
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM python:3.12-slim
    /// RUN curl -fsSL https://example.com/tool.tar.gz -o /tmp/tool.tar.gz
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM python:3.12-slim
    /// RUN apt-get update \
    ///     && apt-get install -y --no-install-recommends ca-certificates curl \
    ///     && curl -fsSL https://example.com/tool.tar.gz -o /tmp/tool.tar.gz \
    ///     && rm -rf /var/lib/apt/lists/*
    /// ```
    ///
    /// ## References
    /// - [Docker docs: choose the right base image](https://docs.docker.com/build/building/best-practices/#choose-the-right-base-image)
    pub static META = {
        code: "DC3001",
        name: "command-not-in-image",
        aliases: [],
        severity: Error,
        category: BestPractice,
        fix: None,
    }
}

pub(super) fn check(c: &Checker) {
    for h in &c.image().hazards {
        let base = c
            .model
            .stages
            .get(h.stage)
            .map_or("", |s| s.base_text.as_str());
        match h.kind {
            // Ex) FROM alpine:3.20 + RUN apt-get update
            HazardKind::MissingCommand => {
                c.report(
                    &META,
                    h.range,
                    format!(
                        "`{}` is not in this image: `{base}` does not provide it and no earlier step installs it",
                        h.subject
                    ),
                );
            }
            // Ex) FROM alpine:3.20 + RUN wget --progress=dot:giga https://x
            HazardKind::UnsupportedOption => {
                c.report(
                    &META,
                    h.range,
                    "This `wget` is BusyBox's, which rejects `--progress`; install GNU `wget` or drop the option",
                );
            }
            _ => {}
        }
    }
}
