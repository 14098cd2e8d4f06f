#!/usr/bin/env python3
"""Regenerates core/src/knowledge/image_facts.rs: what each base image provides.

Usage (from the repository root):

    python3 scripts/gen-image-facts.py [CORPUS_DIR]    # default CORPUS_DIR: ../shared/corpus

The official images' own Dockerfiles (docker-library/*, nodejs/docker-node,
rust-lang/docker-rust, adoptium/containers, under CORPUS_DIR, listed in its MANIFEST.tsv)
say exactly what each variant installs and what it builds on. For every image and
variant class (`default`, `slim`, `alpine`) this script follows the final stage's FROM
chain down to an operating-system image (the facts about those few are written below,
with their sources), adds what each Dockerfile installs for good (an `apt-get install`
in a RUN that does not `apt-mark auto` the packages again, an `apk add` without
`--virtual`, minus what is purged), and keeps, over every Dockerfile of the class, the
tools all of them provide and the tools none of them does. A tool in neither list is
unknown for that class, and an image or variant not listed is unknown: the model makes
no claim about it.

Output: one text table (sorted lines, tab-separated fields), searched in place like the
other knowledge tables:

    image  class  package-manager  shell  user  present-tools  absent-tools

`shell` is `dash`, `busybox` (BusyBox ash, and BusyBox applets such as wget, tar and
sed unless a package replaced them), `bash` or `none`; `user` is `root` or the
non-root user the image runs as. Python 3 standard library only; deterministic.
"""

import os
import re
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "core", "src", "knowledge", "image_facts.rs")

# The tools the model tracks (commands, and `ca-certificates` for TLS).
TOOLS = ["bash", "ca-certificates", "curl", "gcc", "git", "gpg", "make", "ssh", "unzip", "wget", "xz"]

# Package -> the tracked tools it provides (apt and apk names).
PACKAGE_TOOLS = {
    "bash": ["bash"],
    "ca-certificates": ["ca-certificates"],
    "ca-certificates-bundle": ["ca-certificates"],
    "curl": ["curl"],
    "gcc": ["gcc"],
    "build-essential": ["gcc", "make"],
    "build-base": ["gcc", "make"],
    "git": ["git"],
    "gnupg": ["gpg"],
    "gnupg2": ["gpg"],
    "gpg": ["gpg"],
    "make": ["make"],
    "openssh-client": ["ssh"],
    "unzip": ["unzip"],
    "wget": ["wget"],
    "xz-utils": ["xz"],
    "xz": ["xz"],
}

# Operating-system images: facts from their own definitions, not from the corpus.
#  - debian/ubuntu: the official rootfs (debuerreotype; ubuntu cloud images) has dash as
#    /bin/sh, bash, apt and no curl, wget, git, make, gcc, gpg, ssh, unzip, xz or CA
#    certificates; its apt lists are empty (docker-library/official-images "debian"
#    notes: `apt-get update` is needed before installing).
#  - alpine: the minirootfs has BusyBox (ash as /bin/sh, wget, tar, sed, unzip applets),
#    apk and ca-certificates-bundle; no bash, curl, git, make, gcc, gpg, ssh or xz.
OS = {
    "debian": ("apt", "dash", "root", [], ["ca-certificates", "curl", "gcc", "git", "gpg", "make", "ssh", "unzip", "wget", "xz"], ["bash"]),
    "ubuntu": ("apt", "dash", "root", [], ["ca-certificates", "curl", "gcc", "git", "gpg", "make", "ssh", "unzip", "wget", "xz"], ["bash"]),
    "alpine": ("apk", "busybox", "root", ["ca-certificates", "unzip", "wget"], ["bash", "curl", "gcc", "git", "gpg", "make", "ssh", "xz"], []),
}

# Images with no shell or a non-root default user, from their publishers' documentation:
#  - scratch: empty.
#  - gcr.io/distroless/* (GoogleContainerTools/distroless README): no shell and no package
#    manager; `:debug` tags add BusyBox; `nonroot` tags run as 65532.
#  - mcr.microsoft.com/dotnet/{runtime-deps,runtime,aspnet}:*-chiseled* and
#    *-distroless (dotnet/dotnet-docker docs/ubuntu-chiseled.md): no shell, no package
#    manager, run as the non-root `app` user (UID 1654).
# These are matched by pattern in core/src/image.rs; listed here for the record.

# Official images by the corpus repository that defines them.
REPOS = {
    "docker-library/buildpack-deps": "buildpack-deps",
    "docker-library/golang": "golang",
    "docker-library/haproxy": "haproxy",
    "docker-library/httpd": "httpd",
    "docker-library/memcached": "memcached",
    "docker-library/mongo": "mongo",
    "docker-library/openjdk": "openjdk",
    "docker-library/php": "php",
    "docker-library/postgres": "postgres",
    "docker-library/python": "python",
    "docker-library/rabbitmq": "rabbitmq",
    "docker-library/redis": "redis",
    "docker-library/ruby": "ruby",
    "docker-library/tomcat": "tomcat",
    "docker-library/wordpress": "wordpress",
    "nodejs/docker-node": "node",
    "rust-lang/docker-rust": "rust",
    "adoptium/containers": "eclipse-temurin",
}


def variant_class(path):
    """The variant class of a Dockerfile path or a tag: `alpine`, `slim`, `default`, or
    None for variants the tables leave unknown (Windows, Oracle Linux, UBI...)."""
    p = path.lower()
    if re.search(r"windows|nanoserver|servercore|oraclelinux|ubi\d|ubi-|\.oracle", p):
        return None
    if "alpine" in p:
        return "alpine"
    if "slim" in p:
        return "slim"
    return "default"


def logical_lines(text):
    out, cur = [], ""
    for line in text.splitlines():
        # A comment line is dropped, also inside a continuation (as BuildKit does).
        if line.lstrip().startswith("#"):
            continue
        if line.rstrip().endswith("\\"):
            cur += line.rstrip()[:-1] + " "
            continue
        cur += line
        if cur.strip():
            out.append(cur.strip())
        cur = ""
    if cur.strip():
        out.append(cur.strip())
    return out


def final_stage(lines):
    start = 0
    for i, l in enumerate(lines):
        if re.match(r"(?i)FROM\s", l):
            start = i
    return lines[start:]


def packages(words):
    return [w.split("=")[0] for w in words if not w.startswith("-") and re.fullmatch(r"[a-z0-9][a-z0-9.+_=:-]*", w)]


def installs(stage):
    """(installed, purged, user) of a stage's instructions."""
    installed, purged, user = set(), set(), "root"
    for l in stage:
        kw = l.split(None, 1)[0].upper()
        if kw == "USER":
            user = l.split(None, 1)[1].strip()
        if kw != "RUN":
            continue
        temporary = "apt-mark auto" in l
        for cmd in re.split(r"&&|\|\||;|\|", l):
            words = cmd.split()
            while words and (words[0] in ("RUN", "set", "-eux", "-ex", "-eu", "-e") or re.fullmatch(r"[A-Za-z_]+=\S*", words[0])):
                words = words[1:]
            if len(words) >= 2 and words[0] in ("apt-get", "apt") and "install" in words:
                if not temporary:
                    installed.update(packages(words[words.index("install") + 1:]))
            elif len(words) >= 2 and words[0] == "apk" and words[1] == "add":
                if "--virtual" not in words and "-t" not in words:
                    installed.update(packages(words[2:]))
            elif len(words) >= 2 and words[0] in ("apt-get", "apt") and words[1] in ("purge", "remove"):
                purged.update(packages(words[2:]))
    return installed - purged, purged, user


def main():
    corpus = sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, "..", "shared", "corpus")
    manifest = os.path.join(corpus, "MANIFEST.tsv")
    files = {}
    commit = {}
    with open(manifest, encoding="utf-8") as f:
        next(f)
        for row in f:
            local, repo, original, sha, _ = row.rstrip("\n").split("\t")
            if repo in REPOS:
                files.setdefault(REPOS[repo], []).append((local, original))
                commit[repo] = sha

    # (image, tag) of each file's final FROM, and what the file adds.
    parsed = {}
    for image, entries in files.items():
        for local, original in entries:
            cls = variant_class(original)
            if cls is None:
                continue
            with open(os.path.join(corpus, local), encoding="utf-8") as f:
                stage = final_stage(logical_lines(f.read()))
            base = stage[0].split()[1] if stage else ""
            installed, purged, user = installs(stage)
            # buildpack-deps variants: the tag names the layer (curl, scm or full).
            if image == "buildpack-deps":
                layer = "curl" if "__curl__" in local else "scm" if "__scm__" in local else "default"
                key = (image, layer)
            else:
                key = (image, cls)
            parsed.setdefault(key, []).append((original, base, installed, purged, user))

    def facts_of(base, seen):
        """(pm, shell, user, present, absent) of a FROM reference, or None (unknown)."""
        name, _, tag = base.partition(":")
        name = name.removeprefix("docker.io/").removeprefix("library/")
        if name in OS:
            pm, shell, user, present, absent, _extra = OS[name]
            present = set(present) | set(_extra)
            return pm, shell, user, present, set(absent)
        if name == "buildpack-deps":
            layer = "curl" if tag.endswith("-curl") else "scm" if tag.endswith("-scm") else "default"
            return class_facts((name, layer), seen)
        cls = variant_class(tag)
        return class_facts((name, cls), seen) if cls else None

    memo = {}

    def class_facts(key, seen=()):
        if key in memo:
            return memo[key]
        if key in seen or key not in parsed:
            return None
        all_present, any_present, pms, shells, users = None, set(), set(), set(), set()
        for original, base, installed, purged, user in parsed[key]:
            below = facts_of(base, seen + (key,))
            if below is None:
                memo[key] = None
                return None
            pm, shell, base_user, present, absent = below
            tools = {t for p in installed for t in PACKAGE_TOOLS.get(p, [])}
            removed = {t for p in purged for t in PACKAGE_TOOLS.get(p, [])}
            have = (present - removed) | tools
            all_present = have if all_present is None else all_present & have
            any_present |= have | (set(TOOLS) - present - absent - tools)
            pms.add(pm)
            shells.add(shell)
            users.add(user if user != "root" else base_user)
        if len(pms) != 1 or len(shells) != 1:
            memo[key] = None
            return None
        user = users.pop() if len(users) == 1 else "?"
        result = (pms.pop(), shells.pop(), user, all_present, set(TOOLS) - any_present)
        memo[key] = result
        return result

    rows = []
    for key in sorted(parsed):
        f = class_facts(key)
        if f is None:
            continue
        pm, shell, user, present, absent = f
        rows.append([key[0], key[1], pm, shell, user, ",".join(sorted(present)), ",".join(sorted(absent))])
    for name, (pm, shell, user, present, absent, extra) in sorted(OS.items()):
        rows.append([name, "default", pm, shell, user, ",".join(sorted(set(present) | set(extra))), ",".join(sorted(absent))])
    rows.sort()

    sources = ", ".join(f"{r} @ {commit[r][:8]}" for r in sorted(commit))
    out = [
        "//! Generated by scripts/gen-image-facts.py from the official images' Dockerfiles",
        f"//! ({sources}). Do not edit.",
        "",
        "use super::Table;",
        "",
        "/// image, variant class, package manager, shell, default user, tools every Dockerfile of",
        "/// the class provides, tools none of them does (`,`-separated).",
        'pub static IMAGE_FACTS: Table = Table("\\',
    ]
    for row in rows:
        for field in row:
            if not re.fullmatch(r"[ -~]*", field) or "\t" in field or '"' in field or "\\" in field:
                raise ValueError(field)
        out.append("\\t".join(row))
    out.append('");')
    with open(OUT, "w", encoding="utf-8") as f:
        f.write("\n".join(out) + "\n")
    print(f"wrote {OUT}: {len(rows)} rows")


if __name__ == "__main__":
    main()
