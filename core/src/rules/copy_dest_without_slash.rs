use super::{Checker, Onbuild};
use crate::diagnostic::{Edit, Fix};
use crate::syntax::{Args, InstructionKind};

declare_rule! {
    /// ## What it does
    /// Checks for `COPY` with several sources whose destination does not end with `/`.
    ///
    /// ## Why is this bad?
    /// With more than one source the destination must be a directory. Without the
    /// trailing `/` the destination reads like a file name, and builders disagree on
    /// what to do: some stop with an error, some create the directory.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM python:3.12-slim
    /// COPY requirements.txt setup.py /app
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM python:3.12-slim
    /// COPY requirements.txt setup.py /app/
    /// ```
    ///
    /// ## Fix safety
    /// The fix appends `/` to the destination and is safe: several sources can only be
    /// copied into a directory.
    ///
    /// ## References
    /// - [Dockerfile reference: COPY](https://docs.docker.com/reference/dockerfile/#copy)
    /// - hadolint `DL3021`, Trivy `DS-0011`
    pub static META = {
        code: "DL3021",
        name: "copy-dest-without-slash",
        aliases: ["DS-0011"],
        severity: Error,
        category: Syntax,
        fix: Safe,
    }
}

pub(super) fn check(c: &Checker) {
    // ONBUILD COPY is left alone, as hadolint does.
    for (_, ins) in c.walk(Onbuild::Skip) {
        let (InstructionKind::Copy, Args::List { json, items }) = (ins.kind, &ins.args) else {
            continue;
        };
        let [sources @ .., dest] = items.as_slice() else {
            continue;
        };
        if sources.len() < 2 {
            continue;
        }
        let written = dest.range.slice(c.text());
        let inner = written.trim_matches(|ch| ch == '"' || ch == '\'');
        // Ex) COPY a b /app
        if inner.ends_with('/') || inner.is_empty() {
            continue;
        }
        let at = match written.strip_suffix(['"', '\'']) {
            Some(rest) if *json || written.len() > 1 => dest.range.start() + rest.len(),
            _ => dest.range.end(),
        };
        let fix = (dest.text == written || *json || written.starts_with(['"', '\'']))
            .then(|| Fix::safe("Add a trailing `/`", vec![Edit::insert(at, "/")]));
        c.report_with_fix(
            &META,
            dest.range,
            format!("`COPY` of several sources to `{inner}`, which does not end with `/`"),
            fix,
        );
    }
}
