//! Unit tests of the YAML parser: what it reads, every error it reports, and hostile
//! input. The comparison with `yaml-rust2` is in `differential_tests.rs`.

use super::yaml::{MAX_DEPTH, Yaml, YamlError, parse};

fn ok(text: &str) -> Yaml {
    match parse(text) {
        Ok(value) => value,
        Err(e) => panic!("{text:?}: {e}"),
    }
}

fn err(text: &str) -> YamlError {
    match parse(text) {
        Ok(value) => panic!("{text:?}: expected an error, got {value:?}"),
        Err(e) => e,
    }
}

fn s(text: &str) -> Yaml {
    Yaml::String(text.to_string())
}

fn map(entries: &[(&str, Yaml)]) -> Yaml {
    Yaml::Map(
        entries
            .iter()
            .map(|(k, v)| (k.to_string(), v.clone()))
            .collect(),
    )
}

fn list(items: &[Yaml]) -> Yaml {
    Yaml::List(items.to_vec())
}

#[test]
fn reads_a_hadolint_config() {
    let text = r#"---
# hadolint's README example
failure-threshold: warning
ignored:
  - DL3000 # a comment
  - SC1010
override:
  error:
    - DL3001
  warning: [DL3042, DL3033]
  info:
label-schema:
  author: text
  org.opencontainers.image.version: semver
trustedRegistries:
- docker.io
- "my-company.com:5000"
- '*.gcr.io'
no-color: true
...
"#;
    assert_eq!(
        ok(text),
        map(&[
            ("failure-threshold", s("warning")),
            ("ignored", list(&[s("DL3000"), s("SC1010")])),
            (
                "override",
                map(&[
                    ("error", list(&[s("DL3001")])),
                    ("warning", list(&[s("DL3042"), s("DL3033")])),
                    ("info", Yaml::Null),
                ])
            ),
            (
                "label-schema",
                map(&[
                    ("author", s("text")),
                    ("org.opencontainers.image.version", s("semver")),
                ])
            ),
            (
                "trustedRegistries",
                list(&[s("docker.io"), s("my-company.com:5000"), s("*.gcr.io")])
            ),
            ("no-color", Yaml::Bool(true)),
        ])
    );
}

#[test]
fn block_collections_at_any_indentation() {
    assert_eq!(
        ok(
            "    a:\n        b: 1\n    c:\n    - x\n    -   - y\n        - z\n    -\n      k: v\n    - k: v\n      l: w\n"
        ),
        map(&[
            ("a", map(&[("b", Yaml::Int(1))])),
            (
                "c",
                list(&[
                    s("x"),
                    list(&[s("y"), s("z")]),
                    map(&[("k", s("v"))]),
                    map(&[("k", s("v")), ("l", s("w"))]),
                ])
            ),
        ])
    );
    assert_eq!(ok("- a\n-\n- c"), list(&[s("a"), Yaml::Null, s("c")]));
    assert_eq!(
        ok("a:\nb:   # c\n"),
        map(&[("a", Yaml::Null), ("b", Yaml::Null)])
    );
}

#[test]
fn flow_collections() {
    assert_eq!(
        ok(
            "a: [1, 'two', \"three\", [4], {five: 5}, ]\nb: {x: [], y: {}, 'z': ~, w}\nc: [\n  a, # c\n  b\n]\n"
        ),
        map(&[
            (
                "a",
                list(&[
                    Yaml::Int(1),
                    s("two"),
                    s("three"),
                    list(&[Yaml::Int(4)]),
                    map(&[("five", Yaml::Int(5))]),
                ])
            ),
            (
                "b",
                map(&[
                    ("x", list(&[])),
                    ("y", map(&[])),
                    ("z", Yaml::Null),
                    ("w", Yaml::Null),
                ])
            ),
            ("c", list(&[s("a"), s("b")])),
        ])
    );
    assert_eq!(
        ok("[http://x.io:80/a, a:b]"),
        list(&[s("http://x.io:80/a"), s("a:b")])
    );
    assert_eq!(ok("{\"a\":1}"), map(&[("a", Yaml::Int(1))]));
}

#[test]
fn scalars() {
    assert_eq!(
        ok(concat!(
            "plain: text with  spaces # comment\n",
            "hash: a#b\n",
            "colon: a:b\n",
            "url: http://example.com:8080/x\n",
            "single: 'it''s # not a comment'\n",
            "double: \"tab\\t nl\\n quote\\\" \\u00e9 \\x41 \\U0001F600 \\\\ \\/ \\N\"\n",
            "folded: first\n  second\n\n  third\n",
            "quoted lines: 'one\n  two'\n",
            "joined: \"one\\\n  two\"\n",
            "'quoted key': 1\n",
            "1234: key\n",
            "key with spaces : v\n",
        )),
        map(&[
            ("plain", s("text with  spaces")),
            ("hash", s("a#b")),
            ("colon", s("a:b")),
            ("url", s("http://example.com:8080/x")),
            ("single", s("it's # not a comment")),
            (
                "double",
                s("tab\t nl\n quote\" \u{e9} A \u{1F600} \\ / \u{85}")
            ),
            ("folded", s("first second\nthird")),
            ("quoted lines", s("one two")),
            ("joined", s("onetwo")),
            ("quoted key", Yaml::Int(1)),
            ("1234", s("key")),
            ("key with spaces", s("v")),
        ])
    );
}

#[test]
fn core_schema() {
    let cases: &[(&str, Yaml)] = &[
        ("~", Yaml::Null),
        ("null", Yaml::Null),
        ("NULL", Yaml::Null),
        ("", Yaml::Null),
        ("true", Yaml::Bool(true)),
        ("False", Yaml::Bool(false)),
        ("yes", s("yes")),
        ("on", s("on")),
        ("42", Yaml::Int(42)),
        ("-7", Yaml::Int(-7)),
        ("+7", Yaml::Int(7)),
        ("007", Yaml::Int(7)),
        ("0x1F", Yaml::Int(31)),
        ("0o17", Yaml::Int(15)),
        ("0b1", s("0b1")),
        ("1_000", s("1_000")),
        ("1.5", Yaml::Float("1.5".into())),
        ("-1e3", Yaml::Float("-1e3".into())),
        (".5", Yaml::Float(".5".into())),
        (".inf", Yaml::Float(".inf".into())),
        ("-.Inf", Yaml::Float("-.Inf".into())),
        (".NaN", Yaml::Float(".NaN".into())),
        (
            "99999999999999999999",
            Yaml::Float("99999999999999999999".into()),
        ),
        ("1.2.3", s("1.2.3")),
        ("2026-11-27", s("2026-11-27")),
        ("'42'", s("42")),
        ("\"true\"", s("true")),
    ];
    for (text, expected) in cases {
        assert_eq!(
            &ok(&format!("k: {text}")),
            &map(&[("k", expected.clone())]),
            "{text}"
        );
    }
}

#[test]
fn block_scalars() {
    assert_eq!(
        ok(concat!(
            "literal: |\n  line 1\n    indented\n\n  line 3\n",
            "folded: >\n  one\n  two\n\n  para\n    kept\n  end\n",
            "strip: |-\n  text\n\n",
            "keep: |+\n  text\n\n",
            "explicit: |2\n    two extra\n",
            "empty: |\n",
            "last: >-\n  x\n",
        )),
        map(&[
            ("literal", s("line 1\n  indented\n\nline 3\n")),
            ("folded", s("one two\npara\n  kept\nend\n")),
            ("strip", s("text")),
            ("keep", s("text\n\n")),
            ("explicit", s("  two extra\n")),
            ("empty", s("")),
            ("last", s("x")),
        ])
    );
    assert_eq!(ok("- |\n  a\n- b\n"), list(&[s("a\n"), s("b")]));
}

#[test]
fn documents() {
    assert_eq!(ok(""), Yaml::Null);
    assert_eq!(ok("# only a comment\n"), Yaml::Null);
    assert_eq!(ok("---\n"), Yaml::Null);
    assert_eq!(
        ok("--- # c\na: 1\n...\n# after\n"),
        map(&[("a", Yaml::Int(1))])
    );
    assert_eq!(ok("\u{feff}a: 1"), map(&[("a", Yaml::Int(1))]));
    assert_eq!(
        ok("a: 1\r\nb: 2\r\n"),
        map(&[("a", Yaml::Int(1)), ("b", Yaml::Int(2))])
    );
    assert_eq!(ok("scalar"), s("scalar"));
}

/// Every error: its message, and the line and column it points at.
#[test]
fn errors_name_the_problem_and_the_place() {
    let cases: &[(&str, &str, usize, usize)] = &[
        ("a: &x 1", "anchors (`&name`) are not supported", 1, 4),
        ("a: *x", "aliases (`*name`) are not supported", 1, 4),
        ("a: !!str 1", "tags (`!tag`) are not supported", 1, 4),
        ("? a\n: b", "complex keys (`? `) are not supported", 1, 1),
        ("%YAML 1.2\n---\na: 1", "directives", 1, 1),
        (
            "a: 1\n---\nb: 2",
            "expected one YAML document, found several",
            2,
            1,
        ),
        ("a: 1\n...\nb: 2", "found several", 3, 1),
        (
            "--- a: 1",
            "a value on the `---` or `...` line is not supported",
            1,
            5,
        ),
        ("a: 1\na: 2", "duplicate key `a`", 2, 1),
        ("a: {b: 1, b: 2}", "duplicate key `b`", 1, 11),
        ("a: 'open", "unterminated string: expected `'`", 1, 4),
        ("a: \"open\nmore", "unterminated string", 1, 4),
        ("a: \"\\q\"", "invalid escape `\\q`", 1, 5),
        ("a: \"\\u12\"", "expected 4 hex digits", 1, 5),
        ("a: [1, 2", "unterminated list: expected `]`", 1, 4),
        ("a: {b: 1", "unterminated mapping: expected `}`", 1, 4),
        (
            "a: ['x' 2]",
            "expected `,` or `]` in a list, found `2`",
            1,
            9,
        ),
        ("a: {b: 'x' c}", "expected `,` or `}` in a mapping", 1, 12),
        (
            "a: [b: 1]",
            "`key: value` pairs inside `[...]` are not supported",
            1,
            6,
        ),
        ("a: [- b]", "cannot start a value inside `[...]`", 1, 5),
        ("a: [|]", "block scalars", 1, 5),
        ("[a]: b", "found a list as a key", 1, 1),
        ("{a: 1}: b", "found a mapping as a key", 1, 1),
        ("x: 1\n[a]: b", "found a list as a key", 2, 1),
        ("~: a", "a null key (`~`) is not supported", 1, 1),
        (": a", "a key is missing before `:`", 1, 1),
        (
            "a: 1\n  b: 2",
            "a `key: value` pair cannot continue a value",
            2,
            4,
        ),
        (
            "a: 'x'\n  b: 2",
            "unexpected indentation (expected a key at column 1)",
            2,
            3,
        ),
        (
            "- 'a'\n  - b",
            "unexpected indentation (expected `- ` at column 1)",
            2,
            3,
        ),
        ("a:\n  b: 1\n c: 2", "unexpected indentation", 3, 2),
        ("a: 1\n- b", "expected a key, found a list item", 2, 1),
        (
            "- a\nb: 1",
            "unexpected `b` after the document's top-level value",
            2,
            1,
        ),
        (
            "a: b: c",
            "cannot be the value of a key on the same line",
            1,
            5,
        ),
        (
            "a: - b",
            "a list cannot start on the same line as its key",
            1,
            4,
        ),
        ("a:\n\tb: 1", "a tab cannot indent YAML", 2, 1),
        ("a: 'x' y", "unexpected `y` after a value", 1, 8),
        ("a: [x] y", "unexpected `y` after a value", 1, 8),
        ("a: @x", "cannot start with `%`, `@` or a backtick", 1, 4),
        ("a: |x", "expected the end of the line after `|`", 1, 5),
        (
            "a\nb: 1",
            "a `key: value` pair cannot continue a value",
            2,
            2,
        ),
        ("a: 1\nb", "expected `:` after the key `b`", 2, 2),
        ("\"a\nb\": 1", "a key must be on one line", 1, 1),
        ("a: |\n    x\n  y: 1\n", "unexpected indentation", 3, 3),
        (
            "a: |\n\n    \n  x\n",
            "indented less than a blank line above it",
            4,
            3,
        ),
    ];
    for (text, message, line, column) in cases {
        let e = err(text);
        assert!(e.message.contains(message), "{text:?}: {e}");
        assert_eq!((e.line, e.column), (*line, *column), "{text:?}: {e}");
        assert!(!e.message.contains('\n'), "{text:?}: {e}");
    }
}

#[test]
fn deep_nesting_is_an_error_not_a_stack_overflow() {
    let n = 100_000;
    let indented: String = (0..n)
        .map(|i| format!("{}k:\n", " ".repeat(i % 5000)))
        .collect();
    for text in [
        "[".repeat(n),
        "{a: ".repeat(n),
        format!("a: {}", "[".repeat(n)),
        format!("a: {}", "{b: ".repeat(n)),
        "- ".repeat(n),
        format!("{}x", "- ".repeat(n)),
        indented,
    ] {
        let e = err(&text);
        assert!(e.message.contains("levels"), "{e}");
    }
    let depth = MAX_DEPTH - 1;
    let text = format!("{}{}", "[".repeat(depth), "]".repeat(depth));
    assert!(parse(&text).is_ok());
}

#[test]
fn big_input_is_linear() {
    // 200 000 keys, a 100 000 item list, a 4 MB scalar, a 100 000 item flow list and a
    // 20 000 line block scalar: each would take minutes if any step were quadratic.
    let keys: String = (0..200_000).map(|i| format!("k{i}: {i}\n")).collect();
    assert!(matches!(ok(&keys), Yaml::Map(m) if m.len() == 200_000));
    let items = "- DL3008\n".repeat(100_000);
    assert!(matches!(ok(&items), Yaml::List(l) if l.len() == 100_000));
    let long = format!("a: {}", "x".repeat(4 << 20));
    assert!(matches!(ok(&long), Yaml::Map(m) if m.len() == 1));
    let flow = format!("a: [{}]", "b, ".repeat(100_000));
    assert!(matches!(ok(&flow), Yaml::Map(m) if m.len() == 1));
    let block = format!("a: |\n{}", "  line\n".repeat(20_000));
    assert!(matches!(ok(&block), Yaml::Map(m) if m.len() == 1));
    let folded = format!("a: x\n{}", "  more\n".repeat(20_000));
    assert!(matches!(ok(&folded), Yaml::Map(m) if m.len() == 1));
}

#[test]
fn truncations_never_panic() {
    let text = "---\na: [1, {b: 'c''d'}, \"e\\u00e9\"]\nf:\n  - g: |\n      h\n    i: >-\n      j\n  - k\n...\n";
    for (i, _) in text.char_indices() {
        let _ = parse(&text[..i]);
        let _ = parse(&text[i..]);
    }
}

/// The deepest document the limit allows parses in half the browser's wasm stack (1 MB),
/// even in a debug build, whose frames are the largest.
#[test]
fn the_depth_limit_fits_a_small_stack() {
    let depth = MAX_DEPTH - 1;
    let flow = format!("{}{}", "[".repeat(depth), "]".repeat(depth));
    let block: String = (0..depth - 1)
        .map(|i| format!("{}k:\n", " ".repeat(i)))
        .collect();
    let items = format!("{}x", "- ".repeat(depth));
    let run = std::thread::Builder::new()
        .stack_size(512 * 1024)
        .spawn(move || [flow, block, items].iter().all(|t| parse(t).is_ok()))
        .unwrap();
    assert!(run.join().unwrap());
}
