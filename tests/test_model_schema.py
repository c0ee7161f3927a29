"""`orgmodel schema`: the JSON Schema of the model format, its file, keys, examples and values."""

from __future__ import annotations

import json
import os
import re
import stat
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

import orgmodel
from conftest import ROOT
from orgmodel.cli import app
from orgmodel.schema import STATUSES, UNIT_ROLES, OrgModel
from orgmodel.schema_export import SCHEMA_ID, schema_id

COMMITTED = ROOT / "orgmodel" / "schemas" / "model-1.schema.json"
REGENERATE = "run `orgmodel schema -o orgmodel/schemas/model-1.schema.json` and commit the file"
MODELS = sorted((ROOT / "models").glob("*.yaml"))


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.stdout, result.stderr


def committed_schema() -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads(COMMITTED.read_text(encoding="utf-8"))
    return loaded


@pytest.fixture(scope="module")
def schema() -> dict[str, Any]:
    return committed_schema()


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


def test_output_into_a_missing_directory_makes_it_and_under_a_file_is_a_usage_error(tmp_path: Path) -> None:
    target = tmp_path / "nowhere" / "model.schema.json"
    assert run("schema", "-o", str(target))[:2] == (0, "")
    assert json.loads(target.read_text(encoding="utf-8"))["title"] == "orgmodel model, format 1"
    (tmp_path / "a-file").write_text("", encoding="utf-8")
    target = tmp_path / "a-file" / "model.schema.json"
    code, out, err = run("schema", "-o", str(target))
    assert (code, out) == (2, "")
    assert err.startswith(f"orgmodel: --output {target}: cannot write the schema: ")


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
    # issue 15's: 3 of a committee, 4 of a consideration, 9 of a position, 8 of a forum, 2 of a frequency,
    # 4 of a collaboration, 8 of an agreement and 8 of a project
    assert len(props) == 115
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
    from orgmodel.hint_words import KNOWN_KINDS
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


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="making a device needs root")
def test_output_into_a_device_writes_into_it_and_never_replaces_it(tmp_path: Path) -> None:
    # as every -o: a rename over the device would replace it (a tester's find, schema kept its own writer)
    null = tmp_path / "null.json"
    os.mknod(null, 0o666 | stat.S_IFCHR, os.makedev(1, 3))
    assert run("schema", "-o", str(null))[:2] == (0, "")
    assert stat.S_ISCHR(null.stat().st_mode)
