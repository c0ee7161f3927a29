"""OM202 and an agreement: another's units serve the whole kommune, the kommune's own where they work.

A vertskommune that lists a local service under its agreement serves the partners' residents through
it; its own residents are served by its own units, in the kommunedeler where those work. Trace reads it
so (a need the kommune's own unit meets in another kommunedel is not local), and OM202 now agrees:
it stood down for any service an agreement listed (tour K's trace/check disagreement).
"""

from __future__ import annotations

import yaml
from fixtures.principles.model import edit, pos

from conftest import assert_diagnostics
from orgmodel.graph import OrgGraph
from orgmodel.schema import OrgModel
from orgmodel.trace import trace_persona

HOST = """\
orgmodel: 1
kommune: Vertby
kommunenummer: "3001"
kommunedeler:
  - {id: nord, number: 1, name: Nord}
  - {id: sor, number: 2, name: Sør}
services:
  - {id: helsestasjon, name: Helsestasjon, local: true}
units:
  - {id: kd, name: Kommunedirektøren, level: 1, leader: Kommunedirektør}
  - {id: helse, name: Helsestasjonen, level: 2, parent: kd, leader: Leder, kommunedeler: [nord],
     delivers: [helsestasjon]}
agreements:
  - {id: hs-avtale, kind: vertskommune, name: Helsestasjon for Nabobygd, host: "3001",
     parties: ["3001", "3002"], services: [helsestasjon], units: [helse]}
personas:
  - {id: ida, name: "Ida, 1", kommunedel: sor, needs: [helsestasjon]}
"""


def test_the_host_s_own_unit_is_judged_where_it_works_as_trace_shows_it() -> None:
    # 'helse' is listed under the agreement but is the host's own unit: its place decides
    text = edit(HOST, "units: [helse]}", "}")
    diags = assert_diagnostics(text, ["local-service"], [pos(text, "{id: helsestasjon,", "true}", "OM202")])
    assert "is not delivered in kommunedel 2 Sør (sor)" in diags[0].message
    model = OrgModel.model_validate(yaml.safe_load(text))
    [step] = trace_persona(model, OrgGraph(model), "ida").steps
    assert step.availability != "local" and not step.through_agreement


def test_a_partner_served_by_the_host_s_unit_is_served_everywhere() -> None:
    # the partner's model: the host's unit is outside its organisation (an agreement's unit, no parent)
    text = edit(HOST, 'kommunenummer: "3001"', 'kommunenummer: "3002"')
    text = edit(text, "parent: kd, leader: Leder, kommunedeler: [nord],", "leader: Leder,")
    assert_diagnostics(text, ["local-service"], [])
