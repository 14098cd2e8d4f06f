use super::{Checker, Onbuild};

declare_rule! {
    /// ## What it does
    /// Checks for `RUN` commands that make no sense while building an image: `ssh`,
    /// `vim`, `shutdown`, `service`, `ps`, `free`, `top`, `kill` and `mount`.
    ///
    /// ## Why is this bad?
    /// A build step has no running services, no terminal and no init system. Starting a
    /// service or an editor, killing processes, or mounting file systems either fails or
    /// has no effect on the image, and usually means the Dockerfile is treating the
    /// container like a virtual machine.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM debian:12
    /// RUN service nginx start
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM debian:12
    /// CMD ["nginx", "-g", "daemon off;"]
    /// ```
    ///
    /// ## References
    /// - [Docker docs: each container should have only one concern](https://docs.docker.com/build/building/best-practices/#decouple-applications)
    /// - hadolint `DL3001`
    pub static META = {
        code: "DL3001",
        name: "pointless-command-in-run",
        aliases: [],
        severity: Info,
        category: BestPractice,
        fix: None,
    }
}

const POINTLESS: &[&str] = &[
    "free", "kill", "mount", "ps", "service", "shutdown", "ssh", "top", "vim",
];

pub(super) fn check(c: &Checker) {
    for (index, _) in c.walk(Onbuild::Trigger) {
        let Some(script) = c.script(index) else {
            continue;
        };
        // Ex) RUN service nginx start
        for cmd in script
            .commands
            .iter()
            .filter(|cmd| POINTLESS.contains(&cmd.name()))
        {
            c.report(
                &META,
                cmd.name.range,
                format!(
                    "`{}` has no useful effect while building an image",
                    cmd.name()
                ),
            );
        }
    }
}
