"""Choosing and ordering exercises into a routine that fits the cause, the pain and the time.

Pure: no clock, no terminal, no files. The same assessment, catalogue, minutes and seed always
give the same plan; a different seed (by default one per day) gives some variety.

How a plan is built:

1. The pain band decides what is allowed (clinical facts 2.2): mild 0–3 everything at the
   catalogue's dose, with at least one strengthening exercise; moderate 4–6 holds and reps about
   halved, supported positions first, no strengthening; severe 7–8 only breathing and resting
   positions for at most 5 minutes; 9–10 no routine at all (SafetyStop).
2. Candidates are filtered by cause, then pain, then positions, then health conditions (the
   rules table in ``stretchcoach.safety.conditions``, applied whatever the cause), then the
   band's kinds; the first filter that leaves nothing is named in the error. Recent back
   surgery or supervised-only exercise means no routine at all (SafetyStop).
3. An opener (breathing or mobility) and a closer (relief or breathing) are drawn, plus one
   strengthening exercise in the mild band; then the rest are added in a seeded random order
   while they fit, with reps reduced (never below 1) to squeeze the last ones in.
4. The middle is grouped by position so the user gets up and down as little as possible: the
   group in the opener's position comes first and the group in the closer's position last.
"""

from __future__ import annotations

import math
import random
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date

from stretchcoach.catalogue import DESK_POSITIONS, POSITIONS, Catalogue, Exercise
from stretchcoach.errors import SafetyStop, StretchcoachError, UsageError
from stretchcoach.routine import (
    POSITION_CHANGE_SECONDS,
    PREPARE_SECONDS,
    SWITCH_SECONDS,
    Assessment,
    Plan,
    PlannedExercise,
)
from stretchcoach.safety import CAUSE_INFO, band_message
from stretchcoach.safety import conditions as health
from stretchcoach.safety.policy import band_stop, conditions_stop

#: Kinds allowed in each band (the too-severe band has no routine at all).
BAND_KINDS: dict[str, frozenset[str]] = {
    "mild": frozenset({"stretch", "strength", "mobility", "breathing", "relief"}),
    "moderate": frozenset({"stretch", "mobility", "breathing", "relief"}),
    "severe": frozenset({"breathing", "relief"}),
}
OPENER_KINDS = frozenset({"breathing", "mobility"})
CLOSER_KINDS = frozenset({"relief", "breathing"})
#: Positions where the body is supported: preferred when pain is moderate.
SUPPORTED_POSITIONS = frozenset({"supine", "side-lying", "seated"})
#: Causes whose advice goes with every routine (clinical facts 5.7 and 5.8).
CAUSES_WITH_NOTES = frozenset({"pregnancy", "arthritis"})
#: The severe band's routine never runs longer than this, whatever was asked.
SEVERE_MAX_MINUTES = 5
#: Order of kinds inside one position group: loosen first, strengthen, then settle.
#: How far from the floor each position is, to order the position groups.
_HEIGHT = {
    "standing": 3,
    "seated": 2,
    "kneeling": 1,
    "all-fours": 1,
    "side-lying": 0,
    "prone": 0,
    "supine": 0,
}
_KIND_ORDER = {"breathing": 0, "mobility": 1, "stretch": 2, "strength": 3, "relief": 4}


class NothingFits(StretchcoachError):
    """No routine can be made from the catalogue for these choices (exit 1)."""


# --------------------------------------------------------------------------- small helpers


def default_seed(today: date) -> int:
    """The seed used when none is given: one per calendar day, e.g. 20250314."""
    return int(today.strftime("%Y%m%d"))


def parse_positions(text: str) -> frozenset[str]:
    """Parse a comma list such as ``"standing, seated"``; unknown names are a usage error."""
    names = [part.strip().lower() for part in text.split(",") if part.strip()]
    if not names:
        raise UsageError(f"--positions needs at least one of: {', '.join(POSITIONS)}.")
    unknown = [name for name in names if name not in POSITIONS]
    if unknown:
        import difflib

        label = "position" if len(unknown) == 1 else "positions"
        close = difflib.get_close_matches(unknown[0], POSITIONS, n=1)
        hint = f" Did you mean {close[0]!r}?" if close else ""
        raise UsageError(
            f"Unknown {label} {', '.join(repr(u) for u in unknown)}.{hint} "
            f"Choose from: {', '.join(POSITIONS)}."
        )
    return frozenset(names)


def resolve_positions(text: str | None, *, at_desk: bool) -> frozenset[str] | None:
    """Combine ``--positions`` and ``--at-desk`` into the allowed positions (None: any)."""
    chosen = parse_positions(text) if text is not None else None
    if not at_desk:
        return chosen
    if chosen is None:
        return DESK_POSITIONS
    floor = sorted(chosen - DESK_POSITIONS, key=POSITIONS.index)
    if floor:
        raise UsageError(
            f"--at-desk allows only standing and seated, but --positions also asks for "
            f"{', '.join(floor)}. Drop one of the two options."
        )
    return chosen


def band_dose(exercise: Exercise, band: str) -> tuple[int, int]:
    """(hold seconds, reps) for this band: the catalogue's, or about half when pain is moderate.

    Never more than the catalogue gives; holds stay at least 5 s unless the catalogue's are
    shorter, and there is always at least one rep.
    """
    hold, reps = exercise.hold_seconds, exercise.reps
    if band == "moderate":
        hold = min(hold, max(5, round(hold / 2)))
        reps = max(1, math.ceil(reps / 2))
    return hold, reps


def exercise_seconds(exercise: Exercise, *, hold: int, reps: int, prepare: int) -> int:
    """What PlannedExercise.phases() adds up to, without building the phases."""
    per_rep = hold * exercise.sides + SWITCH_SECONDS * (exercise.sides - 1)
    return prepare + reps * per_rep + (reps - 1) * exercise.rest_seconds


def unit_seconds(exercise: Exercise, band: str) -> int:
    """The smallest useful piece of an exercise: one rep after a position change."""
    hold, _ = band_dose(exercise, band)
    return exercise_seconds(exercise, hold=hold, reps=1, prepare=POSITION_CHANGE_SECONDS)


def budget_seconds(minutes: int, band: str) -> int:
    """The routine's time budget: the minutes asked for, capped at 5 when pain is severe."""
    if band == "severe":
        minutes = min(minutes, SEVERE_MAX_MINUTES)
    return minutes * 60


# --------------------------------------------------------------------------- filtering


def _or_list(words: Sequence[str]) -> str:
    """'a, b or c'."""
    return words[0] if len(words) == 1 else f"{', '.join(words[:-1])} or {words[-1]}"


def _positions_text(positions: Iterable[str]) -> str:
    return ", ".join(sorted(positions, key=POSITIONS.index))


def eligible(
    assessment: Assessment, catalogue: Catalogue, *, band: str, budget: int
) -> list[Exercise]:
    """Exercises the plan may use, in catalogue order; NothingFits names the emptying filter."""
    cause, severity, positions = assessment.cause, assessment.severity, assessment.positions
    found = [ex for ex in catalogue if ex.suits(cause)]
    if not found:
        raise NothingFits(f"No exercise in the catalogue suits cause '{cause}'.")
    found = [ex for ex in found if ex.max_severity >= severity]
    if not found:
        raise NothingFits(
            f"No exercise in the catalogue suits cause '{cause}' at pain {severity}/10."
        )
    if positions is not None:
        found = [ex for ex in found if ex.position in positions]
        if not found:
            raise NothingFits(
                f"No exercise in the catalogue suits cause '{cause}' in positions "
                f"{_positions_text(positions)} at pain {severity}/10."
            )
    if assessment.conditions:
        found = [ex for ex in found if health.allows(ex, assessment.conditions)]
        if not found:
            raise NothingFits(
                f"No exercise in the catalogue suits cause '{cause}' at pain {severity}/10 "
                f"once the health notes ({health.labels(assessment.conditions)}) leave out "
                "what they rule out."
            )
    kinds = BAND_KINDS[band]
    found = [ex for ex in found if ex.kind in kinds]
    where = f" in positions {_positions_text(positions)}" if positions is not None else ""
    if not found:
        raise NothingFits(
            f"No {_or_list(sorted(kinds))} exercise in the catalogue suits cause "
            f"'{cause}'{where} at pain {severity}/10."
        )
    fitting = [ex for ex in found if unit_seconds(ex, band) <= budget]
    if not fitting:
        raise NothingFits(
            f"No exercise for cause '{cause}'{where} at pain {severity}/10 fits in "
            f"{budget // 60} minutes; try more minutes."
        )
    return fitting


# --------------------------------------------------------------------------- planning


@dataclass
class _Pick:
    exercise: Exercise
    hold: int
    reps: int
    full_reps: int


def plan_routine(assessment: Assessment, catalogue: Catalogue, *, minutes: int, seed: int) -> Plan:
    """Plan a routine for this assessment that fits in ``minutes`` (see the module notes)."""
    stop = band_stop(assessment.severity) or conditions_stop(assessment.conditions)
    if stop:
        raise SafetyStop(stop)
    band = assessment.band
    budget = budget_seconds(minutes, band)
    pool = eligible(assessment, catalogue, band=band, budget=budget)
    rng = random.Random(seed)
    order = list(pool)
    rng.shuffle(order)
    if band == "moderate":
        order.sort(key=lambda ex: ex.position not in SUPPORTED_POSITIONS)  # stable

    opener, closer = _ends(order, band, budget, assessment)

    def pick(ex: Exercise) -> _Pick:
        hold, reps = band_dose(ex, band)
        return _Pick(ex, hold, 1, reps)

    first = pick(opener)
    last = pick(closer) if closer is not None else None
    middle: list[_Pick] = []
    chosen = {opener.id} | ({closer.id} if closer is not None else set())

    def everything() -> list[_Pick]:
        return [first, *middle, *([last] if last else [])]

    def room() -> int:
        # Every exercise costed as if it followed a position change: never an underestimate.
        used = sum(
            exercise_seconds(p.exercise, hold=p.hold, reps=p.reps, prepare=POSITION_CHANGE_SECONDS)
            for p in everything()
        )
        return budget - used

    def exact_room() -> int:
        total, previous = 0, None
        for p in _ordered(first, middle, last):
            position = p.exercise.position
            prepare = PREPARE_SECONDS if position == previous else POSITION_CHANGE_SECONDS
            total += exercise_seconds(p.exercise, hold=p.hold, reps=p.reps, prepare=prepare)
            previous = position
        return budget - total

    # An exercise and its easier or harder variant are the same movement: never both.
    variants: dict[str, set[str]] = {ex.id: set() for ex in pool}
    for ex in pool:
        for other in (ex.easier, ex.harder):
            if other in variants:
                variants[ex.id].add(other)
                variants[other].add(ex.id)

    def add(ex: Exercise, *, min_reps: int, fits: Callable[[], int]) -> bool:
        """Add ``ex`` with as many reps (≥ min_reps) as fit; False if even that is too long."""
        if variants[ex.id] & chosen:
            return False
        candidate = pick(ex)
        middle.append(candidate)
        _raise_reps(candidate, fits)
        if fits() < 0 or candidate.reps < min_reps:
            middle.remove(candidate)
            return False
        chosen.add(ex.id)
        return True

    def candidates() -> Iterator[Exercise]:
        """Unchosen exercises in seeded order, those in a position already used first.

        Staying in positions the routine already visits keeps getting up and down rare.
        One queue per position keeps this linear in the catalogue's size.
        """
        queues: dict[str, deque[tuple[int, Exercise]]] = {}
        for rank, ex in enumerate(order):
            if ex.id not in chosen:
                queues.setdefault(ex.position, deque()).append((rank, ex))
        while queues:
            used = {p.exercise.position for p in everything()}
            heads = [q for pos, q in queues.items() if pos in used] or list(queues.values())
            queue = min(heads, key=lambda q: q[0][0])
            _, ex = queue.popleft()
            if not queue:
                del queues[ex.position]
            yield ex

    if last is None:
        # Only one breathing exercise can open and close: it is the whole routine.
        chosen.update(ex.id for ex in order)
    # The must-haves (opener, closer, one strengthening exercise when pain is mild) first,
    # at one rep each, then at their full dose where there is room.
    if band == "mild":
        for ex in candidates():
            if ex.kind == "strength" and add(ex, min_reps=1, fits=room):
                break
    for p in everything():
        _raise_reps(p, room)
    # The rest: whole doses first, then shortened ones to fill the gaps.
    for ex in candidates():
        add(ex, min_reps=band_dose(ex, band)[1], fits=room)
    for ex in candidates():
        add(ex, min_reps=_least_reps(ex, band), fits=room)
    # Exact costs are lower when neighbours share a position: use that room too.
    for ex in candidates():
        add(ex, min_reps=_least_reps(ex, band), fits=exact_room)
    for p in everything():
        _raise_reps(p, exact_room)

    items = _build(first, middle, last, conditions=assessment.conditions)
    total = sum(item.seconds for item in items)
    return Plan(
        assessment=assessment,
        minutes=minutes,
        seed=seed,
        items=items,
        notes=(
            *_notes(assessment, band, total, minutes, budget),
            *condition_notes(assessment, catalogue, band=band),
        ),
    )


def _ends(
    order: Sequence[Exercise], band: str, budget: int, assessment: Assessment
) -> tuple[Exercise, Exercise | None]:
    """A seeded opener and closer that fit together at one rep each.

    When no distinct pair fits, a single breathing exercise both opens and closes (closer None).
    """
    for opener in order:
        if opener.kind not in OPENER_KINDS:
            continue
        for closer in order:
            if closer is opener or closer.kind not in CLOSER_KINDS:
                continue
            if unit_seconds(opener, band) + unit_seconds(closer, band) <= budget:
                return opener, closer
    for ex in order:
        if ex.kind == "breathing":
            return ex, None
    where = (
        f" in positions {_positions_text(assessment.positions)}"
        if assessment.positions is not None
        else ""
    )
    raise NothingFits(
        f"No breathing or mobility exercise to start gently, with a relief or breathing "
        f"exercise to finish, suits cause '{assessment.cause}'{where} at pain "
        f"{assessment.severity}/10 within {budget // 60} minutes."
    )


def _least_reps(ex: Exercise, band: str) -> int:
    """The fewest reps worth getting into position for: a lone short hold is not (two reps
    of anything under 10 s, unless the dose itself is a single rep)."""
    hold, reps = band_dose(ex, band)
    return min(reps, 2) if hold * ex.sides < 10 else 1


def _raise_reps(p: _Pick, room: Callable[[], int]) -> None:
    """Add reps to ``p`` (up to its band dose) while ``room()`` stays at or above zero."""
    if room() < 0:
        p.reps = max(1, p.reps)
        return
    while p.reps < p.full_reps:
        p.reps += 1
        if room() < 0:
            p.reps -= 1
            return


def _ordered_middle(first: _Pick, middle: Sequence[_Pick], last: _Pick | None) -> list[_Pick]:
    """Group the middle by position: opener's position first, closer's last, others between."""
    groups: dict[str, list[_Pick]] = {}
    for p in middle:
        groups.setdefault(p.exercise.position, []).append(p)
    start = first.exercise.position
    end = last.exercise.position if last is not None else start
    # Between the two ends, move steadily up or down (standing → seated → floor, or back).
    descending = _HEIGHT[start] >= _HEIGHT[end]

    def group_rank(position: str) -> tuple[int, int, int]:
        if position == start:
            return (0, 0, 0)
        if position == end:
            return (2, 0, 0)
        height = -_HEIGHT[position] if descending else _HEIGHT[position]
        return (1, height, POSITIONS.index(position))

    out: list[_Pick] = []
    for position in sorted(groups, key=group_rank):
        out.extend(sorted(groups[position], key=lambda p: _KIND_ORDER[p.exercise.kind]))
    return out


def _ordered(first: _Pick, middle: Sequence[_Pick], last: _Pick | None) -> list[_Pick]:
    """Opener, the middle grouped by position, closer."""
    return [first, *_ordered_middle(first, middle, last), *([last] if last else [])]


def _build(
    first: _Pick,
    middle: Sequence[_Pick],
    last: _Pick | None,
    *,
    conditions: frozenset[str] = frozenset(),
) -> tuple[PlannedExercise, ...]:
    """The ordered plan with get-ready times: longer whenever the position changes."""
    ordered = _ordered(first, middle, last)
    items: list[PlannedExercise] = []
    previous: str | None = None
    for p in ordered:
        position = p.exercise.position
        prepare = PREPARE_SECONDS if position == previous else POSITION_CHANGE_SECONDS
        items.append(
            PlannedExercise(
                exercise=p.exercise,
                hold_seconds=p.hold,
                reps=p.reps,
                rest_seconds=p.exercise.rest_seconds,
                prepare_seconds=prepare,
                notes=tuple(p.exercise.note_for(conditions)),
            )
        )
        previous = position
    return tuple(items)


def _minutes_text(seconds: int) -> str:
    whole, rest = divmod(seconds, 60)
    if whole == 0:
        return f"{rest} seconds"
    return f"{whole} min {rest:02d} s" if rest else f"{whole} minutes"


def _notes(
    assessment: Assessment, band: str, total: int, minutes: int, budget: int
) -> tuple[str, ...]:
    """Why the routine looks the way it does, in plain words."""
    notes: list[str] = []
    severity = assessment.severity
    if band == "moderate" and severity <= 3 and health.gentle_only(assessment.conditions):
        notes.append(
            "Because of your answers to the general health questions, today's routine is the "
            "gentle one until a doctor or exercise professional has cleared you."
        )
    elif band == "moderate" and assessment.gentle_only and severity <= 3:
        notes.append(
            "Because of your screening answers, today's routine is the gentle one: holds and "
            "reps are halved and strengthening is left out."
        )
    elif band == "moderate":
        notes.append(
            f"Pain {severity}/10: holds and reps are halved, lying and seated exercises are "
            "preferred, and strengthening is left out today."
        )
    elif band == "severe":
        notes.append(
            f"Pain {severity}/10: only slow breathing and resting positions today, for at "
            f"most {SEVERE_MAX_MINUTES} minutes."
        )
        message = band_message(severity)
        if message:
            notes.append(message)
    if total < 0.8 * budget:
        notes.append(
            f"There are only enough suitable exercises for about {_minutes_text(total)}, so "
            f"this routine is shorter than the {minutes} minutes you asked for."
        )
    if assessment.cause in CAUSES_WITH_NOTES:
        notes.append(CAUSE_INFO[assessment.cause].advice)
    return tuple(notes)


def condition_notes(assessment: Assessment, catalogue: Catalogue, *, band: str) -> list[str]:
    """Which health condition left what out, then each condition's advice.

    Counts only exercises that would otherwise have been offered today (same cause, pain,
    positions and band), so the note speaks of real losses, in plain words.
    """
    conditions = assessment.conditions
    if not conditions:
        return []
    kinds = BAND_KINDS.get(band, frozenset())
    offered = [
        ex
        for ex in catalogue
        if ex.suits(assessment.cause)
        and ex.max_severity >= assessment.severity
        and (assessment.positions is None or ex.position in assessment.positions)
        and ex.kind in kinds
    ]
    reasons: dict[str, dict[str, None]] = {}
    counts: dict[str, int] = {}
    for ex in offered:
        for cid, reason in health.left_out_by(ex, conditions):
            reasons.setdefault(cid, {})[reason] = None
            counts[cid] = counts.get(cid, 0) + 1
    notes = [
        f"{health.CONDITIONS[cid].label}: {counts[cid]} "
        f"{'exercise' if counts[cid] == 1 else 'exercises'} left out "
        f"({'; '.join(reasons[cid])})."
        for cid in health.ordered(reasons)
    ]
    return notes + health.advice_for(conditions, weeks=assessment.pregnancy_weeks)
