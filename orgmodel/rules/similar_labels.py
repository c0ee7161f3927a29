"""OM170 similar-labels."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from difflib import SequenceMatcher
from typing import Any

from orgmodel.diagnostic import Diagnostic, Severity
from orgmodel.hint_words import KNOWN_KINDS
from orgmodel.i18n import N_, _, ngettext
from orgmodel.rule import Context, Rule, register
from orgmodel.rules._virksomhet import OTHER_KINDS

# How alike two labels must be to be one label misspelt (difflib's ratio: 'virksomheit' and
# 'virksomhet' 0.95, 'helse-omsorg' and 'helse-og-omsorg' 0.89; 'helse' and 'helse-og-omsorg' 0.5,
# 'skole' and 'barnehage' 0.14). None of the 52 shipped, corpus, example and fixture models has two
# labels this close.
CLOSE = 0.85
_FIELDS = {"kind": N_("kind"), "category": N_("category")}
Labelled = tuple[tuple[Any, ...], str, str | None]  # where a label is written, the label, the unit (or None)


@register
class SimilarLabels(Rule[Any]):
    """A kind or category is not written almost like another one.

    The rules compare ``kind`` (virksomhet, avdeling, knutepunkt) and a
    service's ``category`` (helse-og-omsorg) exactly, so a slip such as
    ``kind: virksomheit`` or ``category: helse-omsorg`` is silently a label
    of its own: the unit is no longer judged as a virksomhet (robust-units,
    comparable-sizes), and the service drops out of single-decider,
    allocation-unit and persona-saksbehandler. A label is reported at each
    item that writes it when it is one or two letters from another label
    that is known (a kind the rules read, ``direktorområde`` without the ø
    too; a category the ruleset names that the model uses:
    one it names and no service has is reported by the rules that name it) or
    that the model uses more often; two labels used equally often, neither
    known, are left alone, since either could be meant. Labels differing
    only in case are OM010.

    Anti-pattern (five services are ``helse-og-omsorg``)::

        - {id: praktisk-bistand, name: Praktisk bistand, category: helse-omsorg, vedtak: true}

    Best practice::

        - {id: praktisk-bistand, name: Praktisk bistand, category: helse-og-omsorg, vedtak: true}
    """

    code = "OM170"
    name = "similar-labels"
    severity = Severity.WARNING

    def check(self, ctx: Context) -> Iterator[Diagnostic]:
        model = ctx.model
        kinds: list[Labelled] = [
            (("units", i, "kind"), u.kind, u.id) for i, u in enumerate(model.units) if u.kind
        ]
        kinds += [(("sites", i, "kind"), s.kind, None) for i, s in enumerate(model.sites) if s.kind]
        categories: list[Labelled] = [
            (("services", i, "category"), s.category, None)
            for i, s in enumerate(model.services)
            if s.category
        ]
        yield from self._field(ctx, "kind", kinds, KNOWN_KINDS | set(OTHER_KINDS))
        named = {c for rule in ctx.rules.values() for c in getattr(rule.params, "categories", None) or ()}
        # a named category no service has is reported by the rules that name it (OM210, OM212, ...):
        # here a category counts as known only when the model uses it too
        yield from self._field(ctx, "category", categories, named & {label for _loc, label, _u in categories})

    def _field(
        self,
        ctx: Context,
        field: str,
        written: list[Labelled],
        known: frozenset[str] | set[str],
    ) -> Iterator[Diagnostic]:
        uses = Counter(label for _loc, label, _unit in written)
        slips = _slips(uses, known)
        for loc, label, unit in written:
            twin = slips.get(label)
            if twin is None:
                continue
            count, what = uses[twin], _(_FIELDS[field])
            if count:
                message = ngettext(
                    "the {field} '{label}' is written almost like '{twin}' (used {count} time in the "
                    "model); the rules read them as two different labels",
                    "the {field} '{label}' is written almost like '{twin}' (used {count} times in the "
                    "model); the rules read them as two different labels",
                    count,
                ).format(field=what, label=label, twin=twin, count=count)
            else:
                message = _(
                    "the {field} '{label}' is written almost like '{twin}', which orgmodel or the ruleset "
                    "knows; the rules read them as two different labels"
                ).format(field=what, label=label, twin=twin)
            hint = _("did you mean '{twin}'? (if '{label}' is meant, suppress this with the reason)")
            yield self.diagnostic(
                ctx, loc, message, unit=unit, hint=hint.format(twin=twin, label=label), breach=label
            )


MAX_LABELS = 200
"""At most this many labels are compared, the most used first, each at most ``MAX_LABEL`` characters:
a model's kinds are a vocabulary of a few dozen words, and comparing every pair of 1,000 random labels
of 100 characters (a hostile file of 250 KB) took minutes."""
MAX_LABEL = 60


def _slips(uses: Counter[str], known: frozenset[str] | set[str]) -> dict[str, str]:
    """Each label that looks like a slip -> the label it is probably a slip of."""
    judged = [label for label, _count in uses.most_common() if len(label) <= MAX_LABEL][:MAX_LABELS]
    labels = sorted(set(judged) | set(known))
    out: dict[str, str] = {}
    for label in judged:
        if label in known:
            continue
        twins = [
            other
            for other in labels
            if other != label
            and other.lower() != label.lower()  # a case slip is OM010's
            and (other in known or uses[other] > uses[label])
            and SequenceMatcher(None, label, other).ratio() >= CLOSE
        ]
        if twins:
            out[label] = max(twins, key=lambda other: (other in known, uses[other], other))
    return out
