#!/usr/bin/env python3
"""Regenerates core/src/knowledge/data.rs from the reference facts about base images.

Usage (from the repository root):

    python3 scripts/gen-knowledge.py [DATA_DIR]    # default DATA_DIR: ../shared/data

DATA_DIR holds the facts described in its README.md (official-images.txt,
official-images-removed.tsv, official-images-tags.min.json, minimal-variants.json,
eol.json, eol.meta.json, tag-cycle-map.json). The output is dockcoach's own compact
format: only what the image rules need, sorted, with the sources and the "as of" date
in the header. Python 3 standard library only; the output is deterministic, so running
it twice on the same facts gives the same file. Run `cargo test -p dockcoach-core
knowledge` afterwards: the tests check the tables (sorted, no duplicates, dates parse,
every fix target exists).
"""

import json
import os
import re
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "core", "src", "knowledge", "data.rs")

# Tags that no rule picks as a fix target and that only make the tables bigger.
SKIP_TAG = re.compile(r"windowsservercore|nanoserver|(^|-)\d{8}(\.\d+)?($|-)|(^|-)(rc|ea|tip)(-|$)")


def load(data, name):
    with open(os.path.join(data, name), encoding="utf-8") as f:
        return json.load(f)


def rust_str(s):
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def date_num(value):
    """A support date as a number: YYYYMMDD, 0 = not scheduled, 1 = ended (no date)."""
    if value is None or value is False:
        return 0
    if value is True:
        return 1
    y, m, d = value.split("-")
    return int(y) * 10000 + int(m) * 100 + int(d)


def version_key(v):
    return [int(x) if x.isdigit() else -1 for x in re.split(r"[.]", v)]


def main():
    data = sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, "..", "shared", "data")
    official = sorted(
        line.strip() for line in open(os.path.join(data, "official-images.txt"), encoding="utf-8")
        if line.strip() and not line.startswith("#")
    )
    removed = sorted(
        line.split("\t")[0].strip()
        for line in open(os.path.join(data, "official-images-removed.tsv"), encoding="utf-8")
        if line.strip() and not line.startswith("#")
    )
    tags = load(data, "official-images-tags.min.json")
    minimal = load(data, "minimal-variants.json")
    eol = load(data, "eol.json")
    eol_meta = load(data, "eol.meta.json")
    cmap = load(data, "tag-cycle-map.json")

    tags_commit = cmap["_sources"]["tags"]["commit"]
    tags_date = cmap["_sources"]["tags"]["commit_date"][:10]
    eol_commit = eol_meta["commit"]
    eol_date = eol_meta["commit_date"][:10]
    as_of = max(tags_date, eol_date)

    # Image -> (product, scheme). Schemes: major, minor (major.minor), postgres.
    schemes = {"major": "Major", "major.minor": "MajorMinor", "major or codename": "Major",
               "YY.MM or codename": "MajorMinor", "'2' or '2023'": "Major",
               "major if major>=10 else major.minor": "Postgres"}
    products = []
    codenames = []
    for image, info in sorted(cmap["images"].items()):
        product = info.get("product")
        if not product or product not in eol or (image not in official and image not in removed):
            continue
        products.append((image, product, schemes[info["cycle"]]))
        for name, cycle in info.get("codenames", {}).items():
            codenames.append((product, name, cycle))
        for name, cycle in info.get("codename_aliases", {}).items():
            codenames.append((product, name, cycle))
        for name, cycle in info.get("codename_aliases_historical_not_in_data", {}).items():
            codenames.append((product, name, cycle))
    # OS codenames in tag suffixes (`-bookworm`, `-jammy`) use the same tables.
    codenames = sorted(set(codenames))

    used_products = sorted({p for _, p, _ in products} | {"alpine", "debian", "ubuntu"})
    cycles = []
    for product in used_products:
        for c in eol[product]:
            cycles.append((product, c["cycle"], date_num(c.get("eol")), date_num(c.get("eoes")),
                           c.get("latest") or ""))
    cycles.sort(key=lambda c: (c[0], version_key(c[1])))

    # The tags rules pick fix targets from: the images with cycles, minimal variants or a
    # known `latest`.
    latest_images = {i for i, d in cmap["plain_tag_directory"].items() if "latest" in d}
    tag_images = sorted(({i for i, _, _ in products} | set(minimal["images"]) | latest_images) & set(tags))
    tag_rows = []
    for image in tag_images:
        kept = sorted(t for t in tags[image] if not SKIP_TAG.search(t))
        tag_rows.append((image, " ".join(kept)))

    minimal_rows = []
    for image, info in sorted(minimal["images"].items()):
        suffixes = info.get("official_minimal_suffixes") or []
        if image in official and suffixes:
            minimal_rows.append((image, " ".join(sorted(suffixes))))

    # What `latest` (and no tag) pointed to: the most specific numeric version tag built
    # from the same directory as `latest`, highest version first.
    latest_rows = []
    for image, dirs in sorted(cmap["plain_tag_directory"].items()):
        target = dirs.get("latest")
        if not target:
            continue
        versions = [t for t, d in dirs.items() if d == target and re.fullmatch(r"\d+(\.\d+)*", t)]
        if not versions:
            continue
        best = max(versions, key=lambda v: (len(v.split(".")), version_key(v)))
        if best in tags.get(image, []):
            latest_rows.append((image, best))
    # Distributions whose `latest` is their newest stable release (Debian's `latest` is
    # `stable`; Alpine's is the newest 3.x): the newest cycle's newest release, when it is
    # a published tag. Ubuntu is left out: its `latest` follows the LTS with a delay.
    for image, product in (("alpine", "alpine"), ("debian", "debian")):
        newest = max(eol[product], key=lambda c: version_key(c["cycle"]))
        if "latest" in tags.get(image, []) and newest.get("latest") in tags.get(image, []):
            latest_rows.append((image, newest["latest"]))
    latest_rows.sort()

    out = []
    w = out.append
    w("// @generated by scripts/gen-knowledge.py from the reference facts about base images.")
    w("// Do not edit by hand: run `python3 scripts/gen-knowledge.py` on a newer copy of the facts.")
    w(f"// Official images and tags: docker-library/official-images @ {tags_commit} ({tags_date}).")
    w(f"// Release cycles: endoflife-date/endoflife.date @ {eol_commit} ({eol_date}).")
    w("")
    w("use super::{Scheme, Support};")
    w("")
    y, m, d = as_of.split("-")
    w("/// The date the facts were gathered: the newest of the sources' commit dates.")
    w(f"pub const AS_OF: (u16, u8, u8) = ({int(y)}, {int(m)}, {int(d)});")
    w("")
    w("/// Docker Official Image names, sorted.")
    w("pub static OFFICIAL: &[&str] = &[")
    w("\n".join(f"    {rust_str(n)}," for n in official))
    w("];")
    w("")
    w("/// Images that were once official and have been removed from the library, sorted.")
    w("pub static REMOVED: &[&str] = &[")
    w("\n".join(f"    {rust_str(n)}," for n in removed))
    w("];")
    w("")
    w("/// Image -> (release-cycle product, how a tag's version maps to a cycle), sorted by image.")
    w("pub static PRODUCTS: &[(&str, &str, Scheme)] = &[")
    w("\n".join(f"    ({rust_str(i)}, {rust_str(p)}, Scheme::{s})," for i, p, s in products))
    w("];")
    w("")
    w("/// (product, codename, cycle), sorted: `debian bookworm 12`, `nodejs jod 22`.")
    w("pub static CODENAMES: &[(&str, &str, &str)] = &[")
    w("\n".join(f"    ({rust_str(p)}, {rust_str(n)}, {rust_str(c)})," for p, n, c in codenames))
    w("];")
    w("")
    w("/// (product, cycle, end of standard support, end of extended support, latest release),")
    w("/// sorted by product then cycle version. Dates are `Support` values.")
    w("pub static CYCLES: &[(&str, &str, Support, Support, &str)] = &[")

    def sup(n):
        if n == 0:
            return "Support::Unscheduled"
        if n == 1:
            return "Support::Ended"
        return f"Support::Until({n})"

    w("\n".join(f"    ({rust_str(p)}, {rust_str(c)}, {sup(e)}, {sup(x)}, {rust_str(l)}),"
                for p, c, e, x, l in cycles))
    w("];")
    w("")
    w("/// Image -> its published tags (space-separated, sorted; Windows, dated and pre-release")
    w("/// tags left out), sorted by image.")
    w("pub static TAGS: &[(&str, &str)] = &[")
    w("\n".join(f"    ({rust_str(i)}, {rust_str(t)})," for i, t in tag_rows))
    w("];")
    w("")
    w("/// Image -> the tag suffixes of its minimal variants (space-separated, sorted).")
    w("pub static MINIMAL: &[(&str, &str)] = &[")
    w("\n".join(f"    ({rust_str(i)}, {rust_str(t)})," for i, t in minimal_rows))
    w("];")
    w("")
    w("/// Product -> its display name, sorted.")
    w("pub static TITLES: &[(&str, &str)] = &[")
    w("\n".join(f"    ({rust_str(p)}, {rust_str(eol_meta['products'][p]['title'])})," for p in used_products))
    w("];")
    w("")
    w("/// Image -> the most specific version tag `latest` pointed to, sorted by image.")
    w("pub static LATEST: &[(&str, &str)] = &[")
    w("\n".join(f"    ({rust_str(i)}, {rust_str(t)})," for i, t in latest_rows))
    w("];")
    text = "\n".join(out) + "\n"
    with open(OUT, "w", encoding="utf-8") as f:
        f.write(text)
    print(f"wrote {OUT} ({len(text)} bytes, as of {as_of})")


if __name__ == "__main__":
    main()
