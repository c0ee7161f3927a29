"""OM276: the tillitsvalgte and the verneombud in a project's steering group (tour K, item 5).

A position says whom it represents (``represents: employees`` for a tillitsvalgt, ``safety`` for a
verneombud); a project whose parties include a side needs a position representing it in its steering
group (seed 002: Nedre Eiker's "fem politikere, tre tillitsvalgte, tre fra administrasjon,
hovedvernombud og prosjektleder"). Judged per side only where the model marks a position for it.
"""

from __future__ import annotations

from fixtures.principles.model import edit, pos

from conftest import assert_diagnostics

from .test_om27x_vocab import BASE

RULE = ["project-terms"]
POSITIONS = (
    "positions:\n"
    "  - {id: htv-fagforbundet, title: Hovedtillitsvalgt Fagforbundet, represents: employees}\n"
    "  - {id: htv-nsf, title: Hovedtillitsvalgt NSF, represents: employees}\n"
    "  - {id: hvo, title: Hovedverneombud, represents: safety}\n"
)
MARKED = edit(BASE, "positions:\n", POSITIONS)
GROUP = "steering_group: [radmann, ks-helse]"
LINE = "{id: prosjekt-velferd"


def with_group(text: str, group: str) -> str:
    return edit(text, GROUP, f"steering_group: [{group}]")


def test_a_steering_group_with_a_tillitsvalgt_and_the_hovedverneombud_passes() -> None:
    assert_diagnostics(with_group(MARKED, "radmann, ks-helse, htv-nsf, hvo"), RULE, [])


def test_a_steering_group_without_them_is_reported_at_it_naming_who_represents_them() -> None:
    diags = assert_diagnostics(MARKED, RULE, [pos(MARKED, LINE, "[radmann, ks-helse]", "OM276")])
    assert diags[0].message == (
        "the steering group of the project 'Velferdsteknologi' (prosjekt-velferd) holds no position that "
        "represents employees (tillitsvalgte) or safety (verneombud), both sides among the project's "
        "parties: a trepartssamarbeid is steered with the employees' representatives"
    )
    assert diags[0].hint == (
        "add 'htv-fagforbundet' or 'htv-nsf' (employees) and 'hvo' (safety) to 'steering_group:', or to "
        "'working_group:' where the employees take part in the work"
    )
    assert diags[0].severity.value == "warning" and diags[0].unit == "prosjekt-velferd"


def test_one_side_missing_is_named_alone() -> None:
    text = with_group(MARKED, "radmann, ks-helse, htv-fagforbundet")
    diags = assert_diagnostics(text, RULE, [pos(text, LINE, "[radmann", "OM276")])
    assert "represents safety (verneombud), a side among the project's parties" in diags[0].message
    assert diags[0].hint.startswith("add 'hvo' to 'steering_group:', or to 'working_group:'")


def test_representatives_in_the_working_group_take_part_in_the_project() -> None:
    """Seed 002's VA study: the employees' organisations take part through the arbeidsutvalg."""
    text = edit(MARKED, GROUP, GROUP + ", working_group: [ks-helse, htv-nsf, hvo]")
    assert_diagnostics(text, RULE, [])
    without = edit(MARKED, GROUP, GROUP + ", working_group: [ks-helse, htv-nsf]")
    diags = assert_diagnostics(without, RULE, [pos(without, LINE, "[radmann, ks-helse]", "OM276")])
    assert diags[0].message.startswith(
        "neither the steering group nor the working group of the project 'Velferdsteknologi' "
        "(prosjekt-velferd) holds a position that represents safety (verneombud), a side among"
    )


def test_a_working_group_names_units_and_positions_only() -> None:
    text = edit(MARKED, GROUP, GROUP + ", working_group: [ks-helsa]")
    [found] = assert_diagnostics(text, ["project-terms"], [pos(text, LINE, "ks-helsa", "OM021")])
    assert "ks-helsa" in found.message


def test_a_side_the_model_marks_nobody_for_is_not_judged() -> None:
    # not stated is not a breach: the model does not say who the verneombud is
    text = edit(MARKED, "  - {id: hvo, title: Hovedverneombud, represents: safety}\n", "")
    text = with_group(text, "radmann, ks-helse, htv-nsf")
    assert_diagnostics(text, RULE, [])
    # a model that marks nobody is judged on nothing, as before
    assert_diagnostics(BASE, RULE, [])


def test_a_side_not_among_the_parties_is_not_asked_for() -> None:
    text = edit(MARKED, "parties: [employer, employees, safety]", "parties: [employer, employees]")
    assert_diagnostics(with_group(text, "radmann, htv-nsf"), RULE, [])


def test_a_project_without_parties_is_not_judged() -> None:
    # whether a project is a trepartssamarbeid (an omstilling) or a purchase the model does not say
    text = edit(MARKED, "parties: [employer, employees, safety], ", "")
    assert_diagnostics(text, RULE, [])


def test_a_project_without_a_steering_group_is_one_finding_whose_hint_names_them() -> None:
    text = edit(MARKED, GROUP + ", ", "")
    diags = assert_diagnostics(text, RULE, [pos(text, LINE, "prosjekt-velferd", "OM276")])
    assert "has no 'steering_group:'" in diags[0].message
    assert diags[0].hint == (
        "add 'steering_group:' to the project, with 'htv-fagforbundet' or 'htv-nsf' (employees) and "
        "'hvo' (safety) in 'steering_group:'"
    )
    empty = with_group(MARKED, "")
    diags = assert_diagnostics(empty, RULE, [pos(empty, LINE, "[]", "OM276")])
    assert diags[0].hint.startswith("add 'steering_group:' to the project, with 'htv-fagforbundet'")


DELPROSJEKT = "  - {id: delprosjekt-natt, name: Nattjenesten, part_of: prosjekt-velferd"


def with_delprosjekt(text: str, keys: str = "") -> str:
    return edit(text, "personas:\n", f"{DELPROSJEKT}{keys}}}\npersonas:\n")


def test_a_delprosjekt_with_its_projects_steering_group_is_its_projects_finding() -> None:
    text = with_delprosjekt(MARKED)
    assert_diagnostics(text, RULE, [pos(text, LINE, "[radmann", "OM276")])
    # its own steering group is judged by the parties it has from its project, at its steering group
    own = with_delprosjekt(with_group(MARKED, "radmann, htv-nsf, hvo"), ", steering_group: [virk-hjemme]")
    diags = assert_diagnostics(own, RULE, [pos(own, DELPROSJEKT, "[virk-hjemme]", "OM276")])
    assert "(delprosjekt-natt)" in diags[0].message


def test_a_delprosjekt_asking_for_a_side_its_project_does_not_is_reported_at_its_id() -> None:
    text = edit(MARKED, "parties: [employer, employees, safety]", "parties: [employer, employees]")
    text = with_delprosjekt(with_group(text, "radmann, htv-nsf"), ", parties: [employer, employees, safety]")
    diags = assert_diagnostics(text, RULE, [pos(text, DELPROSJEKT, "delprosjekt-natt", "OM276")])
    assert "represents safety (verneombud)" in diags[0].message


def test_represents_takes_the_words_of_parties_with_a_did_you_mean() -> None:
    text = edit(MARKED, "represents: safety}", "represents: hovedverneombud}")
    diags = assert_diagnostics(text, None, [pos(text, "{id: hvo,", "hovedverneombud}", "OM010")])
    assert diags[0].hint == "did you mean 'safety'?"
