"""Gentle progression on made-up plans and sessions: lengthen slowly, step back after pain."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import pytest
from hypothesis import given
from hypothesis import strategies as st

from stretchcoach import progression
from stretchcoach.catalogue import Exercise
from stretchcoach.routine import Assessment, ExerciseOutcome, Plan, PlannedExercise, SessionRecord

TODAY = date(2026, 3, 20)
UTC = timezone.utc


def exercise(ex_id: str, *, kind: str = "stretch", hold: int = 20, reps: int = 3) -> Exercise:
    return Exercise(
        id=ex_id,
        name=ex_id.replace("-", " ").title(),
        kind=kind,
        position="supine",
        causes=("posture",),
        max_severity=6,
        hold_seconds=hold,
        reps=reps,
        per_side=False,
        rest_seconds=5,
        steps=("Lie down.", "Breathe.", "Hold."),
        stop_if="Stop if it hurts.",
    )


def plan(severity: int = 2, minutes: int = 10, *holds: tuple[Exercise, int]) -> Plan:
    items = holds or (
        (exercise("breath", kind="breathing", hold=30, reps=2), 30),
        (exercise("knee-hug", hold=20), 20),
        (exercise("bridge", kind="strength", hold=8, reps=5), 8),
    )
    return Plan(
        assessment=Assessment("posture", severity),
        minutes=minutes,
        seed=1,
        items=tuple(
            PlannedExercise(exercise=ex, hold_seconds=h, reps=ex.reps, rest_seconds=5)
            for ex, h in items
        ),
        notes=("planner note",),
    )


def session(
    days_ago: int,
    *,
    before: int = 3,
    after: int | None = 2,
    ending: str = "completed",
    pains: tuple[str, ...] = (),
    cause: str = "posture",
    practice: bool = False,
) -> SessionRecord:
    day = TODAY - timedelta(days=days_ago)
    return SessionRecord(
        started_at=datetime(day.year, day.month, day.day, 8, tzinfo=UTC),
        cause=cause,
        severity_before=before,
        severity_after=after,
        minutes_planned=10,
        ending=ending,
        pain_reports=list(pains),
        exercises=[ExerciseOutcome(p, "stopped-for-pain") for p in pains],
        practice=practice,
    )


def holds(p: Plan) -> dict[str, int]:
    return {i.exercise.id: i.hold_seconds for i in p.items}


def good(n: int) -> list[SessionRecord]:
    return [session(d) for d in range(1, n + 1)]


def test_no_history_changes_nothing() -> None:
    p = plan()
    assert progression.adapt(p, [], today=TODAY) is p


def test_two_good_sessions_are_not_enough() -> None:
    p = plan()
    assert progression.adapt(p, good(2), today=TODAY) is p


def test_three_good_sessions_lengthen_holds_by_about_ten_percent() -> None:
    adapted = progression.adapt(plan(), good(3), today=TODAY)
    assert holds(adapted) == {"breath": 30, "knee-hug": 22, "bridge": 8}  # 8 × 1.1 rounds down
    assert adapted.notes[0] == "planner note"
    assert "last 3 sessions" in adapted.notes[-1]
    assert "1 hold is about 10% longer" in adapted.notes[-1]
    assert adapted.total_seconds <= adapted.minutes * 60


@pytest.mark.parametrize(("run", "knee", "bridge"), [(6, 24, 9), (9, 25, 10), (30, 25, 10)])
def test_growth_is_capped_at_25_percent(run: int, knee: int, bridge: int) -> None:
    adapted = progression.adapt(plan(), good(run), today=TODAY)
    assert holds(adapted)["knee-hug"] == knee
    assert holds(adapted)["bridge"] == bridge  # 8 × 1.2 = 9.6 → 9; 8 × 1.25 = 10


def test_pain_after_higher_than_before_breaks_the_run() -> None:
    sessions = [session(1), session(2, before=3, after=4), session(3), session(4)]
    p = plan()
    assert progression.adapt(p, sessions, today=TODAY) is p


def test_practice_runs_never_progress_the_routine() -> None:
    demos = [session(d, practice=True) for d in range(1, 10)]
    p = plan()
    assert progression.adapt(p, demos, today=TODAY) is p
    # Mixed in with real ones, they neither add to the run nor break it.
    mixed = [session(1, practice=True), *good(3), session(4, practice=True)]
    assert holds(progression.adapt(p, mixed, today=TODAY))["knee-hug"] == 22


def test_a_practice_run_that_hurt_does_not_step_back() -> None:
    sessions = [session(1, pains=("knee-hug",), practice=True), *good(3)[1:], session(4)]
    adapted = progression.adapt(plan(), sessions, today=TODAY)
    assert holds(adapted)["knee-hug"] == 22  # the three real good sessions still count


def test_sessions_for_another_cause_do_not_count() -> None:
    sessions = [session(d, cause="obesity") for d in range(1, 7)]
    p = plan()
    assert progression.adapt(p, sessions, today=TODAY) is p


def test_a_long_break_starts_again_from_the_catalogue() -> None:
    sessions = [session(d) for d in range(8, 20)]
    p = plan()
    assert progression.adapt(p, sessions, today=TODAY) is p


def test_a_pain_report_steps_back() -> None:
    sessions = [session(1, pains=("knee-hug",)), *good(9)[1:]]
    adapted = progression.adapt(plan(), sessions, today=TODAY)
    assert holds(adapted) == {"breath": 24, "knee-hug": 16, "bridge": 6}
    reps = {i.exercise.id: i.reps for i in adapted.items}
    assert reps == {"breath": 2, "knee-hug": 2, "bridge": 5}  # one rep fewer for what hurt
    assert "Something hurt last time" in adapted.notes[-1]
    assert "Knee Hug has one rep fewer" in adapted.notes[-1]


def test_stopped_for_pain_steps_back_even_in_the_moderate_band() -> None:
    p = plan(5, 10, (exercise("knee-hug", hold=20), 10))
    adapted = progression.adapt(p, [session(1, ending="stopped-for-pain")], today=TODAY)
    assert holds(adapted) == {"knee-hug": 8}


def test_step_back_keeps_at_least_five_seconds() -> None:
    p = plan(2, 10, (exercise("tilt", hold=6), 6), (exercise("tiny", hold=3), 3))
    adapted = progression.adapt(p, [session(1, pains=("tilt",))], today=TODAY)
    assert holds(adapted) == {"tilt": 5, "tiny": 3}


def test_moderate_pain_never_lengthens() -> None:
    p = plan(5, 10, (exercise("knee-hug", hold=20), 10))
    assert progression.adapt(p, good(9), today=TODAY) is p


def test_lengthening_never_passes_the_time_asked_for() -> None:
    long = exercise("long", hold=60, reps=4)  # 5 + 4×60 + 3×5 = 260 s
    p = plan(2, 5, (long, 60))
    assert p.total_seconds == 260
    adapted = progression.adapt(p, good(9), today=TODAY)
    # 4 × 75 s (320 s in all) would pass 300 s, so: 3 × 75 s (240 s), one rep fewer.
    assert [(i.hold_seconds, i.reps) for i in adapted.items] == [(75, 3)]
    assert adapted.total_seconds == 240
    assert "1 with one rep fewer, to keep to your 5 minutes" in adapted.notes[-1]
    p = plan(2, 6, (long, 60))
    assert [(i.hold_seconds, i.reps) for i in progression.adapt(p, good(9), today=TODAY).items] == [
        (75, 4)
    ]
    two_reps = exercise("two", hold=60, reps=2)  # 5 + 2×60 + 5 = 130 s; 2×75 would pass
    p = plan(2, 2, (two_reps, 60))
    assert progression.adapt(p, good(9), today=TODAY) is p  # never down to a single rep


@given(
    run=st.integers(0, 40),
    catalogue_hold=st.integers(1, 120),
    minutes=st.integers(1, 60),
    hurt=st.booleans(),
)
def test_holds_never_exceed_125_percent_of_the_catalogue(
    run: int, catalogue_hold: int, minutes: int, hurt: bool
) -> None:
    ex = exercise("x", hold=catalogue_hold, reps=2)
    p = plan(1, minutes, (ex, catalogue_hold))
    sessions = good(run)
    if hurt:
        sessions = [session(0, pains=("x",)), *sessions]
    adapted = progression.adapt(p, sessions, today=TODAY)
    (item,) = adapted.items
    assert item.hold_seconds <= catalogue_hold * 1.25
    assert item.hold_seconds <= progression.max_hold(item)
    if adapted is not p:
        assert adapted.total_seconds <= minutes * 60 or hurt
        assert len(adapted.notes) == len(p.notes) + 1
    if hurt:
        assert item.hold_seconds <= catalogue_hold


@pytest.mark.parametrize("cause", ["posture", "weak-muscles", "arthritis"])
def test_real_plans_stay_within_limits(cause: str) -> None:
    from stretchcoach import catalogue, planner

    cat = catalogue.load()
    base = planner.plan_routine(Assessment(cause, 2), cat, minutes=10, seed=7)
    sessions = [session(d, cause=cause) for d in range(1, 10)]
    adapted = progression.adapt(base, sessions, today=TODAY)
    assert adapted.total_seconds <= 10 * 60
    for item in adapted.items:
        assert item.hold_seconds <= item.exercise.hold_seconds * 1.25
    if adapted is not base:
        assert "went well" in adapted.notes[-1]
        assert any(
            new.hold_seconds > old.hold_seconds
            for new, old in zip(adapted.items, base.items, strict=True)
        )
    stepped = progression.adapt(base, [session(1, cause=cause, pains=("x",))], today=TODAY)
    assert all(
        new.hold_seconds <= old.hold_seconds
        for new, old in zip(stepped.items, base.items, strict=True)
    )
    assert stepped.total_seconds < base.total_seconds
