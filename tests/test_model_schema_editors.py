"""The model JSON Schema on real models, fixtures and fuzz mutants, and as docs/editors.md shows it."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft7Validator, Draft202012Validator
from test_model_schema import COMMITTED, MODELS, committed_schema, run

import orgmodel
from conftest import FIXTURES, ROOT
from orgmodel.loader import load_bytes

CORPUS = sorted(p for p in (ROOT / "tests" / "corpus").glob("*.yaml") if not p.name.endswith(".expect.yaml"))
INVALID = sorted((FIXTURES / "invalid").glob("*.yaml"))
# The built-in checks the JSON Schema makes too: the file is a mapping, keys, types, values.
SCHEMA_CODES = {"OM006", "OM010", "OM011"}


def errors(validator: Draft202012Validator, data: Any) -> list[str]:
    """Each schema error as 'path: message', in path order."""
    found = sorted(validator.iter_errors(data), key=lambda e: [str(p) for p in e.absolute_path])
    return [f"{'/'.join(str(p) for p in e.absolute_path)}: {e.message}" for e in found]


def data_of(path: Path) -> Any:
    """The data orgmodel reads from ``path`` (YAML 1.2 core schema, merge keys applied), as an editor does."""
    return load_bytes(str(path), path.read_bytes()).data


def codes_of(path: Path) -> set[str]:
    return {d.code for d in orgmodel.check_paths([path], ruleset="default").diagnostics}


@pytest.fixture(scope="module")
def schema() -> dict[str, Any]:
    return committed_schema()


@pytest.fixture(scope="module")
def validator(schema: dict[str, Any]) -> Draft202012Validator:
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)


@pytest.mark.parametrize("path", MODELS + CORPUS, ids=[p.stem for p in MODELS + CORPUS])
def test_every_shipped_and_corpus_model_is_valid(path: Path, validator: Draft202012Validator) -> None:
    assert errors(validator, data_of(path)) == []


def test_a_draft_07_validator_reads_the_schema_alike(
    schema: dict[str, Any], validator: Draft202012Validator
) -> None:
    """yaml-language-server's documentation promises draft 7: the schema uses no keyword draft 7 lacks."""
    older = Draft7Validator(schema, format_checker=Draft7Validator.FORMAT_CHECKER)
    for path in MODELS + CORPUS + INVALID:
        data = data_of(path)
        if data is not None:
            assert errors(older, data) == errors(validator, data), path


@pytest.mark.parametrize("path", INVALID, ids=[p.stem for p in INVALID])
def test_an_invalid_fixture_is_rejected_exactly_when_orgmodel_finds_a_schema_error(
    path: Path, validator: Draft202012Validator
) -> None:
    data = data_of(path)
    if data is None:  # not YAML: nothing for a JSON Schema to read
        assert codes_of(path) == {"OM001"}
        return
    assert bool(errors(validator, data)) == bool(codes_of(path) & SCHEMA_CODES)


def test_the_fixtures_the_schema_rejects(validator: Draft202012Validator) -> None:
    rejected = {p.stem: errors(validator, data_of(p)) for p in INVALID if codes_of(p) & SCHEMA_CODES}
    assert rejected == {
        "kommunenummer-unquoted": ["kommunenummer: 301 is not valid under any of the given schemas"],
        "level-as-text": ["units/1/level: '2' is not of type 'integer'"],
        "misspelled-key": [
            "units/3: Additional properties are not allowed ('parnet' was unexpected)",
        ],
        "wrong-role": ["units/2/role: 'authorty' is not valid under any of the given schemas"],
    }


def test_a_file_that_is_not_a_model_is_rejected(validator: Draft202012Validator, tmp_path: Path) -> None:
    listed = tmp_path / "list.yaml"
    listed.write_text("- orgmodel: 1\n- kommune: Testby\n", encoding="utf-8")
    ruleset = ROOT / "rules" / "default.yaml"
    for path in (listed, ruleset):
        assert codes_of(path) == {"OM006"}
        assert errors(validator, data_of(path)), path


MODELINE = "# yaml-language-server: $schema=../schemas/model-1.schema.json\n"


def test_the_modeline_of_docs_editors_is_only_a_comment_to_check(tmp_path: Path) -> None:
    small = (FIXTURES / "models" / "small.yaml").read_text(encoding="utf-8")
    assert MODELINE.strip() in (ROOT / "docs" / "editors.md").read_text(encoding="utf-8")
    plain, marked = tmp_path / "plain.yaml", tmp_path / "marked.yaml"
    plain.write_text(small, encoding="utf-8")
    marked.write_text(MODELINE + small, encoding="utf-8")
    results = [run("check", "--ruleset", "default", str(p)) for p in (plain, marked)]
    assert results == [(0, "✓ 0 errors, 0 warnings in 1 file (5 units checked)\n", "")] * 2


def test_the_vscode_example_maps_the_schema_to_the_models(tmp_path: Path) -> None:
    settings = json.loads((ROOT / "docs" / "examples" / "vscode-settings.json").read_text(encoding="utf-8"))
    assert settings == {"yaml.schemas": {"./schemas/model-1.schema.json": ["models/*.yaml"]}}
    assert '"./schemas/model-1.schema.json": ["models/*.yaml"]' in (ROOT / "docs" / "editors.md").read_text(
        encoding="utf-8"
    )
    (tmp_path / "schemas").mkdir()
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(tmp_path)
        assert run("schema", "-o", "schemas/model-1.schema.json") == (0, "", "")
    assert (tmp_path / "schemas" / "model-1.schema.json").read_text(encoding="utf-8") == COMMITTED.read_text(
        encoding="utf-8"
    )


def _console(page: str, command: str) -> list[str]:
    """The lines a ```console block of ``page`` shows under ``$ command``, up to the next command."""
    block = page.split(f"$ {command}\n", 1)[1].split("```", 1)[0]
    return block.split("\n$ ", 1)[0].splitlines()


def test_the_outputs_in_docs_editors_are_real(tmp_path: Path) -> None:
    page = (ROOT / "docs" / "editors.md").read_text(encoding="utf-8")
    assert _console(page, "orgmodel schema | head -12") == orgmodel.model_schema_text().splitlines()[:12]
    code, _, err = run("schema", "-o", "model.yaml")
    assert (code, [err.rstrip("\n")]) == (2, _console(page, "orgmodel schema -o model.yaml"))
    model = page.split("## What the editor shows", 1)[1].split("```yaml\n", 1)[1].split("```", 1)[0]
    (tmp_path / "models").mkdir()
    (tmp_path / "models" / "utkast.yaml").write_text(model, encoding="utf-8")
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(tmp_path)
        code, out, _ = run("check", "--ruleset", "default", "models/utkast.yaml")
    assert (code, out.splitlines()) == (
        1,
        _console(page, "orgmodel check --ruleset default models/utkast.yaml"),
    )


@pytest.fixture(scope="module")
def fuzz() -> Any:
    import test_fuzz

    return test_fuzz


def only_check_sees(diagnostic: Any) -> bool:
    """A schema finding docs/editors.md lists under 'What only orgmodel check sees'."""
    return (
        (diagnostic.key == "kind" and "(kinds are compared exactly)" in diagnostic.message)
        or re.search(r"expected a whole number, got the number -?\d+\.0\Z", diagnostic.message) is not None
        or diagnostic.key in ("orgmodel", "valid_from")
    )


def test_no_mutant_check_accepts_is_refused_by_the_schema(fuzz: Any, validator: Draft202012Validator) -> None:
    """The mutants of tests/test_fuzz.py: the editor flags a file exactly when check's schema validation does.

    Except where docs/editors.md says the JSON Schema cannot tell (``only_check_sees``).
    """
    from hypothesis import given
    from hypothesis import strategies as st

    from orgmodel.validate import validate_schema

    seen: list[bool] = []

    @fuzz.settings_for(max(100, int(os.environ.get("ORGMODEL_FUZZ_EXAMPLES", "0")) // 10))  # make fuzz: 1,000
    @given(data=st.data())
    def agree(data: st.DataObject) -> None:
        make = data.draw(st.sampled_from([fuzz.structured_example, fuzz.semantic_example]))
        doc = load_bytes("mutant.yaml", make(data))
        if doc.data is None or not doc.ok:
            return
        accepted = validate_schema(doc) is not None
        seen.append(accepted)
        found = errors(validator, doc.data)
        if accepted:
            assert found == []
        elif not found:  # the JSON Schema passes what check refuses: only where docs/editors.md says so
            assert all(only_check_sees(d) for d in doc.diagnostics if d.code in SCHEMA_CODES), doc.diagnostics

    agree()
    assert True in seen and False in seen  # both sides were tried


@pytest.mark.parametrize(
    ("key", "written", "documented"),
    [
        ("orgmodel", "1.0", 'the format version written `"1"` or `1.0`'),
        ("valid_from", "2020-01-01T10:00:00", "a `valid_from` date-time that is not at midnight"),
        ("level", "2.0", "any whole number written `3.0`"),
        ("kind", "Virksomhet", "a `kind` written in another case"),
    ],
)
def test_what_docs_editors_says_only_check_sees(
    key: str, written: str, documented: str, validator: Draft202012Validator, tmp_path: Path
) -> None:
    top = {"orgmodel": "1", "valid_from": "2020-01-01"}
    unit = {"level": "1", "kind": "virksomhet"}
    (top if key in top else unit)[key] = written
    model = tmp_path / "model.yaml"
    model.write_text(
        "".join(f"{k}: {v}\n" for k, v in top.items())
        + "kommune: Testby\nunits:\n  - {id: radmann, name: Rådmann, "
        + ", ".join(f"{k}: {v}" for k, v in unit.items())
        + "}\n",
        encoding="utf-8",
    )
    doc = load_bytes(str(model), model.read_bytes())
    found = [d for d in orgmodel.check_paths([model]).diagnostics if d.code in SCHEMA_CODES]
    assert [(d.code, only_check_sees(d)) for d in found] == [("OM010", True)]
    assert errors(validator, doc.data) == []
    page = (
        (ROOT / "docs" / "editors.md")
        .read_text(encoding="utf-8")
        .split("## What only `orgmodel check` sees")[1]
    )
    assert documented in " ".join(page.split())
