use super::{Checker, Onbuild};
use crate::diagnostic::{Edit, Fix};
use crate::syntax::{Args, InstructionKind};
use crate::text::TextRange;

declare_rule! {
    /// ## What it does
    /// Checks for `EXPOSE` ports written with an IP address or a host port
    /// (`127.0.0.1:80:80`, `8080:80`).
    ///
    /// ## Why is this bad?
    /// `EXPOSE` documents the ports the container listens on; it cannot publish a port on
    /// the host or bind an address. BuildKit keeps only the container port and warns that
    /// this form will become an error. Publish ports with `docker run -p` instead.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM nginx:1.27
    /// EXPOSE 8080:80
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM nginx:1.27
    /// EXPOSE 80
    /// ```
    ///
    /// ## Fix safety
    /// The fix keeps only the container port and is safe: that is all BuildKit records
    /// in the image.
    ///
    /// ## References
    /// - [Docker build checks: ExposeInvalidFormat](https://docs.docker.com/go/dockerfile/rule/expose-invalid-format/)
    pub static META = {
        code: "ExposeInvalidFormat",
        name: "expose-invalid-format",
        aliases: [],
        severity: Warning,
        category: BestPractice,
        fix: Safe,
    }
}

pub(super) fn check(c: &Checker) {
    let text = c.text();
    for (_, ins) in c.walk(Onbuild::Trigger) {
        if ins.kind != InstructionKind::Expose {
            continue;
        }
        let Args::Words(words) = &ins.args else {
            continue;
        };
        for word in words {
            if word.text.contains('$') {
                continue;
            }
            // BuildKit's split: [ip:]host_port:container_port.
            let Some((prefix, container)) = word.text.rsplit_once(':') else {
                continue;
            };
            // Ex) EXPOSE 8080:80  /  EXPOSE 127.0.0.1:80:80
            if prefix.is_empty() {
                continue;
            }
            let fix = (word.range.slice(text) == word.text && !container.is_empty()).then(|| {
                Fix::safe(
                    format!("Keep only `{container}`"),
                    vec![Edit::delete(TextRange::new(
                        word.range.start(),
                        word.range.start() + prefix.len() + 1,
                    ))],
                )
            });
            c.report_with_fix(
                &META,
                word.range,
                format!(
                    "`EXPOSE {}` sets an IP address or host port, which `EXPOSE` cannot do",
                    word.text
                ),
                fix,
            );
        }
    }
}
