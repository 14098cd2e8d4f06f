use super::{Checker, Onbuild};
use crate::shell::Command;
use crate::syntax::InstructionKind;

declare_rule! {
    /// ## What it does
    /// Checks for a downloaded script run straight from the network:
    /// `curl ... | sh`, `wget -O- ... | bash`, `sh -c "$(curl ...)"`, `bash <(curl ...)`.
    ///
    /// ## Why is this bad?
    /// The script is executed as it arrives, before anyone can check it: a compromised
    /// server, a changed script or a truncated download runs with root rights in the
    /// build. Download to a file, verify its checksum (or signature), then run it.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM debian:12
    /// RUN curl -fsSL https://get.example.com/install.sh | sh
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM debian:12
    /// RUN curl -fsSLo /tmp/install.sh https://get.example.com/install.sh \
    ///     && echo "3b1f...e2  /tmp/install.sh" | sha256sum -c - \
    ///     && sh /tmp/install.sh
    /// ```
    ///
    /// ## References
    /// - [Docker docs: build best practices](https://docs.docker.com/build/building/best-practices/)
    pub static META = {
        code: "DC2008",
        name: "remote-script-piped-to-shell",
        aliases: [],
        severity: Warning,
        category: Security,
        fix: None,
    }
}

const SHELLS: &[&str] = &["sh", "bash", "dash", "ash", "zsh", "ksh"];

fn is_download(cmd: &Command) -> bool {
    matches!(cmd.name(), "curl" | "wget")
}

/// The shell a command runs: `sh`, or `sudo [-E] bash`.
fn runs_shell(cmd: &Command) -> bool {
    if SHELLS.contains(&cmd.name()) {
        return true;
    }
    cmd.name() == "sudo"
        && cmd
            .positionals()
            .next()
            .is_some_and(|w| SHELLS.contains(&w.value.rsplit('/').next().unwrap_or("")))
}

pub(super) fn check(c: &Checker) {
    let text = c.text();
    for (index, ins) in c.walk(Onbuild::Trigger) {
        if ins.kind != InstructionKind::Run {
            continue;
        }
        let Some(script) = c.script(index) else {
            continue;
        };
        let commands = &script.commands;
        for (i, cmd) in commands.iter().enumerate() {
            if !runs_shell(cmd) {
                continue;
            }
            // Ex) RUN curl -fsSL https://x/install.sh | sh
            let piped = i > 0
                && commands.get(i - 1).is_some_and(|prev| {
                    let between = text.get(prev.range.end()..cmd.range.start()).unwrap_or("");
                    is_download(prev)
                        && cmd.pipeline.is_some()
                        && prev.pipeline.is_some()
                        && between.contains('|')
                        && !between.contains("||")
                });
            // Ex) RUN sh -c "$(curl -fsSL https://x/install.sh)"  /  bash <(curl ...)
            let substituted = cmd.args.iter().any(|w| {
                ["$(curl", "$(wget", "<(curl", "<(wget", "`curl", "`wget"]
                    .iter()
                    .any(|p| w.raw.contains(p))
            });
            if !piped && !substituted {
                continue;
            }
            let start = if piped {
                commands.get(i - 1).map_or(cmd.range, |p| p.range)
            } else {
                cmd.range
            };
            c.report(
                &META,
                start.cover(cmd.range),
                "A downloaded script is run without being checked first",
            );
        }
    }
}
