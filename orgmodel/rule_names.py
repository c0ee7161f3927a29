"""Why no rule is called what a ruleset, a selector or ``explain`` names: a slip, or a plugin's rule.

A name only loosely like a rule's ('kommune-sentral-stab', like 'kommunedel-hub') is more often a
rule of a plugin not installed here, so the hint then names the installed plugins too.
"""

from __future__ import annotations

from collections.abc import Iterable

from orgmodel.entry_points import PLUGIN_CODE
from orgmodel.i18n import _
from orgmodel.rule import load_rules, plugins


def is_plugin_code(key: str) -> bool:
    """Whether ``key`` has the shape of a plugin rule's code (``EX001``: letters, digits, not OM)."""
    code = key.strip().upper()
    return bool(PLUGIN_CODE.fullmatch(code)) and not code.startswith("OM")


def missing_rule(key: str, more: Iterable[str] = ()) -> tuple[str, str]:
    """Why no rule is called ``key`` (a typo, or a rule of a plugin not installed here), and a hint.

    ``more``: the names of other rules the reader could mean (a ruleset's custom rules).
    """
    from orgmodel.hints import suggest

    guess = suggest(key.strip().lower(), [*(cls.name for cls in load_rules().values()), *more])
    if is_plugin_code(key):
        what = _("no rule has the code '{code}': no rule plugin installed here provides it").format(code=key)
    else:
        what = _("no rule is called '{name}'").format(name=key)
    if guess and is_close(key.strip().lower(), guess):
        return what, _("did you mean '{guess}'?").format(guess=guess)
    installed = ", ".join(plugin.label for plugin in plugins()) or _("none")
    plugin_hint = _(
        "'orgmodel rules' lists every rule; a plugin's rules need the plugin installed beside "
        "orgmodel (rule plugins installed: {installed})"
    ).format(installed=installed)
    if guess:  # a word or two alike ('kommune-sentral-stab', 'kommunedel-hub'): a plugin's rule, or a slip
        return what, _("did you mean '{guess}'? {more}").format(guess=guess, more=plugin_hint)
    return what, plugin_hint


def is_close(word: str, guess: str) -> bool:
    """Whether ``guess`` is a slip of ``word`` (a letter or two, a case), not a word that shares a part."""
    import difflib

    from orgmodel.hint_words import RULE_SYNONYMS

    if guess.lower() == word or guess in RULE_SYNONYMS.get(word.replace(" ", "-"), ()):
        return True  # a case slip, or a Norwegian word for the rule ('lederspenn')
    return difflib.SequenceMatcher(None, word, guess.lower()).ratio() >= 0.8
