"""The unit tree of a generated model (``generate_model.py`` writes it as YAML).

``Generator(units, seed).build()`` fills ``Generator.units`` with exactly
``units`` units, the rådmann first: a direktør per direktørområde at level
1, kommunalsjefer at level 2 (``split`` shares them out within the span
limits), virksomheter at level 3, avdelinger at level 4 and teams at level 5
under the big ones. The geographic virksomheter deliver the ``local: true``
services in every kommunedel, hosted at its knutepunkt, and are evened out
to comparable sizes; the tildelingsenhet decides every vedtak in helse og
omsorg; a few units get professional lines. Below ``SMALL`` units the tree
is a small municipality's; ``SMALLEST`` is the fewest units it is built with.
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass, field

from generate_catalogue import AREAS, LOCAL_OWNER, PLACES, SERVICES, area_name

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


class Generator:
    """Builds the units of one model, seeded: the same units and seed give the same tree."""

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
                    f"{area_name(ks.area)} virksomhet {number}",
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
                v.name = f"{area_name(area)} for kommunedel {label}"

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
