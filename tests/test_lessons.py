"""The lessons as data: enough of them, short, stable ids, and which one is offered next."""

from __future__ import annotations

import re

import pytest

from stretchcoach import lessons
from stretchcoach.errors import UsageError
from stretchcoach.safety.conditions import CONDITIONS

#: The topics the lessons must cover, by id (ids are recorded in histories: never rename).
REQUIRED = {
    "hurt-not-harm",
    "movement-helps",
    "walking",
    "pacing",
    "flare-ups",
    "sleep",
    "stress-and-worry",
    "desk-habits",
    "when-to-see-a-doctor",
    "scans",
    "pregnancy",
    "arthritis-exercise",
}


def test_there_are_at_least_twelve_lessons_covering_every_topic() -> None:
    ids = [lesson.id for lesson in lessons.all_lessons()]
    assert len(ids) >= 12
    assert set(ids) >= REQUIRED
    assert len(ids) == len(set(ids))


@pytest.mark.parametrize("lesson", lessons.all_lessons(), ids=lambda x: x.id)
def test_each_lesson_is_short_plain_and_well_formed(lesson: lessons.Lesson) -> None:
    assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", lesson.id)
    assert lessons.MIN_WORDS <= lesson.words <= lessons.MAX_WORDS, lesson.words
    assert lesson.title
    assert lesson.title[0].isupper()
    assert not lesson.title.endswith(".")
    for paragraph in lesson.paragraphs:
        assert paragraph == " ".join(paragraph.split())  # no stray spaces or newlines
        assert paragraph.endswith((".", "?", ")"))
    assert set(lesson.for_conditions) <= set(CONDITIONS)
    text = " ".join(lesson.paragraphs).lower()
    assert "no pain, no gain" not in text
    assert "cure" not in text.split()  # never promise outcomes


def test_the_doctor_lesson_matches_the_screens_emergency_signs() -> None:
    text = " ".join(lessons.get("when-to-see-a-doctor").paragraphs).lower()
    for words in ("emergency number", "genitals or bottom", "peeing or pooing", "both legs"):
        assert words in text
    for words in ("high temperature", "weight loss", "one leg getting weaker"):
        assert words in text


def test_get_finds_an_id_and_suggests_the_closest_for_a_typo() -> None:
    assert lessons.get("Sleep ").id == "sleep"
    with pytest.raises(UsageError) as caught:
        lessons.get("hurt-no-harm")
    assert caught.value.exit_code == 2
    assert "Did you mean 'hurt-not-harm'?" in caught.value.message
    assert len(caught.value.lines()) == 1
    with pytest.raises(UsageError, match="'scans'"):
        lessons.get("scan")
    with pytest.raises(UsageError) as nothing:
        lessons.get("zzzzzz")
    assert "Did you mean" not in nothing.value.message


def test_the_next_lesson_is_the_first_unread_for_this_person() -> None:
    assert lessons.next_unread([]).id == "hurt-not-harm"  # type: ignore[union-attr]
    assert lessons.next_unread(["hurt-not-harm"]).id == "movement-helps"  # type: ignore[union-attr]
    # Lessons for a condition come first for the people they are written for...
    first = lessons.next_unread([], conditions={"rheumatoid-arthritis"})
    assert first is not None
    assert first.id == "arthritis-exercise"
    # ...and are never offered unasked to anyone else.
    general = [x.id for x in lessons.all_lessons() if not x.for_conditions]
    assert lessons.next_unread(general) is None
    assert lessons.next_unread(general, conditions={"pregnant"}).id == "pregnancy"  # type: ignore[union-attr]
    every = [x.id for x in lessons.all_lessons()]
    assert lessons.next_unread(every, conditions={"pregnant"}) is None


def test_the_offer_is_one_line_with_the_command() -> None:
    line = lessons.offer_line(lessons.get("hurt-not-harm"))
    assert line == "New: Hurt is not harm — stretchcoach learn hurt-not-harm"
