"""OM276 project-terms: a project is temporary, owned, ends and hands over (the Drammensregionen VA study)."""

from __future__ import annotations

from collections.abc import Iterator

from orgmodel.diagnostic import Diagnostic, Severity
from orgmodel.i18n import _
from orgmodel.rule import Context, NoParams, Rule, register
from orgmodel.rules._principles import item_loc


@register
class ProjectTerms(Rule[NoParams]):
    """A project names its owner, its end date and the unit it hands over to, and has not ended yet.

    Drammensregionen's projects are temporary organisations: each is
    "organisert med prosjekteier og styringsgruppe", runs for a stated
    period ("Prosjektperioden varer til høsten 2011") and "deretter skal
    oppgavene overføres til basisorganisasjonen" (Drammensregionen VA study, the Røyken
    project; the water-and-sewage project with the rådmannsutvalg as
    steering group). A project under ``projects:`` without ``owner``,
    ``ends`` or ``hands_over_to`` is reported once at its ``id``, naming
    what is missing: without them it is a unit in disguise. A project whose
    ``ends`` lies before the model's ``valid_from`` is over when the design
    starts: its work belongs to the unit it handed over to, and it is
    reported at its ``ends``.

    Anti-pattern::

        valid_from: 2020-01-01
        projects:
          - {id: prosjekt-va, name: Felles vann og avløp, steering_group: [radmann]}
          - {id: prosjekt-ikt, name: Felles IKT, owner: radmann, ends: 2019-06-30, hands_over_to: virk-ikt}

    Best practice::

        valid_from: 2020-01-01
        projects:
          - {id: prosjekt-va, name: Felles vann og avløp, owner: radmann, steering_group: [radmann],
             ends: 2021-12-31, hands_over_to: virk-va}
    """

    code = "OM276"
    name = "project-terms"
    severity = Severity.WARNING

    def check(self, ctx: Context) -> Iterator[Diagnostic]:
        yield from self._terms(ctx)
        yield from self._ended(ctx)

    def _terms(self, ctx: Context) -> Iterator[Diagnostic]:
        for index, project in enumerate(ctx.model.projects):
            keys = ", ".join(
                f"'{key}:'"
                for key, value in (
                    ("owner", project.owner),
                    ("ends", project.ends),
                    ("hands_over_to", project.hands_over_to),
                )
                if value is None
            )
            if not keys:
                continue
            yield self.diagnostic(
                ctx,
                item_loc(ctx, "projects", index),
                _(
                    "the project '{name}' ({id}) has no {keys}: a project is temporary, has an owner "
                    "(prosjekteier), and hands its work over to the basisorganisasjon when it ends"
                ).format(name=project.name, id=project.id, keys=keys),
                unit=project.id,
                hint=_("add {keys} to the project").format(keys=keys),
                breach="terms",
            )

    def _ended(self, ctx: Context) -> Iterator[Diagnostic]:
        start = ctx.model.valid_from
        if start is None:
            return
        for index, project in enumerate(ctx.model.projects):
            if project.ends is None or project.ends >= start:
                continue
            if project.hands_over_to in ctx.graph.units:
                message = _(
                    "the project '{name}' ({id}) ended on {ends}, before this design takes effect on "
                    "{start}: its work has been handed over to {unit}"
                )
            else:
                message = _(
                    "the project '{name}' ({id}) ended on {ends}, before this design takes effect on "
                    "{start}: its work has been handed over"
                )
            yield self.diagnostic(
                ctx,
                item_loc(ctx, "projects", index, "ends"),
                message.format(
                    name=project.name,
                    id=project.id,
                    ends=project.ends.isoformat(),
                    start=start.isoformat(),
                    unit=ctx.unit_label(project.hands_over_to) if project.hands_over_to else "",
                ),
                unit=project.id,
                hint=_("remove the project from the design, or correct 'ends:' or 'valid_from:'"),
                breach="ended",
            )
