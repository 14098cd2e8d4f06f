use super::helpers::has_arg;
use super::{Checker, Onbuild};
use crate::diagnostic::{Applicability, Edit, Fix};

declare_rule! {
    /// ## What it does
    /// Checks for `apk add` without `--no-cache`.
    ///
    /// ## Why is this bad?
    /// Without `--no-cache`, apk keeps its package index under `/var/cache/apk` and the
    /// layer ships it. `--no-cache` fetches the index, uses it, and leaves nothing behind,
    /// so neither `apk update` nor `rm -rf /var/cache/apk/*` is needed.
    ///
    /// A `RUN --mount=type=cache` on `/var/cache/apk` keeps the cache out of the image
    /// and is not reported.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM alpine:3.20
    /// RUN apk add curl=8.12.1-r0
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM alpine:3.20
    /// RUN apk add --no-cache curl=8.12.1-r0
    /// ```
    ///
    /// ## Fix safety
    /// The fix adds `--no-cache` after `add`. It is safe when no later instruction runs
    /// `apk`, and unsafe otherwise: a later `apk add` that relied on the index this one
    /// left behind (after `apk add --update`) would have none.
    ///
    /// ## References
    /// - [Alpine wiki: local cache](https://wiki.alpinelinux.org/wiki/Local_APK_cache)
    /// - hadolint `DL3019`, Trivy `DS-0025`
    pub static META = {
        code: "DL3019",
        name: "apk-add-without-no-cache",
        aliases: ["DS-0025"],
        severity: Info,
        category: Performance,
        fix: Sometimes,
    }
}

pub(super) fn check(c: &Checker) {
    let n = c.parsed.instructions.len();
    let mut apk_later = vec![false; n + 1];
    for i in (0..n).rev() {
        let uses = c
            .script(i)
            .is_some_and(|s| s.commands.iter().any(|cmd| cmd.name() == "apk"));
        apk_later[i] = apk_later[i + 1] || uses;
    }
    for (index, ins) in c.walk(Onbuild::Trigger) {
        if super::helpers::has_cache_mount_under(ins, "/var/cache/apk") {
            continue;
        }
        let Some(script) = c.script(index) else {
            continue;
        };
        for cmd in &script.commands {
            if cmd.name() != "apk" || !has_arg(cmd, &["add"]) || cmd.has_flag(&[], &["no-cache"]) {
                continue;
            }
            // Ex) apk add curl
            let Some(add) = cmd.args.iter().find(|w| w.value == "add") else {
                continue;
            };
            let applicability = if apk_later.get(index + 1).copied().unwrap_or(false) {
                Applicability::Unsafe
            } else {
                Applicability::Safe
            };
            c.report_with_fix(
                &META,
                cmd.name.range,
                "`apk add` without `--no-cache` leaves the package index in the image",
                Some(Fix::new(
                    "Add `--no-cache`",
                    applicability,
                    vec![Edit::insert(add.range.end(), " --no-cache")],
                )),
            );
        }
    }
}
