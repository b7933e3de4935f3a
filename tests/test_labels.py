"""Plain words for positions and causes on screen; JSON keeps the catalogue ids."""

from __future__ import annotations

import io
import json
from collections.abc import Callable
from datetime import datetime, timedelta

import pytest
from click.testing import Result
from conftest import make_exercise
from rich.console import Console

from stretchcoach import history
from stretchcoach.catalogue import POSITIONS
from stretchcoach.routine import (
    Assessment,
    ExerciseOutcome,
    Phase,
    Plan,
    PlannedExercise,
    SessionRecord,
)
from stretchcoach.ui.plan import POSITION_LABELS, plan_markdown, plan_table, position_label
from stretchcoach.ui.routine import RoutineView

Invoke = Callable[..., Result]
JARGON = ("supine", "prone", "side-lying", "all-fours")


def floor_exercise() -> PlannedExercise:
    ex = make_exercise(
        "knee-hug",
        name="Knee Hug",
        position="supine",
        hold_seconds=10,
        reps=1,
        rest_seconds=0,
        steps=("Lie down.", "Hug one knee."),
        stop_if="Stop if it hurts sharply.",
    )
    return PlannedExercise(ex, hold_seconds=10, reps=1, rest_seconds=0)


def floor_plan() -> Plan:
    return Plan(Assessment("posture", 2), minutes=5, seed=1, items=(floor_exercise(),))


def test_every_position_has_plain_words_and_no_jargon_is_shown() -> None:
    assert set(POSITION_LABELS) == set(POSITIONS)
    assert position_label("supine") == "lying on your back"
    assert position_label("prone") == "lying on your front"
    assert position_label("side-lying") == "lying on your side"
    assert position_label("all-fours") == "on hands and knees"
    assert position_label("hammock") == "hammock"  # unknown ids are shown as they are
    for position in JARGON:
        assert position_label(position) != position


def test_the_plan_table_and_markdown_use_plain_position_words(
    capsys: pytest.CaptureFixture[str],
) -> None:
    plan_table(floor_plan(), plain=True)
    text = capsys.readouterr().out
    assert "lying on your back" in " ".join(text.split())
    assert "supine" not in text
    markdown = plan_markdown(floor_plan())
    assert "| Knee Hug | lying on your back |" in markdown
    assert "supine" not in markdown


def test_the_routine_screen_uses_plain_position_words() -> None:
    item = floor_exercise()
    # One line per step (plain mode).
    out = io.StringIO()
    view = RoutineView(plain=True, out=Console(file=out, width=200, color_system=None))
    view.exercise_started(index=1, total=1, item=item, routine_left=15)
    assert "Exercise 1 of 1: Knee Hug (lying on your back, 10 s × 1)" in out.getvalue()
    assert "supine" not in out.getvalue()
    # The live panel.
    live = io.StringIO()
    view = RoutineView(plain=False, out=Console(file=live, width=100, color_system=None))
    view.exercise_started(index=1, total=1, item=item, routine_left=15)
    view._phase = Phase("hold", 10)
    view.console.print(view.render())
    assert "lying on your back · 10 s × 1" in live.getvalue()
    assert "supine" not in live.getvalue()


def test_plan_json_keeps_the_position_ids(invoke: Invoke) -> None:
    args = ["plan", "--cause", "posture", "--severity", "2", "--positions", "supine"]
    doc = json.loads(invoke([*args, "--format", "json"]).stdout)
    assert {e["position"] for e in doc["exercises"]} == {"supine"}
    text = invoke(args).stdout
    assert "lying on your back" in " ".join(text.split())


def test_the_history_table_shows_the_cause_label(invoke: Invoke) -> None:
    start = datetime.now().astimezone() - timedelta(minutes=5)
    record = SessionRecord(
        started_at=start,
        ended_at=start + timedelta(minutes=4),
        cause="posture",
        severity_before=4,
        severity_after=3,
        minutes_planned=5,
        seconds_done=240,
        exercises=[ExerciseOutcome("cat-cow", "done")],
        ending="completed",
    )
    assert history.save_session(record) is None
    text = " ".join(invoke(["history"]).stdout.split())
    assert "Long sitting or staying still" in text
    data = json.loads(invoke(["history", "--format", "json"]).stdout)
    assert data[0]["cause"] == "posture"  # JSON keeps the id
