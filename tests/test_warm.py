"""A warm check made again from the cache (orgmodel.warm): the same output, and never a stale one."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from split_model import split_model
from typer.testing import CliRunner

import orgmodel.cli.check_run
from conftest import FIXTURES, ROOT, cached_repository
from orgmodel.cli import app
from orgmodel.formatters import formats_for


@pytest.fixture
def models(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A repository of six model files and a configuration, the cache on, a key of its own."""
    folder = cached_repository(tmp_path, monkeypatch)
    Path(".orgmodel.yaml").write_text("paths: [models]\n", encoding="utf-8")
    return folder


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, list(args))
    assert "Traceback" not in result.stdout + result.stderr
    return result.exit_code, result.stdout, result.stderr


def uncached(*args: str) -> tuple[int, str, str]:
    return run(*args, "--no-cache")


class Replays:
    """Counts the runs made the normal way (configuration, ruleset, engine) and not from the cache."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.normal = 0
        checked = orgmodel.cli.check_run._checked

        def counted(*args: object, **kwargs: object) -> object:
            self.normal += 1
            return checked(*args, **kwargs)  # type: ignore[arg-type]

        monkeypatch.setattr(orgmodel.cli.check_run, "_checked", counted)

    def replayed(self, *args: str) -> tuple[int, str, str]:
        """The output of a run that must come from the cache alone."""
        before = self.normal
        result = run(*args)
        assert self.normal == before, "the run was not made from the cache"
        return result

    def not_replayed(self, *args: str) -> tuple[int, str, str]:
        before = self.normal
        result = run(*args)
        assert self.normal == before + 1, "the run was made from the cache"
        return result


@pytest.mark.parametrize("output_format", formats_for("check"))
def test_a_replayed_run_prints_what_an_uncached_run_prints(
    models: Path, monkeypatch: pytest.MonkeyPatch, output_format: str
) -> None:
    expected = uncached("check", "-f", output_format)
    assert expected[0] == 1
    runs = Replays(monkeypatch)
    assert runs.not_replayed("check", "-f", output_format) == expected  # fills the cache and the record
    assert runs.replayed("check", "-f", output_format) == expected
    assert runs.replayed("check", "-f", output_format, "-o", "out") == uncached(
        "check", "-f", output_format, "-o", "out"
    )


def test_the_selection_fail_on_and_per_file_ignores_are_replayed(
    models: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    Path(".orgmodel.yaml").write_text(
        "paths: [models]\nfail-on: error\nignore: [OM120]\n"
        "per-file-ignores: {'models/drammen-*.yaml': [OM270]}\n",
        encoding="utf-8",
    )
    runs = Replays(monkeypatch)
    for args in (("check",), ("check", "--select", "OM1"), ("check", "--extend-ignore", "OM2")):
        expected = uncached(*args)
        assert runs.not_replayed(*args) == expected
        assert runs.replayed(*args) == expected
    assert runs.replayed("check", "models/small.yaml") == uncached("check", "models/small.yaml")
    assert runs.replayed("check", "--statistics") == uncached("check", "--statistics")


def test_the_language_and_the_ruleset_option_are_part_of_the_record(
    models: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    runs = Replays(monkeypatch)
    runs.not_replayed("check")
    expected = uncached("--lang", "nb", "check")
    assert runs.not_replayed("--lang", "nb", "check") == expected
    assert runs.replayed("--lang", "nb", "check") == expected
    expected = uncached("check", "--ruleset", "drammen-2020")
    assert runs.not_replayed("check", "--ruleset", "drammen-2020") == expected
    assert runs.replayed("check", "--ruleset", "drammen-2020") == expected


def test_an_edited_ruleset_or_a_file_it_extends_is_never_replayed(
    models: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    Path("base.yaml").write_text(
        "orgmodel-ruleset: 1\nextends: default\nrules:\n  span-of-control:\n    first_line: {max: 60}\n",
        encoding="utf-8",
    )
    Path("rules.yaml").write_text("orgmodel-ruleset: 1\nextends: base.yaml\n", encoding="utf-8")
    Path(".orgmodel.yaml").write_text("paths: [models]\nruleset: rules.yaml\n", encoding="utf-8")
    runs = Replays(monkeypatch)
    first = runs.not_replayed("check")
    assert runs.replayed("check") == first
    base = Path("base.yaml")
    base.write_text(base.read_text(encoding="utf-8").replace("60}", "60, warn_above: 4}"), encoding="utf-8")
    expected = uncached("check")
    assert expected != first
    assert runs.not_replayed("check") == expected
    assert runs.replayed("check") == expected


def test_an_edited_configuration_is_never_replayed(models: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    runs = Replays(monkeypatch)
    first = runs.not_replayed("check")
    Path(".orgmodel.yaml").write_text("paths: [models]\nfail-on: error\nselect: [OM1]\n", encoding="utf-8")
    expected = uncached("check")
    assert expected != first
    assert runs.not_replayed("check") == expected


def test_a_new_or_edited_model_file_is_checked(models: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    runs = Replays(monkeypatch)
    runs.not_replayed("check")
    shutil.copy(FIXTURES / "invalid" / "span-above-max.yaml", models / "another.yaml")
    expected = uncached("check")
    assert "another.yaml" in expected[1]
    assert runs.not_replayed("check") == expected
    assert runs.replayed("check") == expected
    small = models / "small.yaml"
    small.write_text(small.read_text(encoding="utf-8").replace("staff: 12", "staff: 75"), encoding="utf-8")
    expected = uncached("check")
    assert runs.not_replayed("check") == expected
    (models / "another.yaml").unlink()
    assert runs.replayed("check") == uncached("check")  # fewer files: each of them is in the cache


def test_a_split_model_is_left_to_the_normal_run(
    models: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    split_model(ROOT / "models" / "drammen-2020.yaml", tmp_path / "split")
    runs = Replays(monkeypatch)
    expected = uncached("check", "split")
    assert runs.not_replayed("check", "split") == expected
    assert runs.not_replayed("check", "split") == expected  # its parts are files of the scan


def test_an_installed_package_is_never_replayed(
    models: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    site = tmp_path / "site"
    site.mkdir()
    monkeypatch.syspath_prepend(str(site))
    monkeypatch.syspath_prepend(str(tmp_path / "first"))  # the script's own directory is not looked at
    runs = Replays(monkeypatch)
    expected = runs.not_replayed("check")
    assert runs.replayed("check") == expected
    (site / "notes.txt").write_text("not a distribution", encoding="utf-8")
    assert runs.replayed("check") == expected
    (site / "orgmodel_plugin-1.0.dist-info").mkdir()  # what installing a rule plugin does to site-packages
    assert runs.not_replayed("check") == expected
    assert runs.replayed("check") == expected
    os.utime(site / "orgmodel_plugin-1.0.dist-info", ns=(1, 1))  # installed again (pip install -e)
    assert runs.not_replayed("check") == expected


def test_gates_stdin_and_no_cache_take_the_normal_run(models: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    runs = Replays(monkeypatch)
    runs.not_replayed("check")
    runs.not_replayed("check", "--no-cache")
    runs.not_replayed("check", "--show-files")
    runs.not_replayed("check", "--baseline", "nothing.json")
    runs.not_replayed("check", "--write-baseline", "baseline.json")
    runs.not_replayed("check", "--baseline", "baseline.json")
    result = CliRunner().invoke(app, ["check", "-"], input=(models / "small.yaml").read_bytes())
    assert result.exit_code == 0


def test_a_replayed_run_imports_no_configuration_ruleset_rule_or_engine(models: Path) -> None:
    command = [sys.executable, "-m", "orgmodel", "check"]
    cold = subprocess.run(command, capture_output=True, text=True, check=False)
    assert cold.returncode == 1
    probe = (
        "import os, sys\n"
        "from pathlib import Path\n"
        "os._exit = lambda code: sys.exit(code)\n"
        "sys.argv = ['orgmodel', 'check']\n"
        "from orgmodel.cli import main\n"
        "try:\n    main()\n"
        "except SystemExit:\n    pass\n"
        "Path('modules.txt').write_text(' '.join(sorted(sys.modules)))\n"
    )
    warm = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=False)
    assert (warm.stdout, warm.stderr) == (cold.stdout, cold.stderr)
    loaded = set(Path("modules.txt").read_text(encoding="utf-8").split())
    assert "orgmodel.warm" in loaded
    for module in (
        "orgmodel.engine",
        "orgmodel.config",
        "orgmodel.ruleset",
        "orgmodel.rule",
        "orgmodel.schema",
    ):
        assert module not in loaded
