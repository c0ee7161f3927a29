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
    assert graph.areas("dir-helse") == (None, "dir-helse")
    assert graph.areas("radmann") == (None, None)


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
