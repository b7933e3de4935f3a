"""Gentle progression: adapt a planned routine to how the last few sessions went.

After at least three sessions running for the same cause that were completed, with no pain
reports and pain after no higher than before, holds lengthen a little (10% after three, 20%
after six, 25% after nine) — never more than 25% over the catalogue's hold, and never past the
time asked for. A pain report (or a session stopped for pain) last time steps back instead:
shorter holds, and one rep fewer for the exercise that hurt. A long break starts again from the
catalogue's holds. Pure: the plan, the sessions and today's date in; a new plan out, with a
note saying what changed and why.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import replace
from datetime import date, timedelta

from stretchcoach.routine import Plan, PlannedExercise, SessionRecord

#: Most a hold may grow over the catalogue's value.
MAX_GROWTH = 0.25
#: Growth per run of three good sessions.
STEP = 0.10
#: Good sessions needed for each step.
RUN = 3
#: Holds after a pain report, as a share of today's planned hold.
STEP_BACK = 0.8
#: Shortest hold a step back leaves (unless the catalogue's own is shorter).
MIN_HOLD = 5
#: A gap longer than this (days) since the last session for the cause: no progression.
BREAK_DAYS = 7
#: Kinds whose holds may lengthen (breathing and resting positions stay as they are).
GROWING_KINDS = frozenset({"stretch", "mobility", "strength"})


def _good(session: SessionRecord) -> bool:
    return (
        session.ending == "completed"
        and not session.pain_reports
        and session.severity_after is not None
        and session.severity_after <= session.severity_before
        and not any(o.outcome == "stopped-for-pain" for o in session.exercises)
    )


def _hurt(session: SessionRecord) -> bool:
    return (
        bool(session.pain_reports)
        or session.ending == "stopped-for-pain"
        or any(o.outcome == "stopped-for-pain" for o in session.exercises)
    )


def good_run(sessions: Sequence[SessionRecord]) -> int:
    """How many sessions in a row (newest first) went well."""
    run = 0
    for s in sessions:
        if not _good(s):
            break
        run += 1
    return run


def growth_for(run: int) -> float:
    """The hold growth a run of good sessions earns: 0, 10%, 20%, then 25% at most."""
    return min(MAX_GROWTH, STEP * (run // RUN))


def adapt(plan: Plan, sessions: Sequence[SessionRecord], *, today: date) -> Plan:
    """The plan adapted to recent sessions for the same cause (``sessions`` newest first)."""
    cause = plan.assessment.cause
    # Practice runs (sped up) are demos, not sessions the body did: they never move the dose.
    same = [
        s for s in sessions if s.cause == cause and s.ending != "safety-stop" and not s.practice
    ]
    if not same or plan.assessment.band in ("severe", "too-severe"):
        return plan
    latest = same[0]
    if today - latest.started_at.date() > timedelta(days=BREAK_DAYS):
        return plan
    if _hurt(latest):
        return _step_back(plan, latest)
    if plan.assessment.band != "mild":
        return plan
    growth = growth_for(good_run(same))
    if growth <= 0:
        return plan
    return _lengthen(plan, growth, good_run(same))


def _step_back(plan: Plan, latest: SessionRecord) -> Plan:
    hurt = set(latest.pain_reports) | {
        o.id for o in latest.exercises if o.outcome == "stopped-for-pain"
    }
    items = []
    for item in plan.items:
        ex = item.exercise
        floor = min(MIN_HOLD, ex.hold_seconds)
        hold = max(floor, math.floor(item.hold_seconds * STEP_BACK))
        reps = max(1, item.reps - 1) if ex.id in hurt else item.reps
        items.append(replace(item, hold_seconds=min(hold, item.hold_seconds), reps=reps))
    if tuple(items) == plan.items:
        return plan
    named = sorted(i.exercise.name for i in plan.items if i.exercise.id in hurt)
    which = f" ({', '.join(named)} has one rep fewer)" if named else ""
    if len(named) > 1:
        which = f" ({', '.join(named)} have one rep fewer)"
    note = (
        "Something hurt last time, so today steps back a little: holds are shorter"
        f"{which}. Build up again only as it feels comfortable."
    )
    return replace(plan, items=tuple(items), notes=(*plan.notes, note))


def _lengthen(plan: Plan, growth: float, run: int) -> Plan:
    """Longer holds where the time allows; where it does not, fewer but longer holds (for
    exercises with three reps or more), so the routine never passes the minutes asked for."""
    budget = plan.minutes * 60
    items = list(plan.items)
    grown: dict[int, int] = {}  # index → longer hold, for the exercises that may grow
    for i, item in enumerate(items):
        ex = item.exercise
        if ex.kind not in GROWING_KINDS or item.hold_seconds < ex.hold_seconds:
            continue  # only holds at the catalogue's full value grow
        cap = math.floor(ex.hold_seconds * (1 + MAX_GROWTH))
        hold = min(cap, math.floor(ex.hold_seconds * (1 + growth)))
        if hold > item.hold_seconds:
            grown[i] = hold

    def room() -> int:
        return budget - sum(x.seconds for x in items)

    longer = fewer = 0
    for i, hold in grown.items():  # first pass: same reps, if it fits
        candidate = replace(items[i], hold_seconds=hold)
        if candidate.seconds - items[i].seconds <= room():
            items[i] = candidate
            longer += 1
    for i, hold in grown.items():  # second pass: one rep fewer, longer holds
        if items[i].hold_seconds == hold or items[i].reps < 3:
            continue
        candidate = replace(items[i], hold_seconds=hold, reps=items[i].reps - 1)
        if candidate.seconds - items[i].seconds <= room():
            items[i] = candidate
            fewer += 1
    if not longer + fewer:
        return plan
    changed = longer + fewer
    note = (
        f"Your last {run} sessions for this went well (no pain reports and no more pain "
        f"afterwards), so {changed} hold{'s are' if changed != 1 else ' is'} about "
        f"{round(growth * 100)}% longer today"
    )
    if fewer:
        note += f" ({fewer} with one rep fewer, to keep to your {plan.minutes} minutes)"
    note += ". A pain report steps back again."
    return replace(plan, items=tuple(items), notes=(*plan.notes, note))


def max_hold(item: PlannedExercise) -> int:
    """The longest hold progression will ever give this exercise."""
    return math.floor(item.exercise.hold_seconds * (1 + MAX_GROWTH))
