use super::{Checker, Onbuild};
use crate::diagnostic::{Edit, Fix};
use crate::syntax::{Args, InstructionKind};

declare_rule! {
    /// ## What it does
    /// Checks for the deprecated `MAINTAINER` instruction.
    ///
    /// ## Why is this bad?
    /// `MAINTAINER` has been deprecated since Docker 1.13. The standard place for the
    /// author is the `org.opencontainers.image.authors` label, which registries and
    /// scanners read.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM alpine:3.20
    /// MAINTAINER Jane Doe <jane@example.com>
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM alpine:3.20
    /// LABEL org.opencontainers.image.authors="Jane Doe <jane@example.com>"
    /// ```
    ///
    /// ## Fix safety
    /// The fix is safe: it keeps the author in the image's labels. (The legacy `Author`
    /// field of `docker inspect` is no longer set.)
    ///
    /// ## References
    /// - [Dockerfile reference: MAINTAINER (deprecated)](https://docs.docker.com/reference/dockerfile/#maintainer-deprecated)
    /// - [OCI image annotations](https://github.com/opencontainers/image-spec/blob/main/annotations.md)
    /// - hadolint `DL4000`, BuildKit `MaintainerDeprecated`, Trivy `DS-0022`, Checkov `CKV_DOCKER_6`
    pub static META = {
        code: "DL4000",
        name: "maintainer-instruction",
        aliases: ["MaintainerDeprecated", "DS-0022", "CKV_DOCKER_6"],
        severity: Error,
        category: Maintainability,
        fix: Safe,
    }
}

pub(super) fn check(c: &Checker) {
    let escape = c.parsed.escape;
    for (_, ins) in c.walk(Onbuild::Trigger) {
        if ins.kind != InstructionKind::Maintainer {
            continue;
        }
        let fix = match &ins.args {
            // Ex) MAINTAINER Jane <jane@example.com>
            Args::Text(author) if ins.heredocs.is_empty() => {
                let mut value = String::with_capacity(author.text.len() + 2);
                for ch in author.text.chars() {
                    if ch == '"' || ch == '$' || ch == escape {
                        value.push(escape);
                    }
                    value.push(ch);
                }
                let label = format!(
                    "{} org.opencontainers.image.authors=\"{value}\"",
                    super::helpers::match_case(&ins.keyword.text, "LABEL")
                );
                let range = ins.keyword.range.cover(author.range);
                Some(Fix::safe(
                    "Replace `MAINTAINER` with an `org.opencontainers.image.authors` label",
                    vec![Edit::replace(range, label)],
                ))
            }
            _ => None,
        };
        c.report_with_fix(&META, ins.keyword.range, "`MAINTAINER` is deprecated", fix);
    }
}
