use super::helpers::{Declared, DeclaredVars};
use super::{Checker, Onbuild};
use crate::syntax::{InstructionKind, KeyValue};
use std::collections::HashMap;

declare_rule! {
    /// ## What it does
    /// Checks for an `ENV` that refers to a variable it defines itself
    /// (`ENV A=1 B=$A`), unless an earlier `ENV` or `ARG` already defined it.
    ///
    /// ## Why is this bad?
    /// All values of one `ENV` are expanded before any of its variables is set, so `$A`
    /// in `ENV A=1 B=$A` is the *old* value of `A` (usually empty), not `1`.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM debian:12
    /// ENV APP_HOME=/opt/app APP_BIN=$APP_HOME/bin
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM debian:12
    /// ENV APP_HOME=/opt/app
    /// ENV APP_BIN=$APP_HOME/bin
    /// ```
    ///
    /// ## References
    /// - [Dockerfile reference: ENV](https://docs.docker.com/reference/dockerfile/#env)
    /// - hadolint `DL3044`
    pub static META = {
        code: "DL3044",
        name: "env-self-reference",
        aliases: [],
        severity: Error,
        category: BestPractice,
        fix: None,
    }
}

/// True when `text` refers to `$name` or `${name}`.
fn is_identifier(name: &str) -> bool {
    !name.is_empty() && name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_')
}

/// For one `ENV`: each identifier its values refer to as `$NAME` or `${NAME}`, with the
/// pairs that do, in order. Built in one pass, so an `ENV` of many pairs is not checked
/// pair against pair.
fn references(pairs: &[KeyValue]) -> HashMap<&str, Vec<usize>> {
    let mut index: HashMap<&str, Vec<usize>> = HashMap::new();
    for (j, pair) in pairs.iter().enumerate() {
        let Some(value) = &pair.value else { continue };
        let text = value.text.as_str();
        for (at, _) in text.match_indices('$') {
            let rest = text.get(at + 1..).unwrap_or("");
            let name = match rest.strip_prefix('{') {
                Some(inner) => inner.split_once('}').map_or("", |(name, _)| name),
                None => {
                    let end = rest
                        .find(|ch: char| !(ch.is_ascii_alphanumeric() || ch == '_'))
                        .unwrap_or(rest.len());
                    rest.get(..end).unwrap_or("")
                }
            };
            if is_identifier(name) {
                index.entry(name).or_default().push(j);
            }
        }
    }
    index
}

pub(super) fn check(c: &Checker) {
    // The names an earlier ARG or ENV declared; hadolint does not look into ONBUILD here.
    let mut declared = DeclaredVars::new(Declared::ArgOrEnv);
    for (position, ins) in c.walk(Onbuild::Skip) {
        if ins.kind != InstructionKind::Env {
            continue;
        }
        let defined = declared.before(c, position);
        let pairs = ins.pairs();
        let index = references(pairs);
        for (i, pair) in pairs.iter().enumerate() {
            let name = &pair.key.text;
            if defined.contains(name) {
                continue;
            }
            // Ex) ENV A=1 B=$A   (a name that is not an identifier, `ENV a.b=1`,
            // cannot be referenced as `$NAME`: the shell and BuildKit stop at `.`)
            let Some(other) = index
                .get(name.as_str())
                .and_then(|users| users.iter().find(|&&j| j != i))
                .and_then(|&j| pairs.get(j))
            else {
                continue;
            };
            let range = other.value.as_ref().map_or(other.range, |v| v.range);
            c.report(
                &META,
                range,
                format!(
                    "`${name}` is defined by this same `ENV`, so the value used here is the old one"
                ),
            );
            break;
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    /// The first check: a value refers to `name` when it holds `${name}`, or `$name` not
    /// followed by an identifier character.
    fn refers_to(text: &str, name: &str) -> bool {
        if text.contains(&format!("${{{name}}}")) {
            return true;
        }
        let bare = format!("${name}");
        let mut rest = text;
        while let Some(at) = rest.find(&bare) {
            let after = rest.get(at + bare.len()..).unwrap_or("");
            if !after.starts_with(|ch: char| ch.is_ascii_alphanumeric() || ch == '_') {
                return true;
            }
            rest = after;
        }
        false
    }

    /// The one-pass index finds, for every identifier, the same first other pair as
    /// checking each pair's value with `refers_to`, on random `ENV`s.
    #[test]
    fn the_index_agrees_with_refers_to() {
        const PIECES: &[&str] = &[
            "a", "b", "ab", "A_1", "$", "{", "}", "${", "$a", "$b", "${a}", "${ab}", "${a:-x}",
            "_", "1", ".", "-", "$$", "\\\"", "x",
        ];
        let mut rng = crate::testing::Rng(0xe5e1_f0e5);
        for _ in 0..3_000 {
            let mut line = String::from("FROM x\nENV");
            for k in 0..1 + rng.below(5) {
                let value: String = (0..rng.below(6)).map(|_| rng.pick(PIECES)).collect();
                let key = ["a", "b", "ab", "A_1", "c"][k % 5];
                line.push_str(&format!(" {key}=\"{value}\""));
            }
            let parsed = crate::parse(&line);
            let Some(env) = parsed.instructions.get(1) else {
                continue;
            };
            let pairs = env.pairs();
            let index = references(pairs);
            for (i, pair) in pairs.iter().enumerate() {
                let name = pair.key.text.as_str();
                if !is_identifier(name) {
                    continue;
                }
                let slow = pairs.iter().enumerate().position(|(j, other)| {
                    j != i
                        && other
                            .value
                            .as_ref()
                            .is_some_and(|v| refers_to(&v.text, name))
                });
                let fast = index
                    .get(name)
                    .and_then(|users| users.iter().copied().find(|&j| j != i));
                assert_eq!(fast, slow, "{line}");
            }
        }
    }
}
