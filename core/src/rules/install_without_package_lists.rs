use super::Checker;
use crate::diagnostic::{Edit, Fix};
use crate::image::HazardKind;

declare_rule! {
    /// ## What it does
    /// Checks for `apt-get install` (or `apt install`) when the image has no package
    /// lists: an earlier step removed `/var/lib/apt/lists/*`, or the official Debian or
    /// Ubuntu base never had them, and the same `RUN` does not run `apt-get update` first.
    ///
    /// ## Why is this bad?
    /// With no lists apt knows no package: the install fails with `Unable to locate
    /// package` and the build stops. It often appears when `apt-get update` and the
    /// install sit in separate `RUN`s and a clean-up is added to the first one, or when a
    /// layer cache hides it until the cache is cold.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM debian:12
    /// RUN apt-get install -y --no-install-recommends curl
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM debian:12
    /// RUN apt-get update \
    ///     && apt-get install -y --no-install-recommends curl \
    ///     && rm -rf /var/lib/apt/lists/*
    /// ```
    ///
    /// ## Fix safety
    /// The fix runs `apt-get update &&` right before the install. It is unsafe: the step
    /// now fetches the lists from the network, and they stay in the layer until they are
    /// deleted in the same `RUN` (which `DL3009` then asks for).
    ///
    /// ## References
    /// - [Docker docs: apt-get](https://docs.docker.com/build/building/best-practices/#apt-get)
    pub static META = {
        code: "DC3002",
        name: "install-without-package-lists",
        aliases: [],
        severity: Error,
        category: BestPractice,
        fix: Unsafe,
    }
}

pub(super) fn check(c: &Checker) {
    for h in &c.image().hazards {
        if h.kind != HazardKind::InstallWithoutLists {
            continue;
        }
        // Ex) RUN rm -rf /var/lib/apt/lists/* ... RUN apt-get install -y curl
        let fix = Fix::unsafe_(
            format!("Run `{} update` first", h.subject),
            vec![Edit::insert(
                h.range.start(),
                format!("{} update && ", h.subject),
            )],
        );
        c.report_with_fix(
            &META,
            h.range,
            format!(
                "`{} install` finds no package lists here (removed earlier, or never fetched in this image); run `{} update` in the same `RUN`",
                h.subject, h.subject
            ),
            Some(fix),
        );
    }
}
