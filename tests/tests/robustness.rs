//! Broken input never panics and fixing never breaks a file: corpus files are cut,
//! spliced and sprinkled with hostile bytes (deterministically), then parsed, linted
//! and fixed with every rule switched on.

mod common;

use dockcoach_core::settings::Level;
use dockcoach_core::testing::Rng;
use dockcoach_core::{Applicability, Settings, fix, lint, parse, rules};

const NOISE: &[&str] = &[
    "\\",
    "`",
    "\n",
    "\r\n",
    "\"",
    "'",
    "<<EOF",
    "<<-'X'\n",
    "EOF\n",
    "[",
    "]",
    "$",
    "${",
    "}",
    "# escape=`\n",
    "--mount=",
    "=",
    " ",
    "\t",
    "ONBUILD ",
    "FROM ",
    "RUN ",
    "é",
    "😀",
    "\u{feff}",
    "\0",
    "|",
    "&&",
    "$(",
    ")",
    "\\\n\n",
    "# hadolint ignore=DL3008\n",
];

fn mutate(text: &str, rng: &mut Rng) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out: String;
    match rng.below(4) {
        // Ex) cut the file anywhere
        0 => out = chars[..rng.below(chars.len() + 1)].iter().collect(),
        // Ex) drop a slice from the middle
        1 => {
            let a = rng.below(chars.len() + 1);
            let b = (a + rng.below(200)).min(chars.len());
            out = chars[..a].iter().chain(chars[b..].iter()).collect();
        }
        // Ex) splice noise in at several places
        _ => {
            out = String::new();
            let mut at = 0;
            for _ in 0..1 + rng.below(6) {
                let next = (at + rng.below(chars.len().max(1))).min(chars.len());
                out.extend(chars[at..next].iter());
                out.push_str(NOISE[rng.below(NOISE.len())]);
                at = next;
            }
            out.extend(chars[at..].iter());
        }
    }
    out
}

#[test]
fn mutated_corpus_files_never_panic_and_fixes_never_break_them() {
    let Some(dir) = common::corpus_dir() else {
        return;
    };
    let mut settings = Settings::default();
    for meta in rules() {
        settings
            .overrides
            .insert(meta.code.to_string(), Level::On(meta.severity));
    }
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let files = common::corpus_files(&dir);
    let mut problems = Vec::new();
    let mut cases = 0;
    for (name, bytes) in files.iter().step_by(5) {
        let Ok(text) = std::str::from_utf8(bytes) else {
            continue;
        };
        for _ in 0..4 {
            let input = mutate(text, &mut rng);
            cases += 1;
            let parsed = parse(&input);
            assert_eq!(
                parsed.print(),
                input,
                "{name}: round trip of a mutated file"
            );
            let _ = lint(&parsed, &settings);
            let fixed = fix(&input, &settings, Applicability::Unsafe);
            if parse(&fixed.output).errors.len() > parsed.errors.len() {
                problems.push(format!(
                    "{name}: fixing a mutated file added a syntax error"
                ));
            }
        }
    }
    eprintln!("{cases} mutated files parsed, linted and fixed");
    assert!(cases > 1500, "too few cases: {cases}");
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// Shapes that once overflowed the stack or took minutes (see `docs/benchmarks.md`,
/// worst-case shapes), each repeated to about 160 KiB: parsed, linted and fixed with
/// every rule on, without a panic and without a fix adding a syntax error. (How the
/// time grows with size is the scaling benchmark's business, not a test's.)
#[test]
fn repeated_hostile_shapes_never_panic_and_fixes_never_break_them() {
    const SHAPES: &[(&str, &str)] = &[
        ("FROM x\n", "ONBUILD "),
        ("", "FROM x\n"),
        ("", "FROM a AS b\nFROM b AS a\n"),
        ("", "FROM a\nCOPY --from=a b c\n"),
        ("FROM x\n", "WORKDIR a\n"),
        ("FROM x\n", "USER a\n"),
        ("FROM x\n", "run pip install -r r.txt\n"),
        ("FROM x\n", "RUN dnf install -y $X-1.0\n"),
        ("FROM x\n", "COPY x.tar /\nRUN tar xf /x.tar\n"),
        ("FROM x\nENV ", "a$N=$b "),
        ("FROM x\nENV ", "a=$b b=$a "),
        ("FROM x\nRUN curl ", "-k "),
        ("FROM x\nRUN echo ", "gpgcheck=0 "),
        ("FROM x\nRUN ", "$(("),
        ("FROM x\nRUN ", "{ "),
        ("FROM x\nRUN echo ", "\"${a:-"),
        ("FROM x\nCMD [", "\"a\", "),
        ("FROM x\nRUN <<EOF\n", "x\n"),
    ];
    let mut settings = Settings::default();
    for meta in rules() {
        settings
            .overrides
            .insert(meta.code.to_string(), Level::On(meta.severity));
    }
    for (prefix, shape) in SHAPES {
        let input = format!("{prefix}{}", shape.repeat(160 * 1024 / shape.len()));
        let parsed = parse(&input);
        assert_eq!(parsed.print(), input, "round trip of {shape:?}");
        let _ = lint(&parsed, &settings);
        let fixed = fix(&input, &settings, Applicability::Unsafe);
        assert!(
            parse(&fixed.output).errors.len() <= parsed.errors.len(),
            "fixing repeated {shape:?} added a syntax error"
        );
    }
}
