"""The content cache of check: same output as without it, invalidated by every input, safe to share."""

from __future__ import annotations

import os
import pickle
import subprocess
import sys
from pathlib import Path

import pytest
from split_model import split_model
from typer.testing import CliRunner

from conftest import ROOT, cached_repository
from orgmodel import engine
from orgmodel.api import check_paths
from orgmodel.cache import MAGIC, Cache, user_key
from orgmodel.cli import app

CACHE = Path(".orgmodel_cache")


@pytest.fixture
def models(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A repository of seven model files, the cache on, the user's key in a cache home of its own."""
    folder = cached_repository(tmp_path, monkeypatch)
    return folder


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, list(args))
    assert "Traceback" not in result.stdout + result.stderr
    return result.exit_code, result.stdout, result.stderr


def uncached(*args: str) -> tuple[int, str, str]:
    return run(*args, "--no-cache")


def entries() -> list[Path]:
    return sorted(p for p in CACHE.glob("*/*") if p.is_file())


def refuse_checks(monkeypatch: pytest.MonkeyPatch) -> None:
    """From now on a file actually checked fails the test: every result must come from the cache."""

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError(f"checked again: {args[0]}")

    monkeypatch.setattr(engine, "check_bytes", refuse)
    monkeypatch.setattr(engine, "check_file", refuse)


@pytest.mark.parametrize("output_format", ["text", "json", "sarif", "github", "concise"])
def test_a_cached_run_prints_what_an_uncached_run_prints(models: Path, output_format: str) -> None:
    expected = uncached("check", "models", "-j", "1", "-f", output_format)
    assert expected[0] == 1
    assert not CACHE.exists()
    assert run("check", "models", "-j", "1", "-f", output_format) == expected  # cold: fills the cache
    assert len(entries()) == 7
    assert run("check", "models", "-j", "1", "-f", output_format) == expected  # warm
    assert run("check", "models", "-j", "2", "-f", output_format) == expected  # warm, with workers


def test_a_warm_run_checks_nothing_again(models: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    expected = uncached("check", "models")
    assert run("check", "models", "-j", "2") == expected  # the workers fill the cache
    refuse_checks(monkeypatch)
    assert run("check", "models", "-j", "1") == expected
    report = check_paths(["models"], cache=CACHE, jobs=1)
    assert [f.path for f in report.files][:2] == [
        "models/broken-yaml.yaml",
        "models/drammen-2020-before.yaml",
    ]
    drammen = next(f for f in report.files if f.path == "models/drammen-2020.yaml")
    assert len(drammen.graph.headcount) == 154  # the graph is rebuilt from the kept model


def test_the_cache_directory_is_never_committed(models: Path) -> None:
    run("check", "models")
    assert (CACHE / ".gitignore").read_text(encoding="utf-8").splitlines()[-1] == "*"
    assert (Path(os.environ["XDG_CACHE_HOME"]) / "orgmodel" / "cache-key").stat().st_mode & 0o777 == 0o600


def test_editing_a_file_invalidates_its_entry_only(models: Path) -> None:
    run("check", "models")
    small = models / "small.yaml"
    small.write_text(small.read_text(encoding="utf-8").replace("staff: 12", "staff: 75"), encoding="utf-8")
    expected = uncached("check", "models")
    assert "small.yaml" in expected[1]
    assert run("check", "models") == expected
    assert len(entries()) == 8  # the old entry stays (delete the directory at any time)


def test_editing_the_ruleset_invalidates(models: Path) -> None:
    ruleset = Path("rules.yaml")
    ruleset.write_text(
        "orgmodel-ruleset: 1\nextends: default\nrules:\n  span-of-control:\n    first_line: {max: 60}\n",
        encoding="utf-8",
    )
    first = run("check", "models", "--ruleset", "rules.yaml")
    ruleset.write_text(ruleset.read_text(encoding="utf-8").replace("60", "80"), encoding="utf-8")
    expected = uncached("check", "models", "--ruleset", "rules.yaml")
    assert expected != first
    assert run("check", "models", "--ruleset", "rules.yaml") == expected


def test_the_selection_and_the_language_are_part_of_the_key(models: Path) -> None:
    run("check", "models")
    for args in (("--select", "OM120"), ("--ignore", "OM120"), ("--extend-ignore", "OM2")):
        assert run("check", "models", *args) == uncached("check", "models", *args)
    assert run("--lang", "nb", "check", "models") == uncached("--lang", "nb", "check", "models")
    assert run("check", "models") == uncached("check", "models")


def test_a_part_file_edited_invalidates_its_model(models: Path, tmp_path: Path) -> None:
    split = tmp_path / "split"
    main, parts = split_model(ROOT / "models" / "drammen-2020.yaml", split)
    expected = uncached("check", "split")
    assert run("check", "split") == expected
    assert expected[1].startswith("split/dir-omsorg.yaml:47:10: OM140 ")
    part = split / "dir-omsorg.yaml"
    assert part in parts
    head, rest = part.read_text(encoding="utf-8").split("\n", 1)
    part.write_text(
        f"{head}\n# a line more: every finding in this part moves down one\n{rest}", encoding="utf-8"
    )
    changed = uncached("check", "split")
    assert changed[1] == expected[1].replace("dir-omsorg.yaml:47:10", "dir-omsorg.yaml:48:10").replace(
        "    47 |", "    48 |"
    )
    assert run("check", "split") == changed
    part.unlink()
    assert run("check", "split") == uncached("check", "split")
    assert main.exists()


@pytest.mark.parametrize("damage", ["garbage", "truncated", "empty", "foreign"])
def test_a_corrupt_or_foreign_entry_is_ignored_and_rewritten(
    models: Path, monkeypatch: pytest.MonkeyPatch, damage: str
) -> None:
    expected = uncached("check", "models")
    run("check", "models")
    for entry in entries():
        stored = entry.read_bytes()
        entry.write_bytes(
            {
                "garbage": b"\x80\x04not a pickle at all",
                "truncated": stored[: len(stored) // 2],
                "empty": b"",
                "foreign": MAGIC + bytes(32) + stored[len(MAGIC) + 32 :],  # signed with another key
            }[damage]
        )
    assert run("check", "models") == expected
    refuse_checks(monkeypatch)
    assert run("check", "models") == expected  # every entry was rewritten whole


def test_an_entry_signed_by_another_user_is_never_unpickled(models: Path, tmp_path: Path) -> None:
    run("check", "models")
    mine = user_key()
    assert mine is not None
    other = Cache(CACHE, "run", b"another user's key, 32 bytes long")
    name, raw = "models/small.yaml", (Path("models") / "small.yaml").read_bytes()
    other.put(name, raw, {"planted": True}, [])
    assert other.get(name, raw) == {"planted": True}
    assert Cache(CACHE, "run", mine).get(name, raw) is None


def test_two_runs_at_once_leave_a_valid_cache(models: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    expected = uncached("check", "models", "-j", "1")
    command = [sys.executable, "-m", "orgmodel", "check", "models", "-j", "2"]
    runs = [subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE) for _ in range(2)]
    outputs = [r.communicate() for r in runs]
    for (out, err), process in zip(outputs, runs, strict=True):
        assert (process.returncode, out.decode(), err.decode()) == expected
    assert not [p for p in CACHE.rglob("*.tmp")]  # no temporary file left behind
    refuse_checks(monkeypatch)
    assert run("check", "models", "-j", "1") == expected


def test_no_cache_the_configuration_and_stdin_write_no_cache(models: Path) -> None:
    run("check", "models", "--no-cache")
    assert not CACHE.exists()
    Path(".orgmodel.yaml").write_text("paths: [models]\ncache: false\n", encoding="utf-8")
    run("check")
    assert not CACHE.exists()
    Path(".orgmodel.yaml").unlink()
    result = CliRunner().invoke(app, ["check", "-"], input=(models / "small.yaml").read_bytes())
    assert result.exit_code == 0
    assert not CACHE.exists()


def test_the_cache_sits_beside_the_configuration(models: Path, tmp_path: Path) -> None:
    Path(".orgmodel.yaml").write_text("paths: [models]\n", encoding="utf-8")
    os.chdir(models)
    run("check", "small.yaml")
    assert (tmp_path / ".orgmodel_cache" / ".gitignore").exists()
    assert not (models / ".orgmodel_cache").exists()


def test_a_cache_that_cannot_be_written_is_left_alone(models: Path) -> None:
    key = user_key()
    assert key is not None
    raw = (models / "small.yaml").read_bytes()
    Cache(CACHE, "run", key).put("models/small.yaml", raw, lambda: None, [])  # cannot be pickled
    assert not CACHE.exists()
    CACHE.write_text("a file where the directory would be", encoding="utf-8")
    Cache(CACHE, "run", key).put("models/small.yaml", raw, {"kept": True}, [])
    assert Cache(CACHE, "run", key).get("models/small.yaml", raw) is None
    assert run("check", "models") == uncached("check", "models")


def test_a_warm_run_reads_the_summaries_only(models: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    expected = uncached("check", "models", "-f", "json")
    run("check", "models")
    for entry in entries():  # the second part (the whole model) of every entry made unreadable
        stored = entry.read_bytes()
        size = int.from_bytes(stored[len(MAGIC) + 32 : len(MAGIC) + 40], "little")
        end = len(MAGIC) + 40 + size
        assert len(stored) > end + 32  # the whole model follows the summary
        entry.write_bytes(stored[:end] + bytes(32) + stored[end + 32 :])
    refuse_checks(monkeypatch)
    assert run("check", "models", "-f", "json") == expected  # nothing checked, no model read
    report = check_paths(["models"], cache=CACHE, jobs=1)
    drammen = next(f for f in report.files if f.path == "models/drammen-2020.yaml")
    with pytest.raises(AssertionError, match=r"checked again: models/drammen-2020\.yaml"):
        drammen.model  # noqa: B018 (the model's part is foreign: the file would be checked again)


def test_a_model_whose_part_is_unreadable_is_checked_again_when_asked_for(models: Path) -> None:
    run("check", "models")
    for entry in entries():
        entry.write_bytes(entry.read_bytes()[:-10])  # the whole model truncated, the summary intact
    fresh = check_paths(["models"], cache=None, jobs=1)
    kept = check_paths(["models"], cache=CACHE, jobs=1)
    assert {type(f).__name__ for f in kept.files} == {"RestoredModel"}
    for restored, checked in zip(kept.files, fresh.files, strict=True):
        assert restored.diagnostics == checked.diagnostics
        assert restored.model == checked.model
        assert restored.units == checked.units
        assert restored.paths == checked.paths
        if checked.model is not None:
            assert restored.graph.depth == checked.graph.depth
    copied = pickle.loads(pickle.dumps(kept.files[-1]))  # a restored model travels as the whole one
    assert type(copied).__name__ == "CheckedModel"
    assert (copied.path, copied.diagnostics, copied.model) == (
        fresh.files[-1].path,
        fresh.files[-1].diagnostics,
        fresh.files[-1].model,
    )


def test_a_plugins_helper_modules_are_part_of_the_runs_key(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # a plugin whose rules import a helper of their own package: editing the helper (pip install -e)
    # must change the key, or a warm run replays the old rule's findings
    import importlib
    import sys

    from orgmodel.cache import module_rows

    package = tmp_path / "kommune_rules"
    package.mkdir()
    (package / "__init__.py").write_text("")
    (package / "helpers.py").write_text("WORD = 'one'\n")
    (package / "rules.py").write_text("from kommune_rules.helpers import WORD\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    try:
        importlib.import_module("kommune_rules.rules")
        files = [Path(path).name for path, _row in module_rows(["kommune_rules.rules"])]
        assert files == ["__init__.py", "helpers.py", "rules.py"]
        before = module_rows(["kommune_rules.rules"])
        (package / "helpers.py").write_text("WORD = 'two, longer'\n")
        assert module_rows(["kommune_rules.rules"]) != before
    finally:
        for name in [n for n in sys.modules if n.partition(".")[0] == "kommune_rules"]:
            del sys.modules[name]


@pytest.mark.parametrize("where", ["directory", "runs", "entry"])
def test_a_cache_committed_as_a_symlink_is_neither_read_nor_written(
    models: Path, tmp_path: Path, where: str
) -> None:
    # a pull request commits .orgmodel_cache (or a part of it) as a symlink out of the repository
    outside = tmp_path / "outside"
    outside.mkdir()
    expected = uncached("check", "models", "-j", "1")
    if where == "directory":
        CACHE.symlink_to(outside, target_is_directory=True)
    else:
        run("check", "models", "-j", "1")  # a real cache, then one of its parts replaced by a link
        part = CACHE / "runs" if where == "runs" else entries()[0]
        if part.is_dir():
            import shutil

            shutil.rmtree(part)
        else:
            part.unlink()
        part.symlink_to(outside if where == "runs" else Path("/dev/zero"))
    assert run("check", "models", "-j", "1") == expected
    assert run("check", "models", "-j", "1") == expected
    assert list(outside.iterdir()) == []
