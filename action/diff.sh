#!/usr/bin/env bash
# Write `orgmodel diff --format markdown` of each path against the base revision to the job
# summary. Outside a pull request (no base) or with diff: "false" it writes nothing and says so.
set -euo pipefail
source "$(dirname "$0")/common.sh"
if [[ "${ORGMODEL_DIFF:-true}" != "true" ]]; then
    echo "orgmodel: diff turned off"
    exit 0
fi
base="${ORGMODEL_BASE:-}"
if [[ -z "$base" ]]; then
    echo "orgmodel: no base revision (not a pull request): no diff"
    exit 0
fi
if [[ -n "${isolated_error:-}" ]]; then
    echo "$isolated_error" >&2
    exit 2
fi
# a shallow checkout (actions/checkout's default) lacks the base commit: fetch just that one
if ! git cat-file -e "$base^{commit}" 2>/dev/null; then
    git fetch --no-tags --depth=1 origin "$base"
fi
if [[ ${#orgmodel_paths[@]} -eq 0 ]]; then
    # the paths of .orgmodel.yaml, as a bare `orgmodel check` reads them. `python -I`: the checkout is
    # the pull request's, and a plain `python -c` would import its orgmodel/ or yaml.py first. The
    # paths come NUL-separated (a new line in a name is one path, not two).
    mapfile -d '' -t orgmodel_paths < <(python -I -c '
import sys
from orgmodel.config import find_config, load_config
for path in load_config(find_config()).targets(None, missing_ok=True):
    sys.stdout.write(f"{path}\0")
')
fi
if [[ ${#orgmodel_paths[@]} -eq 0 ]]; then
    echo "orgmodel: no paths given and none in .orgmodel.yaml: no diff" >&2
    exit 2
fi
for path in "${orgmodel_paths[@]}"; do
    # exit 1 (a change the diff gate refuses) still leaves a summary; 2 (a usage error) fails the step
    code=0
    # `--`: a path from the pull request's .orgmodel.yaml that starts with '-' is a path, never an option
    orgmodel diff --base "$base" "${ruleset_args[@]}" ${isolated_args[@]+"${isolated_args[@]}"} --format markdown -- "$path" >>"${GITHUB_STEP_SUMMARY:?}" || code=$?
    if [[ $code -ge 2 ]]; then
        exit "$code"
    fi
done
