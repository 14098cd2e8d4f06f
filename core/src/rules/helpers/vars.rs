//! ARG and ENV names as rules see them: the names declared before an instruction, the
//! variable references BuildKit expands in a word, the arguments it predefines, and
//! substituting known variables in a text.

use crate::collections::StrMap;
use crate::model::{VarDeclaration, VarKind};
use crate::rules::Checker;
use crate::syntax::Span;
use crate::syntax::{Args, Instruction, InstructionKind};
use crate::text::TextRange;

/// Which declarations a [`DeclaredVars`] counts.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) enum Declared {
    /// `ARG` and `ENV`, ONBUILD triggers included.
    #[default]
    ArgOrEnvWithOnbuild,
    /// `ARG` and `ENV` of this image's own build.
    ArgOrEnv,
    /// `ARG` of this image's own build.
    Arg,
}

impl Declared {
    fn counts(self, d: &VarDeclaration) -> bool {
        match self {
            Declared::ArgOrEnvWithOnbuild => true,
            Declared::ArgOrEnv => !d.onbuild,
            Declared::Arg => !d.onbuild && d.kind == VarKind::Arg,
        }
    }
}

/// The names declared anywhere in the file before an instruction (hadolint's reading of
/// variable scope, which ignores stages), from the model's record of every `ARG` and
/// `ENV`, kept as a walk moves forward: asking again for each later instruction only
/// reads the declarations in between, so a rule that asks per instruction stays linear.
#[derive(Default)]
pub(crate) struct DeclaredVars {
    which: Declared,
    next: usize,
    names: crate::collections::StrSet,
}

impl DeclaredVars {
    pub(crate) fn new(which: Declared) -> Self {
        DeclaredVars {
            which,
            ..DeclaredVars::default()
        }
    }

    /// The names declared before instruction `index` (which must not go backwards).
    pub(crate) fn before(&mut self, c: &Checker, index: usize) -> &crate::collections::StrSet {
        for d in c.model.vars.iter().skip(self.next) {
            if d.instruction >= index {
                break;
            }
            self.next += 1;
            if self.which.counts(d) {
                self.names.insert(d.name.clone());
            }
        }
        &self.names
    }
}

/// The ARG and ENV values in scope as a walk moves through the file, per stage: each
/// `FROM` starts again from the global ARGs; an `ENV`, or an `ARG` with a default, sets
/// a value; an `ARG` without one declares the name unless it is already set (DL3020 and
/// DL3046 read `${VAR}` in paths and UIDs this way).
#[derive(Default)]
pub(crate) struct StageValues {
    values: StrMap<Option<String>>,
}

impl StageValues {
    /// Takes `ins` into account; call it for every instruction, in walk order, before
    /// looking at the values.
    pub(crate) fn step(&mut self, c: &Checker, ins: &Instruction) {
        match (ins.kind, &ins.args) {
            (InstructionKind::From, _) => self.values = c.model.global_args.clone(),
            (InstructionKind::Arg | InstructionKind::Env, Args::Pairs(pairs)) => {
                for p in pairs {
                    let value = p.value_unquoted(c.parsed.escape);
                    if ins.kind == InstructionKind::Env
                        || value.is_some()
                        || !self.values.contains_key(&p.key.text)
                    {
                        self.values.insert(p.key.text.clone(), value);
                    }
                }
            }
            _ => {}
        }
    }

    /// The values in scope after the last instruction stepped over.
    pub(crate) fn get(&self) -> &StrMap<Option<String>> {
        &self.values
    }
}

/// `text` with `$NAME` and `${NAME}` of the `known` variables replaced by `value`.
pub(crate) fn substitute_vars(
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

/// The arguments BuildKit defines for `FROM` without an `ARG`.
pub(crate) const PLATFORM_ARGS: &[&str] = &[
    "BUILDPLATFORM",
    "BUILDOS",
    "BUILDARCH",
    "BUILDVARIANT",
    "TARGETPLATFORM",
    "TARGETOS",
    "TARGETARCH",
    "TARGETVARIANT",
    "TARGETSTAGE",
];

/// A `$NAME` or `${NAME...}` reference in a word.
pub(crate) struct VarRef {
    pub name: String,
    /// Byte range of the whole reference in the scanned text.
    pub range: TextRange,
}

/// The variable references BuildKit's word expansion would look up in `text`: escaped
/// dollars and single-quoted text are skipped, `${A:-$B}` yields both `A` and `B`.
pub(crate) fn variable_refs(text: &str, escape: char) -> Vec<VarRef> {
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
pub(crate) fn ref_range(text: &str, span: &Span, r: &VarRef) -> TextRange {
    if span.range.slice(text) == span.text {
        r.range.shift(span.range.start())
    } else {
        span.range
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
