#!/usr/bin/env bash
# Sets up and runs every check and test of dockcoach: formatting, clippy, the Rust
# tests (unit, fixtures, CLI black-box, corpus and BuildKit agreement, the playground's
# share links and settings mapping), the wasm32 builds, and the playground's end-to-end
# tests in headless Chromium against the release build of dist/. CI runs exactly this.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh --web
export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH"

step() { printf '\n==> %s\n' "$*"; }

step "cargo fmt --check"
cargo fmt --all -- --check
# Also every tracked .rs file on its own: cargo fmt only reaches files some `mod` line
# outside a macro declares, so this catches a file it would silently skip. Generated
# files (first line `// @generated`) are left as their generator writes them.
git ls-files -z '*.rs' | while IFS= read -r -d '' f; do
  head -c 13 "$f" | grep -q '^// @generated' || printf '%s\0' "$f"
done | xargs -0 rustfmt --edition 2024 --check

step "cargo clippy -D warnings"
cargo clippy --workspace --all-targets -q -- -D warnings
cargo clippy -p dockcoach-web --target wasm32-unknown-unknown -q -- -D warnings
cargo clippy -p dockcoach-size-floor --target wasm32-unknown-unknown --all-features -q -- -D warnings

step "core builds for wasm32-unknown-unknown"
cargo build -q -p dockcoach-core --target wasm32-unknown-unknown --release

step "cargo test (unit, fixtures, CLI, corpus, web logic)"
cargo test --workspace

step "trunk build --release (the playground, into dist/)"
# wasm-bindgen never deletes old snippets from its output folder; Trunk would ship them.
rm -rf target/wasm-bindgen/release/snippets
trunk build index.html --release

step "browser end-to-end tests (headless Chromium)"
node --test --test-concurrency=1 tests/e2e/
