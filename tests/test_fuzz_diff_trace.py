"""Fuzzing ``orgmodel diff`` and ``orgmodel trace`` with mutants: no traceback, no raw control character."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from fuzz_mutants import DIFF_TRACE_EXAMPLES, EXAMPLES, SEEDS, VALID, settings_for, structured_pair, timed
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from orgmodel.cli import app
from orgmodel.escape import is_unsafe


def _persona(name: str) -> str:
    personas = VALID[name].get("personas")
    first = personas[0] if isinstance(personas, list) and personas else None
    found = first.get("id") if isinstance(first, dict) else None
    return found if isinstance(found, str) else "kari"


def diff_and_trace(name: str, raw: bytes, data: st.DataObject) -> None:
    """``orgmodel diff`` of the seed and its mutant and ``orgmodel trace`` on the mutant, in a drawn format.

    Neither may raise, print a traceback or an internal error, or let a raw
    control character out (the mutants' strings reach every output).
    """
    # "report": orgmodel report of the mutant compared with the seed (its diff section is the HTML diff)
    diff_format = data.draw(
        st.sampled_from(["text", "json", "markdown", "html", "report"]), label="diff format"
    )
    trace_format = data.draw(st.sampled_from(["text", "json"]), label="trace format")
    with tempfile.TemporaryDirectory() as tmp:
        seed, mutant = Path(tmp) / "seed.yaml", Path(tmp) / "mutant.yaml"
        seed.write_bytes(SEEDS[name])
        mutant.write_bytes(raw)
        sides = (
            [str(seed), str(mutant)]
            if data.draw(st.booleans(), label="seed first")
            else [
                str(mutant),
                str(seed),
            ]
        )
        compared = (
            ["report", str(mutant), "--ruleset", "default", "--compare", str(seed)]
            if diff_format == "report"
            else ["diff", "--ruleset", "default", "--format", diff_format, *sides]
        )
        runs = [
            compared,
            ["trace", _persona(name), str(mutant), "--format", trace_format],
        ]
        for args in runs:
            run = timed(lambda args=args: CliRunner().invoke(app, args))
            assert run.exception is None or isinstance(run.exception, SystemExit), repr(run.exception)
            assert run.exit_code in (0, 1, 2), (args, run.exit_code, run.stderr)
            assert "internal error" not in run.stderr and "Traceback" not in run.stdout + run.stderr
            raw_out = {f"U+{ord(c):04X}" for c in run.stdout + run.stderr if c != "\n" and is_unsafe(c)}
            assert not raw_out, (args, sorted(raw_out))


@settings_for(DIFF_TRACE_EXAMPLES)
@given(data=st.data())
def test_diff_and_trace_fuzz(data: st.DataObject) -> None:
    name, raw = structured_pair(data)
    diff_and_trace(name, raw, data)


@pytest.mark.slow
@settings_for(EXAMPLES // 10)
@given(data=st.data())
def test_diff_and_trace_fuzz_long(data: st.DataObject) -> None:
    name, raw = structured_pair(data)
    diff_and_trace(name, raw, data)
