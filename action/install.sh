#!/usr/bin/env bash
# Install orgmodel into a venv of its own under RUNNER_TEMP and put it first on the PATH of the
# following steps. ORGMODEL_PACKAGE: what pip installs (default: the action's own checkout).
set -euo pipefail
venv="${RUNNER_TEMP:?}/orgmodel-venv"
python -m venv "$venv"
"$venv/bin/python" -m pip install --quiet --disable-pip-version-check "${ORGMODEL_PACKAGE:-${GITHUB_ACTION_PATH:?}}"
echo "$venv/bin" >>"${GITHUB_PATH:?}"
"$venv/bin/orgmodel" --version
