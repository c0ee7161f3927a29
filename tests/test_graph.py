"""orgmodel.graph: the areas a unit lies in, and units outside the basisorganisasjon."""

from __future__ import annotations

import textwrap

import yaml

from orgmodel.graph import OrgGraph
from orgmodel.schema import OrgModel

# Drammen before the level-3 report (models/drammen-2020-before.yaml, p. 48-49): Legevakt an IKS without
# a parent, with KAD as its avdeling; and a VA company in an agreement, with an avdeling of its own.
MODEL = textwrap.dedent(
    """\
    orgmodel: 1
    kommune: Testby
    units:
      - {id: radmann, name: Rådmannen, level: 1, leader: Rådmann}
      - {id: dir-helse, name: Helse, level: 1, parent: radmann, leader: Direktør}
      - {id: ks-helse, name: Helsetjenester, level: 2, parent: dir-helse, leader: Kommunalsjef}
      - {id: virk-helsehus, name: Helsehuset, level: 3, parent: ks-helse, leader: Virksomhetsleder}
      - {id: virk-legevakt, name: Legevakt, level: 3, kind: iks}
      - {id: avd-kad, name: KAD, level: 4, kind: avdeling, parent: virk-legevakt, leader: Avdelingsleder}
      - {id: va-selskap, name: VA-selskapet, level: 3}
      - {id: avd-ledningsnett, name: Ledningsnett, level: 4, parent: va-selskap, leader: Avdelingsleder}
    agreements:
      - {id: va-avtale, kind: iks, name: VA-samarbeid, units: [va-selskap]}
    """
)


def _graph(text: str = MODEL) -> OrgGraph:
    return OrgGraph(OrgModel.model_validate(yaml.safe_load(text)))


def test_a_unit_in_the_tree_lies_in_its_kommunalsjef_and_direktor_areas() -> None:
    graph = _graph()
    assert graph.areas("virk-helsehus") == ("ks-helse", "dir-helse")
    assert graph.areas("dir-helse") == ("dir-helse", "dir-helse")  # an area under the top: named once
    assert graph.areas("radmann") == (None, None)
    assert graph.direktor_tier


# Asker's two levels (seed 001): the kommunalsjefer sit in the top team (level 1) and lead the
# virksomheter (level 2); a virksomhet leading avdelinger is still no kommunalsjef area
ASKER = textwrap.dedent(
    """\
    orgmodel: 1
    kommune: Testby
    units:
      - {id: kd, name: Kommunedirektøren, level: 1, leader: Kommunedirektør}
      - {id: ks-helse, name: Helse og omsorg, level: 1, parent: kd, leader: Kommunalsjef}
      - {id: hjemme, name: Hjemmetjenester, kind: virksomhet, level: 2, parent: ks-helse, leader: V, staff: 2}
      - {id: hj-nord, name: Nord, kind: avdeling, level: 3, parent: hjemme, leader: A, staff: 20}
      - {id: hj-sor, name: Sør, kind: avdeling, level: 3, parent: hjemme, leader: A, staff: 20}
      - {id: sykehjem, name: Sykehjemmet, kind: virksomhet, level: 2, parent: ks-helse, leader: V, staff: 40}
      - {id: hr, name: HR, kind: stab, level: 2, parent: kd, leader: HR-sjef, staff: 12}
    """
)


def test_in_a_two_level_model_the_area_under_the_top_is_the_only_area_whatever_the_levels_say() -> None:
    graph = _graph(ASKER)
    assert graph.areas("sykehjem") == ("ks-helse", "ks-helse")
    assert graph.areas("hj-nord") == ("ks-helse", "ks-helse")  # 'hjemme' leads leaders, but is a virksomhet
    assert graph.areas("hr") == ("hr", "hr")
    assert not graph.direktor_tier


def test_an_undeclared_unit_leading_unit_leaders_is_a_kommunalsjef_area() -> None:
    text = ASKER.replace(
        "kind: virksomhet, level: 2, parent: ks-helse, leader: V, staff: 2",
        "level: 2, parent: ks-helse, leader: V, staff: 2",
    )
    graph = _graph(text)
    assert graph.areas("hj-nord") == ("hjemme", "ks-helse")  # two avdelingsledere, two staff of its own
    assert graph.areas("sykehjem") == ("ks-helse", "ks-helse")
    assert graph.direktor_tier


def test_a_unit_under_a_parentless_iks_is_in_no_area_of_the_municipality() -> None:
    """Legevakt IKS is outside the basisorganisasjon (p. 48): KAD under it is no direktørområde of its own."""
    graph = _graph()
    assert graph.areas("avd-kad") == (None, None)
    assert graph.areas("virk-legevakt") == (None, None)
    assert graph.areas("avd-ledningsnett") == (None, None)  # under a unit listed in an agreement


def test_the_outside_units_and_the_top_unit() -> None:
    graph = _graph()
    assert graph.outside == {"virk-legevakt", "avd-kad", "va-selskap", "avd-ledningsnett"}
    assert graph.top == "radmann"
    assert graph.top_areas == ["dir-helse"]


PLACES = textwrap.dedent(
    """\
    orgmodel: 1
    kommune: Asker
    kommunedeler: [{id: sentrum, number: 1, name: Asker sentrum}, {id: royken, number: 2, name: Røyken}]
    sites:
      - {id: radhuset, name: Asker rådhus, kommunedel: sentrum}
      - {id: hjemme-royken, name: Hjemmetjenesten Røyken, kommunedel: royken}
    units:
      - {id: kd, name: Kommunedirektøren, level: 1, leader: Kommunedirektør, sites: [radhuset]}
      - {id: ks-helse, name: Helse og omsorg, level: 1, parent: kd, leader: Kommunalsjef}
      - {id: psykisk, name: Psykisk helse og rus, level: 2, parent: ks-helse, leader: Virksomhetsleder}
      - {id: hjemme, name: Hjemmetjenester, level: 2, parent: ks-helse, leader: V, sites: [hjemme-royken]}
      - {id: natt, name: Natt, level: 3, parent: hjemme, leader: Avdelingsleder}
    """
)


def test_the_top_units_place_is_not_handed_down_a_virksomhets_is() -> None:
    # an Asker adviser's kommune-wide units were all "in Asker sentrum", where the kommunedirektør sits
    places = _graph(PLACES).places
    assert places["kd"] == {"sentrum"}
    assert places["ks-helse"] == places["psykisk"] == frozenset()  # central: placed in no kommunedel
    assert places["natt"] == {"royken"}  # an avdeling naming no place works where its virksomhet works
