use super::Checker;
use crate::image::HazardKind;

declare_rule! {
    /// ## What it does
    /// Checks for a package-manager or account step (`apt-get install`, `apk add`,
    /// `dnf install`, `useradd`...) after `USER` switched to a non-root user, or on a base
    /// image known to run as one, without `sudo` or a switch back to `USER root`.
    ///
    /// ## Why is this bad?
    /// These commands need root: as another user they fail (`Permission denied`, `are you
    /// root?`) and the build stops. It usually happens when a `USER` line is moved up, or
    /// added by a tool, above a step that still installs packages.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM debian:12
    /// RUN useradd --system app
    /// USER app
    /// RUN apt-get update
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM debian:12
    /// RUN useradd --system app
    /// RUN apt-get update
    /// USER app
    /// ```
    ///
    /// ## References
    /// - [Dockerfile reference: USER](https://docs.docker.com/reference/dockerfile/#user)
    pub static META = {
        code: "DC3003",
        name: "privileged-step-as-non-root",
        aliases: [],
        severity: Error,
        category: BestPractice,
        fix: None,
    }
}

pub(super) fn check(c: &Checker) {
    for h in &c.image().hazards {
        if h.kind != HazardKind::PrivilegedAsNonRoot {
            continue;
        }
        // Ex) USER app ... RUN apt-get install -y curl
        c.report(
            &META,
            h.range,
            format!(
                "`{}` needs root, but this step runs as a non-root user; move it before the `USER` or switch to `USER root` for it",
                h.subject
            ),
        );
    }
}
