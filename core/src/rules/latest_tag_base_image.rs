use super::Checker;

declare_rule! {
    /// ## What it does
    /// Checks for `FROM` images pinned to the `latest` tag.
    ///
    /// ## Why is this bad?
    /// `latest` is not a version: it moves whenever the publisher pushes a new release, so
    /// builds stop being reproducible and upgrades arrive unannounced. An image that also
    /// carries a digest (`image:latest@sha256:...`) is pinned and is not reported.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM redis:latest
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM redis:7.4
    /// ```
    ///
    /// ## Deviations from hadolint
    /// hadolint reads the image as written. dockcoach resolves ARG defaults, which is
    /// what `docker build` uses unless told otherwise, so
    ///
    /// ```dockerfile
    /// ARG VERSION=latest
    /// FROM busybox:$VERSION
    /// ```
    ///
    /// is reported by dockcoach and not by hadolint.
    ///
    /// ## Fix safety
    /// For Docker Official Images, the fix pins the most specific version that `latest` pointed to
    /// when dockcoach's image facts were gathered (`node` -> `node:26.7.0`; the message
    /// names the date). It is unsafe: the pinned version may be older or newer than the
    /// image your builds pulled until now. Other images get no fix: their versions cannot
    /// be known offline.
    ///
    /// ## References
    /// - [Docker docs: pin base image versions](https://docs.docker.com/build/building/best-practices/#pin-base-image-versions)
    /// - hadolint `DL3007`, Trivy `DS-0001`, Checkov `CKV_DOCKER_7`
    pub static META = {
        code: "DL3007",
        name: "latest-tag-base-image",
        aliases: ["DS-0001", "CKV_DOCKER_7"],
        severity: Warning,
        category: BestPractice,
        fix: Unsafe,
    }
}

pub(super) fn check(c: &Checker) {
    let model = &c.model;
    let stages = &model.stages;
    for stage in stages {
        let Some(image) = &stage.image else { continue };
        // Ex) FROM node:latest
        if image.digest.is_none() && image.tag.as_deref() == Some("latest") {
            let (note, fix) = crate::knowledge::latest_pin(stage).unzip();
            c.report_with_fix(
                &META,
                stage.base_range,
                format!(
                    "Base image `{}` uses the moving `latest` tag{}",
                    stage.base_text,
                    note.unwrap_or_default()
                ),
                fix,
            );
        }
    }
}
