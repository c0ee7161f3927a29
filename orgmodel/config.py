"""The project configuration file, found upwards from the working directory.

``.orgmodel.yaml`` at the top of a repository says which ruleset applies and
which paths a bare ``orgmodel check`` checks::

    ruleset: rules/drammen-2020.yaml   # relative to this file
    paths: [models]
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from orgmodel.diagnostic import Diagnostic
from orgmodel.ruleset import ConfigError, display_path, read_yaml
from orgmodel.validate import loc_text, suggest

CONFIG_NAMES = (".orgmodel.yaml", ".orgmodel.yml")


class _ConfigFile(BaseModel):
    model_config = ConfigDict(extra="forbid")

    ruleset: str | None = None
    paths: list[str] = Field(default_factory=list)
    fail_on: str | None = Field(default=None, pattern="^(error|warning|info)$")
    select: list[str] = Field(default_factory=list)
    ignore: list[str] = Field(default_factory=list)
    allow: list[str] = Field(default_factory=list)  # change ids 'orgmodel diff' accepts


@dataclass
class Config:
    """The settings of a discovered configuration file (paths made absolute)."""

    path: Path | None = None
    ruleset: Path | None = None
    paths: list[Path] = field(default_factory=list)
    fail_on: str | None = None
    select: list[str] = field(default_factory=list)
    ignore: list[str] = field(default_factory=list)
    allow: list[str] = field(default_factory=list)

    def ruleset_for(self, option: str | None) -> str | None:
        """The ruleset to load: the command line's, else this file's, else None (the shipped default)."""
        if option is not None:
            return option
        return str(self.ruleset) if self.ruleset else None

    def targets(self, paths: list[Path] | None) -> list[str | Path]:
        """The paths given on the command line, else this file's ``paths:`` (empty when neither)."""
        return list(paths or []) or [display_path(p) for p in self.paths]


def find_config(start: Path | None = None) -> Path | None:
    """The nearest configuration file in ``start`` or a directory above it."""
    here = (start or Path.cwd()).resolve()
    for directory in (here, *here.parents):
        for name in CONFIG_NAMES:
            candidate = directory / name
            if candidate.is_file():
                return candidate
    return None


def load_config(path: Path | None) -> Config:
    """Read a configuration file; None gives the empty configuration."""
    if path is None:
        return Config()
    doc = read_yaml(path, "configuration file")
    try:
        parsed = _ConfigFile.model_validate(doc.data if doc.data is not None else {})
    except ValidationError as exc:
        diags = []
        for err in exc.errors(include_url=False):
            loc = tuple(err["loc"])
            message = f"{loc_text(loc)}: {err['msg']}"
            hint = None
            if err["type"] == "extra_forbidden":
                message = f"unknown key '{loc[-1]}' in {path.name}"
                guess = suggest(str(loc[-1]), _ConfigFile.model_fields)
                hint = f"did you mean '{guess}'?" if guess else "keys: " + ", ".join(_ConfigFile.model_fields)
            span = doc.source.span(loc, key=err["type"] == "extra_forbidden")
            diags.append(Diagnostic.at(str(path), span, "OM008", "config", message, hint=hint))
        raise ConfigError(f"{path} is invalid", diags) from None
    base = path.parent
    return Config(
        path=path,
        ruleset=base / parsed.ruleset if parsed.ruleset else None,
        paths=[base / p for p in parsed.paths],
        fail_on=parsed.fail_on,
        select=parsed.select,
        ignore=parsed.ignore,
        allow=parsed.allow,
    )
