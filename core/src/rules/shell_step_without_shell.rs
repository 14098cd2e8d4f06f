use super::Checker;
use crate::image::HazardKind;

declare_rule! {
    /// ## What it does
    /// Checks for a shell-form `RUN`, `CMD` or `ENTRYPOINT` on an image with no shell:
    /// `scratch`, distroless images (`gcr.io/distroless/*`, except `:debug`) and .NET
    /// chiseled or distroless images.
    ///
    /// ## Why is this bad?
    /// The shell form runs `/bin/sh -c ...`, and these images have no `/bin/sh`: the `RUN`
    /// fails the build, and a shell-form `CMD` or `ENTRYPOINT` makes the container fail
    /// at start. A `COPY` of a root file system or a `bin` directory may bring a shell,
    /// so after one nothing is reported.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM gcr.io/distroless/static-debian12
    /// COPY app /app
    /// CMD /app --serve
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM gcr.io/distroless/static-debian12
    /// COPY app /app
    /// CMD ["/app", "--serve"]
    /// ```
    ///
    /// ## References
    /// - [Dockerfile reference: shell and exec form](https://docs.docker.com/reference/dockerfile/#shell-and-exec-form)
    /// - [GoogleContainerTools/distroless](https://github.com/GoogleContainerTools/distroless)
    pub static META = {
        code: "DC3004",
        name: "shell-step-without-shell",
        aliases: [],
        severity: Error,
        category: BestPractice,
        fix: None,
    }
}

pub(super) fn check(c: &Checker) {
    for h in &c.image().hazards {
        if h.kind != HazardKind::NoShell {
            continue;
        }
        let keyword = c
            .parsed
            .instructions
            .get(h.instruction)
            .map_or("RUN", |ins| ins.keyword.text.as_str());
        // Ex) FROM scratch + RUN echo hi
        c.report(
            &META,
            h.range,
            format!(
                "This image has no shell, so the shell form of `{}` cannot run; use the exec form (JSON array) or a base image with a shell",
                keyword.to_ascii_uppercase()
            ),
        );
    }
}
