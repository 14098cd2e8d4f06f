//! Black-box tests of the `dockcoach` binary: real files, real processes, real exit codes.
//!
//! The Dockerfile snippets trigger the first rules of the core (DL3006 untagged image,
//! DL3020 `ADD` for local files with a safe fix, DL4000 `MAINTAINER` with a safe fix,
//! DL3025 shell-form `CMD` with an unsafe fix). Assertions about which rules fire stay
//! loose where the core may add findings; exit codes are checked against the JSON report.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use serde_json::Value;
use std::collections::BTreeSet;
use std::fs;
use std::io::Write;
use std::path::Path;
use std::process::{Command, Output, Stdio};

const BIN: &str = env!("CARGO_BIN_EXE_dockcoach");

const UNTAGGED: &str = "FROM ubuntu\n";
const FIXABLE: &str = "FROM ubuntu:22.04\nMAINTAINER me\nADD a.txt /x\n";

/// Runs the binary in `dir` with a clean colour environment.
fn run(dir: &Path, args: &[&str], stdin: Option<&[u8]>, env: &[(&str, &str)]) -> Output {
    let mut command = Command::new(BIN);
    command
        .args(args)
        .current_dir(dir)
        .env_remove("NO_COLOR")
        .env_remove("FORCE_COLOR")
        .env_remove("TERM")
        .stdin(if stdin.is_some() {
            Stdio::piped()
        } else {
            Stdio::null()
        })
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    for (key, value) in env {
        command.env(key, value);
    }
    let mut child = command.spawn().expect("the binary starts");
    if let Some(bytes) = stdin {
        let mut pipe = child.stdin.take().expect("stdin is piped");
        pipe.write_all(bytes).expect("stdin takes the input");
    }
    child.wait_with_output().expect("the binary finishes")
}

/// `dockcoach lint --no-config ARGS` in `dir` (no stray config file can interfere).
fn lint(dir: &Path, args: &[&str]) -> Output {
    let mut all = vec!["lint", "--no-config"];
    all.extend_from_slice(args);
    run(dir, &all, None, &[])
}

fn code(output: &Output) -> i32 {
    output.status.code().expect("the binary exits normally")
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

fn json(output: &Output) -> Value {
    serde_json::from_slice(&output.stdout)
        .unwrap_or_else(|e| panic!("not JSON ({e}): {}", stdout(output)))
}

fn findings(output: &Output) -> Vec<Value> {
    json(output).as_array().expect("a JSON array").clone()
}

fn codes(output: &Output) -> BTreeSet<String> {
    findings(output)
        .iter()
        .map(|f| f["code"].as_str().unwrap().to_string())
        .collect()
}

fn severity_rank(level: &str) -> u8 {
    match level {
        "style" => 0,
        "info" => 1,
        "warning" => 2,
        "error" => 3,
        other => panic!("unknown level {other}"),
    }
}

/// The exit code the JSON report implies for a threshold (`None`: never fail).
fn expected_exit(findings: &[Value], threshold: Option<&str>) -> i32 {
    let Some(threshold) = threshold else { return 0 };
    let fails = findings
        .iter()
        .any(|f| severity_rank(f["level"].as_str().unwrap()) >= severity_rank(threshold));
    i32::from(fails)
}

fn tempdir() -> tempfile::TempDir {
    tempfile::tempdir().expect("a temp dir")
}

fn write(dir: &Path, name: &str, text: &str) {
    let path = dir.join(name);
    if let Some(parent) = path.parent() {
        fs::create_dir_all(parent).unwrap();
    }
    fs::write(path, text).unwrap();
}

/// `--ignore` arguments that silence everything `text` triggers, so a file reads clean.
fn ignore_all(dir: &Path, name: &str) -> Vec<String> {
    let out = lint(dir, &["--format", "json", name]);
    codes(&out)
        .into_iter()
        .flat_map(|c| ["--ignore".to_string(), c])
        .collect()
}

fn has_ansi(text: &str) -> bool {
    text.contains('\u{1b}')
}

// ---------------------------------------------------------------------------------------
// Basics

#[test]
fn version_and_help() {
    let dir = tempdir();
    let out = run(dir.path(), &["--version"], None, &[]);
    assert_eq!(code(&out), 0);
    assert!(stdout(&out).starts_with("dockcoach "), "{}", stdout(&out));

    let out = run(dir.path(), &["lint", "--help"], None, &[]);
    assert_eq!(code(&out), 0);
    let help = stdout(&out);
    assert!(
        help.contains(".dockcoach.toml, dockcoach.toml, .hadolint.yaml, .hadolint.yml"),
        "{help}"
    );
    for flag in [
        "--fix",
        "--unsafe-fixes",
        "--diff",
        "--format",
        "--config",
        "--ignore",
        "--failure-threshold",
        "--no-fail",
        "--today",
        "--trusted-registry",
        "--no-color",
        "--stdin-filename",
    ] {
        assert!(help.contains(flag), "{flag} missing from --help");
    }
}

#[test]
fn bad_flags_exit_2() {
    let dir = tempdir();
    write(dir.path(), "Dockerfile", UNTAGGED);
    for args in [
        &["lint", "--bogus"][..],
        &["lint", "--format", "xml"],
        &["lint", "--failure-threshold", "fatal"],
        &["lint", "--ignore", "NOPE9999"],
        &["lint", "--today", "2026-02-30"],
        &["lint", "--today", "tomorrow"],
        &["frobnicate"],
        &[],
    ] {
        let out = run(dir.path(), args, None, &[]);
        assert_eq!(code(&out), 2, "{args:?}: {}", stderr(&out));
        assert!(!stderr(&out).is_empty(), "{args:?}");
    }
    let out = run(dir.path(), &["lint", "--ignore", "NOPE9999"], None, &[]);
    assert!(
        stderr(&out).contains("unknown rule `NOPE9999`"),
        "{}",
        stderr(&out)
    );
}

// ---------------------------------------------------------------------------------------
// Formats

#[test]
fn json_has_hadolint_keys_and_more() {
    let dir = tempdir();
    write(dir.path(), "Dockerfile", UNTAGGED);
    let out = lint(dir.path(), &["--format", "json", "./Dockerfile"]);
    let all = findings(&out);
    let f = all
        .iter()
        .find(|f| f["code"] == "DL3006")
        .unwrap_or_else(|| panic!("no DL3006 in {all:?}"));
    assert_eq!(f["file"], "./Dockerfile");
    assert_eq!(f["line"], 1);
    assert_eq!(f["column"], 6);
    assert_eq!(f["end_line"], 1);
    assert_eq!(f["end_column"], 12);
    assert_eq!(f["level"], "warning");
    assert!(f["message"].as_str().is_some_and(|m| !m.is_empty()));
    let rule = f["rule"].as_str().unwrap();
    assert!(
        !rule.is_empty()
            && rule
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-'),
        "{rule}"
    );
    assert!(f["aliases"].is_array());
    assert!(f.get("fix").is_some());
    assert_eq!(code(&out), expected_exit(&all, Some("info")));
}

#[test]
fn json_fix_objects_have_edits() {
    let dir = tempdir();
    write(dir.path(), "Dockerfile", FIXABLE);
    let out = lint(dir.path(), &["--format", "json", "Dockerfile"]);
    let all = findings(&out);
    let add = all
        .iter()
        .find(|f| f["code"] == "DL3020")
        .expect("DL3020 fires");
    assert_eq!(add["line"], 3);
    let fix = &add["fix"];
    assert_eq!(fix["applicability"], "safe");
    assert!(fix["title"].as_str().is_some_and(|t| !t.is_empty()));
    let edits = fix["edits"].as_array().unwrap();
    assert!(!edits.is_empty());
    for edit in edits {
        for key in ["line", "column", "end_line", "end_column"] {
            assert!(
                edit[key].as_u64().is_some_and(|n| n >= 1),
                "{key} in {edit}"
            );
        }
        assert!(edit["content"].is_string());
    }
    assert!(all.iter().any(|f| f["code"] == "DL4000"));
}

#[test]
fn json_columns_count_characters() {
    let dir = tempdir();
    // "é" is two bytes: the image starts at column 6 on line 2 either way, but a
    // finding after a multi-byte character must count characters, not bytes.
    write(dir.path(), "Dockerfile", "# é\nFROM ubuntu\n");
    let out = lint(dir.path(), &["--format", "json", "Dockerfile"]);
    let all = findings(&out);
    let f = all
        .iter()
        .find(|f| f["code"] == "DL3006")
        .expect("DL3006 fires");
    assert_eq!(
        (f["line"].as_u64(), f["column"].as_u64()),
        (Some(2), Some(6))
    );
}

#[test]
fn sarif_is_2_1_0_with_rules_and_results() {
    let dir = tempdir();
    write(dir.path(), "Dockerfile", FIXABLE);
    let out = lint(dir.path(), &["--format", "sarif", "Dockerfile"]);
    let log = json(&out);
    assert_eq!(log["version"], "2.1.0");
    assert!(log["$schema"].as_str().is_some_and(|s| s.contains("sarif")));
    let run = &log["runs"][0];
    assert_eq!(run["tool"]["driver"]["name"], "dockcoach");
    let rules = run["tool"]["driver"]["rules"].as_array().unwrap();
    assert!(!rules.is_empty());
    for rule in rules {
        let id = rule["id"].as_str().unwrap();
        assert!(rule["name"].is_string());
        assert!(rule["shortDescription"]["text"].is_string());
        if option_env!("DOCKCOACH_RULES_URL").is_none() {
            // The default link is the rule's page in this repository: it must exist.
            assert!(rule["helpUri"].is_null(), "a relative link is no helpUri");
            let text = rule["help"]["text"].as_str().unwrap();
            let path = format!("docs/rules/{id}.md");
            assert!(text.contains(&path), "{text}");
            assert!(repo_root().join(&path).is_file(), "{path} does not exist");
        }
        assert!(
            ["error", "warning", "note"]
                .contains(&rule["defaultConfiguration"]["level"].as_str().unwrap())
        );
    }
    let results = run["results"].as_array().unwrap();
    assert!(!results.is_empty());
    for result in results {
        let id = result["ruleId"].as_str().unwrap();
        assert!(rules.iter().any(|r| r["id"] == id), "{id} not in rules");
        assert!(result["message"]["text"].is_string());
        let location = &result["locations"][0]["physicalLocation"];
        assert_eq!(location["artifactLocation"]["uri"], "Dockerfile");
        assert!(
            location["region"]["startLine"]
                .as_u64()
                .is_some_and(|l| l >= 1)
        );
        assert!(
            location["region"]["startColumn"]
                .as_u64()
                .is_some_and(|c| c >= 1)
        );
    }
    let add = results
        .iter()
        .find(|r| r["ruleId"] == "DL3020")
        .expect("DL3020 result");
    let replacement = &add["fixes"][0]["artifactChanges"][0]["replacements"][0];
    assert!(replacement["deletedRegion"]["startLine"].is_u64());
    assert!(replacement["insertedContent"]["text"].is_string());
}

#[test]
fn checkstyle_is_well_formed_xml() {
    let dir = tempdir();
    write(dir.path(), "Dockerfile", UNTAGGED);
    write(dir.path(), "a&b<\"c\">.Dockerfile", UNTAGGED);
    let out = lint(dir.path(), &["--format", "checkstyle", "."]);
    let text = stdout(&out);
    let doc = roxmltree::Document::parse(&text).unwrap_or_else(|e| panic!("{e}: {text}"));
    let root = doc.root_element();
    assert_eq!(root.tag_name().name(), "checkstyle");
    let files: Vec<_> = root.children().filter(|n| n.has_tag_name("file")).collect();
    assert_eq!(files.len(), 2);
    assert!(
        files
            .iter()
            .any(|f| f.attribute("name") == Some("a&b<\"c\">.Dockerfile"))
    );
    let error = files
        .iter()
        .flat_map(|f| f.children())
        .find(|e| e.has_tag_name("error") && e.attribute("source") == Some("DL3006"))
        .expect("a DL3006 error");
    assert_eq!(error.attribute("line"), Some("1"));
    assert_eq!(error.attribute("column"), Some("6"));
    assert_eq!(error.attribute("severity"), Some("warning"));
}

#[test]
fn junit_is_well_formed_xml_with_a_suite_per_file() {
    let dir = tempdir();
    write(dir.path(), "Dockerfile", UNTAGGED);
    write(dir.path(), "clean/Dockerfile", "FROM scratch\n");
    let mut args = vec!["--format".to_string(), "junit".to_string(), ".".to_string()];
    // Silence what fires on `FROM scratch`, but keep DL3006 so the other file fails.
    let clean_codes = codes(&lint(dir.path(), &["--format", "json", "clean/Dockerfile"]));
    for c in clean_codes.into_iter().filter(|c| c != "DL3006") {
        args.extend(["--ignore".to_string(), c]);
    }
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let out = lint(dir.path(), &args);
    let text = stdout(&out);
    let doc = roxmltree::Document::parse(&text).unwrap_or_else(|e| panic!("{e}: {text}"));
    let suites: Vec<_> = doc
        .descendants()
        .filter(|n| n.has_tag_name("testsuite"))
        .collect();
    assert_eq!(suites.len(), 2, "{text}");
    let clean = suites
        .iter()
        .find(|s| s.attribute("name") == Some("clean/Dockerfile"))
        .unwrap();
    assert_eq!(clean.attribute("failures"), Some("0"));
    let cases: Vec<_> = clean
        .children()
        .filter(|n| n.has_tag_name("testcase"))
        .collect();
    assert_eq!(cases.len(), 1);
    assert!(cases[0].children().all(|n| !n.has_tag_name("failure")));
    let dirty = suites
        .iter()
        .find(|s| s.attribute("name") == Some("Dockerfile"))
        .unwrap();
    assert!(dirty.descendants().any(|n| n.has_tag_name("failure")));
}

#[test]
fn gitlab_code_quality_has_stable_fingerprints() {
    let dir = tempdir();
    write(dir.path(), "Dockerfile", FIXABLE);
    let first = json(&lint(dir.path(), &["--format", "gitlab", "Dockerfile"]));
    let second = json(&lint(dir.path(), &["--format", "gitlab", "Dockerfile"]));
    assert_eq!(first, second);
    let issues = first.as_array().unwrap();
    assert!(!issues.is_empty());
    let mut prints = BTreeSet::new();
    for issue in issues {
        assert!(issue["description"].is_string());
        assert!(issue["check_name"].is_string());
        assert!(
            ["info", "minor", "major", "critical", "blocker"]
                .contains(&issue["severity"].as_str().unwrap())
        );
        assert_eq!(issue["location"]["path"], "Dockerfile");
        assert!(
            issue["location"]["lines"]["begin"]
                .as_u64()
                .is_some_and(|l| l >= 1)
        );
        assert!(prints.insert(issue["fingerprint"].as_str().unwrap().to_string()));
    }
}

#[test]
fn gnu_lines() {
    let dir = tempdir();
    write(dir.path(), "Dockerfile", UNTAGGED);
    let out = lint(dir.path(), &["--format", "gnu", "Dockerfile"]);
    let text = stdout(&out);
    let line = text
        .lines()
        .find(|l| l.ends_with("[DL3006]"))
        .unwrap_or_else(|| panic!("{text}"));
    assert!(line.starts_with("Dockerfile:1.6-1.12: warning: "), "{line}");
}

#[test]
fn github_annotations() {
    let dir = tempdir();
    write(dir.path(), "a,b:c.Dockerfile", UNTAGGED);
    let out = lint(dir.path(), &["--format", "github", "a,b:c.Dockerfile"]);
    let text = stdout(&out);
    let line = text
        .lines()
        .find(|l| l.contains("title=DL3006::"))
        .unwrap_or_else(|| panic!("{text}"));
    assert!(
        line.starts_with(
            "::warning file=a%2Cb%3Ac.Dockerfile,line=1,col=6,endLine=1,endColumn=12,title=DL3006::"
        ),
        "{line}"
    );
}

#[test]
fn tty_shows_the_source_and_an_underline() {
    let dir = tempdir();
    write(dir.path(), "Dockerfile", FIXABLE);
    let out = lint(dir.path(), &["Dockerfile"]);
    let text = stdout(&out);
    assert!(!has_ansi(&text), "colour in a pipe: {text}");
    assert!(text.contains("Dockerfile:3:1: DL3020 "), "{text}");
    assert!(text.contains("3 | ADD a.txt /x\n  | ^^^\n"), "{text}");
    assert!(text.contains("fix: "), "{text}");
    assert!(text.contains("Found "), "{text}");
    assert!(text.contains("fixable with `--fix`"), "{text}");
}

#[test]
fn tty_marks_unsafe_fixes() {
    let dir = tempdir();
    write(dir.path(), "Dockerfile", "FROM ubuntu:22.04\nCMD echo hi\n");
    let text = stdout(&lint(dir.path(), &["Dockerfile"]));
    assert!(text.contains("DL3025"), "{text}");
    assert!(text.contains("(unsafe fix)"), "{text}");
    assert!(text.contains("with `--unsafe-fixes`"), "{text}");
}

#[test]
fn colour_only_when_asked_and_never_with_no_color() {
    let dir = tempdir();
    write(dir.path(), "Dockerfile", UNTAGGED);
    let args = ["lint", "--no-config", "Dockerfile"];
    let forced = run(dir.path(), &args, None, &[("FORCE_COLOR", "1")]);
    assert!(has_ansi(&stdout(&forced)));
    let no_color = run(
        dir.path(),
        &args,
        None,
        &[("FORCE_COLOR", "1"), ("NO_COLOR", "1")],
    );
    assert!(!has_ansi(&stdout(&no_color)));
    let flag = run(
        dir.path(),
        &["lint", "--no-config", "--no-color", "Dockerfile"],
        None,
        &[("FORCE_COLOR", "1")],
    );
    assert!(!has_ansi(&stdout(&flag)));
    assert_eq!(stdout(&no_color), stdout(&flag));
}

#[test]
fn findings_are_sorted_by_file() {
    let dir = tempdir();
    write(dir.path(), "b/Dockerfile", UNTAGGED);
    write(dir.path(), "a/Dockerfile", UNTAGGED);
    let out = lint(
        dir.path(),
        &["--format", "json", "b/Dockerfile", "a/Dockerfile"],
    );
    let files: Vec<String> = findings(&out)
        .iter()
        .map(|f| f["file"].as_str().unwrap().to_string())
        .collect();
    let mut sorted = files.clone();
    sorted.sort();
    assert_eq!(files, sorted);
    assert!(
        files.contains(&"a/Dockerfile".to_string()) && files.contains(&"b/Dockerfile".to_string())
    );
}

// ---------------------------------------------------------------------------------------
// Fixing

#[test]
fn fix_writes_the_file_and_a_second_run_changes_nothing() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempdir();
    write(dir.path(), "Dockerfile", FIXABLE);
    let path = dir.path().join("Dockerfile");
    fs::set_permissions(&path, fs::Permissions::from_mode(0o754)).unwrap();
    let out = lint(dir.path(), &["--fix", "--format", "json", "Dockerfile"]);
    let fixed = fs::read_to_string(&path).unwrap();
    assert!(fixed.contains("COPY a.txt /x"), "{fixed}");
    assert!(!fixed.contains("ADD "), "{fixed}");
    // MAINTAINER becomes a label (the core picks the label's name).
    assert!(
        fixed.contains("LABEL ") && fixed.contains("=\"me\""),
        "{fixed}"
    );
    assert!(!fixed.contains("MAINTAINER"), "{fixed}");
    assert!(fixed.starts_with("FROM ubuntu:22.04\n"), "{fixed}");
    assert!(stderr(&out).contains("fixed "), "{}", stderr(&out));
    assert!(stderr(&out).contains(" in Dockerfile"), "{}", stderr(&out));
    // The report is about what remains: the fixed findings are gone.
    let remaining = codes(&out);
    assert!(
        !remaining.contains("DL3020") && !remaining.contains("DL4000"),
        "{remaining:?}"
    );
    assert_eq!(
        fs::metadata(&path).unwrap().permissions().mode() & 0o777,
        0o754
    );
    // No temp file left behind.
    assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1);

    let again = lint(dir.path(), &["--fix", "Dockerfile"]);
    assert_eq!(fs::read_to_string(&path).unwrap(), fixed);
    assert!(!stderr(&again).contains("fixed "), "{}", stderr(&again));
}

#[test]
fn fix_keeps_crlf_and_bom() {
    let dir = tempdir();
    write(
        dir.path(),
        "Dockerfile",
        "\u{feff}FROM ubuntu:22.04\r\nADD a.txt /x\r\n",
    );
    lint(dir.path(), &["--fix", "Dockerfile"]);
    let fixed = fs::read_to_string(dir.path().join("Dockerfile")).unwrap();
    assert_eq!(fixed, "\u{feff}FROM ubuntu:22.04\r\nCOPY a.txt /x\r\n");
}

#[test]
fn unsafe_fixes_only_with_the_flag() {
    let dir = tempdir();
    let text = "FROM ubuntu:22.04\nCMD echo hi\n";
    write(dir.path(), "Dockerfile", text);
    let path = dir.path().join("Dockerfile");
    lint(dir.path(), &["--fix", "Dockerfile"]);
    assert!(fs::read_to_string(&path).unwrap().contains("CMD echo hi"));
    // `--unsafe-fixes` alone writes nothing (as in Ruff): it only widens `--fix`/`--diff`.
    let out = lint(
        dir.path(),
        &["--unsafe-fixes", "--format", "json", "Dockerfile"],
    );
    assert_eq!(fs::read_to_string(&path).unwrap(), text);
    assert!(stdout(&out).contains("\"unsafe\""), "{}", stdout(&out));
    let out = lint(dir.path(), &["--unsafe-fixes", "Dockerfile"]);
    assert!(
        stdout(&out).contains("fixable with `--fix`"),
        "{}",
        stdout(&out)
    );
    assert_eq!(fs::read_to_string(&path).unwrap(), text);
    let out = lint(dir.path(), &["--unsafe-fixes", "--diff", "Dockerfile"]);
    assert!(stdout(&out).contains("+CMD ["), "{}", stdout(&out));
    assert_eq!(fs::read_to_string(&path).unwrap(), text);
    lint(dir.path(), &["--fix", "--unsafe-fixes", "Dockerfile"]);
    let fixed = fs::read_to_string(&path).unwrap();
    assert!(
        fixed.contains("CMD [") && fixed.contains("\"echo\""),
        "{fixed}"
    );
}

#[test]
fn config_fix_mode_unsafe_makes_fix_apply_unsafe_fixes() {
    let dir = tempdir();
    write(dir.path(), "Dockerfile", "FROM ubuntu:22.04\nCMD echo hi\n");
    write(dir.path(), ".dockcoach.toml", "fix = \"unsafe\"\n");
    run(
        dir.path(),
        &["lint", "--fix", "--no-unsafe-fixes", "Dockerfile"],
        None,
        &[],
    );
    assert!(
        fs::read_to_string(dir.path().join("Dockerfile"))
            .unwrap()
            .contains("CMD echo hi")
    );
    run(dir.path(), &["lint", "--fix", "Dockerfile"], None, &[]);
    assert!(
        fs::read_to_string(dir.path().join("Dockerfile"))
            .unwrap()
            .contains("CMD [")
    );
}

#[test]
fn diff_writes_nothing() {
    let dir = tempdir();
    write(dir.path(), "Dockerfile", FIXABLE);
    let out = lint(dir.path(), &["--diff", "Dockerfile"]);
    assert_eq!(code(&out), 1, "{}", stderr(&out));
    let diff = stdout(&out);
    assert!(
        diff.starts_with("--- a/Dockerfile\n+++ b/Dockerfile\n@@ "),
        "{diff}"
    );
    assert!(diff.contains("\n-ADD a.txt /x\n"), "{diff}");
    assert!(diff.contains("\n+COPY a.txt /x\n"), "{diff}");
    assert_eq!(
        fs::read_to_string(dir.path().join("Dockerfile")).unwrap(),
        FIXABLE
    );

    // `--diff` wins over `--fix`.
    let out = lint(dir.path(), &["--diff", "--fix", "Dockerfile"]);
    assert_eq!(code(&out), 1);
    assert_eq!(
        fs::read_to_string(dir.path().join("Dockerfile")).unwrap(),
        FIXABLE
    );
}

#[test]
fn diff_of_a_file_without_fixes_is_empty_and_exits_0() {
    let dir = tempdir();
    write(dir.path(), "Dockerfile", UNTAGGED);
    let out = lint(dir.path(), &["--diff", "Dockerfile"]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert_eq!(stdout(&out), "");
}

#[test]
fn invalid_utf8_is_linted_but_not_fixed() {
    let dir = tempdir();
    let bytes = b"FROM ubuntu:22.04\nADD a.txt /x\nRUN echo \xff\n";
    fs::write(dir.path().join("Dockerfile"), bytes).unwrap();
    let out = lint(dir.path(), &["--format", "json", "Dockerfile"]);
    let all = findings(&out);
    assert!(
        all.iter()
            .any(|f| f["code"] == "DL1000" && f["level"] == "error"),
        "{all:?}"
    );
    assert_eq!(code(&out), 1);

    let out = lint(dir.path(), &["--fix", "Dockerfile"]);
    assert!(stderr(&out).contains("not valid UTF-8"), "{}", stderr(&out));
    assert_eq!(fs::read(dir.path().join("Dockerfile")).unwrap(), bytes);
}

// ---------------------------------------------------------------------------------------
// Stdin

#[test]
fn stdin_is_linted_as_dash() {
    let dir = tempdir();
    let out = run(
        dir.path(),
        &["lint", "--no-config", "--format", "json", "-"],
        Some(UNTAGGED.as_bytes()),
        &[],
    );
    let all = findings(&out);
    assert!(
        all.iter()
            .any(|f| f["code"] == "DL3006" && f["file"] == "-"),
        "{all:?}"
    );

    let out = run(
        dir.path(),
        &[
            "lint",
            "--no-config",
            "--format",
            "json",
            "--stdin-filename",
            "app/Dockerfile",
            "-",
        ],
        Some(UNTAGGED.as_bytes()),
        &[],
    );
    assert!(findings(&out).iter().all(|f| f["file"] == "app/Dockerfile"));

    let out = run(
        dir.path(),
        &["lint", "--no-config", "-"],
        Some(UNTAGGED.as_bytes()),
        &[],
    );
    assert!(stdout(&out).contains("-:1:6: DL3006"), "{}", stdout(&out));
}

#[test]
fn stdin_fix_prints_the_fixed_text() {
    let dir = tempdir();
    let out = run(
        dir.path(),
        &["lint", "--no-config", "--fix", "-"],
        Some(b"FROM ubuntu:22.04\nADD a.txt /x\n"),
        &[],
    );
    assert_eq!(stdout(&out), "FROM ubuntu:22.04\nCOPY a.txt /x\n");
    assert!(
        stderr(&out).contains("fixed 1 finding in -"),
        "{}",
        stderr(&out)
    );
}

// ---------------------------------------------------------------------------------------
// Inputs and errors

#[test]
fn directories_are_searched_for_dockerfiles() {
    let dir = tempdir();
    for name in [
        "Dockerfile",
        "Containerfile",
        "sub/app.Dockerfile",
        "sub/Dockerfile.dev",
        "sub/deep/base.Containerfile",
        "sub/deep/Containerfile.prod",
        "node_modules/Dockerfile",
        ".git/Dockerfile",
        "target/Dockerfile",
        "Dockerfile.dockerignore",
        "README.md",
    ] {
        write(dir.path(), name, UNTAGGED);
    }
    let out = lint(dir.path(), &["--format", "json"]);
    let files: BTreeSet<String> = findings(&out)
        .iter()
        .map(|f| f["file"].as_str().unwrap().to_string())
        .collect();
    let expected: BTreeSet<String> = [
        "Containerfile",
        "Dockerfile",
        "sub/Dockerfile.dev",
        "sub/app.Dockerfile",
        "sub/deep/Containerfile.prod",
        "sub/deep/base.Containerfile",
    ]
    .into_iter()
    .map(String::from)
    .collect();
    assert_eq!(files, expected);

    let out = lint(dir.path(), &["--format", "json", "sub"]);
    let files: BTreeSet<String> = findings(&out)
        .iter()
        .map(|f| f["file"].as_str().unwrap().to_string())
        .collect();
    assert!(files.contains("sub/app.Dockerfile"), "{files:?}");
    assert!(files.contains("sub/deep/base.Containerfile"), "{files:?}");
}

#[test]
fn missing_file_exits_2_but_the_others_are_reported() {
    let dir = tempdir();
    write(dir.path(), "Dockerfile", UNTAGGED);
    let out = lint(
        dir.path(),
        &["--format", "json", "missing/Dockerfile", "Dockerfile"],
    );
    assert_eq!(code(&out), 2);
    let err = stderr(&out);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.starts_with("dockcoach: missing/Dockerfile: "), "{err}");
    assert!(err.contains("no such file"), "{err}");
    assert!(
        findings(&out)
            .iter()
            .any(|f| f["file"] == "Dockerfile" && f["code"] == "DL3006")
    );
}

#[test]
fn directory_without_dockerfiles_exits_2() {
    let dir = tempdir();
    write(dir.path(), "empty/README.md", "hi\n");
    let out = lint(dir.path(), &["empty"]);
    assert_eq!(code(&out), 2);
    assert!(
        stderr(&out).contains("dockcoach: empty: no Dockerfiles found"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn binary_file_exits_2_but_the_others_are_reported() {
    let dir = tempdir();
    fs::write(dir.path().join("Dockerfile"), b"FROM ubuntu\n\0\x01\x02").unwrap();
    write(dir.path(), "other.Dockerfile", UNTAGGED);
    let out = lint(dir.path(), &["--format", "json", "."]);
    assert_eq!(code(&out), 2);
    assert!(
        stderr(&out).contains("dockcoach: Dockerfile: binary file"),
        "{}",
        stderr(&out)
    );
    let files: BTreeSet<String> = findings(&out)
        .iter()
        .map(|f| f["file"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(files, BTreeSet::from(["other.Dockerfile".to_string()]));
}

// ---------------------------------------------------------------------------------------
// Exit codes

#[test]
fn failure_threshold_and_no_fail() {
    let dir = tempdir();
    write(dir.path(), "Dockerfile", UNTAGGED);
    let all = findings(&lint(dir.path(), &["--format", "json", "Dockerfile"]));
    assert!(!all.is_empty());
    for (threshold, expected) in [
        (None, expected_exit(&all, Some("info"))),
        (Some("error"), expected_exit(&all, Some("error"))),
        (Some("warning"), expected_exit(&all, Some("warning"))),
        (Some("info"), expected_exit(&all, Some("info"))),
        (Some("style"), expected_exit(&all, Some("style"))),
        (Some("none"), 0),
    ] {
        let mut args = vec!["Dockerfile"];
        if let Some(t) = threshold {
            args.extend(["--failure-threshold", t]);
        }
        assert_eq!(code(&lint(dir.path(), &args)), expected, "{threshold:?}");
    }
    // DL3006 is a warning: a warning threshold fails.
    assert_eq!(
        code(&lint(
            dir.path(),
            &["--failure-threshold", "warning", "Dockerfile"]
        )),
        1
    );
    assert_eq!(code(&lint(dir.path(), &["--no-fail", "Dockerfile"])), 0);
    assert_eq!(
        code(&lint(
            dir.path(),
            &["--no-fail", "--failure-threshold", "style", "Dockerfile"]
        )),
        0
    );
}

#[test]
fn style_findings_alone_do_not_fail_by_default() {
    let dir = tempdir();
    write(dir.path(), "Dockerfile", UNTAGGED);
    // Every rule that fires becomes `style`: the default threshold (info) passes.
    let mut toml = String::from("[severity]\n");
    for c in codes(&lint(dir.path(), &["--format", "json", "Dockerfile"])) {
        toml.push_str(&format!("{c} = \"style\"\n"));
    }
    write(dir.path(), "dockcoach.toml", &toml);
    let out = run(
        dir.path(),
        &["lint", "--format", "json", "Dockerfile"],
        None,
        &[],
    );
    assert!(
        findings(&out).iter().all(|f| f["level"] == "style"),
        "{}",
        stdout(&out)
    );
    assert_eq!(code(&out), 0);
    let out = run(
        dir.path(),
        &["lint", "--failure-threshold", "style", "Dockerfile"],
        None,
        &[],
    );
    assert_eq!(code(&out), 1);
}

#[test]
fn clean_file_exits_0() {
    let dir = tempdir();
    write(dir.path(), "Dockerfile", "FROM scratch\n");
    let ignores = ignore_all(dir.path(), "Dockerfile");
    let mut args: Vec<&str> = ignores.iter().map(String::as_str).collect();
    args.push("Dockerfile");
    let out = lint(dir.path(), &args);
    assert_eq!(code(&out), 0, "{}", stdout(&out));
    assert!(stdout(&out).contains("No findings"), "{}", stdout(&out));
    args.extend(["--format", "json"]);
    assert_eq!(json(&lint(dir.path(), &args)), Value::Array(vec![]));
}

// ---------------------------------------------------------------------------------------
// Config

#[test]
fn config_is_found_in_parent_directories() {
    let dir = tempdir();
    write(dir.path(), "dockcoach.toml", "ignore = [\"DL3006\"]\n");
    write(dir.path(), "project/sub/Dockerfile", UNTAGGED);
    let sub = dir.path().join("project/sub");
    let out = run(&sub, &["lint", "--format", "json", "Dockerfile"], None, &[]);
    assert!(!codes(&out).contains("DL3006"), "{}", stdout(&out));
    // --no-config reads nothing.
    let out = run(
        &sub,
        &["lint", "--no-config", "--format", "json", "Dockerfile"],
        None,
        &[],
    );
    assert!(codes(&out).contains("DL3006"));
}

#[test]
fn hadolint_yaml_is_read() {
    let dir = tempdir();
    write(
        dir.path(),
        ".hadolint.yaml",
        "ignored:\n  - DL3006\n  - SC2086\nno-color: true\n",
    );
    write(dir.path(), "Dockerfile", UNTAGGED);
    let out = run(
        dir.path(),
        &["lint", "--format", "json", "Dockerfile"],
        None,
        &[],
    );
    assert_eq!(code(&out), expected_exit(&findings(&out), Some("info")));
    assert!(!codes(&out).contains("DL3006"), "{}", stdout(&out));
}

#[test]
fn nearest_config_wins_and_dockcoach_toml_before_hadolint_yaml() {
    let dir = tempdir();
    // The parent would switch DL3006 off; the nearer directory's file is the one used.
    write(dir.path(), ".dockcoach.toml", "ignore = [\"DL3006\"]\n");
    write(
        dir.path(),
        "p/.hadolint.yml",
        "override:\n  error: [DL3006]\n",
    );
    write(dir.path(), "p/Dockerfile", UNTAGGED);
    let p = dir.path().join("p");
    let out = run(&p, &["lint", "--format", "json", "Dockerfile"], None, &[]);
    let all = findings(&out);
    assert!(
        all.iter()
            .any(|f| f["code"] == "DL3006" && f["level"] == "error"),
        "{all:?}"
    );

    // In one directory, .dockcoach.toml comes first.
    write(
        dir.path(),
        "p/.dockcoach.toml",
        "[severity]\nDL3006 = \"info\"\n",
    );
    let out = run(&p, &["lint", "--format", "json", "Dockerfile"], None, &[]);
    let all = findings(&out);
    assert!(
        all.iter()
            .any(|f| f["code"] == "DL3006" && f["level"] == "info"),
        "{all:?}"
    );

    // --config wins over discovery.
    write(dir.path(), "other.toml", "[severity]\nDL3006 = \"style\"\n");
    let config = dir.path().join("other.toml");
    let out = run(
        &p,
        &[
            "lint",
            "--config",
            config.to_str().unwrap(),
            "--format",
            "json",
            "Dockerfile",
        ],
        None,
        &[],
    );
    let all = findings(&out);
    assert!(
        all.iter()
            .any(|f| f["code"] == "DL3006" && f["level"] == "style"),
        "{all:?}"
    );
}

#[test]
fn flags_override_the_config() {
    let dir = tempdir();
    write(dir.path(), "Dockerfile", UNTAGGED);
    write(
        dir.path(),
        "dockcoach.toml",
        "failure-threshold = \"error\"\n",
    );
    let all = findings(&run(
        dir.path(),
        &["lint", "--format", "json", "Dockerfile"],
        None,
        &[],
    ));
    let out = run(dir.path(), &["lint", "Dockerfile"], None, &[]);
    assert_eq!(code(&out), expected_exit(&all, Some("error")));
    let out = run(
        dir.path(),
        &["lint", "--failure-threshold", "warning", "Dockerfile"],
        None,
        &[],
    );
    assert_eq!(code(&out), 1);

    write(
        dir.path(),
        "dockcoach.toml",
        "failure-threshold = \"none\"\n",
    );
    assert_eq!(
        code(&run(dir.path(), &["lint", "Dockerfile"], None, &[])),
        0
    );
    let out = run(
        dir.path(),
        &["lint", "--failure-threshold", "warning", "Dockerfile"],
        None,
        &[],
    );
    assert_eq!(code(&out), 1);

    // --ignore adds to the config's list.
    write(dir.path(), "dockcoach.toml", "ignore = [\"DL3020\"]\n");
    write(dir.path(), "Dockerfile", "FROM ubuntu\nADD a.txt /x\n");
    let out = run(
        dir.path(),
        &[
            "lint",
            "--format",
            "json",
            "--ignore",
            "DL3006",
            "Dockerfile",
        ],
        None,
        &[],
    );
    let found = codes(&out);
    assert!(
        !found.contains("DL3006") && !found.contains("DL3020"),
        "{found:?}"
    );
}

#[test]
fn invalid_config_is_one_line_and_exit_2() {
    let dir = tempdir();
    write(dir.path(), "Dockerfile", UNTAGGED);
    for (name, text, expected) in [
        (
            ".dockcoach.toml",
            "fix = \"always\"\n",
            "dockcoach: .dockcoach.toml: fix: unknown fix mode `always`",
        ),
        (
            "dockcoach.toml",
            "ignore = [\"NOPE9999\"]\n",
            "dockcoach: dockcoach.toml: ignore[0]: unknown rule `NOPE9999`",
        ),
        (
            "dockcoach.toml",
            "colour = 1\n",
            "dockcoach: dockcoach.toml: colour: unknown key",
        ),
        (
            "dockcoach.toml",
            "ignore = [\n",
            "dockcoach: dockcoach.toml: invalid TOML at line ",
        ),
        (
            ".hadolint.yaml",
            "failure-threshold: fatal\n",
            "dockcoach: .hadolint.yaml: failure-threshold: unknown severity `fatal`",
        ),
        (
            ".hadolint.yaml",
            "ignored: [DL3006\n",
            "dockcoach: .hadolint.yaml: invalid YAML at line ",
        ),
    ] {
        for stale in [".dockcoach.toml", "dockcoach.toml", ".hadolint.yaml"] {
            let _ = fs::remove_file(dir.path().join(stale));
        }
        write(dir.path(), name, text);
        let out = run(dir.path(), &["lint", "Dockerfile"], None, &[]);
        assert_eq!(code(&out), 2, "{name}: {text}");
        let err = stderr(&out);
        assert_eq!(err.lines().count(), 1, "{err}");
        assert!(err.starts_with(expected), "{err}");
        assert_eq!(stdout(&out), "", "no report after a config error");
    }
    let out = run(
        dir.path(),
        &["lint", "--config", "nope.toml", "Dockerfile"],
        None,
        &[],
    );
    assert_eq!(code(&out), 2);
    assert!(
        stderr(&out).starts_with("dockcoach: nope.toml: no such file"),
        "{}",
        stderr(&out)
    );
}

// ---------------------------------------------------------------------------------------
// rules and explain

fn rules_json(dir: &Path) -> Vec<Value> {
    let out = run(dir, &["rules", "--format", "json"], None, &[]);
    assert_eq!(code(&out), 0);
    findings(&out)
}

#[test]
fn rules_lists_every_rule() {
    let dir = tempdir();
    let rules = rules_json(dir.path());
    assert!(rules.iter().any(|r| r["code"] == "DL3006"));
    for rule in &rules {
        for key in ["code", "name", "severity", "category", "fix", "summary"] {
            assert!(rule[key].is_string(), "{key} in {rule}");
        }
        assert!(rule["aliases"].is_array());
        assert!(rule["default_enabled"].is_boolean());
    }
    let out = run(dir.path(), &["rules"], None, &[]);
    assert_eq!(code(&out), 0);
    let table = stdout(&out);
    assert!(table.starts_with("CODE"), "{table}");
    for rule in &rules {
        assert!(table.contains(rule["code"].as_str().unwrap()));
    }
}

#[test]
fn explain_by_code_name_and_alias() {
    let dir = tempdir();
    let rules = rules_json(dir.path());
    let add = rules
        .iter()
        .find(|r| r["code"] == "DL3020")
        .expect("DL3020 exists");
    for query in ["DL3020", "dl3020", add["name"].as_str().unwrap()] {
        let out = run(dir.path(), &["explain", query], None, &[]);
        assert_eq!(code(&out), 0, "{query}");
        let text = stdout(&out);
        assert!(text.starts_with("DL3020"), "{text}");
        assert!(text.contains("What it does"), "{text}");
        assert!(
            !text.contains("## "),
            "markdown headings are rendered: {text}"
        );
    }
    if let Some(rule) = rules
        .iter()
        .find(|r| r["aliases"].as_array().is_some_and(|a| !a.is_empty()))
    {
        let alias = rule["aliases"][0].as_str().unwrap();
        let out = run(dir.path(), &["explain", alias], None, &[]);
        assert_eq!(code(&out), 0, "{alias}");
        assert!(stdout(&out).starts_with(rule["code"].as_str().unwrap()));
    }
}

#[test]
fn explain_unknown_rule_exits_2() {
    let dir = tempdir();
    let out = run(dir.path(), &["explain", "NOPE9999"], None, &[]);
    assert_eq!(code(&out), 2);
    assert!(
        stderr(&out).contains("unknown rule `NOPE9999`"),
        "{}",
        stderr(&out)
    );
    let out = run(dir.path(), &["explain", "DL302"], None, &[]);
    assert_eq!(code(&out), 2);
    assert!(stderr(&out).contains("did you mean"), "{}", stderr(&out));
}

#[test]
fn fix_writes_through_a_symlink() {
    let dir = tempdir();
    write(dir.path(), "real/Dockerfile", FIXABLE);
    std::os::unix::fs::symlink("real/Dockerfile", dir.path().join("link.Dockerfile")).unwrap();
    let out = lint(dir.path(), &["--fix", "link.Dockerfile"]);
    assert!(
        stderr(&out).contains("in link.Dockerfile"),
        "{}",
        stderr(&out)
    );
    let link = dir.path().join("link.Dockerfile");
    assert!(
        fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    let fixed = fs::read_to_string(dir.path().join("real/Dockerfile")).unwrap();
    assert!(fixed.contains("COPY a.txt /x"), "{fixed}");
}

#[test]
fn stdin_diff_uses_the_display_name() {
    let dir = tempdir();
    let out = run(
        dir.path(),
        &[
            "lint",
            "--no-config",
            "--diff",
            "--stdin-filename",
            "app/Dockerfile",
            "-",
        ],
        Some(b"FROM ubuntu:22.04\nADD a.txt /x\n"),
        &[],
    );
    assert_eq!(code(&out), 1);
    assert!(
        stdout(&out).starts_with("--- a/app/Dockerfile\n+++ b/app/Dockerfile\n"),
        "{}",
        stdout(&out)
    );
}

#[test]
fn settings_flags_are_accepted() {
    let dir = tempdir();
    write(dir.path(), "Dockerfile", UNTAGGED);
    let out = lint(
        dir.path(),
        &[
            "--today",
            "2026-11-27",
            "--trusted-registry",
            "docker.io,ghcr.io",
            "--trusted-registry",
            "quay.io",
            "--ignore",
            "DL3007,latest-tag-base-image",
            "--format",
            "gitlab_codeclimate",
            "Dockerfile",
        ],
    );
    assert_ne!(code(&out), 2, "{}", stderr(&out));
    assert!(json(&out).is_array());
}

#[test]
fn dockerignore_next_to_the_dockerfile_feeds_copy_ignored_file() {
    let dir = tempdir();
    let dockerfile = "FROM alpine:3.20\nCOPY secrets/app.conf /etc/app/\nCOPY app.log /var/log/\n";
    write(dir.path(), "app/Dockerfile", dockerfile);
    let ignored = |out: &Output| -> Vec<String> {
        findings(out)
            .iter()
            .filter(|f| f["code"] == "CopyIgnoredFile")
            .map(|f| f["line"].to_string())
            .collect()
    };
    // No .dockerignore: nothing to compare against.
    let out = lint(
        dir.path(),
        &["--format", "json", "--no-fail", "app/Dockerfile"],
    );
    assert!(ignored(&out).is_empty(), "{}", stdout(&out));
    // The .dockerignore in the Dockerfile's directory.
    write(dir.path(), "app/.dockerignore", "secrets\n*.log\n");
    let out = lint(
        dir.path(),
        &["--format", "json", "--no-fail", "app/Dockerfile"],
    );
    assert_eq!(ignored(&out), ["2", "3"], "{}", stdout(&out));
    // `<Dockerfile>.dockerignore` takes precedence.
    write(dir.path(), "app/Dockerfile.dockerignore", "*.log\n");
    let out = lint(
        dir.path(),
        &["--format", "json", "--no-fail", "app/Dockerfile"],
    );
    assert_eq!(ignored(&out), ["3"], "{}", stdout(&out));
    // Exceptions make BuildKit (and dockcoach) skip the check.
    write(
        dir.path(),
        "app/Dockerfile.dockerignore",
        "*.log\n!keep.log\n",
    );
    let out = lint(
        dir.path(),
        &["--format", "json", "--no-fail", "app/Dockerfile"],
    );
    assert!(ignored(&out).is_empty(), "{}", stdout(&out));
}

fn repo_root() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

#[test]
fn rule_links_follow_the_flag_then_the_config() {
    let dir = tempdir();
    write(dir.path(), "Dockerfile", UNTAGGED);
    // The flag: SARIF helpUri and JSON url.
    let out = lint(
        dir.path(),
        &[
            "--format",
            "sarif",
            "--rules-url",
            "https://docs.example/r/{code}.html",
            "Dockerfile",
        ],
    );
    let log = json(&out);
    for rule in log["runs"][0]["tool"]["driver"]["rules"]
        .as_array()
        .unwrap()
    {
        let id = rule["id"].as_str().unwrap();
        assert_eq!(rule["helpUri"], format!("https://docs.example/r/{id}.html"));
    }
    let out = lint(
        dir.path(),
        &[
            "--format",
            "json",
            "--rules-url",
            "https://docs.example/r/",
            "Dockerfile",
        ],
    );
    let findings = json(&out);
    let first = &findings.as_array().unwrap()[0];
    assert_eq!(
        first["url"],
        format!("https://docs.example/r/{}", first["code"].as_str().unwrap())
    );

    // The config key, and the flag winning over it.
    write(
        dir.path(),
        "dockcoach.toml",
        "rules-url = \"https://cfg.example/#rules/{code}\"\n",
    );
    let out = run(
        dir.path(),
        &["lint", "--format", "json", "Dockerfile"],
        None,
        &[],
    );
    let findings = json(&out);
    let first = &findings.as_array().unwrap()[0];
    assert_eq!(
        first["url"],
        format!(
            "https://cfg.example/#rules/{}",
            first["code"].as_str().unwrap()
        )
    );
    let out = run(
        dir.path(),
        &[
            "lint",
            "--format",
            "sarif",
            "--rules-url",
            "https://flag.example",
            "Dockerfile",
        ],
        None,
        &[],
    );
    let log = json(&out);
    let rule = &log["runs"][0]["tool"]["driver"]["rules"][0];
    assert_eq!(
        rule["helpUri"],
        format!("https://flag.example/{}", rule["id"].as_str().unwrap())
    );
    let out = run(dir.path(), &["explain", "DL3020"], None, &[]);
    assert!(
        stdout(&out).contains("https://cfg.example/#rules/DL3020"),
        "{}",
        stdout(&out)
    );
    let out = run(dir.path(), &["rules", "--format", "json"], None, &[]);
    assert!(stdout(&out).contains("\"https://cfg.example/#rules/DL3020\""));
}

#[test]
fn default_rule_links_exist_in_the_repository() {
    if option_env!("DOCKCOACH_RULES_URL").is_some() {
        return;
    }
    let dir = tempdir();
    let out = run(dir.path(), &["rules", "--format", "json"], None, &[]);
    let rules = json(&out);
    for rule in rules.as_array().unwrap() {
        let url = rule["url"].as_str().unwrap();
        assert!(repo_root().join(url).is_file(), "{url} does not exist");
    }
}

/// Many files on several threads give the same report, errors and exit code as on one.
#[test]
fn parallel_output_equals_single_threaded() {
    let dir = tempdir();
    let corpus = repo_root().join("../shared/corpus");
    let mut files: Vec<String> = Vec::new();
    let mut stack = vec![corpus];
    while let Some(dir) = stack.pop() {
        for entry in fs::read_dir(&dir).into_iter().flatten().flatten() {
            let path = entry.path();
            let name = entry.file_name().to_string_lossy().into_owned();
            if path.is_dir() {
                stack.push(path);
            } else if name != "MANIFEST.tsv" && name != "README.md" && !name.ends_with("__result") {
                files.push(path.to_string_lossy().into_owned());
            }
        }
    }
    files.sort();
    // Every third corpus file keeps the test quick on two cores.
    let mut files: Vec<String> = files.into_iter().step_by(3).collect();
    // Files of our own too, so the test means something without the corpus: findings,
    // a binary file and a missing one (errors on stderr, in order).
    for i in 0..40 {
        let name = format!("{i:02}.Dockerfile");
        let text = if i % 2 == 0 { FIXABLE } else { UNTAGGED };
        write(dir.path(), &name, text);
        files.push(name);
    }
    fs::write(dir.path().join("binary.Dockerfile"), b"FROM a\0b\n").unwrap();
    files.push("binary.Dockerfile".into());
    files.push("missing.Dockerfile".into());
    for format in ["json", "tty", "sarif"] {
        let outputs: Vec<Output> = ["1", "4"]
            .iter()
            .map(|jobs| {
                let mut args = vec!["--format", format, "--jobs", jobs];
                args.extend(files.iter().map(String::as_str));
                lint(dir.path(), &args)
            })
            .collect();
        let (one, many) = (&outputs[0], &outputs[1]);
        assert_eq!(code(one), 2, "a missing file is an error");
        assert_eq!(code(one), code(many), "{format}");
        assert!(stdout(one) == stdout(many), "{format}: the reports differ");
        assert_eq!(one.stderr, many.stderr, "{format}");
    }
    // A directory is shared out too.
    let one = lint(dir.path(), &["--format", "json", "--jobs", "1", "."]);
    let many = lint(dir.path(), &["--format", "json", "-j", "3", "."]);
    assert_eq!(stdout(&one), stdout(&many));
    assert_eq!(one.stderr, many.stderr);
}
