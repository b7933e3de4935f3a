"""Pacing (clinical facts 7.5): when recent sessions often ended early, today starts a little
below what the person has managed, bad days included, and builds up from there.

Plans come from the real planner; sessions carry real datetimes (TZ=UTC, see conftest).
"""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import pytest
from conftest import make_exercise

from stretchcoach import catalogue as catalogue_mod
from stretchcoach import planner, progression
from stretchcoach.catalogue import Catalogue, Exercise
from stretchcoach.routine import (
    POSITION_CHANGE_SECONDS,
    Assessment,
    Plan,
    SessionRecord,
)

TODAY = date(2026, 3, 20)
UTC = timezone.utc


def ex(ex_id: str, **fields: object) -> Exercise:
    """A supine posture stretch with plain defaults, overridden by ``fields``."""
    return make_exercise(ex_id, **fields)


def session(
    days_ago: int,
    seconds: float,
    ending: str = "ended-by-user",
    *,
    cause: str = "posture",
    practice: bool = False,
    minutes_planned: float = 10,
) -> SessionRecord:
    day = TODAY - timedelta(days=days_ago)
    return SessionRecord(
        started_at=datetime(day.year, day.month, day.day, 8, tzinfo=UTC),
        cause=cause,
        severity_before=3,
        severity_after=3,
        minutes_planned=minutes_planned,
        seconds_done=seconds,
        ending=ending,
        practice=practice,
    )


def posture_plan(severity: int = 2) -> Plan:
    return planner.plan_routine(
        Assessment("posture", severity), catalogue_mod.load(), minutes=10, seed=1
    )


def ids(p: Plan) -> list[str]:
    return [i.exercise.id for i in p.items]


def prepares(p: Plan) -> list[int]:
    return [i.prepare_seconds for i in p.items]


def note(minutes: int, count: int) -> str:
    return (
        f"Lately you have managed about {minutes} minutes most days, bad days included, so "
        f"today is a little shorter, {count} exercises: build up from there in small steps "
        "rather than pushing on good days."
    )


POSTURE_IDS = [
    "lower-trunk-rotation",  # supine
    "knee-to-chest-double",  # supine
    "seated-cat-cow",  # seated
    "abdominal-brace",  # seated
    "standing-back-extension",  # standing
    "standing-side-bend",
    "wall-sit",
    "standing-counter-lean",
]


def test_the_posture_plan_is_what_these_tests_assume() -> None:
    p = posture_plan()
    assert ids(p) == POSTURE_IDS
    assert p.total_seconds == 600
    assert prepares(p) == [15, 5, 15, 5, 15, 5, 5, 5]


def test_two_early_ends_in_three_trim_to_a_little_below_the_median() -> None:
    p = posture_plan()
    # Median 460 s (bad days included, not the 600 s of the good day): aim for 414 s.
    sessions = [session(1, 460), session(2, 600, "completed"), session(3, 300, "interrupted")]
    adapted = progression.adapt(p, sessions, today=TODAY)
    # The middle loses its last exercises first; the opener and the closer stay.
    assert ids(adapted) == [*POSTURE_IDS[:4], POSTURE_IDS[-1]]
    # The closer now follows a seated exercise: 15 s to stand up, not 5.
    assert prepares(adapted) == [15, 5, 15, 5, POSITION_CHANGE_SECONDS]
    assert adapted.total_seconds == 401 <= 414
    # Only as much as needed: with standing back extension kept it would be 438 s.
    assert adapted.notes[len(p.notes) :] == (note(8, 5),)
    # Doses are untouched: pacing shortens the list, never the holds or reps.
    for new in adapted.items:
        old = next(o for o in p.items if o.exercise.id == new.exercise.id)
        assert (new.hold_seconds, new.reps, new.rest_seconds) == (
            old.hold_seconds,
            old.reps,
            old.rest_seconds,
        )


def test_prepare_times_follow_the_positions_after_trimming() -> None:
    p = posture_plan()
    sessions = [session(1, 340), session(2, 340), session(3, 340, "completed")]
    adapted = progression.adapt(p, sessions, today=TODAY)  # aim for 306 s
    # At pain 0-3 the strengthening exercise (abdominal brace) stays; others go around it.
    assert ids(adapted) == [POSTURE_IDS[0], POSTURE_IDS[3], POSTURE_IDS[-1]]
    assert prepares(adapted) == [POSITION_CHANGE_SECONDS] * 3
    assert adapted.total_seconds <= 306


@pytest.mark.parametrize(
    "sessions",
    [
        # One early end in three.
        [session(1, 100), session(2, 600, "completed"), session(3, 600, "completed")],
        # Two sessions only, both early.
        [session(1, 100), session(2, 100)],
        # One early end in the last five; older early ends no longer count.
        [
            session(1, 100),
            *[session(d, 600, "completed") for d in range(2, 6)],
            session(6, 60),
            session(7, 60),
        ],
    ],
    ids=["one-in-three", "too-few", "older-than-five"],
)
def test_no_pacing_unless_recent_sessions_often_ended_early(sessions: list[SessionRecord]) -> None:
    p = posture_plan()
    assert progression.adapt(p, sessions, today=TODAY) is p


def test_two_early_ends_in_the_last_five_are_enough() -> None:
    p = posture_plan()
    sessions = [
        session(1, 600, "completed"),
        session(2, 120),
        session(3, 600, "completed"),
        session(4, 150, "stopped-for-pain"),
        session(5, 600, "completed"),
    ]
    adapted = progression.adapt(p, sessions, today=TODAY)  # median 600: aim for 540 s
    assert ids(adapted)[0] == POSTURE_IDS[0]
    assert ids(adapted)[-1] == POSTURE_IDS[-1]
    assert adapted.total_seconds <= 540
    assert adapted.notes[-1] == note(10, len(adapted.items))


def test_practice_runs_and_safety_stops_never_count_for_pacing() -> None:
    p = posture_plan()
    sessions = [
        session(1, 30, practice=True),
        session(1, 0, "safety-stop"),
        session(2, 20, practice=True),
        session(2, 0, "safety-stop"),
        session(3, 600, "completed"),
        session(4, 600, "completed"),
        session(5, 100),
    ]
    assert progression.adapt(p, sessions, today=TODAY) is p


def test_sessions_without_planned_minutes_are_ignored() -> None:
    p = posture_plan()
    sessions = [session(d, 0, minutes_planned=0) for d in range(1, 6)]
    assert progression.adapt(p, sessions, today=TODAY) is p


def test_a_plan_already_within_what_was_managed_is_kept() -> None:
    p = posture_plan()
    sessions = [session(1, 900), session(2, 900), session(3, 900)]  # aim for 810 s
    assert progression.adapt(p, sessions, today=TODAY) is p


def test_two_exercises_are_never_trimmed() -> None:
    two = (
        ex("breathe", kind="breathing", hold_seconds=60, reps=2, max_severity=8),
        ex("rest", kind="relief", hold_seconds=60, reps=2, max_severity=8),
    )
    p = planner.plan_routine(Assessment("posture", 2), Catalogue(two), minutes=10, seed=1)
    assert len(p.items) == 2
    assert p.total_seconds > 180
    sessions = [session(d, 30) for d in range(1, 4)]
    assert progression.adapt(p, sessions, today=TODAY) is p


def test_pacing_uses_sessions_for_any_cause_and_any_band() -> None:
    p = posture_plan(5)  # the gentle routine: pacing still applies
    assert p.assessment.band == "moderate"
    sessions = [session(d, 150, cause="obesity") for d in range(1, 4)]
    adapted = progression.adapt(p, sessions, today=TODAY)
    assert len(adapted.items) < len(p.items)
    assert adapted.notes[-1] == note(2, len(adapted.items))


#: Five supine exercises whose trimmed lengths are 335, 255, then exactly 180 s.
FLOORED = (
    ex("breathe", kind="breathing", hold_seconds=30, reps=2, max_severity=8),
    ex("tilt", kind="mobility", rest_seconds=0),
    ex("knee-hug"),
    ex("bridge", kind="strength", hold_seconds=5, reps=8, max_severity=4),
    ex("rest", kind="relief", hold_seconds=30, reps=1, max_severity=8),
)


def test_pacing_never_aims_below_three_minutes() -> None:
    p = planner.plan_routine(Assessment("posture", 2), Catalogue(FLOORED), minutes=20, seed=1)
    assert ids(p) == ["breathe", "tilt", "knee-hug", "bridge", "rest"]
    assert p.total_seconds == 335
    # A minute managed: 90% of it would be 54 s, but pacing aims for 3 minutes at least.
    sessions = [session(d, 60) for d in range(1, 4)]
    adapted = progression.adapt(p, sessions, today=TODAY)
    # The strengthening exercise stays (pain 0-3), so the others go first.
    assert ids(adapted) == ["breathe", "bridge", "rest"]
    assert adapted.total_seconds == 195
    assert adapted.notes[-1] == note(1, 3)


def test_pacing_never_plans_less_than_three_minutes() -> None:
    small = (
        ex("breathe", kind="breathing", hold_seconds=30, reps=2, max_severity=8),
        ex("knee-hug"),
        ex("tilt", kind="mobility", hold_seconds=10, reps=3),
        ex("bridge", kind="strength", hold_seconds=5, reps=8, max_severity=4),
        ex("rest", kind="relief", hold_seconds=60, reps=1, max_severity=8),
    )
    p = planner.plan_routine(Assessment("posture", 2), Catalogue(small), minutes=20, seed=1)
    assert p.total_seconds == 345
    adapted = progression.adapt(p, [session(d, 60) for d in range(1, 4)], today=TODAY)
    assert adapted.total_seconds >= progression.PACE_FLOOR_SECONDS
