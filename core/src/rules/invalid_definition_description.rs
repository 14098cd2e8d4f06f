use super::{Checker, Onbuild};
use crate::syntax::{Args, InstructionKind};

declare_rule! {
    /// ## What it does
    /// Checks for a comment right above `FROM ... AS name` or `ARG NAME` that does not
    /// start with that name.
    ///
    /// ## Why is this bad?
    /// `docker build --call=outline` and `--call=targets` show the comment directly above
    /// a stage or an argument as its description when it starts with the name
    /// (`# VERSION of the app`). Any other comment there is shown as a description too or
    /// is lost; separate it with an empty line if it is not meant as one.
    ///
    /// This check is experimental in BuildKit and off by default in dockcoach as well.
    ///
    /// ## Example
    /// ```dockerfile
    /// # compile the sources
    /// FROM golang:1.22 AS build
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// # build compiles the sources
    /// FROM golang:1.22 AS build
    /// ```
    ///
    /// ## References
    /// - [Docker build checks: InvalidDefinitionDescription](https://docs.docker.com/go/dockerfile/rule/invalid-definition-description/)
    pub static META = {
        code: "InvalidDefinitionDescription",
        name: "invalid-definition-description",
        aliases: [],
        severity: Warning,
        category: Style,
        fix: None,
        default_enabled: false,
    }
}

pub(super) fn check(c: &Checker) {
    let index = c.parsed.line_index();
    for (_, ins) in c.walk(Onbuild::Skip) {
        let keys: Vec<String> = match (&ins.kind, &ins.args) {
            (InstructionKind::From, Args::From(f)) => match &f.alias {
                Some(a) => vec![crate::case::to_lowercase(&a.text)],
                None => continue,
            },
            (InstructionKind::Arg, Args::Pairs(pairs)) => {
                pairs.iter().map(|p| p.key.text.clone()).collect()
            }
            _ => continue,
        };
        let line = index.line_of(ins.range.start());
        if line == 0 {
            continue;
        }
        // The comment on the line right above the instruction.
        let Some(comment) = c
            .parsed
            .comments
            .iter()
            .find(|cm| !cm.inside_instruction && index.line_of(cm.range.start()) + 1 == line)
        else {
            continue;
        };
        let first = comment.text.split(' ').next().unwrap_or("");
        // Ex) # compile the sources \n FROM golang AS build
        if keys.iter().any(|k| k == first) {
            continue;
        }
        let example = if keys.len() > 1 {
            "<arg_key>"
        } else {
            keys.first().map_or("", |k| k.as_str())
        };
        c.report(
            &META,
            comment.range,
            format!(
                "The comment above `{}` is read as its description but does not start with `{example}`",
                ins.kind.as_str()
            ),
        );
    }
}
