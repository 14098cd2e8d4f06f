use super::Checker;

declare_rule! {
    /// ## What it does
    /// Checks for base images referenced by tag without a `@sha256:` digest. Off by default.
    ///
    /// ## Why is this bad?
    /// A tag is a pointer the publisher can move: `node:22.3.1` is rebuilt when its Debian
    /// base gets fixes, and a compromised account can push anything under any tag. A digest
    /// names exactly one image, so the build is reproducible and tamper-evident.
    ///
    /// The price is that a digest never moves, so security rebuilds stop arriving by
    /// themselves. Keep the tag next to the digest for readers
    /// (`FROM node:22-slim@sha256:...`) and let a bot update it: Renovate
    /// (`pinDigests: true`) and Dependabot (the `docker` ecosystem) open pull requests when
    /// the tag moves. Get the digest with `docker buildx imagetools inspect node:22-slim`
    /// (or `crane digest node:22-slim`). dockcoach has no fix: the digest cannot be known
    /// offline.
    ///
    /// `scratch`, stage names and images written with an unresolved `$VAR` are not
    /// checked.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM node:22-slim
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM node:22-slim@sha256:0b1c9ba4b3e81f9c41e5b8a2bcd7bd6cc3a3d2b7e5b3f2f9d1e4c0a7b6e5d4c3
    /// ```
    ///
    /// ## References
    /// - [Docker docs: pin base image versions](https://docs.docker.com/build/building/best-practices/#pin-base-image-versions)
    /// - [Renovate: Docker digest pinning](https://docs.renovatebot.com/docker/#digest-pinning)
    /// - [Dependabot: docker ecosystem](https://docs.github.com/en/code-security/dependabot/ecosystems-supported-by-dependabot/supported-ecosystems-and-repositories#docker)
    pub static META = {
        code: "DC1003",
        name: "base-image-not-digest-pinned",
        aliases: [],
        severity: Style,
        category: Security,
        fix: None,
        default_enabled: false,
    }
}

pub(super) fn check(c: &Checker) {
    let model = &c.model;
    let stages = &model.stages;
    for stage in stages {
        let Some(image) = &stage.image else { continue };
        // Ex) FROM scratch, FROM $BASE, FROM node@sha256:...
        if image.is_scratch() || image.unresolved || image.digest.is_some() || image.path.is_empty()
        {
            continue;
        }
        // Ex) FROM node:22-slim
        c.report(
            &META,
            stage.base_range,
            format!("Base image `{}` is not pinned by digest", image.text),
        );
    }
}
