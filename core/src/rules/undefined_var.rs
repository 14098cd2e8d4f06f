use super::Checker;
use super::helpers::{ref_range, variable_refs};
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
