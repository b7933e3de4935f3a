"""Output conventions: no ANSI escapes unless a real, colour-friendly terminal, and help for all.

Rich decides for itself whether a stream is a terminal, so the "escapes present" cases set
FORCE_COLOR (which Rich honours) and make stretchcoach.ui believe stdout is a TTY; that
proves the NO_COLOR cases would catch escapes if stretchcoach let any through.
"""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import click
import pytest
from click.testing import CliRunner, Result

from stretchcoach import cli as cli_module
from stretchcoach import ui

Invoke = Callable[..., Result]
ESC = "\x1b"

SMALL = """\
- id: cat-cow
  name: Cat-cow
  kind: mobility
  position: all-fours
  causes: [posture, pregnancy]
  max_severity: 6
  hold_seconds: 5
  reps: 8
  per_side: false
  rest_seconds: 2
  steps:
    - Kneel on all fours.
    - Round, then gently dip your back.
    - Move slowly.
  stop_if: Stop if your back pinches.
"""


@pytest.fixture
def small(tmp_path: Path) -> Path:
    path = tmp_path / "small.yaml"
    path.write_text(SMALL, encoding="utf-8")
    return path


def every_browse_invocation(small: Path, bad: Path) -> list[list[str]]:
    cat = ["--catalogue", str(small)]
    runs = [[*cat, "list", "--format", fmt] for fmt in ("table", "json", "yaml", "ids")]
    runs += [[*cat, "list", "--cause", "arthritis"]]  # empty table + message on stderr
    runs += [[*cat, "show", "cat-cow"], [*cat, "show", "cat-cow", "--format", "json"]]
    runs += [[*cat, "show", "cat-co"]]  # error with a suggestion
    runs += [["causes"], ["causes", "--format", "json"]]
    runs += [["validate", str(small)], ["validate", str(bad)]]
    runs += [["validate", str(bad), "--format", "json"], ["list", "--cause", "postur"]]
    runs += [["--help"], ["list", "--help"], ["lsit"], ["--version"]]
    return runs


@pytest.fixture
def bad(tmp_path: Path) -> Path:
    path = tmp_path / "bad.yaml"
    path.write_text(SMALL.replace("reps: 8", "reps: 0"), encoding="utf-8")
    return path


def run(args: list[str]) -> Result:
    result = CliRunner().invoke(cli_module.cli, args)
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result


def test_no_escapes_when_stdout_is_not_a_terminal(small: Path, bad: Path) -> None:
    for args in every_browse_invocation(small, bad):
        result = run(args)
        assert ESC not in result.stdout, args
        assert ESC not in result.stderr, args


def test_no_escapes_with_no_color_even_on_a_terminal(
    small: Path, bad: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(ui, "_is_tty", lambda stream: True)
    monkeypatch.setenv("FORCE_COLOR", "1")
    monkeypatch.setenv("NO_COLOR", "1")
    for args in every_browse_invocation(small, bad):
        result = run(args)
        assert ESC not in result.stdout, args
        assert ESC not in result.stderr, args


def test_no_escapes_with_a_dumb_terminal(small: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ui, "_is_tty", lambda stream: True)
    monkeypatch.setenv("FORCE_COLOR", "1")
    monkeypatch.setenv("TERM", "dumb")
    result = run(["--catalogue", str(small), "list"])
    assert "cat-cow" in result.stdout
    assert ESC not in result.stdout


@pytest.mark.parametrize("args", [["list"], ["show", "cat-cow"], ["causes"]])
def test_escapes_appear_on_a_colour_terminal(
    small: Path, monkeypatch: pytest.MonkeyPatch, args: list[str]
) -> None:
    """The control case: without NO_COLOR the same commands do style their output."""
    monkeypatch.setattr(ui, "_is_tty", lambda stream: True)
    monkeypatch.setenv("FORCE_COLOR", "1")
    monkeypatch.delenv("TERM", raising=False)
    result = run(["--catalogue", str(small), *args])
    assert result.exit_code == 0, result.output
    assert ESC in result.stdout


def test_data_formats_never_carry_escapes_even_on_a_colour_terminal(
    small: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(ui, "_is_tty", lambda stream: True)
    monkeypatch.setenv("FORCE_COLOR", "1")
    for fmt in ("json", "yaml", "ids"):
        result = run(["--catalogue", str(small), "list", "--format", fmt])
        assert ESC not in result.stdout, fmt


def test_plain_tables_stay_within_the_width(small: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "60")
    result = run(["--catalogue", str(small), "show", "cat-cow"])
    assert max(len(line) for line in result.stdout.splitlines()) <= 60


# --------------------------------------------------------------------------- help


def existing_commands() -> list[str]:
    return [
        name
        for name, target in cli_module.COMMANDS.items()
        if importlib.util.find_spec(target.split(":")[0]) is not None
    ]


def test_the_browse_commands_are_registered() -> None:
    assert {"list", "show", "causes", "validate"} <= set(existing_commands())


def test_root_help_leads_with_examples() -> None:
    result = run(["--help"])
    assert result.exit_code == 0
    assert "Examples:" in result.stdout
    assert "not medical advice" in result.stdout
    for name in existing_commands():
        assert name in result.stdout


@pytest.mark.parametrize("name", existing_commands())
def test_every_command_has_help_with_examples(name: str) -> None:
    result = run([name, "--help"])
    assert result.exit_code == 0, result.output
    assert "Examples:" in result.stdout, name
    assert f"stretchcoach {name}" in result.stdout, name
    command = cli_module.cli.get_command(click.Context(cli_module.cli), name)
    assert command is not None
    assert command.get_short_help_str().strip(), name


@pytest.mark.parametrize("name", existing_commands())
def test_short_help_table_matches_each_command(name: str) -> None:
    """cli.SHORT_HELP lets --help skip importing every command; it must not drift."""
    assert name in cli_module.SHORT_HELP, f"add {name!r} to SHORT_HELP in stretchcoach/cli.py"
    command = cli_module.cli.get_command(click.Context(cli_module.cli), name)
    assert command is not None
    stand_in = click.Command(name, help=cli_module.SHORT_HELP[name])
    for limit in (30, 45, 80):
        assert stand_in.get_short_help_str(limit) == command.get_short_help_str(limit), (
            f"SHORT_HELP[{name!r}] in stretchcoach/cli.py no longer matches its docstring"
        )


def test_root_help_does_not_import_the_commands(tmp_path: Path) -> None:
    code = (
        "import sys\n"
        "from stretchcoach.cli import main\n"
        "sys.argv = ['stretchcoach', '--help']\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "print([m for m in sys.modules if m.startswith('stretchcoach.commands.')])\n"
    )
    repo = Path(__file__).resolve().parent.parent
    result = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env={**os.environ, "PYTHONPATH": str(repo)},
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert "Commands:" in result.stdout
    assert result.stdout.strip().splitlines()[-1] == "[]"


@pytest.mark.parametrize(
    ("cue", "shown"),
    [
        ("Stop if your wrists hurt.", "Stop if: your wrists hurt."),
        ("Stop if: your wrists hurt.", "Stop if: your wrists hurt."),
        (
            "Stop and breathe normally if you feel dizzy.",
            "Stop and breathe normally if you feel dizzy.",
        ),
        ("your wrists hurt.", "Stop if: your wrists hurt."),
    ],
)
def test_the_stop_cue_is_labelled_exactly_once(cue: str, shown: str) -> None:
    from stretchcoach.ui import stop_cue

    assert stop_cue(cue) == shown
