"""A small iCalendar (RFC 5545) writer: one repeating event with a display alarm.

Enough for a calendar reminder, so a phone or desktop calendar can nudge without a scheduler.
Pure: the caller passes "now" (for DTSTAMP and the first date), nothing reads the clock.
Lines end in CRLF and are folded at 75 octets without splitting a UTF-8 character.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import datetime, time, timedelta, timezone

#: The longest a content line may be, in octets, not counting its CRLF (RFC 5545 3.1).
LINE_OCTETS = 75
#: iCalendar's two-letter weekday names, Monday first (as our day numbers are).
BYDAY: tuple[str, ...] = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
PRODID = "-//stretchcoach//stretchcoach reminder//EN"

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


def escape_text(text: str) -> str:
    """A TEXT value escaped as RFC 5545 3.3.11 asks: backslash, semicolon, comma, newline.

    Other control characters are not allowed in TEXT, so they become spaces.
    """
    text = text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\n", "\\n")
    return _CONTROL.sub(" ", text.replace("\t", " "))


def fold(line: str, limit: int = LINE_OCTETS) -> list[str]:
    """One content line as physical lines of at most ``limit`` octets each.

    A continuation starts with a space (which counts); a character is never split.
    """
    parts: list[str] = []
    current: list[str] = []
    size = 0
    for char in line:
        octets = len(char.encode("utf-8"))
        if size + octets > limit:
            parts.append("".join(current))
            current, size = [" "], 1
        current.append(char)
        size += octets
    parts.append("".join(current))
    return parts


def first_start(hour: int, minute: int, days: Sequence[int], now: datetime) -> datetime:
    """The first reminder at or after ``now`` (wall-clock time, no zone), on one of ``days``.

    RFC 5545 wants DTSTART to be the first instance of the rule, so it must fall on a chosen
    day; when today's time has passed, the series starts with the next chosen day.
    """
    wall = now.replace(tzinfo=None)
    for ahead in range(8):
        day = wall.date() + timedelta(days=ahead)
        moment = datetime.combine(day, time(hour, minute))
        if day.weekday() in days and moment >= wall.replace(second=0, microsecond=0):
            return moment
    raise ValueError("no days chosen")


def calendar(
    *,
    hour: int,
    minute: int,
    days: Sequence[int],
    summary: str,
    description: str,
    uid: str,
    now: datetime,
    minutes: int = 10,
) -> str:
    """A VCALENDAR with one weekly event at ``hour:minute`` on ``days`` (0 = Monday).

    The time is floating (no time zone), so the reminder stays at the same wall-clock time
    wherever the calendar is. The alarm goes off at the event's start. ``now`` (aware or
    local) gives DTSTAMP in UTC and the first date.
    """
    if not days:
        raise ValueError("no days chosen")
    start = first_start(hour, minute, days, now)
    stamp = now.astimezone(timezone.utc)
    byday = ",".join(BYDAY[d] for d in sorted(set(days)))
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{PRODID}",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        "BEGIN:VEVENT",
        f"UID:{escape_text(uid)}",
        f"DTSTAMP:{stamp:%Y%m%dT%H%M%SZ}",
        f"DTSTART:{start:%Y%m%dT%H%M%S}",
        f"DURATION:PT{minutes}M",
        f"RRULE:FREQ=WEEKLY;BYDAY={byday}",
        f"SUMMARY:{escape_text(summary)}",
        f"DESCRIPTION:{escape_text(description)}",
        "TRANSP:TRANSPARENT",
        "BEGIN:VALARM",
        "ACTION:DISPLAY",
        f"DESCRIPTION:{escape_text(summary)}",
        "TRIGGER:PT0S",
        "END:VALARM",
        "END:VEVENT",
        "END:VCALENDAR",
    ]
    return "".join(part + "\r\n" for line in lines for part in fold(line))
