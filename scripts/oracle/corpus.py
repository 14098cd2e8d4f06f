"""The corpus file set both oracles (and the tests) use."""

from __future__ import annotations

import os
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]


def corpus_dir(arg: str | None) -> Path:
    """`arg`, else `$DOCKCOACH_CORPUS`, else `../shared/corpus` beside the repository."""
    if arg:
        return Path(arg)
    env = os.environ.get("DOCKCOACH_CORPUS")
    if env:
        return Path(env)
    return (REPO_ROOT / ".." / "shared" / "corpus").resolve()


def corpus_files(root: Path) -> list[str]:
    """Every Dockerfile of the corpus (not MANIFEST/README nor BuildKit's `result` dumps), sorted."""
    out = []
    for dirpath, _dirs, files in os.walk(root):
        for name in files:
            rel = os.path.relpath(os.path.join(dirpath, name), root).replace(os.sep, "/")
            if rel in ("MANIFEST.tsv", "README.md") or rel.endswith("__result"):
                continue
            out.append(rel)
    return sorted(out)
