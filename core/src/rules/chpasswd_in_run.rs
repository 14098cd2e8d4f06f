use super::Checker;
use super::helpers::command_name_ranges;

declare_rule! {
    /// ## What it does
    /// Checks for `chpasswd` in `RUN`.
    ///
    /// ## Why is this bad?
    /// A password set while building is written into the image: the plain text is in
    /// the Dockerfile and the build history, and the hash is in `/etc/shadow` of every
    /// container. Accounts in a container should not need passwords; if one does, set it
    /// at run time from a secret.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM ubuntu:24.04
    /// RUN useradd -m app && echo 'app:changeme' | chpasswd
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM ubuntu:24.04
    /// RUN useradd -m app
    /// ```
    ///
    /// ## References
    /// - Checkov `CKV2_DOCKER_17`
    pub static META = {
        code: "DC2007",
        name: "chpasswd-in-run",
        aliases: ["CKV2_DOCKER_17"],
        severity: Warning,
        category: Security,
        fix: None,
    }
}

pub(super) fn check(c: &Checker) {
    // Ex) RUN echo 'user:pass' | chpasswd
    let found = command_name_ranges(c, "chpasswd");
    for range in found {
        c.report(
            &META,
            range,
            "`chpasswd` sets a password that is stored in the image",
        );
    }
}
