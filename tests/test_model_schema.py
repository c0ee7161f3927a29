"""`orgmodel schema`: the JSON Schema of the model format, tried with jsonschema on real models."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft7Validator, Draft202012Validator
from typer.testing import CliRunner

import orgmodel
from conftest import FIXTURES, ROOT
from orgmodel.cli import app
from orgmodel.loader import load_bytes
from orgmodel.schema import STATUSES, UNIT_ROLES, OrgModel
from orgmodel.schema_export import SCHEMA_ID, schema_id

COMMITTED = ROOT / "orgmodel" / "schemas" / "model-1.schema.json"
REGENERATE = "run `orgmodel schema -o orgmodel/schemas/model-1.schema.json` and commit the file"
MODELS = sorted((ROOT / "models").glob("*.yaml"))
CORPUS = sorted(p for p in (ROOT / "tests" / "corpus").glob("*.yaml") if not p.name.endswith(".expect.yaml"))
INVALID = sorted((FIXTURES / "invalid").glob("*.yaml"))
# The built-in checks the JSON Schema makes too: the file is a mapping, keys, types, values.
SCHEMA_CODES = {"OM006", "OM010", "OM011"}


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture(scope="module")
def schema() -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads(COMMITTED.read_text(encoding="utf-8"))
    return loaded


@pytest.fixture(scope="module")
def validator(schema: dict[str, Any]) -> Draft202012Validator:
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)


def errors(validator: Draft202012Validator, data: Any) -> list[str]:
    """Each schema error as 'path: message', in path order."""
    found = sorted(validator.iter_errors(data), key=lambda e: [str(p) for p in e.absolute_path])
    return [f"{'/'.join(str(p) for p in e.absolute_path)}: {e.message}" for e in found]


def data_of(path: Path) -> Any:
    """The data orgmodel reads from ``path`` (YAML 1.2 core schema, merge keys applied), as an editor does."""
    return load_bytes(str(path), path.read_bytes()).data


def codes_of(path: Path) -> set[str]:
    return {d.code for d in orgmodel.check_paths([path], ruleset="default").diagnostics}


def test_the_committed_schema_is_the_generated_one() -> None:
    assert COMMITTED.read_text(encoding="utf-8") == orgmodel.model_schema_text(), REGENERATE


def test_orgmodel_schema_prints_the_committed_file() -> None:
    code, out, err = run("schema")
    assert (code, err) == (0, "")
    assert out == COMMITTED.read_text(encoding="utf-8")
    assert json.loads(out) == orgmodel.model_json_schema()


def test_output_writes_the_file_and_leaves_an_unchanged_one_as_it_is(tmp_path: Path) -> None:
    target = tmp_path / "model-1.schema.json"
    assert run("schema", "--output", str(target)) == (0, "", "")
    assert target.read_text(encoding="utf-8") == COMMITTED.read_text(encoding="utf-8")
    before = os.stat(target)
    assert run("schema", "-o", str(target)) == (0, "", "")
    assert os.stat(target).st_ino == before.st_ino  # not replaced
    target.write_text("{}", encoding="utf-8")
    assert run("schema", "-o", str(target)) == (0, "", "")
    assert target.read_text(encoding="utf-8") == COMMITTED.read_text(encoding="utf-8")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["model-1.schema.json"]  # no temporary file left


def test_output_never_overwrites_a_model(tmp_path: Path) -> None:
    model = tmp_path / "drammen.yaml"
    model.write_bytes(MODELS[0].read_bytes())
    code, out, err = run("schema", "-o", str(model))
    assert (code, out) == (2, "")
    assert err == (
        f"orgmodel: --output {model}: the schema is written to a .json file only, e.g. model-1.schema.json\n"
    )
    assert model.read_bytes() == MODELS[0].read_bytes()


def test_output_into_a_missing_directory_is_a_usage_error(tmp_path: Path) -> None:
    target = tmp_path / "nowhere" / "model.schema.json"
    code, out, err = run("schema", "-o", str(target))
    assert (code, out) == (2, "")
    assert err == f"orgmodel: --output {target}: cannot write the schema: No such file or directory\n"


def test_output_onto_a_directory_is_a_usage_error_and_leaves_nothing_behind(tmp_path: Path) -> None:
    target = tmp_path / "model-1.schema.json"
    target.mkdir()
    code, out, err = run("schema", "-o", str(target))
    assert (code, out) == (2, "")
    assert err == f"orgmodel: --output {target}: cannot write the schema: Is a directory\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["model-1.schema.json"]


def test_the_schema_names_its_dialect_id_and_title(schema: dict[str, Any]) -> None:
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["$id"] == SCHEMA_ID
    assert schema["title"] == "orgmodel model, format 1"
    assert schema["description"].startswith("Organisasjonsmodell: ")
    assert schema["required"] == ["orgmodel", "kommune", "units"]
    assert schema["properties"]["orgmodel"]["const"] == 1


def test_the_id_follows_the_repository_url_in_pyproject() -> None:
    import tomllib

    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    repository = project.get("urls", {}).get("Repository")
    assert schema_id(repository) == SCHEMA_ID, "set REPOSITORY in orgmodel/schema_export.py; " + REGENERATE
    assert schema_id("https://github.com/kommune/orgmodel") == (
        "https://raw.githubusercontent.com/kommune/orgmodel/main/orgmodel/schemas/model-1.schema.json"
    )


def _properties(schema: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """Every key of every mapping in the format, as 'Owner.key'."""
    owners = {"OrgModel": schema, **schema["$defs"]}
    return {
        f"{owner}.{key}": prop for owner, body in owners.items() for key, prop in body["properties"].items()
    }


def test_every_key_has_a_norwegian_term_an_english_meaning_and_an_example(schema: dict[str, Any]) -> None:
    props = _properties(schema)
    # 21 top-level keys, 4 of a kommunedel, 6 of a site and a service, 24 of a unit, 5 of a persona; and
    # issue 15's: 3 of a committee, 4 of a consideration, 7 of a position, 8 of a forum, 2 of a frequency,
    # 4 of a collaboration, 8 of an agreement and 8 of a project
    assert len(props) == 110
    for name, prop in props.items():
        term, _, meaning = prop["description"].partition(": ")
        assert term and len(meaning) > 10, name
        assert prop["examples"], name
    assert props["Unit.parent"]["description"].startswith("personalmessig rapportering: ")
    assert props["Unit.functional"]["description"].startswith("faglig rapportering: ")
    assert props["Unit.budget"]["description"].startswith("budsjettansvar: ")
    assert props["OrgModel.valid_from"]["examples"] == ["2020-01-01"]
    for definition in schema["$defs"].values():
        assert re.match(r"[A-ZÆØÅ][\wæøå /]+: ", definition["description"]), definition["title"]


def test_every_example_is_valid_where_it_stands(schema: dict[str, Any]) -> None:
    base = {"orgmodel": 1, "kommune": "Testby", "units": [{"id": "u", "name": "U", "level": 1}]}
    mapping = {"OrgModel": lambda key, v: {**base, key: v}}
    for collection, owner in (("kommunedeler", "Kommunedel"), ("sites", "Site"), ("services", "Service")):
        mapping[owner] = lambda key, v, c=collection: {**base, c: [{"id": "x", "name": "X", key: v}]}
    mapping["Unit"] = lambda key, v: {**base, "units": [{"id": "u", "name": "U", "level": 1, key: v}]}
    mapping["Persona"] = lambda key, v: {**base, "personas": [{"id": "p", "name": "P", key: v}]}
    required = {
        "committees": {"id": "c", "name": "C"},
        "considerations": {"id": "h", "name": "H", "rank": 1},
        "positions": {"id": "p", "title": "P"},
        "forums": {"id": "f", "name": "F"},
        "collaborations": {"between": ["u", "u"]},
        "agreements": {"id": "a", "name": "A"},
        "projects": {"id": "p", "name": "P"},
    }
    for collection, item in required.items():
        owner = {"committees": "Committee", "considerations": "Consideration"}.get(
            collection, collection.removesuffix("s").capitalize()
        )
        mapping[owner] = lambda key, v, c=collection, i=item: {**base, c: [{**i, key: v}]}
    mapping["Frequency"] = lambda key, v: {
        **base,
        "forums": [{"id": "f", "name": "F", "frequency": {"times": 1, "per": "week", key: v}}],
    }
    for name, prop in _properties(schema).items():
        owner, key = name.split(".")
        for example in prop["examples"]:
            OrgModel.model_validate(mapping[owner](key, example))  # pydantic itself: raises if invalid


def test_the_kinds_the_rules_know_are_offered(schema: dict[str, Any]) -> None:
    from orgmodel.hints import KNOWN_KINDS
    from orgmodel.rules.co_location import CoLocationParams
    from orgmodel.rules.hubs import HubCoLocationParams, HubPilotParams

    unit_kinds = schema["$defs"]["Unit"]["properties"]["kind"]["examples"]
    assert sorted(unit_kinds) == sorted(KNOWN_KINDS)
    site_kinds = schema["$defs"]["Site"]["properties"]["kind"]["examples"]
    assert HubPilotParams().hub_kind == HubCoLocationParams().hub_kind == site_kinds[0] == "knutepunkt"
    assert site_kinds[1:] == CoLocationParams().unknown_kinds


def test_every_enumeration_lists_its_values(schema: dict[str, Any]) -> None:
    role = schema["$defs"]["Unit"]["properties"]["role"]["anyOf"]
    status = schema["properties"]["status"]["anyOf"]
    assert role == [{"enum": list(UNIT_ROLES), "type": "string"}, {"type": "null"}]
    assert status == [{"enum": list(STATUSES), "type": "string"}, {"type": "null"}]


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


def test_the_cli_and_the_checker_never_import_the_schema_export() -> None:
    """`orgmodel --help` stays fast, and checking pays nothing for the editor's schema."""
    code = (
        "import sys, orgmodel.cli\n"
        "cli = [m for m in ('pydantic', 'orgmodel.schema_export') if m in sys.modules]\n"
        "orgmodel.check_paths(['models/'])\n"
        "print(cli, 'orgmodel.schema_export' in sys.modules)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[] False"


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
