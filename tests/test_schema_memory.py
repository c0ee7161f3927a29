"""Models share what they do not own: equal sets of written field names, and the empty unwritten lists."""

from __future__ import annotations

from pathlib import Path

from orgmodel.engine import check_bytes
from orgmodel.loader import load_bytes
from orgmodel.ruleset import load_ruleset
from orgmodel.schema_sections import _NO_ITEMS
from orgmodel.validate import validate_schema

ROOT = Path(__file__).parent.parent
MODEL = b"""orgmodel: 1
kommune: Eksempelby
units:
  - {id: top, name: Toppen, level: 1, kind: direktor, leader: Direktor}
  - {id: a, name: A, level: 2, kind: kommunalsjef, parent: top, leader: Sjef A, budget: true}
  - {id: b, name: B, level: 2, kind: kommunalsjef, parent: top, leader: Sjef B, budget: true}
  - {id: c, name: C, level: 2, kind: kommunalsjef, parent: top, leader: Sjef C, decides: [x]}
"""


def test_equal_sets_of_written_fields_are_one_set_and_still_say_what_was_written() -> None:
    doc = load_bytes("m.yaml", MODEL)
    model = validate_schema(doc)
    assert model is not None, doc.diagnostics
    top, a, b, c = model.units
    assert a.model_fields_set is b.model_fields_set
    assert a.model_fields_set == {"id", "name", "level", "kind", "parent", "leader", "budget"}
    assert "budget" not in c.model_fields_set and "budget" not in top.model_fields_set
    assert c.model_fields_set == {"id", "name", "level", "kind", "parent", "leader", "decides"}


def test_unwritten_lists_are_one_empty_list_that_a_check_leaves_empty() -> None:
    model = validate_schema(load_bytes("m.yaml", MODEL))
    assert model is not None
    top, a, _b, c = model.units
    assert a.decides is top.decides is top.sites is _NO_ITEMS
    assert c.decides == ["x"] and c.decides is not _NO_ITEMS
    assert a.model_dump()["decides"] == [] and a.model_dump()["decides"] is not _NO_ITEMS
    rules = load_ruleset("default").instances()
    for path in sorted((ROOT / "models").glob("*.yaml")):
        checked = check_bytes(str(path), path.read_bytes(), rules)
        assert checked.model is not None
    assert _NO_ITEMS == []
