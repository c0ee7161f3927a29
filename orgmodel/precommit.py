"""The pre-commit hook ``orgmodel-check``: check the models a commit changes, as the configuration says.

pre-commit passes the hook's ``args`` and then every staged YAML file. Not every YAML file in a
repository is a model, and ``.orgmodel.yaml`` says where the models are (``paths:``), so:

- a file outside the configured paths is left alone (a ruleset, a CI workflow, the pre-commit
  configuration are not models);
- a change to ``.orgmodel.yaml``, to the ruleset it (or the hook's ``--ruleset``) names, or to a
  ruleset that one extends checks every configured path, since any model's findings may change;
- without ``paths:`` every file given is checked (narrow the hook with ``files:``), except the
  configuration and the ruleset themselves;
- a file the configuration's excludes match (by default hidden files and directories such as
  ``.github/``, and ``node_modules/``), or YAML in which no line declares an ``orgmodel`` or
  ``units`` key, is left alone, as a directory scan leaves it (ruff's hook does the same with
  ``--force-exclude``);
- when nothing is left to check, the hook passes without running;
- a configuration that cannot be read, or whose ``paths:`` lead out of the repository, fails the
  hook with the configuration error (exit code 2), as the command line does;
- ``--config FILE`` or ``--isolated`` in the hook's ``args`` choose the configuration as they do
  for ``orgmodel check``; ``--lang nb`` there chooses the language, as ``orgmodel --lang nb`` does.

The check itself is ``orgmodel check`` with the same options, so the output, the exit codes and the
ruleset are the command line's.
"""

from __future__ import annotations

import sys
from pathlib import Path

from orgmodel import cli
from orgmodel.cli.language import language_arguments
from orgmodel.config import Config, config_for, load_config
from orgmodel.paths import may_be_model
from orgmodel.ruleset import ConfigError, display_path


def _options_with_values() -> set[str]:
    """The option names of ``orgmodel check`` that take a value, read from the command itself."""
    import typer.main

    group = typer.main.get_command(cli.app)
    command = group.commands["check"]  # type: ignore[attr-defined]
    names: set[str] = set()
    for param in command.params:
        if param.param_type_name == "option" and not param.is_flag and not param.count:
            names.update(param.opts)
    return names


def split_arguments(args: list[str]) -> tuple[list[str], list[str]]:
    """Split pre-commit's arguments into ``check`` options (the hook's ``args``) and file names."""
    takes_value = _options_with_values()
    options: list[str] = []
    files: list[str] = []
    pending = False
    for index, arg in enumerate(args):
        if pending:
            options.append(arg)
            pending = False
        elif arg == "--":
            files.extend(args[index + 1 :])
            break
        elif arg.startswith("-") and arg != "-":
            options.append(arg)
            pending = arg in takes_value
        else:
            files.append(arg)
    return options, files


def _option(options: list[str], name: str) -> str | None:
    """The value of the option ``name`` among the hook's ``args`` (``--name VALUE`` or ``--name=VALUE``)."""
    for index, option in enumerate(options):
        if option == name and index + 1 < len(options):
            return options[index + 1]
        if option.startswith(f"{name}="):
            return option.partition("=")[2]
    return None


def _within(path: Path, roots: list[Path]) -> bool:
    return any(path == root or path.is_relative_to(root) for root in roots)


def targets_for(files: list[str], config: Config, settings: list[Path]) -> list[str]:
    """The paths to check for these changed files; empty when none of them is a model to check.

    ``settings`` are the files that decide the findings of every model: the configuration and
    every ruleset file the run reads (the one named and those it extends).
    """
    settings = [p.resolve() for p in settings]
    roots = [p.resolve() for p in config.paths]
    changed = [(name, Path(name).resolve()) for name in files]
    if roots and any(path in settings for _, path in changed):
        return [display_path(p) for p in config.paths]
    exclusion = config.exclusion()
    return [
        name
        for name, path in changed
        if path not in settings
        and (not roots or _within(path, roots))
        and not exclusion.excludes(Path(name), Path("."))
        and may_be_model(Path(name))
    ]


def hook_arguments(args: list[str]) -> list[str] | None:
    """The ``orgmodel check`` arguments for pre-commit's; None when there is nothing to check."""
    options, files = split_arguments(args)
    if not files:
        return ["check", *options]  # pass_filenames: false: the configured paths
    try:
        chosen = _option(options, "--config")
        config = load_config(config_for(Path(chosen) if chosen else None, isolated="--isolated" in options))
        if config.paths_problems:
            return ["check", *options]  # the check of the configured paths reports them
        chain = config.load_ruleset(_option(options, "--ruleset")).chain
    except ConfigError:
        return ["check", *options, "--", *files]  # the check reports the configuration error
    settings = [Path(entry) for entry in chain] + ([config.path] if config.path else [])
    targets = targets_for(files, config, settings)
    return ["check", *options, "--", *targets] if targets else None


def main() -> None:
    """The console script ``orgmodel-pre-commit``."""
    lang, args = language_arguments(sys.argv[1:])
    arguments = hook_arguments(args)
    if arguments is None:
        return
    sys.argv = [sys.argv[0], *lang, *arguments]
    cli.main()
