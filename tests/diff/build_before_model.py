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
# Nye Drammen kommune: the level-3 organisation AS IT STOOD BEFORE the changes the level-3 report
# made. A RECONSTRUCTION, not a document: the report does not print the earlier organisation.
#
# What this is: models/drammen-2020.yaml (the adopted organisation) with the changes that
# "Organisering av virksomhetene «Nivå 3»" (2019, seed 000_fb51fb5e0b448a93.txt) says it makes
# undone, so that `orgmodel diff models/drammen-2020-before.yaml models/drammen-2020.yaml` shows
# those changes (docs/diff.md). Page numbers are the transcript's (p. 1-72). Everything the
# report does not change is the adopted model's, with the adopted model's comments.
# tests/diff/build_before_model.py writes this file from the adopted one.
#
# The changes undone, each with what the report says about the state before it:
# 1. Care districts (p. 26): the report divides Hjemmetjenester og institusjon by kommunedel
#    ("kommunedelene legges til grunn") with three exceptions. Before them: Gulskogen and
#    Danvik/Fjell "er i dag små omsorgsdistrikter" (two districts), Svelvik/Berger/Ebbestad "er en
#    liten omsorgstjeneste" of its own beside Åskollen/Skoger, and Bragernes/Øren, split in two by
#    the report, is one district like every other kommunedel (assumption: the report's base rule;
#    it does not say how Bragernes/Øren is served today).
# 2. Allocation (p. 26, 49): the report gathers ALL vedtak on helse, omsorg, rus og psykisk helse
#    and nedsatt funksjonsevne in Tjenestetildeling og koordinerende enhet, with professional lines
#    to the four kommunalsjefer, "slik at hver bruker har én saksbehandler ... uavhengig av antall
#    tjenester eller hvilken kommunalsjef som har ansvar for tjenesten", "for å se tildeling under
#    ett på tvers av områder" (p. 49). ASSUMPTION: the report does not describe allocation before
#    it; this model takes the arrangement those sentences rule out: each kommunalsjef's area grants
#    the vedtak of its own services (Tjenestetildeling those of hjemmetjenester og institusjon, the
#    kommunalsjefer for rus og psykisk helse and for nedsatt funksjonsevne theirs, without naming a
#    unit the report does not name), and Tjenestetildeling has no professional lines.
# 3. Drammen helsehus (p. 25, 49): "Dagens «Drammen helsehus» organiseres under helse for å
#    understreke helsehusets rolle som behandler mer enn en omsorgsinstitusjon": before, under
#    omsorg (assumption: the report implies it, the kommunalsjef is not named; placed under
#    hjemmetjenester og institusjon), named Drammen helsehus, with its avdelinger "Lindrende" and
#    "USK" (p. 49: "I dag har Drammen Helsehus egne avdelinger").
# 4. KAD (p. 49): "KAD flyttes ut av legevakten og ut av Bråta helse- og aktivitetssenter": before,
#    an avdeling of Legevakt (Bråta is in neither model: the report assigns it to no virksomhet).
# 5. Legevakt (p. 48): "Legevakten er i dag et interkommunalt selskap (IKS), og er vedtatt at skal
#    inngå i basisorganisasjonen": before, an IKS outside the personnel tree (`kind: iks`, no
#    parent, and an `agreements:` entry of kind iks), without the virksomhetsleder and the three
#    avdelinger the report plans for it; which municipalities own it is not in the report.
# 6. Sagstedbrua skole (p. 31): "foreslås som en egen avdeling under Eknes ungdomsskole" because
#    "Det er en liten enhet": before, a school of its own (a level-3 virksomhet under the kommunalsjef
#    for skole, led by a rektor as every school is, p. 30).
# 7. Fagansvarlige (p. 58): the report creates these positions ("kunne være behov for å opprette
#    stillinger som fagansvarlige"): before, none.
# 8. KAD vertskommune agreements (p. 49: "nye vertskommuneavtaler"): before, none.
# Other moves the report names but whose earlier place it does not give are NOT reconstructed:
# fysio-/ergoterapi and sykehjemsleger under helse (p. 25), forebyggende sykepleiere (p. 25),
# Boligtjenesten under næring og arbeid (p. 25), fritid med bistand under kultur (p. 25), EKA to
# Ny start (p. 32), rehabiliteringsplassene to Bråta (p. 25). Roles the report describes as given
# earlier (the digital agents, "tidligere beskrevet i rapport Fase 2", p. 70) are in both models.
#
# Its findings are the point: under rules/drammen-2020.yaml this model breaks the report's
# principles where the report changed the design (OM212 and OM213 on the areas' own vedtak, which
# give Per two saksbehandlere, OM252 for the legevakt IKS). It carries no suppression for them;
# .orgmodel.yaml turns exactly those rules off for this one file, and `orgmodel diff` (which
# checks both models itself) reports them as resolved by the report.
# The comments below the changed units say "BEFORE"; every other comment is the adopted model's.
#
"""

EDITS: list[tuple[str, str]] = [
    # 2. Tjenestetildeling: only the vedtak of hjemmetjenester og institusjon (helsehus included), no
    # professional lines.
    (
        r"    functional: \[ks-hjemmetjenester, ks-helse, ks-rus-psykisk, ks-nedsatt-funksjonsevne\]\n",
        "",
    ),
    (
        r"    decides: \[hjemmetjenester, sykehjem, dagsenter, helsehus-opphold, rus-psykisk-bolig, nf-bolig, "
        r"avlastning, aktivitet-nf, fritid-med-bistand\]\n",
        "    decides: [hjemmetjenester, sykehjem, dagsenter, helsehus-opphold]\n",
    ),
    (
        r"(  # p\. 26: Tjenestetildeling og koordinerende enhet under kommunalsjef)",
        "  # BEFORE p. 26, 49 (assumption, see the header): this unit grants only the vedtak of\n"
        "  # hjemmetjenester og institusjon (Drammen helsehus included); the other areas grant their own.\n"
        "  # The adopted model's description of the gathered unit follows.\n"
        r"\1",
    ),
    (
        r"(  - \{id: ks-rus-psykisk, [^\n]*leader: \"Kommunalsjef for rus og psykisk helse\")\}\n"
        r"(  - \{id: ks-nedsatt-funksjonsevne, [^\n]*leader: \"Kommunalsjef for tjenester til mennesker med "
        r"nedsatt funksjonsevne\")\}\n",
        "  # BEFORE p. 26, 49 (assumption, see the header): these two areas grant the vedtak of their own\n"
        "  # services; who in the area signs them is not named, so the kommunalsjef's area decides.\n"
        r"\1, decides: [rus-psykisk-bolig]}\n"
        r"\2, decides: [nf-bolig, avlastning, aktivitet-nf, fritid-med-bistand]}\n",
    ),
    # 1. Care districts: one per kommunedel.
    (
        r"  - \{id: virk-oms-gulskogen-fjell, [^\n]*\n",
        '  # BEFORE p. 26: Gulskogen and Danvik/Fjell "er i dag små omsorgsdistrikter" (merged in the report).\n'
        '  - {id: virk-oms-gulskogen, name: "Omsorgstjenester Gulskogen", kind: virksomhet, level: 3, '
        "parent: ks-hjemmetjenester, leader: Virksomhetsleder omsorgstjenester, "
        "kommunedeler: [kd4], sites: [oms-kd4], delivers: [hjemmetjenester, sykehjem, dagsenter], role: provider}\n"
        '  - {id: virk-oms-fjell, name: "Omsorgstjenester Danvik/Fjell", kind: virksomhet, level: 3, '
        "parent: ks-hjemmetjenester, leader: Virksomhetsleder omsorgstjenester, "
        "kommunedeler: [kd6], sites: [oms-kd6], delivers: [hjemmetjenester, sykehjem, dagsenter], role: provider}\n",
    ),
    (
        r"  - \{id: virk-oms-bragernes, [^\n]*\n  - \{id: virk-oms-oren, [^\n]*\n",
        "  # BEFORE p. 26: one district for the kommunedel Bragernes/Øren (assumption: the report's base\n"
        "  # rule, one district per kommunedel; the report splits it in two).\n"
        '  - {id: virk-oms-bragernes-oren, name: "Omsorgstjenester Bragernes/Øren", kind: virksomhet, '
        "level: 3, parent: ks-hjemmetjenester, leader: Virksomhetsleder omsorgstjenester, "
        "kommunedeler: [kd8], sites: [oms-bragernes, oms-oren], "
        "delivers: [hjemmetjenester, sykehjem, dagsenter], role: provider}\n",
    ),
    (
        r"  - \{id: virk-oms-skoger-svelvik, [^\n]*\n",
        '  # BEFORE p. 26: Svelvik/Berger/Ebbestad "er en liten omsorgstjeneste" of its own (merged with\n'
        "  # Åskollen/Skoger Øst/Nesbygda in the report).\n"
        '  - {id: virk-oms-skoger, name: "Omsorgstjenester Åskollen/Skoger", kind: virksomhet, level: 3, '
        "parent: ks-hjemmetjenester, leader: Virksomhetsleder omsorgstjenester, "
        "kommunedeler: [kd9], sites: [oms-kd9], delivers: [hjemmetjenester, sykehjem, dagsenter], role: provider}\n"
        '  - {id: virk-oms-svelvik, name: "Omsorgstjenester Svelvik/Berger", kind: virksomhet, level: 3, '
        "parent: ks-hjemmetjenester, leader: Virksomhetsleder omsorgstjenester, "
        "kommunedeler: [kd10], sites: [oms-kd10], delivers: [hjemmetjenester, sykehjem, dagsenter], role: provider}\n",
    ),
    (
        r"(  - \{id: avd-nattjenesten, [^\n]*)parent: virk-oms-bragernes,",
        r"\1parent: virk-oms-bragernes-oren,",
    ),
    # Per meets two saksbehandlere (the gain the report makes, p. 26); no suppression.
    (
        r"    description: Discharged from hospital to Helsehuset, then home care and follow-up at home; one "
        r"saksbehandler in Tjenestetildeling for all three vedtak\.\n",
        "    # BEFORE p. 26 (assumption, see the header): hjemmetjenester and the helsehus stay are granted\n"
        "    # in Tjenestetildeling, rus og psykisk helse in its own area: two saksbehandlere.\n"
        "    description: Discharged from hospital to Drammen helsehus, then home care and follow-up at home; "
        "two saksbehandlere, one in Tjenestetildeling and one in rus og psykisk helse.\n",
    ),
    # 6. Sagstedbrua: a virksomhet of its own.
    (
        r"  # p\. 31: Sagstedbrua skole becomes an avdeling under Eknes ungdomsskole[^\n]*\n[^\n]*\n"
        r"  - \{id: avd-sagstedbrua, [^\n]*\n",
        "  # BEFORE p. 30-31: Sagstedbrua skole is a school of its own, a virksomhet with a rektor (the report\n"
        '  # makes it an avdeling under Eknes ungdomsskole: "Det er en liten enhet").\n'
        '  - {id: virk-sagstedbrua, name: "Sagstedbrua skole", kind: virksomhet, level: 3, parent: ks-skole, '
        "leader: Rektor, delivers: [grunnskole], role: provider}\n",
    ),
    # 5. and 4. Legevakt an IKS outside the tree, KAD its avdeling.
    (
        r"  - \{id: virk-legevakt, [^\n]*\n  - \{id: avd-legevakt-sykepleie, [^\n]*\n"
        r"  - \{id: avd-legevakt-psykososial, [^\n]*\n  - \{id: avd-legevakt-krisesenter, [^\n]*\n",
        '  # BEFORE p. 48: "Legevakten er i dag et interkommunalt selskap (IKS)": outside the municipality\'s\n'
        "  # personnel tree (no parent). The report names neither its leader nor its avdelinger today;\n"
        "  # level 3 is the adopted virksomhet's, so the diff compares like with like.\n"
        '  - {id: virk-legevakt, name: "Legevakt", kind: iks, level: 3, delivers: [legevakt], role: provider}\n'
        '  # BEFORE p. 49: "KAD flyttes ut av legevakten": the kommunale akutte døgnplasser are in Legevakt.\n'
        '  - {id: avd-kad, name: "Kommunale akutte døgnplasser (KAD)", kind: avdeling, level: 4, '
        "parent: virk-legevakt, leader: Avdelingsleder KAD}\n",
    ),
    (r"  - \{id: avd-kad, [^\n]*parent: virk-helsehuset[^\n]*\n", ""),
    # 7. The fagansvarlige the report creates (p. 58) are not there before; the digital agents are.
    (
        r"(?s)  # --- Fagansvarlige \(p\. 58\).*?(?=\n# -+\n# Forums)",
        '  # BEFORE p. 58: no fagansvarlige; the report creates them ("kunne være behov for å opprette\n'
        '  # stillinger som fagansvarlige"), so the digital agents are the only positions.\n',
    ),
    # 8. No KAD vertskommune agreements (p. 49: "nye vertskommuneavtaler"); Legevakt an IKS (p. 48).
    (
        r"(?s)  # p\. 49: Helsehuset \"er tenkt å ha alle den nye kommunens KAD-plasser.*\Z",
        '  # BEFORE p. 48: "Legevakten er i dag et interkommunalt selskap (IKS)". Its owners are not named\n'
        "  # in the report, so no parties are listed. (No KAD vertskommune agreements: p. 49 speaks of\n"
        '  # "nye vertskommuneavtaler" that the adopted organisation may make.)\n'
        "  - id: legevakt-iks\n"
        "    kind: iks\n"
        "    name: Legevakt, interkommunalt selskap\n"
        "    units: [virk-legevakt]\n"
        "    services: [legevakt]\n"
        "    description: The owners of the IKS are not named in the report (p. 48).\n",
    ),
    # 3. Drammen helsehus under omsorg.
    (
        r"  - \{id: virk-helsehuset, name: \"Døgnakutte tjenester i institusjon - Helsehuset\", kind: virksomhet, "
        r"level: 3, parent: ks-helse,",
        '  # BEFORE p. 25, 49: "Dagens «Drammen helsehus»", an institution under omsorg (assumption: the\n'
        "  # report moves it under helse; under which kommunalsjef it sits is not said), with its\n"
        '  # avdelinger "Lindrende" and "USK" and without KAD.\n'
        '  - {id: virk-helsehuset, name: "Drammen helsehus", kind: virksomhet, level: 3, '
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
            'proposal: "Organisering av virksomhetene «Nivå 3», 2019: før rapportens endringer (rekonstruksjon)"'
            "   # ASSUMPTION: reconstructed, see the header",
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
