use super::Checker;
use crate::collections::StrSet;
use crate::syntax::{Args, InstructionKind, Span};
use crate::text::TextRange;

declare_rule! {
    /// ## What it does
    /// Checks for `$VAR` references, in instructions BuildKit expands itself, to variables
    /// that no `ARG` or `ENV` of the stage (or of the stage it builds on) defines.
    ///
    /// ## Why is this bad?
    /// BuildKit replaces an undefined variable with an empty string, silently:
    /// `COPY $SRC /app/` copies the whole context, `WORKDIR $APP_HOME` lands in `/`, and a
    /// misspelt `$PAHT` drops the `PATH`. A global `ARG` (before the first `FROM`) is not
    /// visible inside a stage until the stage declares it again with `ARG NAME`, and the
    /// predefined platform arguments (`TARGETARCH`...) need an `ARG` too.
    ///
    /// The check covers the instructions BuildKit expands (`ADD`, `COPY`, `ENV`, `EXPOSE`,
    /// `LABEL`, `STOPSIGNAL`, `USER`, `VOLUME`, `WORKDIR`, `ARG` defaults); `RUN`, `CMD`
    /// and `ENTRYPOINT` are expanded by the shell at run time and are not checked. Because
    /// a base image can define variables of its own, a stage is only checked when its
    /// base is `scratch`, an earlier stage, or an official image whose environment is
    /// known (`alpine`, `debian`, `ubuntu`, `busybox`, `golang`, `node`, `python`...).
    /// `PATH` is always defined, and the proxy variables (`HTTP_PROXY`...) are not
    /// reported.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM alpine:3.20
    /// COPY $SRC_DIR /app/
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM alpine:3.20
    /// ARG SRC_DIR=.
    /// COPY $SRC_DIR /app/
    /// ```
    ///
    /// ## References
    /// - [Docker build checks: UndefinedVar](https://docs.docker.com/go/dockerfile/rule/undefined-var/)
    pub static META = {
        code: "UndefinedVar",
        name: "undefined-variable",
        aliases: [],
        severity: Warning,
        category: BestPractice,
        fix: None,
    }
}

/// A `$NAME` or `${NAME...}` reference in a word.
pub(super) struct VarRef {
    pub name: String,
    /// Byte range of the whole reference in the scanned text.
    pub range: TextRange,
}

/// The variable references BuildKit's word expansion would look up in `text`: escaped
/// dollars and single-quoted text are skipped, `${A:-$B}` yields both `A` and `B`.
pub(super) fn variable_refs(text: &str, escape: char) -> Vec<VarRef> {
    let mut out = Vec::new();
    if !text.contains('$') {
        return out;
    }
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut i = 0;
    let mut in_single = false;
    let mut in_double = false;
    while let Some(&(at, ch)) = chars.get(i) {
        i += 1;
        if in_single {
            if ch == '\'' {
                in_single = false;
            }
            continue;
        }
        if ch == escape {
            i += 1;
            continue;
        }
        match ch {
            '\'' if !in_double => in_single = true,
            '"' => in_double = !in_double,
            '$' => {
                let Some(&(_, next)) = chars.get(i) else {
                    break;
                };
                if next == '{' {
                    // ${NAME}, ${NAME:-word}, ${NAME+word}...
                    let name_start = i + 1;
                    let mut j = name_start;
                    while chars
                        .get(j)
                        .is_some_and(|(_, c)| c.is_ascii_alphanumeric() || *c == '_')
                    {
                        j += 1;
                    }
                    let name: String = chars[name_start.min(chars.len())..j.min(chars.len())]
                        .iter()
                        .map(|(_, c)| *c)
                        .collect();
                    // The end of the reference: the matching `}`.
                    let mut depth = 1;
                    let mut k = j;
                    while let Some(&(_, c)) = chars.get(k) {
                        if c == '{' {
                            depth += 1;
                        } else if c == '}' {
                            depth -= 1;
                            if depth == 0 {
                                break;
                            }
                        }
                        k += 1;
                    }
                    let end = chars.get(k).map_or(text.len(), |(o, _)| o + 1);
                    // `${NAME:x}` with an unknown modifier is an error BuildKit reports
                    // itself (and often a template placeholder): not a reference.
                    let after: String = chars
                        .get(j..)
                        .unwrap_or(&[])
                        .iter()
                        .take(2)
                        .map(|(_, c)| *c)
                        .collect();
                    let known_modifier = !after.starts_with(':')
                        || matches!(after.chars().nth(1), Some('-' | '+' | '?'));
                    if known_modifier
                        && !name.is_empty()
                        && !name.starts_with(|c: char| c.is_ascii_digit())
                    {
                        out.push(VarRef {
                            name,
                            range: TextRange::new(at, end),
                        });
                    }
                    // Scan the modifier's word for nested references.
                    let inner_start = chars.get(j).map_or(text.len(), |(o, _)| *o);
                    let inner_end = chars.get(k).map_or(text.len(), |(o, _)| *o);
                    if inner_start < inner_end {
                        let inner = &text[inner_start..inner_end];
                        for r in variable_refs(inner, escape) {
                            out.push(VarRef {
                                name: r.name,
                                range: r.range.shift(inner_start),
                            });
                        }
                    }
                    i = k + 1;
                } else if next.is_ascii_alphabetic() || next == '_' {
                    let mut j = i;
                    while chars
                        .get(j)
                        .is_some_and(|(_, c)| c.is_ascii_alphanumeric() || *c == '_')
                    {
                        j += 1;
                    }
                    let name: String = chars[i..j].iter().map(|(_, c)| *c).collect();
                    let end = chars.get(j).map_or(text.len(), |(o, _)| *o);
                    out.push(VarRef {
                        name,
                        range: TextRange::new(at, end),
                    });
                    i = j;
                }
            }
            _ => {}
        }
    }
    out
}

/// The file range of `r` inside `span`: exact when the span has no line continuation.
pub(super) fn ref_range(text: &str, span: &Span, r: &VarRef) -> TextRange {
    if span.range.slice(text) == span.text {
        r.range.shift(span.range.start())
    } else {
        span.range
    }
}

/// The environment of official images, beyond `PATH` (which BuildKit always sets).
/// The names defined in a stage: its base image's environment and its own `ARG`s and `ENV`s.
#[derive(Clone, Default)]
struct Env {
    image: &'static [&'static str],
    own: StrSet,
}

impl Env {
    fn contains(&self, name: &str) -> bool {
        self.image.contains(&name) || self.own.contains(name)
    }
}

fn known_image_env(name: &str) -> Option<&'static [&'static str]> {
    Some(match name {
        "alpine" | "busybox" | "debian" | "ubuntu" => &[],
        "golang" => &["GOLANG_VERSION", "GOPATH", "GOTOOLCHAIN"],
        "node" => &["NODE_VERSION", "YARN_VERSION"],
        "python" => &[
            "LANG",
            "GPG_KEY",
            "PYTHON_VERSION",
            "PYTHON_SHA256",
            "PYTHON_PIP_VERSION",
            "PYTHON_SETUPTOOLS_VERSION",
            "PYTHON_GET_PIP_URL",
            "PYTHON_GET_PIP_SHA256",
        ],
        _ => return None,
    })
}

const NEVER_REPORTED: &[&str] = &[
    "PATH",
    "HTTP_PROXY",
    "http_proxy",
    "HTTPS_PROXY",
    "https_proxy",
    "FTP_PROXY",
    "ftp_proxy",
    "NO_PROXY",
    "no_proxy",
    "ALL_PROXY",
    "all_proxy",
    "BUILDKIT_SBOM_SCAN_CONTEXT",
    "BUILDKIT_SBOM_SCAN_STAGE",
];

/// The words of an instruction BuildKit expands before running it.
fn expanded_spans(kind: InstructionKind, args: &Args, flags_spans: Vec<Span>) -> Vec<Span> {
    let mut spans = flags_spans;
    match (kind, args) {
        (InstructionKind::Add | InstructionKind::Copy, Args::List { items, .. })
        | (InstructionKind::Volume, Args::List { items, .. })
        | (InstructionKind::Expose, Args::Words(items)) => spans.extend(items.iter().cloned()),
        (InstructionKind::Env, Args::Pairs(pairs)) => {
            spans.extend(pairs.iter().filter_map(|p| p.value.clone()));
        }
        (InstructionKind::Label, Args::Pairs(pairs)) => {
            for p in pairs {
                spans.push(p.key.clone());
                spans.extend(p.value.clone());
            }
        }
        (InstructionKind::Arg, Args::Pairs(pairs)) => {
            spans.extend(pairs.iter().filter_map(|p| p.value.clone()));
        }
        (
            InstructionKind::Stopsignal | InstructionKind::User | InstructionKind::Workdir,
            Args::Text(t),
        ) => spans.push(t.clone()),
        _ => {}
    }
    spans
}

pub(super) fn check(c: &Checker) {
    let text = c.text();
    let escape = c.parsed.escape;
    // Per stage: the defined names at its end (for stages built on it), or `None`
    // when the base image's environment is unknown.
    let mut stage_env: Vec<Option<Env>> = Vec::new();
    // Each undefined name is reported once per instruction, so only the current
    // instruction's names need remembering.
    let mut seen = StrSet::new();
    for stage in &c.model.stages {
        let mut defined: Option<Env> = match (stage.parent, &stage.image) {
            (Some(p), _) => stage_env.get(p).cloned().flatten(),
            (None, Some(img)) if img.is_scratch() => Some(Env::default()),
            (None, Some(img)) if !img.unresolved => img
                .official_name()
                .and_then(known_image_env)
                .map(|image| Env {
                    image,
                    own: StrSet::new(),
                }),
            _ => None,
        };
        if let Some(defined) = defined.as_mut() {
            for i in stage.from + 1..stage.end {
                let Some(ins) = c.parsed.instructions.get(i) else {
                    continue;
                };
                // ONBUILD instructions run in another build.
                if ins.kind == InstructionKind::Onbuild {
                    continue;
                }
                let flag_spans: Vec<Span> = match ins.kind {
                    InstructionKind::Add | InstructionKind::Copy => ins
                        .flags
                        .iter()
                        .filter(|f| matches!(f.name.as_str(), "chown" | "chmod"))
                        .filter_map(|f| {
                            let v = f.value.as_ref()?;
                            let raw = f.range.slice(text);
                            let at = raw.rfind(v.as_str())?;
                            Some(Span {
                                text: v.clone(),
                                range: TextRange::new(
                                    f.range.start() + at,
                                    f.range.start() + at + v.len(),
                                ),
                            })
                        })
                        .collect(),
                    _ => Vec::new(),
                };
                seen.clear();
                for span in expanded_spans(ins.kind, &ins.args, flag_spans) {
                    for r in variable_refs(&span.text, escape) {
                        if defined.contains(&r.name) || NEVER_REPORTED.contains(&r.name.as_str()) {
                            continue;
                        }
                        if seen.insert(r.name.clone()) {
                            c.report(
                                &META,
                                ref_range(text, &span, &r),
                                format!(
                                    "`${}` is not defined by an `ARG` or `ENV` before this instruction",
                                    r.name
                                ),
                            );
                        }
                    }
                }
                // Definitions take effect after the instruction.
                if matches!(ins.kind, InstructionKind::Arg | InstructionKind::Env) {
                    for p in ins.pairs() {
                        defined.own.insert(p.key.text.clone());
                    }
                }
            }
        }
        stage_env.push(defined);
    }
}

#[cfg(test)]
mod tests {
    use super::variable_refs;

    #[test]
    fn references_follow_buildkit_quoting() {
        let names = |t: &str| -> Vec<String> {
            variable_refs(t, '\\').into_iter().map(|r| r.name).collect()
        };
        assert_eq!(
            names("$A ${B} ${C:-$D} \\$E '$F' \"$G\" $1"),
            ["A", "B", "C", "D", "G"]
        );
        let r = &variable_refs("x/${HOME}/y", '\\')[0];
        assert_eq!((r.range.start(), r.range.end()), (2, 9));
    }
}
