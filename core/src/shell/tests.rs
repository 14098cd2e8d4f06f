use super::*;
use crate::text::OffsetMap;

fn sh(text: &str) -> Script {
    parse(text, &OffsetMap::contiguous(0, text.len()))
}

fn names(s: &Script) -> Vec<&str> {
    s.commands.iter().map(|c| c.name()).collect()
}

fn args(c: &Command) -> Vec<&str> {
    c.arg_values().collect()
}

fn first<'a>(s: &'a Script, name: &str) -> &'a Command {
    s.commands
        .iter()
        .find(|c| c.name() == name)
        .unwrap_or_else(|| panic!("no command {name:?} in {:?}", names(s)))
}

fn connectors(s: &Script) -> Vec<Connector> {
    s.commands.iter().map(|c| c.connector).collect()
}

/// Checks that every word's and command's range slices back to what it claims.
fn assert_ranges_consistent(file: &str, s: &Script) {
    for c in &s.commands {
        for w in std::iter::once(&c.name)
            .chain(&c.args)
            .chain(&c.assignments)
        {
            if !w.raw.is_empty() {
                assert_eq!(w.range.slice(file), w.raw, "word range in {file:?}");
            }
        }
        for r in &c.redirects {
            if let Some(t) = &r.target {
                assert_eq!(t.range.slice(file), t.raw);
                assert!(r.range.contains_range(t.range));
            }
        }
        for w in c.args.iter().chain(&c.assignments) {
            assert!(
                c.range.contains_range(w.range),
                "{:?} outside {:?}",
                w,
                c.range
            );
        }
    }
    // Source order (for texts mapped contiguously; file order equals text order).
    let starts: Vec<u32> = s.commands.iter().map(|c| c.range.start).collect();
    assert!(
        starts.windows(2).all(|w| w[0] <= w[1]),
        "not in source order: {starts:?}"
    );
}

#[test]
fn and_or_seq_background_connectors() {
    let s = sh("a && b || c; d & e\nf");
    assert_eq!(s.error, None);
    assert!(!s.fallback);
    assert_eq!(names(&s), ["a", "b", "c", "d", "e", "f"]);
    use Connector::*;
    assert_eq!(connectors(&s), [First, And, Or, Seq, Background, Seq]);
    assert!(
        s.commands
            .iter()
            .all(|c| c.depth == 0 && c.pipeline.is_none())
    );
}

#[test]
fn pipelines_get_positions_and_ids() {
    let s = sh("a | b | c && d && e | f");
    assert_eq!(names(&s), ["a", "b", "c", "d", "e", "f"]);
    let pipes: Vec<Option<(usize, usize, usize)>> = s
        .commands
        .iter()
        .map(|c| c.pipeline.map(|p| (p.index, p.len, p.id)))
        .collect();
    assert_eq!(
        pipes,
        [
            Some((0, 3, 0)),
            Some((1, 3, 0)),
            Some((2, 3, 0)),
            None,
            Some((0, 2, 1)),
            Some((1, 2, 1))
        ]
    );
    // All commands of a pipeline share its connector.
    assert_eq!(connectors(&s)[4..], [Connector::And, Connector::And]);
    assert!(s.commands.iter().any(|c| c.pipeline.is_some()));
    assert!(sh("a && b").commands.iter().all(|c| c.pipeline.is_none()));
}

#[test]
fn negation() {
    let s = sh("! grep -q x f && echo ok");
    assert!(first(&s, "grep").negated);
    assert!(!first(&s, "echo").negated);
}

#[test]
fn subshells_and_groups_nest() {
    let s = sh("a && (cd /tmp && make) ; { b; c; } || d");
    assert_eq!(names(&s), ["a", "cd", "make", "b", "c", "d"]);
    let depths: Vec<u32> = s.commands.iter().map(|c| c.depth).collect();
    assert_eq!(depths, [0, 1, 1, 1, 1, 0]);
    use Connector::*;
    assert_eq!(connectors(&s), [First, And, And, Seq, Seq, Or]);
}

#[test]
fn if_elif_else_bodies() {
    let s = sh("if [ -f x ]; then a; elif test -d y; then b; else c; fi && d");
    assert_eq!(names(&s), ["[", "a", "test", "b", "c", "d"]);
    use Connector::*;
    assert_eq!(connectors(&s), [First, And, Or, And, Or, And]);
    assert_eq!(
        s.commands.iter().map(|c| c.depth).collect::<Vec<_>>(),
        [1, 1, 1, 1, 1, 0]
    );
    assert_eq!(args(first(&s, "[")), ["-f", "x", "]"]);
}

#[test]
fn loops_case_and_functions() {
    let s = sh(
        "for p in a b; do echo \"$p\"; done; while read l; do x; done < f; \
         until false; do y; done; case \"$1\" in a|b) z ;; *) w ;; esac; f() { g; }; f",
    );
    assert_eq!(s.error, None);
    assert_eq!(
        names(&s),
        ["echo", "read", "x", "false", "y", "z", "w", "g", "f"]
    );
    assert_eq!(first(&s, "echo").depth, 1);
    assert_eq!(first(&s, "g").depth, 1);
    assert_eq!(first(&s, "f").depth, 0);
    assert_eq!(args(first(&s, "echo")), ["$p"]);
}

#[test]
fn nested_compounds_accumulate_depth() {
    let s = sh("if a; then for i in 1; do (b); done; fi");
    let b = first(&s, "b");
    assert_eq!(b.depth, 3);
}

#[test]
fn command_substitutions_are_flattened() {
    let text = "echo $(uname -m) `date +%s` \"$(id -u)\" && x=$(cat /etc/os-release | grep ID)";
    let s = sh(text);
    assert_eq!(s.error, None);
    assert_eq!(
        names(&s),
        ["echo", "uname", "date", "id", "", "cat", "grep"]
    );
    let uname = first(&s, "uname");
    assert_eq!(uname.depth, 1);
    assert_eq!(uname.connector, Connector::First);
    assert_eq!(uname.range.slice(text), "uname -m");
    assert_eq!(first(&s, "date").range.slice(text), "date +%s");
    assert_eq!(
        first(&s, "grep").pipeline.map(|p| (p.index, p.len)),
        Some((1, 2))
    );
    // The enclosing word keeps the substitution as written.
    assert_eq!(
        args(first(&s, "echo")),
        ["$(uname -m)", "`date +%s`", "$(id -u)"]
    );
    let assign_only = &s.commands[4];
    assert_eq!(
        assign_only.assignments[0].raw,
        "x=$(cat /etc/os-release | grep ID)"
    );
    assert_eq!(assign_only.connector, Connector::And);
    assert_ranges_consistent(text, &s);
}

#[test]
fn nested_substitutions_and_for_lists() {
    let text = "for f in $(ls $(pwd)); do rm \"$f\"; done";
    let s = sh(text);
    assert_eq!(names(&s), ["ls", "pwd", "rm"]);
    assert_eq!(first(&s, "ls").depth, 1);
    assert_eq!(first(&s, "pwd").depth, 2);
    assert_eq!(first(&s, "pwd").range.slice(text), "pwd");
}

#[test]
fn process_substitution() {
    let s = sh("diff <(sort a) <(sort b) > out");
    assert_eq!(names(&s), ["diff", "sort", "sort"]);
    let diff = first(&s, "diff");
    assert_eq!(args(diff), ["<(sort a)", "<(sort b)"]);
    assert_eq!(diff.redirects.len(), 1);
    assert_eq!(s.commands[1].depth, 1);
}

#[test]
fn assignments_and_args_that_look_like_assignments() {
    let text = "DEBIAN_FRONTEND=noninteractive A=\"x y\" apt-get install -y make CC=gcc";
    let s = sh(text);
    let c = &s.commands[0];
    assert_eq!(c.name(), "apt-get");
    let assigns: Vec<&str> = c.assignments.iter().map(|w| w.value.as_str()).collect();
    assert_eq!(assigns, ["DEBIAN_FRONTEND=noninteractive", "A=x y"]);
    assert_eq!(args(c), ["install", "-y", "make", "CC=gcc"]);
    assert_eq!(c.range.slice(text), text);
    assert_ranges_consistent(text, &s);
}

#[test]
fn assignment_only_command_has_empty_name() {
    let text = "FOO=bar && echo";
    let s = sh(text);
    let c = &s.commands[0];
    assert_eq!(c.name(), "");
    assert_eq!(c.name.raw, "");
    assert_eq!(c.range.slice(text), "FOO=bar");
    assert_eq!(c.name.range, TextRange::empty(0));
}

#[test]
fn redirects() {
    let text = "make 2>&1 >/dev/null && cmd &> log 3< in >> app.log <<< \"str\"";
    let s = sh(text);
    let make = first(&s, "make");
    assert!(make.args.is_empty());
    let ops: Vec<(Option<u32>, &str, &str)> = make
        .redirects
        .iter()
        .map(|r| {
            (
                r.fd,
                r.op.as_str(),
                r.target.as_ref().map_or("", |t| t.value.as_str()),
            )
        })
        .collect();
    assert_eq!(ops, [(Some(2), ">&", "1"), (None, ">", "/dev/null")]);
    assert_eq!(make.redirects[0].range.slice(text), "2>&1");
    assert_eq!(make.redirects[1].range.slice(text), ">/dev/null");
    assert_eq!(make.range.slice(text), "make 2>&1 >/dev/null");

    let cmd = first(&s, "cmd");
    let ops: Vec<(Option<u32>, &str, &str)> = cmd
        .redirects
        .iter()
        .map(|r| {
            (
                r.fd,
                r.op.as_str(),
                r.target.as_ref().map_or("", |t| t.value.as_str()),
            )
        })
        .collect();
    assert_eq!(
        ops,
        [
            (None, "&>", "log"),
            (Some(3), "<", "in"),
            (None, ">>", "app.log"),
            (None, "<<<", "str")
        ]
    );
    assert_eq!(cmd.redirects[1].range.slice(text), "3< in");
    assert!(cmd.args.is_empty());
    assert_ranges_consistent(text, &s);
}

#[test]
fn leading_redirect_starts_the_command_range() {
    let text = ">out echo hi";
    let s = sh(text);
    assert_eq!(s.commands[0].name(), "echo");
    assert_eq!(s.commands[0].range.slice(text), text);
}

#[test]
fn quoting_and_escapes() {
    let text = r#"echo 'a b' "c $HOME d" e\ f "g\"h" ${X:-y} 'it'\''s' $'t\tx'"#;
    let s = sh(text);
    let c = &s.commands[0];
    assert_eq!(
        args(c),
        ["a b", "c $HOME d", "e f", "g\"h", "${X:-y}", "it's", "t\tx"]
    );
    let quoted: Vec<bool> = c.args.iter().map(|w| w.quoted).collect();
    assert_eq!(quoted, [true, true, true, true, false, true, true]);
    assert_eq!(c.args[0].raw, "'a b'");
    assert_ranges_consistent(text, &s);
}

#[test]
fn comments_are_ignored() {
    let s = sh("a # not && b\nc");
    assert_eq!(names(&s), ["a", "c"]);
    assert!(first(&s, "a").args.is_empty());
}

#[test]
fn flags_split_short_clusters_and_stop_at_double_dash() {
    let s = sh("apt-get -qy install --no-install-recommends --opt=val -- -notaflag pkg -");
    let c = &s.commands[0];
    assert!(c.has_flag(&['q'], &[]));
    assert!(c.has_flag(&['y'], &[]));
    assert!(c.has_flag(&[], &["no-install-recommends"]));
    assert!(c.has_flag(&[], &["opt"]));
    assert!(!c.has_flag(&['n'], &["notaflag"]));
    let pos: Vec<&str> = c.positionals().map(|w| w.value.as_str()).collect();
    assert_eq!(pos, ["install", "-notaflag", "pkg", "-"]);
}

#[test]
fn quoted_flags_are_still_flags() {
    let s = sh("apt-get install \"-y\" curl");
    assert!(s.commands[0].has_flag(&['y'], &["yes"]));
}

#[test]
fn command_names_are_basenames() {
    let s = sh("/usr/bin/apt-get update && apt-get install x && apt update && pip install y");
    let found: Vec<&str> = s
        .commands
        .iter()
        .filter(|c| ["apt-get", "pip"].contains(&c.name()))
        .map(|c| c.name.value.as_str())
        .collect();
    assert_eq!(found, ["/usr/bin/apt-get", "apt-get", "pip"]);
    assert_eq!(s.commands[0].name(), "apt-get");
    assert_eq!(
        s.commands[0].name.range.slice("/usr/bin/apt-get"),
        "/usr/bin/apt-get"
    );
}

#[test]
fn heredoc_inside_the_script() {
    let text = "cat <<EOF > /etc/conf\nline $X\n  two\nEOF\necho done";
    let s = sh(text);
    assert_eq!(s.error, None);
    assert_eq!(names(&s), ["cat", "echo"]);
    let cat = first(&s, "cat");
    assert_eq!(cat.redirects.len(), 2);
    let here = &cat.redirects[0];
    assert_eq!(here.op, "<<");
    assert_eq!(here.target.as_ref().map(|t| t.value.as_str()), Some("EOF"));
    let body = here
        .body
        .as_ref()
        .map(|b| (b.value.as_str(), b.range.slice(text), b.quoted));
    assert_eq!(body, Some(("line $X\n  two\n", "line $X\n  two\n", false)));
    assert_eq!(
        cat.redirects[1].target.as_ref().map(|t| t.value.as_str()),
        Some("/etc/conf")
    );
    assert_eq!(cat.range.slice(text), "cat <<EOF > /etc/conf");
    assert_eq!(first(&s, "echo").connector, Connector::Seq);
    assert_ranges_consistent(text, &s);
}

#[test]
fn heredoc_variants() {
    let text = "cat <<-'END' | tee f\n\tquoted $X\n\tEND\n";
    let s = sh(text);
    assert_eq!(s.error, None);
    assert_eq!(names(&s), ["cat", "tee"]);
    let here = &first(&s, "cat").redirects[0];
    assert_eq!(here.op, "<<-");
    let body = here.body.as_ref().map(|b| (b.value.as_str(), b.quoted));
    assert_eq!(body, Some(("quoted $X\n", true)));
    // No trailing newline after the delimiter, and an empty body.
    let s = sh("cat <<EOF\nEOF");
    assert_eq!(s.error, None);
    assert_eq!(
        s.commands[0].redirects[0]
            .body
            .as_ref()
            .map(|b| b.value.as_str()),
        Some("")
    );
}

#[test]
fn unterminated_heredoc_is_an_error_with_fallback() {
    let s = sh("cat <<EOF\nbody");
    assert!(s.error.is_some());
    assert!(s.fallback);
    assert_eq!(names(&s), ["cat"]);
    let here = &s.commands[0].redirects[0];
    assert_eq!(here.body.as_ref().map(|b| b.raw.as_str()), Some("body"));
}

#[test]
fn continuation_lines_map_to_file_ranges() {
    // File: a RUN spanning two lines; BuildKit drops the backslash-newline.
    let file = "RUN apt-get update \\\n    && apt-get install -y curl";
    let (text, map) = OffsetMap::join([
        (4, "apt-get update "),
        (21, "    && apt-get install -y curl"),
    ]);
    assert_eq!(text, "apt-get update     && apt-get install -y curl");
    let s = parse(&text, &map);
    assert_eq!(s.error, None);
    assert_eq!(s.commands.len(), 2);
    let update = &s.commands[0];
    assert_eq!(update.name.range.slice(file), "apt-get");
    assert_eq!(update.args[0].range.slice(file), "update");
    assert_eq!(update.range.slice(file), "apt-get update");
    let install = &s.commands[1];
    assert_eq!(install.name.range.slice(file), "apt-get");
    assert_eq!(
        install.name.range.start(),
        file.rfind("apt-get").unwrap_or(0)
    );
    let words: Vec<&str> = install.args.iter().map(|w| w.range.slice(file)).collect();
    assert_eq!(words, ["install", "-y", "curl"]);
    assert_eq!(install.range.slice(file), "apt-get install -y curl");
    assert_ranges_consistent(file, &s);
}

#[test]
fn a_word_split_by_a_continuation_spans_both_pieces() {
    // `RUN echo ab\` + `cd` -> BuildKit joins to `echo abcd`.
    let file = "RUN echo ab\\\ncd && ls";
    let (text, map) = OffsetMap::join([(4, "echo ab"), (13, "cd && ls")]);
    let s = parse(&text, &map);
    let echo = &s.commands[0];
    assert_eq!(echo.args[0].value, "abcd");
    assert_eq!(echo.args[0].range.slice(file), "ab\\\ncd");
    assert_eq!(s.commands[1].name.range.slice(file), "ls");
}

#[test]
fn substitution_ranges_map_through_pieces() {
    let file = "RUN echo $(uname \\\n  -m) && x";
    let (text, map) = OffsetMap::join([(4, "echo $(uname "), (19, "  -m) && x")]);
    let s = parse(&text, &map);
    let uname = first(&s, "uname");
    assert_eq!(uname.name.range.slice(file), "uname");
    assert_eq!(uname.args[0].range.slice(file), "-m");
    assert_eq!(first(&s, "x").name.range.slice(file), "x");
}

#[test]
fn non_ascii_offsets_are_bytes() {
    let text = "echo 'héllo' && ls 😀 && wc -l";
    let s = sh(text);
    assert_eq!(s.error, None);
    assert_eq!(names(&s), ["echo", "ls", "wc"]);
    assert_eq!(s.commands[0].args[0].value, "héllo");
    assert_eq!(s.commands[0].args[0].range.slice(text), "'héllo'");
    assert_eq!(s.commands[1].name.range.slice(text), "ls");
    assert_eq!(s.commands[1].args[0].range.slice(text), "😀");
    assert_eq!(s.commands[2].range.slice(text), "wc -l");
    assert_ranges_consistent(text, &s);

    // The same through an offset map with non-ASCII in an earlier piece.
    let file = "RUN echo 'é' \\\n && ls";
    let (text, map) = OffsetMap::join([(4, "echo 'é' "), (16, " && ls")]);
    let s = parse(&text, &map);
    assert_eq!(s.commands[1].name.range.slice(file), "ls");
    assert_eq!(s.commands[0].args[0].range.slice(file), "'é'");
}

#[test]
fn syntax_error_falls_back_to_splitting() {
    let text = "apt-get update && if then fi && apt-get install -y 'curl";
    let s = sh(text);
    let err = s.error.as_ref().map(|e| e.message.as_str());
    assert!(err.is_some_and(|m| m.contains("quote")), "{err:?}");
    assert!(s.fallback);
    let apt_get = || s.commands.iter().filter(|c| c.name() == "apt-get");
    assert_eq!(apt_get().count(), 2);
    let install = apt_get().nth(1);
    assert_eq!(install.map(args), Some(vec!["install", "-y", "curl"]));
    assert_eq!(install.map(|c| c.connector), Some(Connector::And));
    assert_ranges_consistent(text, &s);
}

#[test]
fn syntax_error_ranges_point_at_the_token() {
    let text = "echo a && fi";
    let s = sh(text);
    let e = s.error.unwrap_or_else(|| panic!("expected an error"));
    assert_eq!(e.range.slice(text), "fi");
    assert!(e.message.contains("`fi`"), "{}", e.message);

    let text = "if true; then echo";
    let e = sh(text)
        .error
        .unwrap_or_else(|| panic!("expected an error"));
    assert_eq!(e.range, TextRange::empty(text.len()));

    let text = "echo 'é' \"unterminated";
    let e = sh(text)
        .error
        .unwrap_or_else(|| panic!("expected an error"));
    assert_eq!(e.range.slice(text), "\"unterminated");
}

#[test]
fn error_range_maps_to_the_file() {
    let file = "RUN echo a \\\n  && fi";
    let (text, map) = OffsetMap::join([(4, "echo a "), (13, "  && fi")]);
    let e = parse(&text, &map)
        .error
        .unwrap_or_else(|| panic!("expected an error"));
    assert_eq!(e.range.slice(file), "fi");
}

#[test]
fn fallback_splitter_directly() {
    let text = "A=1 sudo apt-get install -y x | tee log 2>&1; if [ a ]; then b; fi & c || (d && e) <<EOF\nbody && not\nEOF\nf";
    let s = Script {
        commands: {
            let items = fallback::parse(text);
            let mut conv = Converter {
                text,
                map: &OffsetMap::contiguous(0, text.len()),
                backend: &parser::Parser,
                commands: Vec::new(),
                next_pipe: 0,
            };
            conv.emit(&items, 0, 0, 0);
            conv.commands.into_iter().map(|(_, c)| c).collect()
        },
        error: None,
        fallback: true,
    };
    // The here-document redirects the group: a redirection-only command.
    assert_eq!(names(&s), ["sudo", "tee", "[", "b", "c", "d", "e", "", "f"]);
    use Connector::*;
    assert_eq!(
        connectors(&s)[..7],
        [First, First, Seq, Seq, Background, Or, And]
    );
    assert_eq!(s.commands[8].connector, Seq);
    let sudo = &s.commands[0];
    assert_eq!(sudo.assignments[0].value, "A=1");
    assert_eq!(args(sudo), ["apt-get", "install", "-y", "x"]);
    assert_eq!(sudo.pipeline.map(|p| (p.index, p.len)), Some((0, 2)));
    let tee = &s.commands[1];
    assert_eq!(tee.redirects[0].fd, Some(2));
    assert_eq!(tee.redirects[0].op, ">&");
    assert_eq!(s.commands[3].depth, 1);
    assert_eq!(s.commands[5].depth, 1);
    let here = &s.commands[7].redirects[0];
    assert_eq!(
        here.body.as_ref().map(|b| b.raw.as_str()),
        Some("body && not\n")
    );
    assert_ranges_consistent(text, &s);
}

#[test]
fn fallback_handles_unbalanced_everything() {
    for text in [
        "'",
        "\"",
        "`",
        "$(",
        "${",
        "\\",
        "(((",
        ")))",
        "<<",
        "<<EOF",
        "2>",
        "&&&",
        "|||",
        ";;;",
        "a <<- \n",
        "a=(",
        "if",
        "fi fi fi",
        "echo 'é",
        "\u{0}",
        "a\u{0}b",
        "é<<é\né",
    ] {
        let _ = fallback::parse(text);
        let s = sh(text);
        assert_ranges_consistent(text, &s);
    }
}

#[test]
fn inputs_that_tripped_brush_parse_safely() {
    // Each of these made brush-parser 0.4 (the previous parser) panic or loop forever.
    for text in [
        "<<\r ",
        "a <<\r\n",
        "a 99999999999>f",
        "a 2147483648<f && b",
    ] {
        let s = sh(text);
        assert_ranges_consistent(text, &s);
    }
    // An fd number too large for a file descriptor is still a redirection (bash
    // rejects it only when running it); it has no `fd`.
    let text = "a 99999999999>f && b";
    let s = sh(text);
    assert!(!s.fallback, "{:?}", s.error);
    assert_eq!(names(&s), ["a", "b"]);
    let r = &s.commands[0].redirects[0];
    assert_eq!((r.fd, r.range.slice(text)), (None, "99999999999>f"));
    // CR is plain whitespace.
    let s = sh("apt-get update &&\r\n apt-get install -y x\r\n");
    assert_eq!(s.error, None);
    assert_eq!(names(&s), ["apt-get", "apt-get"]);
}

#[test]
fn deep_nesting_uses_the_fallback() {
    let deep = format!("{}echo x{}", "( ".repeat(200), " )".repeat(200));
    let s = sh(&deep);
    assert!(s.fallback);
    assert_eq!(names(&s), ["echo"]);
    let deep = format!("echo {}x{}", "$(".repeat(500), ")".repeat(500));
    let s = sh(&deep);
    assert!(s.fallback);
    let deep = format!("{} x {}", "if a; then ".repeat(300), "; fi".repeat(300));
    let s = sh(&deep);
    assert!(s.fallback);
    // Moderate nesting still goes through brush.
    let ok = format!("{}echo x{}", "{ ".repeat(8), "; }".repeat(8));
    let s = sh(&ok);
    assert!(!s.fallback, "{:?}", s.error);
    assert_eq!(s.commands[0].depth, 8);
}

#[test]
fn huge_input_is_linear_and_safe() {
    let big = "apt-get install -y curl && ".repeat(5000) + "true";
    let s = sh(&big);
    assert!(s.fallback, "over the brush size limit");
    assert_eq!(s.commands.len(), 5001);
    let last = s.commands.last().map(|c| c.range.slice(&big));
    assert_eq!(last, Some("true"));
}

#[test]
fn empty_and_blank_scripts() {
    for text in ["", "   ", "\n\n", "# only a comment", ";"] {
        let s = sh(text);
        assert!(s.commands.is_empty(), "{text:?}: {:?}", names(&s));
    }
}

#[test]
fn pseudo_random_inputs_never_panic() {
    const FRAGS: &[&str] = &[
        "echo",
        " ",
        "a",
        "'",
        "\"",
        "\\",
        "$",
        "(",
        ")",
        "{",
        "}",
        "`",
        "<",
        ">",
        "<<",
        "<<-",
        ">>",
        "&",
        "&&",
        "|",
        "||",
        ";",
        ";;",
        "\n",
        "\t",
        "#",
        "=",
        "$(",
        "${",
        "$((",
        "))",
        "if",
        "then",
        "fi",
        "else",
        "for",
        "in",
        "do",
        "done",
        "while",
        "case",
        "esac",
        "!",
        "2>&1",
        "99999999999",
        "EOF",
        "x=",
        "[[",
        "]]",
        "é",
        "😀",
        "-",
        "--",
        "\r",
        "a=(",
        "<(",
        "function",
        "coproc",
        "$'",
        "<<<",
        "&>",
    ];
    let mut rng = crate::testing::Rng(0x9E37_79B9_7F4A_7C15);
    for _ in 0..3000 {
        let len = rng.below(30);
        let mut text = String::new();
        for _ in 0..len {
            text.push_str(rng.pick(FRAGS));
            if rng.next_u64().is_multiple_of(3) {
                text.push(' ');
            }
        }
        let s = sh(&text);
        assert_ranges_consistent(&text, &s);
    }
}

#[test]
fn throughput_smoke() {
    // Not a timing assertion: just exercises many distinct scripts (run the
    // `--release` example in the report for real numbers).
    let mut total = 0;
    for i in 0..300 {
        let text = format!(
            "apt-get update && apt-get install -y --no-install-recommends pkg{i} ca-certificates \
             && rm -rf /var/lib/apt/lists/* && curl -fsSL https://x/{i}.sh | sh -s -- -y"
        );
        total += sh(&text).commands.len();
    }
    assert_eq!(total, 300 * 5);
}

#[test]
fn source_order_holds_across_nestings() {
    let text = "diff <(a) $(b) <(c) && case $(d) in $(e)) f ;; $(g)) h ;; esac";
    let s = sh(text);
    assert_eq!(s.error, None);
    assert_eq!(names(&s), ["diff", "a", "b", "c", "d", "e", "f", "g", "h"]);
    assert_ranges_consistent(text, &s);
}

#[test]
fn several_heredocs_and_operators_after_them() {
    let text = "cat <<A <<-B && echo ok | tr a b\nfirst\nA\n\tsecond\n\tB\nls";
    let s = sh(text);
    assert_eq!(s.error, None);
    assert_eq!(names(&s), ["cat", "echo", "tr", "ls"]);
    let cat = &s.commands[0];
    let bodies: Vec<&str> = cat
        .redirects
        .iter()
        .filter_map(|r| r.body.as_ref().map(|b| b.value.as_str()))
        .collect();
    assert_eq!(bodies, ["first\n", "second\n"]);
    assert_eq!(s.commands[1].connector, Connector::And);
    assert_eq!(s.commands[2].pipeline.map(|p| p.index), Some(1));
    assert_eq!(s.commands[3].connector, Connector::Seq);
    assert_eq!(s.commands[3].range.slice(text), "ls");
    assert_ranges_consistent(text, &s);
}

#[test]
fn loop_bodies_connectors() {
    let s = sh("while a; do b; done; until c; do d; done");
    use Connector::*;
    assert_eq!(connectors(&s), [First, And, Seq, Or]);
}

#[test]
fn stray_keywords_are_reported_where_they_are() {
    for (text, tok) in [
        ("a; then b", "then"),
        ("x && done", "done"),
        ("{ a; } }", "}"),
    ] {
        let e = sh(text)
            .error
            .unwrap_or_else(|| panic!("no error for {text:?}"));
        assert_eq!(e.range.slice(text), tok, "{text:?}: {}", e.message);
    }
    let e = sh("for i in 1 2; do echo")
        .error
        .unwrap_or_else(|| panic!("no error"));
    assert!(e.message.contains("missing `done`"), "{}", e.message);
    // Keywords as arguments are fine.
    assert_eq!(sh("echo fi then done").error, None);
}

#[test]
fn pipeline_inside_a_compound_element() {
    let s = sh("curl -fsSL x | (cd /t && tar xz) && echo ok");
    let tar = first(&s, "tar");
    assert_eq!(tar.pipeline.map(|p| (p.index, p.len)), Some((1, 2)));
    assert_eq!(tar.depth, 1);
    assert_eq!(first(&s, "echo").pipeline, None);
}

// ---------------------------------------------------------------------------------------
// Our parser: constructs, bash-isms, errors and limits.
// ---------------------------------------------------------------------------------------

fn depths(s: &Script) -> Vec<u32> {
    s.commands.iter().map(|c| c.depth).collect()
}

fn error_of(text: &str) -> ShellError {
    sh(text)
        .error
        .unwrap_or_else(|| panic!("expected an error for {text:?}"))
}

#[test]
fn nested_substitutions_inside_quotes() {
    let text = r#"echo "$(echo "$(id -u) )" `date`)" && x"#;
    let s = sh(text);
    assert_eq!(s.error, None);
    assert_eq!(names(&s), ["echo", "echo", "id", "date", "x"]);
    assert_eq!(depths(&s), [0, 1, 2, 2, 0]);
    assert_eq!(args(first(&s, "echo")).len(), 1);
    assert_ranges_consistent(text, &s);
}

#[test]
fn case_patterns_and_branches() {
    let text = "case \"$1\" in\n  (a|b) x ;;\n  c) ;;\n  d)\n    y; z\n    ;;\n  *) w\nesac; v";
    let s = sh(text);
    assert_eq!(s.error, None);
    assert_eq!(names(&s), ["x", "y", "z", "w", "v"]);
    use Connector::*;
    assert_eq!(connectors(&s), [First, First, Seq, First, Seq]);
    assert_eq!(depths(&s), [1, 1, 1, 1, 0]);
    // `;&` and `;;&` end a branch too; substitutions in patterns are found.
    let s = sh("case $(uname -m) in x86_64) a ;& $(p)) b ;;& *) c;; esac");
    assert_eq!(s.error, None);
    assert_eq!(names(&s), ["uname", "a", "p", "b", "c"]);
    assert_eq!(
        error_of("case x in a) b;; esac; esac").message,
        "syntax error near unexpected token `esac`"
    );
}

#[test]
fn heredoc_delimiters_quoted_escaped_and_in_substitutions() {
    for (text, quoted) in [
        ("cat <<\"EOF\"\n$x\nEOF\necho", true),
        ("cat <<\\EOF\n$x\nEOF\necho", true),
        ("cat <<E'O'F\n$x\nEOF\necho", true),
        ("cat <<EOF\n$x\nEOF\necho", false),
    ] {
        let s = sh(text);
        assert_eq!(s.error, None, "{text:?}");
        assert_eq!(names(&s), ["cat", "echo"], "{text:?}");
        let body = s.commands[0].redirects[0].body.as_ref();
        assert_eq!(
            body.map(|b| (b.raw.as_str(), b.quoted)),
            Some(("$x\n", quoted))
        );
    }
    // `<<-` strips tabs from the delimiter line too; a heredoc inside `$( )`.
    let text = "x=$(cat <<-EOF\n\tbody )\n\tEOF\n) && echo \"$x\"";
    let s = sh(text);
    assert_eq!(s.error, None);
    assert_eq!(names(&s), ["", "cat", "echo"]);
    // `<<` in arithmetic is a shift, not a here-document.
    let s = sh("echo $((1 << 4)) && (( x = 1 << 2 )) && y");
    assert_eq!(s.error, None);
    assert_eq!(names(&s), ["echo", "y"]);
    let e = error_of("cat <<EOF\nbody");
    assert!(
        e.message.contains("`EOF` is not terminated"),
        "{}",
        e.message
    );
    assert_eq!(
        error_of("cat <<").message,
        "here-document without a delimiter"
    );
}

#[test]
fn comments_and_continuations_in_the_text() {
    // Heredoc-form RUN scripts keep their backslash-newlines.
    let text = "apt-get install -y \\\n    curl \\\n    git # a comment && not a command\nls#not-a-comment";
    let s = sh(text);
    assert_eq!(s.error, None);
    assert_eq!(names(&s), ["apt-get", "ls#not-a-comment"]);
    let apt = &s.commands[0];
    assert_eq!(args(apt), ["install", "-y", "curl", "git"]);
    assert_eq!(apt.args[2].range.slice(text), "curl");
    assert_eq!(
        apt.range.slice(text),
        "apt-get install -y \\\n    curl \\\n    git"
    );
    // A comment inside a substitution.
    let s = sh("x=$(a # comment with ( and '\n  b) && c");
    assert_eq!(s.error, None);
    assert_eq!(names(&s), ["", "a", "b", "c"]);
}

#[test]
fn groups_functions_and_their_redirections() {
    let text = "{ a; b; } > $(mktemp) 2>&1; function f { g; }; function h() (i); j() { k; } < in";
    let s = sh(text);
    assert_eq!(s.error, None);
    assert_eq!(names(&s), ["a", "b", "mktemp", "g", "i", "k"]);
    assert_eq!(depths(&s), [1, 1, 1, 1, 1, 1]);
    assert_eq!(first(&s, "mktemp").connector, Connector::First);
    assert_ranges_consistent(text, &s);
}

#[test]
fn negated_pipelines_and_pipe_stderr() {
    let s = sh("! a | { b; c; } && d |& e");
    assert_eq!(s.error, None);
    assert_eq!(names(&s), ["a", "b", "c", "d", "e"]);
    let negated: Vec<bool> = s.commands.iter().map(|c| c.negated).collect();
    assert_eq!(negated, [true, true, true, false, false]);
    let pipes: Vec<Option<(usize, usize)>> = s
        .commands
        .iter()
        .map(|c| c.pipeline.map(|p| (p.index, p.len)))
        .collect();
    assert_eq!(
        pipes,
        [
            Some((0, 2)),
            Some((1, 2)),
            Some((1, 2)),
            Some((0, 2)),
            Some((1, 2))
        ]
    );
    // `|&` adds a `2>&1` (without a range) to the command before it.
    let d = first(&s, "d");
    assert_eq!(d.redirects.len(), 1);
    assert_eq!(
        (d.redirects[0].fd, d.redirects[0].op.as_str()),
        (Some(2), ">&")
    );
    // `time` is not a command; `!` or `time` alone is an empty pipeline.
    let s = sh("time -p make && ! ; time");
    assert_eq!(s.error, None);
    assert_eq!(names(&s), ["make"]);
}

#[test]
fn arithmetic_commands_and_loops() {
    let s = sh("for ((i = 0; i < 3; i++)); do a; done; for ((;;)) { b; }; ((n++)) && c");
    assert_eq!(s.error, None);
    assert_eq!(names(&s), ["a", "b", "c"]);
    assert_eq!(depths(&s), [1, 1, 0]);
    // `((` that does not close with `))` is two subshells.
    let s = sh("((cd a && make) ; (cd b))");
    assert_eq!(s.error, None);
    assert_eq!(names(&s), ["cd", "make", "cd"]);
    assert_eq!(depths(&s), [2, 2, 2]);
}

#[test]
fn bash_extensions() {
    let text = "[[ -n $(x) && $y == z* ]] && a=(1 $(w) \"3\") b &>> log <<< \"$(v)\" $'q\\'' <(p) >(r) \
                && select s in 1 2; do t; done && coproc cat && declare -a arr=(a b)";
    let s = sh(text);
    assert_eq!(s.error, None);
    assert_eq!(
        names(&s),
        ["x", "b", "w", "v", "p", "r", "t", "cat", "declare"]
    );
    let b = first(&s, "b");
    assert_eq!(b.assignments[0].raw, "a=(1 $(w) \"3\")");
    let ops: Vec<&str> = b.redirects.iter().map(|r| r.op.as_str()).collect();
    assert_eq!(ops, ["&>>", "<<<"]);
    assert_eq!(args(b), ["q'", "<(p)", ">(r)"]);
    assert_eq!(first(&s, "x").depth, 1);
    assert_eq!(first(&s, "cat").depth, 1);
    assert_eq!(args(first(&s, "declare")), ["-a", "arr=(a b)"]);
    assert_ranges_consistent(text, &s);
}

#[test]
fn syntax_errors_name_the_missing_closer() {
    for (text, closer) in [
        ("(a", ")"),
        ("{ a;", "}"),
        ("if a; then (b", ")"),
        ("case x in a) b", "esac"),
        ("while a; do b &&", "done"),
        ("[[ -n x", "]]"),
    ] {
        let e = error_of(text);
        assert_eq!(
            e.message,
            format!("syntax error: unexpected end of script (missing `{closer}`)"),
            "{text:?}"
        );
        assert_eq!(e.range, TextRange::empty(text.len()));
    }
    let text = "echo $(ls";
    let e = error_of(text);
    assert_eq!(e.message, "unterminated command substitution");
    assert_eq!(e.range.slice(text), "$(ls");
    assert_eq!(
        error_of("if a; then b; done")
            .range
            .slice("if a; then b; done"),
        "done"
    );
    assert_eq!(
        error_of("a |").message,
        "syntax error: unexpected end of script"
    );
    // Trailing backslashes and lone keywords as arguments are fine in bash.
    for ok in ["echo \\", "echo done esac }", "echo a && \\\n b", "a & b &"] {
        assert_eq!(sh(ok).error, None, "{ok:?}");
    }
}

#[test]
fn nesting_past_the_parser_cap_uses_the_fallback() {
    // `coproc` nests without raising the pre-check's estimate.
    let deep = format!("{}a", "coproc ".repeat(100));
    let s = sh(&deep);
    assert!(s.fallback);
    assert_eq!(s.error, None);
    let deep = format!("echo {}x{}", "\"$(".repeat(100), ")\"".repeat(100));
    let s = sh(&deep);
    assert!(s.fallback);
    assert_eq!(s.error, None);
}

#[test]
fn hostile_inputs_under_the_size_cap_stay_linear() {
    // Each is just under 64 KiB, so it reaches the parser (or the nesting guard);
    // a quadratic path would take seconds here.
    let pieces = [
        "((",
        "(( ",
        "$(",
        "\"$(",
        "${",
        "`",
        "<<A ",
        "<<A\n",
        "a | ",
        "! ",
        "time ",
        "case x in a) ",
        "a=( ",
        "[[ ",
        "coproc ",
        "{ ",
        "if a; then ",
        "x\\\n",
        "# c\n",
        "'",
        "\"",
        "<(",
        "a && ",
        "for ((",
        "((a) ",
        "$'",
        "\n",
    ];
    for piece in pieces {
        let text = piece.repeat(60_000 / piece.len());
        let start = std::time::Instant::now();
        let s = sh(&text);
        assert_ranges_consistent(&text, &s);
        let took = start.elapsed();
        assert!(took.as_secs() < 5, "{piece:?} took {took:?}");
    }
}

#[test]
fn bash_rules_brush_missed() {
    // After a prefix, a reserved word is a plain command name.
    let s = sh("A=1 fi x && >log then");
    assert_eq!(s.error, None);
    assert_eq!(names(&s), ["fi", "then"]);
    // A process substitution can be the command name, and any redirection's target.
    let s = sh("<(gen) arg &> >(tee log)");
    assert_eq!(s.error, None);
    assert_eq!(names(&s), ["<(gen)", "gen", "tee"]);
    assert_eq!(s.commands[0].redirects[0].op, "&>");
    // `((` is arithmetic when its first unbalanced `)` is glued to another `)`, even
    // with `;` inside; spaced parentheses are subshells.
    let s = sh("(( a; b )) && ( (c) ) && f() ( (d) )");
    assert_eq!(s.error, None);
    assert_eq!(names(&s), ["c", "d"]);
    assert_eq!(depths(&s), [2, 2]);
    // A function body must be a compound command: bash rejects `f() coproc x`.
    assert!(sh("f() coproc x").error.is_some());
}
