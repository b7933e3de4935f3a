"""`stretchcoach learn`: one lesson, the next unread one, the list, and reading recorded."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from click.testing import Result

from stretchcoach import lessons

Invoke = Callable[..., Result]


def read_ids() -> list[str]:
    from stretchcoach.history import load_lessons_read

    return [lesson_id for lesson_id, _ in load_lessons_read()]


def test_learn_id_shows_the_lesson_and_records_it(invoke: Invoke) -> None:
    result = invoke(["learn", "sleep"])
    assert result.exit_code == 0, result.output
    lesson = lessons.get("sleep")
    out = " ".join(result.stdout.split())
    assert result.stdout.startswith("Sleep and your back\n")
    for paragraph in lesson.paragraphs:
        assert paragraph in out
    assert "Lesson 6 of" in out
    assert "Next: Hurt is not harm — stretchcoach learn hurt-not-harm" in out
    assert read_ids() == ["sleep"]
    assert "\x1b[" not in result.stdout


def test_learn_alone_shows_the_next_unread_lesson(invoke: Invoke) -> None:
    first = invoke(["learn"])
    assert first.stdout.startswith("Hurt is not harm\n")
    second = invoke(["learn"])
    assert second.stdout.startswith("Why movement helps\n")
    assert read_ids() == ["hurt-not-harm", "movement-helps"]


def test_when_all_are_read_learn_says_so_and_lists_them(invoke: Invoke) -> None:
    for lesson in lessons.all_lessons():
        assert invoke(["learn", lesson.id]).exit_code == 0
    result = invoke(["learn"])
    assert result.exit_code == 0
    assert f"You have read all {len(lessons.all_lessons())} lessons" in result.stderr
    assert "hurt-not-harm" in result.stdout
    cells = [line.split("│")[3].strip() for line in result.stdout.splitlines() if "│" in line]
    assert cells == ["today"] * len(lessons.all_lessons())
    assert "12 of 12 read" in result.stdout


def test_an_unknown_id_exits_2_with_a_suggestion_and_records_nothing(invoke: Invoke) -> None:
    result = invoke(["learn", "pacng"])
    assert result.exit_code == 2
    assert result.stderr.strip().count("\n") == 0
    assert "No lesson with id 'pacng'. Did you mean 'pacing'?" in result.stderr
    assert result.stdout == ""
    assert read_ids() == []


def test_list_shows_read_and_new(invoke: Invoke) -> None:
    invoke(["learn", "scans"])
    result = invoke(["learn", "--list"])
    assert result.exit_code == 0
    rows = {
        line.split("│")[2].strip(): line.split("│")[3].strip()
        for line in result.stdout.splitlines()
        if line.count("│") == 4 and "lesson" not in line
    }
    assert rows["scans"] == "today"
    assert rows["hurt-not-harm"] == "new"
    assert len(rows) == len(lessons.all_lessons())
    assert "1 of 12 read" in " ".join(result.stdout.split())
    assert read_ids() == ["scans"]  # listing reads nothing


def test_list_stacks_on_a_narrow_terminal(invoke: Invoke, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("COLUMNS", "30")
    result = invoke(["learn", "--list"])
    assert result.exit_code == 0
    assert "id: when-to-see-a-doctor" in result.stdout
    assert max(len(line) for line in result.stdout.splitlines()) <= 30


def test_json_shapes(invoke: Invoke) -> None:
    listed = json.loads(invoke(["learn", "--list", "--format", "json"]).stdout)
    assert len(listed) == len(lessons.all_lessons())
    assert listed[0] == {
        "id": "hurt-not-harm",
        "title": "Hurt is not harm",
        "words": lessons.get("hurt-not-harm").words,
        "read": False,
        "last_read": None,
        "command": "stretchcoach learn hurt-not-harm",
    }
    one = json.loads(invoke(["learn", "pacing", "--format", "json"]).stdout)
    assert one["id"] == "pacing"
    assert one["read"] is True
    assert one["last_read"]
    assert one["paragraphs"] == list(lessons.get("pacing").paragraphs)
    assert one["next"] == "hurt-not-harm"
    listed = json.loads(invoke(["learn", "--list", "--format", "json"]).stdout)
    assert [x["id"] for x in listed if x["read"]] == ["pacing"]


def test_id_and_list_together_is_a_usage_error(invoke: Invoke) -> None:
    result = invoke(["learn", "sleep", "--list"])
    assert result.exit_code == 2
    assert read_ids() == []


def test_an_unreadable_history_still_shows_the_lesson(invoke: Invoke, isolated_home: Path) -> None:
    isolated_home.mkdir(parents=True)
    (isolated_home / "history.db").write_text("not a database\n", encoding="utf-8")
    result = invoke(["learn", "sleep"])
    assert result.exit_code == 0
    assert result.stdout.startswith("Sleep and your back")
    assert "Warning:" in result.stderr
    assert (isolated_home / "history.db").read_text(encoding="utf-8") == "not a database\n"


def test_pregnancy_lesson_comes_first_with_pregnancy_notes(invoke: Invoke) -> None:
    from datetime import datetime

    from stretchcoach import healthnotes

    now = datetime.now().astimezone()
    notes = healthnotes.HealthNotes(
        conditions=frozenset({"pregnant"}), answers={"pregnant": True}, asked_at=now
    )
    healthnotes.save(notes)
    assert invoke(["learn"]).stdout.startswith("Back care in pregnancy\n")


def test_help_has_examples(invoke: Invoke) -> None:
    result = invoke(["learn", "--help"])
    assert result.exit_code == 0
    assert "stretchcoach learn --list" in result.stdout


def test_an_empty_id_is_a_usage_error_and_records_nothing(invoke: Invoke) -> None:
    for empty in ("", "  "):
        result = invoke(["learn", empty])
        assert result.exit_code == 2
        assert result.stdout == ""
        assert "lesson ID is empty" in result.stderr
        assert result.stderr.strip().count("\n") == 0
    assert read_ids() == []


def test_learn_to_dev_full_records_nothing(isolated_home: Path) -> None:
    import os
    import subprocess
    import sys

    import pytest

    if not os.path.exists("/dev/full"):
        pytest.skip("needs /dev/full")
    env = {**os.environ, "STRETCHCOACH_HOME": str(isolated_home)}
    with open("/dev/full", "w") as full:
        done = subprocess.run(
            [sys.executable, "-m", "stretchcoach", "learn", "pacing"],
            stdout=full,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
            check=False,
        )
    assert done.returncode == 1
    assert "could not write the output" in done.stderr
    assert read_ids() == []
