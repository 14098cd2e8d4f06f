use super::Checker;
use crate::syntax::{Args, InstructionKind};

declare_rule! {
    /// ## What it does
    /// Checks for a stage whose last `USER` is `root` (or UID 0).
    ///
    /// ## Why is this bad?
    /// A container that runs as root turns any escape from the application into root
    /// on the container, and sometimes on the host. Switching to root for installation
    /// steps is fine; switch back to an unprivileged user afterwards.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM node:22-slim
    /// USER root
    /// RUN npm install -g pm2
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM node:22-slim
    /// USER root
    /// RUN npm install -g pm2
    /// USER node
    /// ```
    ///
    /// ## References
    /// - [Docker docs: USER](https://docs.docker.com/build/building/best-practices/#user)
    /// - hadolint `DL3002`, Checkov `CKV_DOCKER_8`
    pub static META = {
        code: "DL3002",
        name: "last-user-root",
        aliases: ["CKV_DOCKER_8"],
        severity: Warning,
        category: Security,
        fix: None,
    }
}

fn is_root(user: &str) -> bool {
    user == "root" || user == "0" || user.starts_with("root:") || user.starts_with("0:")
}

pub(super) fn check(c: &Checker) {
    for stage in &c.model.stages {
        let last_user = c
            .parsed
            .instructions
            .get(stage.from..stage.end)
            .unwrap_or(&[])
            .iter()
            .rfind(|ins| ins.kind == InstructionKind::User);
        // Ex) USER root  (and no later USER in the stage)
        if let Some(Args::Text(user)) = last_user.map(|ins| &ins.args)
            && is_root(user.text.trim())
        {
            c.report(
                &META,
                user.range,
                "The last `USER` of the stage is root, so the container runs as root",
            );
        }
    }
}
