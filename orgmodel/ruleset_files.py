"""Where rulesets are: the shipped ones by name, a file next to the one that names it.

Shipped rulesets (``default``, ``drammen-2020``) live in ``_rulesets`` inside
an installed wheel and in ``rules/`` of the source tree; they are found by
name, with or without ``.yaml``.
"""

from __future__ import annotations

from pathlib import Path

from orgmodel.i18n import _
from orgmodel.validate import suggest

BUILTIN_DIR_NAMES = ("_rulesets",)


def display_path(path: str | Path) -> str:
    """A path as people read it: relative to the working directory when it is below it."""
    try:
        return str(Path(path).resolve().relative_to(Path.cwd().resolve()))
    except (ValueError, OSError):
        return str(path)


def ruleset_label(path: str | Path) -> str:
    """A ruleset file as people name it: 'default (shipped)' for a shipped one, else its display path."""
    found = Path(path)
    if found.suffix == ".yaml" and found.resolve().parent == builtin_rules_dir().resolve():
        return _("{name} (shipped)").format(name=found.stem)
    return display_path(found)


def shipped_file_name(path: str | Path) -> str | None:
    """``orgmodel:drammen-2020.yaml`` for a file of the shipped rulesets, else None.

    The name is the same wherever orgmodel is installed (a venv, pipx, another Python): a
    finding in a shipped ruleset keeps its baseline entry and its CI fingerprint across machines.
    """
    found = Path(path)
    try:
        if found.suffix == ".yaml" and found.resolve().parent == builtin_rules_dir().resolve():
            return f"orgmodel:{found.name}"
    except (OSError, RuntimeError):
        return None
    return None


def ruleset_shown(path: str | Path) -> str:
    """A ruleset file as ``rules`` and ``explain`` head it.

    A shipped one inside an installed package by its name (not a site-packages path), any other by
    its display path: the source tree's rules/ too, unless that path is absolute (orgmodel run from
    a clone's venv in another directory), where a shipped one is named as ``--show-settings`` does.
    """
    found = Path(path)
    if found.parent.name in BUILTIN_DIR_NAMES and found.parent.parent == Path(__file__).resolve().parent:
        return ruleset_label(found)
    shown = display_path(found)
    return ruleset_label(found) if Path(shown).is_absolute() else shown


def builtin_rules_dir() -> Path:
    """Where the shipped rulesets live: inside an installed wheel or in the source tree."""
    package = Path(__file__).resolve().parent
    for name in BUILTIN_DIR_NAMES:
        if (package / name).is_dir():
            return package / name
    return package.parent / "rules"


def shipped_names() -> list[str]:
    """The names of the shipped rulesets (``default``, ``drammen-2020``)."""
    return sorted(p.stem for p in builtin_rules_dir().glob("*.yaml"))


def shipped(name: str) -> Path | None:
    """The shipped ruleset called ``name`` (with or without ``.yaml``), or None."""
    stem = name[: -len(".yaml")] if name.endswith(".yaml") else name
    stem = stem[: -len(".yml")] if stem.endswith(".yml") else stem
    if stem in shipped_names():
        return builtin_rules_dir() / f"{stem}.yaml"
    return None


def resolve_ruleset(name: str, base: Path) -> Path | None:
    """A ruleset named in a file or on the command line: a shipped one by its name, else a file.

    A shipped name (``default``, ``drammen-2020.yaml``) always means the shipped
    ruleset, never a file of that name beside ``base``: a pull request that adds
    a file called ``default`` would otherwise replace the ruleset a workflow
    pins. A file with such a name is written as a path (``./default.yaml``);
    any other name is a file relative to ``base``.
    """
    found = shipped(name)
    if found is not None and "/" not in name and "\\" not in name:
        return found
    candidate = base / name
    if is_file(candidate):
        return candidate
    return found


def is_file(path: Path) -> bool:
    """``path.is_file()``, False (not an error) for a name the system refuses: too long, or holding NUL."""
    try:
        return path.is_file()
    except (OSError, ValueError):
        return False


def missing_ruleset_hint(name: str, base: Path | None = None) -> str:
    """A hint for a ruleset name that names nothing: a shipped name or a ruleset file near ``base``."""
    choices = shipped_names()
    if base is not None:
        nearby = [*base.glob("*.yaml"), *base.glob("*/*.yaml")][:200]
        choices += [p.relative_to(base).as_posix() for p in nearby if not p.name.startswith(".")]
    guess = suggest(name, choices) or suggest(name.removesuffix(".yaml"), shipped_names())
    if guess:
        return _("did you mean '{guess}'?").format(guess=guess)
    return _("give a ruleset file or a shipped name: {names}").format(names=", ".join(shipped_names()))
