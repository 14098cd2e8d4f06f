//! Every corpus file: no panic, exact round trip, agreement with BuildKit's parser,
//! and the fix invariants (`--fix --unsafe-fixes` adds no syntax error and a second run
//! changes nothing).

mod common;

use dockcoach_core::syntax::parse_bytes;
use dockcoach_core::{Applicability, Settings, fix, lint};
use serde_json::Value;
use std::collections::BTreeMap;

fn oracle() -> BTreeMap<String, Value> {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/data/buildkit-oracle.jsonl");
    let text = std::fs::read_to_string(path).expect("tests/data/buildkit-oracle.jsonl");
    text.lines()
        .skip(1)
        .filter_map(|l| serde_json::from_str::<Value>(l).ok())
        .filter_map(|v| Some((v.get("file")?.as_str()?.to_string(), v)))
        .collect()
}

#[test]
fn corpus_round_trips_and_agrees_with_buildkit() {
    let Some(dir) = common::corpus_dir() else {
        return;
    };
    let files = common::corpus_files(&dir);
    let oracle = oracle();
    assert!(
        files.len() >= 2500,
        "expected the whole corpus, found {} files",
        files.len()
    );
    let mut disagreements = Vec::new();
    let mut checked_ok = 0;
    let mut checked_err = 0;
    for (name, bytes) in &files {
        let parsed = parse_bytes(bytes);
        assert_eq!(parsed.print(), parsed.text(), "{name}: round trip");
        if !parsed.lossy {
            assert_eq!(
                parsed.text().as_bytes(),
                bytes.as_slice(),
                "{name}: text differs from the file"
            );
        }
        let Some(expected) = oracle.get(name) else {
            disagreements.push(format!("{name}: not in the oracle (regenerate tests/data)"));
            continue;
        };
        if expected["ok"].as_bool() == Some(true) {
            checked_ok += 1;
            if !parsed.errors.is_empty() {
                disagreements.push(format!(
                    "{name}: BuildKit parses it, we report {:?}",
                    parsed.errors
                ));
                continue;
            }
            let ours: Vec<(String, u64, u64)> = parsed
                .instructions
                .iter()
                .map(|ins| {
                    let mut kw = ins.keyword.text.to_uppercase();
                    if let dockcoach_core::syntax::Args::Onbuild(inner) = &ins.args {
                        kw = format!("{kw} {}", inner.keyword.text.to_uppercase());
                    }
                    (kw, ins.start_line as u64, ins.end_line as u64)
                })
                .collect();
            let theirs: Vec<(String, u64, u64)> = expected["instructions"]
                .as_array()
                .map(|a| {
                    a.iter()
                        .map(|i| {
                            (
                                i[0].as_str().unwrap_or("").to_string(),
                                i[1].as_u64().unwrap_or(0),
                                i[2].as_u64().unwrap_or(0),
                            )
                        })
                        .collect()
                })
                .unwrap_or_default();
            if ours != theirs {
                let first = ours.iter().zip(&theirs).find(|(a, b)| a != b);
                disagreements.push(format!(
                    "{name}: {} vs {} instructions; first difference {first:?}",
                    ours.len(),
                    theirs.len()
                ));
            }
        } else {
            checked_err += 1;
            let line = expected["line"].as_u64().unwrap_or(0).max(1) as u32;
            let lines: Vec<u32> = parsed
                .errors
                .iter()
                .map(|e| parsed.line_of(e.range.start()))
                .collect();
            if !lines.contains(&line) {
                disagreements.push(format!(
                    "{name}: BuildKit rejects it at line {line} ({}); our errors are at {lines:?}",
                    expected["error"]
                ));
            }
        }
    }
    eprintln!(
        "BuildKit agreement: {checked_ok} parsed files, {checked_err} rejected files checked"
    );
    assert!(
        disagreements.is_empty(),
        "{} disagreements:\n{}",
        disagreements.len(),
        disagreements.join("\n")
    );
}

#[test]
fn corpus_fix_is_idempotent_and_never_breaks_a_file() {
    let Some(dir) = common::corpus_dir() else {
        return;
    };
    let settings = Settings::default();
    let mut problems = Vec::new();
    let mut changed = 0;
    for (name, bytes) in common::corpus_files(&dir) {
        let Ok(text) = String::from_utf8(bytes) else {
            continue;
        };
        let before = parse_bytes(text.as_bytes()).errors.len();
        let once = fix(&text, &settings, Applicability::Unsafe);
        let after = dockcoach_core::parse(&once.output).errors.len();
        if after > before {
            problems.push(format!("{name}: fixing added a syntax error"));
        }
        if let Some(e) = &once.error {
            problems.push(format!("{name}: {e}"));
        }
        let twice = fix(&once.output, &settings, Applicability::Unsafe);
        if twice.output != once.output {
            problems.push(format!("{name}: a second fix run changed the text again"));
        }
        if once.output != text {
            changed += 1;
        }
        // Whatever remains fixable at this mode was not applied: a sign of a stuck fix.
        let parsed = dockcoach_core::parse(&once.output);
        let stuck: Vec<_> = lint(&parsed, &settings)
            .into_iter()
            .filter(|d| d.fix.is_some())
            .map(|d| d.code())
            .collect();
        if !stuck.is_empty() && once.error.is_none() {
            problems.push(format!(
                "{name}: fixable findings remain after fixing: {stuck:?}"
            ));
        }
    }
    eprintln!("fix run changed {changed} corpus files");
    assert!(
        problems.is_empty(),
        "{} problems:\n{}",
        problems.len(),
        problems.join("\n")
    );
}
