"""Which rules run: ``--select``/``--ignore`` and the configuration file's ``select:``/``ignore:``.

The engine applies a ``Selection`` to every rule; ``orgmodel.settings``
checks the selectors a user wrote against the rules that exist.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from orgmodel.diagnostic import ConfigError


def _specificity(selector: str, code: str, name: str) -> int:
    sel = selector.strip()
    if sel.upper() == code or sel.lower() == name:
        return 1000
    if sel and code.startswith(sel.upper()):
        return len(sel)
    return -1


@dataclass(frozen=True)
class Selection:
    """Which rules run: ``--select``/``--ignore`` and the configuration file's ``select:``/``ignore:``.

    One precedence decides: the most specific matching selector wins (a code
    or name over a prefix, a longer prefix over a shorter one); on a tie the
    command line wins over the configuration file, and within one source
    ``ignore`` wins. Without any ``select``, every rule is selected to begin with
    (``extend_select`` adds rules to a selection and never narrows it).
    """

    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    config_select: tuple[str, ...] = ()
    config_ignore: tuple[str, ...] = ()
    extend_select: tuple[str, ...] = ()  # --extend-select: selects like --select, never narrows

    def __call__(self, code: str, name: str) -> bool:
        """Whether the rule with this code and name runs."""
        best = (0, -1, False) if not (self.select or self.config_select) else (-1, -1, False)
        sources = (
            (self.select + self.extend_select, 1, False),
            (self.ignore, 1, True),
            (self.config_select, 0, False),
            (self.config_ignore, 0, True),
        )
        for selectors, tier, ignores in sources:
            for selector in selectors:
                spec = _specificity(selector, code, name)
                if spec >= 0 and (spec, tier, ignores) > best:
                    best = (spec, tier, ignores)
        return best[0] >= 0 and not best[2]


def is_selected(code: str, name: str, select: Iterable[str], ignore: Iterable[str]) -> bool:
    """Whether a code runs under ``--select``/``--ignore``: the most specific match wins, ignore on a tie."""
    return Selection(tuple(select), tuple(ignore))(code, name)


def unknown_selector(selector: str, known: Iterable[tuple[str, str]]) -> str | None:
    """None when ``selector`` matches a rule code, prefix or name; else why not, with a did-you-mean."""
    codes = list(known)
    if any(_specificity(selector, code, name) >= 0 for code, name in codes):
        return None
    from orgmodel.i18n import _
    from orgmodel.validate import suggest

    guess = suggest(selector.lower(), [name for _code, name in codes])
    if guess:
        return _("'{selector}' matches no rule code, prefix or name; did you mean '{guess}'?").format(
            selector=selector, guess=guess
        )
    return _("'{selector}' matches no rule code, prefix or name").format(selector=selector)


def validate_selectors(
    selectors: Iterable[str], known: Iterable[tuple[str, str]], option: str = "--select/--ignore"
) -> None:
    """Raise ConfigError for a selector that matches no code (a typo would silently select nothing).

    ``option`` names where the selectors were given (``--extend-ignore``), as the message says it.
    """
    codes = list(known)
    for sel in selectors:
        problem = unknown_selector(sel, codes)
        if problem:
            raise ConfigError(f"{option}: {problem}")  # option names: the same in both languages
