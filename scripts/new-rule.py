#!/usr/bin/env python3
"""Scaffolds a new dockcoach rule: the rule file, its registration and its fixtures.

    python3 scripts/new-rule.py DC3001 missing-shell-command \\
        --severity warning --category best-practice [--fix none|safe|unsafe|sometimes] \\
        [--after missing_user] [--alias DS-0099 ...]

Creates
  core/src/rules/<snake_name>.rs           META with the documentation skeleton and a check()
  core/tests/fixtures/<CODE>/bad.Dockerfile and good.Dockerfile
and registers the module in core/src/rules/mod.rs (the `mod` line, kept sorted, and the
entry in `declare_rules!`, after --after or at the end of the list).

Then write the rule's logic, docs and fixtures, and run
  cargo test -p dockcoach-core                       # creates bad.snap: review it (cargo insta / the .snap.new)
  UPDATE_DOCS=1 cargo test -p dockcoach-tests --test rule_docs   # docs/rules/<CODE>.md
See CONTRIBUTING.md.

--root DIR scaffolds into another checkout (the tests use it on a copy). The script
refuses to overwrite anything and exits 2 with a message on bad input.
"""

import argparse
import pathlib
import re
import sys

SEVERITIES = {"error": "Error", "warning": "Warning", "info": "Info", "style": "Style"}
CATEGORIES = {
    "syntax": "Syntax",
    "security": "Security",
    "best-practice": "BestPractice",
    "maintainability": "Maintainability",
    "style": "Style",
    "performance": "Performance",
}
FIXES = {"none": "None", "safe": "Safe", "unsafe": "Unsafe", "sometimes": "Sometimes"}

RULE_TEMPLATE = '''use super::Checker;
use crate::syntax::InstructionKind;

declare_rule! {{
    /// ## What it does
    /// Checks for TODO: the bad pattern, in one sentence.
    ///
    /// ## Why is this bad?
    /// TODO: what goes wrong in the image or the build, and for whom.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM alpine:3.20
    /// TODO: the bad example (it must fire exactly once)
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM alpine:3.20
    /// TODO: the good example (it must not fire)
    /// ```
{fix_safety}    ///
    /// ## References
    /// - TODO: a link to the Dockerfile reference or the peer rule
    pub static META = {{
        code: "{code}",
        name: "{name}",
        aliases: [{aliases}],
        severity: {severity},
        category: {category},
        fix: {fix},
    }}
}}

pub(super) fn check(c: &Checker) {{
    for (index, ins) in c.instructions() {{
        if ins.kind != InstructionKind::Run {{
            continue;
        }}
        let Some(script) = c.script(index) else {{
            continue;
        }};
        for cmd in &script.commands {{
            // Ex) RUN todo --flag
            if cmd.name() == "todo" {{
                c.report(&META, cmd.range, "TODO: what is wrong, code in backticks, no period");
            }}
        }}
    }}
}}
'''

FIX_SAFETY = """    ///
    /// ## Fix safety
    /// TODO: what the fix changes, and when it is unsafe.
"""


def fail(message: str) -> "NoReturn":  # noqa: F821
    print(f"new-rule: {message}", file=sys.stderr)
    sys.exit(2)


def main() -> None:
    parser = argparse.ArgumentParser(description="Scaffold a new dockcoach rule.")
    parser.add_argument("code", help="primary code, e.g. DC3001")
    parser.add_argument("name", help="kebab-case name of the bad pattern, e.g. missing-shell-command")
    parser.add_argument("--severity", default="warning", choices=sorted(SEVERITIES))
    parser.add_argument("--category", default="best-practice", choices=sorted(CATEGORIES))
    parser.add_argument("--fix", default="none", choices=sorted(FIXES))
    parser.add_argument("--alias", action="append", default=[], help="a peer tool's code (repeatable)")
    parser.add_argument("--after", help="the module after which the rule runs (default: last)")
    parser.add_argument("--root", default=str(pathlib.Path(__file__).resolve().parent.parent))
    args = parser.parse_args()

    if not re.fullmatch(r"[A-Z][A-Za-z0-9]*[0-9A-Za-z]", args.code):
        fail(f"`{args.code}` is not a rule code (like DC3001 or FromAsCasing)")
    if not re.fullmatch(r"[a-z][a-z0-9]*(-[a-z0-9]+)*", args.name):
        fail(f"`{args.name}` is not a kebab-case name (like missing-shell-command)")
    if re.match(r"(use|prefer|avoid)-", args.name):
        fail("name the problem, not the cure: no use-/prefer-/avoid- names (STYLE.md)")
    for alias in args.alias:
        if not re.fullmatch(r"[A-Za-z0-9_.-]+", alias):
            fail(f"`{alias}` is not a code")

    root = pathlib.Path(args.root)
    rules_dir = root / "core/src/rules"
    mod_rs = rules_dir / "mod.rs"
    if not mod_rs.is_file():
        fail(f"no {mod_rs}: --root must be a dockcoach checkout")
    module = args.name.replace("-", "_")
    rule_file = rules_dir / f"{module}.rs"
    fixtures = root / "core/tests/fixtures" / args.code
    mod_text = mod_rs.read_text()

    if rule_file.exists():
        fail(f"{rule_file} exists already")
    if fixtures.exists():
        fail(f"{fixtures} exists already")
    if re.search(rf'code: "{re.escape(args.code)}"', "".join(p.read_text() for p in rules_dir.glob("*.rs"))):
        fail(f"a rule with code {args.code} exists already")

    # The `mod` line, in the sorted block of rule modules.
    mod_lines = re.findall(r"^mod ([a-z0-9_]+);$", mod_text, re.M)
    if not mod_lines:
        fail("found no `mod` lines in core/src/rules/mod.rs")
    later = [m for m in mod_lines if m > module and m not in ("run_helpers", "syntax_error", "helpers", "tests")]
    if later:
        mod_text = mod_text.replace(f"mod {later[0]};\n", f"mod {module};\nmod {later[0]};\n", 1)
    else:
        last = mod_lines[-1]
        mod_text = mod_text.replace(f"mod {last};\n", f"mod {last};\nmod {module};\n", 1)

    # The entry in `declare_rules!`.
    block = re.search(r"declare_rules! \{\n(.*?)\n\}\n", mod_text, re.S)
    if not block:
        fail("found no `declare_rules! { ... }` list in core/src/rules/mod.rs")
    entries = block.group(1)
    if args.after:
        if not re.search(rf"^    {re.escape(args.after)},$", entries, re.M):
            fail(f"--after {args.after}: no such entry in declare_rules!")
        entries = re.sub(rf"^(    {re.escape(args.after)},)$", rf"\1\n    {module},", entries, count=1, flags=re.M)
    else:
        entries = entries + f"\n    {module},"
    mod_text = mod_text[: block.start(1)] + entries + mod_text[block.end(1) :]

    aliases = ", ".join(f'"{a}"' for a in args.alias)
    rule_file.write_text(
        RULE_TEMPLATE.format(
            code=args.code,
            name=args.name,
            aliases=aliases,
            severity=SEVERITIES[args.severity],
            category=CATEGORIES[args.category],
            fix=FIXES[args.fix],
            fix_safety="" if args.fix in ("none", "safe") else FIX_SAFETY,
        )
    )
    mod_rs.write_text(mod_text)
    fixtures.mkdir(parents=True)
    (fixtures / "bad.Dockerfile").write_text("FROM alpine:3.20\n# TODO: the smallest Dockerfile that fires\n")
    (fixtures / "good.Dockerfile").write_text("FROM alpine:3.20\n# TODO: a close variant that must not fire\n")

    rel = lambda p: p.relative_to(root)  # noqa: E731
    print(f"created {rel(rule_file)}")
    print(f"created {rel(fixtures)}/bad.Dockerfile and good.Dockerfile")
    print(f"registered `{module}` in {rel(mod_rs)}")
    print("next: the logic in check(), the docs (replace every TODO), the fixtures, then")
    print("  cargo test -p dockcoach-core        # review the new bad.snap")
    print("  UPDATE_DOCS=1 cargo test -p dockcoach-tests --test rule_docs")


if __name__ == "__main__":
    main()
