//! The files that put dockcoach into other tools' pipelines: `.pre-commit-hooks.yaml`,
//! `action.yml` (with `scripts/action-lint.sh`, run here for real) and the container
//! image's `Dockerfile`. Each must parse, and every command and flag it uses must exist.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use yaml_rust2::{Yaml, YamlLoader};

const BIN: &str = env!("CARGO_BIN_EXE_dockcoach");

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn load(path: &str) -> Yaml {
    let text = fs::read_to_string(repo().join(path)).unwrap();
    let mut docs = YamlLoader::load_from_str(&text).expect("valid YAML");
    assert_eq!(docs.len(), 1, "{path}: one document");
    docs.remove(0)
}

fn help(subcommand: &str) -> String {
    let out = Command::new(BIN)
        .args([subcommand, "--help"])
        .output()
        .unwrap();
    assert!(out.status.success());
    String::from_utf8(out.stdout).unwrap()
}

/// Every `--flag` in `text` is one `dockcoach lint` has.
fn assert_lint_flags_exist(text: &str, context: &str) {
    let help = help("lint");
    let mut seen = 0;
    for word in text.split(|c: char| c.is_whitespace() || "()\"'".contains(c)) {
        if let Some(flag) = word.strip_prefix("--")
            && !flag.is_empty()
            && flag.chars().all(|c| c.is_ascii_lowercase() || c == '-')
        {
            seen += 1;
            assert!(
                help.contains(&format!("--{flag}")),
                "{context}: `dockcoach lint` has no --{flag}"
            );
        }
    }
    assert!(
        seen > 0,
        "{context}: no flags found, the test reads nothing"
    );
}

#[test]
fn pre_commit_hooks_parse_and_run_commands_that_exist() {
    let hooks = load(".pre-commit-hooks.yaml");
    let hooks = hooks.as_vec().expect("a list of hooks");
    let ids: Vec<&str> = hooks.iter().map(|h| h["id"].as_str().unwrap()).collect();
    assert_eq!(ids, ["dockcoach", "dockcoach-fix"]);
    for hook in hooks {
        for key in ["name", "entry", "language"] {
            assert!(hook[key].as_str().is_some(), "{key} missing");
        }
        assert_eq!(hook["language"].as_str(), Some("script"));
        let entry = hook["entry"].as_str().unwrap();
        let mut words = entry.split_whitespace();
        let script = repo().join(words.next().unwrap());
        assert!(script.is_file(), "{} missing", script.display());
        let mode =
            std::os::unix::fs::PermissionsExt::mode(&fs::metadata(&script).unwrap().permissions());
        assert!(mode & 0o111 != 0, "the entry script is executable");
        let args: Vec<&str> = words.collect();
        assert_eq!(args.first(), Some(&"lint"));
        // The hook's arguments work on a real file (pre-commit appends the file names).
        let dir = tempfile::tempdir().unwrap();
        fs::write(
            dir.path().join("Dockerfile"),
            "FROM ubuntu:22.04\nMAINTAINER me\n",
        )
        .unwrap();
        let out = Command::new(BIN)
            .args(&args)
            .args(["--no-config", "Dockerfile"])
            .current_dir(dir.path())
            .output()
            .unwrap();
        assert!(matches!(out.status.code(), Some(0 | 1)), "{entry}: {out:?}");
        if args.contains(&"--fix") {
            let fixed = fs::read_to_string(dir.path().join("Dockerfile")).unwrap();
            assert!(!fixed.contains("MAINTAINER"), "the fix hook fixes: {fixed}");
        }
    }
    // The script builds the package this repository has.
    let script = fs::read_to_string(repo().join("scripts/pre-commit-hook.sh")).unwrap();
    assert!(script.contains("cargo build --quiet --locked --release -p dockcoach"));
}

/// Runs scripts/action-lint.sh as the action's Lint step does, with `inputs` over the
/// defaults in action.yml; returns its output, the `exit-code` it recorded, and the dir.
fn run_action(
    inputs: &[(&str, &str)],
    files: &[(&str, &str)],
) -> (Output, String, tempfile::TempDir) {
    let action = load("action.yml");
    let dir = tempfile::tempdir().unwrap();
    for (name, text) in files {
        let path = dir.path().join(name);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, text).unwrap();
    }
    let github_output = dir.path().join("github-output");
    let mut command = Command::new("bash");
    command
        .arg(repo().join("scripts/action-lint.sh"))
        .current_dir(dir.path())
        .env("DOCKCOACH", BIN)
        .env("GITHUB_OUTPUT", &github_output);
    let step = action["runs"]["steps"]
        .as_vec()
        .unwrap()
        .iter()
        .find(|s| s["id"].as_str() == Some("lint"))
        .expect("a lint step");
    for (var, value) in step["env"].as_hash().unwrap() {
        let var = var.as_str().unwrap();
        let value = value.as_str().unwrap();
        let Some(input) = value
            .strip_prefix("${{ inputs.")
            .and_then(|v| v.strip_suffix(" }}"))
        else {
            continue;
        };
        let default = action["inputs"][input]["default"].as_str().unwrap_or("");
        let given = inputs.iter().find(|(k, _)| *k == input).map(|(_, v)| *v);
        command.env(var, given.unwrap_or(default));
    }
    let out = command.output().unwrap();
    let recorded = fs::read_to_string(&github_output).unwrap_or_default();
    (out, recorded, dir)
}

#[test]
fn action_parses_and_has_hadolints_inputs() {
    let action = load("action.yml");
    assert_eq!(action["runs"]["using"].as_str(), Some("composite"));
    let inputs = action["inputs"].as_hash().unwrap();
    for name in [
        "dockerfile",
        "recursive",
        "config",
        "format",
        "failure-threshold",
        "ignore",
        "trusted-registries",
        "output-file",
        "no-color",
        "no-fail",
        "upload-sarif",
    ] {
        assert!(
            inputs.contains_key(&Yaml::String(name.into())),
            "input {name}"
        );
    }
    let steps = action["runs"]["steps"].as_vec().unwrap();
    let all_runs: String = steps
        .iter()
        .filter_map(|s| s["run"].as_str())
        .collect::<Vec<_>>()
        .join("\n");
    assert!(all_runs.contains("cargo build --locked --release -p dockcoach"));
    assert!(all_runs.contains("scripts/action-lint.sh"));
    // Every input the Lint step gets is one the action declares, and every format is one
    // the CLI has.
    let script = fs::read_to_string(repo().join("scripts/action-lint.sh")).unwrap();
    assert_lint_flags_exist(&script, "scripts/action-lint.sh");
    let formats = action["inputs"]["format"]["description"].as_str().unwrap();
    let help = help("lint");
    for format in [
        "tty",
        "json",
        "sarif",
        "checkstyle",
        "gitlab",
        "gnu",
        "junit",
        "github",
    ] {
        assert!(
            formats.contains(format) && help.contains(format),
            "{format}"
        );
    }
    assert!(steps.iter().any(|s| {
        s["uses"]
            .as_str()
            .is_some_and(|u| u.starts_with("github/codeql-action/upload-sarif@"))
    }));
}

#[test]
fn action_lint_step_lints_and_records_the_exit_code() {
    let bad = "FROM ubuntu\nMAINTAINER me\n";
    let good = "FROM ubuntu:22.04\nUSER nobody\n";
    // Defaults: ./Dockerfile, failure threshold info.
    let (out, recorded, _dir) = run_action(&[], &[("Dockerfile", bad)]);
    assert!(out.status.success(), "the step itself never fails: {out:?}");
    assert_eq!(recorded.trim(), "exit-code=1");
    assert!(String::from_utf8_lossy(&out.stdout).contains("DL3006"));

    let (_, recorded, _dir) = run_action(&[("no-fail", "true")], &[("Dockerfile", bad)]);
    assert_eq!(recorded.trim(), "exit-code=0");

    let (_, recorded, _dir) = run_action(
        &[
            ("ignore", "DL3006, DL4000 DC1005"),
            ("failure-threshold", "warning"),
        ],
        &[("Dockerfile", bad)],
    );
    assert_eq!(
        recorded.trim(),
        "exit-code=0",
        "ignored, or below the threshold"
    );

    // recursive: every file named like the pattern; output-file and SARIF.
    let (out, recorded, dir) = run_action(
        &[
            ("recursive", "true"),
            ("dockerfile", "*.Dockerfile"),
            ("format", "json"),
            ("output-file", "report.json"),
            ("upload-sarif", "true"),
            ("rules-url", "https://docs.example/{code}"),
        ],
        &[
            ("a/x.Dockerfile", bad),
            ("b/y.Dockerfile", good),
            ("Dockerfile", bad),
        ],
    );
    assert_eq!(recorded.trim(), "exit-code=1", "{out:?}");
    let report: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(dir.path().join("report.json")).unwrap()).unwrap();
    let files: std::collections::BTreeSet<&str> = report
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["file"].as_str().unwrap())
        .collect();
    // ./Dockerfile does not match the pattern.
    assert!(files.contains("./a/x.Dockerfile"), "{files:?}");
    assert!(!files.contains("./Dockerfile"), "{files:?}");
    let sarif: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(dir.path().join("dockcoach.sarif")).unwrap())
            .unwrap();
    assert_eq!(sarif["version"], "2.1.0");
    let help_uri = sarif["runs"][0]["tool"]["driver"]["rules"][0]["helpUri"]
        .as_str()
        .unwrap();
    assert!(help_uri.starts_with("https://docs.example/"), "{help_uri}");

    // Nothing to lint is an error, recorded as 2.
    let (_, recorded, _dir) = run_action(&[("recursive", "true")], &[]);
    assert_eq!(recorded.trim(), "exit-code=2");
}

#[test]
fn the_container_dockerfile_has_no_finding() {
    let out = Command::new(BIN)
        .args([
            "lint",
            "--no-config",
            "--failure-threshold",
            "style",
            "Dockerfile",
        ])
        .current_dir(repo())
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    let text = fs::read_to_string(repo().join("Dockerfile")).unwrap();
    // Multi-stage, an empty final base, a non-root user, pinned build base.
    let froms: Vec<&str> = text.lines().filter(|l| l.starts_with("FROM ")).collect();
    assert_eq!(froms.len(), 2, "{froms:?}");
    assert!(froms[0].contains("rust:1.") && froms[0].contains("-alpine3."));
    assert_eq!(froms[1], "FROM scratch");
    assert!(text.contains("\nUSER 65532:65532\n"));
    assert!(text.contains("cargo build --locked --release -p dockcoach"));
    // The build context leaves the build output out.
    let ignore = fs::read_to_string(repo().join(".dockerignore")).unwrap();
    assert!(ignore.lines().any(|l| l == "target"));
}
