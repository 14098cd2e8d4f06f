#!/usr/bin/env bash
# Sets up everything, builds the browser playground and serves it on loopback.
#
#   scripts/run.sh                 build dist/ and serve it at http://127.0.0.1:8080/
#   PORT=9000 scripts/run.sh       another port
#   scripts/run.sh --cli [PATH..]  the CLI instead: lint examples/Dockerfile (or PATHs)
set -euo pipefail
cd "$(dirname "$0")/.."

if [ "${1:-}" = "--cli" ]; then
  shift
  bash scripts/setup.sh
  cargo build --release -q -p dockcoach
  [ "$#" -gt 0 ] || set -- examples/Dockerfile
  echo "\$ dockcoach lint $*"
  ./target/release/dockcoach lint "$@" || true
  echo
  echo "\$ dockcoach lint --diff --unsafe-fixes $*"
  ./target/release/dockcoach lint --diff --unsafe-fixes "$@" || true
  exit 0
fi

bash scripts/setup.sh --web
export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH"
echo "run: trunk build --release"
# wasm-bindgen never deletes old snippets from its output folder; Trunk would ship them.
rm -rf target/wasm-bindgen/release/snippets
trunk build index.html --release
exec node tests/e2e/server.mjs dist "${PORT:-8080}"
