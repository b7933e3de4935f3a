"""Weekly goals and the week in numbers (pure): what was set, what was done, what to say.

Weeks run Monday to Sunday. A week is judged against the goal in force at its end (goals
are kept with the moment they were set); a goal set partway through a week is praised when
met but not questioned when missed, since it did not hold for the whole week.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from stretchcoach.routine import SessionRecord
from stretchcoach.walking import WalkRecord, local_day, week_start

#: Bounds of each weekly goal count (``goal --sessions N --walks N``).
MIN_GOAL = 0
MAX_GOAL = 14


@dataclass(frozen=True)
class Goal:
    """Weekly goals as set at ``set_at``: routine sessions and walks (0 means no goal)."""

    set_at: datetime
    sessions: int
    walks: int


@dataclass(frozen=True)
class GoalReason:
    """What got in the way of the goals of the week starting ``week`` (a Monday)."""

    week: date
    reason: str
    at: datetime


def describe(sessions: int, walks: int) -> str:
    """ "3 sessions and 2 walks" (a zero part left out; "no goal" when both are 0)."""
    parts = []
    if sessions:
        parts.append(f"{sessions} {'session' if sessions == 1 else 'sessions'}")
    if walks:
        parts.append(f"{walks} {'walk' if walks == 1 else 'walks'}")
    return " and ".join(parts) or "no goal"


def goal_for_week(goals: Iterable[Goal], monday: date) -> Goal | None:
    """The goal in force at the end of the week starting ``monday`` (None when none was set,
    or the last one set was 0 and 0)."""
    sunday = monday + timedelta(days=6)
    held = [g for g in goals if local_day(g.set_at) <= sunday]
    if not held:
        return None
    last = held[0]
    for goal in held:  # the latest; of two set at the same moment, the one given later
        if _stamp(goal.set_at) >= _stamp(last.set_at):
            last = goal
    return last if (last.sessions or last.walks) else None


def _stamp(moment: datetime) -> float:
    return (moment if moment.tzinfo is not None else moment.astimezone()).timestamp()


def held_all_week(goal: Goal, monday: date) -> bool:
    """Whether this goal was set before the week began (so it held for all of it)."""
    return local_day(goal.set_at) < monday


def counted_sessions(sessions: Iterable[SessionRecord], monday: date, last: date) -> int:
    """Routine sessions that count towards a goal in these days: completed, not practice."""
    return sum(
        1
        for s in sessions
        if not s.practice and s.ending == "completed" and monday <= local_day(s.started_at) <= last
    )


#: How the pain before routines this week compares with last week (a point or more).
TRENDS = ("lower", "higher", "about the same")


def _average(values: Sequence[float]) -> float | None:
    return round(sum(values) / len(values), 1) if values else None


@dataclass(frozen=True)
class WeekSummary:
    """One week (Monday to Sunday, or to ``today`` for the week under way) against its goal."""

    monday: date
    last_day: date
    goal: Goal | None
    sessions: int
    walks: int
    walk_minutes: float
    routine_minutes: float
    pain_average: float | None  # pain before routines, this week
    pain_average_before: float | None  # the same, the week before
    walks_worse: int  # walks after which the back was worse
    lessons: tuple[str, ...] = field(default_factory=tuple)
    #: Whether the week has ended (today is after its Sunday); a week under way is not
    #: judged yet.
    over: bool = True

    @property
    def sunday(self) -> date:
        """The week's last day (``last_day`` stops at today while the week is under way)."""
        return self.monday + timedelta(days=6)

    @property
    def sessions_met(self) -> bool:
        return self.goal is None or self.sessions >= self.goal.sessions

    @property
    def walks_met(self) -> bool:
        return self.goal is None or self.walks >= self.goal.walks

    @property
    def met(self) -> bool | None:
        """True when a goal was set and every part of it was reached; None while the week
        is under way and it is not reached yet (it still can be); False otherwise."""
        if self.goal is None:
            return False
        if self.sessions_met and self.walks_met:
            return True
        return False if self.over else None

    @property
    def pain_trend(self) -> str | None:
        """ "lower", "higher" or "about the same" than the week before (None: not enough)."""
        if self.pain_average is None or self.pain_average_before is None:
            return None
        change = self.pain_average - self.pain_average_before
        if change <= -1:
            return "lower"
        if change >= 1:
            return "higher"
        return "about the same"

    def to_dict(self) -> dict[str, Any]:
        """The week as ``week --format json`` gives it; ``goal_met`` is null without a goal,
        and while the week is under way and the goal not reached yet."""
        goal = self.goal
        return {
            "week_of": self.monday.isoformat(),
            "to": self.last_day.isoformat(),
            "goal": None
            if goal is None
            else {
                "sessions": goal.sessions,
                "walks": goal.walks,
                "set_at": _iso(goal.set_at),
            },
            "sessions": self.sessions,
            "walks": self.walks,
            "walk_minutes": round(self.walk_minutes, 1),
            "routine_minutes": round(self.routine_minutes, 1),
            "goal_met": self.met if goal is not None else None,
            "pain": {
                "average_before_routines": self.pain_average,
                "previous_week": self.pain_average_before,
                "trend": self.pain_trend,
                "walks_worse_after": self.walks_worse,
            },
            "lessons_read": list(self.lessons),
        }


def _iso(moment: datetime) -> str:
    aware = moment if moment.tzinfo is not None else moment.astimezone()
    return aware.isoformat(timespec="seconds")


def summarise_week(
    monday: date,
    *,
    today: date,
    sessions: Sequence[SessionRecord],
    walks: Sequence[WalkRecord],
    goals: Sequence[Goal],
    lessons_read: Sequence[tuple[str, datetime]] = (),
) -> WeekSummary:
    """The week starting ``monday``, up to ``today`` when it is still under way."""
    last = min(monday + timedelta(days=6), today)

    def within(moment: datetime, first: date = monday, end: date = last) -> bool:
        return first <= local_day(moment) <= end

    real = [s for s in sessions if not s.practice and s.ending != "safety-stop"]
    previous = monday - timedelta(days=7)
    week_walks = [w for w in walks if within(w.started_at)]
    lessons: list[str] = []
    for lesson_id, at in sorted(lessons_read, key=lambda r: _stamp(r[1])):
        if within(at) and lesson_id not in lessons:
            lessons.append(lesson_id)
    return WeekSummary(
        monday=monday,
        last_day=last,
        goal=goal_for_week(goals, monday),
        sessions=counted_sessions(sessions, monday, last),
        walks=len(week_walks),
        walk_minutes=float(sum(w.minutes for w in week_walks)),
        routine_minutes=sum(s.seconds_done for s in real if within(s.started_at)) / 60,
        pain_average=_average([s.severity_before for s in real if within(s.started_at)]),
        pain_average_before=_average(
            [
                s.severity_before
                for s in real
                if within(s.started_at, previous, previous + timedelta(days=6))
            ]
        ),
        walks_worse=sum(1 for w in week_walks if w.pain_rose),
        lessons=tuple(lessons),
        over=today > monday + timedelta(days=6),
    )


# --- the first session of a new week ------------------------------------------------------------

#: What got in the way of last week's goal: key, value recorded, label.
REASONS: tuple[tuple[str, str, str], ...] = (
    ("p", "pain", "pain"),
    ("t", "no-time", "no time"),
    ("f", "forgot", "forgot"),
    ("n", "not-needed", "felt fine, didn't need it"),
    ("o", "other", "other"),
)
#: Recorded when the person skips the question, so it is asked once a week only.
SKIPPED = "skipped"
#: A calm word on each answer, shown once it is recorded.
REPLIES: dict[str, str] = {
    "pain": "Thanks. On painful days a shorter, gentler routine or a short walk still "
    "counts; if the pain keeps getting in the way, see a doctor or physiotherapist.",
    "no-time": "Thanks. A 5-minute routine or a 10-minute walk still counts; "
    "'stretchcoach goal' can set a smaller goal.",
    "forgot": "Thanks. 'stretchcoach schedule' can set up a daily reminder.",
    "not-needed": "Good to hear. Keeping a little movement on good days helps keep the "
    "back that way.",
    "other": "Thanks for saying. This week is a fresh start.",
    SKIPPED: "",
}


@dataclass(frozen=True)
class WeekReview:
    """What the first session of a new week says about last week.

    ``kind`` "question": ask ``question`` with ``choices`` (key, value, label) and record
    the chosen value with ``history.record_goal_reason(review.week, value, now)`` (record
    SKIPPED when the person skips it). ``kind`` "praise": show ``text``, one line.
    """

    kind: str
    week: date  # the Monday of the week reviewed
    text: str
    question: str = ""
    choices: tuple[tuple[str, str, str], ...] = ()
    summary: WeekSummary | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "week_of": self.week.isoformat(),
            "text": self.text,
            "question": self.question or None,
            "choices": [{"key": k, "value": v, "label": label} for k, v, label in self.choices],
        }


def week_review(
    *,
    today: date,
    sessions: Sequence[SessionRecord],
    walks: Sequence[WalkRecord],
    goals: Sequence[Goal],
    reasons: Sequence[GoalReason],
) -> WeekReview | None:
    """What to say about last week as this week's first routine begins (None: nothing).

    A missed goal that held for all of last week is asked about once (until an answer,
    skipped or not, is recorded for that week). A met goal earns one line of praise, given
    at the first routine of the week only (no completed routine yet this week).
    """
    monday = week_start(today)
    last_monday = monday - timedelta(days=7)
    summary = summarise_week(last_monday, today=today, sessions=sessions, walks=walks, goals=goals)
    goal = summary.goal
    if goal is None:
        return None
    if summary.met:
        if any(
            s.ending != "safety-stop" and not s.practice and local_day(s.started_at) >= monday
            for s in sessions
        ):
            return None  # praised at the week's first routine only
        return WeekReview(
            kind="praise",
            week=last_monday,
            text=f"Last week you reached your goal of {describe(goal.sessions, goal.walks)}. "
            "Well done.",
            summary=summary,
        )
    if not held_all_week(goal, last_monday) or any(r.week == last_monday for r in reasons):
        return None
    did = describe(summary.sessions, summary.walks) if summary.sessions or summary.walks else ""
    done = f"you did {did}" if did else "none got done"
    return WeekReview(
        kind="question",
        week=last_monday,
        text=f"Last week's goal was {describe(goal.sessions, goal.walks)}; {done}. That happens.",
        question="What got in the way most?",
        choices=REASONS,
        summary=summary,
    )


def reason_label(value: str) -> str:
    """The plain label of a recorded reason ("no-time" → "no time")."""
    for _, known, label in REASONS:
        if known == value:
            return label
    return "skipped" if value == SKIPPED else value
