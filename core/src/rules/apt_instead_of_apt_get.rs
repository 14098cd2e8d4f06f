use super::Checker;
use crate::diagnostic::{Edit, Fix};

declare_rule! {
    /// ## What it does
    /// Checks for `apt` in `RUN`.
    ///
    /// ## Why is this bad?
    /// `apt` is the interactive front-end for people at a terminal. Its output and
    /// behaviour may change between releases, and it warns that it "does not have a
    /// stable CLI interface". Scripts, and Dockerfiles, should use `apt-get` and
    /// `apt-cache`, whose interface is stable.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM debian:12
    /// RUN apt-get update && apt install -y --no-install-recommends curl=7.88.1-10+deb12u12
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM debian:12
    /// RUN apt-get update && apt-get install -y --no-install-recommends curl=7.88.1-10+deb12u12
    /// ```
    ///
    /// ## Fix safety
    /// The fix replaces `apt` with `apt-get` for the subcommands both have and is unsafe:
    /// they differ in defaults (`apt upgrade` also installs new dependencies, `apt` keeps
    /// downloaded packages differently). `apt list`, `apt search`, `apt show` and other
    /// subcommands `apt-get` lacks get no fix.
    ///
    /// ## References
    /// - [apt(8)](https://manpages.debian.org/bookworm/apt/apt.8.en.html)
    /// - hadolint `DL3027`, Checkov `CKV_DOCKER_9`
    pub static META = {
        code: "DL3027",
        name: "apt-instead-of-apt-get",
        aliases: ["CKV_DOCKER_9"],
        severity: Warning,
        category: BestPractice,
        fix: Unsafe,
    }
}

const APT_GET_SUBCOMMANDS: &[&str] = &[
    "update",
    "upgrade",
    "install",
    "reinstall",
    "remove",
    "purge",
    "autoremove",
    "autopurge",
    "clean",
    "autoclean",
    "dist-upgrade",
    "build-dep",
    "source",
    "download",
    "satisfy",
    "check",
    "changelog",
    "dist-clean",
];

pub(super) fn check(c: &Checker) {
    for cmd in c.run_commands() {
        if cmd.name() != "apt" {
            continue;
        }
        // Ex) apt install -y curl
        let sub = cmd.args.iter().find(|w| !w.value.starts_with('-'));
        let fixable = cmd.name.value == "apt"
            && !cmd.name.quoted
            && sub.is_some_and(|w| APT_GET_SUBCOMMANDS.contains(&w.value.as_str()));
        {
            let (range, fixable) = (cmd.name.range, fixable);
            let fix = fixable.then(|| {
                Fix::unsafe_(
                    "Replace `apt` with `apt-get`",
                    vec![Edit::replace(range, "apt-get")],
                )
            });
            c.report_with_fix(
                &META,
                range,
                "`apt` is meant for interactive use; its command line is not stable",
                fix,
            );
        }
    }
}
