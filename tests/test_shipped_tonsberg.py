"""The shipped Tønsberg/Re model (seed 004): the nine hensyn and the collaborations of a real workshop.

The model must hold the nine hensyn ranked as the seed numbers them, every collaboration partner
the seed gives a frequency for with that frequency, pass `make run` (`orgmodel check models/` with
the repository's configuration), show under the default ruleset only the collaboration findings
its configuration entry explains, and quote the seed only with its own words at the lines it cites.
"""

from __future__ import annotations

import re
from itertools import combinations
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import FIXTURES, ROOT
from orgmodel.api import check_paths, compare
from orgmodel.cli import app
from orgmodel.config import load_config
from orgmodel.schema import OrgModel

MODEL = ROOT / "models" / "tonsberg-re-kultur.yaml"
SECTION = FIXTURES / "seed-004-kultur.txt"  # the seed's lines 5-395, verbatim
SEED = Path("/work/shared/seeds/004_d3beeca34defd35f.txt")  # the whole seed, where the seeds are
FIRST_LINE = 5  # the seed line the fixture's text starts at

# §6's headings (services) and the units they are; "Tillitsvalgte" is a role, not a unit
SERVICES = {
    "TL IAO": "tl-iao",
    "Bibliotek TF": "bibliotek-tf",
    "Kultur": "kultur",
    "SMART-senteret": "smart-senteret",
    "Kultur, idrett og folkehelse": "kultur-idrett-folkehelse",
    "Tillitsvalgte": None,
}
# the partners §6 gives a frequency for, as the model reads them (its comments say which readings
# are assumptions: "TL", "Frivilligsentral", "Kultur, idrett og friluft", "Oppvekst og skole")
PARTNERS = {
    "HR": ["hr"],
    "HR/stab og støttefunksjon": ["hr"],
    "Helse": ["helse"],
    "Bydrift": ["bydrift"],
    "Frivilligsentral": ["frivillighetssentralen"],
    "Kultur, idrett og friluft": ["kultur-idrett-folkehelse"],
    "Skole": ["skole"],
    "Barnehage": ["barnehage"],
    "Oppvekst og skole": ["oppvekst"],
    "Oppvekst": ["oppvekst"],
    "Frivillighet": ["frivillighet"],
    "TL": ["tl-iao"],
    "Kirken": ["kirken"],
    "Skole og barnehage": ["skole", "barnehage"],
    "Barnehage og skole": ["barnehage", "skole"],
    "Kultur": ["kultur"],
    "Kommunikasjonsavdelingen": ["kommunikasjon"],
    "Kommunikasjon": ["kommunikasjon"],
    "Kommunikasjonsavdeling": ["kommunikasjon"],
    "Samfunns- og næringsutvikling": ["samfunn-naering"],
    "Servicesenteret": ["servicesenteret"],
    "Tekniske tjenester": ["tekniske-tjenester"],
    "Planavdeling": ["planavdeling"],
}
FREQUENCY = re.compile(r"^- (.+?) \((\d+) ganger i året|^- (.+?) \((daglig|ukentlig|månedlig)\)")
PER = {"daglig": "day", "ukentlig": "week", "månedlig": "month"}


def _seed_lines() -> list[str]:
    return SECTION.read_text(encoding="utf-8").splitlines()[2:]


def _model() -> OrgModel:
    model = check_paths([MODEL], ruleset="default").files[0].model
    assert model is not None
    return model


def _section(start: str, end: str | None = None) -> list[str]:
    """The seed's lines after the heading ``start`` up to the heading ``end`` (the fixture's end)."""
    lines = _seed_lines()
    first = lines.index(start)
    return lines[first + 1 : lines.index(end, first) if end else None]


def _seed_frequencies() -> list[tuple[str, str, int, str, str | None]]:
    """(heading, partner, times, per, purpose) of every §6 entry that names a frequency."""
    headings = {line.split("\t")[0] for line in _seed_lines() if "\t" in line}  # the table of contents
    out: list[tuple[str, str, int, str, str | None]] = []
    heading = ""
    for line in _section("6 Samhandling og samarbeid"):
        if line.rstrip() in headings:
            heading = line.rstrip()
        found = FREQUENCY.match(line)
        if not found:
            continue
        partner = found.group(1) or found.group(3)
        times, per = (int(found.group(2)), "year") if found.group(2) else (1, PER[found.group(4)])
        purpose = line.split("): ", 1)[1] if "): " in line else None
        out.append((heading, partner, times, per, purpose))
    return out


def test_make_run_passes_with_it_and_ignores_what_the_configuration_explains(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.chdir(ROOT)
    config = load_config(ROOT / ".orgmodel.yaml")
    ignored = config.per_file_ignores["models/tonsberg-re-kultur.yaml"]
    assert ignored == ["co-location"]
    report = check_paths(["models/"], config=config)
    (mine,) = [f for f in report.files if Path(f.path).name == MODEL.name]
    assert [(d.code, d.severity.value) for d in mine.diagnostics] == [("OM277", "info")]
    result = CliRunner().invoke(app, ["check", "models/tonsberg-re-kultur.yaml", "--ruleset", "default"])
    assert result.exit_code == 0
    assert result.stdout.splitlines()[-1] == "! 0 errors, 0 warnings, 1 info in 1 file (32 units checked)"


def test_the_default_ruleset_leaves_the_frequent_collaborators_meeting_place_unknown() -> None:
    """Outside the configuration: one OM277 info counting 16 pairs, one for every collaboration weekly or
    more often between a service and a unit of the municipality in another line (a three-unit
    collaboration gives two). The seed names no site and no forum, so where they meet is unknown, not
    missing: one cause, one finding, at the first such collaboration. The church and the school bands
    are outside the organisation and not judged."""
    found = check_paths([MODEL], ruleset="default").files[0].diagnostics
    assert [(d.code, d.severity.value) for d in found] == [("OM277", "info")]
    model = _model()
    parent = {u.id: u.parent for u in model.units}
    text = MODEL.read_text(encoding="utf-8").splitlines()
    items = [n + 1 for n, line in enumerate(text) if "- {between:" in line]  # one line per collaboration
    assert len(items) == len(model.collaborations)
    often = {
        i
        for i, c in enumerate(model.collaborations)
        if c.frequency is not None and (c.frequency.per in ("day", "week") or c.frequency.times >= 52)
    }
    # Bibliotek TF and Kultur, Aktiv i Re and Familiesenteret: both under the kommunalsjef, no finding
    same_area = {
        i for i, c in enumerate(model.collaborations) if {parent[u] for u in c.between} == {"ks-kni"}
    }
    assert [model.collaborations[i].between for i in sorted(often & same_area)] == [
        ["bibliotek-tf", "kultur"],
        ["aktiv-i-re", "familiesenteret"],
    ]
    # Kirken (100 times a year) and the korps (weekly): partners outside the organisation
    outside = {i for i, c in enumerate(model.collaborations) if {"kirken", "korps"} & set(c.between)}
    assert [model.collaborations[i].between for i in sorted(often & outside)] == [
        ["bibliotek-tf", "kirken"],
        ["kulturskolen", "korps"],
    ]
    judged = sorted(often - same_area - outside)
    pairs = {  # a three-unit collaboration gives a pair for each two units under different leaders
        frozenset(pair)
        for i in judged
        for pair in combinations(model.collaborations[i].between, 2)
        if parent[pair[0]] != parent[pair[1]]
    }
    assert (items.index(found[0].line), len(pairs)) == (judged[0], 16)
    assert found[0].message == (
        "16 pairs of units working together at least 52 times a year in different lines have no known "
        "meeting place (bibliotek-tf with skole, bibliotek-tf with barnehage and 14 more): the model names "
        "neither sites nor forums for both units of a pair, so whether they have a place to meet is unknown"
    )


def test_the_nine_hensyn_are_the_seeds_ranked_as_it_numbers_them() -> None:
    section = _section("3 Hensyn med utdypende underpunkter", "4 Innspill fra diskusjon")
    numbered = [re.match(r"^(\d)\. (.+)$", line) for line in section]
    seed = [(int(m.group(1)), m.group(2).strip()) for m in numbered if m]
    assert len(seed) == 9
    model = _model()
    assert [(c.rank, c.name) for c in model.considerations] == seed
    assert model.scores == {}  # the seed scores no alternative against them


def test_every_frequency_the_seed_gives_a_service_is_a_collaboration() -> None:
    model = _model()
    written = {
        (frozenset(c.between), c.frequency.times, c.frequency.per, c.purpose)
        for c in model.collaborations
        if c.frequency is not None
    }
    expected = set()
    roles = []
    for heading, partner, times, per, purpose in _seed_frequencies():
        unit = SERVICES[heading]
        if unit is None:
            roles.append(partner)
            continue
        expected.add((frozenset([unit, *PARTNERS[partner]]), times, per, purpose))
    # a collaboration is between units, so the tillitsvalgte's eight are in the comments only
    assert len(roles) == 8
    # what the seed says for a whole list: Aktiv i Re "Kontakten skjer daglig"; Kulturskolen "Korps:Ukentlig"
    whole_lists = {
        (frozenset(["aktiv-i-re", partner]), 1, "day", None)
        for partner in ("skole", "barnevern", "helsesoster", "familiesenteret")
    } | {(frozenset(["kulturskolen", "korps"]), 1, "week", None)}
    assert written == expected | whole_lists
    assert len(model.collaborations) == len(written) == 31


def test_a_few_frequencies_as_the_seed_writes_them() -> None:
    by_units = {tuple(c.between): c for c in _model().collaborations}
    hr = by_units[("tl-iao", "hr")]  # "HR (10 ganger i året)"
    assert (hr.frequency and (hr.frequency.times, hr.frequency.per)) == (10, "year")
    church = by_units[("bibliotek-tf", "kirken")]  # "Kirken (100 ganger i året)"
    assert (church.frequency and (church.frequency.times, church.frequency.per)) == (100, "year")
    service = by_units[("kultur", "servicesenteret")]  # "Servicesenteret (daglig)"
    assert (service.frequency and (service.frequency.times, service.frequency.per)) == (1, "day")


def test_a_second_collaboration_of_one_pair_is_seen_by_the_diff(tmp_path: Path) -> None:
    """The tillitsvalgte list "HR (ukentlig)" twice, for two purposes (lines 210, 213): were a service
    to do the same, the diff would see the second one, not a changed first one."""
    first = "  - {between: [kultur, hr], frequency: {times: 1, per: week}, purpose: Ansatte på jobb"
    text = MODEL.read_text(encoding="utf-8")
    assert text.count(first) == 1
    second = "  - {between: [kultur, hr], frequency: {times: 1, per: week}, purpose: Medbestemmelse.}\n"
    variant = tmp_path / "variant.yaml"
    variant.write_text(text.replace(first, second + first), "utf-8")
    changes = compare(MODEL, variant, ruleset="default").changes
    assert [c.id for c in changes] == ["collaboration-added:hr+kultur:Medbestemmelse."]


def test_the_partners_outside_the_municipality_sit_outside_the_tree() -> None:
    model = _model()
    outside = [(u.id, u.kind) for u in model.units if u.parent is None and u.id != "radmann"]
    assert outside == [("kirken", "external"), ("frivillighet", "external"), ("korps", "external")]
    services = [u.id for u in model.units if u.parent == "ks-kni"]
    assert len(services) == 14  # the §6 headings less the two roles
    assert [p.id for p in model.positions] == ["hovedtillitsvalgt", "hovedverneombud"]


def test_a_changed_frequency_and_a_scored_variant_show_in_the_diff(tmp_path: Path) -> None:
    assert compare(MODEL, MODEL, ruleset="default").changes == []
    text = MODEL.read_text(encoding="utf-8")
    old = "between: [tl-iao, hr], frequency: {times: 10, per: year}"
    variant = tmp_path / "variant.yaml"
    variant.write_text(text.replace(old, old.replace("times: 10", "times: 12")), "utf-8")
    changes = compare(MODEL, variant, ruleset="default").changes
    assert [c.id for c in changes] == ["collaboration-changed:hr+tl-iao"]
    # a proposal that scores itself against the seed's hensyn, and nothing else
    variant.write_text(text + "scores: {tverrfaglig-andre-omrader: 3, robuste-enheter: 4}\n", "utf-8")
    result = CliRunner().invoke(app, ["diff", str(MODEL), str(variant), "--ruleset", "default"])
    assert result.exit_code == 0, result.output
    first = "1. Legge til rette for tverrfaglig samarbeid med andre kommunalsjefområder (weight 0.20): - -> 3"
    assert first in result.stdout
    assert "no change" not in result.stdout
    assert result.stdout.splitlines()[-1] == "2 changes in 1 file (2 structure)"


def test_stats_shows_it(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    result = CliRunner().invoke(app, ["stats", "models/tonsberg-re-kultur.yaml"])
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[:3] == [
        "Tønsberg og Re (models/tonsberg-re-kultur.yaml)",
        "  units in the basisorganisasjon: 29",
        "  steps from the top down to the lowest unit (the longest chain of personnel lines): 2",
    ]


def test_the_fixture_is_the_seeds_own_text() -> None:
    if not SEED.exists():
        pytest.skip("the seeds are not in this checkout; the fixture is compared with them where they are")
    seed = SEED.read_text(encoding="utf-8").splitlines()
    assert _seed_lines() == seed[FIRST_LINE - 1 : 395]


def _comments() -> str:
    lines = MODEL.read_text(encoding="utf-8").splitlines()
    return " ".join(" ".join(line.split("#", 1)[1] for line in lines if "#" in line).split())


def test_every_quote_is_in_the_seed() -> None:
    """Each quotation in the comments ("...", parts around an ellipsis) is a phrase of seed 004."""
    seed = " ".join(" ".join(_seed_lines()).split())
    quotes = [q for q in re.findall(r'"([^"]*)"', _comments()) if len(q) >= 6]
    assert len(quotes) >= 30
    fragments = [part.strip(" .") for q in quotes for part in q.split("...")]
    assert [f for f in fragments if f and f not in seed] == []


def test_every_quote_with_a_line_is_on_that_line() -> None:
    """'"text" (line N)', '"text", line N' and 'line N: "text"': the text is on line N of the seed."""
    lines = _seed_lines()
    comments = _comments()
    cited = re.findall(r'"([^"]{4,})",? \(?(?:§\d, )?line (\d+)', comments)
    cited += [(q, n) for n, q in re.findall(r'line (\d+): "([^"]{4,})"', comments)]
    assert len(cited) >= 30
    wrong = [(q, n) for q, n in cited if q.split("...")[0].strip() not in lines[int(n) - FIRST_LINE]]
    assert wrong == []
