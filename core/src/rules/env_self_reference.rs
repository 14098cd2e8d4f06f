use super::Checker;
use crate::syntax::InstructionKind;
use crate::collections::StrSet;

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

pub(super) fn check(c: &mut Checker) {
    let mut defined: StrSet = StrSet::new();
    let mut found = Vec::new();
    // hadolint does not look into ONBUILD here.
    for ins in &c.parsed.instructions {
        match ins.kind {
            InstructionKind::Arg => {
                for pair in ins.pairs() {
                    defined.insert(pair.key.text.clone());
                }
            }
            InstructionKind::Env => {
                let pairs = ins.pairs();
                for (i, pair) in pairs.iter().enumerate() {
                    let name = &pair.key.text;
                    if defined.contains(name) {
                        continue;
                    }
                    // Ex) ENV A=1 B=$A
                    let user = pairs.iter().enumerate().find(|(j, other)| {
                        *j != i && other.value.as_ref().is_some_and(|v| refers_to(&v.text, name))
                    });
                    if let Some((_, other)) = user {
                        let range = other.value.as_ref().map_or(other.range, |v| v.range);
                        found.push((range, name.clone()));
                        break;
                    }
                }
                for pair in pairs {
                    defined.insert(pair.key.text.clone());
                }
            }
            _ => {}
        }
    }
    for (range, name) in found {
        c.report(
            &META,
            range,
            format!("`${name}` is defined by this same `ENV`, so the value used here is the old one"),
        );
    }
}
