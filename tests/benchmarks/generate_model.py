"""A deterministic generator of realistic, valid orgmodel models for benchmarks and tests.

``generate(units, seed)`` returns the YAML text of a format-v1 model with
exactly ``units`` units that passes ``rules/default.yaml`` (``orgmodel check``
exits 0). Its shape follows a large Norwegian municipality (see
shared/domain.md): a rådmann with eight direktører at level 1,
kommunalsjefer at level 2, virksomheter at level 3, avdelinger at level 4
and teams at level 5; spans of 2-12 at level 1, 2-15 at level 2 and 2-28
below; a budget for every leader with people; virksomheter of at least 8
people; a leader on every unit. Below 100 units (down to 40) it follows a
small municipality: five to eight direktørområder (those with services
first), a kommunalsjef or more under each, three to nine kommunedeler;
geographic sibling virksomheter are kept within 2.5 times each other's
size. Every kommunedel has exactly one site of kind knutepunkt, hosting
several units with different parents; every
``local: true`` service is delivered in every kommunedel; every vedtak
service in category helse-og-omsorg is decided by the one tildelingsenhet.
The file has comments, flow and block mappings, and a few anchors.

``generate(units, seed, findings=k)`` plants exactly ``k`` findings (one
diagnostic each, cycling through OM140 budget-responsibility, OM160
leader-required and OM130 professional-line); ``expected_findings`` lists
their codes.

The unit tree is built in ``generate_tree.py`` (``Generator``) from the
names in ``generate_catalogue.py``; this module plants the findings and
writes the model as YAML.

Command line::

    python tests/benchmarks/generate_model.py --units 10000 --seed 1 -o bench/model-10k.yaml
"""

from __future__ import annotations

import argparse
import random
import sys
from pathlib import Path

from generate_catalogue import SERVICES, area_name
from generate_tree import Generator, Unit

FINDING_KINDS = ("OM140", "OM160", "OM130")


def _flow_list(items: list[str]) -> str:
    return "[" + ", ".join(items) + "]"


def _quote(text: str) -> str:
    return (
        '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'
        if any(c in text for c in ":#,[]{}")
        else text
    )


def _emit_unit(out: list[str], u: Unit, anchors: dict[str, str]) -> None:
    def lst(key: str, items: list[str]) -> str:
        text = _flow_list(items)
        if len(items) > 1 or key == "delivers":
            if text in anchors:
                return f"*{anchors[text]}"
            anchors[text] = f"{key[:3]}{len(anchors) + 1}"
            return f"&{anchors[text]} {text}"
        return text

    fields: list[tuple[str, str]] = [("id", u.id), ("name", _quote(u.name)), ("level", str(u.level))]
    fields.append(("kind", u.kind))
    if u.parent:
        fields.append(("parent", u.parent))
    if u.functional:
        fields.append(("functional", lst("functional", u.functional)))
    if u.leader:
        fields.append(("leader", _quote(u.leader)))
    fields.append(("staff", str(u.staff)))  # stated, also 0: an omitted staff is unknown (OM150, OM260)
    fields.append(("budget", "true" if u.budget else "false"))
    if u.role:
        fields.append(("role", u.role))
    for key in ("decides", "kommunedeler", "sites", "delivers"):
        items = getattr(u, key)
        if items:
            fields.append((key, lst(key, items)))
    if u.comment:
        out.append(f"  # {u.comment}")
    if u.flow:
        out.append("  - {" + ", ".join(f"{k}: {v}" for k, v in fields) + "}")
        return
    out.append(f"  - {fields[0][0]}: {fields[0][1]}")
    out.extend(f"    {k}: {v}" for k, v in fields[1:])


def _plant(units: list[Unit], findings: int, rng: random.Random) -> list[str]:
    leaves = [u for u in units if u.level >= 4 and not u.children and not u.functional and u.staff >= 2]
    chosen = rng.sample(leaves, findings)
    by_id = {u.id: u for u in units}
    chosen.sort(key=units.index)
    codes = []
    for i, unit in enumerate(chosen):
        code = FINDING_KINDS[i % len(FINDING_KINDS)]
        if code == "OM140":  # judged for virksomhetsledere (seed 004): the leaf's virksomhet
            target = unit
            while target.kind != "virksomhet" and target.parent is not None:
                target = by_id[target.parent]
            target.budget = False
            target.flow = False
            target.comment = "planted finding: no budget responsibility"
        elif code == "OM160":
            unit.leader = None
            unit.comment = "planted finding: no leader"
        else:
            unit.functional = [unit.id]
            unit.comment = "planted finding: professional line to itself"
        unit.flow = False
        codes.append(code)
    return codes


def generate(units: int, seed: int = 1, findings: int = 0) -> str:
    """The YAML text of a model with exactly ``units`` units and ``findings`` planted findings."""
    return _generate(units, seed, findings)[0]


def expected_findings(units: int, seed: int = 1, findings: int = 0) -> list[str]:
    """The codes of the findings ``generate`` plants, in file order."""
    return _generate(units, seed, findings)[1]


def _generate(units: int, seed: int, findings: int) -> tuple[str, list[str]]:
    gen = Generator(units, seed)
    gen.build()
    assert len(gen.units) == units, (len(gen.units), units)
    codes = _plant(gen.units, findings, random.Random(seed + 1)) if findings else []
    order = _depth_first(gen.units[0])
    out = [
        *_head(gen, units, seed),
        *_places(gen),
        *_services(),
        *_units(order),
        *_personas(gen, order, seed),
    ]
    return "\n".join(out) + "\n", codes


def _head(gen: Generator, units: int, seed: int) -> list[str]:
    """The opening comments and the model's own fields."""
    return [
        f"# A generated model of {units:,} units (tests/benchmarks/generate_model.py, seed {seed}).",
        f"# The shape of a Norwegian municipality: a rådmann and {len(gen.units[0].children)} direktører"
        " (level 1),",
        "# kommunalsjefer (2), virksomheter (3), avdelinger (4) and teams (5).",
        "",
        "orgmodel: 1",
        f'kommune: "Generert kommune {seed}"',
        f'kommunenummer: "{9000 + seed % 1000:04d}"',
        f'proposal: "Generert forslag, {units} enheter"',
        "status: draft",
        "valid_from: 2020-01-01",
        "description: >-",
        "  A generated model for benchmarks: realistic in shape, invented in every name.",
    ]


def _places(gen: Generator) -> list[str]:
    """The kommunedeler, and a knutepunkt and an omsorgssenter in each."""
    out = ["", "# Kommunedeler, numbered from 1.", "kommunedeler:"]
    out += [
        f"  - {{id: {kd}, number: {i}, name: {_quote(gen.place(i - 1))}}}" for i, kd in enumerate(gen.kd, 1)
    ]
    out += ["", "# One lokalt knutepunkt per kommunedel, and the premises of the care services.", "sites:"]
    for i, kd in enumerate(gen.kd, 1):
        place = gen.place(i - 1)
        out.append(
            f"  - {{id: kp-{kd}, name: {_quote('Knutepunkt ' + place)}, kind: knutepunkt, kommunedel: {kd}}}"
        )
        name = _quote("Omsorgssenter " + place)
        out.append(f"  - {{id: oms-{kd}, name: {name}, kind: institution, kommunedel: {kd}}}")
    return out


def _services() -> list[str]:
    """The service catalogue."""
    out = ["", "services:"]
    for sid, name, category, vedtak, local in SERVICES:
        extra = (", vedtak: true" if vedtak else "") + (", local: true" if local else "")
        out.append(f"  - {{id: {sid}, name: {_quote(name)}, category: {category}{extra}}}")
    return out


def _units(order: list[Unit]) -> list[str]:
    """The units in ``order``, a heading comment before each direktørområde."""
    out = ["", "units:"]
    anchors: dict[str, str] = {}
    previous_area = None
    for unit in order:
        if unit.level <= 2 and unit.area != previous_area and unit.area:
            out += ["", f"  # ===== {area_name(unit.area).upper()} ====="]
            previous_area = unit.area
        _emit_unit(out, unit, anchors)
    return out


def _personas(gen: Generator, order: list[Unit], seed: int) -> list[str]:
    """Seeded personas, each needing one to three of the services some unit delivers."""
    out = ["", "personas:"]
    rng = random.Random(seed + 2)
    delivered = {service for unit in order for service in unit.delivers}
    needs = [s[0] for s in SERVICES if s[0] in delivered]  # a need nobody delivers is OM223
    for i in range(1, max(5, gen.n // 1000) + 1):
        wants = sorted(set(rng.sample(needs, rng.randint(1, 3))))
        kd = rng.choice(gen.kd)
        out.append(f"  - {{id: persona-{i}, name: Bruker {i}, kommunedel: {kd}, needs: {_flow_list(wants)}}}")
    return out


def _depth_first(root: Unit) -> list[Unit]:
    out, stack = [], [root]
    while stack:
        unit = stack.pop()
        out.append(unit)
        stack.extend(reversed(unit.children))
    return out


def main(argv: list[str] | None = None) -> int:
    """Write a generated model to a file or stdout."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--units", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--findings", type=int, default=0)
    parser.add_argument("-o", "--output", type=Path)
    args = parser.parse_args(argv)
    text = generate(args.units, args.seed, args.findings)
    if args.output:
        args.output.parent.mkdir(parents=True, exist_ok=True)
        args.output.write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
