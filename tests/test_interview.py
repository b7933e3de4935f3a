"""Asking the screen and the health questions one at a time, with b to go back."""

from __future__ import annotations

from collections.abc import Iterable

import pytest

from stretchcoach.interview import CONFIRM_STOP, ask_health, ask_screen
from stretchcoach.safety import conditions as health
from stretchcoach.safety import screen
from stretchcoach.safety.screen import BY_ID, EVERY_SESSION, Context

TEXT_TO_SCREEN_ID = {q.text: q.id for q in screen.QUESTIONS if q.id != "fracture"}
TEXT_TO_HEALTH_ID = {q.text: q.id for q in health.HEALTH_QUESTIONS}


class FakeAsker:
    """Scripted replies by question id; None stands for "b". Unscripted questions get "n".

    ``replies[id]`` is a list used up one reply per time the question is asked, so going back
    and answering again can give a different answer.
    """

    def __init__(
        self,
        replies: dict[str, list[bool | None]] | None = None,
        *,
        confirms: Iterable[bool] = (),
        numbers: Iterable[int] = (),
        ids: dict[str, str] | None = None,
    ) -> None:
        self.replies = {k: list(v) for k, v in (replies or {}).items()}
        self.confirms = list(confirms)
        self.numbers = list(numbers)
        self.ids = ids or TEXT_TO_SCREEN_ID
        self.asked: list[str] = []
        self.backs: list[bool] = []
        self.prompts: list[str] = []

    def yes_no_back(self, question: str, *, back: bool) -> bool | None:
        qid = self.ids[question]
        self.asked.append(qid)
        self.backs.append(back)
        queue = self.replies.get(qid)
        reply = queue.pop(0) if queue else False
        if reply is None:
            assert back, f"b offered on the first question ({qid})"
        return reply

    def enter_or(self, text: str, key: str) -> bool:
        self.prompts.append(text)
        assert key == "b"
        assert self.confirms, f"unexpected confirmation: {text}"
        return self.confirms.pop(0)

    def number(self, question: str, *, low: int, high: int) -> int:
        self.prompts.append(question)
        assert low == 0
        assert high >= 42
        assert self.numbers, f"unexpected number question: {question}"
        return self.numbers.pop(0)


def health_asker(replies: dict[str, list[bool | None]], numbers: Iterable[int] = ()) -> FakeAsker:
    return FakeAsker(replies, numbers=numbers, ids=TEXT_TO_HEALTH_ID)


# --------------------------------------------------------------------------- the screen


def test_all_no_asks_every_question_once_and_is_clear() -> None:
    asker = FakeAsker()
    outcome, answers = ask_screen(asker, Context(), severity=3)
    assert outcome.decision == "clear"
    assert asker.asked == list(outcome.asked)
    assert len(asker.asked) == len(set(asker.asked))
    assert set(answers) == set(asker.asked)
    assert not any(answers.values())
    assert asker.backs[0] is False  # nothing to go back to
    assert all(asker.backs[1:])
    assert asker.prompts == []  # nothing to confirm


def test_b_goes_back_and_changes_the_previous_answer() -> None:
    # A slip: yes to the see-soon question, then b at the next one, then no.
    asker = FakeAsker({"soon-weeks": [True, False], "soon-daily-life": [None, False]})
    outcome, answers = ask_screen(asker, Context(), severity=2)
    assert asker.asked.count("soon-weeks") == 2
    i = asker.asked.index("soon-daily-life")
    assert asker.asked[i + 1] == "soon-weeks"
    assert answers["soon-weeks"] is False
    assert "soon-seen" not in answers
    assert outcome.decision == "clear"


def test_b_twice_goes_back_two_questions() -> None:
    asker = FakeAsker(
        {
            "saddle": [False, False],
            "bladder-start": [False, None, False],
            "bladder-feeling": [None, False],
        }
    )
    outcome, answers = ask_screen(asker, Context(), severity=2)
    assert asker.asked[:7] == [
        "saddle",
        "bladder-start",
        "bladder-feeling",
        "bladder-start",
        "saddle",
        "bladder-start",
        "bladder-feeling",
    ]
    assert asker.backs[4] is False  # back at the first question: no b offered
    assert outcome.decision == "clear"
    assert answers["bladder-start"] is False


def test_a_stopping_yes_is_confirmed() -> None:
    asker = FakeAsker({"chest": [True]}, confirms=[True])
    outcome, answers = ask_screen(asker, Context(), severity=2)
    assert outcome.decision == "emergency"
    assert outcome.because == ("chest",)
    assert asker.prompts == [CONFIRM_STOP["emergency"]]
    assert asker.asked[-1] == "chest"
    assert answers["chest"] is True


def test_b_at_the_confirmation_changes_the_stopping_answer() -> None:
    asker = FakeAsker({"fever": [True, False]}, confirms=[False])
    outcome, answers = ask_screen(asker, Context(), severity=2)
    assert asker.prompts == [CONFIRM_STOP["urgent"]]
    assert asker.asked.count("fever") == 2
    assert answers["fever"] is False
    assert outcome.decision == "clear"
    assert "soon-stiffness" in answers  # the screen went on to the end


def test_b_at_the_confirmation_then_yes_again_stops() -> None:
    asker = FakeAsker({"saddle": [True, True]}, confirms=[False, True])
    outcome, _ = ask_screen(asker, Context(), severity=2)
    assert asker.asked == ["saddle", "saddle"]
    assert asker.prompts == [CONFIRM_STOP["emergency"], CONFIRM_STOP["emergency"]]
    assert outcome.decision == "emergency"


def test_a_see_soon_yes_is_not_confirmed() -> None:
    asker = FakeAsker({"soon-worse": [True]})
    outcome, _ = ask_screen(asker, Context(), severity=2)
    assert outcome.decision == "gentle"
    assert asker.prompts == []


def test_both_legs_asks_the_check_before_any_confirmation() -> None:
    asker = FakeAsker({"legs-both": [True], "legs-both-checked": [True]})
    outcome, _ = ask_screen(asker, Context(), severity=2)
    assert asker.asked[asker.asked.index("legs-both") + 1] == "legs-both-checked"
    assert outcome.decision == "clear"
    assert asker.prompts == []

    asker = FakeAsker({"legs-both": [True], "legs-both-checked": [False]}, confirms=[True])
    outcome, _ = ask_screen(asker, Context(), severity=2)
    assert outcome.decision == "emergency"
    assert asker.asked[-1] == "legs-both-checked"


def test_only_asks_just_the_every_session_questions() -> None:
    ctx = Context(conditions=frozenset({"pregnant", "rheumatoid-arthritis"}))
    asker = FakeAsker({"preg-headache": [True]}, confirms=[True])
    outcome, _ = ask_screen(asker, ctx, severity=2, only=screen.every_session(ctx))
    assert set(asker.asked) <= EVERY_SESSION
    assert asker.asked[:2] == ["chest", "preg-bleeding"]  # ACOG's chest pain comes first
    assert outcome.decision == "emergency"
    assert outcome.advice == screen.PREGNANCY_WARNING_MESSAGE


def test_the_severity_reaches_the_advice() -> None:
    from stretchcoach import safety

    outcome, _ = ask_screen(FakeAsker(), Context(), severity=8)
    assert outcome.advice == safety.clear_message(8)


def test_the_screen_texts_map_to_one_question_each() -> None:
    # "fracture" and "fracture-minor" share a text but are never asked together.
    assert BY_ID["fracture"].text == BY_ID["fracture-minor"].text
    assert len(TEXT_TO_SCREEN_ID) == len(screen.QUESTIONS) - 1


# --------------------------------------------------------------------------- health notes


def test_health_all_no() -> None:
    asker = health_asker({})
    answers, weeks = ask_health(asker)
    assert weeks is None
    assert asker.asked == [q.id for q in health.health_questions_due({})]
    assert answers == dict.fromkeys(asker.asked, False)
    assert health.conditions_from(answers) == frozenset()
    assert asker.prompts == []


def test_health_pregnant_asks_weeks() -> None:
    asker = health_asker({"pregnant": [True]}, numbers=[30])
    answers, weeks = ask_health(asker)
    assert weeks == 30
    assert asker.prompts == [health.WEEKS_QUESTION]
    assert health.conditions_from(answers) == frozenset({"pregnant"})


def test_health_pregnant_zero_weeks_means_not_sure() -> None:
    asker = health_asker({"pregnant": [True]}, numbers=[0])
    answers, weeks = ask_health(asker)
    assert weeks is None
    assert answers["pregnant"] is True


def test_health_b_goes_back_and_changes_the_previous_answer() -> None:
    asker = health_asker(
        {"pregnant": [True, False], "pelvic-girdle-pain": [None, False]}, numbers=[20]
    )
    answers, weeks = ask_health(asker)
    assert asker.asked[:3] == ["pregnant", "pelvic-girdle-pain", "pregnant"]
    assert answers["pregnant"] is False
    assert weeks is None  # the weeks went with the changed answer
    assert asker.prompts == [health.WEEKS_QUESTION]


def test_health_going_back_past_a_parent_drops_its_follow_up() -> None:
    asker = health_asker(
        {
            "hip-replacement": [True, False],
            "hip-recent": [True, None],
            "hip-precautions": [None],
        }
    )
    answers, _ = ask_health(asker)
    i = asker.asked.index("hip-replacement")
    assert asker.asked[i : i + 6] == [
        "hip-replacement",
        "hip-recent",
        "hip-precautions",
        "hip-recent",
        "hip-replacement",
        "back-surgery",
    ]
    assert answers["hip-replacement"] is False
    assert "hip-recent" not in answers
    assert "hip-precautions" not in answers
    assert health.conditions_from(answers) == frozenset()


@pytest.mark.parametrize("parq", health.PARQ_IDS)
def test_health_parq_yes_asks_cleared(parq: str) -> None:
    asker = health_asker({parq: [True], "parq-cleared": [False]})
    answers, _ = ask_health(asker)
    assert asker.asked.count("parq-cleared") == 1
    assert health.conditions_from(answers) == frozenset({"par-q"})
