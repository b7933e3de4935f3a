"""Weekly goals (pure): which goal a week is judged by, the week's numbers, and what the
first routine of a new week says about the last one."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

from stretchcoach.goals import (
    REASONS,
    SKIPPED,
    Goal,
    GoalReason,
    goal_for_week,
    summarise_week,
    week_review,
)
from stretchcoach.routine import SessionRecord
from stretchcoach.walking import WalkRecord

MON = date(2026, 11, 23)  # last week's Monday
THIS_MON = MON + timedelta(days=7)


def at(day: date, hour: int = 9) -> datetime:
    return datetime(day.year, day.month, day.day, hour, tzinfo=timezone.utc)


def session(day: date, *, ending: str = "completed", pain: int = 3, practice: bool = False):
    return SessionRecord(
        at(day), "posture", pain, 10.0, ending=ending, seconds_done=600, practice=practice
    )


def walks_on(*days: date) -> list[WalkRecord]:
    return [WalkRecord(at(d, 17), 15.0) for d in days]


def review(*, today: date = THIS_MON, sessions=(), walks=(), goals=(), reasons=()):
    return week_review(
        today=today, sessions=list(sessions), walks=list(walks), goals=list(goals),
        reasons=list(reasons),
    )  # fmt: skip


GOAL_BEFORE = Goal(at(MON - timedelta(days=3)), sessions=3, walks=2)


def test_a_week_is_judged_by_the_goal_that_held_then_not_a_later_one() -> None:
    later = Goal(at(THIS_MON + timedelta(days=1)), sessions=7, walks=7)
    assert goal_for_week([GOAL_BEFORE, later], MON) == GOAL_BEFORE
    assert goal_for_week([GOAL_BEFORE, later], THIS_MON) == later
    assert goal_for_week([later], MON) is None
    cleared = Goal(at(MON + timedelta(days=2)), 0, 0)
    assert goal_for_week([GOAL_BEFORE, cleared], MON) is None


def test_the_week_counts_completed_real_sessions_walks_minutes_and_lessons() -> None:
    sessions = [
        session(MON),
        session(MON + timedelta(days=1), ending="ended-by-user"),
        session(MON + timedelta(days=2), practice=True),
        session(MON + timedelta(days=3), ending="safety-stop"),
        session(MON + timedelta(days=7)),  # next week
    ]
    lessons = [("walking", at(MON)), ("walking", at(MON + timedelta(days=1))), ("sleep", at(MON))]
    week = summarise_week(
        MON,
        today=THIS_MON,
        sessions=sessions,
        walks=walks_on(MON, MON + timedelta(days=6), THIS_MON),
        goals=[GOAL_BEFORE],
        lessons_read=lessons,
    )
    assert week.sessions == 1
    assert week.walks == 2
    assert week.walk_minutes == 30
    assert week.routine_minutes == 20  # completed and ended early; not practice or the stop
    assert week.lessons == ("walking", "sleep")
    assert not week.met
    data = week.to_dict()
    assert data["goal"]["sessions"] == 3
    assert data["goal_met"] is False
    assert data["lessons_read"] == ["walking", "sleep"]


def test_the_pain_trend_needs_a_point_of_change() -> None:
    before = [session(MON - timedelta(days=7), pain=5), session(MON - timedelta(days=6), pain=5)]
    lower = summarise_week(MON, today=THIS_MON, sessions=[*before, session(MON, pain=3)],
                           walks=[], goals=[])  # fmt: skip
    same = summarise_week(MON, today=THIS_MON, sessions=[*before, session(MON, pain=5)],
                          walks=[], goals=[])  # fmt: skip
    none = summarise_week(MON, today=THIS_MON, sessions=[session(MON)], walks=[], goals=[])
    assert lower.pain_trend == "lower"
    assert same.pain_trend == "about the same"
    assert none.pain_trend is None


def test_a_missed_goal_is_asked_about_with_the_choices() -> None:
    result = review(sessions=[session(MON)], walks=walks_on(MON), goals=[GOAL_BEFORE])
    assert result is not None
    assert result.kind == "question"
    assert result.week == MON
    assert "3 sessions and 2 walks" in result.text
    assert "1 session and 1 walk" in result.text
    assert [label for _, _, label in result.choices] == [
        "pain",
        "no time",
        "forgot",
        "felt fine, didn't need it",
        "other",
    ]
    assert result.choices == REASONS
    assert result.to_dict()["choices"][1] == {"key": "t", "value": "no-time", "label": "no time"}


def test_once_answered_or_skipped_it_is_not_asked_again() -> None:
    for reason in ("no-time", SKIPPED):
        answered = [GoalReason(MON, reason, at(THIS_MON))]
        assert review(goals=[GOAL_BEFORE], reasons=answered) is None
    older = [GoalReason(MON - timedelta(days=7), "pain", at(MON))]
    assert review(goals=[GOAL_BEFORE], reasons=older) is not None


def test_a_goal_set_partway_through_the_week_is_not_questioned() -> None:
    midweek = Goal(at(MON + timedelta(days=3)), sessions=5, walks=0)
    assert review(goals=[midweek]) is None


def test_a_met_goal_gets_one_line_of_praise_at_the_first_routine_only() -> None:
    done = [session(MON + timedelta(days=d)) for d in range(3)]
    walks = walks_on(MON, MON + timedelta(days=1))
    result = review(sessions=done, walks=walks, goals=[GOAL_BEFORE])
    assert result is not None
    assert result.kind == "praise"
    assert result.text.count("\n") == 0
    assert "Well done" in result.text
    later = [*done, session(THIS_MON)]
    assert review(today=THIS_MON + timedelta(days=1), sessions=later, walks=walks,
                  goals=[GOAL_BEFORE]) is None  # fmt: skip


def test_no_goal_no_review() -> None:
    assert review(sessions=[session(MON)]) is None
