"""The walking plan: a baseline from the first week, then small weekly steps (pure).

Built on the WalkBack trial (a progressive walking programme towards at least 30 minutes on
5 days a week, reached over about 6 months) and on pacing: the baseline is what the person
does comfortably and consistently, bad days included, and the plan starts a little below it
(someone already at the goal keeps their usual walks), never with a walk longer than usual.
Every function takes the walks and the day it is asked about; none reads a clock.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    from stretchcoach.clock import Clock

#: How the back felt after a walk, compared with before it: key, value, label.
PAIN_CHECK: tuple[tuple[str, str, str], ...] = (
    ("b", "better", "better"),
    ("s", "same", "about the same"),
    ("w", "worse", "a little worse"),
    ("m", "much-worse", "much worse"),
)
PAIN_CHANGES: tuple[str, ...] = tuple(value for _, value, _ in PAIN_CHECK)
#: The words for each: "same" → "about the same".
PAIN_LABELS: dict[str, str] = {value: label for _, value, label in PAIN_CHECK}
#: How a walk ended: timed to the end, ended early by the person, cut short, or logged.
WALK_ENDINGS: tuple[str, ...] = ("completed", "ended-early", "interrupted", "logged")

#: Bounds for one walk's minutes (``walk --minutes`` and ``walk --target``).
MIN_MINUTES = 1
MAX_MINUTES = 300
#: Where the plan is heading: at least this many minutes on this many days a week.
GOAL_MINUTES = 30
GOAL_DAYS = 5
GOAL_WEEKLY = GOAL_MINUTES * GOAL_DAYS
#: The most the weekly total may grow from one week to the next.
WEEKLY_STEP = 0.10
#: The plan starts this far below the baseline (pacing: start a little below it).
START_BELOW = 0.90
#: A step back after a pain rise takes the weekly total down this much.
STEP_BACK = 0.80
#: Progress only when at least this share of last week's target was walked.
DONE_ENOUGH = 0.80
#: The shortest walk the plan asks for, in seconds.
MIN_WALK_SECONDS = 120
#: A baseline period shorter than this many days runs on through the next full week.
MIN_BASELINE_DAYS = 4
#: Timed walks suggest this many minutes while the baseline is being set.
BASELINE_SUGGESTION = 10


@dataclass(frozen=True)
class WalkRecord:
    """One walk: when, how long, and how the back felt after it.

    ``timed``: timed by ``stretchcoach walk`` (else logged with ``--minutes``).
    ``pain_change``: one of PAIN_CHANGES, or None when not asked.
    """

    started_at: datetime
    minutes: float
    timed: bool = False
    planned_minutes: float | None = None
    ending: str = "logged"
    pain_change: str | None = None

    @property
    def pain_rose(self) -> bool:
        return self.pain_change in ("worse", "much-worse")


def walk_to_dict(walk: WalkRecord) -> dict[str, Any]:
    """The documented JSON shape of one walk (``history --format json``, ``"kind": "walk"``)."""
    return {
        "kind": "walk",
        "started_at": _aware(walk.started_at).isoformat(timespec="seconds"),
        "minutes": round(walk.minutes, 1),
        "planned_minutes": None if walk.planned_minutes is None else round(walk.planned_minutes, 1),
        "timed": walk.timed,
        "ending": walk.ending,
        "pain_change": walk.pain_change,
    }


def _aware(moment: datetime) -> datetime:
    return moment if moment.tzinfo is not None else moment.astimezone()


def local_day(moment: datetime) -> date:
    """The calendar day of a moment in this computer's time zone (as "today" is)."""
    return _aware(moment).astimezone().date()


def week_start(day: date) -> date:
    """The Monday of the week holding ``day`` (weeks run Monday to Sunday)."""
    return day - timedelta(days=day.weekday())


def day_minutes(walks: Iterable[WalkRecord]) -> dict[date, float]:
    """Minutes walked on each calendar day that had a walk."""
    totals: dict[date, float] = {}
    for walk in walks:
        day = local_day(walk.started_at)
        totals[day] = totals.get(day, 0.0) + max(0.0, walk.minutes)
    return totals


@dataclass(frozen=True)
class Baseline:
    """What the first week of walking showed: a typical walking day and how many a week."""

    start: date
    end: date
    minutes: float  # a typical walking day's minutes (the lower median, bad days included)
    days: int  # walking days a week (scaled to 7 days)

    @property
    def weekly_minutes(self) -> float:
        return self.minutes * self.days


def baseline_period(first: date) -> tuple[date, date]:
    """From the first walk to the Sunday of its week, or of the next week when fewer than
    MIN_BASELINE_DAYS days would be left; the plan proper starts the Monday after."""
    end = week_start(first) + timedelta(days=6)
    if (end - first).days + 1 < MIN_BASELINE_DAYS:
        end += timedelta(days=7)
    return first, end


def baseline(walks: Sequence[WalkRecord]) -> Baseline | None:
    """The baseline from the walks of the baseline period (None before any walk).

    Every walking day counts, bad days included, and the lower median is taken, so the
    baseline is what the person manages consistently rather than on a good day.
    """
    if not walks:
        return None
    first = min(local_day(w.started_at) for w in walks)
    start, end = baseline_period(first)
    totals = sorted(m for day, m in day_minutes(walks).items() if start <= day <= end)
    typical = totals[(len(totals) - 1) // 2]
    period = (end - start).days + 1
    days = min(7, max(1, round(len(totals) * 7 / period)))
    return Baseline(start=start, end=end, minutes=round(typical, 1), days=days)


#: How a week's target came about (``walk --plan``'s ``step``).
STEPS: tuple[str, ...] = ("start", "up", "hold", "back", "goal")


@dataclass(frozen=True)
class WeekTarget:
    """One plan week: walk ``seconds`` a walk on ``days`` days (``weekly_minutes`` in all)."""

    week: date  # its Monday
    days: int
    seconds: int  # per walk
    weekly_minutes: float  # what the week asks: days × seconds (grows 10% a week at most)
    step: str
    reason: str

    @property
    def minutes(self) -> float:
        return round(self.seconds / 60, 1)

    def to_dict(self) -> dict[str, Any]:
        return {
            "week_of": self.week.isoformat(),
            "days": self.days,
            "minutes_per_walk": self.minutes,
            "seconds_per_walk": self.seconds,
            "weekly_minutes": round(self.weekly_minutes, 1),
            "step": self.step,
            "reason": self.reason,
        }


REASONS: dict[str, str] = {
    "start": "Your plan starts a little below your baseline week, then builds up slowly.",
    "start-short": "Your plan starts with one short walk, the shortest it asks for, then "
    "builds up slowly.",
    "start-back": "Your plan starts a step below your baseline week: your back was worse after "
    "walking that week. If walking keeps making it worse, see a doctor or physiotherapist.",
    "start-goal": "You already walk at least the goal of 30 minutes on 5 days a week: keep your "
    "usual walks.",
    "start-spread": "Your walks already add up to 150 minutes a week or more: spread them over "
    "5 days, at least 30 minutes each (the goal), none longer than your usual walk.",
    "start-pain": "Your plan starts a little below your baseline week. Your back was a little "
    "worse after a walk that week, so it builds up only after a week without that.",
    "baseline-worse": "Your back was a little worse after a walk in your baseline week, so the "
    "plan builds up only after a week without that.",
    "up": "Last week went well, so each walk is a little longer this week (at most a tenth "
    "more in all).",
    "up-day": "Last week went well, so this week has one more walking day (at most a tenth "
    "more in all).",
    "hold-short": "Same as last week: last week's walks fell short of the target, and that "
    "is fine.",
    "hold-pain": "Same as last week: your back was a little worse after a walk last week.",
    "back": "A step back this week: your back was worse after walking last week. If walking "
    "keeps making it worse, see a doctor or physiotherapist.",
    "goal": "You are at the goal of at least 30 minutes on 5 days a week: keep it up.",
}


def _usual_seconds(base: Baseline) -> int:
    """The walk an added walking day must allow: the baseline's typical walk (at most 30
    minutes, at least the shortest walk), rounded up to whole 10 seconds."""
    usual = min(base.minutes, GOAL_MINUTES) * 60
    return max(MIN_WALK_SECONDS, math.ceil(usual / 10 - 1e-9) * 10)


def _target(
    week: date, weekly: float, base: Baseline, step: str, why: str, longest: int | None = None
) -> WeekTarget:
    """Spread a weekly total over equal walks (whole 10 seconds, never under MIN_WALK_SECONDS).

    Days: the baseline's walking days (at most 5), plus a day as soon as the total allows one
    more walk of the baseline's typical length (at most 30 minutes); until then the walks get
    longer. Fewer days only when a walk would otherwise be shorter than the shortest walk.
    ``longest`` caps each walk (the first week asks no walk longer than the baseline's).
    ``weekly_minutes`` is what the week asks (days × seconds), so the next week grows from it.
    """
    total = max(MIN_WALK_SECONDS, math.floor(weekly * 60 + 1e-6))
    days = max(min(base.days, GOAL_DAYS), total // _usual_seconds(base))
    days = max(1, min(days, GOAL_DAYS, total // MIN_WALK_SECONDS))  # no walk too short
    seconds = total // days // 10 * 10
    if longest is not None:
        seconds = min(seconds, max(longest, MIN_WALK_SECONDS))
    return WeekTarget(week, days, seconds, days * seconds / 60, step, REASONS[why])


def _pain_step(walks: Iterable[WalkRecord]) -> str | None:
    """The step a week's pain asks for: "back" after a walk that made the back much worse
    (or two that made it worse), "hold" after one that made it a little worse, else None."""
    changes = [w.pain_change for w in walks]
    worse = changes.count("worse")
    if "much-worse" in changes or worse >= 2:
        return "back"
    return "hold" if worse else None


def _done_minutes(walks: Iterable[WalkRecord], per_walk: float) -> float:
    """A week's minutes, each walking day counted up to the per-walk target, so one long
    walk cannot stand for a week of walking."""
    return sum(min(minutes, per_walk) for minutes in day_minutes(walks).values())


def _next(previous: WeekTarget, walks: Sequence[WalkRecord], base: Baseline) -> WeekTarget:
    """Next week's target from last week's target and last week's walks."""
    week = previous.week + timedelta(days=7)
    ceiling = max(GOAL_WEEKLY, previous.weekly_minutes)  # a baseline above the goal is kept
    pain = _pain_step(walks)
    if pain == "back":
        return _target(week, previous.weekly_minutes * STEP_BACK, base, "back", "back")
    if pain == "hold":
        return _target(week, previous.weekly_minutes, base, "hold", "hold-pain")
    if _done_minutes(walks, previous.seconds / 60) < DONE_ENOUGH * previous.weekly_minutes:
        return _target(week, previous.weekly_minutes, base, "hold", "hold-short")
    weekly = min(previous.weekly_minutes * (1 + WEEKLY_STEP), ceiling)
    if weekly >= GOAL_WEEKLY - 1e-9 and weekly <= previous.weekly_minutes + 1e-9:
        return _target(week, weekly, base, "goal", "goal")
    target = _target(week, weekly, base, "up", "up")
    if target.days > previous.days:
        target = _target(week, weekly, base, "up", "up-day")
    return target


def _first_week(base: Baseline, walks: Sequence[WalkRecord]) -> WeekTarget:
    """The first plan week: a little below the baseline (the usual walks when they already
    meet the goal), no walk longer than the baseline's typical one, and the same pain rule
    as later weeks applied to the baseline week."""
    week = base.end + timedelta(days=1)
    at_goal = base.minutes >= GOAL_MINUTES and base.days >= GOAL_DAYS
    weekly = GOAL_DAYS * base.minutes if at_goal else base.weekly_minutes * START_BELOW
    longest = int(base.minutes * 60 + 1e-6) // 10 * 10
    pain = _pain_step(w for w in walks if base.start <= local_day(w.started_at) <= base.end)
    if pain == "back":
        return _target(week, weekly * STEP_BACK, base, "back", "start-back", longest)
    if at_goal:
        first = _target(week, weekly, base, "goal", "start-goal", longest)
    elif weekly * 60 < MIN_WALK_SECONDS:
        first = _target(week, weekly, base, "start", "start-short", longest)
    else:
        first = _target(week, weekly, base, "start", "start", longest)
        if first.weekly_minutes >= GOAL_WEEKLY:
            first = _target(week, weekly, base, "goal", "start-spread", longest)
    if pain == "hold" and first.reason == REASONS["start"]:
        first = replace(first, reason=REASONS["start-pain"])
    elif pain == "hold":
        first = replace(first, reason=f"{first.reason} {REASONS['baseline-worse']}")
    return first


def plan_weeks(walks: Sequence[WalkRecord], today: date) -> list[WeekTarget]:
    """Every plan week from the end of the baseline up to the week holding ``today``
    (oldest first; [] while the baseline week is still under way or before any walk)."""
    base = baseline(walks)
    if base is None or today <= base.end:
        return []
    by_week: dict[date, list[WalkRecord]] = {}
    for walk in walks:
        by_week.setdefault(week_start(local_day(walk.started_at)), []).append(walk)
    targets = [_first_week(base, walks)]
    while targets[-1].week + timedelta(days=7) <= today:
        last = targets[-1]
        targets.append(_next(last, by_week.get(last.week, []), base))
    return targets


@dataclass(frozen=True)
class WalkPlan:
    """``walk --plan``: the baseline, this week's target, and what is done so far."""

    today: date
    baseline: Baseline | None
    this_week: WeekTarget | None
    walks_this_week: int
    days_this_week: int
    minutes_this_week: float

    @property
    def phase(self) -> str:
        """ "no-walks", "baseline" (the first week is under way) or "plan"."""
        if self.baseline is None:
            return "no-walks"
        return "baseline" if self.this_week is None else "plan"

    @property
    def plan_starts(self) -> date | None:
        return None if self.baseline is None else self.baseline.end + timedelta(days=1)

    @property
    def suggested_seconds(self) -> int:
        """How long a timed walk is planned for today, unless the person says otherwise."""
        if self.this_week is None:
            return BASELINE_SUGGESTION * 60
        return self.this_week.seconds

    def to_dict(self) -> dict[str, Any]:
        base = self.baseline
        return {
            "today": self.today.isoformat(),
            "phase": self.phase,
            "goal": {"minutes_per_walk": GOAL_MINUTES, "days": GOAL_DAYS},
            "baseline": None
            if base is None
            else {
                "from": base.start.isoformat(),
                "to": base.end.isoformat(),
                "minutes_per_walk": base.minutes,
                "days_per_week": base.days,
                "weekly_minutes": round(base.weekly_minutes, 1),
            },
            "plan_starts": None if self.plan_starts is None else self.plan_starts.isoformat(),
            "this_week": None if self.this_week is None else self.this_week.to_dict(),
            "done_this_week": {
                "walks": self.walks_this_week,
                "days": self.days_this_week,
                "minutes": round(self.minutes_this_week, 1),
            },
        }


def walk_plan(walks: Sequence[WalkRecord], today: date) -> WalkPlan:
    """The plan as it stands on ``today``."""
    weeks = plan_weeks(walks, today)
    monday = week_start(today)
    current = [w for w in walks if monday <= local_day(w.started_at) <= today]
    return WalkPlan(
        today=today,
        baseline=baseline(walks),
        this_week=weeks[-1] if weeks else None,
        walks_this_week=len(current),
        days_this_week=len({local_day(w.started_at) for w in current}),
        minutes_this_week=sum(w.minutes for w in current),
    )


# --- the timed walk ---------------------------------------------------------------------------

TURN_BACK = "Half way: turn back now, at an easy pace."
WALK_DONE = "That's the time. Well done for getting out."
PAIN_QUESTION = "How is your back now, compared with before the walk?"


class WalkView(Protocol):
    """What the timed walk shows. Implementations must not block or sleep."""

    def started(self, *, seconds: float) -> None: ...

    def tick(self, *, elapsed: float, seconds: float) -> None: ...

    def half_way(self) -> None: ...

    def finished(self, *, elapsed: float, ending: str) -> None: ...


class WalkTimer:
    """Times one walk on an injected clock: a tick each second, the turn-back note at half
    time, and the end. Ctrl-C (KeyboardInterrupt) ends the walk early; any other exception
    (a signal's) passes through with ``elapsed`` still telling how long was walked."""

    def __init__(self, *, seconds: float, clock: Clock, tick_seconds: float = 1.0) -> None:
        self.seconds = float(seconds)
        self.clock = clock
        self.tick_seconds = tick_seconds
        self._start: float | None = None
        self._stopped_at: float | None = None

    @property
    def elapsed(self) -> float:
        """Walk time so far (never more than planned, never negative)."""
        if self._start is None:
            return 0.0
        moment = self._stopped_at if self._stopped_at is not None else self.clock.now()
        return min(self.seconds, max(0.0, moment - self._start))

    def run(self, view: WalkView) -> str:
        """Time the walk; returns its ending ("completed" or "ended-early")."""
        self._start = start = self.clock.now()
        view.started(seconds=self.seconds)
        half = self.seconds / 2
        said_half = False
        ticks = 0
        try:
            while True:
                elapsed = self.clock.now() - start
                if elapsed >= self.seconds:
                    break
                if not said_half and elapsed >= half:
                    said_half = True
                    view.half_way()
                view.tick(elapsed=elapsed, seconds=self.seconds)
                ticks += 1
                deadline = min(ticks * self.tick_seconds, self.seconds)
                if not said_half and half < deadline:
                    deadline = half
                self.clock.sleep_until(start + max(deadline, elapsed))
        except KeyboardInterrupt:
            self._stopped_at = self.clock.now()
            view.finished(elapsed=self.elapsed, ending="ended-early")
            return "ended-early"
        self._stopped_at = start + self.seconds
        view.finished(elapsed=self.seconds, ending="completed")
        return "completed"
