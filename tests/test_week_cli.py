"""``stretchcoach goal`` and ``stretchcoach week``, and the goals in the report."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date, datetime, timedelta, timezone

import pytest
from click.testing import Result

from stretchcoach import history, stats
from stretchcoach.commands._options import NOW_ENV
from stretchcoach.goals import Goal
from stretchcoach.routine import SessionRecord
from stretchcoach.walking import WalkRecord

NOW = datetime(2026, 12, 2, 18, 0, tzinfo=timezone.utc)  # Wednesday; the week began Mon 30 Nov
MON = date(2026, 11, 30)


@pytest.fixture(autouse=True)
def fixed_time(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(NOW_ENV, NOW.isoformat())


def at(day: date, hour: int = 9) -> datetime:
    return datetime(day.year, day.month, day.day, hour, tzinfo=timezone.utc)


def done(day: date, pain: int = 4) -> SessionRecord:
    return SessionRecord(at(day), "posture", pain, 10.0, ending="completed", seconds_done=540)


def test_set_show_and_change_one_goal_keeping_the_other(invoke: Callable[..., Result]) -> None:
    result = invoke(["goal", "--sessions", "4", "--walks", "3"])
    assert result.exit_code == 0, result.output
    assert "Weekly goal set: 4 sessions and 3 walks" in result.stderr
    invoke(["goal", "--walks", "5"])
    shown = invoke(["goal"])
    assert shown.stdout.strip() == "Weekly goal: 4 sessions and 5 walks."
    data = json.loads(invoke(["goal", "--format", "json"]).stdout)
    assert (data["sessions"], data["walks"]) == (4, 5)
    assert len(history.load_goals()) == 2  # the earlier goal is kept for earlier weeks
    invoke(["goal", "--sessions", "0", "--walks", "0"])
    assert json.loads(invoke(["goal", "--format", "json"]).stdout) is None


@pytest.mark.parametrize("args", [["--sessions", "15"], ["--walks", "-1"], ["--walks", "x"]])
def test_goal_counts_outside_0_to_14_are_one_line_exit_2(
    invoke: Callable[..., Result], args: list[str]
) -> None:
    invoke(["goal", "--sessions", "3", "--walks", "2"])
    db = history._default_path(None)
    before = db.read_bytes()
    result = invoke(["goal", *args])
    assert result.exit_code == 2
    assert result.stderr.strip().count("\n") == 0
    assert "0 to 14" in result.stderr
    assert db.read_bytes() == before
    assert [(g.sessions, g.walks) for g in history.load_goals()] == [(3, 2)]


def test_week_json_shows_this_week_against_the_goal(invoke: Callable[..., Result]) -> None:
    history.save_goal(Goal(at(MON - timedelta(days=10)), 2, 3))
    for session in (
        done(MON),
        done(MON + timedelta(days=1), pain=2),
        done(MON - timedelta(days=3), pain=5),
    ):
        history.save_session(session)
    history.save_walk(WalkRecord(at(MON, 17), 20.0, pain_change="worse"))
    history.record_lesson_read("hurt-not-harm", at(MON + timedelta(days=1)))
    history.record_goal_reason(MON - timedelta(days=7), "no-time", at(MON))
    result = invoke(["week", "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["week_of"] == "2026-11-30"
    assert data["to"] == "2026-12-02"
    assert (data["sessions"], data["walks"], data["walk_minutes"]) == (2, 1, 20.0)
    assert data["routine_minutes"] == 18.0
    assert data["goal_met"] is None  # 2 of 2 sessions, 1 of 3 walks, and the week goes on
    assert data["pain"] == {
        "average_before_routines": 3.0,
        "previous_week": 5.0,
        "trend": "lower",
        "walks_worse_after": 1,
    }
    assert data["lessons_read"] == ["hurt-not-harm"]
    assert data["previous_week"]["reason"] == "no-time"
    text = invoke(["week"]).stdout
    assert "2 to go" in text
    assert "lower than the week before" in text
    assert "Lessons read: Hurt is not harm." in text


def test_week_says_well_done_when_the_goals_are_reached(invoke: Callable[..., Result]) -> None:
    history.save_goal(Goal(at(MON), 1, 0))
    history.save_session(done(MON))
    assert "Goals reached this week. Well done." in invoke(["week"]).stdout
    last = invoke(["week", "--last", "--format", "json"])
    assert json.loads(last.stdout)["week_of"] == "2026-11-23"


def test_week_with_nothing_saved_suggests_a_goal(invoke: Callable[..., Result]) -> None:
    result = invoke(["week"])
    assert result.exit_code == 0
    assert "No weekly goals set" in result.stdout
    assert json.loads(invoke(["week", "--format", "json"]).stdout)["goal"] is None


def test_the_report_gives_each_week_against_the_goal_that_held_then() -> None:
    goals = [Goal(at(MON - timedelta(days=10)), 2, 1), Goal(at(MON + timedelta(days=1)), 5, 5)]
    reasons = [history.GoalReason(MON - timedelta(days=7), "pain", at(MON))]
    data = stats.build_report(
        [done(MON - timedelta(days=6)), done(MON - timedelta(days=5)), done(MON)],
        today=MON + timedelta(days=2),
        days=14,
        generated_at=NOW,
        walks=[WalkRecord(at(MON - timedelta(days=4)), 30.0)],
        goals=goals,
        goal_reasons=reasons,
    )
    weeks = {w["week_of"]: w for w in data["weeks"]}
    assert weeks["2026-11-23"]["goal"] == {"sessions": 2, "walks": 1}
    assert weeks["2026-11-23"]["goal_met"] is True
    assert weeks["2026-11-23"]["reason"] == "pain"
    assert weeks["2026-11-30"]["goal"] == {"sessions": 5, "walks": 5}
    assert weeks["2026-11-30"]["goal_met"] is None  # still under way, not reached yet
    from stretchcoach.ui.history import report_markdown

    assert "## Weekly goals" in report_markdown(data)


def test_help_has_examples(invoke: Callable[..., Result]) -> None:
    assert "stretchcoach goal --sessions 4 --walks 3" in invoke(["goal", "--help"]).stdout
    assert "stretchcoach week --format json" in invoke(["week", "--help"]).stdout


def test_a_week_under_way_is_not_judged_but_a_finished_one_is(
    invoke: Callable[..., Result],
) -> None:
    history.save_goal(Goal(at(MON - timedelta(days=20)), 2, 1))
    history.save_session(done(MON - timedelta(days=5)))  # last week: 1 of 2, no walk
    this_week = json.loads(invoke(["week", "--format", "json"]).stdout)
    assert this_week["goal_met"] is None
    assert this_week["previous_week"]["goal_met"] is False
    last = json.loads(invoke(["week", "--last", "--format", "json"]).stdout)
    assert last["goal_met"] is False
    text = invoke(["week"]).stdout
    assert "2 to go" in text
    assert "still time" in text
    last_text = invoke(["week", "--last"]).stdout
    assert "missed by 1" in last_text
    assert "to go" not in last_text
    history.save_session(done(MON))
    history.save_session(done(MON + timedelta(days=1)))
    history.save_walk(WalkRecord(at(MON, 17), 20.0))
    assert json.loads(invoke(["week", "--format", "json"]).stdout)["goal_met"] is True


def test_the_report_says_in_progress_for_the_week_under_way() -> None:
    data = stats.build_report(
        [done(MON - timedelta(days=6))],
        today=MON + timedelta(days=2),
        days=14,
        generated_at=NOW,
        goals=[Goal(at(MON - timedelta(days=20)), 2, 0)],
    )
    weeks = {w["week_of"]: w for w in data["weeks"]}
    assert weeks["2026-11-23"]["goal_met"] is False  # over, 1 of 2
    assert weeks["2026-11-30"]["goal_met"] is None  # under way
    assert all(isinstance(w["walk_minutes"], float) for w in data["weeks"])


@pytest.mark.parametrize(
    ("now", "title"),
    [
        ("2026-12-07T09:00:00+00:00", "This week so far: Mon 07 Dec to Sun 13 Dec"),
        ("2026-12-09T09:00:00+00:00", "This week so far: Mon 07 Dec to Sun 13 Dec"),
        ("2026-12-13T21:00:00+00:00", "This week so far: Mon 07 Dec to Sun 13 Dec"),
    ],
)
def test_the_week_title_runs_monday_to_sunday_even_on_a_monday(
    invoke: Callable[..., Result], monkeypatch: pytest.MonkeyPatch, now: str, title: str
) -> None:
    monkeypatch.setenv(NOW_ENV, now)
    assert invoke(["week"]).stdout.splitlines()[0] == title
    last = invoke(["week", "--last"]).stdout.splitlines()[0]
    assert last == "Last week: Mon 30 Nov to Sun 06 Dec"


def test_week_minutes_are_always_decimal_in_json(invoke: Callable[..., Result]) -> None:
    data = json.loads(invoke(["week", "--format", "json"]).stdout)
    assert isinstance(data["walk_minutes"], float)
    assert isinstance(data["routine_minutes"], float)


def test_on_sunday_the_week_is_not_said_to_have_time_left_and_past_weeks_say_that_week(
    invoke: Callable[..., Result], monkeypatch: pytest.MonkeyPatch
) -> None:
    history.save_goal(Goal(at(MON - timedelta(days=20)), 3, 3))
    monkeypatch.setenv(NOW_ENV, "2026-12-06T22:30:00+00:00")  # Sunday night, goals not met
    sunday = invoke(["week"]).stdout
    assert "still time" not in sunday
    assert "The week ends today" in " ".join(sunday.split())
    assert "no routines yet" in sunday
    monkeypatch.setenv(NOW_ENV, "2026-12-09T10:00:00+00:00")
    last = invoke(["week", "--last"]).stdout
    assert "no routines that week" in last
    assert "yet" not in last
