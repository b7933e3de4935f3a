"""Choosing and ordering exercises into a routine that fits the cause, the pain and the time.

Pure: no clock, no terminal, no files. The same assessment, catalogue, minutes and seed always
give the same plan; a different seed (by default one per day) gives some variety.

How a plan is built (clinical facts 2.2 and 7.4):

1. The pain band decides the dose.
   - Mild 0–3: the catalogue's doses, at least one strengthening exercise whenever one fits
     (two or three for weak muscles); a longer budget is filled with more exercises, and no
     exercise is cut below about a quarter of its catalogue reps (two of a hold under 30 s)
     to squeeze it in, nor cut at all when the time does not need it.
   - Moderate 4–6 (also the gentle band of a see-soon screen or the PAR-Q questions): 4–6
     exercises in one or two positions, 2–3 reps each with holds about halved, about 5–7
     minutes whatever was asked. Light strengthening (at most one exercise) only at pain 4–5
     and never built up by progression (``may_progress``); supported positions preferred.
   - Severe 7–8: breathing and resting positions only, in one position (the person's
     choice, else the most supported one available), for at most 5 minutes.
   - 9–10: no routine at all (SafetyStop).
2. Candidates are filtered by cause, then pain, then positions, then health conditions (the
   rules table in ``stretchcoach.safety.conditions``, applied whatever the cause), then the
   band's kinds; the first filter that leaves nothing is named in the error. Recent back
   surgery or supervised-only exercise means no routine at all (SafetyStop).
3. An opener (breathing or mobility; at pain 7-8 breathing when the one position has it,
   else a resting position) and a closer (relief or breathing) are drawn, leaving room for
   the strengthening the band asks for when any pair can, plus that strengthening; then the
   rest are added in a seeded random order while they fit. At pain 0-3 a plan without
   strengthening says why in one note (none suits, all resting, or none fits the time). An
   exercise never goes in with its easier or harder variant or with one the catalogue marks
   as ``similar``.
4. The middle is grouped by position so the user gets up and down as little as possible: the
   group in the opener's position comes first and the group in the closer's position last,
   and floor positions sit together, so a routine goes down to the floor at most once.
"""

from __future__ import annotations

import itertools
import math
import random
from collections import deque
from collections.abc import Callable, Collection, Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from datetime import date

from stretchcoach.catalogue import DESK_POSITIONS, POSITIONS, Catalogue, Exercise
from stretchcoach.errors import SafetyStop, StretchcoachError, UsageError
from stretchcoach.routine import (
    POSITION_CHANGE_SECONDS,
    PREPARE_SECONDS,
    SWITCH_SECONDS,
    TURN_SECONDS,
    Assessment,
    Plan,
    PlannedExercise,
    reprepared,
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
#: At pain 7-8 a resting position may open the routine too (breathing preferred).
SEVERE_OPENER_KINDS = frozenset({"breathing", "relief"})
#: Positions where the body is supported: preferred when pain is moderate.
SUPPORTED_POSITIONS = frozenset({"supine", "side-lying", "seated"})
#: Positions on the floor: a routine gets down to them at most once (clinical facts 7.4).
FLOOR_POSITIONS: frozenset[str] = frozenset(POSITIONS) - DESK_POSITIONS
#: Positions from the most supported to the least. At pain 7-8 the routine stays in one
#: position; without the person's choice it is the first of these the catalogue offers.
SUPPORT_ORDER: tuple[str, ...] = (
    "supine",
    "side-lying",
    "seated",
    "prone",
    "all-fours",
    "kneeling",
    "standing",
)
#: Causes whose advice goes with every routine (clinical facts 5.7 and 5.8).
CAUSES_WITH_NOTES = frozenset({"pregnancy", "arthritis"})
#: The severe band's routine never runs longer than this, whatever was asked.
SEVERE_MAX_MINUTES = 5
#: The gentle (moderate) band's dose, clinical facts 7.4: how many exercises, in how many
#: positions, how many reps of each, and how long in all.
GENTLE_EXERCISES = (4, 6)
GENTLE_MAX_POSITIONS = 2
GENTLE_REPS = (2, 3)
GENTLE_MINUTES = (5, 7)
#: Light strengthening stays in the gentle band up to this pain (never at 6), one exercise.
LIGHT_STRENGTH_MAX_SEVERITY = 5
LIGHT_STRENGTH_MAX_EXERCISES = 1
#: Strengthening exercises for weak muscles at pain 0-3: at least, at most.
WEAK_MUSCLES_STRENGTH = (2, 3)
#: At pain 0-3 no exercise is cut below this share of its catalogue reps to fit the time.
MIN_REP_SHARE = 0.25
#: A hold (each side) shorter than this is a short hold: one rep of it is too little to be
#: worth doing, so a cut to fit the time keeps at least two (or leaves the exercise out).
SHORT_HOLD_SECONDS = 30
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
    """(hold seconds, reps) for this band: the catalogue's, or the gentle dose when pain is
    moderate: holds about halved and 2-3 reps (about half the catalogue's, never a single
    rep unless the catalogue itself gives one).

    Never more than the catalogue gives; holds stay at least 5 s unless the catalogue's are
    shorter.
    """
    hold, reps = exercise.hold_seconds, exercise.reps
    if band == "moderate":
        low, high = GENTLE_REPS
        hold = min(hold, max(5, round(hold / 2)))
        reps = min(reps, max(low, min(high, math.ceil(reps / 2))))
    return hold, reps


def least_reps(exercise: Exercise, band: str) -> int:
    """The fewest reps an exercise may be given to fit the time.

    Moderate: 2 (the gentle dose is 2-3 reps; never reshaped further to fit the clock).
    Mild: about a quarter of the catalogue's reps, rounded up, and at least two of a short
    hold (under SHORT_HOLD_SECONDS each side). Severe: one, or two of a short hold.
    Never more than the band's dose: an exercise the catalogue gives once stays once.
    """
    hold, full = band_dose(exercise, band)
    short = 2 if hold < SHORT_HOLD_SECONDS else 1
    if band == "moderate":
        return min(full, GENTLE_REPS[0])
    if band == "mild":
        return min(full, max(math.ceil(exercise.reps * MIN_REP_SHARE), short))
    return min(full, short)


def light_strength(assessment: Assessment) -> bool:
    """Whether light strengthening is kept in the gentle band: pain 4-5 on its own.

    A see-soon screen answer or an uncleared PAR-Q answer keeps it out (the gentle routine
    until someone has checked), and it is never offered at pain 6.
    """
    return (
        4 <= assessment.severity <= LIGHT_STRENGTH_MAX_SEVERITY
        and not assessment.gentle_only
        and not health.gentle_only(assessment.conditions)
    )


def band_kinds(assessment: Assessment, band: str) -> frozenset[str]:
    """The kinds of exercise allowed today: the band's, plus light strengthening at 4-5."""
    kinds = BAND_KINDS[band]
    if band == "moderate" and light_strength(assessment):
        kinds = kinds | {"strength"}
    return kinds


def may_progress(plan: Plan, item: PlannedExercise) -> bool:
    """Whether progression may ever lengthen this planned exercise's dose.

    Only routines planned at pain 0-3 progress. The gentle band's light strengthening (pain
    4-5) keeps its reduced dose, and so does everything else planned at pain 4 or more (no
    strengthening progression at 4-6, clinical facts 2.2). Progression reads this rather
    than re-deriving the rule.
    """
    return item in plan.items and plan.assessment.band == "mild"


def exercise_seconds(exercise: Exercise, *, hold: int, reps: int, prepare: int) -> int:
    """What PlannedExercise.phases() adds up to, without building the phases."""
    rest = exercise.rest_seconds
    if exercise.in_turn:  # all reps of one side, one turn, all reps of the other
        return prepare + 2 * (reps * hold + (reps - 1) * rest) + TURN_SECONDS
    per_rep = hold * exercise.sides + SWITCH_SECONDS * (exercise.sides - 1)
    return prepare + reps * per_rep + (reps - 1) * rest


def unit_seconds(exercise: Exercise, band: str) -> int:
    """The smallest useful piece of an exercise: its fewest reps after a position change."""
    hold, _ = band_dose(exercise, band)
    return exercise_seconds(
        exercise, hold=hold, reps=least_reps(exercise, band), prepare=POSITION_CHANGE_SECONDS
    )


def budget_seconds(minutes: int, band: str) -> int:
    """The routine's time budget: the minutes asked for, capped at 5 when pain is severe and
    at 7 when it is moderate (a gentle routine is short, not busier)."""
    if band == "severe":
        minutes = min(minutes, SEVERE_MAX_MINUTES)
    elif band == "moderate":
        minutes = min(minutes, GENTLE_MINUTES[1])
    return minutes * 60


def target_seconds(budget: int, band: str) -> float:
    """What a routine should reach when the catalogue allows: 80% of the budget, and in the
    gentle band about 5 minutes (its budget is 7) or 80% of a shorter one."""
    if band == "moderate":
        return min(GENTLE_MINUTES[0] * 60, 0.8 * budget)
    return 0.8 * budget


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
    kinds = band_kinds(assessment, band)
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


#: What one fill returns: the opener, the middle (unordered) and the closer (None when a lone
#: exercise is the whole routine).
_Picks = tuple[_Pick, list[_Pick], "_Pick | None"]


def plan_routine(
    assessment: Assessment,
    catalogue: Catalogue,
    *,
    minutes: int,
    seed: int,
    leave_out: Collection[str] = frozenset(),
) -> Plan:
    """Plan a routine for this assessment that fits in ``minutes`` (see the module notes).

    ``leave_out`` names exercises resting today (after they hurt): they are dropped after the
    seeded shuffle, so the rest of the plan stays as close as it can to the one without them.
    """
    stop = band_stop(assessment.severity) or conditions_stop(assessment.conditions)
    if stop:
        raise SafetyStop(stop)
    band = assessment.band
    budget = budget_seconds(minutes, band)
    pool = eligible(assessment, catalogue, band=band, budget=budget)
    rng = random.Random(seed)
    order = list(pool)
    rng.shuffle(order)
    if leave_out:
        order = [ex for ex in order if ex.id not in leave_out]
        if not order:
            raise NothingFits("Every exercise that suits today is resting after it hurt.")
    if band == "severe":
        position = one_position(pool)
        picks = _fill([ex for ex in order if ex.position == position], assessment, band, budget)
    elif band == "moderate":
        # Familiar exercises first, then supported positions (a stable sort keeps the seed's
        # variety among equals).
        order.sort(
            key=lambda ex: (
                ex.id not in assessment.familiar,
                ex.position not in SUPPORTED_POSITIONS,
            )
        )
        picks = _gentle(order, assessment, budget, rng)
    else:
        picks = _fill(order, assessment, band, budget)

    items = _build(*picks, conditions=assessment.conditions)
    return Plan(
        assessment=assessment,
        minutes=minutes,
        seed=seed,
        items=items,
        notes=(
            *_notes(assessment, band, items, minutes=minutes, budget=budget, pool=pool),
            *_no_strength_notes(
                assessment, items, minutes=minutes, catalogue=catalogue, resting=leave_out
            ),
            *condition_notes(assessment, catalogue, band=band),
        ),
    )


def one_position(pool: Iterable[Exercise]) -> str:
    """The most supported position (SUPPORT_ORDER) that any of these exercises uses."""
    used = {ex.position for ex in pool}
    return next(p for p in SUPPORT_ORDER if p in used)


def one_position_choices(
    assessment: Assessment, catalogue: Catalogue, *, minutes: int
) -> list[str]:
    """At pain 7-8: the positions a one-position routine can use today, most supported first.

    Each has at least one suitable breathing or resting exercise that fits the time; [] when
    none does (planning then says why) or when the pain is not in the severe band.
    """
    band = assessment.band
    if band != "severe":
        return []
    try:
        pool = eligible(assessment, catalogue, band=band, budget=budget_seconds(minutes, band))
    except NothingFits:
        return []
    used = {ex.position for ex in pool}
    return [p for p in SUPPORT_ORDER if p in used]


def _gentle(
    order: Sequence[Exercise], assessment: Assessment, budget: int, rng: random.Random
) -> _Picks:
    """The gentle band's routine: the best fill over every choice of one or two positions.

    Best means, in turn: at least GENTLE_EXERCISES[0] exercises, reaching about 5 minutes,
    only supported positions; the seed chooses among equals.
    """
    positions = sorted({ex.position for ex in order}, key=POSITIONS.index)
    target = target_seconds(budget, "moderate")
    best: tuple[tuple[int, float, bool, float], _Picks] | None = None
    for size in range(1, GENTLE_MAX_POSITIONS + 1):
        for option in itertools.combinations(positions, size):
            subset = [ex for ex in order if ex.position in option]
            try:
                picks = _fill(subset, assessment, "moderate", budget)
            except NothingFits:
                continue
            _, middle, last = picks
            count = 1 + len(middle) + (last is not None)
            total = sum(item.seconds for item in _build(*picks))
            score = (
                min(count, GENTLE_EXERCISES[0]),
                min(total, target),
                set(option) <= SUPPORTED_POSITIONS,
                rng.random(),
            )
            if best is None or score > best[0]:
                best = (score, picks)
    if best is None:
        # Two positions can always hold an opener and a closer, so only the ends can fail:
        # let _ends say why.
        _ends(order, "moderate", budget, assessment)
        raise NothingFits("No gentle routine fits these choices.")  # pragma: no cover
    return best[1]


def _links(exercises: Sequence[Exercise]) -> dict[str, set[str]]:
    """For each exercise, those never planned with it: its easier and harder variants (the
    same movement) and the ones the catalogue marks as ``similar``, either way round."""
    links: dict[str, set[str]] = {ex.id: set() for ex in exercises}
    for ex in exercises:
        for other in (ex.easier, ex.harder, *ex.similar):
            if other in links and other != ex.id:
                links[ex.id].add(other)
                links[other].add(ex.id)
    return links


def _strength_counts(assessment: Assessment, band: str) -> tuple[int, int | None]:
    """(fewest, most) strengthening exercises: at least one at mild pain (two or three for
    weak muscles), at most one light one in the gentle band."""
    if band == "mild":
        if assessment.cause == "weak-muscles":
            return WEAK_MUSCLES_STRENGTH
        return 1, None
    if band == "moderate":
        return 0, LIGHT_STRENGTH_MAX_EXERCISES
    return 0, None


def strength_due(assessment: Assessment) -> int:
    """How many strengthening exercises a routine for this assessment should keep (pacing
    never trims below this): one at pain 0-3, two for weak muscles, else none."""
    return _strength_counts(assessment, assessment.band)[0]


def _fill(order: Sequence[Exercise], assessment: Assessment, band: str, budget: int) -> _Picks:
    """An opener, a closer and a middle drawn from ``order`` (seeded, preferred first) that
    fit in ``budget`` together, keeping the band's limits.

    When strengthening is due, the opener and closer are chosen to leave room for it if any
    pair can (a long walk to open must not crowd out the one strengthening exercise).
    """
    links = _links(order)
    fewest_strength, most_strength = _strength_counts(assessment, band)
    opener, closer = _ends_with_room(order, band, budget, assessment, fewest_strength)
    most_items = GENTLE_EXERCISES[1] if band == "moderate" else None

    def pick(ex: Exercise) -> _Pick:
        hold, reps = band_dose(ex, band)
        return _Pick(ex, hold, least_reps(ex, band), reps)

    first = pick(opener)
    last = pick(closer) if closer is not None else None
    middle: list[_Pick] = []
    chosen = {opener.id} | ({closer.id} if closer is not None else set())
    # Opener and closer both on the floor: the middle stays there too (one trip down).
    floor_only = last is not None and {opener.position, last.exercise.position} <= FLOOR_POSITIONS

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

    def allowed(ex: Exercise) -> bool:
        if links[ex.id] & chosen:
            return False
        if floor_only and ex.position not in FLOOR_POSITIONS:
            return False
        if most_items is not None and len(everything()) >= most_items:
            return False
        if ex.kind == "strength" and most_strength is not None:
            strength = sum(1 for p in everything() if p.exercise.kind == "strength")
            if strength >= most_strength:
                return False
        return True

    def add(ex: Exercise, *, min_reps: int, fits: Callable[[], int], grow: bool = True) -> bool:
        """Add ``ex`` with as many reps (≥ min_reps) as fit, or only its fewest when not
        ``grow``; False if even that is too long."""
        if not allowed(ex):
            return False
        candidate = pick(ex)
        middle.append(candidate)
        if grow:
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
        # Only one breathing (or, at pain 7-8, resting) exercise fits: it is the whole routine.
        chosen.update(ex.id for ex in order)
    # The must-haves (opener, closer, and the strengthening the band asks for) first, at
    # their fewest reps, then at their full dose where there is room.
    for _ in range(fewest_strength):
        for ex in candidates():
            if ex.kind == "strength" and add(
                ex, min_reps=least_reps(ex, band), fits=room, grow=False
            ):
                break
    for p in everything():
        _raise_reps(p, room)
    # The rest: whole doses first, then shortened ones to fill the gaps.
    for ex in candidates():
        add(ex, min_reps=band_dose(ex, band)[1], fits=room)
    for ex in candidates():
        add(ex, min_reps=least_reps(ex, band), fits=room)
    # Exact costs are lower when neighbours share a position: use that room too.
    for ex in candidates():
        add(ex, min_reps=least_reps(ex, band), fits=exact_room)
    for p in everything():
        _raise_reps(p, exact_room)
    if most_items is not None:
        ends = 1 + (last is not None)
        _swap_for_longer(middle, chosen, order, band, budget, add=add, room=exact_room, ends=ends)
        for ex in candidates():
            add(ex, min_reps=least_reps(ex, band), fits=exact_room)
        for p in everything():
            _raise_reps(p, exact_room)
    return first, middle, last


def _swap_for_longer(
    middle: list[_Pick],
    chosen: set[str],
    order: Sequence[Exercise],
    band: str,
    budget: int,
    *,
    add: Callable[..., bool],
    room: Callable[[], int],
    ends: int,
) -> None:
    """When a routine capped at a few exercises falls short of its target time, swap its
    shortest middle exercise (or two of them) for a longer one at its whole dose, while that
    helps and the routine keeps at least GENTLE_EXERCISES[0] exercises.

    Six short exercises can add up to well under five minutes; more exercises would make
    the routine busier, so longer ones take their place instead.
    """

    def seconds(ex: Exercise, reps: int | None = None) -> int:
        hold, full = band_dose(ex, band)
        return exercise_seconds(ex, hold=hold, reps=full if reps is None else reps, prepare=0)

    target = target_seconds(budget, band)
    by_length = sorted(order, key=lambda ex: -seconds(ex))  # stable: seeded among equals
    for _ in range(len(order)):
        used = budget - room()
        if used >= target:
            return
        fewest = min(GENTLE_EXERCISES[0], ends + len(middle))
        shortest = sorted(middle, key=lambda p: seconds(p.exercise, p.reps))
        if not any(
            _swap_one(middle, chosen, shortest[:k], by_length, band, add=add, room=room)
            for k in (1, 2)
            if k <= len(shortest) and ends + len(middle) - k + 1 >= fewest
        ):
            return


def _swap_one(
    middle: list[_Pick],
    chosen: set[str],
    out: Sequence[_Pick],
    by_length: Sequence[Exercise],
    band: str,
    *,
    add: Callable[..., bool],
    room: Callable[[], int],
) -> bool:
    """Replace ``out`` with one longer exercise if that lengthens the routine; else undo."""
    before = room()
    for p in out:
        middle.remove(p)
        chosen.discard(p.exercise.id)
    removed = sum(exercise_seconds(p.exercise, hold=p.hold, reps=p.reps, prepare=0) for p in out)
    for ex in by_length:
        hold, full = band_dose(ex, band)
        if exercise_seconds(ex, hold=hold, reps=full, prepare=0) <= removed:
            break
        if ex.id in chosen or any(ex is p.exercise for p in out):
            continue
        if add(ex, min_reps=full, fits=room):
            if room() < before:
                return True
            chosen.discard(middle.pop().exercise.id)
    middle.extend(out)
    chosen.update(p.exercise.id for p in out)
    return False


def _ends(
    order: Sequence[Exercise], band: str, budget: int, assessment: Assessment
) -> tuple[Exercise, Exercise | None]:
    """A seeded opener and closer that fit together at their fewest reps.

    A pair that is not both on the floor comes first, so the middle may use any position
    and still go down to the floor only once. At pain 7-8 a resting position may open, and
    breathing is preferred to open and resting to close. When no distinct pair fits, a
    single breathing exercise (at 7-8 also a resting one) both opens and closes (closer None).
    """
    opener_kinds = SEVERE_OPENER_KINDS if band == "severe" else OPENER_KINDS
    openers = [ex for ex in order if ex.kind in opener_kinds]
    closers = [ex for ex in order if ex.kind in CLOSER_KINDS]
    if band == "severe":
        openers.sort(key=lambda ex: ex.kind != "breathing")  # stable: seeded within each kind
        closers.sort(key=lambda ex: ex.kind != "relief")
    links = _links(order)
    for both_on_floor in (False, True):
        for opener in openers:
            for closer in closers:
                if closer is opener or closer.id in links[opener.id]:
                    continue
                if not both_on_floor and {opener.position, closer.position} <= FLOOR_POSITIONS:
                    continue
                if unit_seconds(opener, band) + unit_seconds(closer, band) <= budget:
                    return opener, closer
    lone_kinds = ("breathing", "relief") if band == "severe" else ("breathing",)
    for kind in lone_kinds:
        for ex in order:
            if ex.kind == kind:
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


def _ends_with_room(
    order: Sequence[Exercise], band: str, budget: int, assessment: Assessment, strength: int
) -> tuple[Exercise, Exercise | None]:
    """``_ends``, leaving room for the ``strength`` shortest strengthening exercises when a
    pair can, else for one, else as ``_ends`` alone would choose."""
    units = sorted(unit_seconds(ex, band) for ex in order if ex.kind == "strength")
    reserves = [sum(units[:count]) for count in range(min(strength, len(units)), 0, -1)]
    for reserve in reserves:
        try:
            opener, closer = _ends(order, band, budget - reserve, assessment)
        except NothingFits:
            continue
        if closer is not None:
            return opener, closer
    return _ends(order, band, budget, assessment)


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
    """Opener, the middle grouped by position, closer.

    When the closer is off the floor but a relief or breathing exercise on the floor sits in
    the middle, that one closes instead: down to the floor once, and stay there to finish,
    rather than getting down in the middle and up again.
    """
    if (
        last is not None
        and last.exercise.position in DESK_POSITIONS
        and first.exercise.position in DESK_POSITIONS
    ):
        on_floor = [
            p
            for p in middle
            if p.exercise.position not in DESK_POSITIONS and p.exercise.kind in CLOSER_KINDS
        ]
        if on_floor:
            new_last = on_floor[-1]
            middle = [p for p in middle if p is not new_last] + [last]
            last = new_last
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


def _names(items: Sequence[PlannedExercise]) -> str:
    return _and_list([item.exercise.name for item in items])


def _and_list(words: Sequence[str]) -> str:
    """'a, b and c'."""
    return words[0] if len(words) == 1 else f"{', '.join(words[:-1])} and {words[-1]}"


def _gentle_note(assessment: Assessment, items: Sequence[PlannedExercise]) -> str:
    """The gentle band's dose in one line, with why the routine is the gentle one."""
    where: list[str] = []
    for item in items:
        words = health.POSITION_WORDS.get(item.exercise.position, item.exercise.position)
        if words not in where:
            where.append(words)
    count = len(items)
    dose = (
        f"{count} {'exercise' if count == 1 else 'exercises'} ({' then '.join(where)}), 2-3 "
        f"reps of each with holds about halved, about {GENTLE_MINUTES[0]}-{GENTLE_MINUTES[1]} "
        "minutes in all"
    )
    if assessment.severity <= 3 and health.gentle_only(assessment.conditions):
        return (
            "Because of your answers to the general health questions, today's routine is the "
            f"gentle one until a doctor or exercise professional has cleared you: {dose}, and "
            "no strengthening."
        )
    if assessment.severity <= 3:
        return (
            f"Because of your screening answers, today's routine is the gentle one: {dose}, "
            "and no strengthening."
        )
    familiar = sum(1 for item in items if item.exercise.id in assessment.familiar)
    if familiar:
        dose += f"; {familiar} of them you have done before"
    return f"Pain {assessment.severity}/10: a short, gentle routine of {dose}."


def _strength_note(assessment: Assessment, items: Sequence[PlannedExercise]) -> str | None:
    """What the gentle band does with strengthening today, in one line (None: nothing to say)."""
    severity = assessment.severity
    light = [item for item in items if item.exercise.kind == "strength"]
    if light:
        reps = _and_list(sorted({str(item.reps) for item in light}))
        return (
            f"Light strengthening today: {_names(light)}, {reps} reps, not built up until "
            "your pain is 3/10 or less."
        )
    if severity > LIGHT_STRENGTH_MAX_SEVERITY:
        return (
            f"Strengthening is left out at pain {severity}/10; light strengthening comes back "
            f"at {LIGHT_STRENGTH_MAX_SEVERITY}/10 or less."
        )
    if severity >= 4 and not light_strength(assessment):
        return (
            "Strengthening is left out today because of your answers to the safety or health "
            "questions."
        )
    return None


#: How the note about reps cut to fit the time begins (``settle`` finds it by this).
CUT_NOTE_START = "To fit your "
#: How the note saying why a routine at pain 0-3 has no strengthening begins.
NO_STRENGTH_START = "No strengthening exercise today: "


def cut_items(
    items: Sequence[PlannedExercise], band: str, *, eased: Collection[str] = frozenset()
) -> list[PlannedExercise]:
    """Items with fewer reps than the band's full dose at the band's hold: cut to fit the
    time. A longer hold traded for a rep is progression's to explain, and so is an ``eased``
    exercise (an easier variant never done more often than the one it replaces)."""
    out = []
    for item in items:
        hold, full = band_dose(item.exercise, band)
        if item.reps < full and item.hold_seconds <= hold and item.exercise.id not in eased:
            out.append(item)
    return out


def cut_note(
    items: Sequence[PlannedExercise],
    *,
    band: str,
    minutes: int,
    eased: Collection[str] = frozenset(),
) -> str | None:
    """The one line naming the exercises (all in ``items``) cut to fit the time, if any."""
    if band != "mild":
        return None
    cut = cut_items(items, band, eased=eased)
    if not cut:
        return None
    verb = "has" if len(cut) == 1 else "have"
    return (
        f"{CUT_NOTE_START}{minutes} minutes, {_names(cut)} {verb} fewer reps than the full "
        "dose (never fewer than about a quarter of it)."
    )


def one_rep_seconds(item: PlannedExercise) -> int:
    """What one more rep of this planned exercise adds to its time."""
    ex, hold = item.exercise, item.hold_seconds
    return exercise_seconds(ex, hold=hold, reps=item.reps + 1, prepare=0) - exercise_seconds(
        ex, hold=hold, reps=item.reps, prepare=0
    )


def no_strength_note(
    assessment: Assessment,
    items: Sequence[PlannedExercise],
    *,
    minutes: int,
    catalogue: Catalogue | None,
    resting: Collection[str] = frozenset(),
    rested: Sequence[Exercise] = (),
) -> str | None:
    """At pain 0-3 (the full routine), why the plan has no strengthening exercise; None when
    it has one or strengthening is not due. ``rested`` are exercises taken out of this plan
    because they hurt (when no catalogue is at hand to tell what else would suit)."""
    if assessment.band != "mild" or any(item.exercise.kind == "strength" for item in items):
        return None
    if catalogue is not None:
        cause, severity, positions = assessment.cause, assessment.severity, assessment.positions
        suits = [
            ex
            for ex in catalogue
            if ex.kind == "strength" and ex.suits(cause) and ex.max_severity >= severity
        ]
        if not suits:
            label = CAUSE_INFO[cause].label.lower() if cause in CAUSE_INFO else cause
            return f"{NO_STRENGTH_START}none in the catalogue suits {label} at pain {severity}/10."
        if positions is not None:
            suits = [ex for ex in suits if ex.position in positions]
            if not suits:
                return (
                    f"{NO_STRENGTH_START}none suits the positions you chose "
                    f"({_positions_text(positions)})."
                )
        if assessment.conditions:
            suits = [ex for ex in suits if health.allows(ex, assessment.conditions)]
            if not suits:
                return (
                    f"{NO_STRENGTH_START}your health notes "
                    f"({health.labels(assessment.conditions)}) leave out the ones that would suit."
                )
        if all(ex.id in resting for ex in suits):
            return f"{NO_STRENGTH_START}the ones that suit you are resting after they hurt."
    elif any(ex.kind == "strength" for ex in rested):
        names = [ex.name for ex in rested if ex.kind == "strength"]
        verb = "is" if len(names) == 1 else "are"
        return f"{NO_STRENGTH_START}{_and_list(names)} {verb} resting after it hurt."
    if len(items) == 1:
        return (
            f"{NO_STRENGTH_START}only {items[0].exercise.name} can start and finish the "
            "routine gently here, so it is the whole routine."
        )
    return (
        f"{NO_STRENGTH_START}none fits in {minutes} minutes with a gentle start and "
        "finish; a few more minutes would make room for one."
    )


def _no_strength_notes(
    assessment: Assessment,
    items: Sequence[PlannedExercise],
    *,
    minutes: int,
    catalogue: Catalogue,
    resting: Collection[str],
) -> tuple[str, ...]:
    note = no_strength_note(
        assessment, items, minutes=minutes, catalogue=catalogue, resting=resting
    )
    return (note,) if note else ()


def settle(
    plan: Plan,
    items: Sequence[PlannedExercise],
    *,
    budget: int | None = None,
    catalogue: Catalogue | None = None,
    resting: Collection[str] = frozenset(),
    rested: Sequence[Exercise] = (),
    eased: Collection[str] = frozenset(),
) -> Plan:
    """``plan`` with ``items`` in its place after a change made outside the planner (an
    exercise resting or eased, pacing): get-ready times redone, reps cut to fit the time
    given back where there is now room within ``budget`` (default: the minutes asked), and
    the planner's lines about cut reps and strengthening made true of the new items.

    Only exercises still in the plan are named. ``catalogue`` and ``resting`` (ids), or
    without a catalogue ``rested`` (exercises taken out), let the strengthening line say why.
    ``eased`` exercises (easier variants in the slot of one that hurt) keep their reps.
    """
    assessment, band = plan.assessment, plan.assessment.band
    limit = budget_seconds(plan.minutes, band) if budget is None else budget
    new = list(reprepared(items))
    if band == "mild":
        for i, item in enumerate(new):
            hold, full = band_dose(item.exercise, band)
            if item.hold_seconds > hold or item.exercise.id in eased:
                continue
            while new[i].reps < full:
                more = replace(new[i], reps=new[i].reps + 1)
                if sum(x.seconds for x in new) - new[i].seconds + more.seconds > limit:
                    break
                new[i] = more

    cut = cut_note(new, band=band, minutes=plan.minutes, eased=eased)
    why = no_strength_note(
        assessment, new, minutes=plan.minutes, catalogue=catalogue, resting=resting, rested=rested
    )
    said = [note for note in plan.notes if note.startswith(NO_STRENGTH_START)]
    if why and said and catalogue is None and not rested:
        why = said[0]  # nothing new to tell: the planner's reason stands
    # Each line stays where it was; a new cut line goes first, a new strengthening one last.
    notes: list[str] = []
    for note in plan.notes:
        if note.startswith(CUT_NOTE_START):
            note, cut = cut or "", None
        elif note.startswith(NO_STRENGTH_START):
            note, why = why or "", None
        if note:
            notes.append(note)
    notes = [*([cut] if cut else []), *notes, *([why] if why else [])]
    return replace(plan, items=tuple(new), notes=tuple(notes))


def _position_note(assessment: Assessment, position: str, pool: Sequence[Exercise]) -> str:
    """At pain 7-8: the one position, chosen by the person or the most supported one."""
    words = health.POSITION_WORDS.get(position, position)
    if assessment.positions is not None and len(assessment.positions) == 1:
        return f"One position today, {words}, as you chose: settle into it and stay there."
    used = {ex.position for ex in pool}
    others = [p for p in SUPPORT_ORDER if p in used and p != position]
    note = (
        "One position today, so you can settle into it and stay there: "
        f"{words}, the most supported one available."
    )
    if others:
        note += f" To choose another, give --positions with one of: {', '.join(others)}."
    return note


def _notes(
    assessment: Assessment,
    band: str,
    items: Sequence[PlannedExercise],
    *,
    minutes: int,
    budget: int,
    pool: Sequence[Exercise],
) -> tuple[str, ...]:
    """Why the routine looks the way it does, in plain words: one line each."""
    notes: list[str] = []
    severity = assessment.severity
    total = sum(item.seconds for item in items)
    if band == "moderate":
        notes.append(_gentle_note(assessment, items))
        strength = _strength_note(assessment, items)
        if strength:
            notes.append(strength)
        if minutes > GENTLE_MINUTES[1]:
            when = f"at pain {severity}/10" if severity >= 4 else "today"
            notes.append(
                f"You asked for {minutes} minutes, but {when} a short routine is kinder to your "
                "back than a longer or busier one. Short walks and changing position often "
                "through the day help too."
            )
    elif band == "severe":
        notes.append(
            f"Pain {severity}/10: only slow breathing and resting positions today, for at "
            f"most {SEVERE_MAX_MINUTES} minutes."
        )
        message = band_message(severity)
        if message:
            notes.append(message)
        notes.append(_position_note(assessment, items[0].exercise.position, pool))
    else:
        cut = cut_note(items, band=band, minutes=minutes)
        if cut:
            notes.append(cut)
    if total < target_seconds(budget, band):
        if band == "moderate" and minutes > GENTLE_MINUTES[0]:
            asked = f"the {GENTLE_MINUTES[0]} minutes or so a gentle routine aims for"
        elif band == "severe" and minutes > SEVERE_MAX_MINUTES:
            asked = f"the {SEVERE_MAX_MINUTES} minutes a routine may last at this pain"
        else:
            asked = f"the {minutes} minutes you asked for"
        notes.append(
            f"There are only enough suitable exercises for about {_minutes_text(total)}, so "
            f"this routine is shorter than {asked}."
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
    kinds = band_kinds(assessment, band) if band in BAND_KINDS else frozenset()
    offered = [
        ex for ex in catalogue if ex.kind in kinds and assessment.offers(ex, with_conditions=False)
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
    # The cause's own advice (pregnancy, arthritis) already covers the rule advice of the
    # condition it implies; anything else (such as the side-sleep note) still shows.
    implied = health.IMPLIED_BY_CAUSE.get(assessment.cause)
    covered = (
        {health.RULES[implied].advice}
        if implied and assessment.cause in CAUSES_WITH_NOTES
        else set()
    )
    advice = health.advice_for(conditions, weeks=assessment.pregnancy_weeks)
    return notes + [a for a in advice if a not in covered]


# --------------------------------------------------------------------------- catalogue check

#: Pain levels ``routine_gaps`` tries for each cause: one in each band that has a routine.
CHECK_SEVERITIES = (0, 5, 7)
#: Minutes ``routine_gaps`` plans for (the default session length).
CHECK_MINUTES = 10


def routine_gaps(
    catalogue: Catalogue,
    *,
    severities: Sequence[int] = CHECK_SEVERITIES,
    minutes: int = CHECK_MINUTES,
) -> dict[str, str]:
    """For each cause the catalogue cannot make a routine for: the first rule that fails.

    Plans every cause (with the health condition it implies, e.g. pregnancy → pregnant) at
    each of ``severities`` in every position, and keeps the first NothingFits message per
    cause, in CAUSES order. An empty dict means every cause gets a routine at every band.
    """
    from stretchcoach.catalogue import CAUSES

    gaps: dict[str, str] = {}
    for cause in CAUSES:
        for severity in severities:
            assessment = Assessment(
                cause, severity, conditions=health.with_cause(frozenset(), cause)
            )
            try:
                plan_routine(assessment, catalogue, minutes=minutes, seed=0)
            except NothingFits as exc:
                gaps[cause] = str(exc)
                break
    return gaps
