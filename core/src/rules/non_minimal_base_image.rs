use super::Checker;
use crate::diagnostic::{Edit, Fix};
use crate::knowledge;
use crate::text::TextRange;

declare_rule! {
    /// ## What it does
    /// Checks for a final stage built on the full variant of an official image that also
    /// publishes a smaller variant of the same version (`python:3.12` has
    /// `python:3.12-slim`; `node:22` has `node:22-slim` and `node:22-alpine`).
    ///
    /// ## Why is this bad?
    /// The full variants carry compilers, headers, version control and hundreds of
    /// libraries an application rarely needs at run time. Every one of them is attack
    /// surface and a source of vulnerability reports, and they make the image slower to
    /// pull. The `slim` variants keep the same distribution and C library with far fewer
    /// packages; `alpine` variants are smaller still but use musl instead of glibc, which
    /// some native modules and wheels do not support.
    ///
    /// Only the final stage is checked: a build stage may need the full toolchain, and
    /// nothing of it ships unless copied. For compiler images (`golang`, `rust`, `gcc`) in
    /// the final stage, the advice is a multi-stage build: compile in a build stage and
    /// copy the result onto a distroless or `scratch` final stage; there is no fix. Only
    /// tags the official image publishes are suggested (the list is compiled into
    /// dockcoach; each message says how recent it is).
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM python:3.12
    /// COPY app.py /app/
    /// CMD ["python", "/app/app.py"]
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM python:3.12-slim
    /// COPY app.py /app/
    /// CMD ["python", "/app/app.py"]
    /// ```
    ///
    /// ## Fix safety
    /// The fix switches to the slim variant of the same version (same distribution and C
    /// library), or to the alpine one when that is the only smaller variant, which the
    /// message says changes the C library. It is unsafe: packages the application used
    /// from the full image may be missing. It is offered only when the knowledge tables
    /// know the smaller variant and the image model of the fixed file shows every step
    /// still working: when a later `RUN` uses a tool the smaller image lacks (`curl`,
    /// `git`, `make`, `gcc`... on `python:3.12-slim`) and does not install it first, the
    /// message names those tools and there is no fix. Nor is there one when the stage runs
    /// a package install that may compile native modules (`npm install`, `pip install`,
    /// `bundle install`...) and the smaller image has no `gcc`.
    ///
    /// ## References
    /// - [Docker docs: choose the right base image](https://docs.docker.com/build/building/best-practices/#choose-the-right-base-image)
    /// - [Distroless images](https://github.com/GoogleContainerTools/distroless)
    pub static META = {
        code: "DC1002",
        name: "non-minimal-base-image",
        aliases: [],
        severity: Info,
        category: Security,
        fix: Sometimes,
    }
}

/// Compiler images: their final stage should be a multi-stage build instead.
const BUILD_IMAGES: &[(&str, &str)] = &[
    ("gcc", "gcr.io/distroless/cc-debian13"),
    ("golang", "gcr.io/distroless/static-debian13"),
    ("rust", "gcr.io/distroless/cc-debian13"),
];

const DEBIAN_CODENAMES: &[&str] = &["bookworm", "bullseye", "buster", "trixie"];

/// Smaller tags of the same version, best first: slim (with the same Debian codename when
/// the tag names one), then alpine (with whether it changes the C library).
fn candidates(tag: &str) -> Option<Vec<(String, bool)>> {
    let (version, codename) = match tag.rsplit_once('-') {
        Some((v, c)) if DEBIAN_CODENAMES.contains(&c) => (v, Some(c)),
        Some(_) => return None,
        None if DEBIAN_CODENAMES.contains(&tag) => ("", Some(tag)),
        None => (tag, None),
    };
    if !version.is_empty() && !version.starts_with(|ch: char| ch.is_ascii_digit()) {
        return None;
    }
    let join = |suffix: &str| match version {
        "" => suffix.to_string(),
        v => format!("{v}-{suffix}"),
    };
    let mut out = Vec::new();
    match codename {
        // Ex) python:3.12-bookworm: plain `slim` may be another Debian release
        Some(code) => {
            out.push((join(&format!("slim-{code}")), false));
            out.push((join(&format!("{code}-slim")), false));
        }
        None => out.push((join("slim"), false)),
    }
    out.push((join("alpine"), true));
    Some(out)
}

pub(super) fn check(c: &Checker) {
    let as_of = knowledge::as_of();
    let Some(stage) = c.model.stages.last().cloned() else {
        return;
    };
    let Some(image) = &stage.image else { return };
    let Some(name) = knowledge::official_name(image) else {
        return;
    };
    // Ex) FROM golang:1.22 as the final stage
    if let Some((_, distroless)) = BUILD_IMAGES.iter().find(|(n, _)| *n == name) {
        c.report(
            &META,
            stage.base_range,
            format!(
                "The final stage runs on the `{name}` build image; build in an earlier stage and copy the result onto a minimal final stage such as `{distroless}` or `scratch`"
            ),
        );
        return;
    }
    let Some(tag) = image.tag.as_deref() else {
        return;
    };
    if knowledge::minimal_suffixes(name).next().is_none() {
        return;
    }
    let Some(candidates) = candidates(tag) else {
        return;
    };
    let Some((smaller, alpine)) = candidates
        .into_iter()
        .find(|(t, _)| knowledge::tag_exists(name, t))
    else {
        return;
    };
    let libc = match alpine {
        true => " (Alpine uses musl instead of glibc)",
        false => "",
    };
    let mut message = format!(
        "Base image `{}` is the full variant; `{name}:{smaller}` is smaller{libc} (tags as of {as_of})",
        image.text
    );
    let fix = match (image.digest.is_some(), stage.base_text.contains('$')) {
        (false, false) if stage.base_text.ends_with(&format!(":{tag}")) => {
            let end = stage.base_range.end();
            end.checked_sub(tag.len()).map(|start| {
                Fix::unsafe_(
                    format!("Use `{name}:{smaller}`"),
                    vec![Edit::replace(TextRange::new(start, end), smaller.clone())],
                )
            })
        }
        _ => None,
    };
    // Ex) FROM python:3.12 + RUN curl ... && make: the slim image has neither. The fix is
    // checked against the image model of the fixed file; when a later step would lose a
    // tool, or the smaller image is one the tables do not know, the full image stays.
    let fix = fix.and_then(|f| {
        let smaller_known = crate::image::base_facts(&crate::model::ImageRef::parse(&format!(
            "{name}:{smaller}"
        )))
        .is_some();
        // Ex) RUN npm install / pip install / bundle install: native modules are compiled
        // with gcc and make, which slim images lack; the model cannot see that need.
        let small_lacks_compiler = crate::image::base_facts(&crate::model::ImageRef::parse(
            &format!("{name}:{smaller}"),
        ))
        .is_some_and(|f| !f.has("gcc"))
            && crate::image::base_facts(image).is_some_and(|f| f.has("gcc"));
        let builds_native = (stage.from..stage.end).find_map(|i| {
            c.script(i)?
                .commands
                .iter()
                .find(|cmd| {
                    matches!(
                        cmd.name(),
                        "npm" | "yarn" | "pnpm" | "pip" | "pip3" | "bundle" | "gem" | "cargo"
                    ) && cmd.positionals().next().is_some_and(|w| {
                        matches!(w.value.as_str(), "install" | "i" | "ci" | "add" | "build")
                    })
                })
                .map(|cmd| format!("{} {}", cmd.name(), cmd.positionals().next().map_or("", |w| w.value.as_str())))
        });
        if small_lacks_compiler && let Some(step) = builds_native {
            message.push_str(&format!(
                ", but `{step}` may compile native modules with `gcc` and `make`, which it does not have: keep the full image or build in an earlier stage"
            ));
            return None;
        }
        let fixed = crate::fix::apply_edits(c.text(), &f.edits)?;
        let after = crate::image::ImageModel::of(&crate::syntax::parse(&fixed));
        if !c.image().added(&after).is_empty() {
            // Name every tool the steps use that the smaller image lacks, not only the
            // first of each step.
            let full = crate::image::base_facts(image);
            let small = crate::image::base_facts(&crate::model::ImageRef::parse(&format!(
                "{name}:{smaller}"
            )));
            let mut lost: Vec<&str> = Vec::new();
            for i in stage.from..stage.end {
                for cmd in c.script(i).map_or(&[][..], |s| &s.commands[..]) {
                    let tool = cmd.name();
                    if crate::image::TOOLS.contains(&tool)
                        && full.is_some_and(|f| f.has(tool))
                        && small.is_some_and(|f| !f.has(tool))
                        && !lost.contains(&tool)
                    {
                        lost.push(tool);
                    }
                }
            }
            let list: Vec<String> = lost.iter().map(|t| format!("`{t}`")).collect();
            message.push_str(&format!(
                ", but a later step uses {} that it does not have: keep the full image or install them",
                if list.is_empty() { "a tool".to_string() } else { list.join(", ") }
            ));
            return None;
        }
        // A smaller image the tables do not know: no claim that the steps still work.
        smaller_known.then_some(f)
    });
    c.report_with_fix(&META, stage.base_range, message, fix);
}

#[cfg(test)]
mod tests {
    use crate::{Settings, check};

    fn findings(text: &str) -> Vec<(String, bool)> {
        check(text, &Settings::default())
            .into_iter()
            .filter(|d| d.code() == "DC1002")
            .map(|d| (d.message, d.fix.is_some()))
            .collect()
    }

    #[test]
    fn build_images_get_multi_stage_advice_without_a_fix() {
        let found = findings("FROM golang:1.27\nRUN go build -o /app .\nCMD [\"/app\"]\n");
        assert_eq!(found.len(), 1);
        assert!(found[0].0.contains("distroless/static"), "{found:?}");
        assert!(!found[0].1);
        let found = findings("FROM rust:1.98\n");
        assert!(found[0].0.contains("multi-stage") || found[0].0.contains("earlier stage"));
    }

    #[test]
    fn alpine_only_images_say_the_libc_changes() {
        let found = findings("FROM postgres:16\n");
        assert!(found[0].0.contains("musl"), "{found:?}");
        assert!(found[0].1);
        assert!(findings("FROM node:22-slim\n").is_empty());
        assert!(findings("FROM node:22-bookworm-slim\n").is_empty());
        assert!(findings("FROM python:3.12-slim@sha256:abc\n").is_empty());
        assert!(findings("FROM localhost:5000/python:3.12\n").is_empty());
    }
}
