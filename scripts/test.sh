#!/usr/bin/env bash
# Sets up and runs every check and test of dockcoach: formatting, clippy, the Rust
# tests (unit, fixtures, CLI black-box, corpus and BuildKit agreement), and the
# wasm32 build of the core. CI runs exactly this.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh

step() { printf '\n==> %s\n' "$*"; }

step "cargo fmt --check"
cargo fmt --all -- --check

step "cargo clippy -D warnings"
cargo clippy --workspace --all-targets -q -- -D warnings

step "core builds for wasm32-unknown-unknown"
cargo build -q -p dockcoach-core --target wasm32-unknown-unknown --release

step "cargo test (unit, fixtures, CLI, corpus)"
cargo test --workspace
