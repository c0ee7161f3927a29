"""Configuration that stays inside its repository; discovery stops at the repository root and home."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from test_config import CLEAN, SMALL, run, write

from orgmodel.config import find_config

SECRET = "CI_TOKEN_s3cr3t_0123456789"


def orgmodel_process(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "ORGMODEL_TEST_SECRET": SECRET, "HOME": str(cwd.anchor)}
    command = [sys.executable, "-m", "orgmodel", *args]
    return subprocess.run(command, cwd=cwd, capture_output=True, text=True, timeout=60, check=False, env=env)


def test_config_paths_may_not_leave_the_repository(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    repo = tmp_path / "repo"
    (repo / ".git").mkdir(parents=True)
    shutil.copy(SMALL, repo / "model.yaml")
    write(tmp_path, "outside/secret.yaml", f"token: {SECRET}\n")
    # the process environment of a real process, with the secret in it
    write(repo, ".orgmodel.yaml", "ruleset: default\npaths: [model.yaml, /proc/self/environ]\n")
    for command in (["check"], ["check", "--format", "json"], ["trace", "kari"]):
        proc = orgmodel_process(*command, cwd=repo)
        assert SECRET not in proc.stdout + proc.stderr and proc.returncode == 2, (command, proc.stderr)
        where = (
            f".orgmodel.yaml:2:21: OM008 config [error] paths[1]: '/proc/self/environ' leads out of {repo}"
        )
        assert where in proc.stderr
    monkeypatch.chdir(repo)
    for paths in ("../../../../../../../proc/self/environ", "../outside", "../.."):
        write(repo, ".orgmodel.yaml", f"ruleset: default\npaths: [model.yaml, {paths}]\n")
        for command in (["check"], ["trace", "kari"]):
            code, out, err = run(*command)
            assert SECRET not in out + err and code == 2, (paths, command)
            assert f".orgmodel.yaml:2:21: OM008 config [error] paths[1]: '{paths}' leads out of {repo}" in err
    os.symlink(tmp_path / "outside", repo / "linked")  # a path inside that is a link out
    write(repo, ".orgmodel.yaml", "ruleset: default\npaths: [model.yaml, linked]\n")
    code, out, err = run("check")
    assert SECRET not in out + err and code == 2
    assert f".orgmodel.yaml:2:21: OM008 config [error] paths[1]: 'linked' leads out of {repo}" in err
    code, out, _ = run("check", "--ruleset", "default", "model.yaml")  # the command line wins
    assert (code, out) == (0, CLEAN)


def test_a_path_given_on_the_command_line_may_leave_the_repository(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    (repo / ".git").mkdir(parents=True)
    shutil.copy(SMALL, tmp_path / "elsewhere.yaml")
    write(repo, ".orgmodel.yaml", "ruleset: default\npaths: [/proc/self/environ]\n")
    proc = orgmodel_process("check", "../elsewhere.yaml", cwd=repo)
    assert (proc.returncode, proc.stdout) == (0, CLEAN)


def test_config_ruleset_may_not_leave_the_repository(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    repo = tmp_path / "repo"
    (repo / ".git").mkdir(parents=True)
    shutil.copy(SMALL, repo / "model.yaml")
    write(tmp_path, "outside/rules.yaml", f"orgmodel-ruleset: 1\n{SECRET}: 1\n")
    monkeypatch.chdir(repo)
    for ruleset in ("/etc/passwd", "../outside/rules.yaml"):
        write(repo, ".orgmodel.yaml", f"ruleset: {ruleset}\npaths: [model.yaml]\n")
        for command in (["check"], ["rules"], ["explain", "OM111"], ["diff", "model.yaml", "model.yaml"]):
            code, out, err = run(*command)
            assert SECRET not in out + err and "root:x:0" not in out + err
            assert code == 2, (ruleset, command)
            assert f".orgmodel.yaml:1:10: OM008 config [error] ruleset: '{ruleset}' leads out of" in err
    code, _, err = run("check", "--ruleset", "../outside/rules.yaml", "model.yaml")
    assert code == 2 and "unknown key" in err  # named on the command line: read
    write(repo, "rules/mine.yaml", "orgmodel-ruleset: 1\nextends: [default, /etc/passwd]\n")
    code, out, err = run("check", "--ruleset", "rules/mine.yaml", "model.yaml")
    assert code == 2 and "root:x:0" not in out + err
    assert "rules/mine.yaml:2:20: OM008 config [error] extends '/etc/passwd': a ruleset may extend" in err


def test_discovery_stops_at_the_repository_root(tmp_path: Path) -> None:
    write(tmp_path, ".orgmodel.yaml", "ruleset: /etc/passwd\npaths: [/proc/self/environ]\n")
    repo = tmp_path / "repo"
    (repo / "sub").mkdir(parents=True)
    subprocess.run(["git", "init", "-q", str(repo)], check=True, timeout=30)
    worktree = tmp_path / "worktree"
    (worktree / "sub").mkdir(parents=True)
    (worktree / ".git").write_text("gitdir: /nowhere\n", encoding="utf-8")  # a worktree's .git is a file
    shutil.copy(SMALL, repo / "model.yaml")
    assert find_config(repo / "sub") is None and find_config(worktree / "sub") is None
    (tmp_path / "elsewhere").mkdir()
    assert find_config(tmp_path / "elsewhere") == tmp_path / ".orgmodel.yaml"  # outside any repository
    proc = orgmodel_process("check", cwd=repo / "sub")
    assert proc.returncode == 2 and "no paths given and no .orgmodel.yaml" in proc.stderr
    assert "root:x:0" not in proc.stdout + proc.stderr and SECRET not in proc.stdout + proc.stderr
    proc = orgmodel_process("check", "../model.yaml", cwd=repo / "sub")
    assert (proc.returncode, proc.stdout) == (0, CLEAN)  # the default ruleset, not /etc/passwd
    write(repo, ".orgmodel.yaml", "ruleset: default\npaths: [model.yaml]\n")
    assert find_config(repo / "sub") == (repo / ".orgmodel.yaml").resolve()


def test_a_config_file_that_links_out_of_the_repository_is_not_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    repo = tmp_path / "repo"
    (repo / ".git").mkdir(parents=True)
    shutil.copy(SMALL, repo / "model.yaml")
    write(tmp_path, "credentials", f"https://user:{SECRET}@github.com\n")
    os.symlink(tmp_path / "credentials", repo / ".orgmodel.yaml")
    monkeypatch.chdir(repo)
    for command in (["check"], ["check", "model.yaml"], ["rules"], ["trace", "kari", "model.yaml"]):
        code, out, err = run(*command)
        assert SECRET not in out + err and code == 2, command
        link = repo / ".orgmodel.yaml"
        assert err == f"orgmodel: {link}: not read: a symbolic link that leads out of its repository\n"
    (repo / ".orgmodel.yaml").unlink()
    write(repo, "conf/real.yaml", "ruleset: default\npaths: [model.yaml]\n")
    os.symlink(repo / "conf" / "real.yaml", repo / ".orgmodel.yaml")  # a link inside the repository is fine
    assert run("check")[:2] == (0, CLEAN)


def test_discovery_stops_at_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write(tmp_path, ".orgmodel.yaml", "ruleset: /etc/passwd\n")
    (tmp_path / "home" / "project").mkdir(parents=True)
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert find_config(tmp_path / "home" / "project") is None
    assert find_config(tmp_path) == tmp_path / ".orgmodel.yaml"


@pytest.mark.parametrize("name", [".orgmodel.yaml", "pyproject.toml"])
@pytest.mark.parametrize("target", ["/dev/zero", "fifo"])
def test_a_configuration_linked_to_a_device_or_a_pipe_is_refused_at_once(
    tmp_path: Path, name: str, target: str
) -> None:
    # a pull request commits its configuration as a link to /dev/zero (endless) or to a FIFO (no writer)
    repo = tmp_path / "repo"
    (repo / ".git").mkdir(parents=True)
    shutil.copy(SMALL, repo / "model.yaml")
    if target == "fifo":
        os.mkfifo(repo / "pipe")
        os.symlink("pipe", repo / name)
    else:
        os.symlink(target, repo / name)
    done = orgmodel_process("check", "model.yaml", cwd=repo)  # 60 s at most, and a few MiB
    assert done.returncode == 2, done.stderr
    assert done.stderr.endswith(
        f"{name}: not read: it is not a regular file (a device, a pipe or a socket)\n"
    )


def test_a_baseline_linked_to_a_device_or_a_pipe_is_refused_at_once(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    (repo / ".git").mkdir(parents=True)
    shutil.copy(SMALL, repo / "model.yaml")
    os.symlink("/dev/zero", repo / "zero.json")
    os.mkfifo(repo / "pipe.json")
    for baseline in ("zero.json", "pipe.json"):
        done = orgmodel_process("check", "model.yaml", "--baseline", baseline, cwd=repo)
        assert done.returncode == 2, done.stderr
        assert "not a regular file" in done.stderr, done.stderr


@pytest.mark.parametrize(
    ("name", "text", "said"),
    [
        (
            "pyproject.toml",
            "[tool.orgmodel]\nx = " + "[" * 100_000 + "\n",
            "not valid TOML: it nests too deeply",
        ),
        (
            "pyproject.toml",
            "[tool.orgmodel]\njobs = " + "9" * 5_000 + "\n",
            "holds a number too long to read",
        ),
        (".orgmodel.yaml", 'paths: ["models\\0x"]\n', "the path 'models\\x00x' holds a control character"),
        (".orgmodel.yaml", "ruleset: rules/" + "a" * 5_000 + ".yaml\n", "is neither a file next to"),
        (
            "r.yaml",
            "orgmodel-ruleset: 1\nextends: rules/" + "a" * 5_000 + ".yaml\n",
            "extends a ruleset that",
        ),
    ],
)
def test_a_configuration_no_system_can_read_is_a_configuration_error(
    tmp_path: Path, name: str, text: str, said: str
) -> None:
    repo = tmp_path / "repo"
    (repo / ".git").mkdir(parents=True)
    shutil.copy(SMALL, repo / "model.yaml")
    (repo / name).write_text(text, encoding="utf-8")
    if name == "r.yaml":
        (repo / ".orgmodel.yaml").write_text("ruleset: r.yaml\npaths: [model.yaml]\n", encoding="utf-8")
    done = orgmodel_process("check", cwd=repo)
    assert done.returncode == 2, done.stderr
    assert "internal error" not in done.stderr and said in done.stderr, done.stderr
    assert len(done.stderr) < 2_000  # the 5,000-character name is clipped
