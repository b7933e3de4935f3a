"""When to ask what, and what stops a session: the screening policy as plain functions.

``start``, ``plan`` and ``screen`` all call these, so each rule lives in one place:

* the pain band: no routine at all at 9-10 (``band_stop``);
* the health notes: no routine after recent back surgery or when exercise must be
  supervised (``conditions_stop``);
* the same-day hold: after a safety stop today (a warning sign in the screen, or pain of
  9-10), no routine starts again today, even when a script says the screen was passed or
  the pain has eased; the hold says which of the two it was (``stopped_today``);
* when the full screen is due (``screen_due_now``): every session until an all-clear, then
  every few days, and always when pain is high, has risen, or has been worse after several
  sessions. The every-session questions (pregnancy, rheumatoid arthritis) are asked anyway.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING

from stretchcoach.safety import band_for, band_message
from stretchcoach.safety.conditions import no_routine

if TYPE_CHECKING:
    from stretchcoach.routine import SessionRecord

#: From this pain level the safety questions are asked every time, however recent the last.
SCREEN_ALWAYS_FROM = 7
#: How often the full screen comes back after an all-clear, unless config says otherwise.
SCREEN_EVERY_DAYS = 7


def band_stop(severity: int) -> str | None:
    """The advice when pain is too high for any routine today (9-10), else None."""
    if band_for(severity) == "too-severe":
        return band_message(severity)
    return None


def conditions_stop(conditions: Iterable[str]) -> str | None:
    """The advice when a health condition rules out any routine from this tool, else None.

    The emergency line goes with it, as with every other stop: the person gets no routine,
    so this is the advice they leave with.
    """
    from stretchcoach.safety import EMERGENCY_LINE

    advice = no_routine(conditions)
    return "\n".join([*advice, EMERGENCY_LINE]) if advice else None


#: A recorded screen result: (when, decision), as ``history.load_screens`` gives them.
ScreenEntry = tuple[datetime, str]
_STOPS = frozenset({"urgent", "emergency"})


def held_today(
    sessions: Sequence[SessionRecord], today: date, screens: Sequence[ScreenEntry] = ()
) -> bool:
    """Whether a safety stop earlier today holds: no routine starts again today."""
    return stopped_today(sessions, today, screens) is not None


def stopped_today(
    sessions: Sequence[SessionRecord], today: date, screens: Sequence[ScreenEntry] = ()
) -> str | None:
    """Why no routine may start again today, in the words to say it, or None.

    A warning sign in the screen (the stopping answer is recorded with the screens) comes
    first. Otherwise pain of 9-10 today, before a routine (a safety stop) or after one,
    holds the day too (clinical facts 2.2: no exercise at all at 9-10, and medical help the
    same day), and is said as such, with the pain advice. A stop saved before screens were
    recorded with it, below pain 9, was the screen's.
    """
    from stretchcoach import safety, stats

    if any(decision in _STOPS and stats.local_day(at) == today for at, decision in screens):
        return safety.STOPPED_EARLIER_TODAY
    todays = [s for s in sessions if stats.local_day(s.started_at) == today]
    # Pain of 9-10 given after a routine today holds the day just as at its start: the
    # coach said then to do no more exercise today.
    after = [int(s.severity_after) for s in todays if s.severity_after is not None]
    stops = [s for s in todays if s.ending == "safety-stop"]
    highest = max([int(s.severity_before) for s in stops] + after, default=None)
    if highest is not None and band_stop(highest):
        return pain_held_message(highest)
    if stops:
        return safety.STOPPED_EARLIER_TODAY
    return None


def pain_held_message(severity: int) -> str:
    """Said when pain of 9-10 stopped a session earlier today: no routine today, even if the
    pain has eased, with the pain advice given then (its first sentence is about "now")."""
    advice = band_message(severity) or ""
    _, _, rest = advice.partition(". ")
    return (
        f"Earlier today your pain was {severity}/10, which is too high to exercise, so no "
        f"routine will start again today, even if it has eased. {rest}"
    ).strip()


def last_clear(
    sessions: Sequence[SessionRecord], screens: Sequence[ScreenEntry] = ()
) -> datetime | None:
    """When the person last passed the full screen, in a session or on its own."""
    from stretchcoach import history, stats

    times = [t for t in [stats.last_screen(sessions)] if t is not None]
    times += [history.aware(at) for at, decision in screens if decision == "clear"]
    return max(times) if times else None


@dataclass(frozen=True)
class ScreenDue:
    """Whether the full screen is asked today, and any concern to say before it."""

    full: bool
    concern: str | None = None


def screen_due_now(
    sessions: Sequence[SessionRecord],
    *,
    now: datetime,
    severity: int,
    every_days: int = SCREEN_EVERY_DAYS,
    screens: Sequence[ScreenEntry] = (),
) -> ScreenDue:
    """Whether to ask the whole screen now (``sessions`` newest first).

    Due when pain is 7 or more, when pain has risen by 2 or has been worse after the last
    three sessions, after a safety stop or a screen that allowed only the gentle routine
    since the last all-clear (so a sign that needs a check-up is asked about again rather
    than forgotten after one gentle session), and when the last all-clear is ``every_days``
    old (or there is none).
    """
    from stretchcoach import history, stats

    concern = stats.needs_rescreen(sessions, severity)
    cleared = last_clear(sessions, screens)
    stops = [s.started_at for s in sessions if s.ending == "safety-stop"]
    stops += [at for at, decision in screens if decision != "clear"]  # stops and gentle
    stopped_since = any(cleared is None or history.aware(at) > cleared for at in stops)
    stale = (
        every_days <= 0
        or cleared is None
        or history.aware(now) - cleared >= timedelta(days=every_days)
    )
    full = concern is not None or stopped_since or severity >= SCREEN_ALWAYS_FROM or stale
    return ScreenDue(full, concern)
