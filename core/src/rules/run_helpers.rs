//! Helpers shared by the RUN rules of the DL3031-DL4xxx slice: walking RUN instructions,
//! appending a command to a RUN, and asking whether a package manager runs again later.

use super::Checker;
use crate::collections::StrMap;
use crate::diagnostic::Edit;
use crate::shell::Command;
use crate::syntax::{Args, CommandForm, Instruction, InstructionKind};

/// The keywords of every `kind` instruction that an earlier `kind` of the same stage
/// already set (only the last one of a stage takes effect), in file order. ONBUILD ones
/// are left alone, as hadolint does.
pub(super) fn repeated_in_stage<'c>(
    c: &'c Checker,
    kind: InstructionKind,
) -> impl Iterator<Item = crate::text::TextRange> + 'c {
    let mut seen = false;
    c.parsed.instructions.iter().filter_map(move |ins| {
        if ins.kind == InstructionKind::From {
            seen = false;
            return None;
        }
        if ins.kind != kind {
            return None;
        }
        // Ex) CMD a ... CMD b   (in one stage)
        let repeated = seen;
        seen = true;
        repeated.then_some(ins.keyword.range)
    })
}

/// Indices of the RUN instructions, ONBUILD RUN included.
pub(super) fn runs(c: &Checker) -> Vec<usize> {
    c.instructions()
        .filter(|(_, ins)| ins.kind == InstructionKind::Run)
        .map(|(i, _)| i)
        .collect()
}

/// The name ranges of the commands called `name` (by basename) in every RUN script, in
/// file order.
pub(super) fn command_name_ranges<'c>(
    c: &'c Checker,
    name: &'c str,
) -> impl Iterator<Item = crate::text::TextRange> + 'c {
    c.run_commands()
        .filter(move |cmd| cmd.name() == name)
        .map(|cmd| cmd.name.range)
}

/// True when `cmd` is `name` (by basename) and one of its words is in `words`.
pub(super) fn cmd_has_arg(cmd: &Command, names: &[&str], words: &[&str]) -> bool {
    names.contains(&cmd.name()) && cmd.arg_values().any(|a| words.contains(&a))
}

/// True when some instruction after `index` runs a command named in `names`.
pub(super) fn runs_later(c: &Checker, index: usize, names: &[&str]) -> bool {
    (index + 1..c.parsed.instructions.len()).any(|i| {
        c.script(i)
            .is_some_and(|s| s.commands.iter().any(|cmd| names.contains(&cmd.name())))
    })
}

/// The targets of the RUN's `--mount=type=cache,...` flags.
pub(super) fn cache_mount_targets(ins: &Instruction) -> impl Iterator<Item = &str> {
    ins.flags
        .iter()
        .filter(|f| f.name == "mount")
        .filter_map(|f| f.value.as_deref())
        .filter_map(|value| {
            let mut is_cache = false;
            let mut target = None;
            for part in value.split(',') {
                let (k, v) = part.split_once('=').unwrap_or((part, ""));
                match k.trim() {
                    "type" => is_cache = v == "cache",
                    "target" | "dst" | "destination" => target = Some(v),
                    _ => {}
                }
            }
            target.filter(|_| is_cache)
        })
}

/// True when the RUN has a `--mount=type=cache` whose target contains `needle`
/// (hadolint's test for the pip and yarn caches, e.g. `.cache/pip`).
pub(super) fn has_cache_mount(ins: &Instruction, needle: &str) -> bool {
    cache_mount_targets(ins).any(|t| t.contains(needle))
}

/// True when the RUN mounts a cache on `dir` or a directory under it.
pub(super) fn has_cache_mount_under(ins: &Instruction, dir: &str) -> bool {
    cache_mount_targets(ins).any(|t| t.starts_with(dir))
}

/// The indentation of the RUN's continuation lines (four blanks for a one-line RUN).
pub(super) fn continuation_indent(c: &Checker, ins: &Instruction) -> String {
    let Args::Command(CommandForm::Shell(span)) = &ins.args else {
        return "    ".to_string();
    };
    let index = c.parsed.line_index();
    let last_line = index.line_of(span.range.end());
    if index.line_of(span.range.start()) < last_line {
        let line_start = index.line_start(last_line);
        c.text()
            .get(line_start..span.range.end())
            .unwrap_or("")
            .chars()
            .take_while(|ch| *ch == ' ' || *ch == '\t')
            .collect()
    } else {
        "    ".to_string()
    }
}

/// An edit appending `&& command` to the shell-form RUN `index` on a continuation line.
/// `None` when appending is not plainly correct: exec form, heredocs, a script that ends
/// in an operator, or a shell comment that could swallow the addition.
pub(super) fn append_command(c: &Checker, index: usize, command: &str) -> Option<Edit> {
    let ins = c.parsed.instructions.get(index)?.effective();
    let Args::Command(CommandForm::Shell(span)) = &ins.args else {
        return None;
    };
    if !ins.heredocs.is_empty() || span.text.contains('#') {
        return None;
    }
    let trimmed = span.text.trim_end();
    if trimmed.is_empty() || trimmed.ends_with([';', '&', '|', '\\', '`', '(', '{']) {
        return None;
    }
    let indent = continuation_indent(c, ins);
    Some(Edit::insert(
        span.range.end(),
        format!(
            " {}{}{indent}&& {command}",
            c.parsed.escape,
            c.line_ending()
        ),
    ))
}

/// `Some(true)` when the stage's base image (through parent stages) is Alpine or BusyBox,
/// `Some(false)` for another known image, `None` when unknown.
pub(super) fn busybox_base(c: &Checker, stage: usize) -> Option<bool> {
    let s = c.model.stages.get(stage)?;
    let s = c.model.stages.get(s.root)?;
    let image = s.image.as_ref()?;
    if image.unresolved {
        return None;
    }
    let path = image.path.to_ascii_lowercase();
    let tag = image.tag.as_deref().unwrap_or("").to_ascii_lowercase();
    Some(path.contains("alpine") || path.contains("busybox") || tag.contains("alpine"))
}

/// The names declared by `ARG` or `ENV` (ONBUILD included) before an instruction, kept
/// as a walk moves forward through the file: asking again for each later instruction
/// only reads the instructions in between, so a rule that asks per RUN stays linear.
#[derive(Default)]
pub(super) struct DeclaredVars {
    upto: usize,
    names: crate::collections::StrSet,
}

impl DeclaredVars {
    /// The names declared before instruction `index` (which must not go backwards).
    pub(super) fn before(&mut self, c: &Checker, index: usize) -> &crate::collections::StrSet {
        let start = self.upto.min(index);
        for ins in c.parsed.instructions.get(start..index).unwrap_or(&[]) {
            let ins = ins.effective();
            if matches!(ins.kind, InstructionKind::Arg | InstructionKind::Env) {
                for p in ins.pairs() {
                    self.names.insert(p.key.text.clone());
                }
            }
        }
        self.upto = self.upto.max(index);
        &self.names
    }
}

/// `text` with `$NAME` and `${NAME}` of the `known` variables replaced by `value`.
pub(super) fn substitute_vars(
    text: &str,
    known: &crate::collections::StrSet,
    value: &str,
) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find('$') {
        out.push_str(rest.get(..at).unwrap_or(""));
        let after = rest.get(at + 1..).unwrap_or("");
        let (name, len) = match after.strip_prefix('{') {
            Some(inner) => match inner.find('}') {
                Some(end) => (inner.get(..end).unwrap_or(""), end + 2),
                None => ("", 0),
            },
            None => {
                let n = after
                    .find(|ch: char| !(ch.is_ascii_alphanumeric() || ch == '_'))
                    .unwrap_or(after.len());
                (after.get(..n).unwrap_or(""), n)
            }
        };
        if !name.is_empty() && known.contains(name) {
            out.push_str(value);
            rest = after.get(len..).unwrap_or("");
        } else {
            out.push('$');
            rest = after;
        }
    }
    out.push_str(rest);
    out
}

/// A flag per stage as hadolint tracks it: a stage is keyed by its alias, or by its base
/// image's name ([`stage_key`]) when unnamed, and a stage built `FROM` a named one starts
/// with that stage's flag (WORKDIR set, pip cache disabled...).
pub(super) struct StageFlags {
    flags: StrMap<bool>,
    current: String,
    /// The current stage's flag.
    pub(super) on: bool,
}

impl StageFlags {
    pub(super) fn new() -> Self {
        StageFlags {
            flags: StrMap::new(),
            current: String::new(),
            on: false,
        }
    }

    /// Enters the stage that instruction `index` (a FROM) starts.
    pub(super) fn enter(&mut self, c: &Checker, index: usize) {
        let Some(stage) = c.model.stage_of(index).filter(|s| s.from == index) else {
            return;
        };
        let base = stage_key(&stage.base_text);
        let inherited = self.flags.get(&base).copied().unwrap_or(false);
        let key = stage.name.clone().unwrap_or(base);
        self.flags.insert(key.clone(), inherited);
        self.current = key;
        self.on = inherited;
    }

    /// Sets the current stage's flag.
    pub(super) fn set(&mut self) {
        self.flags.insert(self.current.clone(), true);
        self.on = true;
    }
}

/// The name hadolint gives an unnamed stage: the image without registry, tag or digest.
pub(super) fn stage_key(base: &str) -> String {
    let base = base.split('@').next().unwrap_or(base);
    let after_registry = match base.split_once('/') {
        Some((first, rest))
            if first.contains('.') || first.contains(':') || first == "localhost" =>
        {
            rest
        }
        _ => base,
    };
    match after_registry.rsplit_once(':') {
        Some((path, tag)) if !tag.contains('/') => path.to_string(),
        _ => after_registry.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use crate::{Applicability, Settings, fix};

    /// Fixes of different rules on one RUN compose through the fix loop.
    #[test]
    fn fixes_on_one_run_compose() {
        let cases = [
            // DL3038 (-y) and DL3040 (dnf clean all)
            (
                "FROM fedora:40\nRUN dnf install httpd-2.4.62\n",
                "FROM fedora:40\nRUN dnf install -y httpd-2.4.62 \\\n    && dnf clean all\n",
            ),
            // DL3059 (merge), DL3042 (--no-cache-dir) on both RUNs
            (
                "FROM python:3.13\nRUN pip install requests==2.32.3\nRUN pip install flask==3.0.3\n",
                "FROM python:3.13\nRUN pip install --no-cache-dir requests==2.32.3 \\\n    && pip install --no-cache-dir flask==3.0.3\n",
            ),
            // DL3034 (-y) and DL3036 (zypper clean)
            (
                "FROM opensuse/leap:15.6\nRUN zypper install curl=8.6.0\n",
                "FROM opensuse/leap:15.6\nRUN zypper install -y curl=8.6.0 \\\n    && zypper clean\n",
            ),
        ];
        // Only the rules under test run (other rules' fixes would change the text too).
        let tested = ["DL3034", "DL3036", "DL3038", "DL3040", "DL3042", "DL3059"];
        let settings = Settings {
            ignored: crate::rules::rules()
                .iter()
                .filter(|r| !tested.contains(&r.code))
                .map(|r| r.code.to_string())
                .collect(),
            ..Settings::default()
        };
        for (input, expected) in cases {
            let result = fix(input, &settings, Applicability::Unsafe);
            assert_eq!(result.error, None, "{input}");
            assert_eq!(result.output, expected, "{input}");
        }
    }
}
