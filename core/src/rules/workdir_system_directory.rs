use super::{Checker, Onbuild};
use crate::syntax::{Args, InstructionKind};

declare_rule! {
    /// ## What it does
    /// Checks for `WORKDIR` inside a system directory (`/proc`, `/sys`, `/dev`, `/boot`,
    /// `/initrd`, `/lost+found`).
    ///
    /// ## Why is this bad?
    /// These directories are kernel interfaces or belong to the host's boot process. At
    /// run time they are mounted over, so files written there during the build vanish,
    /// and a process working in them can reach host interfaces it should not touch.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM alpine:3.20
    /// WORKDIR /proc/app
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM alpine:3.20
    /// WORKDIR /app
    /// ```
    ///
    /// ## References
    /// - Trivy `DS-0030`
    pub static META = {
        code: "DC2004",
        name: "workdir-system-directory",
        aliases: ["DS-0030", "DS030", "AVD-DS-0030"],
        severity: Error,
        category: Security,
        fix: None,
    }
}

const SYSTEM_DIRS: &[&str] = &["/proc", "/sys", "/dev", "/boot", "/initrd", "/lost+found"];

pub(super) fn check(c: &Checker) {
    for (_, ins) in c.walk(Onbuild::Trigger) {
        if ins.kind != InstructionKind::Workdir {
            continue;
        }
        let Args::Text(path) = &ins.args else {
            continue;
        };
        let p = path.text.trim().trim_matches('"');
        // Ex) WORKDIR /proc/app
        if let Some(dir) = SYSTEM_DIRS
            .iter()
            .find(|d| p == **d || p.starts_with(&format!("{d}/")))
        {
            c.report(
                &META,
                path.range,
                format!("`WORKDIR {p}` is inside the system directory `{dir}`"),
            );
        }
    }
}
