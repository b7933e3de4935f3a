"""Drawing lessons: one lesson to read, and the list with what has been read."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from stretchcoach.lessons import Lesson
from stretchcoach.ui import console
from stretchcoach.ui.tables import say


def lesson(item: Lesson, *, number: int, total: int, next_up: Lesson | None) -> None:
    """One lesson: its title, its paragraphs folded to the width, and what comes next."""
    out = console()
    say(out, item.title, style="bold")
    for paragraph in item.paragraphs:
        out.print("")
        say(out, paragraph)
    out.print("")
    tail = f"Lesson {number} of {total}."
    if next_up is not None:
        tail += f" Next: {next_up.title} — {next_up.command}"
    say(out, tail, style="dim")


def lesson_list(
    lessons: Sequence[Lesson], last_read: dict[str, datetime], *, today: datetime
) -> None:
    """Every lesson with its id and whether (and when) it was read; stacked when narrow."""
    from stretchcoach.ui.tables import Column, print_rows

    columns = [
        Column("lesson"),
        Column("id", no_wrap=True),
        Column("read", no_wrap=True),
    ]
    rows = [[item.title, item.id, read_text(last_read.get(item.id), today)] for item in lessons]
    out = console()
    print_rows(out, columns, rows, heading=0)
    unread = sum(1 for item in lessons if item.id not in last_read)
    out.print("")
    tail = " or the next new one with 'stretchcoach learn'" if unread else ""
    say(
        out,
        f"{len(lessons) - unread} of {len(lessons)} read. Read one with "
        f"'stretchcoach learn ID'{tail}.",
    )


def read_text(when: datetime | None, today: datetime) -> str:
    """'new', 'today', or the day it was last read ('3 Dec')."""
    if when is None:
        return "new"
    day = when.astimezone().date()
    if day == today.date():
        return "today"
    text = f"{day.day} {day:%b}"
    return text if day.year == today.year else f"{text} {day.year}"
