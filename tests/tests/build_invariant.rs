//! The fixed-versions-still-build invariant over the corpus: for every file, the output
//! of `--fix --unsafe-fixes` (every rule on) has no step the image model says cannot work
//! (`dockcoach_core::image`: a command the base lacks, an install with no package lists,
//! a privileged step as non-root, a RUN on an image with no shell, ...) that the input
//! did not have. Also reports how many such steps the inputs themselves have.

mod common;

use dockcoach_core::image::ImageModel;
use dockcoach_core::syntax::parse_bytes;
use dockcoach_core::{Applicability, Settings, fix, parse};

#[test]
fn fixing_the_corpus_adds_no_step_that_cannot_work() {
    let Some(dir) = common::corpus_dir() else {
        return;
    };
    let files = common::corpus_files(&dir);
    let settings = Settings::default();
    let mut broken = Vec::new();
    let mut inputs_with_hazards = 0;
    for (name, bytes) in &files {
        let parsed = parse_bytes(bytes);
        let text = parsed.text().to_string();
        let before = ImageModel::of(&parsed);
        if !before.hazards.is_empty() {
            inputs_with_hazards += 1;
            if std::env::var_os("DOCKCOACH_PRINT_HAZARDS").is_some() {
                for h in &before.hazards {
                    let line = parsed.line_index().line_of(h.range.start());
                    eprintln!("hazard {name}:{line}: {:?} {}", h.kind, h.subject);
                }
            }
        }
        let fixed = fix(&text, &settings, Applicability::Unsafe);
        let after = ImageModel::of(&parse(&fixed.output));
        let added = before.added(&after);
        if !added.is_empty() {
            broken.push(format!(
                "{name}: {:?}",
                added
                    .iter()
                    .map(|h| format!("{:?} {}", h.kind, h.subject))
                    .collect::<Vec<_>>()
            ));
        }
    }
    eprintln!(
        "build invariant: {} files, {} with a model-detected hazard as written, {} where fixing adds one",
        files.len(),
        inputs_with_hazards,
        broken.len()
    );
    assert!(broken.is_empty(), "{}", broken.join("\n"));
}
