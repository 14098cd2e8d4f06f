#!/usr/bin/env bash
# The pre-commit hooks' entry point (.pre-commit-hooks.yaml): builds dockcoach from the
# checkout pre-commit made of this repository (once; later runs reuse its target/), then
# runs `dockcoach ARGS... FILES...`. Needs cargo on PATH (https://rustup.rs).
#
# Why not `language: rust`: pre-commit installs such hooks with `cargo install --path .`
# at the repository root, and this root is a virtual workspace manifest, which
# `cargo install` refuses.
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
bin="$repo/target/release/dockcoach"
if [ ! -x "$bin" ] || [ -n "$(find "$repo/core/src" "$repo/cli/src" "$repo/Cargo.lock" -newer "$bin" -print -quit)" ]; then
    cargo build --quiet --locked --release -p dockcoach --manifest-path "$repo/Cargo.toml" >&2
fi
exec "$bin" "$@"
