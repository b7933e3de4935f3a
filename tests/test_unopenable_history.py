"""A history file that cannot even be reached is said to be so, never "nothing saved yet"."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result

from stretchcoach.commands._options import NOW_ENV

Invoke = Callable[..., Result]


@pytest.fixture
def blocked(isolated_home: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The data folder is a plain file, so history.db inside it cannot be opened."""
    monkeypatch.setenv(NOW_ENV, "2026-12-09T09:00:00+00:00")
    isolated_home.parent.mkdir(parents=True, exist_ok=True)
    isolated_home.write_text("not a folder\n", encoding="utf-8")
    return isolated_home


@pytest.mark.parametrize(
    "args",
    [
        ["history"],
        ["history", "--format", "json"],
        ["history", "--today"],
        ["report"],
        ["report", "--format", "json"],
        ["week"],
        ["week", "--format", "json"],
        ["goal"],
        ["learn", "--list"],
        ["learn", "--list", "--format", "json"],
    ],
)
def test_the_command_names_the_file_and_exits_1(
    invoke: Invoke, blocked: Path, args: list[str]
) -> None:
    result = invoke(args)
    assert result.exit_code == 1
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1
    assert str(blocked / "history.db") in lines[0]
    assert "is a file, not a folder" in lines[0]
    assert "No sessions saved yet" not in result.stderr
    assert blocked.read_text(encoding="utf-8") == "not a folder\n"


def test_a_lesson_is_still_shown_with_a_warning(invoke: Invoke, blocked: Path) -> None:
    result = invoke(["learn", "sleep"])
    assert result.exit_code == 0
    assert result.stdout.startswith("Sleep and your back")
    assert result.stderr.count("Warning:") == 1  # said once, not again on recording
    assert str(blocked / "history.db") in result.stderr
