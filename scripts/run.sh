#!/usr/bin/env bash
# Builds the dockcoach CLI and lints the example Dockerfile (or the paths given).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
cargo build --release -q -p dockcoach
if [ "$#" -eq 0 ]; then
  set -- examples/Dockerfile
fi
echo "\$ dockcoach lint $*"
./target/release/dockcoach lint "$@" || true
echo
echo "\$ dockcoach lint --diff --unsafe-fixes $*"
./target/release/dockcoach lint --diff --unsafe-fixes "$@" || true
