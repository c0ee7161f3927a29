"""``orgmodel init``: a commented starter model and ``.orgmodel.yaml`` for a new municipality.

The model is a small, made-up kommune that checks clean under the default
ruleset (tests/test_init.py checks it): a rådmann, a stab, two kommunalsjef
areas, six virksomheter, two kommunedeler with a local hub each, and one
persona. Comments give the Norwegian terms with English glosses; in bokmål
(``--lang nb``) the comments are Norwegian (``orgmodel.starter_nb``).
"""

from __future__ import annotations

from pathlib import Path

from orgmodel.atomic import write_atomically
from orgmodel.diagnostic import ConfigError
from orgmodel.i18n import _, language, ngettext, os_reason

MODEL_PATH = Path("models") / "kommune.yaml"
CONFIG_PATH = Path(".orgmodel.yaml")

STARTER_MODEL = """\
# A starter model written by `orgmodel init`: a small, made-up kommune (municipality) to
# replace with your own. `orgmodel check` checks it against the ruleset .orgmodel.yaml names;
# `orgmodel explain RULE` says what a finding means. Keys are the format's (English); names
# and titles are yours (Norwegian).
orgmodel: 1                         # the format version
kommune: Eksempel kommune           # the municipality's name
kommunenummer: "9999"               # kommunenummer: the official 4-digit number, quoted (it is text)
proposal: Forslag 1                 # forslag (proposal): which round of the design this is
status: draft                       # draft | hearing (på høring) | adopted (vedtatt)

kommunedeler:                       # kommunedeler: the geographic districts
  - {id: kd1, number: 1, name: Nord}
  - {id: kd2, number: 2, name: Sør}

sites:                              # where units work; kind: knutepunkt is a local hub
  - {id: kp-nord, name: Nord knutepunkt, kind: knutepunkt, kommunedel: kd1}
  - {id: kp-sor, name: Sør knutepunkt, kind: knutepunkt, kommunedel: kd2}

services:                           # tjenester; vedtak: true = granted by an enkeltvedtak (a decision)
  - {id: hjemmesykepleie, name: Hjemmesykepleie, category: helse-og-omsorg, vedtak: true, local: true}
  - {id: praktisk-bistand, name: Praktisk bistand, category: helse-og-omsorg, vedtak: true, local: true}
  - {id: grunnskole, name: Grunnskole, category: oppvekst, local: true}

units:
  # Level 1: the rådmann (chief executive; kommunedirektør) and the top team (toppledelse)
  - {id: radmann, name: Rådmannens ledergruppe, level: 1, leader: Rådmann, budget: true}

  # Level 2: the stab (staff: HR, økonomi, IKT) and two kommunalsjef areas (service areas)
  - id: stab
    name: Stab og støtte
    level: 2
    parent: radmann
    leader: Stabsleder
    staff: 12                       # medarbeidere without a leader role
    budget: true                    # budsjettansvar (budget responsibility) goes with personalansvar
    role: support                   # support (støtte) | staff | authority (myndighet) | appeals | provider
  - id: ks-helse
    name: Helse og omsorg
    level: 2
    parent: radmann
    leader: Kommunalsjef helse og omsorg
    budget: true
  - id: ks-oppvekst
    name: Oppvekst
    level: 2
    parent: radmann
    leader: Kommunalsjef oppvekst
    budget: true

  # Level 3: virksomheter, each led by a virksomhetsleder
  - id: tildeling                   # tildelingsenhet: decides every health and care vedtak, so that
    name: Tjenestetildeling         # each user has one saksbehandler (caseworker)
    kind: virksomhet
    level: 3
    parent: ks-helse
    leader: Virksomhetsleder tildeling
    staff: 10
    budget: true
    decides: [hjemmesykepleie, praktisk-bistand]
    role: authority
  - id: hjemme-nord
    name: Hjemmetjenester Nord
    kind: virksomhet
    level: 3
    parent: ks-helse
    leader: Virksomhetsleder
    staff: 30
    budget: true
    kommunedeler: [kd1]
    sites: [kp-nord]
    delivers: [hjemmesykepleie, praktisk-bistand]
    role: provider
  - id: hjemme-sor
    name: Hjemmetjenester Sør
    kind: virksomhet
    level: 3
    parent: ks-helse
    leader: Virksomhetsleder
    staff: 28
    budget: true
    kommunedeler: [kd2]
    sites: [kp-sor]
    delivers: [hjemmesykepleie, praktisk-bistand]
    role: provider
  - id: skole-nord
    name: Nord skole
    kind: virksomhet
    level: 3
    parent: ks-oppvekst
    leader: Rektor                  # a rektor leads a school
    staff: 27
    budget: true
    kommunedeler: [kd1]
    sites: [kp-nord]                # samlokalisering: co-located at the local hub
    delivers: [grunnskole]
  - id: skole-sor
    name: Sør skole
    kind: virksomhet
    level: 3
    parent: ks-oppvekst
    leader: Rektor
    staff: 25
    budget: true
    kommunedeler: [kd2]
    sites: [kp-sor]
    delivers: [grunnskole]
  - id: barnehage
    name: Barnehagene
    kind: virksomhet
    level: 3
    parent: ks-oppvekst
    leader: Styrer                  # a styrer leads kindergartens (barnehager)
    staff: 20
    budget: true

personas:                           # fiktive brukere: fictional users to test the design against
  - id: kari
    name: Kari, 84
    kommunedel: kd1
    needs: [hjemmesykepleie, praktisk-bistand]
    description: Bor alene og trenger hjelp hjemme (lives alone and needs help at home).
"""

STARTER_CONFIG = """\
# orgmodel's settings (innstillinger) for this repository, written by `orgmodel init`.
# `orgmodel check` finds this file in its directory or above it (up to the repository root).
# Precedence: the command line wins over this file, and this file over the defaults.
ruleset: default                    # regelsett: shipped (default, drammen-2020, asker-2020) or a file
paths: [models]                     # what a bare `orgmodel check` and `orgmodel trace` read
fail-on: error                      # exit 1 from this severity up: error | warning | info (unset: warning)
# lang: nb                          # messages in bokmål (nb) or English (en); unset: the locale's
select: []                          # only these rules: codes (OM120), prefixes (OM1), names (max-levels)
ignore: []                          # not these rules
extend-exclude: []                  # more gitignore patterns a directory scan skips, e.g. [models/arkiv/]
per-file-ignores: {}                # rules off for some files, e.g. {"models/gammel-*.yaml": [OM120]}
"""


def write_starter(directory: Path, *, force: bool = False) -> list[Path]:
    """Write the starter files below ``directory`` (created if missing) and return their paths.

    ConfigError, before anything is written, when a file exists and ``force`` is
    false, or when ``directory`` is not a directory.
    """
    model, config = STARTER_MODEL, STARTER_CONFIG
    if language() == "nb":  # the same files with Norwegian comments (orgmodel.starter_nb)
        from orgmodel.starter_nb import in_bokmal

        # and the language set, so that every later command and CI speak bokmål too
        model, config = (
            in_bokmal(STARTER_MODEL),
            in_bokmal(STARTER_CONFIG.replace("# lang: nb  ", "lang: nb    ")),
        )
    files = {directory / CONFIG_PATH: config, directory / MODEL_PATH: model}
    if directory.exists() and not directory.is_dir():
        raise ConfigError(_("{path} is not a directory").format(path=directory))
    existing = [str(path) for path in files if path.exists()]
    if existing and not force:
        names = existing[-1]  # at most two: the configuration and the model
        if len(existing) > 1:
            names = _("{items} and {last}").format(items=", ".join(existing[:-1]), last=existing[-1])
        message = ngettext(
            "{names} already exists; --force overwrites",
            "{names} already exist; --force overwrites",
            len(existing),
        )
        raise ConfigError(message.format(names=names))
    try:
        for path, text in files.items():
            path.parent.mkdir(parents=True, exist_ok=True)
            write_atomically(path, text)
    except OSError as exc:
        raise ConfigError(
            _("cannot write the starter files in {path}: {error}").format(
                path=directory, error=os_reason(exc)
            )
        ) from None
    return list(files)
