"""Hypothesis check of the documented rep floor on the bundled catalogue.

README and the plan's note promise that a cut to fit the time never goes below about a
quarter of an exercise's reps, and never below two of a short hold: one rep of a short hold
is too little to be worth doing, so such an exercise keeps two reps or is left out.
"""

from __future__ import annotations

import math

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from stretchcoach import catalogue as catalogue_mod
from stretchcoach.catalogue import CAUSES
from stretchcoach.errors import SafetyStop
from stretchcoach.planner import NothingFits, plan_routine
from stretchcoach.routine import Assessment

CATALOGUE = catalogue_mod.load()
#: A hold (each side) under this many seconds is a short hold (README: "two of a short hold").
SHORT_HOLD = 30


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    cause=st.sampled_from(sorted(CAUSES)),
    severity=st.integers(min_value=0, max_value=8),
    minutes=st.integers(min_value=1, max_value=60),
    seed=st.integers(min_value=0, max_value=2**32),
    at_desk=st.booleans(),
)
def test_no_exercise_is_cut_below_the_documented_floor(
    cause: str, severity: int, minutes: int, seed: int, at_desk: bool
) -> None:
    positions = frozenset({"standing", "seated"}) if at_desk else None
    try:
        plan = plan_routine(
            Assessment(cause, severity, positions), CATALOGUE, minutes=minutes, seed=seed
        )
    except (NothingFits, SafetyStop):
        return
    for item in plan.items:
        ex = item.exercise
        assert 1 <= item.reps <= ex.reps, ex.id
        if ex.reps >= 2 and item.hold_seconds < SHORT_HOLD:
            assert item.reps >= 2, (ex.id, item.hold_seconds, item.reps)
        if plan.assessment.band == "mild":
            assert item.reps >= math.ceil(ex.reps / 4), (ex.id, item.reps)


def test_the_reported_routine_keeps_two_reps_of_its_short_holds() -> None:
    """The physiotherapist's example: no standing side bend (8 s) done once a side."""
    for minutes in range(3, 31):
        plan = plan_routine(Assessment("unknown", 2), CATALOGUE, minutes=minutes, seed=20261201)
        for item in plan.items:
            if item.exercise.reps >= 2 and item.hold_seconds < SHORT_HOLD:
                assert item.reps >= 2, (minutes, item.exercise.id, item.reps)
