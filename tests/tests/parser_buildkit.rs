//! The parser against BuildKit: its conformance pairs, and the cached output of
//! BuildKit's own parser over the corpus (`tests/data/buildkit-oracle.jsonl`, made by
//! `scripts/oracle/buildkit_oracle.py`).

mod common;

use dockcoach_core::syntax::parse_bytes;

#[test]
fn buildkit_conformance_pairs_match() {
    let Some(dir) = common::corpus_dir() else {
        return;
    };
    let bk = dir.join("moby__buildkit");
    let mut checked = 0;
    let mut failures = Vec::new();
    let mut entries: Vec<_> = std::fs::read_dir(&bk)
        .expect("buildkit dir")
        .filter_map(Result::ok)
        .collect();
    entries.sort_by_key(|e| e.path());
    for entry in entries {
        let path = entry.path();
        let name = path
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or("")
            .to_string();
        let Some(stem) = name.strip_suffix("__result") else {
            continue;
        };
        let dockerfile = bk.join(format!("{stem}__Dockerfile"));
        let expected = std::fs::read_to_string(&path).expect("result");
        let input = std::fs::read(&dockerfile).expect("Dockerfile");
        let parsed = parse_bytes(&input);
        let got = parsed.buildkit_dump();
        checked += 1;
        if got.trim() != expected.trim() || !parsed.errors.is_empty() {
            failures.push(format!(
                "== {stem}\n-- expected\n{expected}\n-- got\n{got}\n-- errors {:?}",
                parsed.errors
            ));
        }
    }
    assert_eq!(checked, 33, "BuildKit ships 33 conformance pairs");
    assert!(
        failures.is_empty(),
        "{} of {checked} differ:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
