"""The ``orgmodel-fmt`` pre-commit hook, run for real with ``pre-commit try-repo``.

Marked slow: the hook's environment is installed from this working tree (about 25 s);
``.ci/run`` runs this file with tests/test_precommit.py.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from test_fmt import FORMATTED, MESSY
from test_precommit import _municipality_repo, _pre_commit


@pytest.mark.slow
def test_pre_commit_try_repo_formats_the_models_and_leaves_everything_else(tmp_path: Path) -> None:
    repo = _municipality_repo(tmp_path / "kommune")
    (repo / "models" / "messy.yaml").write_text(MESSY, encoding="utf-8")
    untouched = {p: p.read_bytes() for p in repo.rglob("*.yaml") if p.name != "messy.yaml"}
    returncode, output = _pre_commit(
        ["try-repo", str(Path(__file__).parent.parent), "orgmodel-fmt", "--all-files"],
        repo,
        tmp_path / "pre-commit-home",
    )
    assert returncode == 1, output
    assert "- files were modified by this hook" in output
    hook_output = output.split("- exit code: 2\n", 1)[1]
    assert "reformatted models/messy.yaml" in hook_output.splitlines()
    why = "it has errors 'orgmodel check' reports; fix them first; left as it is"
    assert f"orgmodel: models/bad.yaml: not formatted: {why}" in hook_output.splitlines()
    assert "orgmodel: note: rules/base.yaml: skipped, not a model" in hook_output
    assert (repo / "models" / "messy.yaml").read_text(encoding="utf-8") == FORMATTED
    assert {p: p.read_bytes() for p in untouched} == untouched
