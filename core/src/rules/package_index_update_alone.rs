use super::{Checker, Onbuild};
use crate::shell::Command;
use crate::syntax::InstructionKind;

declare_rule! {
    /// ## What it does
    /// Checks for a `RUN` that refreshes the package index (`apt-get update`,
    /// `apk update`, `zypper refresh`, `dnf makecache`) and does nothing after it that
    /// could install a package (only commands such as `echo`, `rm` or `apt-get clean`
    /// follow, or none). `yum update` and `dnf update` upgrade packages and are not an
    /// index refresh.
    ///
    /// ## Why is this bad?
    /// The refreshed index is cached in its own layer. A later `RUN apt-get install` that
    /// changes is rebuilt on top of that stale cached layer and installs outdated
    /// versions, or fails when the mirror has moved on. Refresh and install in one `RUN`.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM debian:12
    /// RUN apt-get update
    /// RUN apt-get install -y --no-install-recommends curl
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM debian:12
    /// RUN apt-get update && apt-get install -y --no-install-recommends curl
    /// ```
    ///
    /// ## References
    /// - [Docker docs: apt-get](https://docs.docker.com/build/building/best-practices/#apt-get)
    /// - Trivy `DS-0017`, Checkov `CKV_DOCKER_5`
    pub static META = {
        code: "DC2002",
        name: "package-index-update-alone",
        aliases: ["DS-0017", "DS017", "AVD-DS-0017", "CKV_DOCKER_5"],
        severity: Warning,
        category: BestPractice,
        fix: None,
    }
}

/// The package manager family of a command, when it refreshes the index.
fn index_update(cmd: &Command) -> Option<&'static str> {
    let sub = cmd.positionals().next().map(|w| w.value.as_str());
    match (cmd.name(), sub) {
        ("apt-get" | "apt", Some("update")) => Some("apt"),
        ("apk", Some("update")) => Some("apk"),
        ("zypper", Some("refresh" | "ref")) => Some("zypper"),
        ("dnf" | "yum" | "microdnf", Some("makecache")) => Some("rpm"),
        _ => None,
    }
}

/// True for commands that cannot install anything: after the refresh, a `RUN` made
/// only of these leaves the fresh index alone in its layer.
fn inert(cmd: &Command) -> bool {
    let sub = cmd
        .positionals()
        .next()
        .map(|w| w.value.as_str())
        .unwrap_or("");
    match cmd.name() {
        "set" | "echo" | "printf" | "true" | ":" | "rm" | "mkdir" | "touch" | "ln" | "chmod"
        | "chown" | "export" | "cd" | "sleep" | "tee" | "cat" => true,
        "apt-get" | "apt" => matches!(
            sub,
            "clean" | "autoclean" | "dist-clean" | "autoremove" | "update"
        ),
        "apk" => matches!(sub, "update" | "cache" | "info"),
        "zypper" => matches!(sub, "clean" | "cc" | "refresh" | "ref"),
        "dnf" | "yum" | "microdnf" => matches!(sub, "clean" | "makecache"),
        _ => false,
    }
}

pub(super) fn check(c: &Checker) {
    for (index, ins) in c.walk(Onbuild::Trigger) {
        if ins.kind != InstructionKind::Run {
            continue;
        }
        let Some(script) = c.script(index) else {
            continue;
        };
        for (i, cmd) in script.commands.iter().enumerate() {
            if index_update(cmd).is_none() {
                continue;
            }
            // Ex) RUN apt-get update   (nothing after it that could install)
            let later = script.commands.get(i + 1..).unwrap_or(&[]);
            if later.iter().all(inert) {
                c.report(
                    &META,
                    cmd.range,
                    format!(
                        "`{} {}` is not followed by an install in the same `RUN`",
                        cmd.name(),
                        cmd.positionals().next().map_or("", |w| w.value.as_str())
                    ),
                );
            }
        }
    }
}
