//! What a step needs from the image to work: the base image's facts from the knowledge
//! tables, distribution package installs in a stage and the stages built on it, and
//! which RUNs read apt's package lists.

use super::builds_on;
use crate::rules::Checker;

/// What the knowledge tables say about the base image of a stage's `FROM` chain
/// (`None`: unknown image, or built on nothing the tables know).
pub(crate) fn stage_base_facts(c: &Checker, stage: usize) -> Option<crate::image::BaseFacts> {
    c.stage_base_facts(stage)
}

/// Whether a RUN of stage `stage`, or of a stage built on it, installs packages with the
/// distribution's package manager (apt, apk, dnf/yum/microdnf, zypper).
pub(crate) fn installs_os_packages(c: &Checker, stage: usize) -> bool {
    let descends = |s: usize| builds_on(c, s, stage);
    let Some(from) = c.model.stages.get(stage).map(|s| s.from) else {
        return false;
    };
    (from..c.parsed.instructions.len()).any(|i| {
        c.model.stage_of(i).is_some_and(|s| descends(s.index))
            && c.script(i).is_some_and(|script| {
                script.commands.iter().any(|cmd| {
                    let sub = cmd.positionals().next().map(|w| w.value.as_str());
                    match cmd.name() {
                        "apt-get" | "apt" | "dnf" | "yum" | "microdnf" => sub == Some("install"),
                        "apk" => sub == Some("add"),
                        "zypper" => matches!(sub, Some("install" | "in")),
                        _ => false,
                    }
                })
            })
    })
}

/// Whether RUN `index` runs an apt command that reads the package lists (install,
/// upgrade, build-dep, source, download) before any `apt-get update` of its own.
pub(crate) fn reads_apt_lists(c: &Checker, index: usize) -> bool {
    let Some(script) = c.script(index) else {
        return false;
    };
    for cmd in &script.commands {
        if !matches!(cmd.name(), "apt-get" | "apt") {
            continue;
        }
        let sub = cmd.positionals().next().map(|w| w.value.as_str());
        if sub == Some("update") || cmd.arg_values().any(|a| a == "--update") {
            return false;
        }
        if matches!(
            sub,
            Some(
                "install"
                    | "upgrade"
                    | "dist-upgrade"
                    | "full-upgrade"
                    | "build-dep"
                    | "source"
                    | "download"
            )
        ) {
            return true;
        }
    }
    false
}
