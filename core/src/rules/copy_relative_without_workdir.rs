use super::helpers::StageFlags;
use super::{Checker, Onbuild};
use crate::syntax::{Args, InstructionKind};

declare_rule! {
    /// ## What it does
    /// Checks for a `COPY` to a relative destination in a stage where no `WORKDIR` has
    /// been set (in the stage or in the stage it builds on).
    ///
    /// ## Why is this bad?
    /// A relative destination is resolved against the working directory, which then is
    /// whatever the base image chose (often `/`). A new base image version can move the
    /// files without any change to the Dockerfile.
    ///
    /// Destinations that start with `/`, a Windows drive (`C:\`, `C:/`) or a variable
    /// (`$APP`) are not reported.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM node:22
    /// COPY package.json app/
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM node:22
    /// WORKDIR /usr/src
    /// COPY package.json app/
    /// ```
    ///
    /// ## References
    /// - [Dockerfile reference: WORKDIR](https://docs.docker.com/reference/dockerfile/#workdir)
    /// - hadolint `DL3045`
    pub static META = {
        code: "DL3045",
        name: "copy-relative-without-workdir",
        aliases: [],
        severity: Warning,
        category: BestPractice,
        fix: None,
    }
}

fn is_absolute_or_variable(dest: &str) -> bool {
    let dest = dest.trim_matches(['"', '\'']);
    let after_drive = dest.get(1..).unwrap_or("");
    dest.starts_with('/')
        || dest.starts_with('$')
        || after_drive.starts_with(":\\")
        || after_drive.starts_with(":/")
}

pub(super) fn check(c: &Checker) {
    // hadolint keys stages by alias, or by image name for unnamed stages, and lets a
    // stage inherit the WORKDIR of the stage whose name its FROM names.
    let mut workdir_set = StageFlags::new();
    for (index, ins) in c.walk(Onbuild::Skip) {
        match ins.kind {
            InstructionKind::From => workdir_set.enter(c, index),
            InstructionKind::Workdir if !workdir_set.on => workdir_set.set(),
            InstructionKind::Copy => {
                if workdir_set.on {
                    continue;
                }
                let Args::List { items, .. } = &ins.args else {
                    continue;
                };
                let Some(dest) = items.last() else { continue };
                // Ex) COPY package.json app/
                if items.len() < 2 || is_absolute_or_variable(&dest.text) {
                    continue;
                }
                c.report(
                    &META,
                    dest.range,
                    format!(
                        "`COPY` to the relative path `{}` before any `WORKDIR` is set in this stage",
                        dest.text
                    ),
                );
            }
            _ => {}
        }
    }
}
