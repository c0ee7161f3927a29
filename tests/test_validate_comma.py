"""A value cut at an unquoted ',' inside {...}: the hint says to quote it, in a part too (tour O).

``{..., responsibility: Undersøkelser, hjelpetiltak og omsorgstiltak etter barnevernloven}`` is to YAML
a responsibility 'Undersøkelser' and a key 'hjelpetiltak og omsorgstiltak etter barnevernloven' with no
value. The hint listed the known keys when the unit was in a part (the line was read from the main
file), and said "did you mean 'supervises'?" for a piece that is a Norwegian word ('tilsyn'). A real
typo ('budgt') keeps its did-you-mean.
"""

from __future__ import annotations

from pathlib import Path

from conftest import HEADER, check_yaml
from orgmodel import i18n
from orgmodel.api import check_paths

UNITS = HEADER + "units:\n  - {id: kd, name: KD, level: 1, leader: KD}\n"
ANSVAR = "responsibility: Undersøkelser, hjelpetiltak og omsorgstiltak etter barnevernloven"
QUOTE = (
    "a ',' ends a value inside {...}; if 'Undersøkelser, hjelpetiltak og omsorgstiltak etter "
    "barnevernloven' is one value, put it in quotes: responsibility: \"Undersøkelser, hjelpetiltak og "
    'omsorgstiltak etter barnevernloven"'
)


def unit(rest: str) -> str:
    return UNITS + "  - {id: bv, name: Barnevern, level: 2, parent: kd, leader: L, " + rest + "}\n"


def hints(text: str) -> list[str | None]:
    return [d.hint for d in check_yaml(text, []).diagnostics if d.code == "OM011"]


def test_a_piece_in_a_part_gets_the_quote_hint(tmp_path: Path) -> None:
    (tmp_path / "kommune.yaml").write_text(UNITS + "parts: [barnevern.yaml]\n", encoding="utf-8")
    part = "orgmodel-part: 1\npart_of: kommune.yaml\nunits:\n" + unit(ANSVAR).splitlines(keepends=True)[-1]
    (tmp_path / "barnevern.yaml").write_text(part, encoding="utf-8")
    (found,) = check_paths([tmp_path / "kommune.yaml"], ruleset="default").files[0].diagnostics
    assert (Path(found.path).name, found.line, found.code) == ("barnevern.yaml", 4, "OM011")
    assert found.hint == QUOTE
    i18n.set_language("nb")
    try:
        (found,) = check_paths([tmp_path / "kommune.yaml"], ruleset="default").files[0].diagnostics
    finally:
        i18n.set_language("en")
    assert found.hint is not None and found.hint.startswith("en ',' avslutter en verdi inne i {...}; er '")


def test_a_piece_that_is_a_norwegian_word_for_a_key_gets_the_quote_hint_too() -> None:
    # 'tilsyn' means supervises, but a key has a value: with none, after a text, it is a piece
    assert hints(unit("responsibility: Godkjenning, tilsyn")) == [
        "a ',' ends a value inside {...}; if 'Godkjenning, tilsyn' is one value, put it in quotes: "
        'responsibility: "Godkjenning, tilsyn"'
    ]
    assert hints(unit(ANSVAR)) == [QUOTE]


def test_a_misspelt_key_keeps_its_did_you_mean() -> None:
    assert hints(unit("budgt")) == ["did you mean 'budget'?"]
    assert hints(unit("budgt: true")) == ["did you mean 'budget'?"]
    assert hints(unit("responsibility: Drift, leders")) == ["did you mean 'leader'?"]
