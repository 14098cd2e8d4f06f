#!/usr/bin/env bash
# The lint step of the GitHub Action (action.yml). Reads the action's inputs from INPUT_*
# variables (set by action.yml's `env:`, never spliced into the script), runs
# `$DOCKCOACH lint`, writes the report (and dockcoach.sarif when SARIF upload is on), and
# records the exit code as the step output `exit-code` instead of failing, so the SARIF
# upload runs first; the action's last step fails by that code.
set -uo pipefail

dockcoach="${DOCKCOACH:?DOCKCOACH must name the dockcoach binary}"
# "DL3008 DL3009", "DL3008,DL3009" and "DL3008, DL3009" are the same list.
list() { printf '%s' "$1" | tr -s ' ,\n' ',,,' | sed 's/^,//; s/,$//'; }
ignore="$(list "${INPUT_IGNORE:-}")"
registries="$(list "${INPUT_TRUSTED_REGISTRIES:-}")"
args=(lint)
[ -n "${INPUT_CONFIG:-}" ] && args+=(--config "$INPUT_CONFIG")
[ -n "${INPUT_FORMAT:-}" ] && args+=(--format "$INPUT_FORMAT")
[ -n "${INPUT_FAILURE_THRESHOLD:-}" ] && args+=(--failure-threshold "$INPUT_FAILURE_THRESHOLD")
[ "${INPUT_NO_FAIL:-false}" = true ] && args+=(--no-fail)
[ "${INPUT_NO_COLOR:-false}" = true ] && args+=(--no-color)
[ -n "$ignore" ] && args+=(--ignore "$ignore")
[ -n "$registries" ] && args+=(--trusted-registry "$registries")
[ -n "${INPUT_RULES_URL:-}" ] && args+=(--rules-url "$INPUT_RULES_URL")

# The files: `dockerfile` is a path (a file, or a directory dockcoach searches); with
# `recursive`, it is a file name pattern matched under the working directory.
files=()
pattern="${INPUT_DOCKERFILE:-Dockerfile}"
if [ "${INPUT_RECURSIVE:-false}" = true ]; then
    while IFS= read -r -d '' file; do files+=("$file"); done < <(
        find . -path ./.git -prune -o -type f -name "$pattern" -print0 | sort -z)
    if [ "${#files[@]}" = 0 ]; then
        echo "dockcoach: no file named $pattern under $(pwd)" >&2
        code=2
    fi
else
    files=("$pattern")
fi

if [ "${#files[@]}" -gt 0 ]; then
    if [ -n "${INPUT_OUTPUT_FILE:-}" ]; then
        "$dockcoach" "${args[@]}" -- "${files[@]}" > "$INPUT_OUTPUT_FILE"
        code=$?
        cat "$INPUT_OUTPUT_FILE"
    else
        "$dockcoach" "${args[@]}" -- "${files[@]}"
        code=$?
    fi
    if [ "${INPUT_UPLOAD_SARIF:-false}" = true ]; then
        sarif=(lint --format sarif --no-fail)
        [ -n "${INPUT_CONFIG:-}" ] && sarif+=(--config "$INPUT_CONFIG")
        [ -n "$ignore" ] && sarif+=(--ignore "$ignore")
        [ -n "$registries" ] && sarif+=(--trusted-registry "$registries")
        [ -n "${INPUT_RULES_URL:-}" ] && sarif+=(--rules-url "$INPUT_RULES_URL")
        "$dockcoach" "${sarif[@]}" -- "${files[@]}" > "${INPUT_SARIF_FILE:-dockcoach.sarif}" || code=2
    fi
fi
echo "exit-code=$code" >> "${GITHUB_OUTPUT:-/dev/null}"
exit 0
