use super::Checker;
use crate::syntax::{Args, InstructionKind};

declare_rule! {
    /// ## What it does
    /// Checks for `FROM` images without a tag or digest.
    ///
    /// ## Why is this bad?
    /// An image without a tag means `:latest`, which moves whenever the publisher pushes a
    /// new release. The same Dockerfile then builds a different image from one day to the
    /// next, and a major upgrade can arrive unannounced. Pinning a version makes builds
    /// reproducible and upgrades deliberate.
    ///
    /// Stage names (`FROM builder`), `scratch`, and images that have a digest are fine.
    /// An image written as `$VAR` whose ARG default has a tag is fine too (hadolint flags
    /// it; dockcoach resolves the default).
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM ubuntu
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM ubuntu:24.04
    /// ```
    ///
    /// ## References
    /// - [Docker docs: pin base image versions](https://docs.docker.com/build/building/best-practices/#pin-base-image-versions)
    /// - hadolint `DL3006`
    pub static META = {
        code: "DL3006",
        name: "untagged-base-image",
        aliases: [],
        severity: Warning,
        category: BestPractice,
        fix: None,
    }
}

pub(super) fn check(c: &mut Checker) {
    let stages = c.model.stages.clone();
    for stage in &stages {
        let Some(ins) = c.parsed.instructions.get(stage.from) else { continue };
        if ins.kind != InstructionKind::From || stage.parent.is_some() {
            continue;
        }
        let Args::From(_) = &ins.args else { continue };
        let Some(image) = &stage.image else { continue };
        // Ex) FROM scratch, FROM x@sha256:..., FROM x:1.2
        if image.is_scratch() || image.digest.is_some() || image.tag.is_some() || image.path.is_empty() {
            continue;
        }
        c.report(
            &META,
            stage.base_range,
            format!("Base image `{}` has no tag, so it means `latest`", stage.base_text),
        );
    }
}
