//! Questions about one shell command that several rules ask.

use crate::shell::Command;

/// True when `cmd` is `name` (by basename) and one of its words is in `words`.
pub(crate) fn cmd_has_arg(cmd: &Command, names: &[&str], words: &[&str]) -> bool {
    names.contains(&cmd.name()) && cmd.arg_values().any(|a| words.contains(&a))
}

/// True when a command writes yum/dnf settings: the package managers themselves, or an
/// `echo`/`printf`/`sed`/`tee` whose text names a repository or configuration file.
pub(crate) fn configures_rpm_repos(text: &str, cmd: &Command) -> bool {
    match cmd.name() {
        "yum" | "dnf" | "microdnf" | "tdnf" | "yum-config-manager" | "dnf-config-manager"
        | "zypper" | "rpm" => true,
        "echo" | "printf" | "sed" | "tee" | "crudini" => {
            let line = text.get(cmd.range.start()..).unwrap_or("");
            let line = line.lines().next().unwrap_or("");
            [".repo", "yum.conf", "dnf.conf", "/etc/yum", "/etc/dnf"]
                .iter()
                .any(|p| line.contains(p))
        }
        _ => false,
    }
}
