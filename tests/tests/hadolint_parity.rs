//! Parity with hadolint 2.15.1 over the corpus, measured per DL rule as precision and
//! recall of dockcoach against hadolint by (file, instruction start line, code).
//!
//! hadolint's findings are cached in `tests/data/hadolint-2.15.1.jsonl` (made by
//! `scripts/oracle/hadolint_oracle.py`). Files hadolint cannot parse are left out here.
//! A rule with at least `MIN_FINDINGS` hadolint findings must reach `THRESHOLD` on both
//! measures, unless its documentation has a `## Deviations from hadolint` section that
//! explains the difference with an example. ShellCheck (`SC*`) findings are not compared.
//!
//! Run `cargo test --release -p dockcoach-tests --test hadolint_parity -- --nocapture` to
//! see the table.

mod common;

use dockcoach_core::syntax::parse_bytes;
use dockcoach_core::{Settings, lint, rules};
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};

const THRESHOLD: f64 = 0.99;
const MIN_FINDINGS: usize = 5;

type Key = (String, u64, String);

#[derive(Default)]
struct Counts {
    tp: usize,
    fp: usize,
    fn_: usize,
}

#[test]
fn dl_rules_agree_with_hadolint() {
    let Some(dir) = common::corpus_dir() else {
        return;
    };
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/data/hadolint-2.15.1.jsonl");
    let data = std::fs::read_to_string(path).expect("tests/data/hadolint-2.15.1.jsonl");
    let mut theirs: BTreeSet<Key> = BTreeSet::new();
    let mut parsable: BTreeSet<String> = BTreeSet::new();
    for line in data.lines().skip(1) {
        let Ok(v) = serde_json::from_str::<Value>(line) else {
            continue;
        };
        let file = v["file"].as_str().unwrap_or("").to_string();
        if v.get("parse_error").is_some() {
            continue;
        }
        for f in v["findings"].as_array().into_iter().flatten() {
            let code = f[0].as_str().unwrap_or("").to_string();
            if code.starts_with("DL") {
                theirs.insert((file.clone(), f[1].as_u64().unwrap_or(0), code));
            }
        }
        parsable.insert(file);
    }

    let implemented: BTreeSet<&str> = rules()
        .iter()
        .map(|r| r.code)
        .filter(|c| c.starts_with("DL"))
        .collect();
    let settings = Settings::default();
    let mut ours: BTreeSet<Key> = BTreeSet::new();
    for (name, bytes) in common::corpus_files(&dir) {
        if !parsable.contains(&name) {
            continue;
        }
        let parsed = parse_bytes(&bytes);
        for d in lint(&parsed, &settings) {
            if !d.code().starts_with("DL") || d.code() == "DL1000" {
                continue;
            }
            // hadolint reports the first line of the instruction.
            let line = parsed
                .instructions
                .iter()
                .find(|ins| ins.range.start <= d.range.start && d.range.start <= ins.range.end)
                .map_or_else(|| parsed.line_of(d.range.start()), |ins| ins.start_line);
            ours.insert((name.clone(), line as u64, d.code().to_string()));
        }
    }

    let mut by_code: BTreeMap<String, Counts> = BTreeMap::new();
    for k in ours.union(&theirs) {
        let c = by_code.entry(k.2.clone()).or_default();
        match (ours.contains(k), theirs.contains(k)) {
            (true, true) => c.tp += 1,
            (true, false) => c.fp += 1,
            (false, true) => c.fn_ += 1,
            _ => {}
        }
    }

    let mut failures = Vec::new();
    eprintln!("\n| rule | hadolint | dockcoach | both | precision | recall | status |");
    eprintln!("|---|---|---|---|---|---|---|");
    for (code, c) in &by_code {
        let theirs_n = c.tp + c.fn_;
        let ours_n = c.tp + c.fp;
        let precision = if ours_n == 0 {
            1.0
        } else {
            c.tp as f64 / ours_n as f64
        };
        let recall = if theirs_n == 0 {
            1.0
        } else {
            c.tp as f64 / theirs_n as f64
        };
        let meta = rules().iter().find(|r| r.code == code);
        let documented = meta.is_some_and(|m| m.docs().contains("## Deviations from hadolint"));
        let status = if !implemented.contains(code.as_str()) {
            "not implemented"
        } else if theirs_n < MIN_FINDINGS && ours_n < MIN_FINDINGS {
            "few findings"
        } else if precision >= THRESHOLD && recall >= THRESHOLD {
            "ok"
        } else if documented {
            "documented deviation"
        } else {
            failures.push(format!(
                "{code}: precision {precision:.3}, recall {recall:.3}"
            ));
            "BELOW THRESHOLD"
        };
        eprintln!(
            "| {code} | {theirs_n} | {ours_n} | {} | {precision:.3} | {recall:.3} | {status} |",
            c.tp
        );
    }
    if std::env::var_os("PARITY_DIFF").is_some() {
        for k in ours.symmetric_difference(&theirs) {
            if std::env::var("PARITY_DIFF").ok().as_deref() == Some(k.2.as_str()) {
                let side = if ours.contains(k) {
                    "only dockcoach"
                } else {
                    "only hadolint"
                };
                eprintln!("{side}: {}:{} {}", k.0, k.1, k.2);
            }
        }
    }
    assert!(
        failures.is_empty(),
        "rules below {THRESHOLD} without a documented deviation:\n{}",
        failures.join("\n")
    );
}
