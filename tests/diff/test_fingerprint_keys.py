"""Rules that report several findings for one unit set ``key``, so every finding has its own fingerprint."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from orgmodel.engine import check_bytes
from orgmodel.ruleset import load_ruleset

ROOT = Path(__file__).resolve().parents[2]
KEYS = ROOT / "tests" / "fixtures" / "diff" / "keys.yaml"


def _findings(
    path: Path, ruleset: str | None, without: str = ""
) -> list[tuple[int, int, str, str | None, str | None, str]]:
    rules = load_ruleset(None if ruleset is None else str(ROOT / ruleset)).instances()
    rules = [rule for rule in rules if rule.code != without]
    checked = check_bytes(str(path), path.read_bytes(), rules)
    return [(d.line, d.col, d.code, d.unit, d.key, d.fingerprint) for d in checked.diagnostics]


def test_each_breach_on_one_unit_has_its_key() -> None:
    found = _findings(KEYS, None)
    # OM221 stands down while local-service (OM202) reports the same gaps, naming the personas
    found += [f for f in _findings(KEYS, None, without="OM202") if f[2] == "OM221"]
    keyed = [f[:5] for f in found if f[2] in {"OM130", "OM203", "OM211", "OM221"}]
    assert keyed == [
        (25, 18, "OM130", "kultur", "kultur"),
        # (25, 26) 'dir', the personnel leader, is a line OM130 accepts (Drammen p. 26, issue 17)
        (25, 36, "OM130", "kultur", "top"),
        (27, 13, "OM203", "kultur", "s2"),
        (27, 17, "OM203", "kultur", "s3"),
        (28, 15, "OM211", "kultur", "bibliotek"),
        (28, 26, "OM211", "kultur", "kino"),
        (30, 51, "OM221", "ola", "bibliotek"),
        (30, 62, "OM221", "ola", "kino"),
    ]


MODELS = sorted(
    [
        *ROOT.glob("models/*.yaml"),
        *ROOT.glob("docs/examples/*.yaml"),
        *ROOT.glob("tests/fixtures/**/*.yaml"),
        *ROOT.glob("tests/corpus/*.yaml"),
    ]
)
MODELS = [p for p in MODELS if not p.name.endswith(".expect.yaml") and "ruleset" not in p.name]


@pytest.mark.parametrize("ruleset", [None, "rules/drammen-2020.yaml"])
@pytest.mark.parametrize("path", MODELS, ids=[str(p.relative_to(ROOT)) for p in MODELS])
def test_no_two_findings_about_a_unit_share_a_fingerprint(path: Path, ruleset: str | None) -> None:
    # Findings without a unit (an unused suppression, a YAML error) fall back to their message
    # without digits, and two alike on different lines may share it; the diff pairs those in order.
    found = [f for f in _findings(path, ruleset) if f[3] is not None]
    twice = [fp for fp, n in Counter(f[5] for f in found).items() if n > 1]
    same = [f[:5] for f in found if f[5] in twice]
    assert not same, (
        "findings with one fingerprint (line, col, code, unit, key); a rule that reports several "
        f"findings for one unit passes breach= to Rule.diagnostic: {same}"
    )
