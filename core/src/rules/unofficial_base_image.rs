use super::Checker;

declare_rule! {
    /// ## What it does
    /// Checks for Docker Hub base images that are neither Docker Official Images nor from a
    /// publisher you trust.
    ///
    /// ## Why is this bad?
    /// Docker Official Images are built from public Dockerfiles, reviewed by Docker, rebuilt
    /// when their base gets security fixes, and scanned. An image from an arbitrary Docker Hub
    /// account has none of these guarantees: it may be abandoned, never patched, or
    /// malicious. Prefer the official image, or an image from a publisher you have decided
    /// to trust (add its namespace to `trusted-publishers` in `dockcoach.toml`, e.g.
    /// `trusted-publishers = ["bitnami"]`).
    ///
    /// Only Docker Hub images are checked (no registry, `docker.io`, `index.docker.io`):
    /// images from other registries are the business of `DL3026` (trusted registries).
    /// `library/x` is the official `x`, and so are the per-architecture copies
    /// (`arm64v8/x`, `amd64/x`, ...). `scratch`, stage names and images written with a
    /// `$VAR` that no ARG default resolves are not checked. A name without a namespace
    /// that is not an official image (`FROM my-base`) cannot be a Docker Hub account's
    /// image, so it is taken for a locally built image and not reported.
    ///
    /// The list of official images is compiled into dockcoach (as of the date `DC1004`
    /// messages show); images that were official once and have been removed (`centos`)
    /// still count as official here: `DC1004` reports when they are out of support.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM someuser/node:22
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM node:22
    /// ```
    ///
    /// ## References
    /// - [Docker Official Images](https://docs.docker.com/docker-hub/repos/manage/trusted-content/official-images/)
    /// - [Docker docs: choose the right base image](https://docs.docker.com/build/building/best-practices/#choose-the-right-base-image)
    pub static META = {
        code: "DC1001",
        name: "unofficial-base-image",
        aliases: [],
        severity: Info,
        category: Security,
        fix: None,
    }
}

/// Docker Hub namespaces that mirror the official images per architecture.
const ARCH_NAMESPACES: &[&str] = &[
    "amd64",
    "arm32v5",
    "arm32v6",
    "arm32v7",
    "arm64v8",
    "i386",
    "mips64le",
    "ppc64le",
    "riscv64",
    "s390x",
    "windows-amd64",
];

pub(super) fn check(c: &Checker) {
    let model = &c.model;
    let stages = &model.stages;
    for stage in stages {
        let Some(image) = &stage.image else { continue };
        // Ex) FROM $BASE (no default), FROM scratch, FROM quay.io/x/y
        if image.unresolved || image.is_scratch() || !image.is_docker_hub() {
            continue;
        }
        let path = image.path.to_ascii_lowercase();
        let Some((namespace, _)) = path.split_once('/') else {
            // Ex) FROM node (official), FROM my-base (a local image)
            continue;
        };
        // Ex) FROM library/node, FROM arm64v8/debian (the per-architecture official images)
        if namespace == "library" || ARCH_NAMESPACES.contains(&namespace) {
            continue;
        }
        let trusted = c
            .settings
            .trusted_publishers
            .iter()
            .any(|p| p.trim().eq_ignore_ascii_case(namespace));
        if trusted {
            continue;
        }
        // Ex) FROM bitnami/node:22
        c.report(
            &META,
            stage.base_range,
            format!(
                "Base image `{}` is not a Docker Official Image and `{namespace}` is not a trusted publisher",
                image.text
            ),
        );
    }
}
