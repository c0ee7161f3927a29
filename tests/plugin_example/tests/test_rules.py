"""The plugin's own test: the rule through orgmodel's public API, with a ruleset as a user writes one.

Run it with pytest where orgmodel and the plugin are installed (pip install -e .).
"""

from __future__ import annotations

from pathlib import Path

import orgmodel

MODEL = """\
orgmodel: 1
kommune: Testby
units:
  - {id: radmann, name: Rådmannen, level: 1, leader: Rådmann, budget: true}
  - {id: hjemme-nord, name: Hjemmetjenester Nord, kind: virksomhet, level: 2, parent: radmann,
     leader: Virksomhetsleder, staff: 25, budget: true}
  - {id: tildeling, name: Tjenestetildeling, kind: virksomhet, level: 2, parent: radmann,
     leader: Virksomhetsleder, staff: 12, budget: true}
"""


def test_a_virksomhet_without_the_prefix_is_reported_at_its_name(tmp_path: Path) -> None:
    ruleset = tmp_path / "testby.yaml"
    ruleset.write_text("orgmodel-ruleset: 1\nrules:\n  virksomhet-name-prefix: {prefix: Hjemmetjenester}\n")
    checked = orgmodel.check_text(MODEL, name="testby.yaml", ruleset=ruleset, select=["EX001"])
    found = [(d.line, d.col, d.code, d.unit) for d in checked.diagnostics]
    assert found == [(7, 27, "EX001", "tildeling")]


def test_without_a_prefix_every_name_passes() -> None:
    checked = orgmodel.check_text(MODEL, select=["virksomhet-name-prefix"])
    assert checked.diagnostics == []
