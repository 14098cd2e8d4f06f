//! The fixture harness. Every rule has a folder `tests/fixtures/<CODE>/` with
//! `bad*.Dockerfile` (must fire), `good*.Dockerfile` (must not fire), a snapshot of the
//! findings per bad file (`<name>.snap`, insta) and, for rules with a fix, the fixed text
//! (`<name>.Dockerfile.fixed`, written when `UPDATE_FIXTURES=1`).
//!
//! Invariants checked for every fixture: the rule's fix converges, `fix(fix(x)) == fix(x)`,
//! and fixing never adds a syntax error.

use dockcoach_core::rules::{FixAvailability, RuleMeta};
use dockcoach_core::settings::Level;
use dockcoach_core::{Applicability, LineIndex, PositionEncoding, Settings, check, fix, rules};
use std::path::{Path, PathBuf};

fn fixtures_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

/// Settings under which only `meta` runs (switched on even when off by default).
fn only(meta: &RuleMeta) -> Settings {
    let mut settings = Settings {
        ignored: rules()
            .iter()
            .filter(|r| r.code != meta.code)
            .map(|r| r.code.to_string())
            .collect(),
        ..Settings::default()
    };
    settings
        .overrides
        .insert(meta.code.to_string(), Level::On(meta.severity));
    settings
}

fn render(text: &str, meta: &RuleMeta, settings: &Settings) -> String {
    let index = LineIndex::new(text);
    let mut out = String::new();
    for d in check(text, settings)
        .into_iter()
        .filter(|d| d.code() == meta.code)
    {
        let s = index.line_col(text, d.range.start(), PositionEncoding::Utf32);
        let e = index.line_col(text, d.range.end(), PositionEncoding::Utf32);
        out.push_str(&format!(
            "{}:{}-{}:{} {} [{}] {}\n",
            s.line,
            s.column,
            e.line,
            e.column,
            d.code(),
            d.severity,
            d.message
        ));
        out.push_str(&format!(
            "    | {}\n",
            d.range.slice(text).replace('\n', "\n    | ")
        ));
        if let Some(f) = &d.fix {
            out.push_str(&format!(
                "    fix ({}): {}\n",
                f.applicability.as_str(),
                f.title
            ));
        }
    }
    out
}

fn files(dir: &Path, prefix: &str) -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|r| r.filter_map(Result::ok).map(|e| e.path()).collect())
        .unwrap_or_default();
    out.retain(|p| {
        p.file_name()
            .and_then(|n| n.to_str())
            .is_some_and(|n| n.starts_with(prefix) && n.ends_with(".Dockerfile"))
    });
    out.sort();
    out
}

#[test]
fn every_rule_has_fixtures_and_they_hold() {
    let update = std::env::var_os("UPDATE_FIXTURES").is_some();
    let mut failures = Vec::new();
    for meta in rules() {
        let dir = fixtures_dir().join(meta.code);
        let bad = files(&dir, "bad");
        let good = files(&dir, "good");
        if bad.is_empty() || good.is_empty() {
            failures.push(format!(
                "{}: needs bad*.Dockerfile and good*.Dockerfile in {}",
                meta.code,
                dir.display()
            ));
            continue;
        }
        let mut settings = only(meta);
        // A fixture folder may hold the `.dockerignore` its files are linted with.
        settings.dockerignore = std::fs::read_to_string(dir.join(".dockerignore")).ok();
        // A `dockcoach.toml` in the folder adds the settings the rule needs (label schema).
        if let Ok(toml) = std::fs::read_to_string(dir.join("dockcoach.toml")) {
            match dockcoach_core::config::parse_dockcoach_toml(&toml) {
                Ok(extra) => {
                    settings.label_schema = extra.label_schema;
                    settings.strict_labels = extra.strict_labels;
                    settings.trusted_registries = extra.trusted_registries;
                }
                Err(e) => failures.push(format!("{}: dockcoach.toml: {e:?}", meta.code)),
            }
        }
        for path in &good {
            let text = std::fs::read_to_string(path).unwrap_or_default();
            let hits = render(&text, meta, &settings);
            if !hits.is_empty() {
                failures.push(format!(
                    "{}: fires on {}:\n{hits}",
                    meta.code,
                    path.display()
                ));
            }
        }
        for path in &bad {
            let name = path
                .file_stem()
                .and_then(|s| s.to_str())
                .unwrap_or("bad")
                .to_string();
            let text = std::fs::read_to_string(path).unwrap_or_default();
            let rendered = render(&text, meta, &settings);
            if rendered.is_empty() {
                failures.push(format!(
                    "{}: does not fire on {}",
                    meta.code,
                    path.display()
                ));
            }
            let mut snap = insta::Settings::clone_current();
            snap.set_snapshot_path(&dir);
            snap.set_prepend_module_to_snapshot(false);
            snap.set_input_file(path);
            snap.bind(|| insta::assert_snapshot!(name.clone(), rendered));

            let fixed = fix(&text, &settings, Applicability::Unsafe);
            if let Some(e) = &fixed.error {
                failures.push(format!(
                    "{}: fixing {} reported: {e}",
                    meta.code,
                    path.display()
                ));
            }
            let again = fix(&fixed.output, &settings, Applicability::Unsafe);
            if again.output != fixed.output {
                failures.push(format!(
                    "{}: fixing {} twice changes it again",
                    meta.code,
                    path.display()
                ));
            }
            let before = dockcoach_core::parse(&text).errors.len();
            if dockcoach_core::parse(&fixed.output).errors.len() > before {
                failures.push(format!(
                    "{}: fixing {} adds a syntax error",
                    meta.code,
                    path.display()
                ));
            }
            let fixed_path = path.with_extension("Dockerfile.fixed");
            // `bad-unfixable*` files fire but must not be fixed: the fix would break the
            // build (the image model's guard, or the rule's own check, refuses it).
            if meta.fix == FixAvailability::None || name.starts_with("bad-unfixable") {
                if fixed.output != text {
                    failures.push(format!(
                        "{}: has no fix (or is a bad-unfixable file) but changed {}",
                        meta.code,
                        path.display()
                    ));
                }
                continue;
            }
            if update {
                let _ = std::fs::write(&fixed_path, &fixed.output);
            }
            match std::fs::read_to_string(&fixed_path) {
                Ok(expected) if expected == fixed.output => {}
                Ok(_) => failures.push(format!(
                    "{}: {} differs from the fixed output (UPDATE_FIXTURES=1 rewrites it):\n{}",
                    meta.code,
                    fixed_path.display(),
                    fixed.output
                )),
                Err(_) => failures.push(format!("{}: missing {}", meta.code, fixed_path.display())),
            }
            if fixed.output == text {
                failures.push(format!(
                    "{}: a rule with a fix fixes nothing in {}",
                    meta.code,
                    path.display()
                ));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
