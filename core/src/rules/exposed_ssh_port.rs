use super::{Checker, Onbuild};
use crate::syntax::{Args, InstructionKind};

declare_rule! {
    /// ## What it does
    /// Checks for `EXPOSE 22` (the SSH port).
    ///
    /// ## Why is this bad?
    /// A container that exposes SSH usually runs an SSH daemon: one more service with
    /// credentials to manage and attack, in a process that should do one thing. Use
    /// `docker exec` (or `kubectl exec`) to get a shell in a running container.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM ubuntu:24.04
    /// EXPOSE 22 8080
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM ubuntu:24.04
    /// EXPOSE 8080
    /// ```
    ///
    /// ## References
    /// - [Docker docs: EXPOSE](https://docs.docker.com/reference/dockerfile/#expose)
    /// - Trivy `DS-0004`, Checkov `CKV_DOCKER_1`
    pub static META = {
        code: "DC2001",
        name: "exposed-ssh-port",
        aliases: ["DS-0004", "DS004", "AVD-DS-0004", "CKV_DOCKER_1"],
        severity: Warning,
        category: Security,
        fix: None,
    }
}

pub(super) fn check(c: &Checker) {
    for (_, ins) in c.walk(Onbuild::Trigger) {
        if ins.kind != InstructionKind::Expose {
            continue;
        }
        let Args::Words(words) = &ins.args else {
            continue;
        };
        for word in words {
            let port = word.text.rsplit(':').next().unwrap_or("");
            let port = port.split('/').next().unwrap_or("");
            // Ex) EXPOSE 22  /  EXPOSE 22/tcp
            if port == "22" {
                c.report(&META, word.range, "Port 22 (SSH) is exposed");
            }
        }
    }
}
