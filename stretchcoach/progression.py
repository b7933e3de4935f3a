"""Progression and pacing: adapt a planned routine to how recent days went (clinical facts 7.5).

- **Good days, not sessions.** Holds and reps grow only after good sessions on at least
  three separate days in a row (nine sessions in three days are three good days): 10% per
  three good days, 25% at most. A good session was completed, had no pain report, left
  pain no higher than before, and was not followed by a worse next morning.
- **The 24-hour response.** At the start of a session the person is asked whether their back
  was worse the next morning, or for more than 2 hours, after last time; a yes steps back.
- **What hurt comes back easier, or rests.** An exercise that hurt in the last week comes
  back as its easier variant when that suits the person today, else it is left out until a
  week has passed — never the same exercise with one rep fewer. What rests is left out of a
  fresh plan (same seed), so its time and any strengthening it gave go to another exercise.
- **Strength by reps, stretches by hold.** Only routines planned at pain 0-3 progress
  (``planner.may_progress``): strength gains a rep per step, stretches and mobility a longer
  hold; breathing and resting positions stay as they are.
- **Pacing.** When recent sessions often ended early, today starts a little below what the
  person has managed consistently, bad days included, and builds up from there; the
  strengthening a routine at pain 0-3 needs is never what pacing trims.

Every change is explained in one line in the plan's notes. Pure: plan, sessions, today's
date and catalogue in; a new plan out.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import replace
from datetime import date, timedelta
from statistics import median
from typing import TYPE_CHECKING

from stretchcoach.routine import (
    Plan,
    PlannedExercise,
    SessionRecord,
    reprepared,
)

if TYPE_CHECKING:
    from stretchcoach.catalogue import Catalogue, Exercise

#: Most a hold (or a strength exercise's reps) may grow over the catalogue's value.
MAX_GROWTH = 0.25
#: Growth per step.
STEP = 0.10
#: Good days in a row needed for each step.
RUN_DAYS = 3
#: Holds after a step back, as a share of today's planned hold.
STEP_BACK = 0.8
#: Shortest hold a step back leaves (unless the catalogue's own is shorter).
MIN_HOLD = 5
#: A gap longer than this (days) since the last session for the cause: start afresh.
BREAK_DAYS = 7
#: How long an exercise that hurt rests when it has no easier variant (days).
REST_DAYS = 7
#: Kinds whose holds may lengthen.
HOLD_KINDS = frozenset({"stretch", "mobility"})
#: Pacing looks at this many recent sessions...
PACE_SESSIONS = 5
#: ...needs at least this many of them...
PACE_MIN_SESSIONS = 3
#: ...of which at least this many ended before the routine was complete...
PACE_EARLY_ENDS = 2
#: ...and then plans this share of the typical minutes done, bad days included.
PACE_SHARE = 0.9
#: Pacing never plans less than this (seconds).
PACE_FLOOR_SECONDS = 3 * 60

#: Asked at the start of a session when there is a recent one to ask about.
NEXT_DAY_QUESTION = (
    "Was your back worse the next morning, or for more than 2 hours, after your last session?"
)


def _hurt_ids(session: SessionRecord) -> set[str]:
    return set(session.pain_reports) | {
        o.id for o in session.exercises if o.outcome == "stopped-for-pain"
    }


def _hurt(session: SessionRecord) -> bool:
    return bool(_hurt_ids(session)) or session.ending == "stopped-for-pain"


def _good(session: SessionRecord, worse_next: bool | None) -> bool:
    return (
        session.ending == "completed"
        and not _hurt(session)
        and session.severity_after is not None
        and session.severity_after <= session.severity_before
        and not worse_next
    )


def real_sessions(
    sessions: Sequence[SessionRecord], cause: str | None = None
) -> list[SessionRecord]:
    """Sessions the body did (no practice runs, no safety stops), newest first."""
    return [
        s
        for s in sessions
        if s.ending != "safety-stop" and not s.practice and (cause is None or s.cause == cause)
    ]


def _next_day_answers(
    everything: Sequence[SessionRecord], worse_after_last: bool | None
) -> dict[int, bool | None]:
    """Each real session's 24-hour answer, given at the start of the next real session of
    any cause (the newest one's is ``worse_after_last``, asked today), by ``id(session)``."""
    real = real_sessions(everything)
    answers: dict[int, bool | None] = {}
    for i, session in enumerate(real):
        answers[id(session)] = worse_after_last if i == 0 else real[i - 1].worse_after_last
    return answers


def familiar_ids(sessions: Sequence[SessionRecord]) -> frozenset[str]:
    """Exercises done in real sessions without hurting: the familiar ones."""
    done = {o.id for s in real_sessions(sessions) for o in s.exercises if o.outcome == "done"}
    hurt = {ex_id for s in real_sessions(sessions) for ex_id in _hurt_ids(s)}
    return frozenset(done - hurt)


def good_days(
    sessions: Sequence[SessionRecord],
    worse_after_last: bool | None = None,
    *,
    everything: Sequence[SessionRecord] | None = None,
) -> int:
    """Separate days in the newest run of good sessions (``sessions`` newest first).

    The run ends at the first session that was not good, or at a break of more than a week.
    The 24-hour answer about a session is the one given at the start of the next real
    session (looked up in ``everything``, which defaults to ``sessions``).
    """
    answers = _next_day_answers(
        everything if everything is not None else sessions, worse_after_last
    )
    days: set[date] = set()
    previous: date | None = None
    for session in sessions:
        day = session.started_at.astimezone().date()
        if previous is not None and (previous - day).days > BREAK_DAYS:
            break
        if not _good(session, answers.get(id(session))):
            break
        days.add(day)
        previous = day
    return len(days)


def growth_for(days: int) -> float:
    """The growth a run of good days earns: 0, 10%, 20%, then 25% at most."""
    return min(MAX_GROWTH, STEP * (days // RUN_DAYS))


def adapt(
    plan: Plan,
    sessions: Sequence[SessionRecord],
    *,
    today: date,
    catalogue: Catalogue | None = None,
    worse_after_last: bool | None = None,
) -> Plan:
    """The plan adapted to recent sessions (``sessions`` newest first; see the module notes)."""
    if plan.assessment.band in ("severe", "too-severe"):
        return plan
    plan = _rest_what_hurt(plan, real_sessions(sessions), today=today, catalogue=catalogue)
    same = real_sessions(sessions, plan.assessment.cause)
    if same and today - same[0].started_at.astimezone().date() <= timedelta(days=BREAK_DAYS):
        if worse_after_last or _hurt(same[0]):
            stepped = _step_back(plan, worse_next_day=bool(worse_after_last))
            if stepped is not plan:
                # Shorter holds leave time: reps cut only to fit it come back (never more
                # than the catalogue's), so the step back is in the holds alone.
                from stretchcoach.planner import settle

                stepped = settle(stepped, stepped.items)
            plan = stepped
        elif plan.assessment.band == "mild":
            days = good_days(same, worse_after_last, everything=sessions)
            growth = growth_for(days)
            if growth > 0:
                plan = _grow(plan, growth, days)
    return _pace(plan, real_sessions(sessions))


def _rest_what_hurt(
    plan: Plan, sessions: Sequence[SessionRecord], *, today: date, catalogue: Catalogue | None
) -> Plan:
    """Exercises that hurt in the last week: their easier variant, or left out for a week.

    With the catalogue at hand, what rests is left out of a fresh plan (the same seed), so
    the time it leaves is used as the planner would, and strengthening keeps its place
    when another exercise can take it. Should the swaps' get-ready times pass the minutes
    asked, everything that hurt rests.
    """
    from stretchcoach.planner import NothingFits, plan_routine, settle

    hurt = _hurt_days(sessions, today)
    if not any(item.exercise.id in hurt for item in plan.items):
        return plan
    resting: dict[str, Exercise] = {}
    current = plan
    for _ in range(len(hurt) + 1):
        items, swaps, rests = _swap_or_rest(current, hurt, catalogue=catalogue)
        if swaps and sum(i.seconds for i in reprepared(items)) > plan.minutes * 60:
            items, swaps, rests = _swap_or_rest(current, hurt, catalogue=None)
        if not rests or catalogue is None:
            break
        resting.update(rests)
        try:
            current = plan_routine(
                plan.assessment,
                catalogue,
                minutes=plan.minutes,
                seed=plan.seed,
                leave_out=frozenset(resting),
            )
        except NothingFits:
            break
    resting.update(rests)
    if not items:  # never leave nothing at all: keep the plan as it was
        return plan
    notes = [*swaps.values()]
    for ex in resting.values():
        back = hurt[ex.id] + timedelta(days=REST_DAYS)
        notes.append(
            f"{ex.name} hurt on {hurt[ex.id]:%A}, so it rests until {back:%A} {back.day} {back:%B}."
        )
    settled = settle(
        current,
        items,
        catalogue=catalogue,
        resting=frozenset(resting),
        rested=tuple(resting.values()),
        eased=_eased_ids(current, items),
    )
    return replace(settled, notes=(*settled.notes, *notes))


def _eased_ids(plan: Plan, items: Sequence[PlannedExercise]) -> frozenset[str]:
    """Exercises in ``items`` that took the slot of one that hurt (not in ``plan``)."""
    planned = {item.exercise.id for item in plan.items}
    return frozenset(item.exercise.id for item in items if item.exercise.id not in planned)


def _hurt_days(sessions: Sequence[SessionRecord], today: date) -> dict[str, date]:
    """Exercises that hurt in the last week, each with the latest day it did."""
    since = today - timedelta(days=REST_DAYS - 1)
    hurt: dict[str, date] = {}
    for s in sessions:
        day = s.started_at.astimezone().date()
        if day >= since:
            for ex_id in _hurt_ids(s):
                hurt.setdefault(ex_id, day)
    return hurt


def _swap_or_rest(
    plan: Plan, hurt: dict[str, date], *, catalogue: Catalogue | None
) -> tuple[list[PlannedExercise], dict[str, str], dict[str, Exercise]]:
    """The plan's items with what hurt eased or taken out (no catalogue: all taken out),
    the swap notes by id, and what was taken out, by id."""
    planned = {item.exercise.id for item in plan.items} | set(hurt)
    items: list[PlannedExercise] = []
    swaps: dict[str, str] = {}
    rests: dict[str, Exercise] = {}
    for item in plan.items:
        ex = item.exercise
        if ex.id not in hurt:
            items.append(item)
            continue
        easier = _easier(ex, plan, catalogue, planned - {ex.id})
        eased = _eased(item, easier, plan) if easier is not None else None
        if easier is not None and eased is not None:
            items.append(eased)
            planned.add(easier.id)
            swaps[ex.id] = (
                f"{ex.name} hurt on {hurt[ex.id]:%A}, so it comes back as its easier "
                f"version, {easier.name}."
            )
        else:
            rests[ex.id] = ex
    return items, swaps, rests


def _easier(
    ex: Exercise, plan: Plan, catalogue: Catalogue | None, others: set[str]
) -> Exercise | None:
    """The easier variant when it suits today's assessment and is not already planned."""
    if catalogue is None or not ex.easier:
        return None
    easier = catalogue.get(ex.easier)
    if (
        easier is None
        or easier.id in others
        or set(easier.similar) & others
        or not plan.assessment.offers(easier)
    ):
        return None
    return easier


def _eased(item: PlannedExercise, easier: Exercise, plan: Plan) -> PlannedExercise | None:
    """The easier exercise in this slot, never held longer, repeated more or taking longer
    than planned (a per-side variant does fewer reps, but never fewer than the planner's
    floor, planner.least_reps); None when even that is longer."""
    from stretchcoach.planner import least_reps

    eased = replace(
        item,
        exercise=easier,
        hold_seconds=min(item.hold_seconds, easier.hold_seconds),
        reps=min(item.reps, easier.reps),
        rest_seconds=min(item.rest_seconds, easier.rest_seconds),
        notes=tuple(easier.note_for(plan.assessment.conditions)),
    )
    floor = max(1, min(eased.reps, least_reps(easier, plan.assessment.band)))
    while eased.seconds > item.seconds and eased.reps > floor:
        eased = replace(eased, reps=eased.reps - 1)
    return eased if eased.seconds <= item.seconds else None


def _step_back(plan: Plan, *, worse_next_day: bool) -> Plan:
    """Shorter holds for a few days after a bad response; reps stay, so no lone short holds."""
    items = []
    for item in plan.items:
        floor = min(MIN_HOLD, item.exercise.hold_seconds)
        hold = max(floor, math.floor(item.hold_seconds * STEP_BACK))
        items.append(replace(item, hold_seconds=min(hold, item.hold_seconds)))
    if tuple(items) == plan.items:
        return plan
    why = (
        "Your back was worse afterwards last time" if worse_next_day else "Something hurt last time"
    )
    note = f"{why}, so today steps back a little: holds are shorter. Build up again gently."
    return replace(plan, items=tuple(items), notes=(*plan.notes, note))


def _grow(plan: Plan, growth: float, days: int) -> Plan:
    """Strength gains reps, stretches and mobility longer holds, within the minutes asked."""
    from stretchcoach.planner import may_progress

    budget = plan.minutes * 60
    items = list(plan.items)
    steps = days // RUN_DAYS  # one rep per step; the cap below bounds it

    def room() -> int:
        return budget - sum(x.seconds for x in items)

    holds = reps = fewer = 0
    for i, item in enumerate(items):
        ex = item.exercise
        if not may_progress(plan, item):
            continue
        if ex.kind == "strength" and item.reps >= ex.reps:
            cap = math.floor(ex.reps * (1 + MAX_GROWTH))
            candidate = replace(item, reps=min(cap, item.reps + steps))
            counter = "reps"
        elif ex.kind in HOLD_KINDS and item.hold_seconds >= ex.hold_seconds:
            longer = math.floor(ex.hold_seconds * (1 + growth))
            candidate = replace(item, hold_seconds=min(max_hold(item), longer))
            counter = "holds"
        else:
            continue
        if candidate == item:
            continue
        if candidate.seconds - item.seconds > room() and counter == "holds" and item.reps >= 3:
            # No room for longer holds at the same reps: fewer but longer holds, as the
            # minutes asked are never passed.
            candidate = replace(candidate, reps=item.reps - 1)
            fewer += 1 if candidate.seconds - item.seconds <= room() else 0
        if candidate.seconds - item.seconds > room():
            continue
        items[i] = candidate
        if counter == "reps":
            reps += 1
        else:
            holds += 1
    if not holds + reps:
        return plan
    changes = []
    if holds:
        changes.append(
            f"{holds} hold{'s are' if holds != 1 else ' is'} about {round(growth * 100)}% longer"
        )
    if reps:
        changes.append(
            f"{reps} strengthening exercise{'s have' if reps != 1 else ' has'} more reps"
        )
    if fewer:
        changes[0] += f" ({fewer} with one rep fewer, to keep to your {plan.minutes} minutes)"
    note = (
        f"Your sessions went well on {days} separate days in a row, so today "
        f"{' and '.join(changes)}. A pain report or a worse next morning steps back again."
    )
    return replace(plan, items=tuple(items), notes=(*plan.notes, note))


def _pace(plan: Plan, sessions: Sequence[SessionRecord]) -> Plan:
    """When recent sessions often ended early, start a little below what was managed."""
    recent = [s for s in sessions if s.minutes_planned > 0][:PACE_SESSIONS]
    if len(recent) < PACE_MIN_SESSIONS:
        return plan
    if sum(1 for s in recent if s.ending != "completed") < PACE_EARLY_ENDS:
        return plan
    managed = median(s.seconds_done for s in recent)  # bad days included
    target = max(PACE_FLOOR_SECONDS, math.floor(managed * PACE_SHARE))
    if plan.total_seconds <= target or len(plan.items) <= 2:
        return plan
    items = list(plan.items)
    while len(items) > 2 and sum(i.seconds for i in reprepared(items)) > target:
        drop = _droppable(plan, items)
        if drop is None:
            break
        shorter = items[:drop] + items[drop + 1 :]  # never an end, nor the strengthening due
        if sum(i.seconds for i in reprepared(shorter)) < PACE_FLOOR_SECONDS:
            break
        items = shorter
    if len(items) == len(plan.items):
        return plan
    minutes = max(1, round(managed / 60))
    note = (
        f"Lately you have managed about {minutes} minutes most days, bad days included, so "
        f"today is a little shorter, {len(items)} exercises: build up from there in small "
        "steps rather than pushing on good days."
    )
    from stretchcoach.planner import settle

    # Doses stay as planned: pacing shortens the list, never the holds or reps.
    settled = settle(plan, items, budget=sum(i.seconds for i in reprepared(items)))
    return replace(settled, notes=(*settled.notes, note))


def _droppable(plan: Plan, items: Sequence[PlannedExercise]) -> int | None:
    """The index pacing drops next: the last of the middle, passing over the strengthening
    exercises a routine at pain 0-3 needs (one, or two for weak muscles); None: nothing."""
    from stretchcoach.planner import strength_due

    keep = strength_due(plan.assessment)
    strength = sum(1 for i in items if i.exercise.kind == "strength")
    for index in range(len(items) - 2, 0, -1):
        if items[index].exercise.kind == "strength" and strength <= keep:
            continue
        return index
    return None


def max_hold(item: PlannedExercise) -> int:
    """The longest hold progression will ever give this exercise."""
    return math.floor(item.exercise.hold_seconds * (1 + MAX_GROWTH))
