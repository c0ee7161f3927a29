"""``orgmodel render`` on the command line: outputs, files, exit codes and messages."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import FIXTURES, ROOT
from orgmodel.cli import app

CHART = str(FIXTURES / "render" / "chart.yaml")
DRAMMEN = str(ROOT / "models" / "drammen-2020.yaml")


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.stdout, result.stderr


def test_html_is_the_default_and_findings_do_not_change_the_exit_code() -> None:
    code, out, err = run("render", CHART, "--ruleset", "default")
    assert (code, err) == (0, "")
    assert out.startswith('<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n')
    assert (
        f'<li class="om-warning" title="{CHART}:22:12"><b>OM120</b> &#x27;Hjemmetjenester Nord&#x27; '
        "(hjemme-nord) has a span of control of 60"
    ) in out
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in out
    assert "<script>alert" not in out


def test_output_file_with_the_suffix_of_its_format(tmp_path: Path) -> None:
    target = tmp_path / "chart.mmd"
    code, out, err = run(
        "render", CHART, "--ruleset", "default", "-f", "mermaid", "-o", str(target), "--depth", "1"
    )
    assert (code, out, err) == (0, "", "")
    assert target.read_text(encoding="utf-8").splitlines()[:4] == [
        "flowchart TD",
        '  u1["Rådmannens lederteam<br/>Rådmann<br/>level 1 · span ≥ 2"]',
        '  u2["Omsorg<br/>Direktør for omsorg<br/>level 1 · span ≥ 1"]',
        '  u3["Oppvekst<br/>Direktør for oppvekst<br/>level 1 · span ≥ 1"]',
    ]


def test_an_output_file_whose_suffix_does_not_fit_is_refused_so_a_model_is_never_overwritten(
    tmp_path: Path,
) -> None:
    model = tmp_path / "model.yaml"
    model.write_text("kept", encoding="utf-8")
    code, out, err = run("render", CHART, "-o", str(model))
    assert (code, out) == (2, "")
    assert err == f"orgmodel: --output {model}: a html file ends in .html or .htm\n"
    assert model.read_text(encoding="utf-8") == "kept"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["--root", "ks-skol"],
            "orgmodel: --root ks-skol: the model has no unit with that id; did you mean 'ks-skole'?",
        ),
        (["-f", "png"], None),
        (["--depth", "-1"], None),
    ],
)
def test_usage_errors_exit_2(args: list[str], message: str | None) -> None:
    code, out, err = run("render", DRAMMEN, *args)
    assert (code, out) == (2, "")
    if message is not None:
        assert err == message + "\n"


def test_the_format_choices_name_every_chart_format() -> None:
    code, _, err = run("render", DRAMMEN, "-f", "svgg")
    assert code == 2
    assert "'svgg' is not one of html, svg, dot, mermaid; did you mean 'svg'?" in err


def test_svg_without_graphviz_is_one_clear_line_and_exit_2(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", "/nonexistent")
    code, out, err = run("render", CHART, "-f", "svg")
    assert (code, out) == (2, "")
    assert err == (
        "orgmodel: --format svg needs Graphviz's 'dot' command (Debian: apt-get install graphviz); "
        "--format dot writes the graph for it\n"
    )


def test_a_broken_model_exits_2_with_its_diagnostics() -> None:
    code, out, err = run("render", str(FIXTURES / "invalid" / "dangling-parent.yaml"))
    assert (code, out) == (2, "")
    assert " OM021 " in err
    assert err.endswith("is not a valid model; 'orgmodel check' shows why\n")
