use super::{Checker, Onbuild};
use crate::syntax::{Args, InstructionKind};

declare_rule! {
    /// ## What it does
    /// Checks for `EXPOSE` ports above 65535.
    ///
    /// ## Why is this bad?
    /// TCP and UDP ports are 16-bit numbers: 0 to 65535. A larger number is a typo and
    /// makes `docker run -P` and tools that read the image's exposed ports fail.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM nginx:1.27
    /// EXPOSE 80800
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM nginx:1.27
    /// EXPOSE 8080
    /// ```
    ///
    /// ## References
    /// - [Dockerfile reference: EXPOSE](https://docs.docker.com/reference/dockerfile/#expose)
    /// - hadolint `DL3011`, Trivy `DS-0008`
    pub static META = {
        code: "DL3011",
        name: "port-out-of-range",
        aliases: ["DS-0008"],
        severity: Error,
        category: Syntax,
        fix: None,
    }
}

/// True when a port or range (`8080`, `8000-9000`, `53/udp`) has a number above 65535.
fn out_of_range(spec: &str) -> bool {
    let ports = spec.split('/').next().unwrap_or("");
    ports.split('-').any(|p| {
        !p.is_empty()
            && p.chars().all(|ch| ch.is_ascii_digit())
            && p.parse::<u64>().map_or(true, |n| n > 65535)
    })
}

pub(super) fn check(c: &Checker) {
    // ONBUILD EXPOSE is left alone, as hadolint does.
    for (_, ins) in c.walk(Onbuild::Skip) {
        let (InstructionKind::Expose, Args::Words(words)) = (ins.kind, &ins.args) else {
            continue;
        };
        // Ex) EXPOSE 80800
        for w in words.iter().filter(|w| out_of_range(&w.text)) {
            c.report(
                &META,
                w.range,
                format!("Port `{}` is outside the range 0-65535", w.text),
            );
        }
    }
}
