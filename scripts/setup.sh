#!/usr/bin/env bash
# Installs what building and testing dockcoach needs, skipping what is already there.
# A fresh machine has the Rust toolchain, python3, node/npm and gcc.
#
#   scripts/setup.sh          the Rust side: wasm32 target, rustfmt, clippy
#   scripts/setup.sh --web    also the playground's tools: Chromium (apt), Trunk and
#                             wasm-bindgen-cli (cargo install), and the npm packages
#                             (CodeMirror, esbuild, binaryen's wasm-opt, playwright-core)
set -euo pipefail
cd "$(dirname "$0")/.."

web=0
for arg in "$@"; do
  case "$arg" in
    --web) web=1 ;;
    *) echo "setup: unknown argument: $arg" >&2; exit 2 ;;
  esac
done

if ! rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown; then
  echo "setup: adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi
for component in rustfmt clippy; do
  if ! rustup component list --installed 2>/dev/null | grep -q "^$component"; then
    echo "setup: adding $component"
    rustup component add "$component"
  fi
done

[ "$web" = 1 ] || exit 0

TRUNK_VERSION="0.22.1"
# wasm-bindgen-cli must be exactly the wasm-bindgen in Cargo.lock.
WASM_BINDGEN_VERSION="$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)"
[ -n "$WASM_BINDGEN_VERSION" ] || { echo "setup: no wasm-bindgen in Cargo.lock" >&2; exit 1; }
export PATH="$HOME/.cargo/bin:$PATH"

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"; elif command -v sudo >/dev/null 2>&1; then sudo "$@"; else
    echo "setup: need root for: $*" >&2; return 1
  fi
}

if [ ! -x /usr/bin/chromium ]; then
  echo "setup: installing Chromium (apt)"
  as_root apt-get update
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends chromium chromium-driver
fi

# Trunk and wasm-bindgen-cli build from source; both installs can run at the same time.
pids=()
if [ "$(trunk --version 2>/dev/null | awk '{print $2}')" != "$TRUNK_VERSION" ]; then
  echo "setup: installing trunk $TRUNK_VERSION (cargo install, several minutes)"
  # Trunk declares a newer rustc than it needs; LTO off halves the build time.
  CARGO_PROFILE_RELEASE_LTO=false CARGO_PROFILE_RELEASE_CODEGEN_UNITS=16 \
    cargo install trunk --version "$TRUNK_VERSION" --locked --ignore-rust-version &
  pids+=($!)
fi
if [ "$(wasm-bindgen --version 2>/dev/null | awk '{print $2}')" != "$WASM_BINDGEN_VERSION" ]; then
  echo "setup: installing wasm-bindgen-cli $WASM_BINDGEN_VERSION (cargo install, a few minutes)"
  # Not --locked: its lock file pins a crate version the registry no longer serves.
  cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION" --force &
  pids+=($!)
fi
for pid in "${pids[@]}"; do wait "$pid"; done

# npm packages: only when node_modules is missing or does not match package-lock.json.
npm_current() {
  [ -f node_modules/.package-lock.json ] || return 1
  node -e '
    const want = require("./package-lock.json").packages;
    const have = require("./node_modules/.package-lock.json").packages;
    const ok = Object.entries(want).every(([k, v]) =>
      !k || (have[k] ? have[k].version === v.version : v.optional === true));
    process.exit(ok ? 0 : 1);'
}
if ! npm_current; then
  echo "setup: npm ci"
  npm ci --no-audit --no-fund --loglevel=error
fi

# The editor bundle the web crate imports (also rebuilt by Trunk's pre_build hook).
node web/build-editor.mjs
