use super::Checker;
use super::helpers::runs;

declare_rule! {
    /// ## What it does
    /// Checks for a stage whose `RUN`s use both `wget` and `curl`.
    ///
    /// ## Why is this bad?
    /// The two tools do the same job. Using both means installing both (or relying on
    /// both being in the base image), which costs space and doubles what can break.
    ///
    /// Each `RUN` that uses one of them, once the stage has used the other, is reported.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM debian:12
    /// RUN curl -fsSLo /tmp/a.tar.gz https://example.com/a.tar.gz
    /// RUN wget -q -O /tmp/b.tar.gz https://example.com/b.tar.gz
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM debian:12
    /// RUN curl -fsSLo /tmp/a.tar.gz https://example.com/a.tar.gz
    /// RUN curl -fsSLo /tmp/b.tar.gz https://example.com/b.tar.gz
    /// ```
    ///
    /// ## References
    /// - [Docker docs: RUN best practices](https://docs.docker.com/build/building/best-practices/#run)
    /// - hadolint `DL4001`, Trivy `DS-0014`
    pub static META = {
        code: "DL4001",
        name: "wget-and-curl",
        aliases: ["DS-0014"],
        severity: Warning,
        category: Maintainability,
        fix: None,
    }
}

pub(super) fn check(c: &Checker) {
    let mut stage = None;
    let (mut curl, mut wget) = (false, false);
    for index in runs(c) {
        let this_stage = c.model.state(index).and_then(|s| s.stage);
        if this_stage != stage {
            stage = this_stage;
            (curl, wget) = (false, false);
        }
        let Some(script) = c.script(index) else {
            continue;
        };
        let first = script
            .commands
            .iter()
            .find(|cmd| matches!(cmd.name(), "curl" | "wget"));
        let Some(first) = first else { continue };
        curl |= script.commands.iter().any(|cmd| cmd.name() == "curl");
        wget |= script.commands.iter().any(|cmd| cmd.name() == "wget");
        // Ex) RUN curl ... && wget ...   (or one of them in an earlier RUN of the stage)
        if curl && wget {
            c.report(
                &META,
                first.range,
                "This stage downloads with both `wget` and `curl`",
            );
        }
    }
}
