use super::Checker;
use super::helpers::has_arg;
use crate::diagnostic::{Edit, Fix};

declare_rule! {
    /// ## What it does
    /// Checks for `apt-get install` without `-y` (or `--yes`, `--assume-yes`, `-qq`).
    ///
    /// ## Why is this bad?
    /// A build has no terminal to answer apt's "Do you want to continue?". When apt asks,
    /// it reads end of input, answers no, and the build fails, so whether it builds
    /// depends on how many extra packages apt decides to pull in that day.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM debian:12
    /// RUN apt-get update && apt-get install --no-install-recommends curl
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM debian:12
    /// RUN apt-get update && apt-get install -y --no-install-recommends curl
    /// ```
    ///
    /// ## Fix safety
    /// The fix adds `-y` after `install` and is safe: a build that succeeded without it
    /// installs the same packages with it.
    ///
    /// ## References
    /// - [Docker docs: apt-get](https://docs.docker.com/build/building/best-practices/#apt-get)
    /// - hadolint `DL3014`, Trivy `DS-0021`
    pub static META = {
        code: "DL3014",
        name: "apt-get-install-without-yes",
        aliases: ["DS-0021"],
        severity: Warning,
        category: BestPractice,
        fix: Safe,
    }
}

pub(super) fn check(c: &Checker) {
    for cmd in c.run_commands() {
        if cmd.name() != "apt-get" || !has_arg(cmd, &["install"]) {
            continue;
        }
        // Ex) apt-get -qq install x, apt-get -o APT::Get::Assume-Yes=true install x
        let yes = cmd.has_flag(&['y', 'q'], &["yes", "assume-yes"])
            || cmd
                .args
                .iter()
                .any(|w| w.value.contains("APT::Get::Assume-Yes=true"));
        if yes {
            continue;
        }
        // Ex) apt-get install curl
        let Some(install) = cmd.args.iter().find(|w| w.value == "install") else {
            continue;
        };
        {
            let (range, at) = (cmd.name.range, install.range.end());
            c.report_with_fix(
                &META,
                range,
                "`apt-get install` without `-y` fails when apt asks for confirmation",
                Some(Fix::safe("Add `-y`", vec![Edit::insert(at, " -y")])),
            );
        }
    }
}
