//! Unit tests of the TOML parser: what it reads, every error it reports, and hostile
//! input. The comparison with the `toml` crate is in `differential_tests.rs`.

use super::toml::{Datetime, MAX_DEPTH, Offset, Table, Time, TomlError, Value, parse};
use crate::settings::Date;

fn ok(text: &str) -> Table {
    match parse(text) {
        Ok(table) => table,
        Err(e) => panic!("{text:?}: {e}"),
    }
}

fn err(text: &str) -> TomlError {
    match parse(text) {
        Ok(table) => panic!("{text:?}: expected an error, got {table:?}"),
        Err(e) => e,
    }
}

fn get<'a>(table: &'a Table, path: &str) -> &'a Value {
    let mut value: Option<&Value> = None;
    let mut current = table;
    for part in path.split('/') {
        let next = match (value, part.parse::<usize>()) {
            (Some(Value::Array(items)), Ok(i)) => items.get(i),
            _ => current.get(part),
        };
        let Some(next) = next else {
            panic!("no {part} in {path}");
        };
        if let Value::Table(t) = next {
            current = t;
        }
        value = Some(next);
    }
    value.unwrap()
}

fn s(text: &str) -> Value {
    Value::String(text.to_string())
}

#[test]
fn reads_the_dockcoach_schema() {
    let t = ok(r#"
# dockcoach configuration
failure-threshold = "warning"
ignore = ["DL3008", "untagged-base-image"]
today = 2026-11-27

[severity]
DL3008 = "off"

[label-schema]
maintainer = "email"
"org.opencontainers.image.version" = "semver"
"#);
    assert_eq!(get(&t, "failure-threshold"), &s("warning"));
    assert_eq!(get(&t, "ignore/1"), &s("untagged-base-image"));
    assert_eq!(get(&t, "severity/DL3008"), &s("off"));
    assert_eq!(
        get(&t, "label-schema/org.opencontainers.image.version"),
        &s("semver")
    );
    let keys: Vec<&str> = t.iter().map(|(k, _)| k).collect();
    assert_eq!(
        keys,
        [
            "failure-threshold",
            "ignore",
            "today",
            "severity",
            "label-schema"
        ],
        "file order is kept"
    );
    assert_eq!(
        get(&t, "today"),
        &Value::Datetime(Datetime {
            date: Some(Date {
                year: 2026,
                month: 11,
                day: 27
            }),
            time: None,
            offset: None
        })
    );
}

#[test]
fn keys_bare_quoted_and_dotted() {
    let t = ok("a = 1\n\"b c\" = 2\n'd.e' = 3\nf . g = 4\n\"\" = 5\nh.\"i.j\".k = 6\n1 = 7\n");
    assert_eq!(get(&t, "b c"), &Value::Integer(2));
    assert_eq!(get(&t, "d.e"), &Value::Integer(3));
    assert_eq!(get(&t, "f/g"), &Value::Integer(4));
    assert_eq!(get(&t, ""), &Value::Integer(5));
    assert_eq!(get(&t, "h/i.j/k"), &Value::Integer(6));
    assert_eq!(get(&t, "1"), &Value::Integer(7));
}

#[test]
fn tables_and_arrays_of_tables() {
    let t = ok(r#"
[a.b]
x = 1
[a]
y = 2
[[p]]
name = "one"
[p.sub]
z = 1
[[p.items]]
n = 1
[[p]]
name = "two"
"#);
    assert_eq!(get(&t, "a/b/x"), &Value::Integer(1));
    assert_eq!(get(&t, "a/y"), &Value::Integer(2));
    assert_eq!(get(&t, "p/0/name"), &s("one"));
    assert_eq!(get(&t, "p/0/sub/z"), &Value::Integer(1));
    assert_eq!(get(&t, "p/0/items/0/n"), &Value::Integer(1));
    assert_eq!(get(&t, "p/1/name"), &s("two"));
}

#[test]
fn inline_tables_and_arrays() {
    let t = ok("a = { x = 1, y.z = [1, [2, 3], ], w = {} }\nb = [\n  1, # one\n  \"two\",\n]\n");
    assert_eq!(get(&t, "a/x"), &Value::Integer(1));
    assert_eq!(get(&t, "a/y/z/1/0"), &Value::Integer(2));
    assert!(matches!(get(&t, "a/w"), Value::Table(w) if w.is_empty()));
    assert_eq!(get(&t, "b/1"), &s("two"));
    // TOML 1.1: newlines, comments and a trailing comma in an inline table.
    let t = ok("a = {\n  x = 1, # one\n  y = 2,\n}\n");
    assert_eq!(get(&t, "a/y"), &Value::Integer(2));
}

#[test]
fn strings() {
    let t = ok(concat!(
        "a = \"tab\\t quote\\\" slash\\\\ \\u00e9 \\U0001F600 \\e \\x41\"\n",
        "b = 'C:\\path\\no escapes'\n",
        "c = \"\"\"\nline one\nline two\"\"\"\n",
        "d = \"\"\"joined \\\n    together \\\n\n  here\"\"\"\n",
        "e = '''\nraw \\n\n'''\n",
        "f = \"\"\"two quotes: \"\"\"\"\"\n",
        "g = '''it's'''\n",
        "h = \"\"\n",
        "i = \"\"\"crlf\r\nkept\"\"\"\n",
    ));
    assert_eq!(
        get(&t, "a"),
        &s("tab\t quote\" slash\\ \u{e9} \u{1F600} \u{1b} A")
    );
    assert_eq!(get(&t, "b"), &s("C:\\path\\no escapes"));
    assert_eq!(get(&t, "c"), &s("line one\nline two"));
    assert_eq!(get(&t, "d"), &s("joined together here"));
    assert_eq!(get(&t, "e"), &s("raw \\n\n"));
    assert_eq!(get(&t, "f"), &s("two quotes: \"\""));
    assert_eq!(get(&t, "g"), &s("it's"));
    assert_eq!(get(&t, "h"), &s(""));
    assert_eq!(get(&t, "i"), &s("crlf\r\nkept"));
}

#[test]
fn numbers_and_booleans() {
    let t = ok(concat!(
        "a = +99\nb = -17\nc = 1_000\nd = 0xdead_BEEF\ne = 0o755\nf = 0b1101\n",
        "g = 9223372036854775807\nh = -9223372036854775808\n",
        "i = 1.5\nj = -2e-3\nk = 6.626E34\nl = 1_0.0_1\nm = inf\nn = -inf\no = nan\n",
        "p = true\nq = false\n",
    ));
    let int = |k: &str| get(&t, k).clone();
    assert_eq!(int("a"), Value::Integer(99));
    assert_eq!(int("b"), Value::Integer(-17));
    assert_eq!(int("c"), Value::Integer(1000));
    assert_eq!(int("d"), Value::Integer(0xdead_beef));
    assert_eq!(int("e"), Value::Integer(0o755));
    assert_eq!(int("f"), Value::Integer(13));
    assert_eq!(int("g"), Value::Integer(i64::MAX));
    assert_eq!(int("h"), Value::Integer(i64::MIN));
    let float = |k: &str| match int(k) {
        Value::Float(text) => text.parse::<f64>().ok(),
        _ => None,
    };
    assert_eq!(int("i"), Value::Float("1.5".into()));
    assert_eq!(float("j"), Some(-0.002));
    assert_eq!(float("k"), Some(6.626e34));
    assert_eq!(int("l"), Value::Float("10.01".into()));
    assert_eq!(float("m"), Some(f64::INFINITY));
    assert_eq!(float("n"), Some(f64::NEG_INFINITY));
    assert!(float("o").is_some_and(f64::is_nan));
    assert_eq!(int("p"), Value::Boolean(true));
    assert_eq!(int("q"), Value::Boolean(false));
}

#[test]
fn dates_and_times() {
    let t = ok(concat!(
        "a = 1979-05-27T07:32:00Z\n",
        "b = 1979-05-27 00:32:00.5-07:30\n",
        "c = 1979-05-27t07:32:00\n",
        "d = 1979-05-27\n",
        "e = 07:32:00.123456789999\n",
        "f = 07:32\n",
    ));
    let text = |k: &str| match get(&t, k) {
        Value::Datetime(dt) => dt.to_string(),
        other => panic!("{k}: {other:?}"),
    };
    assert_eq!(text("a"), "1979-05-27T07:32:00Z");
    assert_eq!(text("b"), "1979-05-27T00:32:00.5-07:30");
    assert_eq!(text("c"), "1979-05-27T07:32:00");
    assert_eq!(text("d"), "1979-05-27");
    assert_eq!(text("e"), "07:32:00.123456789");
    assert_eq!(text("f"), "07:32");
    assert!(matches!(
        get(&t, "b"),
        Value::Datetime(Datetime {
            time: Some(Time {
                nanosecond: Some(500_000_000),
                ..
            }),
            offset: Some(Offset::Minutes(-450)),
            ..
        })
    ));
}

#[test]
fn comments_whitespace_and_line_endings() {
    let t = ok("\u{feff}# c\r\n\t a = 1 # c\r\n\r\n[ t ] # c\r\n b = 'x' \r\n");
    assert_eq!(get(&t, "a"), &Value::Integer(1));
    assert_eq!(get(&t, "t/b"), &s("x"));
    assert!(ok("").is_empty());
    assert!(ok("# only\n\n   \n").is_empty());
}

/// Every error: its message, and the line and column it points at.
#[test]
fn errors_name_the_problem_and_the_place() {
    let cases: &[(&str, &str, usize, usize)] = &[
        ("rules \"x\"", "expected `=` after key `rules`", 1, 7),
        ("a.b c = 1", "expected `=` after key `a.b`", 1, 5),
        ("a = \"open", "unterminated string", 1, 5),
        ("a = \"two\nlines\"", "unterminated string", 1, 5),
        ("a = 'open", "unterminated string", 1, 5),
        ("a = \"\"\"open\n", "unterminated string", 1, 5),
        ("a = '''open\n", "unterminated string", 1, 5),
        ("a = \"\"\"x\"\"\"\"\"\"", "too many quotes", 1, 14),
        ("x = 1\nx = 2", "duplicate key `x`", 2, 1),
        ("a = { x = 1, x = 2 }", "duplicate key `x`", 1, 14),
        ("[t]\n[t]", "table `[t]` is defined twice", 2, 2),
        ("a.b = 1\n[a]", "duplicate key `a`", 2, 2),
        ("a = {}\na.b = 1", "inline tables are complete", 2, 1),
        ("a = {}\n[a.b]", "inline tables are complete", 2, 2),
        ("a = [1]\n[[a]]", "not an array of tables", 2, 3),
        ("a = 1\n[a.b]", "duplicate key `a`: it is an integer", 2, 2),
        ("[a]\nb = 1\n[a.b]", "duplicate key `a.b`", 3, 4),
        ("[[a]]\n[a]", "duplicate key `a`", 2, 2),
        ("a = \"\\q\"", "invalid escape `\\q`", 1, 6),
        ("a = \"\\u12\"", "expected 4 hex digits", 1, 6),
        ("a = \"\\uD800\"", "not a Unicode scalar value", 1, 6),
        ("a = \"\u{1}\"", "control character U+0001", 1, 6),
        (
            "# \u{7f}",
            "control character U+007F is not allowed in a comment",
            1,
            3,
        ),
        ("a = 01", "invalid number `01`", 1, 5),
        ("a = 1__0", "invalid number", 1, 5),
        ("a = 1.", "invalid number", 1, 5),
        ("a = +0x1", "invalid number", 1, 5),
        ("a = 9223372036854775808", "does not fit in 64 bits", 1, 5),
        ("a = 1e999", "invalid number", 1, 5),
        ("a = 2023-02-29", "invalid date-time `2023-02-29`", 1, 5),
        ("a = 1979-05-27T24:00:00", "invalid date-time", 1, 5),
        ("a = 25:00:00", "invalid time", 1, 5),
        (
            "fix = safe",
            "found `safe` (text needs quotes: \"safe\")",
            1,
            7,
        ),
        ("a = True", "found `True`", 1, 5),
        ("a = truely", "found `true` followed by `l`", 1, 5),
        ("a =", "expected a value, found the end of the file", 1, 4),
        ("a = [1, 2", "unterminated array: expected `]`", 1, 5),
        (
            "a = { b = 1",
            "unterminated inline table: expected `}`",
            1,
            5,
        ),
        (
            "a = [1 2]",
            "expected `,` or `]` after an array element, found `2`",
            1,
            8,
        ),
        (
            "a = {b = 1 c = 2}",
            "expected `,` or `}` after a value",
            1,
            12,
        ),
        ("[a\nb = 1", "expected `]` after the table name `a`", 1, 3),
        ("[[a]\n", "expected `]]` after the table name `a`", 1, 4),
        ("[]", "expected a key, found `]`", 1, 2),
        (
            "a = 1 b = 2",
            "expected the end of the line after a value, found `b`",
            1,
            7,
        ),
        (
            "[a] b = 1",
            "expected the end of the line after a table header",
            1,
            5,
        ),
        (
            "\"\"\"k\"\"\" = 1",
            "a key cannot be a multi-line string",
            1,
            1,
        ),
        ("= 1", "expected a key, found `=`", 1, 1),
        ("é = 1", "expected a key, found `é`", 1, 1),
        ("a = 1\rb = 2", "expected the end of the line", 1, 6),
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
    for text in [
        format!("a = {}", "[".repeat(n)),
        format!("a = {}1{}", "[".repeat(n), "]".repeat(n)),
        format!("a = {}", "{b = ".repeat(n)),
        format!("a = {}", "{ b = [".repeat(n)),
        "[".repeat(n),
        format!("[{}]", vec!["a"; n].join(".")),
        format!("{} = 1", vec!["a"; n].join(".")),
        format!("a = {{ {} = 1 }}", vec!["a"; n].join(".")),
    ] {
        let e = err(&text);
        assert!(
            e.message.contains("levels") || e.message.contains("expected a key"),
            "{}",
            e
        );
    }
    // Up to the limit is fine.
    let depth = MAX_DEPTH - 2;
    let text = format!("a = {}{}", "[".repeat(depth), "]".repeat(depth));
    assert!(parse(&text).is_ok());
}

#[test]
fn big_input_is_linear() {
    // 200 000 keys in one table, 50 000 `[[a]]` headers, a 4 MB string, a 100 000
    // element array: each would take minutes if any step were quadratic.
    let keys: String = (0..200_000).map(|i| format!("k{i} = {i}\n")).collect();
    assert_eq!(ok(&keys).len(), 200_000);
    let headers = "[[a]]\nx = 1\n".repeat(50_000);
    assert!(matches!(ok(&headers).get("a"), Some(Value::Array(items)) if items.len() == 50_000));
    let long = format!("s = \"{}\"", "x".repeat(4 << 20));
    assert!(matches!(ok(&long).get("s"), Some(Value::String(s)) if s.len() == 4 << 20));
    let array = format!("a = [{}]", "1, ".repeat(100_000));
    assert!(matches!(ok(&array).get("a"), Some(Value::Array(items)) if items.len() == 100_000));
    // Dotted keys into one table, many times.
    let dotted: String = (0..50_000).map(|i| format!("t.k{i} = 1\n")).collect();
    assert!(matches!(ok(&dotted).get("t"), Some(Value::Table(t)) if t.len() == 50_000));
}

#[test]
fn truncations_never_panic() {
    let text = "a = { b = [1, 2.5, \"x\\u00e9\", '''y'''], c.d = 1979-05-27T07:32:00Z }\n[[t]]\n\"k\" = \"\"\"v\\\n  w\"\"\"\n";
    for (i, _) in text.char_indices() {
        let _ = parse(&text[..i]);
        let _ = parse(&text[i..]);
    }
}

/// The deepest document the limit allows parses in half the browser's wasm stack (1 MB),
/// even in a debug build, whose frames are the largest.
#[test]
fn the_depth_limit_fits_a_small_stack() {
    let depth = MAX_DEPTH - 2;
    let arrays = format!("a = {}{}", "[".repeat(depth), "]".repeat(depth));
    let levels = (MAX_DEPTH - 4) / 3;
    let tables = format!("a = {}1{}", "{b = ".repeat(levels), "}".repeat(levels));
    let run = std::thread::Builder::new()
        .stack_size(512 * 1024)
        .spawn(move || parse(&arrays).is_ok() && parse(&tables).is_ok())
        .unwrap();
    assert!(run.join().unwrap());
}
