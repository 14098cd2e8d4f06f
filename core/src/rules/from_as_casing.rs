use super::{Checker, Onbuild};
use crate::diagnostic::{Edit, Fix};
use crate::syntax::Args;

declare_rule! {
    /// ## What it does
    /// Checks that the `AS` of `FROM image AS name` has the same case as `FROM`.
    ///
    /// ## Why is this bad?
    /// Mixed casing such as `FROM node:22 as build` makes a Dockerfile look careless and
    /// harder to scan; Docker's own build checks warn about it.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM node:22-slim as build
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM node:22-slim AS build
    /// ```
    ///
    /// ## Fix safety
    /// The fix changes only the case of the keyword and is safe.
    ///
    /// ## References
    /// - [Docker build checks: FromAsCasing](https://docs.docker.com/reference/build-checks/from-as-casing/)
    pub static META = {
        code: "FromAsCasing",
        name: "from-as-casing",
        aliases: [],
        severity: Warning,
        category: Style,
        fix: Safe,
    }
}

fn is_upper(s: &str) -> bool {
    s == s.to_ascii_uppercase()
}

pub(super) fn check(c: &Checker) {
    for (_, ins) in c.walk(Onbuild::Skip) {
        let Args::From(from) = &ins.args else {
            continue;
        };
        let Some(as_kw) = &from.as_keyword else {
            continue;
        };
        let from_upper = is_upper(&ins.keyword.text);
        let from_lower = ins.keyword.text == ins.keyword.text.to_ascii_lowercase();
        // Ex) FROM x as y  /  from x AS y
        let (bad, wanted) = if from_upper && as_kw.text != "AS" {
            (true, "AS")
        } else if !from_upper && from_lower && as_kw.text != "as" {
            (true, "as")
        } else {
            (false, "")
        };
        if bad {
            c.report_with_fix(
                &META,
                as_kw.range,
                format!(
                    "`{}` does not match the case of `{}`",
                    as_kw.text, ins.keyword.text
                ),
                Some(Fix::safe(
                    format!("Write `{wanted}`"),
                    vec![Edit::replace(as_kw.range, wanted)],
                )),
            );
        }
    }
}
