"""OM212 and OM220 at their cause: which unit is the allocation unit, and one finding per cause."""

from __future__ import annotations

from fixtures.principles.model import edit, pos

from conftest import assert_diagnostics, check_yaml

RULES = ["single-decider", "allocation-unit", "persona-saksbehandler"]

# tour L's Fjordvik proposal: the tildelingskontor abolished, each provider decides its own vedtak, and
# an avdeling of the bofellesskap decides tvang for the virksomhet it belongs to
OWN = """\
orgmodel: 1
kommune: Fjordvik
kommunedeler:
  - {id: kd1, number: 1, name: Sentrum}
  - {id: kd2, number: 2, name: Nordbygda}
services:
  - {id: hjemmesykepleie, name: Hjemmesykepleie, category: helse-og-omsorg, vedtak: true}
  - {id: praktisk-bistand, name: Praktisk bistand, category: helse-og-omsorg, vedtak: true}
  - {id: sykehjemsplass, name: Langtidsopphold i sykehjem, category: helse-og-omsorg, vedtak: true}
  - {id: boligtjeneste, name: Heldøgns tjenester i bolig, category: helse-og-omsorg, vedtak: true}
  - {id: tvang, name: Tvang og makt (kap. 9), category: helse-og-omsorg, vedtak: true}
units:
  - {id: kd, name: Kommunedirektør, level: 1, leader: K}
  - {id: ks-helse, name: Helse og velferd, level: 2, parent: kd, leader: K}
  - id: virk-hjemme
    name: Hjemmetjenesten
    level: 3
    parent: ks-helse
    leader: V
    delivers: [hjemmesykepleie, praktisk-bistand]
    decides: [hjemmesykepleie, praktisk-bistand]
  - {id: virk-sykehjem, name: Sykehjemmet, level: 3, parent: ks-helse, leader: V,
     delivers: [sykehjemsplass], decides: [sykehjemsplass]}
  - {id: virk-bo, name: Bo og miljø, level: 3, parent: ks-helse, leader: V,
     delivers: [boligtjeneste, tvang], decides: [boligtjeneste]}
  - {id: avd-bofellesskap, name: Bofellesskapet Solbakken, level: 4, parent: virk-bo, leader: A,
     decides: [tvang]}
personas:
  - {id: olav, name: Olav, kommunedel: kd2, needs: [hjemmesykepleie, praktisk-bistand, sykehjemsplass]}
  - {id: sara, name: Sara, kommunedel: kd1, needs: [boligtjeneste, tvang]}
  - {id: per, name: Per, kommunedel: kd1, needs: [hjemmesykepleie]}
"""


def test_without_a_unit_deciding_for_other_providers_no_allocation_unit_is_invented() -> None:
    # the avdeling deciding tvang for its own virksomhet was taken as the allocation unit ('decided for
    # most providers by Bofellesskapet Solbakken', move hjemmesykepleie there): five findings, absurd hints
    entry = pos(OWN, "    decides: [hjemmesykepleie", "hjemmesykepleie", "OM212")
    found = assert_diagnostics(OWN, RULES, [entry])
    assert found[0].message == (
        "no allocation unit (tildelingsenhet): 4 units decide their own vedtak on services in category "
        "'helse-og-omsorg' ('Hjemmetjenesten' (virk-hjemme) 2 services, 'Sykehjemmet' (virk-sykehjem) "
        "1 service, 'Bo og miljø' (virk-bo) 1 service and 'Bofellesskapet Solbakken' (avd-bofellesskap) "
        "1 service), and none decides for the others' providers: a user of several services would meet "
        "more than one saksbehandler; fictional users affected: 'Olav' (olav) and 'Sara' (sara)"
    )
    assert found[0].unit == "virk-hjemme"
    hint = found[0].hint or ""
    assert hint.startswith("gather these vedtak in one tildelingsenhet")
    assert "allocation-unit: off" in hint and "suppression with its reason" in hint
    assert "Solbakken" not in hint and "avd-bofellesskap" not in hint


def test_no_allocation_unit_is_one_finding_a_suppression_covers() -> None:
    text = edit(
        OWN,
        "    decides: [hjemmesykepleie, praktisk-bistand]\n",
        "    # orgmodel: ignore[allocation-unit] vedtak decided in each service (kommunestyret 2024)\n"
        "    decides: [hjemmesykepleie, praktisk-bistand]\n",
    )
    result = check_yaml(text, RULES)
    assert [d.code for d in result.diagnostics] == []  # OM220 leaves Olav and Sara to the suppressed cause
    assert result.suppressed == 1


def test_without_allocation_unit_the_persona_rule_finds_the_users_and_asks_for_a_tildelingsenhet() -> None:
    found = assert_diagnostics(
        OWN,
        ["persona-saksbehandler"],
        [pos(OWN, "{id: olav,", "sykehjemsplass", "OM220"), pos(OWN, "{id: sara,", "tvang", "OM220")],
    )
    assert found[0].message == (
        "the fictional user 'Olav' (olav) would meet 2 saksbehandlere for services in category "
        "'helse-og-omsorg': 'Hjemmetjenesten' (virk-hjemme) decides 'Hjemmesykepleie' (hjemmesykepleie) and "
        "'Praktisk bistand' (praktisk-bistand) and 'Sykehjemmet' (virk-sykehjem) decides "
        "'Langtidsopphold i sykehjem' (sykehjemsplass); each user shall have one saksbehandler however many "
        "services they get"
    )
    # no tildelingsenhet in the model: the hint does not point at one
    assert found[0].hint == "gather these vedtak in one tildelingsenhet that decides for all the providers"


DISTRICTS = """\
orgmodel: 1
kommune: Testby
kommunedeler:
  - {id: kd1, number: 1, name: Nord}
  - {id: kd2, number: 2, name: Sør}
services:
  - {id: hs, name: Hjemmesykepleie, category: helse-og-omsorg, vedtak: true}
  - {id: pb, name: Praktisk bistand, category: helse-og-omsorg, vedtak: true}
units:
  - {id: top, name: Rådmann, level: 1, leader: R}
  - {id: t1, name: Hjemme Nord, level: 2, parent: top, leader: L, kommunedeler: [kd1], decides: [hs, pb]}
  - {id: t2, name: Hjemme Sør, level: 2, parent: top, leader: L, kommunedeler: [kd2], decides: [hs, pb]}
personas:
  - {id: q, name: Q, kommunedel: kd2, needs: [hs, pb]}
"""


def test_district_offices_each_deciding_their_own_district_are_no_missing_allocation_unit() -> None:
    # each district decides its own users' vedtak (neither for another provider): a user meets one
    assert check_yaml(DISTRICTS, RULES).diagnostics == []
    # a unit deciding for the whole kommune beside them: its users meet it and their district's
    whole = DISTRICTS.replace("decides: [hs, pb]}\n  - {id: t2", "decides: [hs]}\n  - {id: t2").replace(
        "personas:",
        "  - {id: t3, name: Praktisk bistand, level: 2, parent: top, leader: L, decides: [pb]}\npersonas:",
    )
    whole = whole.replace("kommunedeler: [kd2], decides: [hs, pb]}", "kommunedeler: [kd2], decides: [hs]}")
    (found,) = check_yaml(whole, RULES).diagnostics
    assert (found.code, found.unit) == ("OM212", "t1")
    assert found.message.startswith("no allocation unit (tildelingsenhet): 3 units decide their own vedtak")
    assert found.message.endswith("; fictional users affected: 'Q' (q)")


def test_one_finding_per_deciding_unit_beside_the_allocation_unit() -> None:
    # tour M's idag.yaml: each home-care district deciding two services gave two findings, each
    # repeating the split, and OM220 a third for the same users
    text = edit(
        OWN,
        "  - {id: virk-sykehjem,",
        "  - {id: tildeling, name: Tildelingskontoret, level: 3, parent: ks-helse, leader: V, "
        "decides: [sykehjemsplass, boligtjeneste, tvang]}\n  - {id: virk-sykehjem,",
    )
    text = edit(text, ", decides: [sykehjemsplass]}", "}")
    text = edit(text, ", decides: [boligtjeneste]}", "}")
    text = edit(text, "leader: A,\n     decides: [tvang]}", "leader: A}")
    entry = pos(text, "    decides: [hjemmesykepleie", "hjemmesykepleie", "OM212")
    (found,) = assert_diagnostics(text, RULES, [entry])
    assert found.message.startswith(
        "'Hjemmetjenesten' (virk-hjemme) decides 'Hjemmesykepleie' (hjemmesykepleie) and 'Praktisk bistand' "
        "(praktisk-bistand), but vedtak on services in category 'helse-og-omsorg' are decided for most "
        "providers by 'Tildelingskontoret' (tildeling): "
    )
    assert found.message.endswith("; fictional users affected: 'Olav' (olav) and 'Per' (per)")
    assert found.hint == "move them to 'decides:' of tildeling; this unit can still deliver the services"
