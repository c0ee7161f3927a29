"""OM280 consideration-ranks: the hensyn are ranked 1, 2, 3 … without a gap (the Tønsberg/Re workshop)."""

from __future__ import annotations

from collections.abc import Iterator

from orgmodel.diagnostic import Diagnostic, Severity
from orgmodel.i18n import _
from orgmodel.rule import Context, NoParams, Rule, register
from orgmodel.rules._principles import item_loc


@register
class ConsiderationRanks(Rule[NoParams]):
    """The considerations (hensyn) are ranked from 1 without skipping a number.

    The Tønsberg/Re workshop prioritised its hensyn, and ``orgmodel diff``
    weighs each proposal's scores by them: a consideration of rank r, where
    n is the highest rank, weighs n + 1 - r. A rank that skips a number
    (1, 2, 3, 4, 5, then 9) is most often a slip, and it moves every weight:
    the last consideration drops and the others rise, so an unchanged
    scoring gets another weighted score. Ties are allowed (two equally
    important hensyn share a rank), counted either way: 1, 2, 2, 3 or 1, 2,
    2, 4. The first rank that no tie explains is reported at its ``rank``,
    once per model.

    Anti-pattern::

        considerations:
          - {id: barnets-beste, name: Barnets beste, rank: 1}
          - {id: narhet, name: Nærhet til brukerne, rank: 2}
          - {id: robust, name: Robuste fagmiljøer, rank: 9}

    Best practice::

        considerations:
          - {id: barnets-beste, name: Barnets beste, rank: 1}
          - {id: narhet, name: Nærhet til brukerne, rank: 2}
          - {id: robust, name: Robuste fagmiljøer, rank: 3}
    """

    code = "OM280"
    name = "consideration-ranks"
    severity = Severity.WARNING

    def check(self, ctx: Context) -> Iterator[Diagnostic]:
        considerations = ctx.model.considerations
        ordered = sorted(range(len(considerations)), key=lambda i: (considerations[i].rank, i))
        previous = 0
        for before, index in enumerate(ordered):
            rank = considerations[index].rank
            # a tie, the next number (1, 2, 2, 3) or the number after the tied ones (1, 2, 2, 4)
            if rank not in (previous, previous + 1, before + 1):
                yield self._gap(ctx, index, previous)
                return
            previous = rank

    def _gap(self, ctx: Context, index: int, previous: int) -> Diagnostic:
        consideration = ctx.model.considerations[index]
        if previous:
            message = _(
                "the consideration '{name}' ({id}) has rank {rank}, but the ranks before it end at "
                "{previous}: a skipped rank changes every weight (n + 1 - rank) 'orgmodel diff' scores "
                "the proposals by"
            )
        else:
            message = _(
                "the consideration '{name}' ({id}) has rank {rank}, but no consideration has rank 1: "
                "the ranks start at 1, the most important"
            )
        return self.diagnostic(
            ctx,
            item_loc(ctx, "considerations", index, "rank"),
            message.format(
                name=consideration.name, id=consideration.id, rank=consideration.rank, previous=previous
            ),
            unit=consideration.id,
            hint=_(
                "number the considerations 1, 2, 3 … in order of importance; equally important ones "
                "share a rank"
            ),
        )
