"""OM276 project-terms: a project is temporary, owned, steered, ends and hands over (seed 002)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

from pydantic import BaseModel, ConfigDict, Field

from orgmodel.diagnostic import Diagnostic, Severity
from orgmodel.hints import or_list
from orgmodel.i18n import _
from orgmodel.rule import Context, Rule, register
from orgmodel.rules._outside import outside
from orgmodel.rules._principles import item_loc, words
from orgmodel.rules._representatives import (
    Marked,
    Party,
    candidates,
    first_along,
    needed_sides,
    represented_by,
    unrepresented,
    unrepresented_words,
)
from orgmodel.schema_period import Period
from orgmodel.schema_sections import PARTY_WORDS, Project

_REQUIRED: tuple[Party, ...] = ("employer", "employees")


class ProjectTermsParams(BaseModel):
    """Options of project-terms."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    parties: list[Party] = Field(
        default_factory=lambda: list(_REQUIRED),
        description="the sides of the trepartssamarbeid a project that states its 'parties:' must list; "
        "empty: not judged. Source: the Drammensregionen VA study (seed 002) is prepared 'administrativt "
        "med deltagelse fra de ansattes organisasjoner', and Nedre Eiker's steering group holds "
        "tillitsvalgte and the hovedverneombud (seed 002); the verneombud is named in one of the two, so "
        "safety is required only where a ruleset adds it",
    )


@register
class ProjectTerms(Rule[ProjectTermsParams]):
    """A project names its owner, steering group, end and receiver, and has not ended yet.

    Drammensregionen's projects are temporary organisations: each is
    "organisert med prosjekteier og styringsgruppe", runs for a stated
    period ("Prosjektperioden varer til høsten 2011") and "deretter skal
    oppgavene overføres til basisorganisasjonen" (Drammensregionen VA study, the Røyken
    project; the water-and-sewage project with the rådmannsutvalg as
    steering group). A project under ``projects:`` without ``owner``,
    ``steering_group`` (or with an empty one), ``ends`` or
    ``hands_over_to`` is reported once at its ``id``, naming what is
    missing: without them it is a unit in disguise. A project whose
    ``ends`` lies before the model's ``valid_from`` is over when the design
    starts: its work belongs to the unit it handed over to, and it is
    reported at its ``ends``. ``ends`` is a day, a month (``2011-12`` for
    "til høsten 2011") or a year; a month or year counts as over only when
    all of it lies before ``valid_from``. A project that hands over to a unit outside
    the basisorganisasjon (a parentless ``iks`` or ``external`` unit, or an
    agreement's unit) is reported at its ``hands_over_to``: the work goes to
    the municipality's own organisation (a project that founds an IKS to
    take it over says so with a suppression and its reason).

    A project is a trepartssamarbeid: the VA study "gjøres administrativt
    med deltagelse fra de ansattes organisasjoner", and Nedre Eiker's
    steering group holds "fem politikere, tre tillitsvalgte, tre fra
    administrasjon, hovedvernombud og prosjektleder" (seed 002). A project
    that states its ``parties`` without every side the rule's ``parties``
    option requires (the employer and the employees by default; the
    verneombud, ``safety``, where a ruleset adds it) is reported at its
    ``parties``. A project that states no ``parties`` is not judged on them:
    the model does not say how it involves the employees. A unit or
    position listed twice in a ``steering_group`` is reported at the
    second listing.

    Ticking ``employees`` is a claim; the tillitsvalgte in the steering
    group are the fact. A position says whom it speaks for with
    ``represents``, in the words of ``parties``: ``employees`` for a
    tillitsvalgt or hovedtillitsvalgt, ``safety`` for a verneombud or
    the hovedverneombud. A project whose parties (a delprosjekt's own,
    else its project's) include one of these sides, but whose steering
    group, and working group (``working_group``: the VA study's
    arbeidsutvalg, where "de ansattes organisasjoner deltar gjennom
    medlemmer"), hold no position that represents it, is reported at its
    ``steering_group``, naming the side, with a hint naming the
    positions that represent it. A project without a steering group is
    the one finding at its ``id`` above, and its hint names them; a
    delprosjekt with its project's steering group is reported (at its
    ``id``) only for a side its project is not reported for. A side is
    judged only where the model marks at least one position for it: a
    model that marks none does not say who its tillitsvalgte or its
    verneombud are, and what is not stated is no breach. A project
    that states no ``parties`` (nor has its project's) is not judged on
    its steering group either: whether it is an omstilling prepared
    with the tillitsvalgte (Hovedavtalen) or a project of another kind,
    the model does not say.

    A delprosjekt (``part_of``: the project it is part of; seed 002's
    "delprosjektgrupper") has its project's owner, steering group,
    parties, end and receiver where it writes none of its own; one that
    ends after its project is reported at its ``ends``, and projects that
    are delprosjekter of each other in a circle once, at the first one's
    ``part_of``. A project's ``leader`` (its prosjektleder) is a unit or a
    position.

    Anti-pattern::

        valid_from: 2020-01-01
        positions:
          - {id: htv-fo, title: Hovedtillitsvalgt Fagforbundet, represents: employees}
        projects:
          - {id: prosjekt-va, name: Felles vann og avløp, steering_group: [radmann]}
          - {id: prosjekt-ikt, name: Felles IKT, owner: radmann, steering_group: [radmann, radmann],
             parties: [employer], ends: 2019-06-30, hands_over_to: virk-ikt}
          - {id: prosjekt-skole, name: Ny skolestruktur, owner: radmann, steering_group: [radmann],
             parties: [employer, employees], ends: 2021-12-31, hands_over_to: virk-skole}

    Best practice::

        valid_from: 2020-01-01
        positions:
          - {id: htv-fo, title: Hovedtillitsvalgt Fagforbundet, represents: employees}
          - {id: hvo, title: Hovedverneombud, represents: safety}
        projects:
          - {id: prosjekt-va, name: Felles vann og avløp, owner: radmann,
             steering_group: [radmann, htv-fo, hvo], parties: [employer, employees, safety],
             ends: 2021-12-31, hands_over_to: virk-va}
    """

    code = "OM276"
    name = "project-terms"
    severity = Severity.WARNING
    Params = ProjectTermsParams

    def check(self, ctx: Context) -> Iterator[Diagnostic]:
        chains = _chains(ctx.model.projects)
        marked = represented_by(ctx.model.positions)
        yield from self._terms(ctx, chains, marked)
        yield from self._ended(ctx)
        out = outside(ctx.graph)
        for index, project in enumerate(ctx.model.projects):
            yield from self._delprosjekt(ctx, index, chains[index])
            yield from self._twice(ctx, index, project)
            yield from self._parties(ctx, index, project)
            yield from self._representatives(ctx, index, chains[index], marked)
            if project.hands_over_to in out:
                yield self._outside(ctx, index, project)

    def _terms(self, ctx: Context, chains: list[list[Project]], marked: Marked) -> Iterator[Diagnostic]:
        for index, project in enumerate(ctx.model.projects):
            chain = chains[index]
            missing = [
                key
                for key, value in (
                    ("owner", first_along(chain, "owner")),
                    ("steering_group", first_along(chain, "steering_group")),
                    ("ends", first_along(chain, "ends")),
                    ("hands_over_to", first_along(chain, "hands_over_to")),
                )
                if value is None
            ]
            if not missing:
                continue
            keys = ", ".join(f"'{key}:'" for key in missing)
            # one key missing that the file writes (an empty steering_group): at it; else at the id
            one = missing if len(missing) == 1 else []
            loc = item_loc(ctx, "projects", index, *one)
            # the steering group it lacks would hold the representatives its parties ask for: one
            # cause, one finding, whose hint names them (tour K, item 5)
            needed = (
                needed_sides(first_along(chain, "parties"), set(), marked)
                if "steering_group" in missing
                else []
            )
            hint = (
                _("add {keys} to the project, with {ids} in 'steering_group:'").format(
                    keys=keys, ids=candidates(needed, marked)
                )
                if needed
                else _("add {keys} to the project").format(keys=keys)
            )
            yield self.diagnostic(
                ctx,
                loc,
                _(
                    "the project '{name}' ({id}) has no {keys}: a project is temporary, has an owner "
                    "(prosjekteier) and a steering group, and hands its work over to the "
                    "basisorganisasjon when it ends"
                ).format(name=project.name, id=project.id, keys=keys),
                unit=project.id,
                hint=hint,
                breach="terms",
            )

    def _ended(self, ctx: Context) -> Iterator[Diagnostic]:
        start = ctx.model.valid_from
        if start is None:
            return
        for index, project in enumerate(ctx.model.projects):
            if project.ends is None or not project.ends.before(start):
                continue
            if project.hands_over_to in ctx.graph.units:
                message = _(
                    "the project '{name}' ({id}) ends {ends}, before this design takes effect on "
                    "{start}: its work has been handed over to {unit}"
                )
            else:
                message = _(
                    "the project '{name}' ({id}) ends {ends}, before this design takes effect on "
                    "{start}: its work has been handed over"
                )
            yield self.diagnostic(
                ctx,
                item_loc(ctx, "projects", index, "ends"),
                message.format(
                    name=project.name,
                    id=project.id,
                    ends=project.ends,
                    start=start.isoformat(),
                    unit=ctx.unit_label(project.hands_over_to) if project.hands_over_to else "",
                ),
                unit=project.id,
                hint=_("remove the project from the design, or correct 'ends:' or 'valid_from:'"),
                breach="ended",
            )

    def _delprosjekt(self, ctx: Context, index: int, chain: list[Project]) -> Iterator[Diagnostic]:
        """A delprosjekt in a circle of ``part_of`` (once, at the first), or ending after its project."""
        project = chain[0]
        circle = _circle(ctx.model.projects, index)
        if circle is not None:
            first = min(i for i, p in enumerate(ctx.model.projects) if p.id in circle)
            if first == index:
                yield self.diagnostic(
                    ctx,
                    item_loc(ctx, "projects", index, "part_of"),
                    _("the projects are delprosjekter of each other in a circle: {circle}").format(
                        circle=" -> ".join([*circle, circle[0]])
                    ),
                    unit=project.id,
                    hint=_("a delprosjekt names the project it is part of; the main project names none"),
                    breach="part-of-circle",
                )
            return
        if len(chain) < 2 or project.ends is None:
            return
        main, ends = chain[1], project.ends
        main_ends = first_along(chain[1:], "ends")
        if isinstance(main_ends, Period) and ends.after(main_ends):
            yield self.diagnostic(
                ctx,
                item_loc(ctx, "projects", index, "ends"),
                _(
                    "the delprosjekt '{name}' ({id}) ends {ends}, after the project it is part of, "
                    "'{main}' ({main_id}), which ends {main_ends}"
                ).format(
                    name=project.name,
                    id=project.id,
                    ends=ends,
                    main=main.name,
                    main_id=main.id,
                    main_ends=main_ends,
                ),
                unit=project.id,
                hint=_("end the delprosjekt by its project's end, or extend the project"),
                breach="outlives",
            )

    def _twice(self, ctx: Context, index: int, project: Project) -> Iterator[Diagnostic]:
        """Each unit or position listed more than once in the steering group, at its second listing."""
        counts = Counter(project.steering_group)
        seen: set[str] = set()
        for pos, ref in enumerate(project.steering_group):
            if ref in seen and counts[ref] > 1:
                yield self.diagnostic(
                    ctx,
                    ("projects", index, "steering_group", pos),
                    (
                        _("'{ref}' is listed twice in the steering group of the project '{name}' ({id})")
                        if counts[ref] == 2
                        else _(
                            "'{ref}' is listed {n} times in the steering group of the project '{name}' ({id})"
                        )
                    ).format(ref=ref, n=counts[ref], name=project.name, id=project.id),
                    unit=project.id,
                    hint=_("list each member of the steering group once"),
                    breach=f"steering-group-twice:{ref}",
                )
                counts[ref] = 1  # one finding per repeated member, at its second listing
            seen.add(ref)

    def _parties(self, ctx: Context, index: int, project: Project) -> Iterator[Diagnostic]:
        """A stated ``parties`` without a side the ruleset requires, at ``parties``."""
        if not project.parties:
            return  # not stated (a delprosjekt has its project's): not judged here
        missing = [side for side in self.params.parties if side not in project.parties]
        if not missing:
            return
        sides = words([_(PARTY_WORDS[side]) for side in missing])
        yield self.diagnostic(
            ctx,
            item_loc(ctx, "projects", index, "parties"),
            _(
                "the project '{name}' ({id}) has no {sides} among its parties: a project is a "
                "trepartssamarbeid, prepared with the employees' organisations"
            ).format(name=project.name, id=project.id, sides=sides),
            unit=project.id,
            hint=_("add {sides} to 'parties:', and its representatives to 'steering_group:'").format(
                sides=", ".join(missing)
            ),
            breach="parties",
        )

    def _representatives(
        self, ctx: Context, index: int, chain: list[Project], marked: Marked
    ) -> Iterator[Diagnostic]:
        """A steering group holding no position that represents a side among the project's parties.

        Judged only for a side some position of the model ``represents``. A delprosjekt that has
        its project's steering group is reported only for a side its project is not reported for.
        """
        sides = unrepresented(chain, marked)
        own = bool(chain[0].steering_group)
        if sides and not own:
            source = next((k for k, p in enumerate(chain) if p.steering_group), None)
            reported = unrepresented(chain[source:], marked) if source is not None else []
            sides = [side for side in sides if side not in reported]
        if not sides:
            return
        project = chain[0]
        message = unrepresented_words(bool(first_along(chain, "working_group")), len(sides))
        yield self.diagnostic(
            ctx,
            item_loc(ctx, "projects", index, *(["steering_group"] if own else [])),
            message.format(
                name=project.name, id=project.id, sides=or_list([_(PARTY_WORDS[s]) for s in sides])
            ),
            unit=project.id,
            hint=_(
                "add {ids} to 'steering_group:', or to 'working_group:' where the employees take part "
                "in the work"
            ).format(ids=candidates(sides, marked)),
            breach="steering-group-representatives",
        )

    def _outside(self, ctx: Context, index: int, project: Project) -> Diagnostic:
        """A project handing its work to a unit outside the basisorganisasjon, at ``hands_over_to``."""
        return self.diagnostic(
            ctx,
            item_loc(ctx, "projects", index, "hands_over_to"),
            _(
                "the project '{name}' ({id}) hands its work over to {unit}, which is outside the "
                "basisorganisasjon: a project hands over to the municipality's own organisation"
            ).format(name=project.name, id=project.id, unit=ctx.unit_label(project.hands_over_to or "")),
            unit=project.id,
            hint=_("name the unit in the personnel tree that takes over in 'hands_over_to:'"),
            breach="hands-over-outside",
        )


def _chains(projects: list[Project]) -> list[list[Project]]:
    """Each project, then the project it is a delprosjekt of, and so on (a circle is left at its start)."""
    by_id = {project.id: project for project in projects}
    out = []
    for project in projects:
        chain = [project]
        while chain[-1].part_of in by_id and by_id[chain[-1].part_of or ""] not in chain:
            chain.append(by_id[chain[-1].part_of or ""])
        out.append(chain)
    return out


def _circle(projects: list[Project], index: int) -> list[str] | None:
    """The ids of the circle of ``part_of`` lines through the project at ``index``, else None."""
    by_id = {project.id: project for project in projects}
    start = projects[index]
    path = [start.id]
    node = start
    while node.part_of in by_id:
        node = by_id[node.part_of or ""]
        if node.id == start.id:
            return path
        if node.id in path:
            return None  # a circle further up, not through this project
        path.append(node.id)
    return None
