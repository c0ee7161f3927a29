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

Command line::

    python tests/benchmarks/generate_model.py --units 10000 --seed 1 -o bench/model-10k.yaml
"""

from __future__ import annotations

import argparse
import math
import random
import sys
from dataclasses import dataclass, field
from pathlib import Path

PLACES = (
    "Nordbyen",
    "Sørbyen",
    "Østsida",
    "Vestsida",
    "Åsen",
    "Elvebakken",
    "Fjellet",
    "Haugen",
    "Strand",
    "Bakkeli",
    "Lia",
    "Moen",
    "Nes",
    "Vik",
    "Dal",
    "Ødegården",
    "Åkeren",
    "Bråten",
    "Enga",
    "Furuset",
    "Granli",
    "Holmen",
    "Jordet",
    "Kleiva",
    "Løkka",
    "Myra",
    "Nygård",
    "Rud",
    "Solberg",
    "Tangen",
)

# (id, name, category, vedtak, local)
SERVICES = (
    (
        "hjemmetjenester",
        "Hjemmetjenester (hjemmesykepleie og praktisk bistand)",
        "helse-og-omsorg",
        True,
        True,
    ),
    ("sykehjem", "Opphold i sykehjem", "helse-og-omsorg", True, False),
    ("dagsenter", "Dagsenter", "helse-og-omsorg", True, False),
    ("avlastning", "Avlastning", "helse-og-omsorg", True, False),
    ("bpa", "Brukerstyrt personlig assistanse", "helse-og-omsorg", True, False),
    ("rus-psykisk-bolig", "Tjenester i bolig, rus og psykisk helse", "helse-og-omsorg", True, False),
    ("helsestasjon", "Helsestasjon og skolehelsetjeneste", "helse-og-omsorg", False, True),
    ("fysio-ergo", "Fysioterapi og ergoterapi", "helse-og-omsorg", False, False),
    ("legevakt", "Legevakt", "helse-og-omsorg", False, False),
    ("grunnskole", "Grunnskoleopplæring", "oppvekst", False, False),
    ("barnehageplass", "Barnehageplass (opptak)", "oppvekst", True, False),
    ("ppt", "Pedagogisk-psykologisk tjeneste", "oppvekst", False, False),
    ("barnevern", "Barneverntjenester", "barnevern", True, False),
    ("sosialhjelp", "Økonomisk sosialhjelp", "nav", True, False),
    ("kvalifisering", "Kvalifisering og arbeidstrening", "nav", False, False),
    ("bibliotek", "Bibliotek, møteplass og servicetorg", "kultur", False, True),
    ("kulturskole", "Kulturskole", "kultur", False, False),
    ("byggesak", "Byggesaksbehandling", "plan-og-bygg", True, False),
    ("vann-avlop", "Vann og avløp", "teknisk", False, False),
    ("lonn", "Lønn og personal", "stotte", False, False),
    ("ikt", "IKT-drift og brukerstøtte", "stotte", False, False),
)
LOCAL_OWNER = {"hjemmetjenester": "omsorg", "helsestasjon": "helse", "bibliotek": "kultur"}

# (key, area name, services its virksomheter deliver, leader title of a virksomhet)
AREAS = (
    ("omsorg", "Omsorg", ["sykehjem", "dagsenter", "avlastning", "bpa"], "Virksomhetsleder omsorg"),
    (
        "helse",
        "Folkehelse, helse og miljø",
        ["fysio-ergo", "legevakt", "rus-psykisk-bolig"],
        "Virksomhetsleder",
    ),
    ("utdanning", "Utdanning", ["grunnskole", "barnehageplass", "ppt"], "Rektor"),
    ("arbeid", "Arbeid og inkludering", ["sosialhjelp", "kvalifisering", "barnevern"], "Virksomhetsleder"),
    (
        "kultur",
        "Kultur, by- og stedsutvikling",
        ["kulturskole", "byggesak", "vann-avlop"],
        "Virksomhetsleder",
    ),
    ("styring", "Styring og eierskap", [], "Stabsleder"),
    ("administrasjon", "Administrasjon", ["lonn"], "Stabsleder"),
    ("utvikling", "Utvikling og digitalisering", ["ikt"], "Stabsleder"),
)

FINDING_KINDS = ("OM140", "OM160", "OM130")
SMALLEST = 40
"""The fewest units a model is generated with."""
TWO_AT_LEAST = ("omsorg", "kultur")
"""Areas with two virksomheter at least: the tildelingsenhet beside home care; byggesak beside the
libraries, which a kultur virksomhet leads in every kommunedel (one unit for both is a hub organised
as one, OM204)."""
SMALL = 100
"""Below this many units, a small municipality: fewer direktørområder and kommunedeler, one level less
of kommunalsjefer where a direktør has one."""


@dataclass
class Unit:
    """One generated unit."""

    id: str
    name: str
    level: int
    kind: str
    parent: str | None
    leader: str | None
    staff: int
    area: str
    budget: bool = True
    functional: list[str] = field(default_factory=list)
    kommunedeler: list[str] = field(default_factory=list)
    sites: list[str] = field(default_factory=list)
    delivers: list[str] = field(default_factory=list)
    decides: list[str] = field(default_factory=list)
    role: str | None = None
    children: list[Unit] = field(default_factory=list)
    comment: str | None = None
    flow: bool = False


def split(total: int, weights: list[float], lo: int, hi: int) -> list[int]:
    """Share ``total`` in proportion to ``weights``, each share within [lo, hi]."""
    parts = len(weights)
    if not lo * parts <= total <= hi * parts:
        raise ValueError(f"cannot split {total} into {parts} parts within [{lo}, {hi}]")
    out = [lo] * parts
    left = total - lo * parts
    scale = sum(weights)
    for i, w in enumerate(weights):
        add = min(hi - lo, int(left * w / scale))
        out[i] += add
    left = total - sum(out)
    i = 0
    while left:
        if out[i % parts] < hi:
            out[i % parts] += 1
            left -= 1
        i += 1
    return out


class _Generator:
    def __init__(self, units: int, seed: int) -> None:
        if units < SMALLEST:
            raise ValueError(f"the generator makes models of at least {SMALLEST} units")
        self.n = units
        self.rng = random.Random(seed)
        self.seed = seed
        districts = max(10, min(999, units // 1000)) if units >= SMALL else max(3, units // 10)
        self.kd = [f"kd{i}" for i in range(1, districts + 1)]
        self.units: list[Unit] = []

    def place(self, index: int) -> str:
        base = PLACES[index % len(PLACES)]
        return base if index < len(PLACES) else f"{base} {index // len(PLACES) + 1}"

    def add(self, unit: Unit, parent: Unit | None) -> Unit:
        self.units.append(unit)
        if parent is not None:
            parent.children.append(unit)
        return unit

    def build(self) -> None:
        rng = self.rng
        root = self.add(
            Unit("radmann", "Rådmannens lederteam", 1, "toppledelse", None, "Rådmann", 2, ""), None
        )
        root.comment = "level 1: the rådmann and the direktører form the top team"
        dirs = [
            self.add(
                Unit(
                    f"dir-{key}", name, 1, "direktorområde", "radmann", f"Direktør for {name.lower()}", 1, key
                ),
                root,
            )
            for key, name, _, _ in AREAS[: self.areas()]
        ]
        k2, k3, least = self.leaders()
        rest = self.n - 1 - len(dirs) - k2 - k3
        per_dir = split(k2, [rng.uniform(0.6, 1.4) for _ in dirs], least, 10)
        ks_list: list[Unit] = []
        for d, count in zip(dirs, per_dir, strict=True):
            for j in range(1, count + 1):
                ks = Unit(
                    f"ks-{d.area}-{j:02d}",
                    f"{d.name} {j}",
                    2,
                    "kommunalsjefområde",
                    d.id,
                    "Kommunalsjef",
                    rng.randint(0, 2),
                    d.area,
                )
                ks_list.append(self.add(ks, d))
        virks = self.virksomheter(ks_list, split(k3, [rng.uniform(0.6, 1.4) for _ in ks_list], least, 13))
        self.tildeling = next(v for v in virks if v.area == "omsorg")
        self.tildeling.name = "Tjenestetildeling og koordinerende enhet"
        self.geographic(virks)
        weights = [1.0 if v.kommunedeler else rng.uniform(0.3, 1.7) for v in virks]
        weights[virks.index(self.tildeling)] = 0.3
        below = split(rest, weights, 1, 24 * 25)
        for v, count in zip(virks, below, strict=True):
            self.fill(v, count)
        for unit in [*dirs, *ks_list]:  # a leader of one leader has staff too: a span of two at least
            unit.staff = max(unit.staff, 2 - len(unit.children))
        self.even_out(virks)
        self.services_and_lines(ks_list, virks, dirs)

    def virksomheter(self, ks_list: list[Unit], per_ks: list[int]) -> list[Unit]:
        """The virksomheter, ``per_ks`` under each kommunalsjef (two at least in ``TWO_AT_LEAST``'s areas)."""
        for area in TWO_AT_LEAST:
            first = next(i for i, ks in enumerate(ks_list) if ks.area == area)
            while sum(c for ks, c in zip(ks_list, per_ks, strict=True) if ks.area == area) < 2:
                others = [i for i, ks in enumerate(ks_list) if ks.area != area and per_ks[i] > 1]
                per_ks[first] += 1
                per_ks[max(others, key=lambda i: per_ks[i])] -= 1
        virks: list[Unit] = []
        for ks, count in zip(ks_list, per_ks, strict=True):
            title = next(a[3] for a in AREAS if a[0] == ks.area)
            for _ in range(count):
                number = len(virks) + 1
                v = Unit(
                    f"virk-{number:05d}",
                    f"{_area_name(ks.area)} virksomhet {number}",
                    3,
                    "virksomhet",
                    ks.id,
                    title,
                    0,
                    ks.area,
                )
                virks.append(self.add(v, ks))
        return virks

    def areas(self) -> int:
        """How many direktørområder: eight, fewer in a small municipality (the five with services first)."""
        return len(AREAS) if self.n >= SMALL else min(len(AREAS), max(5, self.n // 12))

    def leaders(self) -> tuple[int, int, int]:
        """How many kommunalsjefer and virksomheter, and the fewest under each leader above them."""
        if self.n >= SMALL:
            k2 = min(80, max(16, round(self.n / 400)))
            return k2, min(13 * k2, max(2 * k2, round(self.n / 40))), 2
        k2 = max(self.areas(), min(16, self.n // 6))
        return k2, max(k2, min(32, self.n // 3)), 1

    def geographic(self, virks: list[Unit]) -> None:
        """Give each local service a delivering virksomhet in every kommunedel, hosted at its knutepunkt."""
        for service, area in LOCAL_OWNER.items():
            own = [v for v in virks if v.area == area and v is not self.tildeling]
            own = own[:-1] if len(own) > 1 else own  # keep one virksomhet that is not geographic
            if len(own) >= len(self.kd):
                blocks = [[kd] for kd in self.kd]
            else:
                size = math.ceil(len(self.kd) / len(own))
                blocks = [self.kd[i : i + size] for i in range(0, len(self.kd), size)]
            for v, block in zip(own, blocks, strict=False):
                v.kommunedeler = block
                v.sites = [f"kp-{kd}" for kd in block]
                v.delivers = [service]
                v.role = "provider"
                numbers = [kd[2:] for kd in block]
                label = numbers[0] if len(numbers) == 1 else ", ".join(numbers[:-1]) + " og " + numbers[-1]
                v.name = f"{_area_name(area)} for kommunedel {label}"

    def fill(self, v: Unit, count: int) -> None:
        """Give a virksomhet ``count`` units below it: avdelinger, and teams under big ones."""
        rng = self.rng
        avd = count if count <= 24 else max(2, min(24, math.ceil(count / 6)))
        teams = (
            split(count - avd, [rng.uniform(0.5, 1.5) for _ in range(avd)], 0, 25)
            if count > avd
            else [0] * avd
        )
        v.staff = max(rng.randint(0, min(3, 28 - avd)), 2 - avd)  # one avdeling: staff beside it
        for i, t in enumerate(teams, start=1):
            a = self.add(
                Unit(
                    f"{v.id}-a{i:02d}",
                    f"{v.name}, avdeling {i}",
                    4,
                    "avdeling",
                    v.id,
                    "Avdelingsleder",
                    rng.randint(4, 18) if t == 0 else max(2 - t, rng.randint(0, 3)),
                    v.area,
                ),
                v,
            )
            for j in range(1, t + 1):
                team = Unit(
                    f"{a.id}-t{j:02d}", f"Team {j}", 5, "team", a.id, "Teamleder", rng.randint(3, 12), v.area
                )
                team.flow = True
                self.add(team, a)
        size = self.headcount(v)
        if size < 8:
            v.staff += 8 - size

    def even_out(self, virks: list[Unit]) -> None:
        """Geographic siblings of comparable size (OM260: at most 3 times): staff added to the small ones."""
        groups: dict[tuple[str | None, str], list[Unit]] = {}
        for v in virks:
            if v.kommunedeler:
                groups.setdefault((v.parent, v.delivers[0]), []).append(v)
        for siblings in groups.values():
            least = math.ceil(max(self.headcount(v) for v in siblings) / 2.5)
            for v in siblings:
                missing = least - self.headcount(v)
                leaves = [a for a in v.children if not a.children] or [v]
                while missing > 0:
                    unit = min(leaves, key=lambda a: a.staff)
                    unit.staff += 1
                    missing -= 1

    def headcount(self, unit: Unit) -> int:
        return 1 + unit.staff + sum(self.headcount(c) for c in unit.children)

    def services_and_lines(self, ks_list: list[Unit], virks: list[Unit], dirs: list[Unit]) -> None:
        rng = self.rng
        t = self.tildeling
        t.role = "authority"
        t.decides = [s[0] for s in SERVICES if s[2] == "helse-og-omsorg" and s[3]]
        t.functional = [ks.id for ks in ks_list if ks.area in ("omsorg", "helse") and ks.id != t.parent][:3]
        t.comment = "one saksbehandler per user: every vedtak in helse og omsorg is decided here"
        deciders = {
            "barnehageplass": "utdanning",
            "barnevern": "arbeid",
            "sosialhjelp": "arbeid",
            "byggesak": "kultur",
        }
        for service, area in deciders.items():
            own = [v for v in virks if v.area == area and v is not self.tildeling]
            unit = next((v for v in own if not v.kommunedeler), own[0])
            unit.decides.append(service)
            unit.delivers.append(service)
        services = {a[0]: a[2] for a in AREAS}
        for v in virks:
            if not v.delivers and services[v.area]:
                v.delivers = [rng.choice(services[v.area])]
        # professional lines: upwards to another area's leaders, never to the unit's own parent
        leaders = [*dirs[5:], *[ks for ks in ks_list if ks.area in ("utvikling", "administrasjon")]]
        for unit in self.units:
            if unit.level >= 3 and unit is not t and rng.random() < 0.02:
                choices = [x for x in leaders if x.id != unit.parent and x.level < unit.level]
                if not choices:  # a small municipality without staff areas
                    continue
                unit.functional = sorted({rng.choice(choices).id for _ in range(rng.randint(1, 2))})


def _area_name(key: str) -> str:
    return next(a[1] for a in AREAS if a[0] == key)


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
    gen = _Generator(units, seed)
    gen.build()
    assert len(gen.units) == units, (len(gen.units), units)
    codes = _plant(gen.units, findings, random.Random(seed + 1)) if findings else []
    out = [
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
        "",
        "# Kommunedeler, numbered from 1.",
        "kommunedeler:",
    ]
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
    out += ["", "services:"]
    for sid, name, category, vedtak, local in SERVICES:
        extra = (", vedtak: true" if vedtak else "") + (", local: true" if local else "")
        out.append(f"  - {{id: {sid}, name: {_quote(name)}, category: {category}{extra}}}")
    out += ["", "units:"]
    anchors: dict[str, str] = {}
    order = _depth_first(gen.units[0])
    previous_area = None
    for unit in order:
        if unit.level <= 2 and unit.area != previous_area and unit.area:
            out += ["", f"  # ===== {_area_name(unit.area).upper()} ====="]
            previous_area = unit.area
        _emit_unit(out, unit, anchors)
    out += ["", "personas:"]
    rng = random.Random(seed + 2)
    delivered = {service for unit in order for service in unit.delivers}
    needs = [s[0] for s in SERVICES if s[0] in delivered]  # a need nobody delivers is OM223
    for i in range(1, max(5, units // 1000) + 1):
        wants = sorted(set(rng.sample(needs, rng.randint(1, 3))))
        kd = rng.choice(gen.kd)
        out.append(f"  - {{id: persona-{i}, name: Bruker {i}, kommunedel: {kd}, needs: {_flow_list(wants)}}}")
    return "\n".join(out) + "\n", codes


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
