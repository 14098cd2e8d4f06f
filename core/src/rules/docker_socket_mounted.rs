use super::{Checker, Onbuild};
use crate::syntax::{Args, InstructionKind};

declare_rule! {
    /// ## What it does
    /// Checks for the Docker socket (`/var/run/docker.sock`) declared as a `VOLUME` or
    /// mounted into a `RUN` with `--mount`.
    ///
    /// ## Why is this bad?
    /// Access to the Docker socket is root access to the host: whoever can talk to it can
    /// start a privileged container that mounts the host's file system. An image that
    /// expects the socket invites users to hand that access to every process in it.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM docker:27-cli
    /// VOLUME /var/run/docker.sock
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM docker:27-cli
    /// ENV DOCKER_HOST=tcp://docker:2376
    /// ```
    ///
    /// ## References
    /// - [Docker docs: protect the daemon socket](https://docs.docker.com/engine/security/protect-access/)
    pub static META = {
        code: "DC2009",
        name: "docker-socket-mounted",
        aliases: [],
        severity: Warning,
        category: Security,
        fix: None,
    }
}

fn is_socket(path: &str) -> bool {
    let p = path.trim().trim_matches(|c| c == '"' || c == '\'');
    p.ends_with("/docker.sock") || p == "docker.sock"
}

const MESSAGE: &str = "The Docker socket is mounted, which gives root access to the host";

pub(super) fn check(c: &Checker) {
    for (_, ins) in c.walk(Onbuild::Trigger) {
        match (ins.kind, &ins.args) {
            // Ex) VOLUME /var/run/docker.sock
            (InstructionKind::Volume, Args::List { items, .. }) => {
                for item in items.iter().filter(|i| is_socket(&i.text)) {
                    c.report(&META, item.range, MESSAGE);
                }
            }
            // Ex) RUN --mount=type=bind,source=/var/run/docker.sock,target=/var/run/docker.sock
            (InstructionKind::Run, _) => {
                for flag in ins.flags.iter().filter(|f| f.name == "mount") {
                    let mounts_socket = flag.value.as_deref().is_some_and(|v| {
                        v.split(',').any(|part| {
                            let (k, val) = part.split_once('=').unwrap_or((part, ""));
                            matches!(
                                k.trim(),
                                "source" | "src" | "target" | "dst" | "destination"
                            ) && is_socket(val)
                        })
                    });
                    if mounts_socket {
                        c.report(&META, flag.range, MESSAGE);
                    }
                }
            }
            _ => {}
        }
    }
}
