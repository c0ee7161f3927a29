"""Any valid model, however odd (circles of personnel lines, units everywhere and nowhere): the
principle rules and trace give findings or journeys, never an internal error."""

from __future__ import annotations

import json
from typing import Any

from fixtures.principles.model import PARAMS
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from orgmodel.engine import check_bytes
from orgmodel.graph import OrgGraph
from orgmodel.rule import find_rule, load_rules
from orgmodel.trace import trace_all

KDS = ["kd1", "kd2", "kd3"]
SITES = ["kp1", "kp2", "s1", "s2"]
SERVICES = ["a", "b", "c", "d"]
ROLES = [None, "authority", "appeals", "provider", "staff", "support"]
KINDS = [None, "virksomhet", "knutepunkt", "iks", "stab"]


def flow(item: dict[str, Any]) -> str:
    parts = []
    for key, value in item.items():
        if value is None or value == [] or value is False:
            continue
        if isinstance(value, list):
            text = "[" + ", ".join(value) + "]"
        else:
            text = ("true" if value else "false") if isinstance(value, bool) else str(value)
        parts.append(f"{key}: {text}")
    return "{" + ", ".join(parts) + "}"


@st.composite
def models(draw: st.DrawFn) -> str:
    n = draw(st.integers(min_value=1, max_value=12))
    ids = [f"u{i}" for i in range(n)]
    some = st.lists
    lines = ["orgmodel: 1", "kommune: Fuzz", "kommunedeler:"]
    lines += [f"  - {{id: {kd}, number: {i + 1}, name: Del {i + 1}}}" for i, kd in enumerate(KDS)]
    lines.append("sites:")
    for site in SITES:
        kind = "knutepunkt" if site.startswith("kp") else "office"
        kd = draw(st.sampled_from([*KDS, None]))
        lines.append("  - " + flow({"id": site, "name": site.upper(), "kind": kind, "kommunedel": kd}))
    lines.append("services:")
    for service in SERVICES:
        category = draw(st.sampled_from(["helse-og-omsorg", "kultur"]))
        vedtak, local = draw(st.booleans()), draw(st.booleans())
        lines.append("  - " + flow({"id": service, "name": service.upper(), "category": category,
                                    "vedtak": vedtak, "local": local}))  # fmt: skip
    lines.append("units:")
    for i, uid in enumerate(ids):
        parent = draw(st.sampled_from([None, *ids])) if i else None
        unit = {
            "id": uid,
            "name": uid.upper(),
            "level": draw(st.integers(min_value=1, max_value=5)),
            "kind": draw(st.sampled_from(KINDS)),
            "parent": parent if parent != uid else None,
            "leader": "L",
            "staff": draw(st.sampled_from([None, 0, 3, 40])),
            "role": draw(st.sampled_from(ROLES)),
            "pilot": draw(st.booleans()),
            "kommunedeler": draw(some(st.sampled_from(KDS), max_size=2, unique=True)),
            "sites": draw(some(st.sampled_from(SITES), max_size=2, unique=True)),
            "delivers": draw(some(st.sampled_from(SERVICES), max_size=2, unique=True)),
            "decides": draw(some(st.sampled_from(SERVICES), max_size=2, unique=True)),
            "supervises": draw(some(st.sampled_from(ids), max_size=2, unique=True)),
        }
        lines.append("  - " + flow(unit))
    lines.append("personas:")
    for p in range(draw(st.integers(min_value=1, max_value=3))):
        needs = draw(some(st.sampled_from(SERVICES), max_size=4))
        kd = draw(st.sampled_from([*KDS, None]))
        lines.append("  - " + flow({"id": f"p{p}", "name": f"P{p}", "kommunedel": kd, "needs": needs}))
    return "\n".join(lines) + "\n"


def principle_rules() -> list[Any]:
    rules = []
    params = {**PARAMS, "allocation-unit": {"categories": ["helse-og-omsorg"]}}
    pair = {"name": "x", "units": ["u1*", "kind:stab"], "with": ["kind:virksomhet"]}
    params["co-location"] = {"pairs": [pair]}
    params["staff-share"] = {"max_share": 0.2}
    for code in sorted(load_rules()):
        if code.startswith("OM2"):
            cls = find_rule(code)
            assert cls is not None
            rules.append(cls(cls.Params.model_validate(params.get(cls.name, {}))))
    return rules


RULES = principle_rules()


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(models())
def test_principle_rules_and_trace_never_fail(text: str) -> None:
    result = check_bytes("fuzz.yaml", text.encode(), RULES)
    assert result.model is not None, [d.message for d in result.diagnostics]
    assert not [d for d in result.diagnostics if d.code == "OM009"], [d.message for d in result.diagnostics]
    for journey in trace_all(result.model, OrgGraph(result.model)):
        json.dumps(journey.to_dict())
