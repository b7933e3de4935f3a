"""The planner on small hand-built catalogues and on the real one."""

from __future__ import annotations

import functools
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from stretchcoach import catalogue as catalogue_module
from stretchcoach import planner
from stretchcoach.catalogue import CAUSES, DESK_POSITIONS, Catalogue, Exercise
from stretchcoach.errors import EXIT_BAD_DATA, SafetyStop, UsageError
from stretchcoach.planner import NothingFits, plan_routine
from stretchcoach.routine import (
    POSITION_CHANGE_SECONDS,
    PREPARE_SECONDS,
    Assessment,
    Plan,
)
from stretchcoach.safety import SEVERE_MESSAGE, TOO_SEVERE_MESSAGE, band_for

CATALOGUE = Path(__file__).resolve().parent.parent / "data" / "exercises.yaml"


def ex(ex_id: str, **fields: Any) -> Exercise:
    """An exercise with harmless defaults, overridden by ``fields``."""
    values: dict[str, Any] = {
        "id": ex_id,
        "name": ex_id.replace("-", " ").capitalize(),
        "kind": "stretch",
        "position": "seated",
        "causes": ("posture",),
        "max_severity": 6,
        "hold_seconds": 20,
        "reps": 3,
        "per_side": False,
        "rest_seconds": 10,
        "steps": ("Do it gently.",),
        "stop_if": "Stop if it hurts.",
    }
    values.update(fields)
    return Exercise(**values)


def cat(*exercises: Exercise) -> Catalogue:
    return Catalogue(tuple(exercises))


def small() -> Catalogue:
    """A tidy catalogue for 'posture': enough of every kind in two positions."""
    return cat(
        ex("breathe", kind="breathing", position="supine", hold_seconds=30, reps=2, max_severity=8),
        ex("rest-on-side", kind="relief", position="side-lying", per_side=True, max_severity=8),
        ex("tilt", kind="mobility", position="supine", hold_seconds=5, reps=10, rest_seconds=3),
        ex("knee-hug", kind="stretch", position="supine", per_side=True),
        ex("bridge", kind="strength", position="supine", hold_seconds=5, reps=8, max_severity=4),
        ex("chair-twist", kind="stretch", position="seated", per_side=True, max_severity=5),
        ex("chair-tilt", kind="mobility", position="seated", hold_seconds=5, reps=8),
        ex("lean", kind="relief", position="seated", hold_seconds=30, reps=2, max_severity=8),
        ex("sit-stand", kind="strength", position="seated", hold_seconds=3, reps=8),
    )


@functools.cache
def real() -> Catalogue:
    """The shipped catalogue, loaded once for the module (Catalogue is immutable)."""
    return catalogue_module.load(CATALOGUE)


def plan(catalogue: Catalogue, severity: int = 2, *, minutes: int = 10, seed: int = 1, **a: Any):
    return plan_routine(Assessment("posture", severity, **a), catalogue, minutes=minutes, seed=seed)


# --------------------------------------------------------------------------- helpers


def test_default_seed_is_the_date() -> None:
    assert planner.default_seed(date(2025, 3, 14)) == 20250314
    assert planner.default_seed(date(2025, 3, 15)) != planner.default_seed(date(2025, 3, 14))


def test_parse_positions() -> None:
    assert planner.parse_positions("standing") == {"standing"}
    assert planner.parse_positions(" Seated , standing,") == {"seated", "standing"}


@pytest.mark.parametrize("text", ["floor", "seated,sofa", "", " , "])
def test_parse_positions_rejects_unknown_or_empty(text: str) -> None:
    with pytest.raises(UsageError) as info:
        planner.parse_positions(text)
    assert "standing, seated, kneeling, all-fours, side-lying, prone, supine" in info.value.message
    assert info.value.exit_code == 2


def test_parse_positions_suggests_the_closest() -> None:
    with pytest.raises(UsageError, match=r"Unknown position 'supin'\. Did you mean 'supine'\?"):
        planner.parse_positions("seated,supin")


def test_resolve_positions() -> None:
    assert planner.resolve_positions(None, at_desk=False) is None
    assert planner.resolve_positions(None, at_desk=True) == DESK_POSITIONS
    assert planner.resolve_positions("seated", at_desk=True) == {"seated"}
    assert planner.resolve_positions("supine,prone", at_desk=False) == {"supine", "prone"}
    with pytest.raises(UsageError, match="supine"):
        planner.resolve_positions("seated,supine", at_desk=True)


@pytest.mark.parametrize(
    ("hold", "reps", "expected"),
    [
        ((20, 3), None, (10, 2)),
        ((7, 1), None, (5, 1)),
        ((3, 10), None, (3, 5)),
        ((60, 2), None, (30, 1)),
    ],
)
def test_moderate_dose_is_about_half_never_more(
    hold: tuple[int, int], reps: None, expected: tuple[int, int]
) -> None:
    exercise = ex("x", hold_seconds=hold[0], reps=hold[1])
    assert planner.band_dose(exercise, "moderate") == expected
    assert planner.band_dose(exercise, "mild") == hold


def test_exercise_seconds_matches_the_phases() -> None:
    from stretchcoach.routine import PlannedExercise

    for per_side in (False, True):
        e = ex("x", per_side=per_side, hold_seconds=12, reps=3, rest_seconds=7)
        item = PlannedExercise(e, hold_seconds=12, reps=3, rest_seconds=7, prepare_seconds=15)
        assert planner.exercise_seconds(e, hold=12, reps=3, prepare=15) == item.seconds


# --------------------------------------------------------------------------- what is refused


@pytest.mark.parametrize("severity", [9, 10])
def test_too_severe_is_a_safety_stop(severity: int) -> None:
    with pytest.raises(SafetyStop) as info:
        plan(small(), severity)
    assert info.value.message == TOO_SEVERE_MESSAGE
    assert info.value.exit_code == 3


def test_nothing_fits_names_the_cause_filter() -> None:
    with pytest.raises(NothingFits) as info:
        plan_routine(Assessment("pregnancy", 2), small(), minutes=10, seed=1)
    assert info.value.message == "No exercise in the catalogue suits cause 'pregnancy'."
    assert info.value.exit_code == EXIT_BAD_DATA


def test_nothing_fits_names_the_severity_filter() -> None:
    catalogue = cat(ex("a", max_severity=3, kind="breathing"))
    with pytest.raises(NothingFits, match=r"suits cause 'posture' at pain 5/10\.$"):
        plan(catalogue, 5)


def test_nothing_fits_names_the_positions_filter() -> None:
    with pytest.raises(NothingFits) as info:
        plan(small(), 2, positions=frozenset({"standing"}))
    assert info.value.message == (
        "No exercise in the catalogue suits cause 'posture' in positions standing at pain 2/10."
    )


def test_nothing_fits_names_the_band_filter() -> None:
    catalogue = cat(ex("a", kind="stretch", max_severity=8), ex("b", kind="strength"))
    with pytest.raises(NothingFits) as info:
        plan(catalogue, 7)
    assert "No breathing or relief exercise" in info.value.message


def test_nothing_fits_without_a_gentle_opener() -> None:
    catalogue = cat(ex("a", kind="stretch"), ex("b", kind="relief"))
    with pytest.raises(NothingFits, match="start gently"):
        plan(catalogue, 2)


def test_nothing_fits_when_every_exercise_is_too_long() -> None:
    catalogue = cat(ex("walk", kind="breathing", hold_seconds=300, reps=1))
    with pytest.raises(NothingFits, match="fits in 3 minutes"):
        plan(catalogue, 2, minutes=3)


# --------------------------------------------------------------------------- the bands


def kinds(p: Plan) -> list[str]:
    return [item.exercise.kind for item in p.items]


def test_mild_includes_strengthening_and_full_doses() -> None:
    p = plan(small(), 2, minutes=15)
    assert "strength" in kinds(p)
    for item in p.items:
        assert item.hold_seconds == item.exercise.hold_seconds
        assert 1 <= item.reps <= item.exercise.reps
    assert p.notes == ()


def test_moderate_halves_and_leaves_out_strengthening() -> None:
    p = plan(small(), 5, minutes=10)
    assert "strength" not in kinds(p)
    for item in p.items:
        assert (item.hold_seconds, item.reps) <= planner.band_dose(item.exercise, "moderate")
        assert item.hold_seconds == planner.band_dose(item.exercise, "moderate")[0]
    assert p.notes[0] == (
        "Pain 5/10: holds and reps are halved, lying and seated exercises are preferred, and "
        "strengthening is left out today."
    )


def test_gentle_only_caps_a_mild_score_at_the_moderate_band() -> None:
    p = plan(small(), 1, gentle_only=True)
    assert "strength" not in kinds(p)
    assert "screening answers" in p.notes[0]


@pytest.mark.parametrize("severity", [7, 8])
def test_severe_is_breathing_and_relief_for_at_most_five_minutes(severity: int) -> None:
    p = plan(small(), severity, minutes=30)
    assert set(kinds(p)) <= {"breathing", "relief"}
    assert 0.8 * 300 <= p.total_seconds <= 300
    assert SEVERE_MESSAGE in p.notes
    assert p.minutes == 30


def test_short_routine_says_why() -> None:
    p = plan(small(), 2, minutes=60)
    assert p.total_seconds < 0.8 * 3600
    assert len(p.items) == len(small())  # everything suitable was used
    assert any("shorter than the 60 minutes you asked for" in n for n in p.notes)


# --------------------------------------------------------------------------- timing and order


def test_prepare_time_is_longer_when_the_position_changes() -> None:
    p = plan(small(), 2, minutes=15)
    previous = None
    for item in p.items:
        changed = item.exercise.position != previous
        expected = POSITION_CHANGE_SECONDS if changed else PREPARE_SECONDS
        assert item.prepare_seconds == expected
        previous = item.exercise.position


def test_per_side_exercises_are_equal_on_both_sides() -> None:
    p = plan(small(), 2, minutes=15)
    per_side = [item for item in p.items if item.per_side]
    assert per_side
    for item in per_side:
        holds = [ph for ph in item.phases() if ph.kind == "hold"]
        left = [ph for ph in holds if ph.side == "left"]
        right = [ph for ph in holds if ph.side == "right"]
        assert len(left) == len(right) == item.reps
        assert sum(ph.seconds for ph in left) == sum(ph.seconds for ph in right)
        for rep in range(1, item.reps + 1):
            assert {ph.side for ph in holds if ph.rep == rep} == {"left", "right"}


def test_opens_gently_and_closes_with_relaxation() -> None:
    for seed in range(10):
        p = plan(small(), 2, seed=seed)
        assert p.items[0].exercise.kind in {"breathing", "mobility"}
        assert p.items[-1].exercise.kind in {"relief", "breathing"}


def test_a_single_breathing_exercise_both_opens_and_closes() -> None:
    catalogue = cat(ex("breathe", kind="breathing", hold_seconds=30, reps=4, rest_seconds=10))
    p = plan(catalogue, 2, minutes=3)
    assert [item.exercise.id for item in p.items] == ["breathe"]
    assert p.total_seconds <= 180


def test_same_seed_same_plan_and_seeds_vary() -> None:
    catalogue = real()
    a = plan(catalogue, 2, seed=7).to_dict()
    assert a == plan(catalogue, 2, seed=7).to_dict()
    routines = {
        tuple(e["id"] for e in plan(catalogue, 2, seed=s).to_dict()["exercises"]) for s in range(8)
    }
    assert len(routines) >= 4


# --------------------------------------------------------------------------- the real catalogue


def _eligible_full_dose_seconds(catalogue: Catalogue, a: Assessment, budget: int) -> int:
    band = a.band
    found = planner.eligible(a, catalogue, band=band, budget=budget)
    return sum(
        planner.exercise_seconds(e, hold=h, reps=r, prepare=PREPARE_SECONDS)
        for e in found
        for h, r in [planner.band_dose(e, band)]
    )


REAL_CASES = [
    (cause, severity, minutes, desk)
    for cause in CAUSES
    for severity in range(7)
    for minutes, desk in [(5, False), (10, False), (15, False), (20, False), (5, True), (10, True)]
]


#: Where the real catalogue has too few suitable exercises, at the band's doses, to fill 80% of
#: the time asked: moderate pain (4–6) at 15–20 minutes, or at the desk. Reported to the lead;
#: the test checks each one really is the catalogue running out, not the planner.
REAL_SHORTFALLS: frozenset[tuple[str, int, int, bool]] = frozenset(
    [
        *[("weak-muscles", s, 20, False) for s in (4, 5, 6)],
        ("weak-muscles", 6, 15, False),
        *[("weak-muscles", s, 10, True) for s in (4, 5, 6)],
        *[("pregnancy", s, m, False) for s in (4, 5, 6) for m in (15, 20)],
        *[("pregnancy", s, 10, True) for s in (4, 5, 6)],
        *[("obesity", s, 20, False) for s in (4, 5, 6)],
        *[("obesity", s, 10, True) for s in (4, 5, 6)],
        ("obesity", 6, 5, True),
        *[("arthritis", s, 20, False) for s in (4, 5, 6)],
        ("arthritis", 6, 15, False),
        *[("arthritis", s, 10, True) for s in (4, 5, 6)],
        ("arthritis", 6, 5, True),
        ("posture", 6, 20, False),
        ("posture", 6, 10, True),
        ("unknown", 6, 20, False),
        ("unknown", 6, 10, True),
    ]
)


@pytest.mark.parametrize(("cause", "severity", "minutes", "desk"), REAL_CASES)
def test_real_catalogue_fills_the_time(cause: str, severity: int, minutes: int, desk: bool) -> None:
    """At least 80% of the time asked, unless the catalogue itself runs out.

    "Runs out" is checked, not assumed: the suitable exercises at the band's doses must add up
    to less than the budget even with the shortest get-ready times, and nothing left out (no
    unused exercise, no cut rep) could have fitted in the time that is left. Those cases are
    listed in REAL_SHORTFALLS, so a change either way shows.
    """
    catalogue = real()
    a = Assessment(cause, severity, DESK_POSITIONS if desk else None)
    p = plan_routine(a, catalogue, minutes=minutes, seed=20250314)
    budget = minutes * 60
    assert p.total_seconds <= budget
    if p.total_seconds >= 0.8 * budget:
        assert (cause, severity, minutes, desk) not in REAL_SHORTFALLS
        return
    assert (cause, severity, minutes, desk) in REAL_SHORTFALLS
    assert _eligible_full_dose_seconds(catalogue, a, budget) < budget
    band = band_for(severity)
    left = budget - p.total_seconds
    for item in p.items:  # nothing was cut that could have stayed
        if item.reps < planner.band_dose(item.exercise, band)[1]:
            one_more = planner.exercise_seconds(
                item.exercise, hold=item.hold_seconds, reps=item.reps + 1, prepare=0
            ) - planner.exercise_seconds(
                item.exercise, hold=item.hold_seconds, reps=item.reps, prepare=0
            )
            assert one_more > left
    used = {item.exercise.id for item in p.items}
    variants_of_used = {
        v for item in p.items for v in (item.exercise.easier, item.exercise.harder) if v
    } | {e.id for e in catalogue if {e.easier, e.harder} & used}
    for e in planner.eligible(a, catalogue, band=band, budget=budget):
        # Nothing was left out that could have fitted (a variant of a used one never goes in).
        if e.id not in used and e.id not in variants_of_used:
            assert (
                planner.exercise_seconds(
                    e, hold=planner.band_dose(e, band)[0], reps=1, prepare=PREPARE_SECONDS
                )
                > left
            )


def test_moderate_prefers_supported_positions() -> None:
    catalogue = cat(
        ex("sit-breathe", kind="breathing", position="seated", hold_seconds=10, reps=2),
        ex("sit-lean", kind="relief", position="seated", hold_seconds=10, reps=2),
        *(ex(f"sit-{i}", position="seated") for i in range(6)),
        *(ex(f"stand-{i}", position="standing") for i in range(6)),
        ex("stand-breathe", kind="breathing", position="standing", hold_seconds=10, reps=2),
        ex("stand-rest", kind="relief", position="standing", hold_seconds=10, reps=2),
    )
    for seed in range(5):
        p = plan(catalogue, 5, minutes=3, seed=seed)  # the seated ones alone fill it
        assert {item.exercise.position for item in p.items} == {"seated"}
        longer = plan(catalogue, 5, minutes=5, seed=seed)  # standing ones only top it up
        seated = sum(i.seconds for i in longer.items if i.exercise.position == "seated")
        assert seated >= 0.75 * longer.total_seconds
    mild = {
        item.exercise.position
        for seed in range(5)
        for item in plan(catalogue, 2, minutes=3, seed=seed).items
    }
    assert "standing" in mild  # the preference is the band's doing, not the catalogue's


@pytest.mark.parametrize("cause", ["pregnancy", "arthritis"])
def test_pregnancy_and_arthritis_routines_carry_their_advice(cause: str) -> None:
    from stretchcoach.safety import CAUSE_INFO

    p = plan_routine(Assessment(cause, 2), real(), minutes=10, seed=3)
    assert CAUSE_INFO[cause].advice in p.notes
    assert CAUSE_INFO["posture"].advice not in plan(real(), 2).notes


@pytest.mark.parametrize("cause", CAUSES)
@pytest.mark.parametrize("severity", [0, 3, 5])
def test_never_an_exercise_and_its_easier_or_harder_variant(cause: str, severity: int) -> None:
    catalogue = real()
    for seed in range(5):
        p = plan_routine(Assessment(cause, severity), catalogue, minutes=30, seed=seed)
        ids = {item.exercise.id for item in p.items}
        for item in p.items:
            assert not {item.exercise.easier, item.exercise.harder} & ids, item.exercise.id


@pytest.mark.parametrize("cause", CAUSES)
@pytest.mark.parametrize("severity", [2, 5])
@pytest.mark.parametrize("minutes", [5, 10, 20])
def test_no_lone_short_hold_is_worth_getting_into_position_for(
    cause: str, severity: int, minutes: int
) -> None:
    p = plan_routine(Assessment(cause, severity), real(), minutes=minutes, seed=11)
    for item in p.items:
        full_reps = planner.band_dose(item.exercise, band_for(severity))[1]
        if item.hold_seconds * item.exercise.sides < 10 and full_reps >= 2:
            assert item.reps >= 2, item.exercise.id
