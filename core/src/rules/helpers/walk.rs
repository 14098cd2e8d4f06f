//! Walking RUN instructions and what they mount: which instructions run, which run a
//! command, and their cache mounts.

use crate::rules::{Checker, Onbuild};
use crate::syntax::{Instruction, InstructionKind};

/// Indices of the RUN instructions, ONBUILD RUN included.
pub(crate) fn runs(c: &Checker) -> Vec<usize> {
    c.walk(Onbuild::Trigger)
        .filter(|(_, ins)| ins.kind == InstructionKind::Run)
        .map(|(i, _)| i)
        .collect()
}

/// The name ranges of the commands called `name` (by basename) in every RUN script, in
/// file order.
pub(crate) fn command_name_ranges<'c>(
    c: &'c Checker,
    name: &'c str,
) -> impl Iterator<Item = crate::text::TextRange> + 'c {
    c.run_commands()
        .filter(move |cmd| cmd.name() == name)
        .map(|cmd| cmd.name.range)
}

/// True when some instruction after `index` runs a command named in `names`.
pub(crate) fn runs_later(c: &Checker, index: usize, names: &[&str]) -> bool {
    (index + 1..c.parsed.instructions.len()).any(|i| {
        c.script(i)
            .is_some_and(|s| s.commands.iter().any(|cmd| names.contains(&cmd.name())))
    })
}

/// The targets of the RUN's `--mount=type=cache,...` flags.
pub(crate) fn cache_mount_targets(ins: &Instruction) -> impl Iterator<Item = &str> {
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
pub(crate) fn has_cache_mount(ins: &Instruction, needle: &str) -> bool {
    cache_mount_targets(ins).any(|t| t.contains(needle))
}

/// True when the RUN mounts a cache on `dir` or a directory under it.
pub(crate) fn has_cache_mount_under(ins: &Instruction, dir: &str) -> bool {
    cache_mount_targets(ins).any(|t| t.starts_with(dir))
}
