//! Our shell parser against the one it replaced: every `RUN` script of the corpus is
//! parsed by both (`dockcoach_core::shell::parse` and, behind the `brush-oracle`
//! feature, the brush-parser backend) and the flattened commands must be identical on
//! every script brush accepts, except the deliberate differences listed in
//! [`KNOWN_DIFFERENCES`]. Also prints how long each parser takes on the whole corpus.

mod common;

use std::time::{Duration, Instant};

use dockcoach_core::shell_oracle::shell_source;
use dockcoach_core::shell_oracle::{self as shell, Script};
use dockcoach_core::syntax::{InstructionKind, parse_bytes};
use dockcoach_core::text::OffsetMap;

/// Brush bug: a word that follows a backslash-newline (in a heredoc-form `RUN`, where
/// continuations reach the shell) starts at the blanks before it (`"  -o"`).
const AFTER_CONTINUATION: &str =
    "brush: a word after a line continuation includes the blanks before it";
/// Brush bug: brush moves here-document tokens around, and the token right after a
/// delimiter (`<<EOF cat`, `<<EOF > f`) starts where the delimiter ends, so the word
/// gains a leading blank or the redirection's range starts early.
const AFTER_HEREDOC_TAG: &str =
    "brush: the token after a here-document delimiter starts at the delimiter's end";
/// Brush bug: in `cat <<EOF >> "${HOME}/.bashrc"` brush takes `HOME` for the target and
/// the whole quoted word for an argument.
const SPLIT_AFTER_HEREDOC: &str =
    "brush: a quoted `${...}` word after a here-document is split in two";

/// Corpus scripts on which the two parsers deliberately differ, as (corpus file, a
/// fragment of the script, why). Each is a brush bug; ours follows bash.
const KNOWN_DIFFERENCES: &[(&str, &str, &str)] = &[
    (
        "moby__buildkit/hack__dockerfiles__archutil.Dockerfile",
        "go run ./util/archutil/generate.go \\\n",
        AFTER_CONTINUATION,
    ),
    (
        "moby__buildkit/hack__dockerfiles__generated-files.Dockerfile",
        "| xargs \\\n",
        AFTER_CONTINUATION,
    ),
    (
        "moby__moby/hack__dockerfiles__generate-files.Dockerfile",
        "go build -v \\\n",
        AFTER_CONTINUATION,
    ),
    (
        "containers__buildah/tests__bud__heredoc__Containerfile",
        "5<<FILE1 6<<FILE2 > test6.txt",
        AFTER_HEREDOC_TAG,
    ),
    (
        "containers__buildah/tests__bud__heredoc__Containerfile",
        "5<<file cat",
        AFTER_HEREDOC_TAG,
    ),
    (
        "containers__buildah/tests__bud__heredoc__Containerfile",
        "<<FILE1 cat > test8.1",
        AFTER_HEREDOC_TAG,
    ),
    (
        "docker__awesome-compose/wasmedge-kafka-mysql__etl__Dockerfile",
        "apt-get install -y \\\n",
        AFTER_CONTINUATION,
    ),
    (
        "docker__awesome-compose/wasmedge-mysql-nginx__backend__Dockerfile",
        "apt-get install -y \\\n",
        AFTER_CONTINUATION,
    ),
    (
        "docker__buildx/hack__dockerfiles__lint.Dockerfile",
        "cat <<'eot' > internal",
        AFTER_HEREDOC_TAG,
    ),
    (
        "moby__buildkit/hack__dockerfiles__lint.Dockerfile",
        "cat <<'eot' > internal",
        AFTER_HEREDOC_TAG,
    ),
    (
        "jupyter__docker-stacks/docs__using__recipe_code__oracledb.dockerfile",
        "cat <<EOF >> \"${HOME}/.bashrc\"",
        SPLIT_AFTER_HEREDOC,
    ),
];

/// Every RUN script of the corpus, with the file it comes from.
fn corpus_scripts() -> Option<Vec<(String, String, OffsetMap)>> {
    let dir = common::corpus_dir()?;
    let mut out = Vec::new();
    for (name, bytes) in common::corpus_files(&dir) {
        let parsed = parse_bytes(&bytes);
        for ins in &parsed.instructions {
            let ins = ins.effective();
            if ins.kind != InstructionKind::Run {
                continue;
            }
            if let Some((text, map)) = shell_source(&parsed, ins) {
                out.push((name.clone(), text, map));
            }
        }
    }
    Some(out)
}

fn known(name: &str, text: &str) -> bool {
    KNOWN_DIFFERENCES
        .iter()
        .any(|(file, fragment, _)| *file == name && text.contains(fragment))
}

/// A short description of how two results differ.
fn describe(ours: &Script, theirs: &Script) -> String {
    if ours.error != theirs.error || ours.fallback != theirs.fallback {
        return format!(
            "error/fallback: ours {:?} {} / brush {:?} {}",
            ours.error, ours.fallback, theirs.error, theirs.fallback
        );
    }
    if ours.commands.len() != theirs.commands.len() {
        let names =
            |s: &Script| -> Vec<String> { s.commands.iter().map(|c| c.name.raw.clone()).collect() };
        return format!(
            "{} commands {:?} / brush {} {:?}",
            ours.commands.len(),
            names(ours),
            theirs.commands.len(),
            names(theirs)
        );
    }
    for (a, b) in ours.commands.iter().zip(&theirs.commands) {
        if a != b {
            return format!("ours   {a:?}\nbrush  {b:?}");
        }
    }
    String::new()
}

#[test]
fn our_parser_agrees_with_brush_on_the_corpus() {
    let Some(scripts) = corpus_scripts() else {
        return;
    };
    assert!(!scripts.is_empty(), "no RUN scripts found in the corpus");
    let mut agreed = 0usize;
    let mut known_differing = 0usize;
    let mut brush_rejects = 0usize;
    let mut brush_rejects_we_accept = 0usize;
    let mut differing = Vec::new();
    for (name, text, map) in &scripts {
        let ours = shell::parse(text, map);
        let theirs = shell::parse_with_brush(text, map);
        if theirs.fallback {
            // Brush rejected it (or it tripped one of brush's safety guards): there is
            // nothing to compare against.
            brush_rejects += 1;
            if !ours.fallback {
                brush_rejects_we_accept += 1;
            }
            continue;
        }
        if ours == theirs {
            agreed += 1;
        } else if known(name, text) {
            known_differing += 1;
        } else {
            differing.push(format!("{name}: {text:?}\n{}", describe(&ours, &theirs)));
        }
    }
    // Speed: the whole corpus, each parser in turn, same process.
    let time = |f: &dyn Fn(&str, &OffsetMap) -> Script| -> Duration {
        let start = Instant::now();
        for (_, text, map) in &scripts {
            std::hint::black_box(f(text, map));
        }
        start.elapsed()
    };
    let ours_time = time(&shell::parse);
    let brush_time = time(&shell::parse_with_brush);
    println!(
        "shell differential: {} scripts; brush accepts {}: {} agreed, {} known differences, {} differing; \
         brush rejects {} ({} of them parsed by ours)",
        scripts.len(),
        scripts.len() - brush_rejects,
        agreed,
        known_differing,
        differing.len(),
        brush_rejects,
        brush_rejects_we_accept,
    );
    println!(
        "shell parse time over the corpus: ours {:?}, brush {:?} (brush / ours = {:.1}x)",
        ours_time,
        brush_time,
        brush_time.as_secs_f64() / ours_time.as_secs_f64().max(1e-9)
    );
    assert!(
        differing.is_empty(),
        "{} scripts differ:\n\n{}",
        differing.len(),
        differing
            .iter()
            .take(30)
            .cloned()
            .collect::<Vec<_>>()
            .join("\n\n")
    );
}
