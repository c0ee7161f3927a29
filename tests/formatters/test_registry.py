"""The output registry: every command's --format choices come from it, every renderer is what it claims."""

from __future__ import annotations

import io
import json
import subprocess
import sys

import pytest
from typer.testing import CliRunner

from conftest import FIXTURES, ROOT
from orgmodel.cli import app
from orgmodel.diff.kinds import GROUPS, KINDS
from orgmodel.formatters import (
    FORMATS,
    RESULT_KINDS,
    ChartRenderer,
    CheckRenderer,
    DiffRenderer,
    ReportRenderer,
    StatsRenderer,
    TraceRenderer,
    check_renderer,
    describe,
    diff_renderer,
    formats_for,
    trace_renderer,
)
from orgmodel.formatters.diff_common import phrase
from orgmodel.formatters.envelope import envelope

PROTOCOL = {
    "check": CheckRenderer,
    "diff": DiffRenderer,
    "trace": TraceRenderer,
    "stats": StatsRenderer,
    "chart": ChartRenderer,
    "report": ReportRenderer,
}
SMALL = str(FIXTURES / "models" / "small.yaml")
PERSONAS = str(ROOT / "models" / "drammen-2020.yaml")


def test_each_command_offers_the_formats_that_render_its_result() -> None:
    assert formats_for("diff") == ["text", "json", "markdown", "html"]
    assert formats_for("trace") == ["text", "json"]
    assert formats_for("stats") == ["text", "json", "markdown", "csv"]
    assert formats_for("chart") == ["html", "svg", "dot", "mermaid"]
    assert formats_for("report") == ["html"]  # orgmodel report writes one HTML document
    assert formats_for("check") == [
        "text",
        "json",
        "sarif",
        "github",
        "gitlab",
        "junit",
        "json-lines",
        "concise",
    ]


@pytest.mark.parametrize(
    ("name", "kind"),
    [(name, kind) for name, entry in FORMATS.items() for kind in RESULT_KINDS if entry.serves(kind)],
)
def test_every_registered_renderer_implements_the_protocol_of_its_result(name: str, kind: str) -> None:
    renderer = FORMATS[name].renders[kind]  # type: ignore[index]
    made = renderer.load()(io.StringIO(), color=False)
    assert isinstance(made, PROTOCOL[kind])
    assert renderer.description and not renderer.description.endswith(".")


def test_a_format_asked_for_a_result_it_does_not_render_is_refused() -> None:
    with pytest.raises(KeyError, match="the markdown format does not render check results"):
        check_renderer("markdown", io.StringIO())


def test_the_help_of_each_command_lists_its_formats_with_their_descriptions() -> None:
    commands = (
        ("check", "check"),
        ("diff", "diff"),
        ("trace", "trace"),
        ("stats", "stats"),
        ("render", "chart"),
    )
    for command, kind in commands:
        out = CliRunner().invoke(app, [command, "--help"], terminal_width=1000).stdout  # one line per option
        assert f"-f, --format <{'|'.join(formats_for(kind))}>" in out  # type: ignore[arg-type]
        assert f"Output format: {describe(kind)}." in out  # type: ignore[arg-type]


def test_the_registry_imports_no_formatter_until_one_is_chosen() -> None:
    code = (
        "import sys, orgmodel.cli\n"
        "print(sorted(m for m in sys.modules if m.startswith('orgmodel.formatters.')))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"


def _json(command: list[str]) -> dict[str, object]:
    result = CliRunner().invoke(app, command)
    document: dict[str, object] = json.loads(result.stdout)
    return document


def test_check_diff_and_trace_json_begin_with_the_one_envelope() -> None:
    check = _json(["check", "--ruleset", "default", "--format", "json", SMALL])
    diff = _json(["diff", "--format", "json", SMALL, SMALL])
    trace = _json(["trace", "kari", "--format", "json", PERSONAS])
    stats = _json(["stats", "--format", "json", PERSONAS])
    head = dict(envelope())
    assert head == {"tool": "orgmodel", "version": head["version"], "format": 1}
    for document, fourth in ((check, "ruleset"), (diff, "command"), (trace, "persona"), (stats, "command")):
        assert list(document)[:4] == ["tool", "version", "format", fourth]
        assert {key: document[key] for key in head} == head


def test_every_change_kind_has_its_group_meaning_and_phrases_in_the_one_table() -> None:
    assert len(KINDS) == 89
    assert all(kind.group in GROUPS and kind.meaning and kind.one and kind.many for kind in KINDS.values())
    assert phrase("unit-added", 1) == "1 unit added"
    assert phrase("unit-added", 3) == "3 units added"
    assert phrase("kommunedel-removed", 2) == "2 kommunedeler removed"
    assert phrase("unit-merged", 1) == "1 merger"


def test_the_typed_factories_write_to_the_stream_they_are_given() -> None:
    stream = io.StringIO()
    diff_renderer("text", stream, color=False)
    trace_renderer("json", stream, color=False)
    assert stream.getvalue() == ""
