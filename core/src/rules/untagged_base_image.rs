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
    /// An image written with a `$VAR` is checked as its ARG default resolves it; a
    /// variable without a default cannot be judged and is not reported.
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
    /// ## Deviations from hadolint
    /// hadolint never checks an image written as a variable. dockcoach checks what the
    /// ARG default builds, which is what `docker build` uses unless told otherwise:
    ///
    /// ```dockerfile
    /// ARG BASE=quay.io/jupyter/base-notebook
    /// FROM $BASE
    /// ```
    ///
    /// is reported by dockcoach (the default has no tag) and not by hadolint. An image
    /// built from a variable that resolves to a stage name
    /// (`FROM exit-${VARIANT}` with `ARG VARIANT=supported`) is a stage and is not
    /// reported; hadolint reports it.
    ///
    /// ## Fix safety
    /// For Docker Official Images, the fix pins the most specific version that no tag (that is, `latest`) pointed to
    /// when dockcoach's image facts were gathered (`node` -> `node:26.7.0`; the message
    /// names the date). It is unsafe: the pinned version may be older or newer than the
    /// image your builds pulled until now. Other images get no fix: their versions cannot
    /// be known offline.
    ///
    /// ## References
    /// - [Docker docs: pin base image versions](https://docs.docker.com/build/building/best-practices/#pin-base-image-versions)
    /// - hadolint `DL3006`, Checkov `CKV_DOCKER_7` (also reports untagged images)
    pub static META = {
        code: "DL3006",
        name: "untagged-base-image",
        aliases: ["CKV_DOCKER_7"],
        severity: Warning,
        category: BestPractice,
        fix: Unsafe,
    }
}

pub(super) fn check(c: &Checker) {
    let model = &c.model;
    let stages = &model.stages;
    for stage in stages {
        let Some(ins) = c.parsed.instructions.get(stage.from) else {
            continue;
        };
        if ins.kind != InstructionKind::From || stage.parent.is_some() {
            continue;
        }
        let Args::From(_) = &ins.args else { continue };
        let Some(image) = &stage.image else { continue };
        // Ex) FROM $BASE  (ARG BASE without a default: nothing to judge)
        if image.unresolved && stage.base_text.starts_with('$') {
            continue;
        }
        // Ex) FROM scratch, FROM x@sha256:..., FROM x:1.2
        if image.is_scratch()
            || image.digest.is_some()
            || image.tag.is_some()
            || image.path.is_empty()
        {
            continue;
        }
        let (note, fix) = crate::knowledge::latest_pin(stage).unzip();
        c.report_with_fix(
            &META,
            stage.base_range,
            format!(
                "Base image `{}` has no tag, so it means `latest`{}",
                stage.base_text,
                note.unwrap_or_default()
            ),
            fix,
        );
    }
}
