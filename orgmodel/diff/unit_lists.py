"""Changes of a unit's lists: what it supervises, its sites, kommunedeler, services delivered and decided."""

from __future__ import annotations

from orgmodel.diff.kinds import Change
from orgmodel.diff.matching import Matching
from orgmodel.diff.units import label, listed_names
from orgmodel.graph import OrgGraph
from orgmodel.i18n import N_, _

# a list of ids, and the collection they name (diff.renames: the ids that changed there)
_COLLECTIONS = {
    "sites": "sites",
    "kommunedeler": "kommunedeler",
    "delivers": "services",
    "decides": "services",
}
# per list: its kind, the key, whether it names units, and the sentences for ids gained (when the list
# had others; when it was empty) and lost: "no longer decides (grants by vedtak) 'Avlastning'"
_LISTS = (
    (
        "supervision-changed",
        "supervises",
        True,
        (N_("now also supervises {ids}"), N_("now supervises {ids}"), N_("no longer supervises {ids}")),
    ),
    (
        "unit-sites-changed",
        "sites",
        False,
        (N_("now also works at {ids}"), N_("now works at {ids}"), N_("no longer works at {ids}")),
    ),
    (
        "unit-kommunedeler-changed",
        "kommunedeler",
        False,
        (N_("now also covers {ids}"), N_("now covers {ids}"), N_("no longer covers {ids}")),
    ),
    (
        "unit-delivers-changed",
        "delivers",
        False,
        (N_("now also delivers {ids}"), N_("now delivers {ids}"), N_("no longer delivers {ids}")),
    ),
    (
        "unit-decides-changed",
        "decides",
        False,
        (
            N_("now also decides (grants by vedtak) {ids}"),
            N_("now decides (grants by vedtak) {ids}"),
            N_("no longer decides (grants by vedtak) {ids}"),
        ),
    ),
)


def list_changes(
    old: OrgGraph, new: OrgGraph, m: Matching, o: str, n: str, same: bool = False
) -> list[Change]:
    """Changes of a unit's lists (supervises, sites, kommunedeler, delivers, decides).

    Kommunedeler are compared as the unit serves them: a unit that names
    none works where its leader's unit works, so an avdeling turned into a
    virksomhet that now lists the kommunedeler it served by inheritance has
    not changed its places. With ``same`` (every field as it was) only the
    lists of unit ids can change: by the ids they name being renamed.
    """
    from orgmodel.diff.deciders import common_services

    before, after = old.units[o], new.units[n]
    out: list[Change] = []
    for kind, field, mapped, (also, first, lost) in _LISTS:
        if same and not (mapped and getattr(before, field)):
            continue
        ids = m.ids.get(_COLLECTIONS.get(field, ""), {})
        was_list = [m.mapped(x) if mapped else ids.get(x, x) for x in getattr(before, field)]
        now_list = list(getattr(after, field))
        if set(was_list) == set(now_list):
            continue
        if field == "kommunedeler":
            was_list, now_list = sorted(ids.get(x, x) for x in old.places[o]), sorted(new.places[n])
            if was_list == now_list:
                continue
        gone = [x for x in was_list if x not in set(now_list)]
        came = [x for x in now_list if x not in set(was_list)]
        if field == "decides":  # who decides a service on both sides: one line per service (diff.deciders)
            both = common_services(old, new, m)
            gone, came = [x for x in gone if x not in both], [x for x in came if x not in both]
            if not gone and not came:
                continue
        gained = also if was_list else first
        parts = [_(gained).format(ids=listed_names((new, old), field, came))] if came else []
        parts += [_(lost).format(ids=listed_names((old, new), field, gone))] if gone else []
        out.append(
            Change(
                kind,
                f"{kind}:{n}",
                # Translators: "'Avlastning' (virk-avlastning) no longer delivers 'Fritid' (fritid)"
                _("{unit} {changes}").format(unit=label(new, n), changes="; ".join(parts)),
                unit=n,
                name=after.name,
                before=sorted(set(was_list)),
                after=sorted(set(now_list)),
            )
        )
    return out
