use super::{Checker, Onbuild};
use crate::diagnostic::{Edit, Fix};
use crate::syntax::InstructionKind;

declare_rule! {
    /// ## What it does
    /// Checks that every instruction keyword uses the same case: all upper case (the
    /// convention) or all lower case.
    ///
    /// ## Why is this bad?
    /// Mixed casing (`FROM`, `run`, `Copy`) makes a Dockerfile harder to read and
    /// suggests pieces were pasted together without review. The majority case wins;
    /// mixed-case keywords such as `Copy` are always reported.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM alpine:3.20
    /// run echo hello
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM alpine:3.20
    /// RUN echo hello
    /// ```
    ///
    /// ## Fix safety
    /// The fix changes only the case of the keyword and is safe.
    ///
    /// ## References
    /// - [Docker build checks: ConsistentInstructionCasing](https://docs.docker.com/reference/build-checks/consistent-instruction-casing/)
    pub static META = {
        code: "ConsistentInstructionCasing",
        name: "inconsistent-instruction-casing",
        aliases: [],
        severity: Warning,
        category: Style,
        fix: Safe,
    }
}

pub(super) fn check(c: &Checker) {
    let mut keywords = Vec::new();
    for (_, ins) in c.walk(Onbuild::AsWritten) {
        if ins.kind == InstructionKind::Unknown {
            continue;
        }
        keywords.push(&ins.keyword);
        if let crate::syntax::Args::Onbuild(inner) = &ins.args
            && inner.kind != InstructionKind::Unknown
        {
            keywords.push(&inner.keyword);
        }
    }
    // A text equals its upper-case form when it has no lower-case letter, and back.
    let is_upper = |t: &str| !t.bytes().any(|b| b.is_ascii_lowercase());
    let is_lower = |t: &str| !t.bytes().any(|b| b.is_ascii_uppercase());
    let upper = keywords.iter().filter(|k| is_upper(&k.text)).count();
    let lower = keywords.iter().filter(|k| is_lower(&k.text)).count();
    let want_lower = lower > upper;
    for k in keywords {
        let fits = if want_lower {
            is_lower(&k.text)
        } else {
            is_upper(&k.text)
        };
        if fits {
            continue;
        }
        let wanted = if want_lower {
            k.text.to_ascii_lowercase()
        } else {
            k.text.to_ascii_uppercase()
        };
        // Ex) FROM x / run y
        let case = if want_lower { "lower" } else { "upper" };
        c.report_with_fix(
            &META,
            k.range,
            format!(
                "`{}` is not {case} case like the other instructions",
                k.text
            ),
            Some(Fix::safe(
                format!("Write `{wanted}`"),
                vec![Edit::replace(k.range, wanted.clone())],
            )),
        );
    }
}
