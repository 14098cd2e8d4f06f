use super::{Checker, Onbuild};
use crate::syntax::{Args, InstructionKind};
use crate::text::TextRange;
use std::collections::HashMap;

declare_rule! {
    /// ## What it does
    /// Checks for a tar archive copied with `COPY` and then unpacked with `tar -x` in a
    /// later `RUN` of the same stage.
    ///
    /// ## Why is this bad?
    /// The copied archive stays in the `COPY` layer even when the `RUN` deletes it, so the
    /// image carries the archive and its contents. `ADD` unpacks a local tar archive
    /// (plain, gzip, bzip2 or xz) in one step and keeps only the contents.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM debian:12
    /// COPY app.tar.gz /tmp/
    /// RUN tar -xzf /tmp/app.tar.gz -C /opt && rm /tmp/app.tar.gz
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM debian:12
    /// ADD app.tar.gz /opt/
    /// ```
    ///
    /// ## Deviations from hadolint
    /// hadolint also reports archives unpacked with `unzip`, `gunzip` and similar tools,
    /// which `ADD` does not unpack (it only unpacks tar archives). dockcoach reports only
    /// `tar -x`:
    ///
    /// ```dockerfile
    /// FROM debian:12
    /// COPY app.zip /tmp/
    /// RUN unzip /tmp/app.zip -d /opt
    /// ```
    ///
    /// is reported by hadolint only.
    ///
    /// ## References
    /// - [Docker docs: ADD or COPY](https://docs.docker.com/build/building/best-practices/#add-or-copy)
    /// - hadolint `DL3010`
    pub static META = {
        code: "DL3010",
        name: "copied-archive-extracted",
        aliases: [],
        severity: Info,
        category: Performance,
        fix: None,
    }
}

const TAR_EXTENSIONS: &[&str] = &[
    ".tar",
    ".tar.gz",
    ".tgz",
    ".tar.bz2",
    ".tbz",
    ".tbz2",
    ".tb2",
    ".tar.xz",
    ".txz",
    ".tar.z",
    ".tz",
    ".tar.lz",
    ".tlz",
    ".tar.lzma",
];

fn basename(path: &str) -> &str {
    let path = path.trim_matches(|ch| ch == '"' || ch == '\'');
    path.rsplit(['/', '\\']).next().unwrap_or(path)
}

fn is_tar(path: &str) -> bool {
    let lower = path.to_ascii_lowercase();
    TAR_EXTENSIONS.iter().any(|ext| lower.ends_with(ext))
}

pub(super) fn check(c: &Checker) {
    // Archives copied in the current stage and not reported yet: basename -> the ranges
    // of its sources. A map, so a file of many COPYs and `tar x` RUNs stays linear.
    let mut copied: HashMap<String, Vec<TextRange>> = HashMap::new();
    for (index, ins) in c.walk(Onbuild::Skip) {
        match (ins.kind, &ins.args) {
            (InstructionKind::From, _) => copied.clear(),
            (InstructionKind::Copy, Args::List { items, .. }) if ins.flag("from").is_none() => {
                let [sources @ .., dest] = items.as_slice() else {
                    continue;
                };
                let archives = if is_tar(&dest.text) {
                    std::slice::from_ref(dest)
                } else {
                    sources
                };
                for archive in archives.iter().filter(|s| is_tar(&s.text)) {
                    copied
                        .entry(basename(&archive.text).to_string())
                        .or_default()
                        .push(archive.range);
                }
            }
            (InstructionKind::Run, _) if !copied.is_empty() => {
                let Some(script) = c.script(index) else {
                    continue;
                };
                for cmd in &script.commands {
                    // Ex) tar -xzf x.tgz, tar --extract -f x.tar, tar xzf x.tgz
                    let old_style = cmd.args.first().is_some_and(|f| {
                        f.value.contains('x') && f.value.chars().all(|ch| ch.is_ascii_alphabetic())
                    });
                    let extracts = cmd.name() == "tar"
                        && (old_style
                            || cmd.args.iter().any(|w| {
                                w.value == "--extract"
                                    || w.value == "--get"
                                    || (w.value.starts_with('-')
                                        && !w.value.starts_with("--")
                                        && w.value.contains('x'))
                            }));
                    if !extracts {
                        continue;
                    }
                    // Ex) COPY app.tar.gz /tmp/ ... RUN tar -xzf /tmp/app.tar.gz
                    for word in &cmd.args {
                        let Some(ranges) = copied.get_mut(basename(&word.value)) else {
                            continue;
                        };
                        for range in ranges.drain(..) {
                            c.report(&META, range, "This archive is copied and then unpacked in a `RUN`; `ADD` unpacks it without keeping the archive");
                        }
                    }
                }
            }
            _ => {}
        }
    }
}
