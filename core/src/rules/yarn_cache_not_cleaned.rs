use super::Checker;
use super::helpers::{append_command, cmd_has_arg, has_cache_mount, runs, runs_later};
use crate::diagnostic::{Applicability, Fix};

declare_rule! {
    /// ## What it does
    /// Checks for a `RUN` with `yarn install` that does not run `yarn cache clean` too.
    ///
    /// ## Why is this bad?
    /// Yarn keeps every downloaded package in its global cache. In an image that cache is
    /// dead weight, often larger than `node_modules` itself.
    ///
    /// Only the final stage and stages that another stage builds on (`FROM <stage>`) are
    /// checked: a builder stage that is only copied from does not ship its cache.
    ///
    /// A `RUN --mount=type=cache` whose target contains `.cache/yarn` (such as
    /// `/usr/local/share/.cache/yarn`) keeps the cache out of the image and is not
    /// reported.
    ///
    /// Windows stages are checked too: `yarn install` reads the same in PowerShell and cmd,
    /// and hadolint checks it there as well.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM node:22
    /// RUN yarn install --frozen-lockfile
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM node:22
    /// RUN yarn install --frozen-lockfile \
    ///     && yarn cache clean
    /// ```
    ///
    /// ## Fix safety
    /// The fix appends `&& yarn cache clean` to the `RUN`. It is safe when no later
    /// instruction of the file runs `yarn` and unsafe otherwise (a later install downloads
    /// everything again). There is no fix for exec-form or heredoc `RUN`s, or when the
    /// script ends in an operator or holds a shell comment.
    ///
    /// ## References
    /// - [yarn cache clean](https://classic.yarnpkg.com/en/docs/cli/cache)
    /// - hadolint `DL3060`
    pub static META = {
        code: "DL3060",
        name: "yarn-cache-not-cleaned",
        aliases: [],
        severity: Info,
        category: Performance,
        fix: Sometimes,
    }
}

pub(super) fn check(c: &Checker) {
    for index in runs(c) {
        let Some(ins) = c.parsed.instructions.get(index).map(|i| i.effective()) else {
            continue;
        };
        // Ex) RUN --mount=type=cache,target=/usr/local/share/.cache/yarn yarn install
        if has_cache_mount(ins, ".cache/yarn") {
            continue;
        }
        // As hadolint does, only the final stage and stages others build on matter.
        let Some(stage) = c.model.stage_of(index) else {
            continue;
        };
        let relevant = c.model.is_final(stage) || stage.has_children;
        if !relevant {
            continue;
        }
        let Some(script) = c.script_any_shell(index) else {
            continue;
        };
        // Ex) RUN yarn install   (no yarn cache clean)
        let Some(install) = script
            .commands
            .iter()
            .find(|cmd| cmd_has_arg(cmd, &["yarn"], &["install"]))
        else {
            continue;
        };
        if script
            .commands
            .iter()
            .any(|cmd| cmd_has_arg(cmd, &["yarn"], &["cache", "clean"]))
        {
            continue;
        }
        let applicability = if runs_later(c, index, &["yarn"]) {
            Applicability::Unsafe
        } else {
            Applicability::Safe
        };
        let fix = append_command(c, index, "yarn cache clean")
            .map(|edit| Fix::new("Append `&& yarn cache clean`", applicability, vec![edit]));
        c.report_with_fix(
            &META,
            install.range,
            "`yarn install` leaves the yarn cache in the layer; `yarn cache clean` is missing from this `RUN`",
            fix,
        );
    }
}
