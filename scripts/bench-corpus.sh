#!/usr/bin/env bash
# Benchmark (not a test): hadolint vs dockcoach over the whole corpus, in one run.
# dockcoach lints on one thread per core; DOCKCOACH_JOBS=1 (inherited) times one thread.
#
#   (a) hadolint --no-fail -f json <all files>                   one process
#   (b) target/release/dockcoach lint --no-fail --format json <all files>
#                                                                 one process, N runs, median
#
# Same file list for both: every corpus file except MANIFEST.tsv, README.md and
# *__result (as scripts/oracle/*.py), sorted, absolute paths. Both run from an
# empty temp dir and neither reads a config file (hadolint: --config <empty
# file> and HADOLINT_* unset; dockcoach: --no-config). Output goes to /dev/null.
# Wall time and peak RSS come from GNU time (/usr/bin/time) when present,
# otherwise from a python wrapper (resource.getrusage(RUSAGE_CHILDREN)).
# If the argument list were too long for one exec, each tool is run in chunks and
# the seconds are summed (peak RSS = max over chunks); the table says so.
#
# Usage: scripts/bench-corpus.sh [--no-build] [--hadolint-only | --dockcoach-only]
#                                [--runs N] [--corpus DIR]
# Env:   DOCKCOACH_CORPUS (corpus dir), DOCKCOACH_BIN (binary to time instead of
#        target/release/dockcoach; implies --no-build).
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
corpus="${DOCKCOACH_CORPUS:-$repo_root/../shared/corpus}"
build=1
do_hadolint=1
do_dockcoach=1
runs=5
dockcoach_bin="${DOCKCOACH_BIN:-}"
[ -n "$dockcoach_bin" ] && build=0

while [ $# -gt 0 ]; do
    case "$1" in
        --no-build) build=0 ;;
        --hadolint-only) do_dockcoach=0 ;;
        --dockcoach-only) do_hadolint=0 ;;
        --runs) runs="$2"; shift ;;
        --runs=*) runs="${1#--runs=}" ;;
        --corpus) corpus="$2"; shift ;;
        --corpus=*) corpus="${1#--corpus=}" ;;
        -h|--help) sed -n '2,/^set -e/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
        *) echo "bench-corpus: unknown argument: $1" >&2; exit 2 ;;
    esac
    shift
done
case "$runs" in ''|*[!0-9]*|0) echo "bench-corpus: --runs needs a positive integer" >&2; exit 2 ;; esac
if [ "$do_hadolint" = 0 ] && [ "$do_dockcoach" = 0 ]; then
    echo "bench-corpus: --hadolint-only and --dockcoach-only exclude each other" >&2; exit 2
fi
[ -d "$corpus" ] || { echo "bench-corpus: corpus not found: $corpus" >&2; exit 2; }
corpus="$(cd "$corpus" && pwd)"
[ -n "$dockcoach_bin" ] || dockcoach_bin="$repo_root/target/release/dockcoach"

if [ "$do_dockcoach" = 1 ] && [ "$build" = 1 ]; then
    echo "building: cargo build --release -p dockcoach" >&2
    (cd "$repo_root" && cargo build --release -p dockcoach)
fi
if [ "$do_dockcoach" = 1 ] && [ ! -x "$dockcoach_bin" ]; then
    echo "bench-corpus: $dockcoach_bin not found (build it, or drop --no-build)" >&2; exit 2
fi
if [ "$do_hadolint" = 1 ] && ! command -v hadolint >/dev/null 2>&1; then
    echo "bench-corpus: hadolint not on PATH: run scripts/setup-oracles.sh" >&2; exit 2
fi

work="$(mktemp -d "${TMPDIR:-/tmp}/bench-corpus.XXXXXX")"
trap 'rm -rf "$work"' EXIT
printf 'ignored: []\n' > "$work/hadolint-empty.yaml"

# File list (NUL-separated, C-locale byte order == python's sorted() for UTF-8 paths).
(cd "$corpus" && find . -type f ! -path ./MANIFEST.tsv ! -path ./README.md ! -name '*__result' -print0) \
    | LC_ALL=C sort -z | sed -z "s|^\./|$corpus/|" > "$work/files"
mapfile -d '' files < "$work/files"
nfiles="${#files[@]}"
[ "$nfiles" -gt 0 ] || { echo "bench-corpus: no files in $corpus" >&2; exit 2; }

# measure OUT CMD...: run CMD (cwd $work, stdout to /dev/null), append
# "<seconds> <peak KiB> <exit status>" to file OUT.
if [ -z "${BENCH_NO_GNU_TIME:-}" ] && /usr/bin/time -f '%e' -o /dev/null true >/dev/null 2>&1; then
    measure() {
        local out="$1"; shift
        local rc=0
        (cd "$work" && /usr/bin/time -f '%e %M' -o "$work/time.tmp" "$@" >/dev/null 2>"$work/stderr.tmp") || rc=$?
        echo "$(tail -n 1 "$work/time.tmp") $rc" >> "$out"
    }
    timer="GNU time"
else
    measure() {
        local out="$1"; shift
        (cd "$work" && python3 - "$@" 2>"$work/stderr.tmp" <<'EOF'
import resource, subprocess, sys, time
t = time.monotonic()
p = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stdin=subprocess.DEVNULL)
dt = time.monotonic() - t
kib = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss  # KiB on Linux
print(f"{dt:.2f} {kib} {p.returncode}")
EOF
        ) >> "$out"
    }
    timer="python getrusage"
fi

# Split the file list into chunks whose exec size stays well under ARG_MAX.
arg_max="$(getconf ARG_MAX 2>/dev/null || echo 131072)"
budget="${BENCH_ARG_BUDGET:-$(( arg_max / 2 - $(env | wc -c) - 4096 ))}"  # env override: tests only
chunk_starts=(0)
size=0
for i in "${!files[@]}"; do
    len=$(( ${#files[$i]} + 1 + 8 ))  # string + NUL + argv pointer
    if [ $(( size + len )) -gt "$budget" ] && [ "$size" -gt 0 ]; then
        chunk_starts+=("$i"); size=0
    fi
    size=$(( size + len ))
done
chunk_starts+=("$nfiles")
nchunks=$(( ${#chunk_starts[@]} - 1 ))

echo "corpus: $corpus ($nfiles files); timer: $timer; $(nproc) cores" >&2

h_line=""
if [ "$do_hadolint" = 1 ]; then
    hv="$(hadolint --version 2>/dev/null | awk '{print $NF}')"
    echo "running hadolint $hv ($nchunks process(es))..." >&2
    unset_hadolint=()
    for v in $(compgen -e); do
        case "$v" in HADOLINT_*) unset_hadolint+=(-u "$v") ;; esac
    done
    : > "$work/h.txt"
    for ((c = 0; c < nchunks; c++)); do
        s="${chunk_starts[$c]}"; e="${chunk_starts[$((c + 1))]}"
        measure "$work/h.txt" env "${unset_hadolint[@]}" \
            hadolint --no-fail -f json --config "$work/hadolint-empty.yaml" "${files[@]:$s:$((e - s))}"
    done
    h_line="$(awk -v n="$nchunks" -v v="$hv" '
        { s += $1; if ($2 > m) m = $2; if ($3 != 0) bad = 1 }
        END { printf "hadolint %s%s|%.2f|%.1f|%s\n", v, (n > 1 ? " (" n " chunks, summed)" : ""), s, m / 1024, (bad ? "nonzero exit!" : "ok") }' "$work/h.txt")"
    grep -q ' 0$' "$work/h.txt" || { echo "hadolint stderr:" >&2; head -c 2000 "$work/stderr.tmp" >&2; }
fi

d_line=""
if [ "$do_dockcoach" = 1 ]; then
    echo "running dockcoach x$runs..." >&2
    : > "$work/d.txt"
    for ((r = 0; r < runs; r++)); do
        : > "$work/d1.txt"
        for ((c = 0; c < nchunks; c++)); do
            s="${chunk_starts[$c]}"; e="${chunk_starts[$((c + 1))]}"
            measure "$work/d1.txt" "$dockcoach_bin" lint --no-fail --no-config --format json \
                "${files[@]:$s:$((e - s))}"
        done
        # one line per run: summed seconds, max peak KiB, worst exit status
        awk '{ s += $1; if ($2 > m) m = $2; if ($3 != 0) rc = $3 } END { printf "%.2f %d %d\n", s, m, rc }' \
            "$work/d1.txt" >> "$work/d.txt"
    done
    d_line="$(sort -n -k1,1 "$work/d.txt" | awk -v n="$runs" -v c="$nchunks" '
        { t[NR] = $1; m[NR] = $2; if ($3 != 0) bad = $3 }
        END {
            mid = int((NR + 1) / 2)
            printf "dockcoach (median of %d, %.2f..%.2f s%s)|%.2f|%.1f|%s\n", n, t[1], t[NR], (c > 1 ? ", " c " chunks" : ""), t[mid], m[mid] / 1024, (bad != "" ? "exit " bad "!" : "ok")
        }')"
    if ! awk '$3 != 0 { exit 1 }' "$work/d.txt"; then
        echo "dockcoach stderr (last run):" >&2; head -c 2000 "$work/stderr.tmp" >&2
    fi
fi

echo
printf '%-50s %9s %9s  %s\n' tool seconds "peak MiB" status
printf '%-50s %9s %9s  %s\n' -------------------------------------------------- --------- --------- ------
for l in "$h_line" "$d_line"; do
    [ -n "$l" ] || continue
    IFS='|' read -r name sec mib st <<< "$l"
    printf '%-50s %9s %9s  %s\n' "$name" "$sec" "$mib" "$st"
done
if [ -n "$h_line" ] && [ -n "$d_line" ]; then
    IFS='|' read -r _ hs hm _ <<< "$h_line"
    IFS='|' read -r _ ds dm _ <<< "$d_line"
    awk -v hs="$hs" -v ds="$ds" -v hm="$hm" -v dm="$dm" 'BEGIN {
        printf "\nspeed  hadolint/dockcoach: %s\n", (ds > 0 ? sprintf("%.1fx", hs / ds) : "n/a (dockcoach took < 0.01 s)")
        printf "memory hadolint/dockcoach: %s\n", (dm > 0 ? sprintf("%.1fx", hm / dm) : "n/a")
    }'
fi
