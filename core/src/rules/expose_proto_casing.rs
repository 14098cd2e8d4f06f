use super::{Checker, Onbuild};
use crate::diagnostic::{Edit, Fix};
use crate::syntax::{Args, InstructionKind};
use crate::text::TextRange;

declare_rule! {
    /// ## What it does
    /// Checks for `EXPOSE` protocols written in upper case (`80/TCP`).
    ///
    /// ## Why is this bad?
    /// Protocols are lower-case (`tcp`, `udp`, `sctp`). BuildKit accepts other spellings
    /// today but warns about them, and tools reading the image configuration may not.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM nginx:1.27
    /// EXPOSE 80/TCP
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM nginx:1.27
    /// EXPOSE 80/tcp
    /// ```
    ///
    /// ## Fix safety
    /// The fix lower-cases the protocol and is safe: BuildKit records the protocol in
    /// lower case either way.
    ///
    /// ## References
    /// - [Docker build checks: ExposeProtoCasing](https://docs.docker.com/go/dockerfile/rule/expose-proto-casing/)
    pub static META = {
        code: "ExposeProtoCasing",
        name: "expose-proto-casing",
        aliases: [],
        severity: Warning,
        category: Style,
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
            let Some((_, proto)) = word.text.rsplit_once('/') else {
                continue;
            };
            // Ex) EXPOSE 80/TCP
            if crate::case::is_lowercase(proto) {
                continue;
            }
            let lowered = crate::case::to_lowercase(proto);
            let fix = (word.range.slice(text) == word.text).then(|| {
                let start = word.range.end() - proto.len();
                Fix::safe(
                    format!("Write `{lowered}`"),
                    vec![Edit::replace(
                        TextRange::new(start, word.range.end()),
                        lowered.clone(),
                    )],
                )
            });
            c.report_with_fix(
                &META,
                word.range,
                format!("Protocol `{proto}` in `{}` is not lower-case", word.text),
                fix,
            );
        }
    }
}
