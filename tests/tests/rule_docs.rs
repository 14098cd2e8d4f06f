//! The generated rule reference in `docs/rules/` stays in sync with the rules' doc
//! comments. `UPDATE_DOCS=1 cargo test -p dockcoach-tests --test rule_docs` rewrites it.

use dockcoach_core::rules;
use dockcoach_core::rules::RuleMeta;
use std::collections::BTreeMap;
use std::path::Path;

fn page(meta: &RuleMeta) -> String {
    let mut out = format!("# {} `{}`\n\n", meta.code, meta.name);
    out.push_str(&format!(
        "- Default severity: {}{}\n- Category: {}\n- Fix: {}\n",
        meta.severity,
        if meta.default_enabled {
            ""
        } else {
            " (off by default)"
        },
        meta.category.as_str(),
        meta.fix.as_str()
    ));
    if !meta.aliases.is_empty() {
        let aliases: Vec<String> = meta.aliases.iter().map(|a| format!("`{a}`")).collect();
        out.push_str(&format!("- Aliases: {}\n", aliases.join(", ")));
    }
    out.push('\n');
    // Shift the doc comment's headings one level down under the page title.
    for line in meta.docs().lines() {
        if line.starts_with("## ") {
            out.push('#');
        }
        out.push_str(line);
        out.push('\n');
    }
    out
}

fn index() -> String {
    let mut out = String::from(
        "# dockcoach rules\n\nGenerated from the rules' doc comments by `tests/tests/rule_docs.rs`; do not edit.\n\n| code | name | severity | fix | aliases | summary |\n|---|---|---|---|---|---|\n",
    );
    for meta in rules() {
        out.push_str(&format!(
            "| [{}]({}.md) | `{}` | {}{} | {} | {} | {} |\n",
            meta.code,
            meta.code,
            meta.name,
            meta.severity,
            if meta.default_enabled { "" } else { " (off)" },
            meta.fix.as_str(),
            meta.aliases.join(", "),
            meta.summary().replace('|', "\\|")
        ));
    }
    out
}

#[test]
fn docs_rules_is_in_sync() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../docs/rules");
    let mut expected: BTreeMap<String, String> = rules()
        .iter()
        .map(|m| (format!("{}.md", m.code), page(m)))
        .collect();
    expected.insert("README.md".to_string(), index());
    if std::env::var_os("UPDATE_DOCS").is_some() {
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("create docs/rules");
        for (name, text) in &expected {
            std::fs::write(dir.join(name), text).expect("write docs page");
        }
    }
    let mut stale = Vec::new();
    for (name, text) in &expected {
        match std::fs::read_to_string(dir.join(name)) {
            Ok(on_disk) if &on_disk == text => {}
            _ => stale.push(name.clone()),
        }
    }
    let extra: Vec<String> = std::fs::read_dir(&dir)
        .map(|r| {
            r.filter_map(Result::ok)
                .filter_map(|e| e.file_name().into_string().ok())
                .filter(|n| !expected.contains_key(n))
                .collect()
        })
        .unwrap_or_default();
    assert!(
        stale.is_empty() && extra.is_empty(),
        "docs/rules is stale (run `UPDATE_DOCS=1 cargo test -p dockcoach-tests --test rule_docs`): stale {stale:?}, extra {extra:?}"
    );
}
