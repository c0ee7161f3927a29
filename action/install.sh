#!/usr/bin/env bash
# Install orgmodel into a venv of its own under RUNNER_TEMP and put it first on the PATH of the
# following steps. ORGMODEL_PACKAGE: what pip installs (default: the action's own checkout);
# ORGMODEL_PLUGINS: rule plugins installed beside it, separated by spaces or new lines.
set -euo pipefail
venv="${RUNNER_TEMP:?}/orgmodel-venv"
python -m venv "$venv"
read -r -d '' -a plugins <<<"${ORGMODEL_PLUGINS:-}" || true # words, never globbed nor evaluated
"$venv/bin/python" -m pip install --quiet --disable-pip-version-check \
    "${ORGMODEL_PACKAGE:-${GITHUB_ACTION_PATH:?}}" ${plugins[@]+"${plugins[@]}"}
echo "$venv/bin" >>"${GITHUB_PATH:?}"
"$venv/bin/orgmodel" --version
