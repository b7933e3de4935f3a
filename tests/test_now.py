"""One "now" for the whole CLI: every date-dependent command asks ``_options.now(ctx)``.

Each test fixes the moment with ``STRETCHCOACH_NOW`` (read only by the CLI layer) to a day
long before the real one, and checks the command's output follows it: a command still
reading the real clock would see a different day and fail here.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import click
import pytest
from click.testing import Result

from stretchcoach import healthnotes, history, safety
from stretchcoach.commands._options import NOW_ENV, WallClock, now, parse_now, wall_clock
from stretchcoach.healthnotes import HealthNotes
from stretchcoach.routine import ExerciseOutcome, SessionRecord

Invoke = Callable[..., Result]

#: A Wednesday in the past: Monday 9 March 2026 starts its week.
TZ = timezone(timedelta(hours=1))
DAY = datetime(2026, 3, 11, 10, 0, tzinfo=TZ)
PLAN = ["plan", "--cause", "posture", "--severity", "2", "--condition", "none"]


def at(moment: datetime) -> dict[str, str]:
    """The environment that makes the CLI run as if it were ``moment``."""
    return {NOW_ENV: moment.isoformat()}


def completed_session(started: datetime, *, ending: str = "completed") -> None:
    record = SessionRecord(
        started_at=started,
        ended_at=started + timedelta(minutes=9),
        cause="posture",
        severity_before=3,
        severity_after=2,
        minutes_planned=10,
        seconds_done=540,
        exercises=[ExerciseOutcome("cat-cow", "done")],
        checkins_asked=True,
        ending=ending,
    )
    assert history.save_session(record) is None


@pytest.fixture
def as_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    from stretchcoach import ui

    monkeypatch.setattr(ui, "stdin_is_tty", lambda: True)


# --------------------------------------------------------------------------- the source itself


def test_the_moment_is_taken_once_per_invocation_and_the_wall_clock_moves_on() -> None:
    ctx = click.Context(click.Command("x"))
    first = now(ctx)
    assert now(ctx) is first  # the same moment however often a command asks
    assert wall_clock(ctx)() >= first


def test_a_fixed_moment_starts_the_clock_there() -> None:
    clock = WallClock(DAY)
    assert clock.start == DAY
    assert DAY <= clock() < DAY + timedelta(minutes=1)  # moves on in real time from there


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026-03-11T10:00:00+01:00", DAY),
        ("2026-03-11T09:00:00Z", DAY),
    ],
)
def test_iso_moments_are_read_with_their_offset(text: str, expected: datetime) -> None:
    assert parse_now(text) == expected


def test_a_moment_without_an_offset_is_local_time() -> None:
    moment = parse_now("2026-03-11")
    assert moment.tzinfo is not None
    assert (moment.date(), moment.hour, moment.minute) == (date(2026, 3, 11), 0, 0)


def test_a_bad_moment_is_one_line_and_exit_2(invoke: Invoke) -> None:
    result = invoke(["history"], env={NOW_ENV: "next tuesday"})
    assert result.exit_code == 2
    assert NOW_ENV in result.stderr
    assert "'next tuesday'" in result.stderr
    assert "Traceback" not in result.output


def test_the_history_store_never_reads_the_clock_for_a_window() -> None:
    with pytest.raises(TypeError):
        history.load_sessions(days=3)
    with pytest.raises(TypeError):
        history.load_walks(days=3)
    assert history.load_sessions(days=3, now=DAY) == []


# --------------------------------------------------------------------------- every command


def test_history_today_asks_about_the_fixed_day(invoke: Invoke) -> None:
    completed_session(DAY - timedelta(hours=1))
    assert invoke(["history", "--today"], env=at(DAY)).exit_code == 0
    assert invoke(["history", "--today"], env=at(DAY + timedelta(days=1))).exit_code == 1
    assert invoke(["history", "--today"]).exit_code == 1  # the real today: long after


def test_history_days_count_back_from_the_fixed_day(invoke: Invoke) -> None:
    completed_session(DAY - timedelta(days=2))
    shown = invoke(["history", "--days", "3", "--format", "json"], env=at(DAY))
    assert len(json.loads(shown.stdout)) == 1
    later = invoke(["history", "--days", "3", "--format", "json"], env=at(DAY + timedelta(days=1)))
    assert json.loads(later.stdout) == []


def test_week_is_the_week_of_the_fixed_day(invoke: Invoke) -> None:
    result = invoke(["week", "--format", "json"], env=at(DAY))
    assert result.exit_code == 0, result.output
    body = json.loads(result.stdout)
    assert (body["week_of"], body["to"]) == ("2026-03-09", "2026-03-11")
    assert body["previous_week"]["week_of"] == "2026-03-02"


def test_goal_is_set_at_the_fixed_moment(invoke: Invoke) -> None:
    result = invoke(["goal", "--sessions", "3", "--format", "json"], env=at(DAY))
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["set_at"] == DAY.isoformat(timespec="seconds")


def test_walk_plan_is_for_the_fixed_day(invoke: Invoke) -> None:
    result = invoke(["walk", "--plan", "--format", "json"], env=at(DAY))
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["today"] == "2026-03-11"


def test_a_logged_walk_starts_at_the_fixed_moment(invoke: Invoke) -> None:
    result = invoke(["walk", "--minutes", "20", "--pain", "same"], env=at(DAY))
    assert result.exit_code == 0, result.output
    (walk,) = history.load_walks()
    assert walk.started_at == DAY


def test_report_covers_the_days_up_to_the_fixed_day(invoke: Invoke) -> None:
    result = invoke(["report", "--days", "14", "--format", "json"], env=at(DAY))
    assert result.exit_code == 0, result.output
    body = json.loads(result.stdout)
    assert (body["from"], body["to"]) == ("2026-02-26", "2026-03-11")
    assert body["generated_at"] == DAY.isoformat()


def test_plan_seeds_the_day_from_the_fixed_date(invoke: Invoke) -> None:
    first = json.loads(invoke([*PLAN, "--format", "json"], env=at(DAY)).stdout)
    assert first["seed"] == 20260311
    later = invoke([*PLAN, "--format", "json"], env=at(DAY + timedelta(days=1)))
    assert json.loads(later.stdout)["seed"] == 20260312


def test_health_counts_pregnancy_weeks_to_the_fixed_day(invoke: Invoke) -> None:
    notes = HealthNotes(
        conditions=frozenset({"pregnant"}),
        answers={"pregnant": True},
        asked_at=DAY,
        pregnancy_weeks=20,
        weeks_on=DAY.date(),
    )
    healthnotes.save(notes, None)
    for days_on, weeks in ((0, 20), (15, 22)):
        result = invoke(["health", "--format", "json"], env=at(DAY + timedelta(days=days_on)))
        assert result.exit_code == 0, result.output
        assert json.loads(result.stdout)["pregnancy_weeks"] == weeks


def test_learn_records_the_lesson_read_at_the_fixed_moment(invoke: Invoke) -> None:
    result = invoke(["learn", "--format", "json"], env=at(DAY))
    assert result.exit_code == 0, result.output
    ((lesson_id, read_at),) = history.load_lessons_read()
    assert lesson_id == json.loads(result.stdout)["id"]
    assert read_at == DAY


@pytest.mark.usefixtures("as_terminal")
def test_screen_is_saved_at_the_fixed_moment(invoke: Invoke) -> None:
    from stretchcoach.safety import screen as screen_mod

    ctx = screen_mod.Context(conditions=frozenset())
    answers: dict[str, bool] = {}
    while (question := screen_mod.next_question(answers, ctx)) is not None:
        answers[question.id] = False
    keys = "\n".join("n" for _ in answers) + "\n"
    result = invoke(["screen", "--condition", "none"], input=keys, env=at(DAY))
    assert result.exit_code == 0, result.output
    assert history.load_screens(days=1, now=DAY) == [(DAY, "clear")]


def test_remind_is_quiet_only_on_the_fixed_day_a_routine_was_done(
    invoke: Invoke, monkeypatch: pytest.MonkeyPatch
) -> None:
    from stretchcoach.commands import remind as remind_cmd

    shown: list[str] = []
    monkeypatch.setattr(remind_cmd, "notify", lambda title, body: shown.append(body) or True)
    completed_session(DAY - timedelta(hours=1))
    assert invoke(["remind"], env=at(DAY)).exit_code == 0
    assert shown == []  # done that day: quiet
    assert invoke(["remind"], env=at(DAY + timedelta(days=1))).exit_code == 0
    assert len(shown) == 1


START = ["start", "--cause", "posture", "--severity", "2", "--minutes", "3", "--condition", "none"]


def test_start_holds_a_safety_stop_on_its_own_day_only(invoke: Invoke) -> None:
    completed_session(DAY - timedelta(hours=1), ending="safety-stop")
    fast = [*START, "--screened", "--yes", "--plain", "--speed", "1000"]
    held = invoke(fast, env=at(DAY))
    assert held.exit_code == 3
    assert safety.STOPPED_EARLIER_TODAY.split(".")[0] in " ".join(held.stderr.split())
    next_day = invoke(fast, env=at(DAY + timedelta(days=1)))
    assert next_day.exit_code == 0, next_day.output
    (newest, _) = history.load_sessions()
    assert newest.started_at == DAY + timedelta(days=1)  # saved at the fixed moment


@pytest.mark.usefixtures("as_terminal")
def test_start_asks_the_full_screen_only_when_due_on_the_fixed_day(
    invoke: Invoke, isolated_home: Path
) -> None:
    cleared = DAY - timedelta(days=1)
    assert history.save_screen(cleared, "clear") is None
    not_due = safety.screen_not_due(cleared, 7)
    # Within a week of the all-clear: no screen, just the note; then "floor?" y, "Begin?" n.
    recent = invoke(START, input="\n".join(["", "y", "n"]) + "\n", env=at(DAY))
    assert recent.exit_code == 0, recent.output
    assert not_due in recent.output
    # Ten days on, the full screen is due again: its questions come before the floor one.
    from stretchcoach.safety import screen as screen_mod

    first_question = screen_mod.next_question({}, screen_mod.Context(conditions=frozenset()))
    assert first_question is not None
    assert first_question.text not in " ".join(recent.output.split())
    later = invoke(START, input="n\n", env=at(DAY + timedelta(days=10)))
    assert not_due not in later.output
    assert first_question.text in " ".join(later.output.split())


@pytest.mark.parametrize("moment", ["9999-12-31T23:59:59+00:00", "0001-01-01T00:00:00+00:00"])
@pytest.mark.parametrize(
    "command",
    [["week"], ["report"], ["history"], ["plan", "--cause", "unknown", "--severity", "2"]],
)
def test_a_moment_at_the_edge_of_the_calendar_is_a_usage_error(
    invoke: Callable[..., Result], monkeypatch: pytest.MonkeyPatch, moment: str, command: list[str]
) -> None:
    """Weeks, reports and calendars reach days either side of now: a moment at the
    calendar's edge is refused in one line instead of overflowing a date."""
    monkeypatch.setenv(NOW_ENV, moment)
    result = invoke(command)
    assert result.exit_code == 2, result.output
    assert "between the years 1971 and 9000" in result.stderr
