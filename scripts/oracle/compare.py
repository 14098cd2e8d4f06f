#!/usr/bin/env python3
"""Per-rule precision and recall of dockcoach against hadolint 2.15.1 on any folder of Dockerfiles.

The corpus parity test (tests/tests/hadolint_parity.rs) measures the committed corpus; this
script measures any other set, e.g. Dockerfiles collected from repositories the project has
never seen (kept outside the repository). It runs:

  * hadolint 2.15.1 via hadolint_oracle.py (same isolation: empty config, HADOLINT_* unset);
  * BuildKit's parser via buildkit_oracle.py, for each instruction's line range;
  * the release CLI (`target/release/dockcoach lint --format json --no-config --no-fail`).

and compares DL findings by (file, instruction start line, code), like the parity test:
hadolint reports the first line of the instruction, dockcoach the exact place, so each
dockcoach finding is moved to the start line of the instruction containing it. Files
hadolint cannot parse are left out. ShellCheck (SC*) findings are not compared.

Usage:
  python3 scripts/oracle/compare.py DIR [--work WORKDIR] [--min N] [--rule CODE]
                                        [--show fp|fn] [--dockcoach BIN] [--reuse]

`--show fp` / `--show fn` lists the disagreements of `--rule` (or every rule) as
`file:line code`, to read them side by side. `--reuse` keeps the oracle outputs of an
earlier run in WORKDIR (default: a `.compare` folder beside DIR) and reruns only dockcoach.
"""

from __future__ import annotations

import argparse
import collections
import json
import os
import subprocess
import sys
from pathlib import Path

from corpus import REPO_ROOT, corpus_files

HERE = Path(__file__).resolve().parent


def run_oracles(root: Path, work: Path, reuse: bool) -> tuple[Path, Path]:
    work.mkdir(parents=True, exist_ok=True)
    had = work / "hadolint.jsonl"
    bk = work / "buildkit.jsonl"
    if not (reuse and had.exists()):
        subprocess.run([sys.executable, str(HERE / "hadolint_oracle.py"), "--corpus", str(root),
                        "--out", str(had)], check=True)
    if not (reuse and bk.exists()):
        subprocess.run([sys.executable, str(HERE / "buildkit_oracle.py"), "--corpus", str(root),
                        "--out", str(bk)], check=True)
    return had, bk


def load_jsonl(path: Path) -> dict[str, dict]:
    out = {}
    with open(path, encoding="utf-8") as f:
        next(f)
        for line in f:
            rec = json.loads(line)
            out[rec["file"]] = rec
    return out


def run_dockcoach(binary: str, root: Path, files: list[str], chunk: int = 300) -> dict[str, list]:
    per_file: dict[str, list] = collections.defaultdict(list)
    prefix = str(root.resolve()) + os.sep
    for i in range(0, len(files), chunk):
        paths = [str(root.resolve() / f) for f in files[i:i + chunk]]
        p = subprocess.run([binary, "lint", "--format", "json", "--no-config", "--no-fail", *paths],
                           capture_output=True, cwd=str(root))
        try:
            data = json.loads(p.stdout or b"[]")
        except ValueError:
            print(f"dockcoach output unreadable (exit {p.returncode}): {p.stderr[:500]!r}",
                  file=sys.stderr)
            raise
        for d in data:
            path = d["file"]
            rel = path[len(prefix):] if path.startswith(prefix) else path
            per_file[rel].append(d)
    return per_file


def start_line(instructions: list, line: int) -> int:
    """The first line of the instruction that contains `line` (hadolint's position)."""
    for _cmd, start, end in instructions:
        if start <= line <= end:
            return start
    return line


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("dir", help="folder of Dockerfiles (every file but MANIFEST.tsv/README.md)")
    ap.add_argument("--work", help="where the oracle outputs go (default: DIR/../.compare)")
    ap.add_argument("--dockcoach", default=str(REPO_ROOT / "target" / "release" / "dockcoach"))
    ap.add_argument("--min", type=int, default=20, help="findings for a rule to be judged")
    ap.add_argument("--threshold", type=float, default=0.97)
    ap.add_argument("--rule", help="only this code in --show")
    ap.add_argument("--show", choices=["fp", "fn"], help="list disagreements")
    ap.add_argument("--reuse", action="store_true", help="reuse earlier oracle outputs")
    ap.add_argument("--json", help="also write the table as JSON here")
    args = ap.parse_args()

    root = Path(args.dir).resolve()
    work = Path(args.work) if args.work else root.parent / ".compare"
    had_path, bk_path = run_oracles(root, work, args.reuse)
    had = load_jsonl(had_path)
    bk = load_jsonl(bk_path)
    files = [f for f in corpus_files(root) if f in had and "parse_error" not in had[f]]

    theirs: set[tuple[str, int, str]] = set()
    for f in files:
        for code, line, _level in had[f]["findings"]:
            if code.startswith("DL"):
                theirs.add((f, line, code))

    ours: set[tuple[str, int, str]] = set()
    for f, diags in run_dockcoach(args.dockcoach, root, files).items():
        instructions = bk.get(f, {}).get("instructions", [])
        for d in diags:
            code = d["code"]
            if not code.startswith("DL") or code == "DL1000":
                continue
            ours.add((f, start_line(instructions, d["line"]), code))

    counts: dict[str, list[int]] = collections.defaultdict(lambda: [0, 0, 0])  # tp fp fn
    for k in ours | theirs:
        c = counts[k[2]]
        if k in ours and k in theirs:
            c[0] += 1
        elif k in ours:
            c[1] += 1
        else:
            c[2] += 1

    if args.show:
        pick = (ours - theirs) if args.show == "fp" else (theirs - ours)
        for f, line, code in sorted(pick, key=lambda k: (k[2], k[0], k[1])):
            if args.rule in (None, code):
                print(f"{root / f}:{line} {code}")
        return 0

    rows = []
    tp_all = fp_all = fn_all = 0
    print(f"{len(files)} files hadolint parses (of {len(corpus_files(root))})\n")
    print("| rule | hadolint | dockcoach | both | precision | recall | judged |")
    print("|---|---|---|---|---|---|---|")
    for code in sorted(counts):
        tp, fp, fn = counts[code]
        tp_all, fp_all, fn_all = tp_all + tp, fp_all + fp, fn_all + fn
        p = tp / (tp + fp) if tp + fp else 1.0
        r = tp / (tp + fn) if tp + fn else 1.0
        judged = max(tp + fn, tp + fp) >= args.min
        mark = ("ok" if p >= args.threshold and r >= args.threshold else "BELOW") if judged else "-"
        rows.append({"rule": code, "hadolint": tp + fn, "dockcoach": tp + fp, "both": tp,
                     "precision": round(p, 4), "recall": round(r, 4), "judged": mark})
        print(f"| {code} | {tp + fn} | {tp + fp} | {tp} | {p:.3f} | {r:.3f} | {mark} |")
    p = tp_all / (tp_all + fp_all) if tp_all + fp_all else 1.0
    r = tp_all / (tp_all + fn_all) if tp_all + fn_all else 1.0
    print(f"| all | {tp_all + fn_all} | {tp_all + fp_all} | {tp_all} | {p:.3f} | {r:.3f} | |")
    if args.json:
        Path(args.json).write_text(json.dumps(rows, indent=1) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
