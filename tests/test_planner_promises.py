"""What README promises about a routine at pain 0-3, checked after history has had its say.

"pain 0-3: ... with at least one strengthening exercise": the plan has one whenever one fits
(an exercise resting after it hurt, or pacing, does not take it away), and says why not when
none does. "To fit the time an exercise may lose reps": only when the time needs it, and the
note names only exercises in the plan. At pain 7-8 a resting position opens the routine when
no breathing exercise suits the one position (README, "What a catalogue needs").
"""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest
from conftest import make_exercise
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from stretchcoach import catalogue as catalogue_mod
from stretchcoach import planner, progression
from stretchcoach.catalogue import CAUSES, Catalogue
from stretchcoach.errors import SafetyStop
from stretchcoach.routine import Assessment, Plan, SessionRecord
from stretchcoach.safety import conditions as health

TODAY = date(2026, 12, 1)
SEED = 20261201  # the default seed on TODAY
UTC = timezone.utc
CATALOGUE = catalogue_mod.load()
DESK = frozenset({"standing", "seated"})
README = Path(__file__).resolve().parents[1] / "README.md"
#: Health notes a routine can be planned with (the others stop it).
ROUTINE_CONDITIONS = sorted(
    set(health.CONDITIONS) - {"recent-back-surgery", "supervised-only", "par-q"}
)


def session(
    days_ago: int,
    *,
    pains: tuple[str, ...] = (),
    cause: str = "unknown",
    ending: str = "completed",
    seconds: float = 600.0,
) -> SessionRecord:
    day = TODAY - timedelta(days=days_ago)
    return SessionRecord(
        started_at=datetime(day.year, day.month, day.day, 8, tzinfo=UTC),
        cause=cause,
        severity_before=2,
        severity_after=2,
        minutes_planned=10,
        seconds_done=seconds,
        ending=ending,
        pain_reports=list(pains),
    )


def todays(
    assessment: Assessment, minutes: int, sessions: list[SessionRecord], seed: int = SEED
) -> Plan:
    """What ``plan`` and ``start`` show: the planner's plan adapted to the history."""
    plan = planner.plan_routine(assessment, CATALOGUE, minutes=minutes, seed=seed)
    return progression.adapt(plan, sessions, today=TODAY, catalogue=CATALOGUE)


def kinds(p: Plan) -> list[str]:
    return [i.exercise.kind for i in p.items]


def ids(p: Plan) -> list[str]:
    return [i.exercise.id for i in p.items]


def cut_names(note: str) -> list[str]:
    """The exercise names in a "To fit your N minutes, A, B and C have fewer reps" line."""
    names = note.split(" minutes, ", 1)[1].split(" fewer reps", 1)[0].rsplit(" ", 1)[0]
    *rest, last = names.split(" and ")
    return [*" and ".join(rest).split(", "), last] if rest else [last]


def assert_strength_or_why(p: Plan) -> None:
    """At pain 0-3: a strengthening exercise, or one line saying why there is none."""
    if p.assessment.severity > 3 or "strength" in kinds(p):
        return
    why = [n for n in p.notes if n.startswith(planner.NO_STRENGTH_START)]
    gentle = [n for n in p.notes if "no strengthening" in n]  # the gentle routine's line
    assert len(why) + len(gentle) == 1, p.notes


def assert_cuts_are_needed(p: Plan, budget: int, *, eased: frozenset[str] = frozenset()) -> None:
    """The fewer-reps line names only planned exercises with fewer reps than their dose, and
    no exercise is cut while the plan is under ``budget`` by more than one rep of it."""
    band = p.assessment.band
    cut_lines = [n for n in p.notes if n.startswith(planner.CUT_NOTE_START)]
    assert len(cut_lines) <= 1
    for name in cut_names(cut_lines[0]) if cut_lines else []:
        item = next((i for i in p.items if i.exercise.name == name), None)
        assert item is not None, (name, p.notes)
        assert item.reps < planner.band_dose(item.exercise, band)[1], (name, item.reps)
    if band != "mild":
        return
    slack = budget - p.total_seconds
    for item in planner.cut_items(p.items, band, eased=eased):
        assert slack < planner.one_rep_seconds(item), (item.exercise.id, item.reps, slack)


# --------------------------------------------------------------------------- the reported cases


def test_a_resting_strength_exercise_gives_way_to_another() -> None:
    """(a) Abdominal brace rests after it hurt: another strengthening exercise takes its place."""
    a = Assessment("unknown", 3)
    plain = todays(a, 10, [])
    assert [i.exercise.id for i in plain.items if i.exercise.kind == "strength"] == [
        "abdominal-brace"
    ]
    adapted = todays(a, 10, [session(1), session(2, pains=("abdominal-brace",))])
    assert "abdominal-brace" not in ids(adapted)
    assert "strength" in kinds(adapted)
    assert any("Abdominal brace (seated) hurt on" in n for n in adapted.notes)
    assert adapted.total_seconds <= 600
    assert_cuts_are_needed(adapted, 600)


def test_a_short_desk_routine_keeps_strength_and_cuts_only_what_it_must() -> None:
    """(b) and the fewer-reps note: chin tuck and abdominal brace rest; sit-to-stand joins,
    and no rep is cut that the time did not need, nor a resting exercise named as cut."""
    a = Assessment("posture", 2, DESK)
    sessions = [session(1), session(2, pains=("abdominal-brace", "chin-tuck"), cause="posture")]
    adapted = todays(a, 5, sessions)
    assert "strength" in kinds(adapted)
    assert {"abdominal-brace", "chin-tuck"}.isdisjoint(ids(adapted))
    for note in adapted.notes:
        if note.startswith(planner.CUT_NOTE_START):
            assert "Chin tuck" not in note
    assert_cuts_are_needed(adapted, 300)
    breathing = [i for i in adapted.items if i.exercise.id == "seated-breathing"]
    for item in breathing:
        if item.reps < item.exercise.reps:
            assert 300 - adapted.total_seconds < planner.one_rep_seconds(item)


def test_pacing_keeps_the_strengthening_exercise() -> None:
    """(c) After sessions that ended early, pacing trims the others, not the strengthening."""
    a = Assessment("unknown", 2)
    early = [
        session(1, ending="ended-by-user", seconds=150),
        session(2, ending="ended-by-user", seconds=150),
        session(3, seconds=200),
    ]
    plain = todays(a, 10, [])
    adapted = todays(a, 10, early)
    assert len(adapted.items) < len(plain.items)
    assert "strength" in kinds(adapted)
    assert adapted.notes[-1].startswith("Lately you have managed about")


def test_a_long_opener_does_not_crowd_out_strength() -> None:
    """A pair of ends that leaves room for strengthening is chosen when one exists."""
    for seed in range(60):
        p = planner.plan_routine(Assessment("unknown", 3), CATALOGUE, minutes=4, seed=seed)
        assert "strength" in kinds(p), (seed, ids(p))


def test_when_no_strength_fits_the_plan_says_why() -> None:
    posture = make_exercise  # supine posture exercises by default
    cat = Catalogue(
        (
            posture("breathe", kind="breathing", hold_seconds=30, reps=2, max_severity=8),
            posture("tilt", kind="mobility", hold_seconds=10, reps=3),
            posture("rest", kind="relief", hold_seconds=60, reps=1, max_severity=8),
        )
    )
    p = planner.plan_routine(Assessment("posture", 2), cat, minutes=10, seed=1)
    assert (
        p.notes.count(
            "No strengthening exercise today: none in the catalogue suits long sitting or staying "
            "still at pain 2/10."
        )
        == 1
    )
    bridge = posture("bridge", kind="strength", hold_seconds=5, reps=8, position="prone")
    cat = Catalogue((*cat, bridge))
    p = planner.plan_routine(
        Assessment("posture", 2, frozenset({"supine"})), cat, minutes=10, seed=1
    )
    assert "No strengthening exercise today: none suits the positions you chose (supine)." in (
        p.notes
    )
    p = planner.plan_routine(
        Assessment("posture", 2), cat, minutes=10, seed=1, leave_out=frozenset({"bridge"})
    )
    assert (
        "No strengthening exercise today: the ones that suit you are resting after they hurt."
        in p.notes
    )
    long_bridge = posture("bridge", kind="strength", hold_seconds=60, reps=8)
    p = planner.plan_routine(
        Assessment("posture", 2), Catalogue((*tuple(cat)[:3], long_bridge)), minutes=2, seed=1
    )
    assert "strength" not in kinds(p)
    assert any(
        n.startswith("No strengthening exercise today: none fits in 2 minutes") for n in p.notes
    )


# --------------------------------------------------------------------------- properties


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    cause=st.sampled_from(sorted(CAUSES)),
    severity=st.integers(0, 3),
    minutes=st.integers(1, 40),
    seed=st.integers(0, 2**32),
    positions=st.sampled_from([None, DESK, frozenset({"seated"}), frozenset({"standing"})]),
    conditions=st.lists(st.sampled_from(ROUTINE_CONDITIONS), max_size=2),
)
def test_a_plan_at_mild_pain_has_strength_or_says_why_and_cuts_only_when_needed(
    cause: str,
    severity: int,
    minutes: int,
    seed: int,
    positions: frozenset[str] | None,
    conditions: list[str],
) -> None:
    a = Assessment(cause, severity, positions, conditions=frozenset(conditions))
    try:
        p = planner.plan_routine(a, CATALOGUE, minutes=minutes, seed=seed)
    except (planner.NothingFits, SafetyStop):
        assume(False)
        raise
    assert_strength_or_why(p)
    assert_cuts_are_needed(p, planner.budget_seconds(minutes, a.band))


@st.composite
def hurts(draw: st.DrawFn, plan: Plan) -> list[SessionRecord]:
    """A good session yesterday (so nothing steps back) after one where some exercises hurt."""
    planned = [i.exercise.id for i in plan.items]
    pains = draw(st.lists(st.sampled_from(planned), min_size=1, max_size=3, unique=True))
    return [session(1, cause=plan.assessment.cause), session(3, pains=tuple(pains))]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    data=st.data(),
    cause=st.sampled_from(sorted(CAUSES)),
    severity=st.integers(0, 3),
    minutes=st.integers(2, 30),
    seed=st.integers(0, 2**32),
    desk=st.booleans(),
)
def test_what_rests_after_it_hurt_keeps_the_promises(
    data: st.DataObject, cause: str, severity: int, minutes: int, seed: int, desk: bool
) -> None:
    a = Assessment(
        cause, severity, DESK if desk else None, conditions=health.with_cause(frozenset(), cause)
    )
    try:
        plan = planner.plan_routine(a, CATALOGUE, minutes=minutes, seed=seed)
    except planner.NothingFits:
        assume(False)
        raise
    adapted = progression.adapt(plan, data.draw(hurts(plan)), today=TODAY, catalogue=CATALOGUE)
    assert adapted.items
    assert adapted.total_seconds <= planner.budget_seconds(minutes, a.band)
    assert_strength_or_why(adapted)
    planned = {i.exercise.id for i in plan.items}
    eased = frozenset(
        i.exercise.id
        for i in adapted.items
        if i.exercise.id not in planned and i.exercise.id in {e.easier for e in CATALOGUE}
    )
    assert_cuts_are_needed(adapted, planner.budget_seconds(minutes, a.band), eased=eased)


# --------------------------------------------------------------------------- pain 7-8 opener


@pytest.mark.parametrize("severity", [7, 8])
def test_at_severe_pain_breathing_opens_when_the_position_has_it_else_a_resting_one(
    severity: int,
) -> None:
    for cause in sorted(CAUSES):
        a = Assessment(cause, severity, conditions=health.with_cause(frozenset(), cause))
        try:
            p = planner.plan_routine(a, CATALOGUE, minutes=5, seed=SEED)
        except planner.NothingFits:
            continue
        position = p.items[0].exercise.position
        breathing = [
            ex
            for ex in CATALOGUE
            if ex.kind == "breathing" and ex.position == position and a.offers(ex)
        ]
        assert p.items[0].exercise.kind == ("breathing" if breathing else "relief"), cause


def test_pregnancy_at_pain_7_opens_with_a_resting_position_as_readme_says() -> None:
    a = Assessment("pregnancy", 7, conditions=frozenset({"pregnant"}))
    p = planner.plan_routine(a, CATALOGUE, minutes=10, seed=SEED)
    assert {i.exercise.position for i in p.items} == {"side-lying"}
    assert p.items[0].exercise.kind == "relief"
    text = " ".join(README.read_text(encoding="utf-8").split())
    assert (
        "at pain 7–8 a resting position opens it when no breathing exercise suits the one "
        "position" in text
    )
