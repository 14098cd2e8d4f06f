//! Helpers shared by the cross-crate tests.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

/// The shared corpus: `$DOCKCOACH_CORPUS`, else `../shared/corpus` beside the repository.
/// In CI the corpus must exist; elsewhere its absence is reported loudly and the test
/// returns `None`.
pub fn corpus_dir() -> Option<PathBuf> {
    let dir = match std::env::var_os("DOCKCOACH_CORPUS") {
        Some(d) => PathBuf::from(d),
        None => Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/corpus"),
    };
    if dir.join("MANIFEST.tsv").is_file() {
        return Some(dir);
    }
    if std::env::var_os("CI").is_some() {
        panic!(
            "the corpus is missing at {} (CI always has it)",
            dir.display()
        );
    }
    eprintln!(
        "\n!!!!!!!! CORPUS MISSING: {} not found; corpus tests did NOT run !!!!!!!!\n",
        dir.display()
    );
    None
}

/// Every corpus Dockerfile (not MANIFEST/README, not BuildKit's `result` dumps), sorted,
/// as (path relative to the corpus, bytes).
pub fn corpus_files(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut out = Vec::new();
    let mut repos: Vec<_> = std::fs::read_dir(dir)
        .map(|r| r.filter_map(Result::ok).map(|e| e.path()).collect())
        .unwrap_or_default();
    repos.sort();
    for repo in repos.into_iter().filter(|p| p.is_dir()) {
        let mut files: Vec<_> = std::fs::read_dir(&repo)
            .map(|r| r.filter_map(Result::ok).map(|e| e.path()).collect())
            .unwrap_or_default();
        files.sort();
        for f in files {
            let name = f.file_name().and_then(|n| n.to_str()).unwrap_or("");
            if name.ends_with("__result") {
                continue;
            }
            let rel = f
                .strip_prefix(dir)
                .unwrap_or(&f)
                .to_string_lossy()
                .into_owned();
            if let Ok(bytes) = std::fs::read(&f) {
                out.push((rel, bytes));
            }
        }
    }
    out
}
