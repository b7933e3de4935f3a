"""Tables at any width (issue 12, part 1) and one spelling of the shared options (part 2)."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from datetime import datetime, timedelta

import pytest
from click.testing import Result

from stretchcoach import history, ui
from stretchcoach.catalogue import POSITIONS
from stretchcoach.routine import ExerciseOutcome, SessionRecord
from stretchcoach.safety import CAUSE_INFO

Invoke = Callable[..., Result]
PLAN = ["plan", "--cause", "posture", "--severity", "3", "--seed", "7", "--condition", "none"]


def seed_history() -> list[str]:
    """Sessions with every ending; returns the words a reader must find whole."""
    now = datetime.now().astimezone().replace(microsecond=0)
    endings = ["completed", "interrupted", "ended-by-user", "stopped-for-pain", "safety-stop"]
    for n, ending in enumerate(endings):
        start = now - timedelta(days=n, minutes=5)
        history.save_session(
            SessionRecord(
                started_at=start,
                ended_at=start + timedelta(minutes=4),
                cause="posture",
                severity_before=5,
                severity_after=3,
                minutes_planned=10,
                seconds_done=240,
                exercises=[ExerciseOutcome("cat-cow", "done")],
                checkins_asked=True,
                ending=ending,
                practice=n == 4,
            )
        )
    return ["completed", "interrupted", "ended early", "stopped: pain", "safety stop"]


def expected(invoke: Invoke, command: str) -> list[str]:
    """The names and ids a command's table must show whole, from its own JSON."""
    if command == "list":
        data = json.loads(invoke(["list", "--cause", "posture", "--format", "json"]).stdout)
        return [e["id"] for e in data] + [e["name"] for e in data]
    if command == "plan":
        data = json.loads(invoke([*PLAN, "--format", "json"]).stdout)
        return [e["name"] for e in data["exercises"]]
    if command == "causes":
        return list(CAUSE_INFO)
    return seed_history()


ARGS = {
    "list": ["list", "--cause", "posture"],
    "plan": PLAN,
    "causes": ["causes"],
    "history": ["history"],
}


@pytest.mark.parametrize("width", [40, 60, 80, 120])
@pytest.mark.parametrize("command", sorted(ARGS))
def test_tables_fit_and_keep_every_name_whole(
    invoke: Invoke, monkeypatch: pytest.MonkeyPatch, command: str, width: int
) -> None:
    names = expected(invoke, command)
    monkeypatch.setenv("COLUMNS", str(width))
    result = invoke(ARGS[command])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert max(len(line) for line in lines) <= width
    assert "…" not in result.stdout
    # Word by word: a table cell may fold a long name between its words, never inside one.
    tokens = set(re.split(r"[\s│┃]+", result.stdout))
    for name in names:
        for word in name.split():
            assert word in tokens, (name, word)


def test_a_wide_terminal_gets_a_table_and_a_narrow_one_blocks(
    invoke: Invoke, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "160")
    assert "┃ id" in invoke(["list"]).stdout or "| id" in invoke(["list"]).stdout
    monkeypatch.setenv("COLUMNS", "40")
    out = invoke(["list", "--cause", "posture"]).stdout
    assert "  id: knee-to-chest-single" in out
    assert "  max pain: " in out


@pytest.mark.parametrize("command", sorted(ARGS))
def test_under_20_columns_names_still_show(
    invoke: Invoke, monkeypatch: pytest.MonkeyPatch, command: str
) -> None:
    names = expected(invoke, command)
    monkeypatch.setenv("COLUMNS", "15")
    result = invoke(ARGS[command])
    assert result.exit_code == 0, result.output
    flowing = " ".join(result.stdout.split())
    for name in names:
        assert name in flowing, name


@pytest.mark.parametrize("value", ["0", "abc", "-5", "", " "])
def test_unusable_columns_count_as_unset(monkeypatch: pytest.MonkeyPatch, value: str) -> None:
    monkeypatch.setenv("COLUMNS", value)
    assert ui.terminal_width() > 0
    monkeypatch.setattr(
        "shutil.get_terminal_size", lambda fallback: __import__("os").terminal_size(fallback)
    )
    assert ui.terminal_width() == 80


def test_columns_zero_still_prints_the_table(
    invoke: Invoke, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "0")
    result = invoke(["list", "--cause", "posture"])
    assert "knee-to-chest-single" in result.stdout


# --------------------------------------------------------------------------- options


def ids(result: Result) -> list[str]:
    assert result.exit_code == 0, result.output
    return result.stdout.split()


def test_list_takes_both_position_spellings_combined(invoke: Invoke) -> None:
    one = ids(invoke(["list", "--position", "seated", "--format", "ids"]))
    other = ids(invoke(["list", "--positions", "standing", "--format", "ids"]))
    both = ids(
        invoke(["list", "--position", "seated", "--positions", "standing", "--format", "ids"])
    )
    listed = ids(invoke(["list", "--positions", "seated,standing", "--format", "ids"]))
    assert sorted(both) == sorted(listed) == sorted(one + other)


@pytest.mark.parametrize(
    "flags",
    [
        ["--position", "seated", "--position", "standing"],
        ["--positions", "seated,standing"],
        ["--position", "Seated", "--positions", "STANDING"],
    ],
)
def test_plan_takes_both_position_spellings(invoke: Invoke, flags: list[str]) -> None:
    result = invoke([*PLAN, *flags, "--format", "json"])
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)
    assert {e["position"] for e in doc["exercises"]} <= {"seated", "standing"}


def test_start_takes_both_position_spellings(invoke: Invoke) -> None:
    from stretchcoach.commands.start import start

    names = {opt for p in start.params for opt in p.opts}
    assert {"--position", "--positions"} <= names


def test_an_unknown_position_suggests_the_closest(invoke: Invoke) -> None:
    for command in (["list"], PLAN):
        result = invoke([*command, "--positions", "seated,suppine"])
        assert result.exit_code == 2
        assert "Did you mean 'supine'?" in result.stderr
        assert ", ".join(POSITIONS) in result.stderr


def test_choices_ignore_case_and_still_suggest(invoke: Invoke) -> None:
    result = invoke(["list", "--cause", "Posture", "--kind", "STRETCH", "--format", "IDS"])
    assert result.exit_code == 0, result.output
    assert "knee-to-chest-single" in result.stdout.split()
    result = invoke(["list", "--cause", "Postur"])
    assert result.exit_code == 2
    assert "Did you mean 'posture'?" in result.stderr


@pytest.mark.parametrize(
    ("command", "formats"),
    [
        (["list"], "table, json, yaml or ids"),
        (["plan"], "text, json or markdown"),
        (["history"], "table, json or csv"),
        (["report"], "markdown, html or json"),
        (["causes"], "table or json"),
    ],
)
def test_format_help_names_the_commands_own_formats(
    invoke: Invoke, command: list[str], formats: str
) -> None:
    text = " ".join(invoke([*command, "--help"]).stdout.split())
    assert f"Output format: {formats}." in text


def test_plan_help_says_screened_changes_nothing(invoke: Invoke) -> None:
    text = " ".join(invoke(["plan", "--help"]).stdout.split())
    assert "--screened changes nothing here" in text
    assert "Changes nothing for 'plan'" in text
