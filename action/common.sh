# Shared by check.sh and diff.sh: the paths and ruleset inputs as orgmodel's arguments.
# ORGMODEL_PATHS is split on white space (spaces, tabs, new lines); an empty input means
# "the paths in .orgmodel.yaml".
read -r -d '' -a orgmodel_paths <<<"${ORGMODEL_PATHS:-}" || true
ruleset_args=()
if [[ -n "${ORGMODEL_RULESET:-}" ]]; then
    ruleset_args=(--ruleset "$ORGMODEL_RULESET")
fi
