use super::{Checker, Onbuild};
use crate::diagnostic::{Edit, Fix};
use crate::syntax::{Args, InstructionKind};

declare_rule! {
    /// ## What it does
    /// Checks for `WORKDIR` with a relative path.
    ///
    /// ## Why is this bad?
    /// A relative `WORKDIR` is resolved against the previous working directory, which
    /// may come from the base image. When the base image changes its `WORKDIR`, the
    /// files of this image silently move. An absolute path says where they go.
    ///
    /// Paths starting with a variable (`$HOME/app`) and Windows paths (`C:\app`) are
    /// accepted.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM node:22-slim
    /// WORKDIR app
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM node:22-slim
    /// WORKDIR /app
    /// ```
    ///
    /// ## Fix safety
    /// When an earlier `WORKDIR` of the same stage gives an absolute directory, the fix
    /// writes the path it resolves to (`WORKDIR /app` then `WORKDIR src` becomes
    /// `WORKDIR /app/src`) and is safe. Without one, the directory depends on the base
    /// image and there is no fix.
    ///
    /// ## References
    /// - [Docker docs: WORKDIR](https://docs.docker.com/build/building/best-practices/#workdir)
    /// - hadolint `DL3000`, BuildKit `WorkdirRelativePath`, Trivy `DS-0009`, Checkov `CKV_DOCKER_10`
    pub static META = {
        code: "DL3000",
        name: "relative-workdir",
        aliases: ["WorkdirRelativePath", "DS-0009", "CKV_DOCKER_10"],
        severity: Error,
        category: BestPractice,
        fix: Sometimes,
    }
}

fn drop_quotes(text: &str) -> &str {
    let text = text.trim();
    for q in ['"', '\''] {
        if let Some(inner) = text.strip_prefix(q).and_then(|t| t.strip_suffix(q)) {
            return inner;
        }
    }
    text
}

fn is_absolute(path: &str) -> bool {
    let mut chars = path.chars();
    path.starts_with('/')
        || path.starts_with('$')
        || (chars.next().is_some_and(|ch| ch.is_alphabetic()) && chars.next() == Some(':'))
}

pub(super) fn check(c: &Checker) {
    // ONBUILD WORKDIR runs in a stage this file does not know, as hadolint assumes too.
    for (index, ins) in c.walk(Onbuild::Skip) {
        let (InstructionKind::Workdir, Args::Text(path)) = (ins.kind, &ins.args) else {
            continue;
        };
        let dir = drop_quotes(&path.text);
        if is_absolute(dir) {
            continue;
        }
        // Ex) WORKDIR /app ... WORKDIR src  -> WORKDIR /app/src
        let same_stage = index > 0
            && c.model.stage_of(index - 1).map(|s| s.index)
                == c.model.stage_of(index).map(|s| s.index);
        let before = if same_stage {
            c.model.state(index - 1).and_then(|s| s.workdir.as_deref())
        } else {
            None
        };
        let plain = |s: &str| {
            s.chars().all(|ch| {
                ch.is_ascii_alphanumeric() || matches!(ch, '/' | '.' | '_' | '-' | '+' | '@')
            })
        };
        let fix = match before {
            Some(base)
                if base.starts_with('/')
                    && plain(base)
                    && plain(dir)
                    && path.text == path.range.slice(c.text()) =>
            {
                let resolved = format!(
                    "{}/{}",
                    base.trim_end_matches('/'),
                    dir.trim_start_matches("./")
                );
                Some(Fix::safe(
                    format!("Replace with `{resolved}`"),
                    vec![Edit::replace(path.range, resolved)],
                ))
            }
            _ => None,
        };
        c.report_with_fix(
            &META,
            path.range,
            format!("`WORKDIR {dir}` is relative to the previous working directory"),
            fix,
        );
    }
}
