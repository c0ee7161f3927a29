"""The fixed names of a generated model: places, services and direktørområder (``generate_model.py``).

``PLACES`` names the kommunedeler, ``SERVICES`` is the municipality's
service catalogue, ``LOCAL_OWNER`` says which area delivers each ``local:
true`` service in every kommunedel, and ``AREAS`` lists the eight
direktørområder in the order a small municipality keeps them (those with
services first).
"""

from __future__ import annotations

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
AREAS: tuple[tuple[str, str, list[str], str], ...] = (
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


def area_name(key: str) -> str:
    """The name of the direktørområde ``key``."""
    return next(a[1] for a in AREAS if a[0] == key)
