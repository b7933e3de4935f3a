"""Short lessons about living with back pain: the table, lookup, and which one to offer next.

Pure: no terminal and no files. The texts are in ``stretchcoach.lesson_texts``; which lessons
a person has read is kept in the history (``history.record_lesson_read``).
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass

from stretchcoach.errors import UsageError

#: Each lesson is short enough to read in a minute or two.
MIN_WORDS = 40
MAX_WORDS = 250


@dataclass(frozen=True)
class Lesson:
    """One lesson: a stable id, a title, its paragraphs, and who it is offered to."""

    id: str
    title: str
    paragraphs: tuple[str, ...]
    #: Offered after a routine only with one of these conditions; empty: to everyone.
    for_conditions: tuple[str, ...] = ()

    @property
    def words(self) -> int:
        return sum(len(p.split()) for p in self.paragraphs)

    @property
    def command(self) -> str:
        return f"stretchcoach learn {self.id}"

    def suits(self, conditions: Iterable[str]) -> bool:
        """Whether to offer it unasked to someone with these conditions."""
        return not self.for_conditions or bool(set(self.for_conditions) & set(conditions))


def all_lessons() -> tuple[Lesson, ...]:
    """Every lesson, in the order they are offered."""
    from stretchcoach.lesson_texts import LESSONS

    return tuple(
        Lesson(lid, title, paragraphs, for_conditions)
        for lid, title, for_conditions, paragraphs in LESSONS
    )


def get(lesson_id: str) -> Lesson:
    """The lesson with this id; UsageError (exit 2) naming the closest ids otherwise."""
    lessons = {lesson.id: lesson for lesson in all_lessons()}
    wanted = lesson_id.strip().lower()
    if wanted in lessons:
        return lessons[wanted]
    close = difflib.get_close_matches(wanted, list(lessons), n=2, cutoff=0.6)
    if not close:  # a word of the title or the id ("sleep", "scan") is a good enough hint
        close = [lid for lid in lessons if wanted and (wanted in lid or lid in wanted)][:2]
    hint = f" Did you mean {' or '.join(repr(c) for c in close)}?" if close else ""
    raise UsageError(
        f"No lesson with id '{lesson_id}'.{hint} 'stretchcoach learn --list' lists them all."
    )


def next_unread(
    read: Iterable[str], *, conditions: Iterable[str] = (), lessons: Iterable[Lesson] | None = None
) -> Lesson | None:
    """The lesson to offer next: the first unread one for this person, those written for
    their conditions (pregnancy, rheumatoid arthritis) first. None when all are read."""
    done = set(read)
    have = set(conditions)
    pool = [
        lesson
        for lesson in (all_lessons() if lessons is None else lessons)
        if lesson.id not in done and lesson.suits(have)
    ]
    specific = [lesson for lesson in pool if lesson.for_conditions]
    chosen = specific or pool
    return chosen[0] if chosen else None


def offer_line(lesson: Lesson) -> str:
    """The one line offered after a routine."""
    return f"New: {lesson.title} — {lesson.command}"
