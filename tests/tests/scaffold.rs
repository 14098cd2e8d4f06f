//! `scripts/new-rule.py` scaffolds a rule into a copy of the rule folder: the rule file,
//! its two registrations in `rules/mod.rs` and the fixtures; and it refuses clashes and
//! names that break the conventions, with exit code 2 and nothing written.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// A scratch checkout holding a copy of `core/src/rules/`.
fn scratch(name: &str) -> PathBuf {
    let root =
        std::env::temp_dir().join(format!("dockcoach-scaffold-{}-{name}", std::process::id()));
    let _ = fs::remove_dir_all(&root);
    let rules = root.join("core/src/rules");
    fs::create_dir_all(&rules).unwrap();
    fs::create_dir_all(root.join("core/tests/fixtures")).unwrap();
    for entry in fs::read_dir(repo().join("core/src/rules")).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "rs") {
            fs::copy(&path, rules.join(path.file_name().unwrap())).unwrap();
        }
    }
    root
}

fn scaffold(root: &Path, args: &[&str]) -> Output {
    Command::new("python3")
        .arg(repo().join("scripts/new-rule.py"))
        .args(args)
        .arg("--root")
        .arg(root)
        .output()
        .unwrap()
}

#[test]
fn creates_the_rule_registers_it_and_adds_fixtures() {
    let root = scratch("ok");
    let out = scaffold(
        &root,
        &[
            "DC2999",
            "world-writable-copy",
            "--severity",
            "warning",
            "--category",
            "security",
            "--fix",
            "unsafe",
            "--alias",
            "CKV_DOCKER_999",
            "--after",
            "missing_user",
        ],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );

    let rule = fs::read_to_string(root.join("core/src/rules/world_writable_copy.rs")).unwrap();
    for needle in [
        "code: \"DC2999\"",
        "name: \"world-writable-copy\"",
        "aliases: [\"CKV_DOCKER_999\"]",
        "severity: Warning",
        "category: Security",
        "fix: Unsafe",
        "/// ## What it does",
        "/// ## Why is this bad?",
        "/// ## Example",
        "/// Use instead:",
        "/// ## Fix safety",
        "/// ## References",
        "pub(super) fn check(c: &Checker)",
    ] {
        assert!(rule.contains(needle), "rule file lacks {needle:?}:\n{rule}");
    }

    let mod_rs = fs::read_to_string(root.join("core/src/rules/mod.rs")).unwrap();
    let original = fs::read_to_string(repo().join("core/src/rules/mod.rs")).unwrap();
    assert_eq!(mod_rs.matches("mod world_writable_copy;\n").count(), 1);
    assert!(
        mod_rs.contains("    missing_user,\n    world_writable_copy,\n"),
        "not listed after missing_user"
    );
    // Only the two lines were added.
    assert_eq!(mod_rs.lines().count(), original.lines().count() + 2);
    // The `mod` lines stay sorted.
    let mods: Vec<&str> = mod_rs
        .lines()
        .filter_map(|l| l.strip_prefix("mod ")?.strip_suffix(';'))
        .filter(|m| !["run_helpers", "syntax_error", "helpers", "tests"].contains(m))
        .collect();
    let mut sorted = mods.clone();
    sorted.sort_unstable();
    assert_eq!(mods, sorted);

    let fixtures = root.join("core/tests/fixtures/DC2999");
    assert!(fixtures.join("bad.Dockerfile").is_file());
    assert!(fixtures.join("good.Dockerfile").is_file());
    let _ = fs::remove_dir_all(&root);
}

#[test]
fn refuses_clashes_and_bad_names_without_writing() {
    let root = scratch("refuse");
    let before = fs::read_to_string(root.join("core/src/rules/mod.rs")).unwrap();
    for args in [
        &["DL3003", "another-cd"][..],
        &["DC2998", "cd-in-run"][..],
        &["DC2997", "use-tags"][..],
        &["DC2996", "Not_Kebab"][..],
        &["dc 1", "bad-code"][..],
        &["DC2995", "fine-name", "--after", "no_such_rule"][..],
    ] {
        let out = scaffold(&root, args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(
            String::from_utf8_lossy(&out.stderr).starts_with("new-rule: "),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    assert_eq!(
        fs::read_to_string(root.join("core/src/rules/mod.rs")).unwrap(),
        before
    );
    assert!(!root.join("core/src/rules/fine_name.rs").exists());
    let _ = fs::remove_dir_all(&root);
}
