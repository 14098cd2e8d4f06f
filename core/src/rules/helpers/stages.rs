//! Facts about stages as the rules need them: instructions repeated in a stage, a
//! stage's BusyBox base, and per-stage flags keyed as hadolint keys stages.

use crate::collections::StrMap;
use crate::rules::{Checker, Onbuild};
use crate::syntax::InstructionKind;

/// The keywords of every `kind` instruction that an earlier `kind` of the same stage
/// already set (only the last one of a stage takes effect), in file order. ONBUILD ones
/// are left alone, as hadolint does.
pub(crate) fn repeated_in_stage<'c>(
    c: &'c Checker,
    kind: InstructionKind,
) -> impl Iterator<Item = crate::text::TextRange> + 'c {
    let mut seen = false;
    c.walk(Onbuild::Skip).filter_map(move |(_, ins)| {
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

/// A flag per stage as hadolint tracks it: a stage is keyed by its alias, or by its base
/// image's name ([`stage_key`]) when unnamed, and a stage built `FROM` a named one starts
/// with that stage's flag (WORKDIR set, pip cache disabled...).
pub(crate) struct StageFlags {
    flags: StrMap<bool>,
    current: String,
    /// The current stage's flag.
    pub(crate) on: bool,
}

impl StageFlags {
    pub(crate) fn new() -> Self {
        StageFlags {
            flags: StrMap::new(),
            current: String::new(),
            on: false,
        }
    }

    /// Enters the stage that instruction `index` (a FROM) starts.
    pub(crate) fn enter(&mut self, c: &Checker, index: usize) {
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
    pub(crate) fn set(&mut self) {
        self.flags.insert(self.current.clone(), true);
        self.on = true;
    }
}

/// The name hadolint gives an unnamed stage: the image without registry, tag or digest.
pub(crate) fn stage_key(base: &str) -> String {
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

/// Whether stage `s` is stage `stage` or is built on it (through `FROM` of earlier
/// stages).
pub(crate) fn builds_on(c: &Checker, mut s: usize, stage: usize) -> bool {
    loop {
        if s == stage {
            return true;
        }
        match c.model.stages.get(s).and_then(|x| x.parent) {
            // A parent is always an earlier stage, so the walk ends.
            Some(p) if p < s => s = p,
            _ => return false,
        }
    }
}
