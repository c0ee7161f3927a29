"""``orgmodel init`` in bokmål: the starter model and ``.orgmodel.yaml`` with Norwegian comments.

The same files as :mod:`orgmodel.starter` writes in English, key for key and value for value
(tests/test_init.py holds them to that): only the comments differ. ``orgmodel --lang nb init`` (or
a Norwegian locale) writes these.
"""

STARTER_MODEL_NB = """\
# En startmodell skrevet av `orgmodel init`: en liten, oppdiktet kommune som du bytter ut
# med din egen. `orgmodel check` kontrollerer den mot regelsettet .orgmodel.yaml nevner;
# `orgmodel explain REGEL` forklarer et funn. Nøklene er formatets (engelske); navn og
# titler er deres egne (norske).
orgmodel: 1                         # formatversjonen
kommune: Eksempel kommune           # kommunens navn
kommunenummer: "9999"               # det offisielle firesifrede nummeret, i anførselstegn (det er tekst)
proposal: Forslag 1                 # forslag: hvilken runde av organiseringen dette er
status: draft                       # draft (utkast) | hearing (på høring) | adopted (vedtatt)

kommunedeler:                       # kommunedeler: de geografiske delene av kommunen
  - {id: kd1, number: 1, name: Nord}
  - {id: kd2, number: 2, name: Sør}

sites:                              # steder der enheter arbeider; kind: knutepunkt er et lokalt knutepunkt
  - {id: kp-nord, name: Nord knutepunkt, kind: knutepunkt, kommunedel: kd1}
  - {id: kp-sor, name: Sør knutepunkt, kind: knutepunkt, kommunedel: kd2}

services:                           # tjenester; vedtak: true = tildeles ved enkeltvedtak
  - {id: hjemmesykepleie, name: Hjemmesykepleie, category: helse-og-omsorg, vedtak: true, local: true}
  - {id: praktisk-bistand, name: Praktisk bistand, category: helse-og-omsorg, vedtak: true, local: true}
  - {id: grunnskole, name: Grunnskole, category: oppvekst, local: true}

units:
  # Nivå 1: rådmannen (kommunedirektøren) og toppledelsen
  - {id: radmann, name: Rådmannens ledergruppe, level: 1, leader: Rådmann, budget: true}

  # Nivå 2: staben (HR, økonomi, IKT) og to kommunalsjefområder (tjenesteområder)
  - id: stab
    name: Stab og støtte
    level: 2
    parent: radmann
    leader: Stabsleder
    staff: 12                       # medarbeidere uten lederrolle
    budget: true                    # budsjettansvar følger personalansvar
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

  # Nivå 3: virksomheter, hver ledet av en virksomhetsleder
  - id: tildeling                   # tildelingsenheten fatter alle vedtak i helse og omsorg,
    name: Tjenestetildeling         # så hver bruker har én saksbehandler
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
    leader: Rektor                  # en rektor leder en skole
    staff: 27
    budget: true
    kommunedeler: [kd1]
    sites: [kp-nord]                # samlokalisering: i det lokale knutepunktet
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
    leader: Styrer                  # en styrer leder barnehager
    staff: 20
    budget: true

personas:                           # fiktive brukere som organiseringen prøves mot
  - id: kari
    name: Kari, 84
    kommunedel: kd1
    needs: [hjemmesykepleie, praktisk-bistand]
    description: Bor alene og trenger hjelp hjemme (lives alone and needs help at home).

"""

STARTER_CONFIG_NB = """\
# orgmodels innstillinger for dette depotet, skrevet av `orgmodel init`.
# `orgmodel check` finner filen i sin mappe eller over den (opp til roten av depotet).
# Kommandolinjen går foran denne filen, og denne filen foran standardverdiene.
ruleset: default                    # regelsett: medfølgende (default, drammen-2020, asker-2020) eller en fil
paths: [models]                     # det `orgmodel check` og `orgmodel trace` uten stier leser
fail-on: warning                    # avslutt med 1 fra denne alvorlighetsgraden: error | warning | info
select: []                          # bare disse reglene: kode (OM120), prefiks (OM1), navn (max-levels)
ignore: []                          # ikke disse reglene
extend-exclude: []                  # flere gitignore-mønstre å hoppe over, f.eks. [models/arkiv/]
per-file-ignores: {}                # regler av for noen filer, f.eks. {"models/gammel-*.yaml": [OM120]}
"""
