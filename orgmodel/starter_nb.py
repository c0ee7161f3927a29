"""``orgmodel init`` in bokmål: the starter model and ``.orgmodel.yaml`` with Norwegian comments.

The same files as :mod:`orgmodel.starter` writes in English, key for key and value for value: each
English comment is replaced by its bokmål here (tests/test_init.py checks that every one is, and
that the YAML stays the same). ``orgmodel --lang nb init`` (or a Norwegian locale) writes them.
"""

from __future__ import annotations

# each comment of the English starter files (from its '#' to the line's end), and the same in bokmål
COMMENTS_NB: dict[str, str] = dict(
    (
        (  # the same words in both languages
            "# support (støtte) | staff | authority (myndighet) | appeals | provider",
            "# support (støtte) | staff | authority (myndighet) | appeals | provider",
        ),
        (
            "# A starter model written by `orgmodel init`: a small, made-up kommune (municipality) to",
            "# En startmodell skrevet av `orgmodel init`: en liten, oppdiktet kommune som du bytter ut",
        ),
        (
            "# replace with your own. `orgmodel check` checks it against the ruleset .orgmodel.yaml names;",
            "# med din egen. `orgmodel check` kontrollerer den mot regelsettet .orgmodel.yaml nevner;",
        ),
        (
            "# `orgmodel explain RULE` says what a finding means. Keys are the format's (English); names",
            "# `orgmodel explain REGEL` forklarer et funn. Nøklene er formatets (engelske); navn og",
        ),
        (
            "# and titles are yours (Norwegian).",
            "# titler er dine egne (norske).",
        ),
        (
            "# the format version",
            "# formatversjonen",
        ),
        (
            "# the municipality's name",
            "# kommunens navn",
        ),
        (
            "# kommunenummer: the official 4-digit number, quoted (it is text)",
            "# det offisielle firesifrede nummeret, i anførselstegn (det er tekst)",
        ),
        (
            "# forslag (proposal): which round of the design this is",
            "# forslag: hvilken runde av organiseringen dette er",
        ),
        (
            "# draft | hearing (på høring) | adopted (vedtatt)",
            "# draft (utkast) | hearing (på høring) | adopted (vedtatt)",
        ),
        (
            "# kommunedeler: the geographic districts",
            "# kommunedeler: de geografiske delene av kommunen",
        ),
        (
            "# where units work; kind: knutepunkt is a local hub",
            "# steder der enheter arbeider; kind: knutepunkt er et lokalt knutepunkt",
        ),
        (
            "# tjenester; vedtak: true = granted by an enkeltvedtak (a decision)",
            "# tjenester; vedtak: true = tildeles ved enkeltvedtak",
        ),
        (
            "# Level 1: the rådmann (chief executive; kommunedirektør) and the top team (toppledelse)",
            "# Nivå 1: rådmannen (kommunedirektøren) og toppledelsen",
        ),
        (
            "# Level 2: the stab (staff: HR, økonomi, IKT) and two kommunalsjef areas (service areas)",
            "# Nivå 2: staben (HR, økonomi, IKT) og to kommunalsjefområder (tjenesteområder)",
        ),
        (
            "# medarbeidere without a leader role",
            "# medarbeidere uten lederrolle",
        ),
        (
            "# budsjettansvar (budget responsibility) goes with personalansvar",
            "# budsjettansvar følger personalansvar",
        ),
        (
            "# Level 3: virksomheter, each led by a virksomhetsleder",
            "# Nivå 3: virksomheter, hver ledet av en virksomhetsleder",
        ),
        (
            "# tildelingsenhet: decides every health and care vedtak, so that",
            "# tildelingsenheten fatter alle vedtak i helse og omsorg,",
        ),
        (
            "# each user has one saksbehandler (caseworker)",
            "# så hver bruker har én saksbehandler",
        ),
        (
            "# a rektor leads a school",
            "# en rektor leder en skole",
        ),
        (
            "# samlokalisering: co-located at the local hub",
            "# samlokalisering: i det lokale knutepunktet",
        ),
        (
            "# a styrer leads kindergartens (barnehager)",
            "# en styrer leder barnehager",
        ),
        (
            "# fiktive brukere: fictional users to test the design against",
            "# fiktive brukere som organiseringen prøves mot",
        ),
        (
            "# orgmodel's settings (innstillinger) for this repository, written by `orgmodel init`.",
            "# orgmodels innstillinger for dette depotet, skrevet av `orgmodel init`.",
        ),
        (
            "# `orgmodel check` finds this file in its directory or above it (up to the repository root).",
            "# `orgmodel check` finner filen i sin mappe eller over den (opp til roten av depotet).",
        ),
        (
            "# Precedence: the command line wins over this file, and this file over the defaults.",
            "# Kommandolinjen går foran denne filen, og denne filen foran standardverdiene.",
        ),
        (
            "# regelsett: shipped (default, drammen-2020, asker-2020) or a file",
            "# regelsett: medfølgende (default, drammen-2020, asker-2020) eller en fil",
        ),
        (
            "# what a bare `orgmodel check` and `orgmodel trace` read",
            "# det `orgmodel check` og `orgmodel trace` uten stier leser",
        ),
        (
            "# exit 1 from this severity up: error | warning | info (unset: warning)",
            "# avslutt med 1 fra denne alvorlighetsgraden: error | warning | info (uten: warning)",
        ),
        (
            "# messages in bokmål (nb) or English (en); unset: the locale's",
            "# meldinger på bokmål (nb) eller engelsk (en); uten: språket i miljøet",
        ),
        (
            "# only these rules: codes (OM120), prefixes (OM1), names (max-levels)",
            "# bare disse reglene: kode (OM120), prefiks (OM1), navn (max-levels)",
        ),
        (
            "# not these rules",
            "# ikke disse reglene",
        ),
        (
            "# more gitignore patterns a directory scan skips, e.g. [models/arkiv/]",
            "# flere gitignore-mønstre å hoppe over, f.eks. [models/arkiv/]",
        ),
        (
            '# rules off for some files, e.g. {"models/gammel-*.yaml": [OM120]}',
            '# regler av for noen filer, f.eks. {"models/gammel-*.yaml": [OM120]}',
        ),
    )
)


def in_bokmal(text: str) -> str:
    """``text``, a starter file, with each comment of :data:`COMMENTS_NB` in bokmål."""
    out = []
    for line in text.splitlines(keepends=True):
        body = line.rstrip("\n")
        at = body.find("#")
        if at >= 0:
            line = body[:at] + COMMENTS_NB.get(body[at:], body[at:]) + line[len(body) :]
        out.append(line)
    return "".join(out)
