//! Every rule's documentation is complete and its examples are true: the bad example
//! fires the rule exactly once, the good one not at all.

use super::*;
use crate::settings::Settings;

fn code_blocks(section: &str) -> Vec<String> {
    fenced_blocks(section)
        .into_iter()
        .filter(|(lang, _)| lang != "dockerignore" && lang != "toml")
        .map(|(_, block)| block)
        .collect()
}

/// The ```dockerignore block of an example: the `.dockerignore` the example runs with.
fn example_dockerignore(section: &str) -> Option<String> {
    fenced_blocks(section)
        .into_iter()
        .find(|(lang, _)| lang == "dockerignore")
        .map(|(_, block)| block)
}

/// Fenced code blocks with their language tag.
fn fenced_blocks(section: &str) -> Vec<(String, String)> {
    let mut blocks = Vec::new();
    let mut current: Option<(String, String)> = None;
    for line in section.lines() {
        let fence = line.trim_start().strip_prefix("```");
        match (&mut current, fence) {
            (None, Some(lang)) => current = Some((lang.trim().to_string(), String::new())),
            (Some(_), Some(_)) => blocks.extend(current.take()),
            (Some((_, block)), None) => {
                block.push_str(line);
                block.push('\n');
            }
            (None, None) => {}
        }
    }
    blocks
}

/// The settings under which a rule's examples run: the rule switched on.
fn enabling(meta: &RuleMeta) -> Settings {
    // A ```toml block in the example holds the settings it runs with (e.g. a label schema).
    let example = meta.section("Example").unwrap_or_default();
    let mut settings = fenced_blocks(&example)
        .into_iter()
        .find(|(lang, _)| lang == "toml")
        .and_then(|(_, toml)| crate::config::parse_dockcoach_toml(&toml).ok())
        .unwrap_or_default();
    settings
        .overrides
        .insert(meta.code.to_string(), Level::On(meta.severity));
    settings
}

#[test]
fn every_rule_has_complete_docs() {
    for meta in rules() {
        let docs = meta.docs();
        for heading in [
            "## What it does",
            "## Why is this bad?",
            "## Example",
            "## References",
        ] {
            assert!(
                docs.contains(heading),
                "{} docs lack `{heading}`",
                meta.code
            );
        }
        assert!(
            docs.contains("Use instead:"),
            "{} docs lack `Use instead:`",
            meta.code
        );
        if matches!(
            meta.fix,
            FixAvailability::Unsafe | FixAvailability::Sometimes | FixAvailability::Safe
        ) {
            assert!(
                docs.contains("## Fix safety"),
                "{} has a fix but no `## Fix safety`",
                meta.code
            );
        }
        assert!(!meta.summary().is_empty(), "{} has no summary", meta.code);
        assert!(
            meta.name
                .chars()
                .all(|c| c.is_ascii_lowercase() || c == '-' || c.is_ascii_digit()),
            "{} name `{}` is not kebab-case",
            meta.code,
            meta.name
        );
        for bad in ["use-", "prefer-", "avoid-"] {
            assert!(
                !meta.name.starts_with(bad),
                "{}: name the problem, not the cure",
                meta.name
            );
        }
    }
}

#[test]
fn codes_names_and_aliases_are_unique() {
    // A BuildKit check that hadolint splits into several rules names all of them:
    // `# check=skip=MultipleInstructionsDisallowed` must silence DL3012, DL4003 and DL4004.
    // Checkov's CKV_DOCKER_7 reports both an untagged and a `latest` base image.
    const SHARED: &[(&str, &[&str])] = &[
        (
            "MultipleInstructionsDisallowed",
            &["DL3012", "DL4003", "DL4004"],
        ),
        ("CKV_DOCKER_7", &["DL3006", "DL3007"]),
    ];
    for (alias, codes) in SHARED {
        let holders: Vec<&str> = rules()
            .iter()
            .filter(|m| m.aliases.contains(alias))
            .map(|m| m.code)
            .collect();
        assert_eq!(
            &holders, codes,
            "`{alias}` is shared by exactly these rules"
        );
    }
    let mut seen = std::collections::BTreeSet::new();
    for meta in rules() {
        for id in std::iter::once(meta.code)
            .chain(std::iter::once(meta.name))
            .chain(
                meta.aliases
                    .iter()
                    .copied()
                    .filter(|a| !SHARED.iter().any(|(s, _)| s == a)),
            )
        {
            assert!(
                seen.insert(id.to_ascii_lowercase()),
                "`{id}` names two rules"
            );
        }
    }
}

#[test]
fn doc_examples_fire_exactly_as_documented() {
    for meta in rules() {
        let example = meta.section("Example").unwrap_or_default();
        let blocks = code_blocks(&example);
        assert_eq!(
            blocks.len(),
            2,
            "{}: the example needs a bad and a good block",
            meta.code
        );
        let mut settings = enabling(meta);
        settings.dockerignore = example_dockerignore(&example);
        let bad = crate::check(&blocks[0], &settings);
        let hits = bad.iter().filter(|d| d.code() == meta.code).count();
        assert_eq!(
            hits, 1,
            "{}: bad example should fire once, got {bad:#?}",
            meta.code
        );
        let good = crate::check(&blocks[1], &settings);
        let hits: Vec<_> = good.iter().filter(|d| d.code() == meta.code).collect();
        assert!(
            hits.is_empty(),
            "{}: good example fires: {hits:#?}",
            meta.code
        );
    }
}

#[test]
fn messages_follow_the_convention() {
    for meta in rules() {
        let example = meta.section("Example").unwrap_or_default();
        let blocks = code_blocks(&example);
        for d in crate::check(blocks.first().map_or("", String::as_str), &enabling(meta)) {
            assert!(
                !d.message.ends_with('.'),
                "{}: message ends with a period: {}",
                d.code(),
                d.message
            );
            if let Some(fix) = &d.fix {
                let first = fix.title.chars().next().unwrap_or(' ');
                assert!(
                    first.is_uppercase(),
                    "{}: fix title should be imperative: {}",
                    d.code(),
                    fix.title
                );
            }
        }
    }
}

#[test]
fn a_shared_buildkit_name_silences_every_rule_it_names() {
    let text = "FROM alpine:3.20\nCMD [\"a\"]\nCMD [\"b\"]\nHEALTHCHECK CMD [\"x\"]\nHEALTHCHECK CMD [\"y\"]\n";
    let codes = |t: &str| -> Vec<&'static str> {
        crate::check(t, &Settings::default())
            .into_iter()
            .map(|d| d.code())
            .filter(|c| matches!(*c, "DL3012" | "DL4003" | "DL4004"))
            .collect()
    };
    assert_eq!(codes(text), vec!["DL4003", "DL3012"]);
    let skipped = format!("# check=skip=MultipleInstructionsDisallowed\n{text}");
    assert!(codes(&skipped).is_empty());
}

/// Fixes of different rules on one RUN compose through the fix loop.
#[test]
fn fixes_on_one_run_compose() {
    let cases = [
        // DL3038 (-y) and DL3040 (dnf clean all)
        (
            "FROM fedora:40\nRUN dnf install httpd-2.4.62\n",
            "FROM fedora:40\nRUN dnf install -y httpd-2.4.62 \\\n    && dnf clean all\n",
        ),
        // DL3059 (merge), DL3042 (--no-cache-dir) on both RUNs
        (
            "FROM python:3.13\nRUN pip install requests==2.32.3\nRUN pip install flask==3.0.3\n",
            "FROM python:3.13\nRUN pip install --no-cache-dir requests==2.32.3 \\\n    && pip install --no-cache-dir flask==3.0.3\n",
        ),
        // DL3034 (-y) and DL3036 (zypper clean)
        (
            "FROM opensuse/leap:15.6\nRUN zypper install curl=8.6.0\n",
            "FROM opensuse/leap:15.6\nRUN zypper install -y curl=8.6.0 \\\n    && zypper clean\n",
        ),
    ];
    // Only the rules under test run (other rules' fixes would change the text too).
    let tested = ["DL3034", "DL3036", "DL3038", "DL3040", "DL3042", "DL3059"];
    let settings = Settings {
        ignored: crate::rules::rules()
            .iter()
            .filter(|r| !tested.contains(&r.code))
            .map(|r| r.code.to_string())
            .collect(),
        ..Settings::default()
    };
    for (input, expected) in cases {
        let result = crate::fix(input, &settings, crate::Applicability::Unsafe);
        assert_eq!(result.error, None, "{input}");
        assert_eq!(result.output, expected, "{input}");
    }
}
