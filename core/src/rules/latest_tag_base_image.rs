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
    /// ## References
    /// - [Docker docs: pin base image versions](https://docs.docker.com/build/building/best-practices/#pin-base-image-versions)
    /// - hadolint `DL3007`
    pub static META = {
        code: "DL3007",
        name: "latest-tag-base-image",
        aliases: [],
        severity: Warning,
        category: BestPractice,
        fix: None,
    }
}

pub(super) fn check(c: &mut Checker) {
    let stages = c.model.stages.clone();
    for stage in &stages {
        let Some(image) = &stage.image else { continue };
        // Ex) FROM node:latest
        if image.digest.is_none() && image.tag.as_deref() == Some("latest") {
            c.report(
                &META,
                stage.base_range,
                format!("Base image `{}` uses the moving `latest` tag", stage.base_text),
            );
        }
    }
}
