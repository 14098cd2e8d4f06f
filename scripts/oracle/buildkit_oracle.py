#!/usr/bin/env python3
"""BuildKit parser oracle: tests/data/buildkit-oracle.jsonl.

Parses every corpus Dockerfile with BuildKit's own Go parser (the PyPI package
``dockerfile==3.4.0``, a cgo binding of moby/buildkit's
frontend/dockerfile/parser) and records, per file, the instruction list with
line spans or the parse error.

Corpus: ``$DOCKCOACH_CORPUS`` or ``../shared/corpus`` relative to the repo root.
File set: every file under the corpus except ``MANIFEST.tsv``, ``README.md``
and ``*__result`` (BuildKit's expected AST dumps), in sorted order of the
corpus-relative path (``/`` separators).

Output (one compact JSON object per line, keys sorted):

    {"files": N, "oracle": "dockerfile==3.4.0 (BuildKit parser)"}      header
    {"file": "<rel path>", "instructions": [["FROM", 1, 1], ...], "ok": true}
    {"error": "<message>", "file": "<rel path>", "line": N, "ok": false}

Instructions: ``[CMD, start_line, end_line]`` with 1-based inclusive lines as
BuildKit reports them (a heredoc instruction ends at its terminator line).
CMD is upper-cased (the package keeps the source spelling, e.g. ``run``); for
ONBUILD the trigger is kept too: ``"ONBUILD RUN"``. Unknown instructions are
kept: BuildKit's parser accepts any word (they only fail later, at dispatch).

Error line. ``GoParseError`` carries only the message, so the line is
recomputed here. It matches the location BuildKit attaches to the error
(``withLocation`` in parser.go) except in the two quirky cases marked (*):

* error raised while building an instruction (bad JSON array, ``ENV``
  without value, ``unterminated heredoc`` ...): BuildKit reports the range
  start..end of the logical instruction; we record its START line (the line
  of the instruction keyword), even if the offending text is on a
  continuation line or the heredoc runs to the end of the file.
* ``file with no instructions``: BuildKit reports the number of lines it
  scanned, i.e. the last line of the file (0 for an empty file); same here.
* (*) parser-directive errors (``only one escape parser directive can be
  used``, ``invalid escape token ...``): BuildKit's location is the 0-based
  index of the directive line (off by one in BuildKit's parser.go); we record the
  1-based line of the offending directive.
* (*) ``dockerfile line greater than max allowed size of 65535``: BuildKit
  reports the number of lines read before the over-long line; we record the
  1-based line of the over-long line itself.

How the line is found: a small Python port of BuildKit's line grouping
(``logical_groups`` below: BOM, escape directive, comments, continuation
lines, empty continuation lines, heredoc bodies) splits the file into logical
instructions. It is checked against the real parser on every file that
parses (start/end lines must agree; mismatches are printed in the summary).
For an erroring file we then parse growing prefixes of the file, cut only at
"clean" points (the end of a logical instruction, or a line outside any
instruction), and take the first prefix that raises the very same message:
parsing is streaming, so that prefix contains exactly the failing instruction
as its last one, and its start line is the answer (or the cut line itself when
it is a directive/comment line). Cutting only at clean points avoids blaming
an earlier multi-line instruction that would fail differently when truncated.

Usage: python3 scripts/oracle/buildkit_oracle.py [--corpus DIR] [--out FILE]
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
import tempfile
from pathlib import Path

from corpus import REPO_ROOT, corpus_dir, corpus_files

import dockerfile

ORACLE = "dockerfile==3.4.0 (BuildKit parser)"

NO_INSTRUCTIONS = "file with no instructions"
TOO_LONG_PREFIX = "dockerfile line greater than max allowed size"
MAX_TOKEN = 64 * 1024  # bufio.MaxScanTokenSize


# ---------------------------------------------------------------------------
# Port of BuildKit's line grouping (frontend/dockerfile/parser/parser.go Parse)
# ---------------------------------------------------------------------------

# Go's unicode.IsSpace (Python's str.isspace also accepts \x1c-\x1f).
_GO_SPACE = "\t\n\v\f\r \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006" \
            "\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000"
_RE_DIRECTIVE = re.compile(r"^#\s*([a-zA-Z][a-zA-Z0-9]*)\s*=\s*(.+?)\s*$")
_RE_HEREDOC = re.compile(r"^(\d*)<<(-?)([^<]*)$", re.S)
_HEREDOC_CMDS = {"add", "copy", "run"}


def _scan_lines(data: bytes) -> list[bytes]:
    """bufio.Scanner with BuildKit's scanLines: split after each \\n, keep it."""
    lines = data.split(b"\n")
    out = [ln + b"\n" for ln in lines[:-1]]
    if lines[-1]:
        out.append(lines[-1])
    return out


def _lstrip(s: str) -> str:
    return s.lstrip(_GO_SPACE)


def _trim_newline(s: str) -> str:
    return s.rstrip("\r\n")


def _is_comment(raw: str) -> bool:
    return _lstrip(_trim_newline(raw)).startswith("#")


def _continuation_re(esc: str) -> re.Pattern[str]:
    e = re.escape(esc)
    return re.compile(r"([^" + e + r"])" + e + r"[ \t]*$|^" + e + r"[ \t]*$", re.S)


def _shell_words(line: str) -> list[str]:
    """Approximation of BuildKit's shell.Lex.ProcessWords with RawQuotes and
    RawEscapes: whitespace-separated words, quotes and escapes kept verbatim."""
    words, cur, have = [], [], False
    i, n = 0, len(line)
    while i < n:
        c = line[i]
        if c in " \t\r\n":
            if have:
                words.append("".join(cur))
                cur, have = [], False
            i += 1
            continue
        have = True
        if c == "\\" and i + 1 < n:
            cur.append(line[i:i + 2])
            i += 2
        elif c == "'":
            j = line.find("'", i + 1)
            j = n - 1 if j < 0 else j
            cur.append(line[i:j + 1])
            i = j + 1
        elif c == '"':
            j = i + 1
            while j < n and line[j] != '"':
                j += 2 if line[j] == "\\" else 1
            cur.append(line[i:j + 1])
            i = j + 1
        else:
            cur.append(c)
            i += 1
    if have:
        words.append("".join(cur))
    return words


def _unquote_word(raw: str) -> list[str]:
    """Heredoc name after quote removal (ProcessWords without RawQuotes)."""
    words = _shell_words(raw)
    out = []
    for w in words:
        s, i = [], 0
        while i < len(w):
            c = w[i]
            if c == "\\" and i + 1 < len(w):
                s.append(w[i + 1])
                i += 2
            elif c == "'":
                j = w.find("'", i + 1)
                j = len(w) if j < 0 else j
                s.append(w[i + 1:j])
                i = j + 1
            elif c == '"':
                j = i + 1
                while j < len(w) and w[j] != '"':
                    if w[j] == "\\" and j + 1 < len(w):
                        s.append(w[j + 1])
                        j += 2
                    else:
                        s.append(w[j])
                        j += 1
                i = j + 1
            else:
                s.append(c)
                i += 1
        out.append("".join(s))
    return out


def _heredoc_names(line: str) -> list[tuple[str, bool]]:
    """Heredocs opened by a logical line: [(terminator, chomp)]."""
    words = _shell_words(line)
    if not words:
        return []
    cmd = words[0].lower()
    rest = words[1:]
    while rest and rest[0].startswith("--"):  # builder flags (--mount=..., --chmod=...)
        rest = rest[1:]
    if cmd == "onbuild":
        if not rest:
            return []
        cmd = rest[0].lower()
        rest = rest[1:]
        while rest and rest[0].startswith("--"):
            rest = rest[1:]
    if cmd not in _HEREDOC_CMDS:
        return []
    # JSON (exec) form cannot carry heredocs.
    m = re.match(r"^\s*\S+(?:\s+--\S+)*\s*(?:(?i:onbuild)\s+\S+(?:\s+--\S+)*\s*)?(\[.*)$", line, re.S)
    if m:
        try:
            v = json.loads(m.group(1))
            if isinstance(v, list) and all(isinstance(x, str) for x in v):
                return []
        except ValueError:
            pass
    docs = []
    for w in words:
        hm = _RE_HEREDOC.match(w)
        if not hm or not hm.group(3):
            continue
        names = _unquote_word(hm.group(3))
        if len(names) != 1:
            continue
        docs.append((names[0], hm.group(2) == "-"))
    return docs


def logical_groups(data: bytes) -> tuple[list[tuple[int, int]], int]:
    """(start, end) of each logical instruction (1-based, inclusive) and the
    total number of scanned lines."""
    lines = [ln.decode("utf-8", "surrogateescape") for ln in _scan_lines(data)]
    if lines and lines[0].startswith("\ufeff"):
        lines[0] = lines[0][1:]
    esc = "\\"
    cont = _continuation_re(esc)
    directives_done = False
    seen: set[str] = set()

    def process(raw: str, strip_left: bool) -> str:
        nonlocal directives_done, esc, cont
        tok = _trim_newline(raw)
        if strip_left:
            tok = _lstrip(tok)
        if not directives_done:
            m = _RE_DIRECTIVE.match(tok)
            if not m or m.group(1).lower() not in ("escape", "syntax", "check"):
                directives_done = True
            else:
                k = m.group(1).lower()
                if k not in seen:
                    seen.add(k)
                    if k == "escape" and m.group(2) in ("`", "\\"):
                        esc = m.group(2)
                        cont = _continuation_re(esc)
        return "" if tok.startswith("#") else tok

    def trim_cont(s: str) -> tuple[str, bool]:
        if cont.search(s):
            return cont.sub(r"\1", s), False
        return s, True

    groups: list[tuple[int, int]] = []
    i, n = 0, len(lines)
    while i < n:
        tok = process(lines[i], True)
        i += 1
        start = i
        line, eol = trim_cont(tok)
        if eol and line == "":
            continue
        while not eol and i < n:
            raw = lines[i]
            tok = process(raw, False)
            i += 1
            if _is_comment(raw):
                continue
            if _lstrip(_trim_newline(tok)) == "":
                continue
            c, eol = trim_cont(tok)
            line += c
        for name, chomp in _heredoc_names(line):
            while i < n:
                raw = lines[i]
                i += 1
                term = _trim_newline(raw)
                if chomp:
                    term = term.lstrip("\t")
                if term == name:
                    break
        groups.append((start, i))
    return groups, n


# ---------------------------------------------------------------------------


def parse_bytes(data: bytes, tmpdir: str):
    """Parse raw bytes with the Go parser (via a temp file, byte-exact)."""
    p = os.path.join(tmpdir, "Dockerfile")
    with open(p, "wb") as f:
        f.write(data)
    return dockerfile.parse_file(p)


def error_message(data: bytes, tmpdir: str) -> str | None:
    try:
        parse_bytes(data, tmpdir)
        return None
    except dockerfile.GoParseError as e:
        return str(e)


def error_line(data: bytes, msg: str, tmpdir: str) -> int:
    raw_lines = _scan_lines(data)
    total = len(raw_lines)
    if msg == NO_INSTRUCTIONS:
        return total
    if msg.startswith(TOO_LONG_PREFIX):
        for idx, ln in enumerate(raw_lines):
            if len(ln.rstrip(b"\n")) >= MAX_TOKEN:  # measured: 65535 ok, 65536 fails
                return idx + 1
        return total
    groups, _ = logical_groups(data)
    group_of_end = {e: s for s, e in groups}
    inside = set()
    for s, e in groups:
        inside.update(range(s, e))  # lines strictly before a group's end
    offsets = [0]
    for ln in raw_lines:
        offsets.append(offsets[-1] + len(ln))
    for cut in range(1, total + 1):
        if cut in inside and cut not in group_of_end:
            continue
        if error_message(data[: offsets[cut]], tmpdir) == msg:
            return group_of_end.get(cut, cut)
    return total  # not reached: the full file (cut == total) raises msg


def instr_name(c) -> str:
    name = c.cmd.upper()
    if c.sub_cmd and name == "ONBUILD":
        name += " " + c.sub_cmd.upper()
    return name


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--corpus", help="corpus dir (default: $DOCKCOACH_CORPUS or ../shared/corpus)")
    ap.add_argument("--out", default=str(REPO_ROOT / "tests" / "data" / "buildkit-oracle.jsonl"))
    args = ap.parse_args()

    root = corpus_dir(args.corpus)
    if not root.is_dir():
        print(f"corpus not found: {root}", file=sys.stderr)
        return 2
    files = corpus_files(root)

    records = []
    errors = []
    group_mismatch = []
    with tempfile.TemporaryDirectory(prefix="bk-oracle-") as tmp:
        for rel in files:
            data = (root / rel).read_bytes()
            try:
                cmds = dockerfile.parse_file(str(root / rel))
            except dockerfile.GoParseError as e:
                msg = str(e)
                line = error_line(data, msg, tmp)
                records.append({"file": rel, "ok": False, "error": msg, "line": line})
                errors.append((rel, msg, line))
                continue
            instrs = [[instr_name(c), c.start_line, c.end_line] for c in cmds]
            records.append({"file": rel, "ok": True, "instructions": instrs})
            ported, _ = logical_groups(data)
            if ported != [(s, e) for _, s, e in instrs]:
                group_mismatch.append(rel)

    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    with open(out, "w", encoding="utf-8", newline="\n") as f:
        for rec in [{"oracle": ORACLE, "files": len(files)}] + records:
            f.write(json.dumps(rec, sort_keys=True, separators=(",", ":"), ensure_ascii=False) + "\n")

    n_instr = sum(len(r["instructions"]) for r in records if r["ok"])
    print(f"buildkit oracle: {len(files)} files, {len(files) - len(errors)} ok, "
          f"{len(errors)} error, {n_instr} instructions -> {out} ({out.stat().st_size} bytes)")
    for rel, msg, line in errors:
        print(f"  error  {rel}:{line}: {msg}")
    if group_mismatch:
        print(f"  WARNING: line-grouping port disagrees with BuildKit on {len(group_mismatch)} ok files "
              f"(error lines may be off for similar files):")
        for rel in group_mismatch[:20]:
            print(f"    {rel}")
    else:
        print("  line-grouping port agrees with BuildKit on all ok files")
    return 0


if __name__ == "__main__":
    sys.exit(main())
