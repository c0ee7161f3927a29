#!/usr/bin/env bash
# Check the models twice from one configuration: GitHub annotations on stdout (the runner turns
# the workflow commands into annotations on the changed lines) and a SARIF file for code scanning.
# The step's exit code is orgmodel's: 0 clean, 1 findings at or above fail-on, 2 a usage error.
set -uo pipefail
source "$(dirname "$0")/common.sh"
sarif="${ORGMODEL_SARIF:-orgmodel.sarif}"
fail_on=() # the input's severity, else .orgmodel.yaml's fail-on, else orgmodel's (warning)
[[ -n "${ORGMODEL_FAIL_ON:-}" ]] && fail_on=(--fail-on "$ORGMODEL_FAIL_ON")
if [[ -n "${isolated_error:-}" ]]; then
    echo "$isolated_error" >&2
    echo "exit-code=2" >>"${GITHUB_OUTPUT:?}"
    exit 2
fi
fail_on+=(${isolated_args[@]+"${isolated_args[@]}"})
# -o, not '>': a shell redirect follows a symbolic link the pull request commits at that path (onto
# any file the runner can write); -o replaces the link, and never a file the run read
orgmodel check "${orgmodel_paths[@]}" "${ruleset_args[@]}" --format sarif ${fail_on[@]+"${fail_on[@]}"} -o "$sarif"
sarif_code=$?
if [[ $sarif_code -ge 2 ]]; then
    rm -f "$sarif"
    sarif=""
fi
orgmodel check "${orgmodel_paths[@]}" "${ruleset_args[@]}" --format github ${fail_on[@]+"${fail_on[@]}"}
code=$?
{
    echo "sarif-file=$sarif"
    echo "exit-code=$code"
} >>"${GITHUB_OUTPUT:?}"
exit "$code"
