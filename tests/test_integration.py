"""start and plan wired to config profiles, history (progression, safety over time) and voice."""

from __future__ import annotations

import json
import os
import stat
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from stretchcoach import history
from stretchcoach.routine import ExerciseOutcome, SessionRecord
from stretchcoach.safety import screen

FAST = ["--speed", "1000", "--plain"]
NONE = ["--condition", "none"]
SCRIPTED = ["--screened", *NONE, "--yes", *FAST]
#: The start of the screen's first question (long texts wrap on a terminal).
FIRST_QUESTION = screen.QUESTIONS[0].text[:40]


def all_no_count() -> int:
    """How many screen questions someone with no conditions answers when every answer is no."""
    answers: dict[str, bool] = {}
    while (question := screen.next_question(answers)) is not None:
        answers[question.id] = False
    return len(answers)


def write_config(home: Path, text: str) -> None:
    home.mkdir(parents=True, exist_ok=True)
    (home / "config.yaml").write_text(text, encoding="utf-8")


def good_session(days_ago: int, *, cause: str = "posture", screened: bool = True) -> SessionRecord:
    started = datetime.now().astimezone() - timedelta(days=days_ago, minutes=30)
    return SessionRecord(
        started_at=started,
        ended_at=started + timedelta(minutes=10),
        cause=cause,
        severity_before=2,
        severity_after=1,
        minutes_planned=10,
        seconds_done=600,
        exercises=[ExerciseOutcome("cat-cow", "done", 60.0)],
        checkins_asked=True,
        ending="completed",
        screened_at=started if screened else None,
    )


def plan_json(invoke, *args: str) -> dict:
    result = invoke(["plan", *args, "--format", "json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_a_profile_supplies_defaults_and_typed_flags_win(invoke, isolated_home: Path) -> None:
    write_config(
        isolated_home,
        "profiles:\n  desk:\n    minutes: 5\n    at_desk: true\n    cause: posture\n",
    )
    desk = plan_json(invoke, "--profile", "desk", "--severity", "2")
    assert (desk["cause"], desk["minutes"]) == ("posture", 5)
    assert {e["position"] for e in desk["exercises"]} <= {"standing", "seated"}
    assert desk["total_seconds"] <= 5 * 60
    longer = plan_json(invoke, "--profile", "desk", "--severity", "2", "--minutes", "8")
    assert longer["minutes"] == 8
    floor = plan_json(invoke, "--profile", "desk", "--severity", "2", "--positions", "supine")
    assert {e["position"] for e in floor["exercises"]} == {"supine"}


def test_an_unknown_profile_is_a_usage_error(invoke, isolated_home: Path) -> None:
    write_config(isolated_home, "profiles:\n  desk:\n    minutes: 5\n")
    result = invoke(["plan", "--profile", "evening", "--cause", "posture", "--severity", "2"])
    assert result.exit_code == 2
    assert "no profile named 'evening'" in result.stderr
    assert "desk" in result.stderr


def test_a_broken_config_names_file_line_and_field(invoke, isolated_home: Path) -> None:
    write_config(isolated_home, "minutes: 10\nbel: true\n")
    result = invoke(["plan", "--cause", "posture", "--severity", "2"])
    assert result.exit_code == 1
    assert "config.yaml:2" in result.stderr
    assert "bel" in result.stderr
    assert "Traceback" not in result.output


def test_plan_and_start_give_the_same_routine(invoke) -> None:
    planned = plan_json(invoke, "--cause", "unknown", "--severity", "2", "--minutes", "5")
    result = invoke(["start", "--cause", "unknown", "--severity", "2", "--minutes", "5", *SCRIPTED])
    assert result.exit_code == 0, result.output
    (record,) = history.load_sessions()
    assert [o.id for o in record.exercises] == [e["id"] for e in planned["exercises"]]


def test_progression_after_three_good_sessions_shows_in_plan(invoke) -> None:
    args = ("--cause", "posture", "--severity", "1", "--minutes", "20", "--seed", "7")
    before = plan_json(invoke, *args)
    for days_ago in (3, 2, 1):
        assert history.save_session(good_session(days_ago)) is None
    after = plan_json(invoke, *args)
    assert any("longer" in note or "hold" in note for note in after["notes"]), after["notes"]
    grew = [
        (b["hold_seconds"], a["hold_seconds"])
        for b, a in zip(before["exercises"], after["exercises"], strict=False)
        if b["id"] == a["id"] and a["hold_seconds"] != b["hold_seconds"]
    ]
    assert grew, "some hold lengthened"
    assert all(b < a <= b * 1.25 for b, a in grew)
    assert after["total_seconds"] <= 20 * 60


def test_a_recent_all_clear_skips_the_screen(invoke, monkeypatch: pytest.MonkeyPatch) -> None:
    from stretchcoach import ui

    monkeypatch.setattr(ui, "stdin_is_tty", lambda: True)
    assert history.save_session(good_session(1)) is None
    (tmp_marker := Path(os.environ["STRETCHCOACH_HOME"]) / "disclaimer-acknowledged").touch()
    assert tmp_marker.exists()
    args = ["start", "--cause", "posture", "--severity", "2", "--minutes", "3", *NONE, *FAST]
    result = invoke(args, input="y\nn\n" + "n\n" * 40 + "1\n")
    assert result.exit_code == 0, result.output
    first_question = FIRST_QUESTION
    assert first_question not in result.output
    assert "asked again every 7 days" in result.stdout


def test_pain_two_points_higher_brings_the_screen_back(
    invoke, monkeypatch: pytest.MonkeyPatch
) -> None:
    from stretchcoach import safety, ui

    monkeypatch.setattr(ui, "stdin_is_tty", lambda: True)
    assert history.save_session(good_session(1)) is None
    (Path(os.environ["STRETCHCOACH_HOME"]) / "disclaimer-acknowledged").touch()
    args = ["start", "--cause", "posture", "--severity", "5", "--minutes", "3", *NONE, *FAST]
    answers = ["n"] * all_no_count() + ["y", "n", "n"]  # floor, the 24-hour question, begin
    result = invoke(args, input="\n".join(answers) + "\n")
    assert result.exit_code == 0, result.output
    assert safety.RESCREEN_RISE in result.stdout
    assert FIRST_QUESTION in result.output


def test_voice_command_speaks_a_real_session(invoke, tmp_path: Path) -> None:
    said = tmp_path / "said.txt"
    speaker = tmp_path / "speak.sh"
    speaker.write_text(f'#!/bin/sh\nprintf "%s\\n" "$*" >> {said}\n')
    speaker.chmod(speaker.stat().st_mode | stat.S_IEXEC)
    args = ["start", "--cause", "posture", "--severity", "2", "--minutes", "3"]
    extra = ["--screened", "--condition", "none", "--yes", "--plain", "--speed", "50"]
    extra += ["--voice-command", str(speaker)]
    result = invoke([*args, *extra])
    assert result.exit_code == 0, result.output
    phrases = said.read_text().splitlines()
    assert any(p.startswith(("Hold", "Move", "Walk")) for p in phrases)
    assert phrases[-1].startswith("well done")


def test_an_unreadable_history_warns_once_and_the_routine_still_runs(
    invoke, isolated_home: Path
) -> None:
    isolated_home.mkdir(parents=True)
    db = isolated_home / "history.db"
    garbage = os.urandom(4096)
    db.write_bytes(garbage)
    result = invoke(["start", "--cause", "posture", "--severity", "2", "--minutes", "3", *SCRIPTED])
    assert result.exit_code == 0, result.output
    assert result.stderr.count(str(db)) == 1
    assert "will not be saved" in result.stderr
    assert "Session summary" in result.stdout
    assert db.read_bytes() == garbage


def test_a_safety_stop_today_is_not_overridden_by_screened(invoke) -> None:

    stop = invoke(["start", "--cause", "posture", "--severity", "9", *SCRIPTED])
    assert stop.exit_code == 3
    (record,) = history.load_sessions()
    assert record.ending == "safety-stop"
    assert record.ended_at is not None
    assert record.checkins_asked is False
    again = invoke(["start", "--cause", "posture", "--severity", "2", *SCRIPTED])
    assert again.exit_code == 3
    assert "Earlier today your pain was 9/10" in " ".join(again.stderr.split())
    assert not again.stderr.startswith("Error:")  # advice, not a program error
    assert "Session summary" not in again.stdout


def test_a_safety_stop_after_the_last_all_clear_brings_the_screen_back(
    invoke, monkeypatch: pytest.MonkeyPatch
) -> None:
    from stretchcoach import ui

    monkeypatch.setattr(ui, "stdin_is_tty", lambda: True)
    assert history.save_session(good_session(2)) is None  # an all-clear two days ago
    stopped = good_session(1, screened=False)
    stopped.ending = "safety-stop"
    assert history.save_session(stopped) is None
    (Path(os.environ["STRETCHCOACH_HOME"]) / "disclaimer-acknowledged").touch()
    args = ["start", "--cause", "posture", "--severity", "2", "--minutes", "3", *NONE, *FAST]
    answers = ["n"] * all_no_count() + ["y", "n", "n"]  # floor, the 24-hour question, begin
    result = invoke(args, input="\n".join(answers) + "\n")
    assert result.exit_code == 0, result.output
    assert FIRST_QUESTION in result.output


def test_the_24_hour_question_steps_back_and_is_saved(
    invoke, monkeypatch: pytest.MonkeyPatch
) -> None:
    from stretchcoach import progression, ui

    monkeypatch.setattr(ui, "stdin_is_tty", lambda: True)
    assert history.save_session(good_session(1)) is None  # a recent all-clear: no screen
    (Path(os.environ["STRETCHCOACH_HOME"]) / "disclaimer-acknowledged").touch()
    args = ["start", "--cause", "posture", "--severity", "2", "--minutes", "5", *NONE, *FAST]
    result = invoke(args, input="y\ny\ny\n" + "n\n" * 60 + "1\n")  # floor, worse: yes, begin
    assert result.exit_code == 0, result.output
    assert progression.NEXT_DAY_QUESTION[:40] in " ".join(result.output.split())
    assert "Your back was worse afterwards last time" in " ".join(result.stdout.split())
    newest = history.load_sessions()[0]
    assert newest.worse_after_last is True
    assert newest.practice is True  # --speed 1000: a practice run, kept apart


def test_no_24_hour_question_without_a_recent_session(
    invoke, monkeypatch: pytest.MonkeyPatch
) -> None:
    from stretchcoach import progression, ui

    monkeypatch.setattr(ui, "stdin_is_tty", lambda: True)
    assert history.save_session(good_session(9)) is None  # more than a week ago
    (Path(os.environ["STRETCHCOACH_HOME"]) / "disclaimer-acknowledged").touch()
    args = ["start", "--cause", "posture", "--severity", "2", "--minutes", "3", *NONE, *FAST]
    answers = ["n"] * all_no_count() + ["y", "n"]  # floor, begin: no
    result = invoke(args, input="\n".join(answers) + "\n")
    assert result.exit_code == 0, result.output
    assert progression.NEXT_DAY_QUESTION[:40] not in " ".join(result.output.split())
