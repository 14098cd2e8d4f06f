//! The semantic model: stages, their base images resolved through ARG defaults, and
//! the state each instruction runs in (SHELL, USER, WORKDIR, variables).

use crate::collections::StrMap;
use crate::syntax::{Args, CommandForm, InstructionKind, Parsed};
use crate::text::TextRange;
use std::collections::HashMap;
use std::rc::Rc;

/// An image reference split as Docker does (`[registry/]path[:tag][@digest]`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ImageRef {
    /// The reference after ARG substitution (or as written when it could not be resolved).
    pub text: String,
    pub registry: Option<String>,
    /// The repository path without registry, e.g. `library/node` stays `library/node`.
    pub path: String,
    pub tag: Option<String>,
    pub digest: Option<String>,
    /// True when a `$VAR` could not be resolved from ARG defaults.
    pub unresolved: bool,
}

impl ImageRef {
    pub fn parse(text: &str) -> ImageRef {
        let (rest, digest) = match text.split_once('@') {
            Some((r, d)) => (r, Some(d.to_string())),
            None => (text, None),
        };
        let (registry, remainder) = match rest.split_once('/') {
            Some((first, after))
                if first.contains('.') || first.contains(':') || first == "localhost" =>
            {
                (Some(first.to_string()), after)
            }
            _ => (None, rest),
        };
        let (path, tag) = match remainder.rsplit_once(':') {
            Some((p, t)) if !t.contains('/') => (p.to_string(), Some(t.to_string())),
            _ => (remainder.to_string(), None),
        };
        ImageRef {
            text: text.to_string(),
            registry,
            path,
            tag,
            digest,
            unresolved: text.contains('$'),
        }
    }

    /// True for Docker Hub references (no registry, `docker.io`, `index.docker.io`).
    pub fn is_docker_hub(&self) -> bool {
        matches!(
            self.registry.as_deref(),
            None | Some("docker.io") | Some("index.docker.io") | Some("registry-1.docker.io")
        )
    }

    /// The Docker Hub official-image name (`node` for `node`, `library/node`, `docker.io/library/node`).
    pub fn official_name(&self) -> Option<&str> {
        if !self.is_docker_hub() {
            return None;
        }
        match self.path.strip_prefix("library/") {
            Some(name) => Some(name),
            None if !self.path.contains('/') => Some(&self.path),
            None => None,
        }
    }

    pub fn is_scratch(&self) -> bool {
        self.registry.is_none() && self.path.eq_ignore_ascii_case("scratch")
    }
}

/// A build stage: a FROM and the instructions after it.
#[derive(Clone, Debug)]
pub struct Stage {
    pub index: usize,
    /// Index of the FROM instruction in `Parsed::instructions`.
    pub from: usize,
    /// Index one past the stage's last instruction.
    pub end: usize,
    /// The `AS name`, lower-cased as BuildKit compares it.
    pub name: Option<String>,
    /// The base as written.
    pub base_text: String,
    pub base_range: TextRange,
    /// The base image, unless the stage builds on an earlier stage.
    pub image: Option<ImageRef>,
    /// The earlier stage this one builds on (`FROM builder`).
    pub parent: Option<usize>,
    /// True when a later stage builds on this one or copies from it.
    pub used_later: bool,
    /// A later stage is built `FROM` this one.
    pub has_children: bool,
    /// The first stage of this one's `FROM` chain (itself when it has no parent): the
    /// stage whose image the chain is built on.
    pub root: usize,
}

/// The state an instruction runs in.
#[derive(Clone, Debug, Default)]
pub struct InstructionState {
    pub stage: Option<usize>,
    /// The active SHELL (`None` = the default `/bin/sh -c`).
    pub shell: Option<Rc<[String]>>,
    /// The active SHELL is not a POSIX shell (PowerShell, cmd), or the base is Windows.
    pub non_posix: bool,
    pub user: Option<Rc<str>>,
    /// The working directory, resolved through relative `WORKDIR`s; `None` when unset or
    /// longer than [`MAX_PATH`].
    pub workdir: Option<Rc<str>>,
}

/// The longest working directory the model resolves: Linux's `PATH_MAX`. Every
/// instruction keeps its state, so shared `Rc`s and this cap keep a file of a hundred
/// thousand `WORKDIR a` lines linear rather than holding a hundred thousand ever longer
/// copies of `a/a/a/...`.
pub const MAX_PATH: usize = 4096;

/// Stages and per-instruction state of a parse.
#[derive(Clone, Debug)]
pub struct Model {
    pub stages: Vec<Stage>,
    /// ARGs declared before the first FROM, with their defaults (quotes removed).
    pub global_args: StrMap<Option<String>>,
    pub states: Vec<InstructionState>,
    /// Every `ARG` and `ENV` pair, in file order: the one record rules read variable
    /// scope from.
    pub vars: Vec<VarDeclaration>,
}

/// Which instruction declared a variable.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum VarKind {
    Arg,
    Env,
}

/// One `ARG` or `ENV` pair.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct VarDeclaration {
    /// The instruction's index (an `ONBUILD ARG`/`ONBUILD ENV` has the ONBUILD's).
    pub instruction: usize,
    pub kind: VarKind,
    /// Declared by an `ONBUILD` trigger, so only in images built on this one.
    pub onbuild: bool,
    pub name: String,
    /// The value, quotes removed; `None` for an `ARG` without a default.
    pub value: Option<String>,
}

impl Model {
    pub fn new(parsed: &Parsed) -> Model {
        let mut stages: Vec<Stage> = Vec::new();
        let mut global_args = StrMap::new();
        let mut states = Vec::with_capacity(parsed.instructions.len());
        let mut state = InstructionState::default();
        // Stage names (lowercased) -> (first, last) stage of that name, so resolving a
        // `FROM name` or `COPY --from=name` does not scan every stage: a file of
        // thousands of stages stays linear.
        let mut names: HashMap<String, (usize, usize)> = HashMap::new();
        for (i, ins) in parsed.instructions.iter().enumerate() {
            match (&ins.kind, &ins.args) {
                (InstructionKind::From, args) => {
                    if let Some(last) = stages.last_mut() {
                        last.end = i;
                    }
                    let (base_text, base_range, name) = match args {
                        Args::From(f) => (
                            f.image.as_ref().map_or(String::new(), |s| s.text.clone()),
                            f.image.as_ref().map_or(ins.range, |s| s.range),
                            f.alias.as_ref().map(|a| a.text.to_ascii_lowercase()),
                        ),
                        _ => (String::new(), ins.range, None),
                    };
                    let lowered = base_text.to_ascii_lowercase();
                    let parent = names.get(&lowered).map(|&(_, last)| last);
                    if let Some(p) = parent {
                        stages[p].used_later = true;
                        stages[p].has_children = true;
                    }
                    let image = match parent {
                        Some(_) => None,
                        None => Some(resolve_image(&base_text, &global_args)),
                    };
                    let non_posix = match (&image, parent) {
                        (Some(img), _) => is_windows_image(img),
                        (None, Some(p)) => states
                            .get(stages[p].from)
                            .is_some_and(|s: &InstructionState| s.non_posix && s.shell.is_none()),
                        _ => false,
                    };
                    if let Some(name) = &name {
                        let index = stages.len();
                        names
                            .entry(name.clone())
                            .and_modify(|(_, last)| *last = index)
                            .or_insert((index, index));
                    }
                    stages.push(Stage {
                        index: stages.len(),
                        from: i,
                        end: parsed.instructions.len(),
                        name,
                        base_text,
                        base_range,
                        image,
                        root: parent
                            .and_then(|p| stages.get(p))
                            .map_or(stages.len(), |p| p.root),
                        parent,
                        used_later: false,
                        has_children: false,
                    });
                    state = InstructionState {
                        stage: Some(stages.len() - 1),
                        non_posix,
                        ..InstructionState::default()
                    };
                }
                (InstructionKind::Arg, Args::Pairs(pairs)) if stages.is_empty() => {
                    for p in pairs {
                        global_args.insert(p.key.text.clone(), p.value_unquoted(parsed.escape));
                    }
                }
                (InstructionKind::Shell, Args::Command(CommandForm::Exec { items, .. })) => {
                    let shell: Rc<[String]> = items.iter().map(|s| s.text.clone()).collect();
                    state.non_posix = shell.first().is_some_and(|s| is_non_posix_shell(s));
                    state.shell = Some(shell);
                }
                (InstructionKind::User, Args::Text(t)) => {
                    state.user = Some(Rc::from(t.text.as_str()))
                }
                (InstructionKind::Workdir, Args::Text(t)) => {
                    let dir = t.text.as_str();
                    let resolved = match &state.workdir {
                        Some(base) if !dir.starts_with('/') && !dir.starts_with('$') => {
                            format!("{}/{dir}", base.trim_end_matches('/'))
                        }
                        _ => dir.to_string(),
                    };
                    state.workdir = (resolved.len() <= MAX_PATH).then(|| Rc::from(resolved));
                }
                (InstructionKind::Copy | InstructionKind::Add, _) => {
                    if let Some(from) = ins.flag("from").and_then(|f| f.value.as_deref()) {
                        let from = from.to_ascii_lowercase();
                        if let Some(s) = names
                            .get(&from)
                            .and_then(|&(first, _)| stages.get_mut(first))
                        {
                            s.used_later = true;
                        }
                    }
                }
                _ => {}
            }
            states.push(state.clone());
        }
        Model {
            stages,
            global_args,
            states,
            vars: var_declarations(parsed),
        }
    }

    pub fn state(&self, instruction: usize) -> Option<&InstructionState> {
        self.states.get(instruction)
    }

    /// The stage an instruction belongs to.
    pub fn stage_of(&self, instruction: usize) -> Option<&Stage> {
        self.states
            .get(instruction)
            .and_then(|s| s.stage)
            .and_then(|s| self.stages.get(s))
    }

    /// True for the stage the image is built from by default (the last one).
    pub fn is_final(&self, stage: &Stage) -> bool {
        stage.index + 1 == self.stages.len()
    }
}

/// Every `ARG` and `ENV` pair of the file, ONBUILD triggers included and marked.
fn var_declarations(parsed: &Parsed) -> Vec<VarDeclaration> {
    let mut out = Vec::new();
    for (instruction, written) in parsed.instructions.iter().enumerate() {
        let ins = written.effective();
        let kind = match ins.kind {
            InstructionKind::Arg => VarKind::Arg,
            InstructionKind::Env => VarKind::Env,
            _ => continue,
        };
        let onbuild = written.kind == InstructionKind::Onbuild;
        for pair in ins.pairs() {
            out.push(VarDeclaration {
                instruction,
                kind,
                onbuild,
                name: pair.key.text.clone(),
                value: pair.value_unquoted(parsed.escape),
            });
        }
    }
    out
}

fn is_non_posix_shell(program: &str) -> bool {
    let base = program
        .rsplit(['/', '\\'])
        .next()
        .unwrap_or(program)
        .to_ascii_lowercase();
    let base = base.trim_end_matches(".exe");
    matches!(base, "powershell" | "pwsh" | "cmd")
}

fn is_windows_image(image: &ImageRef) -> bool {
    let path = image.path.to_ascii_lowercase();
    path.starts_with("microsoft/windows")
        || path.starts_with("windows/")
        || path.contains("windowsservercore")
        || path.contains("nanoserver")
        || image.tag.as_deref().is_some_and(|t| {
            let t = t.to_ascii_lowercase();
            t.contains("windowsservercore") || t.contains("nanoserver") || t.contains("ltsc20")
        })
}

/// Substitutes `$VAR`, `${VAR}`, `${VAR:-default}` and `${VAR-default}` from ARG
/// defaults. Returns `None` when a variable has no value.
pub fn expand(text: &str, vars: &StrMap<Option<String>>) -> Option<String> {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(i) = rest.find('$') {
        out.push_str(&rest[..i]);
        rest = &rest[i + 1..];
        if let Some(inner) = rest.strip_prefix('{') {
            let close = inner.find('}')?;
            let expr = &inner[..close];
            rest = &inner[close + 1..];
            let (name, op, word) = match expr.find([':', '-', '+']) {
                Some(j) => {
                    let op_len = if expr[j..].starts_with(":-") || expr[j..].starts_with(":+") {
                        2
                    } else {
                        1
                    };
                    (&expr[..j], &expr[j..j + op_len], &expr[j + op_len..])
                }
                None => (expr, "", ""),
            };
            let value = vars.get(name).cloned().flatten();
            let resolved = match op {
                "" => value?,
                ":-" => value
                    .filter(|v| !v.is_empty())
                    .unwrap_or_else(|| word.to_string()),
                "-" => value.unwrap_or_else(|| word.to_string()),
                ":+" => value
                    .filter(|v| !v.is_empty())
                    .map_or(String::new(), |_| word.to_string()),
                "+" => value.map_or(String::new(), |_| word.to_string()),
                _ => return None,
            };
            out.push_str(&resolved);
        } else {
            let len = rest
                .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
                .unwrap_or(rest.len());
            if len == 0 {
                out.push('$');
                continue;
            }
            out.push_str(&vars.get(&rest[..len]).cloned().flatten()?);
            rest = &rest[len..];
        }
    }
    out.push_str(rest);
    Some(out)
}

fn resolve_image(text: &str, args: &StrMap<Option<String>>) -> ImageRef {
    if !text.contains('$') {
        return ImageRef::parse(text);
    }
    match expand(text, args) {
        Some(expanded) if !expanded.is_empty() => {
            let mut image = ImageRef::parse(&expanded);
            image.unresolved = false;
            image
        }
        _ => ImageRef::parse(text),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::syntax::parse;

    #[test]
    fn image_references_split_like_docker() {
        let r = ImageRef::parse("localhost:5000/team/app:1.2@sha256:abc");
        assert_eq!(r.registry.as_deref(), Some("localhost:5000"));
        assert_eq!(r.path, "team/app");
        assert_eq!(r.tag.as_deref(), Some("1.2"));
        assert_eq!(r.digest.as_deref(), Some("sha256:abc"));
        assert_eq!(
            ImageRef::parse("docker.io/library/node").official_name(),
            Some("node")
        );
        assert_eq!(ImageRef::parse("bitnami/node:22").official_name(), None);
        assert_eq!(ImageRef::parse("ghcr.io/x/y").official_name(), None);
    }

    #[test]
    fn stages_resolve_args_and_parents() {
        let p = parse(
            "ARG BASE=node\nARG TAG\nFROM ${BASE}:${TAG:-22}-slim AS build\nRUN x\nFROM build\nFROM $NOPE\n",
        );
        let m = Model::new(&p);
        assert_eq!(m.stages.len(), 3);
        let img = m.stages[0].image.as_ref().unwrap();
        assert_eq!(
            (img.path.as_str(), img.tag.as_deref()),
            ("node", Some("22-slim"))
        );
        assert!(!img.unresolved);
        assert_eq!(m.stages[1].parent, Some(0));
        assert!(m.stages[0].used_later);
        assert!(m.stages[2].image.as_ref().unwrap().unresolved);
        assert_eq!(m.stage_of(3).map(|s| s.index), Some(0));
    }

    #[test]
    fn shell_and_workdir_state() {
        let p = parse("FROM a\nSHELL [\"pwsh\", \"-c\"]\nWORKDIR /app\nWORKDIR src\nRUN x\n");
        let m = Model::new(&p);
        let s = m.state(4).unwrap();
        assert!(s.non_posix);
        assert_eq!(s.workdir.as_deref(), Some("/app/src"));
    }
}
