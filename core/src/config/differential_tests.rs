//! Our TOML and YAML parsers against the crates they replace (`toml`, `yaml-rust2`, now
//! dev-dependencies only), property style: every sample, every prefix of it and every
//! one-character deletion from it must get the same verdict from both parsers (accepted
//! or rejected), and accepted documents the same value.
//!
//! Random documents glued from grammar pieces get the same treatment
//! (`DIFF_RANDOM=300000` runs more of them than the default 20 000).
//!
//! The TOML parser has no known difference. The YAML parser's deliberate ones (YAML
//! spec over yaml-rust2's quirks, features left out on purpose) are skipped by
//! [`yaml_known_difference`], each with its reason; `SHOW_EXCLUDED=1` prints the
//! skipped documents whose verdicts differ.

use super::toml::{self as ours_toml, Value};
use super::yaml::{self as ours_yaml, Yaml};
use crate::testing::Rng;

// ---------------------------------------------------------------------------------------
// TOML

/// A value as text, keys sorted (the `toml` crate's tables may be sorted), floats by bits.
fn toml_canon(value: &Value, out: &mut String) {
    match value {
        Value::String(s) => out.push_str(&format!("s{s:?}")),
        Value::Integer(i) => out.push_str(&format!("i{i}")),
        // Stored as text: parsed here, in the test only, to compare by value.
        Value::Float(text) => match text.parse::<f64>() {
            Ok(f) if f.is_nan() => out.push_str("fNaN"),
            Ok(f) => out.push_str(&format!("f{f:?}")),
            Err(_) => out.push_str(&format!("f?{text}")),
        },
        Value::Boolean(b) => out.push_str(&format!("b{b}")),
        Value::Datetime(d) => out.push_str(&format!("d{d}")),
        Value::Array(items) => {
            out.push('[');
            for item in items {
                toml_canon(item, out);
                out.push(',');
            }
            out.push(']');
        }
        Value::Table(table) => {
            let mut entries: Vec<(&str, &Value)> = table.iter().collect();
            entries.sort_by(|a, b| a.0.cmp(b.0));
            out.push('{');
            for (key, value) in entries {
                out.push_str(&format!("{key:?}="));
                toml_canon(value, out);
                out.push(',');
            }
            out.push('}');
        }
    }
}

fn reference_toml_canon(value: &::toml::Value, out: &mut String) {
    match value {
        ::toml::Value::String(s) => out.push_str(&format!("s{s:?}")),
        ::toml::Value::Integer(i) => out.push_str(&format!("i{i}")),
        ::toml::Value::Float(f) if f.is_nan() => out.push_str("fNaN"),
        ::toml::Value::Float(f) => out.push_str(&format!("f{f:?}")),
        ::toml::Value::Boolean(b) => out.push_str(&format!("b{b}")),
        ::toml::Value::Datetime(d) => out.push_str(&format!("d{d}")),
        ::toml::Value::Array(items) => {
            out.push('[');
            for item in items {
                reference_toml_canon(item, out);
                out.push(',');
            }
            out.push(']');
        }
        ::toml::Value::Table(table) => {
            let mut entries: Vec<(&String, &::toml::Value)> = table.iter().collect();
            entries.sort_by(|a, b| a.0.cmp(b.0));
            out.push('{');
            for (key, value) in entries {
                out.push_str(&format!("{key:?}="));
                reference_toml_canon(value, out);
                out.push(',');
            }
            out.push('}');
        }
    }
}

/// `Ok(canonical value)` or `Err(())` from each parser.
fn toml_verdicts(text: &str) -> (Result<String, String>, Result<String, String>) {
    let ours = ours_toml::parse(text)
        .map(|t| {
            let mut s = String::new();
            toml_canon(&Value::Table(t), &mut s);
            s
        })
        .map_err(|e| e.to_string());
    let reference = ::toml::from_str::<::toml::Table>(text)
        .map(|t| {
            let mut s = String::new();
            reference_toml_canon(&::toml::Value::Table(t), &mut s);
            s
        })
        .map_err(|e| e.to_string().replace('\n', " "));
    (ours, reference)
}

const TOML_SAMPLES: &[&str] = &[
    "",
    "# only a comment\n",
    "a = 1\nb = 'x'\nc = \"y\"\n",
    "failure-threshold = \"warning\"\nignore = [\"DL3008\", \"untagged-base-image\"]\nfix = \"safe\"\ntoday = 2026-11-27\n\n[severity]\nDL3008 = \"off\"\n\n[label-schema]\nmaintainer = \"email\"\n\"org.opencontainers.image.version\" = \"semver\"\n",
    "\"quoted key\" = 1\n'literal key' = 2\nbare-key_1 = 3\n\"\" = 4\n",
    "a.b.c = 1\na.b.d = 2\na.e = 3\n",
    "a . b = 1\n\"a\" . 'c' = 2\n",
    "[a]\nx = 1\n[b]\ny = 2\n[a.c]\nz = 3\n",
    "[a.b.c]\nz = 1\n[a]\nw = 2\n",
    "[a.b.c]\n[a]\nb.d = 1\n",
    "[[fruits]]\nname = \"apple\"\n[fruits.physical]\ncolor = \"red\"\n[[fruits.varieties]]\nname = \"red delicious\"\n[[fruits]]\nname = \"banana\"\n[[fruits.varieties]]\nname = \"plantain\"\n",
    "[fruit]\napple.color = \"red\"\napple.taste.sweet = true\n[fruit.apple.texture]\nsmooth = true\n",
    "a = { x = 1, y = { z = [1, 2] } }\nb = {}\nc = { d.e = 1, d.f = 2 }\n",
    "a = [\n  1,\n  2, # two\n  3,\n]\nb = [ [1, 2], [\"a\", 'b'], [] ]\nc = [1, \"mixed\", 1.5, true, {x = 1}]\n",
    "s = \"tab\\t nl\\n quote\\\" back\\\\ u\\u00e9 U\\U0001F600 b\\b f\\f r\\r\"\n",
    "s = \"\"\"\nfirst\nsecond\"\"\"\nt = \"\"\"one \\\n    two \\\n\n   three\"\"\"\nu = \"\"\"q\"\"\"\"\nv = \"\"\"\"\"q\"\"\"\"\"\n",
    "s = '''\nraw \\n text\n'''\nt = '''it''s'''\nu = ''''a'''''\n",
    "i = +99\nj = -17\nk = 0\nl = 1_000_000\nm = 0xDEAD_beef\nn = 0o755\no = 0b1101\np = -0\nq = 9223372036854775807\nr = -9223372036854775808\n",
    "f = 1.5\ng = -0.01\nh = 5e+22\ni = 1e06\nj = -2E-2\nk = 6.626e-34\nl = 224_617.445_991\nm = inf\nn = -inf\no = nan\np = +nan\nq = -0.0\nr = +1.0\n",
    "t = true\nf = false\n",
    "a = 1979-05-27T07:32:00Z\nb = 1979-05-27T00:32:00-07:00\nc = 1979-05-27T00:32:00.999999+07:00\nd = 1979-05-27 07:32:00Z\ne = 1979-05-27T07:32:00\nf = 1979-05-27T00:32:00.999999\ng = 1979-05-27\nh = 07:32:00\ni = 00:32:00.999999\nj = 1979-05-27t07:32:00z\nk = 2024-02-29\n",
    "a = 1979-05-27T07:32:00.123456789123Z\n",
    "# comment\n\n  indented = 1 # trailing\n\t[ table ] # c\n\tkey = \"v\"\n",
    "a = 1\r\nb = 2\r\n",
    "x = \"é ü 日本\"\n\"ключ\" = 'значение'\n",
    "a = [ { b = 1 }, { b = 2 } ]\n",
    "points = [ { x = 1, y = 2, z = 3 },\n           { x = 7, y = 8, z = 9 } ]\n",
    "[a]\n[a.b]\n[a.b.c]\n[[a.b.c.d]]\n[[a.b.c.d]]\ne = 1\n",
    "[[a]]\n[a.b]\nc = 1\n[[a]]\n[a.b]\nc = 2\n",
    "key = \"value\" # comment with 'quotes' and \"double\"\n",
    "x = 1\n[\"dotted.key\"]\ny = 2\n['a'.\"b\".c]\nz = 3\n",
    "x=1\ny =2\nz= 3\n",
    "a = \"\"\nb = ''\nc = \"\"\"\"\"\"\nd = ''''''\n",
    "a = 1__2\n",
    "a = 01\n",
    "a = 1.\n",
    "a = .1\n",
    "a = 1e\n",
    "a = 0x\n",
    "a = +0x1\n",
    "a = 9223372036854775808\n",
    "a = 0b2\n",
    "a = 1979-13-27\n",
    "a = 1979-02-30\n",
    "a = 2023-02-29\n",
    "a = 1979-05-27T25:00:00\n",
    "a = 1979-05-27T07:60:00\n",
    "a = 1979-05-27T07:32:00+24:00\n",
    "a = 1979-05-27T\n",
    "a = 7:32:00\n",
    "a = true1\n",
    "a = True\n",
    "a = yes\n",
    "a = \"unterminated\n",
    "a = 'unterminated\n",
    "a = \"\"\"unterminated\n",
    "a = '''unterminated\n",
    "a = \"bad escape \\q\"\n",
    "a = \"bad unicode \\uD800\"\n",
    "a = \"short unicode \\u12\"\n",
    "a = \"tab\there\"\n",
    "a = \"nul\u{1}here\"\n",
    "a = 1\na = 2\n",
    "a = 1\na.b = 2\n",
    "a.b = 1\na = 2\n",
    "a = {}\na.b = 1\n",
    "a = { b = 1 }\n[a]\n",
    "a = { b = 1 }\n[a.c]\n",
    "a = { b = 1, b = 2 }\n",
    "a = { b.c = 1, b = 2 }\n",
    "[a]\n[a]\n",
    "[a]\nb = 1\n[a.b]\n",
    "[a.b]\n[a]\nb = 1\n",
    "a.b = 1\n[a]\n",
    "a.b = 1\n[a.b]\n",
    "[a]\nb.c = 1\n[a.b]\n",
    "a = [1]\n[[a]]\n",
    "a = []\n[[a]]\n",
    "[[a]]\n[a]\n",
    "[a]\n[[a]]\n",
    "[a.b.c]\nz = 9\n[a]\nb.c.t = 9\n",
    "[a.b.c.d]\nz = 9\n[a]\nb.c.d.k.t = 9\n",
    "[[a]]\nb.c = 1\n[[a]]\nb.c = 2\n",
    "a = 1 b = 2\n",
    "a = 1,\n",
    "a\n",
    "a =\n",
    "= 1\n",
    "[a\n",
    "[[a]\n",
    "[a]]\n",
    "[]\n",
    "[a.]\n",
    "a = [1 2]\n",
    "a = [1,,2]\n",
    "a = [,]\n",
    "a = { b = 1 c = 2 }\n",
    "a = { , }\n",
    "a = [\n",
    "a = {\n",
    "\"\"\"key\"\"\" = 1\n",
    "a = 1 # comment with a nul \u{0} byte\n",
    "a = \"x\" \"y\"\n",
    "a = 1\r",
    "a = [1, 2\n  3]\n",
    "key = value\n",
    "a = \"\\e \\x41\"\n",
    "a = { b = 1, }\n",
    "a = {\n  b = 1,\n  c = 2\n}\n",
    "a = 07:32\n",
    "a = 1979-05-27T07:32Z\n",
];

/// Valid TOML that the `toml` crate rejects or reads differently; ours follows the TOML
/// spec (and the rest of this test shows that nothing else differs).
fn toml_known_difference(text: &str) -> bool {
    let _ = text;
    false
}

/// Documents compared with a reference parser: how many, how many both accepted, and
/// the ones where the verdict or the value differs.
#[derive(Default)]
struct Tally {
    checked: usize,
    accepted: usize,
    excluded: usize,
    disagreements: Vec<String>,
}

type Verdict = Result<String, String>;

impl Tally {
    /// Records one document: both parsers must accept it with the same value, or both
    /// reject it.
    fn record(&mut self, text: &str, ours: &Verdict, reference: &Verdict) {
        self.checked += 1;
        let agree = match (ours, reference) {
            (Ok(a), Ok(b)) => {
                self.accepted += 1;
                a == b
            }
            (Err(_), Err(_)) => true,
            _ => false,
        };
        if !agree {
            self.disagreements.push(format!(
                "{text:?}\n  ours:      {ours:?}\n  reference: {reference:?}"
            ));
        }
    }

    /// Fails the test on any disagreement (showing the first 40), or when fewer than
    /// `min_checked` documents were compared.
    fn assert_agreement(&self, min_checked: usize) {
        let Tally {
            checked,
            accepted,
            excluded,
            disagreements,
        } = self;
        assert!(*checked >= min_checked, "{checked}");
        eprintln!("checked {checked}, both accepted {accepted}, excluded {excluded}");
        assert!(
            disagreements.is_empty(),
            "{} of {checked} documents disagree:\n{}",
            disagreements.len(),
            disagreements
                .iter()
                .take(40)
                .cloned()
                .collect::<Vec<_>>()
                .join("\n")
        );
    }
}

/// A sample, each of its prefixes, and the sample without each one of its characters.
fn variants(sample: &str) -> Vec<String> {
    let mut variants = vec![sample.to_string()];
    let boundaries: Vec<usize> = sample
        .char_indices()
        .map(|(i, _)| i)
        .chain(std::iter::once(sample.len()))
        .collect();
    for window in boundaries.windows(2) {
        let (start, end) = (window[0], window[1]);
        variants.push(sample[..start].to_string());
        variants.push(format!("{}{}", &sample[..start], &sample[end..]));
    }
    variants
}

#[test]
fn toml_agrees_with_the_toml_crate() {
    let mut tally = Tally::default();
    for sample in TOML_SAMPLES {
        for text in variants(sample) {
            if toml_known_difference(&text) {
                tally.excluded += 1;
                continue;
            }
            let (ours, reference) = toml_verdicts(&text);
            tally.record(&text, &ours, &reference);
        }
    }
    tally.assert_agreement(4_000);
}

// ---------------------------------------------------------------------------------------
// YAML

fn yaml_canon(value: &Yaml, out: &mut String) {
    match value {
        Yaml::Null => out.push('~'),
        Yaml::Bool(b) => out.push_str(&format!("b{b}")),
        Yaml::Int(i) => out.push_str(&format!("i{i}")),
        Yaml::Float(f) => out.push_str(&format!("f{f}")),
        Yaml::String(s) => out.push_str(&format!("s{s:?}")),
        Yaml::List(items) => {
            out.push('[');
            for item in items {
                yaml_canon(item, out);
                out.push(',');
            }
            out.push(']');
        }
        Yaml::Map(entries) => {
            out.push('{');
            for (key, value) in entries {
                out.push_str(&format!("{key:?}:"));
                yaml_canon(value, out);
                out.push(',');
            }
            out.push('}');
        }
    }
}

/// yaml-rust2's value in our shape; `None` for what ours rejects by design (aliases,
/// non-text keys, tags' bad values).
fn reference_yaml_canon(value: &yaml_rust2::Yaml, out: &mut String) -> Option<()> {
    use yaml_rust2::Yaml as Y;
    match value {
        Y::Null => out.push('~'),
        Y::Boolean(b) => out.push_str(&format!("b{b}")),
        Y::Integer(i) => out.push_str(&format!("i{i}")),
        Y::Real(f) => out.push_str(&format!("f{f}")),
        Y::String(s) => out.push_str(&format!("s{s:?}")),
        Y::Array(items) => {
            out.push('[');
            for item in items {
                reference_yaml_canon(item, out)?;
                out.push(',');
            }
            out.push(']');
        }
        Y::Hash(entries) => {
            out.push('{');
            for (key, value) in entries {
                let key = match key {
                    Y::String(s) | Y::Real(s) => s.clone(),
                    Y::Integer(i) => i.to_string(),
                    Y::Boolean(b) => b.to_string(),
                    _ => return None,
                };
                out.push_str(&format!("{key:?}:"));
                reference_yaml_canon(value, out)?;
                out.push(',');
            }
            out.push('}');
        }
        Y::Alias(_) | Y::BadValue => return None,
    }
    Some(())
}

fn yaml_verdicts(text: &str) -> (Result<String, String>, Result<String, String>) {
    let ours = ours_yaml::parse(text)
        .map(|v| {
            let mut s = String::new();
            yaml_canon(&v, &mut s);
            s
        })
        .map_err(|e| e.to_string());
    let reference = match yaml_rust2::YamlLoader::load_from_str(text) {
        Ok(docs) => match docs.as_slice() {
            [] => Ok("~".to_string()),
            [doc] => {
                let mut s = String::new();
                match reference_yaml_canon(doc, &mut s) {
                    Some(()) => Ok(s),
                    None => Err("not representable".to_string()),
                }
            }
            _ => Err("several documents".to_string()),
        },
        Err(e) => Err(e.to_string()),
    };
    (ours, reference)
}

const YAML_SAMPLES: &[&str] = &[
    "",
    "# only a comment\n",
    "---\n",
    "---\nignored:\n  - DL3008\n...\n",
    "ignored:\n  - DL3000\n  - SC1010\n",
    "ignored:\n- DL3000\n- SC1010\ntrustedRegistries:\n- docker.io\n",
    "failure-threshold: warning\nformat: json\nignored:\n  - DL3008\n  - SC1010\nlabel-schema:\n  author: text\n  contact: email\n  created: rfc3339\n  version: semver\n  documentation: url\n  git-revision: hash\n  license: spdx\nno-color: true\nno-fail: false\nverbose: false\noverride:\n  error:\n    - DL3001\n    - SC2086\n  warning: []\n  info:\n  style: [DL3015]\nstrict-labels: true\ndisable-ignore-pragma: true\ntrustedRegistries:\n  - docker.io\n  - my-company.com:5000\n  - \"*.gcr.io\"\n",
    "override:\n  error: [DL3001, DL3002]\n  warning:\n    - DL3042 # pip cache\n    - DL3059\n  info: [ ]\n",
    "a: 1\nb: -2\nc: +3\nd: 0x1F\ne: 0o17\nf: 1.5\ng: -1e3\nh: .inf\ni: -.Inf\nj: .nan\nk: 007\nl: 99999999999999999999\n",
    "a: true\nb: False\nc: TRUE\nd: yes\ne: no\nf: on\ng: ~\nh: null\ni:\n",
    "a: plain text with spaces\nb: 'single ''quoted'''\nc: \"double \\\"quoted\\\" \\t tab \\n nl \\u00e9 \\x41 \\\\ \\/\"\nd: text # comment\ne: text#not-comment\nf: http://example.com:8080/x\ng: a:b\n",
    "a: [1, two, 'three', \"four\", [5, 6], {x: 7}]\nb: {x: 1, y: [a, b], 'z': \"q\"}\nc: []\nd: {}\ne: [a, b,]\n",
    "a: [\n  1,\n  2, # two\n  3\n]\nb: {\n  x: 1,\n  y: 2\n}\n",
    "- a\n- b: 1\n  c: 2\n- - x\n  - y\n-\n  - nested\n- key: value\n  list:\n    - 1\n    - 2\n",
    "a:\n  b:\n    c:\n      d: deep\n  e: 2\nf: 3\n",
    "list:\n- a\n- b\nmap:\n  k: v\n",
    "a: multi\n  line\n  plain\nb: x\n",
    "a: first\n\n  after blank\n",
    "a: 'quoted\n  across\n\n  lines'\nb: \"double\n  across\"\n",
    "a: \"joined \\\n  here\"\n",
    "a: |\n  line 1\n  line 2\nb: >\n  folded\n  text\n\n  para\nc: |-\n  strip\nd: |+\n  keep\n\ne: x\n",
    "a: >-\n  one\n    indented\n  two\n",
    "a: |2\n   three spaces\n",
    "  indented: map\n  second: key\n",
    "key with spaces: value\n\"quoted key\": 1\n'single key': 2\n1234: text\ntrue: bool key\n",
    "a: b\n\n\n# comment\n\nc: d\n",
    "a: 1\r\nb: 2\r\n",
    "x: é ü 日本\nключ: значение\n",
    "a : spaced colon\n",
    "a:\n  - 1\n  -   2\n  -\t3\n",
    "- [a, b]\n- {c: d}\n",
    "a: {x: [1, {y: [2]}]}\n",
    "a: -1\nb: - 1\n",
    "a: b: c\n",
    "a: 1\na: 2\n",
    "a: 1\n  b: 2\n",
    "a:\n  b: 1\n c: 2\n",
    "- a\nb: 1\n",
    "a: [1, 2\n",
    "a: {x: 1\n",
    "a: 'unterminated\n",
    "a: \"unterminated\n",
    "a: \"bad \\q escape\"\n",
    "a: [1, 2]]\n",
    "a: 1\n---\nb: 2\n",
    "---\n---\n",
    "a: 1\n...\nb: 2\n",
    "{a: 1}\n",
    "[1, 2]\n",
    "just a scalar\n",
    "\"quoted scalar\"\n",
    "a:\n- b\n- c\nd: e\n",
    "a: x\n\tb: y\n",
    "a: [a, [b, [c, [d]]]]\n",
    "- - - a\n",
    "a: b\n- c\n",
    "? complex\n: key\n",
    "a: &anchor 1\nb: *anchor\n",
    "a: !!str 1\n",
    "%YAML 1.2\n---\na: 1\n",
    "a: @reserved\n",
    "a: `reserved\n",
    "[a]: b\n",
    "{a: b}: c\n",
    "a:\n  -\n  - b\n",
    "a: |\n\n  leading blank\n",
    "a: >\n  x\n\n\n  y\n",
    "a:    \n  b: 1\n",
    "\u{feff}a: 1\n",
    "a: 'it''s'\n",
    "a: \"\\N\\_\\L\\P\\e\\0\\a\\v\"\n",
    "a: [a: b]\n",
    "a: {b}\n",
    "a: {b: }\n",
    "a: ,x\n",
    "a: x, y\n",
    "a: 'x' y\n",
    "a: [x] y\n",
    "a:\n  # only a comment\nb: 1\n",
    "a: # comment\n  b: 1\n",
    "- # comment\n  a: 1\n",
    // Shapes seen in real `.hadolint.yaml` files.
    "---\n##########\n## header ##\n##########\nignored:\n  - DL3003 # Use WORKDIR - it's fine\n  - DL3006 # tag: explicitly\n",
    "# Intentionally relaxed rules \u{2014} documented.\nignored:\n  # unpinned on purpose\n  - DL3018 # apk: pin versions\n  # scoped to one layer\n  - DL3003\n",
    "ignored:\n  - DL3008  # apt-get でバージョン固定しない\n\ntrustedRegistries:\n  - docker.io/library  # Official images\n",
    "overrides:\n  - id: DL3001\n    severity: error # Avoid sudo\n  - id: DL3002\n    severity: warning\n",
    "overrides:\n  DL3003: warning\n  DL4000: {\"severity\": \"info\"}\n",
    "label-schema:\n  description: \"A custom image\"\n  version: \"1.0\"\n  \n# Severity\nseverity:\n  DL3003: warning  # x\n",
    "ignored: [DL3003, DL3025, SC2086]\ntrustedRegistries: [docker.io]\noverride:\n  error: [DL3002]\n",
    "ignored:\n  # - DL3018  # commented out\n\n# Trusted\ntrustedRegistries:\n  - docker.io\n",
    "failure-threshold: warning # error | warning | info | style | ignore | none\nformat: sarif\nlabel-schema:\n  org.opencontainers.image.title: text\n  org.opencontainers.image.source: url\n",
];

/// Cases where ours differs from yaml-rust2 on purpose.
fn yaml_known_difference(
    text: &str,
    ours: &Result<String, String>,
    reference: &Result<String, String>,
) -> bool {
    // yaml-rust2 keeps a byte-order mark as text; YAML says it is not content.
    if text.starts_with('\u{feff}') {
        return true;
    }
    // yaml-rust2 reads on through a `---` line inside a top-level block scalar; YAML
    // ends the document there.
    if ours.as_ref().err().is_some_and(|e| e.contains("several")) && reference.is_ok() {
        return true;
    }
    // yaml-rust2 does not take a comment line that starts with a tab as a comment line
    // and continues the plain scalar above it.
    let tab_comment = text.lines().any(|line| {
        let trimmed = line.trim_start_matches([' ', '\t']);
        trimmed.starts_with('#') && line[..line.len() - trimmed.len()].contains('\t')
    });
    if tab_comment && ours.is_err() {
        return true;
    }
    // An explicit indentation indicator on a top-level block scalar: yaml-rust2 and
    // YAML's "n = -1" disagree about what it counts from; ours counts from column 0.
    if ours.is_ok()
        && reference
            .as_ref()
            .err()
            .is_some_and(|e| e.contains("wrongly indented line in block scalar"))
    {
        return true;
    }
    // Lines that continue a quoted scalar or a `[...]` / `{...}` may be indented less
    // than YAML requires here (or by tabs); yaml-rust2 is strict about it.
    if ours.is_ok()
        && reference.as_ref().err().is_some_and(|e| {
            e.contains("invalid indentation") || e.contains("tab cannot be used as indentation")
        })
    {
        return true;
    }
    // Inside `[...]`, `a  -]` is the plain scalar `a  -` for YAML; yaml-rust2 takes the
    // `-` for the start of another scalar and rejects it.
    if ours.is_ok()
        && reference
            .as_ref()
            .err()
            .is_some_and(|e| e.contains("plain scalar cannot start with '-' followed by"))
    {
        return true;
    }
    // A tab after a block scalar's indentation is text for YAML; yaml-rust2 rejects it.
    if ours.is_ok()
        && reference
            .as_ref()
            .err()
            .is_some_and(|e| e.contains("block scalar content cannot start with a tab"))
    {
        return true;
    }
    // Keys are text as written here (`0x1F`); yaml-rust2 reads a number (31).
    if (text.contains("0x") || text.contains("0o")) && ours.is_ok() && ours != reference {
        return true;
    }
    // yaml-rust2 wants a space, not a tab, after `:` and `-`; YAML allows either.
    if ours.is_ok()
        && reference
            .as_ref()
            .err()
            .is_some_and(|e| e.contains("must be followed by a valid YAML whitespace"))
    {
        return true;
    }
    // A block scalar's last line of only spaces at the end of the input, with no line
    // break, is one more line for yaml-rust2; for YAML it is an empty line that clip
    // chomping drops.
    let last_line = text.rsplit('\n').next().unwrap_or("");
    if ours.is_ok()
        && reference.is_ok()
        && !last_line.is_empty()
        && last_line.trim().is_empty()
        && (text.contains('|') || text.contains('>'))
    {
        return true;
    }
    // An empty block scalar (`a: |` and nothing indented after it) is "" in the YAML
    // spec (example 8.6); yaml-rust2 reads "\n".
    if let (Ok(ours), Ok(reference)) = (ours, reference)
        && ours != reference
        && ours.replace("s\"\\n\"", "s\"\"") == reference.replace("s\"\\n\"", "s\"\"")
    {
        return true;
    }
    // The core schema's other spellings of null: yaml-rust2 reads `Null`/`NULL` as text.
    if text.contains("Null") || text.contains("NULL") {
        return true;
    }
    // Null keys (`~: x`, `null: x`, `: x`) are errors here; yaml-rust2 reads a null key.
    if ours
        .as_ref()
        .err()
        .is_some_and(|e| e.contains("null key") || e.contains("key is missing"))
    {
        return true;
    }
    // Features left out by design: ours rejects what yaml-rust2 reads.
    // yaml-rust2 also takes a tab before a top-level value, and `|`/`>` as text inside
    // `[...]`; YAML forbids both, and ours says so.
    ours.as_ref().err().is_some_and(|e| {
        e.contains("not supported")
            || e.contains("tab cannot")
            || e.contains("cannot appear inside")
    })
}

#[test]
fn yaml_agrees_with_yaml_rust2() {
    let mut tally = Tally::default();
    for sample in YAML_SAMPLES {
        for text in variants(sample) {
            let (ours, reference) = yaml_verdicts(&text);
            if yaml_known_difference(&text, &ours, &reference) {
                if std::env::var("SHOW_EXCLUDED").is_ok() && ours.is_ok() != reference.is_ok() {
                    eprintln!("EXCLUDED {text:?}\n  ours: {ours:?}\n  ref:  {reference:?}");
                }
                tally.excluded += 1;
                continue;
            }
            tally.record(&text, &ours, &reference);
        }
    }
    tally.assert_agreement(4_000);
}

// ---------------------------------------------------------------------------------------
// Random documents

/// Documents glued from pieces that matter to the grammar.
fn random_documents(seed: u64, pieces: &[&str], count: usize) -> Vec<String> {
    let mut rng = Rng(seed);
    (0..count)
        .map(|_| {
            let len = 1 + rng.next_u64() % 12;
            (0..len).map(|_| rng.pick(pieces)).collect()
        })
        .collect()
}

fn random_count() -> usize {
    std::env::var("DIFF_RANDOM")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(20_000)
}

#[test]
fn random_toml_agrees_with_the_toml_crate() {
    let pieces = [
        "a",
        "b",
        "1",
        "-",
        "_",
        ".",
        " ",
        "\t",
        "\n",
        "=",
        " = ",
        "\"",
        "'",
        "\"\"\"",
        "'''",
        "[",
        "]",
        "[[",
        "]]",
        "{",
        "}",
        ",",
        "#",
        "\\",
        "\\n",
        "\\u00e9",
        "true",
        "1e5",
        "0x1F",
        "1979-05-27",
        "T07:32:00",
        "Z",
        "+01:00",
        "inf",
        "nan",
        "é",
        "\r\n",
        "a.b",
        "[a]\n",
        "[[a]]\n",
        "a = 1\n",
        "b = [1, 2]\n",
        "c = {x = 1}\n",
        ":",
        "00",
        "3.14",
    ];
    let mut tally = Tally::default();
    for text in &random_documents(0x5eed_1234, &pieces, random_count()) {
        let (ours, reference) = toml_verdicts(text);
        tally.record(text, &ours, &reference);
    }
    tally.assert_agreement(1);
}

#[test]
fn random_yaml_agrees_with_yaml_rust2() {
    let pieces = [
        "a",
        "b",
        "1",
        "-",
        "- ",
        " ",
        "  ",
        "\t",
        "\n",
        ":",
        ": ",
        "\"",
        "'",
        "[",
        "]",
        "{",
        "}",
        ",",
        ", ",
        "#",
        " #",
        "\\",
        "\\n",
        "|",
        ">",
        "|-",
        ">+",
        "~",
        "null",
        "true",
        "0x1F",
        "1.5",
        ".inf",
        "é",
        "\r\n",
        "---",
        "...",
        "\n  ",
        "\n    ",
        "a: 1\n",
        "- x\n",
        "key:\n  - v\n",
        "''",
        "\\\"",
    ];
    let mut tally = Tally::default();
    for text in &random_documents(0x5eed_5678, &pieces, random_count()) {
        let (ours, reference) = yaml_verdicts(text);
        if yaml_known_difference(text, &ours, &reference) {
            tally.excluded += 1;
            continue;
        }
        tally.record(text, &ours, &reference);
    }
    tally.assert_agreement(1);
}
