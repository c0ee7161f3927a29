"""Options and messages in plain words: fixed-value options with a did-you-mean, OM242's grammar."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import FIXTURES, check_yaml, positions
from orgmodel.cli import app

SMALL = str(FIXTURES / "models" / "small.yaml")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["check", SMALL, "--fail-on", "informational"],
            "Invalid value for '--fail-on': 'informational' is not one of error, warning, info; "
            "did you mean 'info'?",
        ),
        (
            ["check", SMALL, "--format", "jsn"],
            "Invalid value for '--format' / '-f': 'jsn' is not one of text, json, sarif, github, gitlab, "
            "junit, json-lines, concise; did you mean 'json'?",
        ),
        (
            ["diff", SMALL, SMALL, "--fail-on-new", "warn"],
            "Invalid value for '--fail-on-new': 'warn' is not one of error, warning; did you mean 'warning'?",
        ),
        (
            ["trace", "kari", SMALL, "--format", "html"],
            "Invalid value for '--format' / '-f': 'html' is not one of text, json",
        ),
    ],
)
def test_a_wrong_fixed_value_is_a_plain_usage_error(args: list[str], message: str) -> None:
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1] == f"Error: {message}"
    assert "Value error" not in result.stderr


def test_the_right_values_still_parse() -> None:
    args = ["check", SMALL, "--ruleset", "default"]
    assert CliRunner().invoke(app, [*args, "--fail-on", "info", "-f", "json"]).exit_code == 0
    assert CliRunner().invoke(app, ["diff", SMALL, SMALL, "--fail-on-new", "warning"]).exit_code == 0


def test_an_appeals_body_naming_nothing_is_held_apart_from_them() -> None:
    text = (
        Path(SMALL)
        .read_text(encoding="utf-8")
        .replace("    decides: [hjemmesykepleie]\n", "    role: appeals\n")
    )
    result = check_yaml(text, ["OM242"])
    assert positions(result.diagnostics) == [(35, 11, "OM242")]
    assert result.diagnostics[0].message == (
        "'Tjenestetildeling' (tildeling) is an appeals body (klageinstans) but does not name the units whose "
        "decisions it reviews, so it cannot be held apart from them"
    )


def test_a_configured_fail_on_with_a_longer_word_gets_a_did_you_mean(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / ".orgmodel.yaml").write_text("paths: [m.yaml]\nfail_on: informational\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["check"])
    assert result.exit_code == 2
    assert result.stderr.splitlines()[:2] == [
        ".orgmodel.yaml:2:10: OM008 config [error] fail_on: expected 'error', 'warning' or 'info', "
        "got 'informational'",
        "       = hint: did you mean 'info'?",
    ]
