"""``orgmodel trace``: a persona's journey through every model file under some paths.

The journeys themselves are computed in ``orgmodel.journeys`` (with the
rules, below the engine); this module checks the files with the engine and
reads each checked model's journeys, so nothing is built twice::

    from orgmodel.trace import trace_paths

    run = trace_paths("kari", ["models/"])
    for path, journey in run.journeys:
        print(path, journey.totals.saksbehandlere)
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from orgmodel.engine import CheckedModel, check_file, model_files
from orgmodel.journeys import (
    MAX_ALTERNATIVES,
    Availability,
    Journey,
    Journeys,
    Leader,
    NeedStep,
    PersonaNotFound,
    Place,
    SiteRef,
    Totals,
    UnitRef,
    find_persona,
    journeys_of,
    trace,
    trace_all,
    trace_persona,
)
from orgmodel.paths import Exclusion

__all__ = [
    "MAX_ALTERNATIVES",
    "Availability",
    "Journey",
    "Journeys",
    "Leader",
    "NeedStep",
    "PersonaNotFound",
    "Place",
    "SiteRef",
    "Totals",
    "TraceRun",
    "UnitRef",
    "find_persona",
    "journeys_of",
    "trace",
    "trace_all",
    "trace_paths",
    "trace_persona",
]


@dataclass
class TraceRun:
    """The journeys of one persona through every model file that has it."""

    persona: str
    journeys: list[tuple[str, Journey]]
    broken: list[CheckedModel]
    known: list[str]

    @property
    def suggestion(self) -> str | None:
        """The closest known persona id to the one asked for."""
        from orgmodel.validate import suggest

        return suggest(self.persona, self.known)


def trace_paths(
    persona_id: str,
    paths: Iterable[str | Path],
    exclusion: Exclusion | None = None,
    categories: tuple[str, ...] | None = None,
) -> TraceRun:
    """Trace a persona through the model files under ``paths`` (ConfigError for a bad path).

    Files that are not valid models go to ``broken`` with their diagnostics;
    ``known`` lists the persona ids of the valid ones, for a did-you-mean.
    ``exclusion`` is what directory scans skip (the configuration's excludes);
    ``categories`` those whose deciders are the saksbehandlere (persona-saksbehandler's
    in the ruleset; its default ``helse-og-omsorg`` when None).
    """
    files = model_files(paths, exclusion)
    return trace_checked(persona_id, (check_file(path, []) for path in files), categories)


def trace_checked(
    persona_id: str, checked: Iterable[CheckedModel], categories: tuple[str, ...] | None = None
) -> TraceRun:
    """Trace a persona through models already checked (each one's journeys are shared, not rebuilt)."""
    run = TraceRun(persona_id, [], [], [])
    for result in checked:
        model = result.model
        if model is None or not result.document.ok:  # YAML, schema or reference errors
            run.broken.append(result)
            continue
        run.known.extend(p.id for p in model.personas if p.id not in run.known)
        for persona in model.personas:
            if persona.id == persona_id:
                run.journeys.append((result.path, journeys_of(result.context, categories).of(persona)))
                break
    return run
