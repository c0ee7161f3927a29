# Shared by check.sh and diff.sh: the paths, ruleset and isolated inputs as orgmodel's arguments.
# ORGMODEL_PATHS is split on white space (spaces, tabs, new lines); an empty input means
# "the paths in .orgmodel.yaml".
read -r -d '' -a orgmodel_paths <<<"${ORGMODEL_PATHS:-}" || true
ruleset_args=()
if [[ -n "${ORGMODEL_RULESET:-}" ]]; then
    ruleset_args=(--ruleset "$ORGMODEL_RULESET")
fi
# isolated: the pull request's .orgmodel.yaml could ignore rules, per-file-ignore a model, exclude
# it or allow a change; the workflow's inputs alone decide, so they must name the paths and the ruleset
isolated_args=()
if [[ "${ORGMODEL_ISOLATED:-false}" == "true" ]]; then
    isolated_args=(--isolated)
    if [[ ${#orgmodel_paths[@]} -eq 0 || ${#ruleset_args[@]} -eq 0 ]]; then
        isolated_error='orgmodel: isolated: "true" reads no .orgmodel.yaml: give the paths and ruleset inputs too'
    fi
fi
