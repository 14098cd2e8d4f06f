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

Most tables are one string of sorted lines, fields separated by tabs: a table of string
slices costs 8 bytes of pointers per string in the playground's wasm and compresses
badly, text compresses well and is searched in place (`knowledge::Table`). The release
cycles are one such text per product; the short or hot tables stay arrays, and an
image's tags are grouped by what follows their version (see tag_groups). data.rs is
kept as written here (`#[rustfmt::skip]`), one table line per source line.

It also writes core/src/knowledge/reference.rs, the same facts as plain Rust arrays,
compiled only into the tests: they check every lookup in the text tables against it.
"""

import json
import os
import re
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "core", "src", "knowledge", "data.rs")
REFERENCE = os.path.join(ROOT, "core", "src", "knowledge", "reference.rs")

# Tags that no rule picks as a fix target and that only make the tables bigger.
SKIP_TAG = re.compile(r"windowsservercore|nanoserver|(^|-)\d{8}(\.\d+)?($|-)|(^|-)(rc|ea|tip)(-|$)")


def load(data, name):
    with open(os.path.join(data, name), encoding="utf-8") as f:
        return json.load(f)


def rust_str(s):
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def field(s):
    """A table field: plain printable ASCII, no tab or newline (the table's separators)
    and nothing a Rust string literal would need to escape."""
    if not re.fullmatch(r'[ -~]*', s) or '"' in s or "\\" in s:
        raise ValueError(f"unexpected character in table field {s!r}")
    return s


def support_text(n):
    """A support date (see date_num) as table text: YYYY-MM-DD, `-` or `ended`."""
    if n == 0:
        return "-"
    if n == 1:
        return "ended"
    return f"{n // 10000:04}-{n // 100 % 100:02}-{n % 100:02}"


def table(doc, name, rows):
    """A text table: one sorted line per row, fields separated by tabs."""
    lines = ["\\t".join(field(f) for f in row) for row in rows]
    keys = [row[0] if len(row) == 1 else row for row in rows]
    out = [f"/// {line}" for line in doc]
    out.append(f"pub static {name}: Table = Table(\"\\")
    out.extend(lines)
    out.append('");')
    return "\n".join(out)


def grouped_table(doc, name, rows):
    """Rows grouped by their first field: a sorted array of (key, text table of the
    other fields), so a look-up finds its block by binary search and reads only that."""
    out = [f"/// {line}" for line in doc]
    out.append(f"pub static {name}: &[(&str, Table)] = &[")
    keys = []
    for row in rows:
        if not keys or keys[-1] != row[0]:
            if row[0] in keys:
                raise ValueError(f"{name}: {row[0]} is not contiguous")
            if keys:
                out.append('")),')
            keys.append(row[0])
            out.append(f'    ("{field(row[0])}", Table("\\')
        out.append("\\t".join(field(f) for f in row[1:]))
    out.append('")),')
    out.append("];")
    return "\n".join(out)


def tag_groups(tags):
    """An image's tags grouped by what follows their leading version (`[0-9.]*`):
    `suffix=version,version|suffix=...`, suffixes sorted. `3.12-slim 3.13-slim latest`
    is `-slim=3.12,3.13|latest=`. Most images publish every variant for every version,
    so this is half the size of the plain list after compression."""
    groups = {}
    for tag in tags:
        version = re.match(r"[0-9.]*", tag).group(0)
        suffix = tag[len(version):]
        if re.search(r"[=,|]", tag):
            raise ValueError(f"unexpected character in tag {tag!r}")
        groups.setdefault(suffix, []).append(version)
    text = "|".join(f"{suffix}={','.join(versions)}" for suffix, versions in sorted(groups.items()))
    decoded = sorted(v + g.split("=")[0] for g in text.split("|") if g for v in g.split("=")[1].split(","))
    if decoded != sorted(tags):
        raise ValueError(f"tag groups do not round-trip: {tags}")
    return text


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
    tag_group_rows = []
    for image in tag_images:
        kept = sorted(t for t in tags[image] if not SKIP_TAG.search(t))
        tag_rows.append((image, " ".join(kept)))
        tag_group_rows.append((image, tag_groups(kept)))

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

    ref = []
    w = ref.append
    w("// @generated by scripts/gen-knowledge.py next to data.rs: the same facts as Rust arrays,")
    w("// compiled only into the tests, which check every lookup in data.rs's text tables against them.")
    w(f"// Official images and tags: docker-library/official-images @ {tags_commit} ({tags_date}).")
    w(f"// Release cycles: endoflife-date/endoflife.date @ {eol_commit} ({eol_date}).")
    w("")
    w("use super::{Scheme, Support};")
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
    y, m, d = as_of.split("-")
    out = [
        "// @generated by scripts/gen-knowledge.py from the reference facts about base images.",
        "// Do not edit by hand: run `python3 scripts/gen-knowledge.py` on a newer copy of the facts.",
        f"// Official images and tags: docker-library/official-images @ {tags_commit} ({tags_date}).",
        f"// Release cycles: endoflife-date/endoflife.date @ {eol_commit} ({eol_date}).",
        "",
        "use super::{Scheme, Table};",
        "",
        "/// The date the facts were gathered: the newest of the sources' commit dates.",
        f"pub const AS_OF: (u16, u8, u8) = ({int(y)}, {int(m)}, {int(d)});",
        "",
        table(["Docker Official Image names."], "OFFICIAL", [(n,) for n in official]),
        "",
        table(["Images that were once official and have been removed from the library."],
              "REMOVED", [(n,) for n in removed]),
        "",
"/// Image -> (release-cycle product, how a tag's version maps to a cycle), sorted by image.",
        "pub static PRODUCTS: &[(&str, &str, Scheme)] = &[",
        "\n".join(f'    ("{field(i)}", "{field(p)}", Scheme::{s}),' for i, p, s in products),
        "];",
        "",
"/// (product, codename, cycle), sorted: `debian bookworm 12`, `nodejs jod 22`. An array:",
        "/// `tag_cycles` looks codenames up for every part of every tag it reads.",
        "pub static CODENAMES: &[(&str, &str, &str)] = &[",
        "\n".join(f'    ("{field(p)}", "{field(n)}", "{field(c)}"),' for p, n, c in codenames),
        "];",
        "",
        grouped_table(["Product -> cycle, end of standard support, end of extended support, latest",
                       "release; by product then cycle version. Dates are `YYYY-MM-DD`, `ended` (no date",
                       "given) or `-` (none scheduled)."],
                      "CYCLES", [(p, c, support_text(e), support_text(x), l) for p, c, e, x, l in cycles]),
        "",
"/// Image -> its published tags (Windows, dated and pre-release tags left out), sorted by",
        "/// image; grouped by what follows their version: `-slim=3.12,3.13|latest=` stands for",
        "/// `3.12-slim 3.13-slim latest`. An array: its lines are long to bisect.",
        "pub static TAGS: &[(&str, &str)] = &[",
        "\n".join(f'    ("{field(i)}", "{field(t)}"),' for i, t in tag_group_rows),
        "];",
        "",
        "/// Image -> the tag suffixes of its minimal variants (space-separated, sorted).",
        "pub static MINIMAL: &[(&str, &str)] = &[",
        "\n".join(f'    ("{field(i)}", "{field(t)}"),' for i, t in minimal_rows),
        "];",
        "",
        table(["Product, its display name."], "TITLES",
              [(p, eol_meta["products"][p]["title"]) for p in used_products]),
        "",
        table(["Image, the most specific version tag `latest` pointed to."], "LATEST", latest_rows),
    ]
    for path, lines in ((OUT, out), (REFERENCE, ref)):
        text = "\n".join(lines) + "\n"
        with open(path, "w", encoding="utf-8") as f:
            f.write(text)
        print(f"wrote {path} ({len(text)} bytes, as of {as_of})")


if __name__ == "__main__":
    main()
