# ruff: noqa: E501  (the edits quote whole lines of the model, which are longer than code lines)
"""Rebuild models/drammen-2020-before.yaml from models/drammen-2020.yaml.

The before model is the adopted model with the report's own changes undone,
one textual edit per change, so it keeps every comment of the adopted model
and can be rebuilt when that model is corrected::

    .venv/bin/python tests/diff/build_before_model.py

Each edit must match exactly once; a changed adopted model that no longer
matches stops the script with the edit that failed.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
AFTER = ROOT / "models" / "drammen-2020.yaml"
BEFORE = ROOT / "models" / "drammen-2020-before.yaml"

HEADER = """\
# Nye Drammen kommune: the level-3 proposal AS IT STOOD BEFORE the changes the report made.
#
# A reconstruction for `orgmodel diff` (docs/diff.md): models/drammen-2020.yaml with the changes
# that "Organisering av virksomhetene «Nivå 3»" (2019, seed 000_fb51fb5e0b448a93.txt) describes
# undone. Page numbers are the transcript's. The report does not print the earlier sketch, so
# "before" is the arrangement its text says it departs from: one care district per kommunedel and
# allocation of services inside each kommunalsjef's area, as in the three old municipalities.
#
# What differs from the adopted model, and where the report says so:
# - p. 26: one omsorg virksomhet per kommunedel. The report then splits Bragernes/Øren in two
#   ("for å få virksomheter av relativ lik størrelse og begrense lederspennet"), merges the small
#   districts Gulskogen and Danvik/Fjell ("sårbarhetsutfordringer"), and merges Svelvik/Berger
#   with Åskollen/Skoger.
# - p. 26, 29-30, 49-50: vedtak granted in each area (omsorg, helse, rus og psykisk helse,
#   nedsatt funksjonsevne). The report gathers all of it in Tjenestetildeling og koordinerende
#   enhet under the kommunalsjef for hjemmetjenester og institusjon, with professional lines to
#   the other three kommunalsjefer, "slik at hver bruker har én saksbehandler".
# - p. 25: "Dagens «Drammen helsehus»" under omsorg. The report moves it under helse as
#   "Døgnakutte tjenester i institusjon - Helsehuset".
# - p. 48-49: the kommunale akutte døgnplasser (KAD) inside Legevakt. The report moves them to
#   Helsehuset ("KAD flyttes ut av legevakten").
# - p. 30-31: Sagstedbrua skole its own virksomhet under the kommunalsjef for skole. The report
#   makes it an avdeling under Eknes ungdomsskole ("Det er en liten enhet").
# The comments below the changed units say "BEFORE"; every other comment is the adopted model's.
#
"""

EDITS: list[tuple[str, str]] = [
    # Tjenestetildeling: only omsorg's own vedtak, no professional lines.
    (
        r"    functional: \[ks-hjemmetjenester, ks-helse, ks-rus-psykisk, ks-nedsatt-funksjonsevne\]\n",
        "",
    ),
    (
        r"    decides: \[hjemmetjenester, sykehjem, dagsenter, helsehus-opphold, rus-psykisk-bolig, nf-bolig, "
        r"avlastning, aktivitet-nf, fritid-med-bistand\]\n",
        "    decides: [hjemmetjenester, sykehjem, dagsenter]\n",
    ),
    (
        r"(  # p\. 26: Tjenestetildeling og koordinerende enhet under kommunalsjef)",
        "  # BEFORE p. 26, 49-50: allocation sits in each kommunalsjef's area; this unit grants omsorg's\n"
        "  # own vedtak only. The adopted model's description of the gathered unit follows.\n"
        r"\1",
    ),
    # Care districts: one per kommunedel.
    (
        r"  - \{id: virk-oms-gulskogen-fjell, [^\n]*\n",
        "  # BEFORE p. 26: Gulskogen and Danvik/Fjell are two small districts (merged in the report).\n"
        '  - {id: virk-oms-gulskogen, name: "Omsorgstjenester Gulskogen", level: 3, kind: virksomhet, '
        "parent: ks-hjemmetjenester, leader: Virksomhetsleder omsorgstjenester, role: provider, "
        "kommunedeler: [kd4], sites: [oms-kd4], delivers: [hjemmetjenester, sykehjem, dagsenter]}\n"
        '  - {id: virk-oms-fjell, name: "Omsorgstjenester Danvik/Fjell", level: 3, kind: virksomhet, '
        "parent: ks-hjemmetjenester, leader: Virksomhetsleder omsorgstjenester, role: provider, "
        "kommunedeler: [kd6], sites: [oms-kd6], delivers: [hjemmetjenester, sykehjem, dagsenter]}\n",
    ),
    (
        r"  - \{id: virk-oms-bragernes, [^\n]*\n  - \{id: virk-oms-oren, [^\n]*\n",
        "  # BEFORE p. 26: one district for the kommunedel Bragernes/Øren (split in two in the report).\n"
        '  - {id: virk-oms-bragernes-oren, name: "Omsorgstjenester Bragernes/Øren", level: 3, '
        "kind: virksomhet, parent: ks-hjemmetjenester, leader: Virksomhetsleder omsorgstjenester, "
        "role: provider, kommunedeler: [kd8], sites: [oms-bragernes, oms-oren], "
        "delivers: [hjemmetjenester, sykehjem, dagsenter]}\n",
    ),
    (
        r"  - \{id: virk-oms-skoger-svelvik, [^\n]*\n",
        "  # BEFORE p. 26: Svelvik/Berger is its own small district (merged with Åskollen/Skoger in the report).\n"
        '  - {id: virk-oms-skoger, name: "Omsorgstjenester Åskollen/Skoger", level: 3, kind: virksomhet, '
        "parent: ks-hjemmetjenester, leader: Virksomhetsleder omsorgstjenester, role: provider, "
        "kommunedeler: [kd9], sites: [oms-kd9], delivers: [hjemmetjenester, sykehjem, dagsenter]}\n"
        '  - {id: virk-oms-svelvik, name: "Omsorgstjenester Svelvik/Berger", level: 3, kind: virksomhet, '
        "parent: ks-hjemmetjenester, leader: Virksomhetsleder omsorgstjenester, role: provider, "
        "kommunedeler: [kd10], sites: [oms-kd10], delivers: [hjemmetjenester, sykehjem, dagsenter]}\n",
    ),
    (
        r"(  - \{id: avd-nattjenesten, [^\n]*)parent: virk-oms-bragernes,",
        r"\1parent: virk-oms-bragernes-oren,",
    ),
    # Allocation units of the three other areas.
    (
        r"(  # p\. 28-29: Rus og psykisk helse in two virksomheter)",
        "  # BEFORE p. 28-29, 49: the area grants its own vedtak (gathered in Tjenestetildeling in the report).\n"
        "  # orgmodel: ignore[allocation-unit] before the report this area granted its own vedtak; p. 26 gathers them in Tjenestetildeling\n"
        '  - {id: virk-tildeling-rus-psykisk, name: "Tildeling, rus og psykisk helse", level: 3, '
        "kind: virksomhet, parent: ks-rus-psykisk, leader: Virksomhetsleder tildeling rus og psykisk helse, "
        "role: authority, decides: [rus-psykisk-bolig]}\n\n"
        r"\1",
    ),
    (
        r"(  # p\. 29-30: three virksomheter: two geographic ones)",
        "  # BEFORE p. 29-30, 49: the area grants its own vedtak (gathered in Tjenestetildeling in the report).\n"
        "  # orgmodel: ignore[allocation-unit] before the report this area granted its own vedtak; p. 26 gathers them in Tjenestetildeling\n"
        '  - {id: virk-tildeling-nf, name: "Tildeling, tjenester til mennesker med nedsatt funksjonsevne", '
        "level: 3, kind: virksomhet, parent: ks-nedsatt-funksjonsevne, leader: Virksomhetsleder tildeling "
        "nedsatt funksjonsevne, role: authority, "
        "decides: [nf-bolig, avlastning, aktivitet-nf, fritid-med-bistand]}\n\n"
        r"\1",
    ),
    # Per meets three saksbehandlere, one in each area (the gain the report makes, p. 26).
    (
        r"(    needs: \[hjemmetjenester, rus-psykisk-bolig, helsehus-opphold\]\n)",
        "    # BEFORE p. 26: Per's three vedtak are granted in three areas: three saksbehandlere.\n"
        "    # orgmodel: ignore[persona-saksbehandler] before the report Per met three saksbehandlere; p. 26 gives each user one\n"
        r"\1",
    ),
    # Sagstedbrua: a virksomhet of its own.
    (
        r"  # p\. 31: Sagstedbrua skole becomes an avdeling under Eknes ungdomsskole[^\n]*\n[^\n]*\n"
        r"  - \{id: avd-sagstedbrua, [^\n]*\n",
        "  # BEFORE p. 30-31: Sagstedbrua skole is its own virksomhet with a rektor (the report makes it an\n"
        "  # avdeling under Eknes ungdomsskole).\n"
        '  - {id: virk-sagstedbrua, name: "Sagstedbrua skole", level: 3, kind: virksomhet, parent: ks-skole, '
        "leader: Rektor, role: provider, delivers: [grunnskole]}\n",
    ),
    # KAD in Legevakt; Drammen helsehus under omsorg.
    (
        r"(  - \{id: avd-legevakt-krisesenter, [^\n]*\n)",
        r"\1"
        "  # BEFORE p. 48-49: the kommunale akutte døgnplasser are part of Legevakt (moved to Helsehuset).\n"
        '  - {id: avd-kad, name: "Kommunale akutte døgnplasser (KAD)", level: 4, kind: avdeling, '
        "parent: virk-legevakt, leader: Avdelingsleder KAD}\n",
    ),
    (r"  - \{id: avd-kad, [^\n]*parent: virk-helsehuset[^\n]*\n", ""),
    (
        r"  - \{id: virk-helsehuset, name: \"Døgnakutte tjenester i institusjon - Helsehuset\", level: 3, "
        r"kind: virksomhet, parent: ks-helse,",
        "  # BEFORE p. 25: today's Drammen helsehus belongs to omsorg; the report moves it under helse.\n"
        "  # BEFORE p. 26: helse grants its own vedtak for helsehus stays.\n"
        "  # orgmodel: ignore[allocation-unit] before the report this area granted its own vedtak; p. 26 gathers them in Tjenestetildeling\n"
        '  - {id: virk-tildeling-helse, name: "Tildeling, helsetjenester", level: 3, kind: virksomhet, '
        "parent: ks-helse, leader: Virksomhetsleder tildeling helsetjenester, role: authority, "
        "decides: [helsehus-opphold]}\n"
        '  - {id: virk-helsehuset, name: "Drammen helsehus", level: 3, kind: virksomhet, '
        "parent: ks-hjemmetjenester,",
    ),
]


def build(text: str) -> str:
    """The before model's text from the adopted model's."""
    for pattern, replacement in EDITS:
        text, count = re.subn(pattern, replacement, text, flags=re.MULTILINE)
        if count != 1:
            raise SystemExit(f"the edit {pattern[:70]!r} matched {count} times, not once")
    body = text.split("\norgmodel: 1\n", 1)
    if len(body) != 2:
        raise SystemExit("no 'orgmodel: 1' line in the adopted model")
    rest = (
        body[1]
        .replace(
            'proposal: "Organisering av virksomhetene «Nivå 3», 2019"',
            'proposal: "Organisering av virksomhetene «Nivå 3», 2019: before the report\'s changes (reconstruction)"',
        )
        .replace("status: adopted", "status: draft")
    )
    adopted = "\n# --- the adopted model's header, kept for its notes on sources ---\n" + body[0].lstrip("\n")
    return HEADER + adopted + "\n\norgmodel: 1\n" + rest


def main() -> int:
    """Write the before model."""
    BEFORE.write_text(build(AFTER.read_text(encoding="utf-8")), encoding="utf-8")
    print(f"wrote {BEFORE.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
