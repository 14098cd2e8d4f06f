use super::Checker;
use super::helpers::command_name_ranges;

declare_rule! {
    /// ## What it does
    /// Checks for `sudo` in `RUN`.
    ///
    /// ## Why is this bad?
    /// `RUN` already runs as the current `USER`; when that is root, `sudo` adds nothing,
    /// and otherwise it needs a password or a sudoers entry and a TTY, which fails or
    /// behaves differently across base images. Switch with `USER root` for the steps
    /// that need it, or use `gosu`/`su-exec` in an entrypoint to drop privileges.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM ubuntu:24.04
    /// USER app
    /// RUN sudo mkdir /data
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM ubuntu:24.04
    /// RUN mkdir /data && chown app /data
    /// USER app
    /// ```
    ///
    /// ## References
    /// - [Docker docs: USER](https://docs.docker.com/build/building/best-practices/#user)
    /// - hadolint `DL3004`, Trivy `DS-0010`, Checkov `CKV2_DOCKER_1`
    pub static META = {
        code: "DL3004",
        name: "sudo-in-run",
        aliases: ["DS-0010", "CKV2_DOCKER_1"],
        severity: Error,
        category: Security,
        fix: None,
    }
}

pub(super) fn check(c: &Checker) {
    // Ex) RUN sudo apt-get install -y curl
    let found = command_name_ranges(c, "sudo");
    for range in found {
        c.report(
            &META,
            range,
            "`sudo` in `RUN`: switch users with `USER` instead",
        );
    }
}
