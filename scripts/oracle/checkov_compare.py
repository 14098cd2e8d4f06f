#!/usr/bin/env python3
"""Side by side with Checkov: which Checkov Dockerfile checks dockcoach's findings carry.

Checkov (PyPI `checkov`, `pip install checkov`) reports a failed check per resource
(an instruction, or the whole file for "missing" checks) and only recognises files named
like Dockerfiles, so each file of DIR is copied to WORK/<name>/Dockerfile first. A
dockcoach finding matches a Checkov check when its `aliases` (per finding) hold the
check's id. The comparison is per (file, check id), since Checkov's line ranges are
resources, not places.

Usage: python3 scripts/oracle/checkov_compare.py DIR [--work WORK] [--checkov-json FILE]
                                                 [--dockcoach BIN] [--show ID]

`--checkov-json` reuses an earlier `checkov -d WORK --framework dockerfile -o json` run.
`--show ID` lists the files where the two disagree on check ID.
"""

from __future__ import annotations

import argparse
import collections
import json
import shutil
import subprocess
import sys
from pathlib import Path

from compare import run_dockcoach
from corpus import REPO_ROOT, corpus_files


def run_checkov(root: Path, files: list[str], work: Path) -> dict:
    if work.exists():
        shutil.rmtree(work)
    for f in files:
        dest = work / f.replace("/", "__")
        dest.mkdir(parents=True)
        shutil.copyfile(root / f, dest / "Dockerfile")
    p = subprocess.run(["checkov", "-d", str(work), "--framework", "dockerfile", "-o", "json",
                        "--quiet", "--skip-download"], capture_output=True, cwd=str(work))
    return json.loads(p.stdout)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("dir")
    ap.add_argument("--work", help="where the renamed copies go (default: DIR/../.checkov)")
    ap.add_argument("--checkov-json", help="reuse this Checkov JSON output")
    ap.add_argument("--dockcoach", default=str(REPO_ROOT / "target" / "release" / "dockcoach"))
    ap.add_argument("--show", help="list the disagreements on this check id")
    args = ap.parse_args()

    root = Path(args.dir).resolve()
    files = corpus_files(root)
    if args.checkov_json:
        data = json.loads(Path(args.checkov_json).read_text())
    else:
        data = run_checkov(root, files, Path(args.work) if args.work else root.parent / ".checkov")
    reports = data if isinstance(data, list) else [data]

    theirs: set[tuple[str, str]] = set()
    for report in reports:
        for check in report.get("results", {}).get("failed_checks", []):
            name = check["file_path"].strip("/").rsplit("/", 1)[0].replace("__", "/")
            theirs.add((name, check["check_id"]))

    ours: set[tuple[str, str]] = set()
    for f, diags in run_dockcoach(args.dockcoach, root, files).items():
        for d in diags:
            for alias in d.get("aliases") or []:
                if alias.startswith("CKV"):
                    ours.add((f, alias))

    if args.show:
        for f, cid in sorted((ours ^ theirs)):
            if cid == args.show:
                side = "dockcoach only" if (f, cid) in ours else "checkov only"
                print(f"{root / f}  {side}")
        return 0

    ids = sorted({c for _, c in ours | theirs}, key=lambda c: (c.startswith("CKV2"), int(c.rsplit("_", 1)[1])))
    print(f"{len(files)} files\n")
    print("| check | checkov files | dockcoach files | both | precision | recall |")
    print("|---|---|---|---|---|---|")
    for cid in ids:
        t = {f for f, c in theirs if c == cid}
        o = {f for f, c in ours if c == cid}
        both = len(t & o)
        p = both / len(o) if o else 1.0
        r = both / len(t) if t else 1.0
        print(f"| {cid} | {len(t)} | {len(o)} | {both} | {p:.3f} | {r:.3f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
