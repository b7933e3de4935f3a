"""Statistics over the session history: streaks, summaries, "is the screen due", the report.

Everything here is a pure function of records (loaded by ``stretchcoach.history``) and a date
or time passed in, so tests need no file and no waiting. Nothing here reads or writes the
history file.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from stretchcoach.goals import Goal, GoalReason
from stretchcoach.history import aware
from stretchcoach.routine import ENDINGS, OUTCOMES, SessionRecord
from stretchcoach.walking import WalkRecord


def _iso(moment: datetime | None) -> str | None:
    return None if moment is None else aware(moment).isoformat(timespec="seconds")


def local_day(moment: datetime) -> date:
    """The calendar day a session belongs to, in this computer's time zone (as "today" is)."""
    return moment.astimezone().date()


def real(sessions: Iterable[SessionRecord]) -> list[SessionRecord]:
    """The sessions that count: practice runs (sped up with --speed) left out."""
    return [s for s in sessions if not s.practice]


def completed_days(sessions: Sequence[SessionRecord]) -> set[date]:
    """Days with at least one completed session (practice runs do not count)."""
    return {local_day(s.started_at) for s in real(sessions) if s.ending == "completed"}


def current_streak(days: set[date] | Sequence[date], today: date) -> int:
    """Consecutive days with a completed session, ending today (or yesterday, if today is
    still to come)."""
    done = set(days)
    day = today if today in done else today - timedelta(days=1)
    streak = 0
    while day in done:
        streak += 1
        day -= timedelta(days=1)
    return streak


def longest_streak(days: set[date] | Sequence[date]) -> int:
    """The longest run of consecutive days with a completed session."""
    done = sorted(set(days))
    best = run = 0
    previous: date | None = None
    for day in done:
        run = run + 1 if previous is not None and day - previous == timedelta(days=1) else 1
        best = max(best, run)
        previous = day
    return best


def ended_on(sessions: Sequence[SessionRecord], day: date, endings: Iterable[str]) -> bool:
    """Whether a session on this day ended in one of these ways (e.g. "safety-stop").

    Practice runs do not count, except a safety stop: that holds whatever the speed.
    """
    wanted = frozenset(endings)
    return any(
        s.ending in wanted
        and local_day(s.started_at) == day
        and (not s.practice or s.ending == "safety-stop")
        for s in sessions
    )


def done_today(sessions: Sequence[SessionRecord], today: date) -> bool:
    """Whether a real (not practice) session was completed on this day (``history --today``)."""
    return today in completed_days(sessions)


def average(values: Sequence[float]) -> float | None:
    return round(sum(values) / len(values), 1) if values else None


@dataclass(frozen=True)
class Summary:
    """What the top of ``stretchcoach history`` says."""

    streak: int
    longest_streak: int
    last_7_days: int
    sessions: int
    avg_before: float | None
    avg_after: float | None  # over sessions where the pain after was asked
    practice: int = 0  # practice runs among the sessions shown (counted in none of the above)

    def to_dict(self) -> dict[str, Any]:
        return {
            "streak": self.streak,
            "longest_streak": self.longest_streak,
            "sessions_last_7_days": self.last_7_days,
            "sessions": self.sessions,
            "average_pain_before": self.avg_before,
            "average_pain_after": self.avg_after,
            "practice_runs": self.practice,
        }


def summarise(
    sessions: Sequence[SessionRecord],
    *,
    today: date,
    all_sessions: Sequence[SessionRecord] | None = None,
) -> Summary:
    """Streak (from every session we know), last-7-days count, and average pain before/after
    over the sessions shown (only those where both were asked, so the two compare fairly).

    Practice runs are listed but counted in none of these.
    """
    every = real(all_sessions if all_sessions is not None else sessions)
    days = completed_days(every)
    week_start = today - timedelta(days=6)
    paired = [s for s in real(sessions) if s.severity_after is not None]
    return Summary(
        streak=current_streak(days, today),
        longest_streak=longest_streak(days),
        last_7_days=sum(  # a safety stop is a record, not an exercise session
            1
            for s in every
            if s.ending != "safety-stop" and week_start <= local_day(s.started_at) <= today
        ),
        sessions=len(sessions),
        avg_before=average([s.severity_before for s in paired]),
        avg_after=average([s.severity_after for s in paired if s.severity_after is not None]),
        practice=sum(1 for s in sessions if s.practice),
    )


@dataclass(frozen=True)
class ExerciseCounts:
    """What became of a session's planned exercises, counted once for every place that
    says it (the live "Exercise 3 of 8", the summary, the history).

    ``total`` is the routine as it went on: the planned exercises less those the coach left
    out after a pain report (the live routine numbers its exercises out of it too).
    """

    planned: int
    left_out: int
    done: int
    skipped: int
    ended: int
    stopped_for_pain: int
    not_reached: int

    @property
    def total(self) -> int:
        return self.planned - self.left_out


def exercise_counts(record: SessionRecord) -> ExerciseCounts:
    """Count a session's outcomes, whether it was just run (left-out exercises are
    "not-reached" and named in ``left_out``) or loaded from the history ("left-out")."""
    from stretchcoach.history import LEFT_OUT, saved_outcome

    saved = [saved_outcome(o, record.left_out) for o in record.exercises]
    return ExerciseCounts(
        planned=len(saved),
        left_out=saved.count(LEFT_OUT),
        done=saved.count("done"),
        skipped=saved.count("skipped"),
        ended=saved.count("ended"),
        stopped_for_pain=saved.count("stopped-for-pain"),
        not_reached=saved.count("not-reached"),
    )


def session_to_dict(record: SessionRecord) -> dict[str, Any]:
    """The documented JSON shape of one session in ``history --format json``."""
    from stretchcoach.history import saved_outcome

    return {
        "kind": "routine",
        "started_at": _iso(record.started_at),
        "ended_at": _iso(record.ended_at),
        "cause": record.cause,
        "severity_before": record.severity_before,
        "severity_after": record.severity_after,
        "minutes_planned": record.minutes_planned,
        "minutes_done": record.minutes_done,
        "ending": record.ending,
        "checkins_asked": record.checkins_asked,
        "practice": record.practice,
        "worse_after_last": record.worse_after_last,
        "exercises": [
            {"id": o.id, "outcome": saved_outcome(o, record.left_out)} for o in record.exercises
        ],
    }


# --- safety over time ---------------------------------------------------------------------------


def last_screen(sessions: Sequence[SessionRecord]) -> datetime | None:
    """When the most recent all-clear safety screen happened, if any."""
    # Practice runs count here: a screen answered is a screen answered, whatever the speed
    # of the routine that followed it.
    times = [aware(s.screened_at) for s in sessions if s.screened_at is not None]
    return max(times) if times else None


def screen_due(sessions: Sequence[SessionRecord], now: datetime, every_days: int) -> bool:
    """Whether to ask the safety questions again: always when ``every_days`` is 0, when no
    all-clear screen is on record, or when the last one is ``every_days`` days old or more."""
    if every_days <= 0:
        return True
    last = last_screen(sessions)
    if last is None:
        return True
    return aware(now) - last >= timedelta(days=every_days)


#: How many sessions running with pain worse after than before trigger a suggestion.
WORSE_RUN = 3
#: How many points higher than last time count as a meaningful rise.
RISE_POINTS = 2


def needs_rescreen(sessions: Sequence[SessionRecord], severity_now: int) -> str | None:
    """A calm suggestion to repeat the screen and see a professional, or None.

    ``sessions`` newest first. Triggers when pain now is 2+ points above the last session's
    starting pain, or when pain was worse after than before in each of the last 3 sessions
    where it was asked.
    """
    from stretchcoach import safety

    sessions = real(sessions)  # a practice run's pain numbers are not a trend
    if sessions and severity_now - sessions[0].severity_before >= RISE_POINTS:
        return safety.RESCREEN_RISE
    asked = [s for s in sessions if s.severity_after is not None][:WORSE_RUN]
    if len(asked) == WORSE_RUN and all(
        s.severity_after is not None and s.severity_after > s.severity_before for s in asked
    ):
        return safety.RESCREEN_WORSE
    return None


# --- the physiotherapist's report -------------------------------------------------------------


def weeks_first_day(today: date, days: int) -> date:
    """The Monday of the first week the report's weekly table shows: the report needs the
    sessions and walks from then on, so that week is counted whole."""
    from stretchcoach.walking import week_start

    return week_start(today - timedelta(days=max(days, 1) - 1))


def build_report(
    sessions: Sequence[SessionRecord],
    *,
    today: date,
    days: int,
    generated_at: datetime,
    names: Mapping[str, str] | None = None,
    walks: Sequence[WalkRecord] = (),
    goals: Sequence[Goal] = (),
    goal_reasons: Sequence[GoalReason] = (),
) -> dict[str, Any]:
    """Everything the report shows, as plain data (JSON as is; Markdown and HTML draw it).

    ``sessions`` and ``walks`` (any order) are those since ``weeks_first_day(today, days)``:
    each week of the weekly table is counted whole (Monday to Sunday), even the part before
    the period; everything else keeps to the period. Adherence counts days with at least one
    completed session out of the days in the period. ``names`` maps exercise ids to names.
    Practice runs are left out of everything; only how many there were is said. ``goals``
    (every goal ever set) and ``goal_reasons`` give each calendar week touching the period
    against the goal that held then.
    """
    names = names or {}
    first = today - timedelta(days=days - 1)
    period = [s for s in sessions if first <= local_day(s.started_at) <= today]
    ordered = sorted(real(period), key=lambda s: aware(s.started_at))
    completed = [s for s in ordered if s.ending == "completed"]
    endings = {e: sum(1 for s in ordered if s.ending == e) for e in ENDINGS}
    exercises: dict[str, dict[str, int]] = {}
    for s in ordered:
        for o in s.exercises:
            counts = exercises.setdefault(o.id, dict.fromkeys(OUTCOMES, 0))
            counts[o.outcome if o.outcome in counts else "not-reached"] += 1
    paired = [s for s in ordered if s.severity_after is not None]
    return {
        "from": first.isoformat(),
        "to": today.isoformat(),
        "days": days,
        "generated_at": _iso(generated_at),
        "practice_runs_left_out": len(period) - len(ordered),
        "adherence": {
            "days_with_completed_session": len(completed_days(ordered)),
            "days": days,
            "sessions": len(ordered),
            "completed_sessions": len(completed),
            "endings": endings,
        },
        "minutes": {
            "planned": round(sum(s.minutes_planned for s in ordered), 1),
            "done": round(sum(s.seconds_done for s in ordered) / 60, 1),
        },
        "causes": sorted({s.cause for s in ordered}),
        "average_pain_before": average([s.severity_before for s in paired]),
        "average_pain_after": average([s.severity_after or 0 for s in paired]),
        "exercises": [
            {
                "id": ex_id,
                "name": names.get(ex_id, ex_id),
                "done": c["done"],
                "skipped": c["skipped"],
                "ended": c["ended"],
                "stopped_for_pain": c["stopped-for-pain"],
                "not_reached": c["not-reached"],
            }
            for ex_id, c in sorted(exercises.items())
        ],
        "pain": [
            {
                "started_at": _iso(s.started_at),
                "cause": s.cause,
                "before": s.severity_before,
                "after": s.severity_after,
                "minutes_done": s.minutes_done,
                "ending": s.ending,
            }
            for s in ordered
        ],
        "pain_reports": [
            {"started_at": _iso(s.started_at), "exercise": ex_id, "name": names.get(ex_id, ex_id)}
            for s in ordered
            for ex_id in s.pain_reports
        ],
        "walking": _walking_report(walks, first, today),
        "weeks": _weeks_report(real(sessions), walks, goals, goal_reasons, first, today),
    }


def _walking_report(walks: Sequence[WalkRecord], first: date, today: date) -> dict[str, Any]:
    """The walks of the period: counts, minutes, how the back felt after, and each walk."""
    from stretchcoach.walking import local_day, walk_to_dict

    period = sorted(
        (w for w in walks if first <= local_day(w.started_at) <= today),
        key=lambda w: aware(w.started_at),
    )
    return {
        "walks": len(period),
        "days_walked": len({local_day(w.started_at) for w in period}),
        "minutes": round(float(sum(w.minutes for w in period)), 1),
        "timed": sum(1 for w in period if w.timed),
        "back_worse_after": sum(1 for w in period if w.pain_rose),
        "list": [walk_to_dict(w) for w in period],
    }


def _weeks_report(
    sessions: Sequence[SessionRecord],
    walks: Sequence[WalkRecord],
    goals: Sequence[Goal],
    reasons: Sequence[GoalReason],
    first: date,
    today: date,
) -> list[dict[str, Any]]:
    """Each calendar week (Monday to Sunday) touching the period, against its goal; every
    day of the week counts, so a week begun before the period is judged whole (not on the
    few days inside it). [] when no goal was ever set."""
    from stretchcoach.goals import summarise_week
    from stretchcoach.walking import week_start

    if not goals:
        return []
    weeks = []
    monday = week_start(first)
    while monday <= today:
        summary = summarise_week(monday, today=today, sessions=sessions, walks=walks, goals=goals)
        goal = summary.goal
        weeks.append(
            {
                "week_of": monday.isoformat(),
                "goal": None if goal is None else {"sessions": goal.sessions, "walks": goal.walks},
                "sessions": summary.sessions,
                "walks": summary.walks,
                "walk_minutes": round(float(summary.walk_minutes), 1),
                "goal_met": summary.met if goal is not None else None,
                "reason": next((r.reason for r in reversed(reasons) if r.week == monday), None),
            }
        )
        monday += timedelta(days=7)
    return weeks
