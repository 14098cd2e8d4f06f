#!/usr/bin/env bash
# The playground's page-weight floor: what the parts the issue requires cost on their own,
# before any playground UI, next to the real dist/. Builds two probes
# (bench/size-floor) for wasm32 with the playground's `web` profile and runs them through
# the same wasm-bindgen and wasm-opt -Oz as Trunk:
#   - the core alone (lint, fix, docs, both config formats, CI pipelines; no UI, no JS);
#   - a minimal Yew app (one component, a textarea and a button);
#   - both in one wasm (the app calls the core), so the std code they share counts once.
# The CodeMirror bundle, CSS and HTML are read from dist/ (run scripts/run.sh or
# `trunk build --release` first). Sizes are gzip -9, as scripts/bench-web.mjs reports them.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH"
[ -f dist/index.html ] || { echo "size-floor: no dist/; run trunk build --release first" >&2; exit 1; }

out=target/size-floor
rm -rf "$out" && mkdir -p "$out"
wasm=target/wasm32-unknown-unknown/web/dockcoach_size_floor.wasm
features="--enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext --enable-reference-types --enable-mutable-globals"
gz() { gzip -9c "$@" | wc -c; }
kib() { awk -v b="$1" 'BEGIN { printf "%.1f KiB", b / 1024 }'; }

cargo build -q -p dockcoach-size-floor --target wasm32-unknown-unknown --profile web --features core
wasm-opt -Oz $features "$wasm" -o "$out/core.wasm"
core=$(gz "$out/core.wasm")

cargo build -q -p dockcoach-size-floor --target wasm32-unknown-unknown --profile web --features yew-app
wasm-bindgen --target web --out-dir "$out/yew" "$wasm"
wasm-opt -Oz $features "$out/yew/dockcoach_size_floor_bg.wasm" -o "$out/yew.wasm"
yew=$(( $(gz "$out/yew.wasm") + $(gz "$out/yew/dockcoach_size_floor.js") ))

cargo build -q -p dockcoach-size-floor --target wasm32-unknown-unknown --profile web --features core,yew-app
wasm-bindgen --target web --out-dir "$out/both" "$wasm"
wasm-opt -Oz $features "$out/both/dockcoach_size_floor_bg.wasm" -o "$out/both.wasm"
both=$(( $(gz "$out/both.wasm") + $(gz "$out/both/dockcoach_size_floor.js") ))

editor=$(gz dist/editor-*.js)
css=$(gz dist/*.css)
html=$(gz dist/index.html)
total=0
for f in dist/*; do [ -f "$f" ] && total=$(( total + $(gz "$f") )); done
floor=$(( both + editor + css + html ))

echo "core alone (wasm):                  $(kib "$core")"
echo "minimal Yew app (wasm + glue):      $(kib "$yew")"
echo "CodeMirror bundle (dist):           $(kib "$editor")"
echo "CSS + HTML (dist):                  $(kib $(( css + html )))"
echo "core + minimal Yew app, one wasm:   $(kib "$both")"
echo "floor, before any playground UI:    $(kib "$floor") ($floor bytes: core + Yew app, CodeMirror, CSS, HTML)"
echo "the playground's dist/:             $(kib "$total") ($total bytes)"
