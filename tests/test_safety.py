"""The red-flag screen, its verdicts, the pain bands and the safety wording."""

from __future__ import annotations

from pathlib import Path

import pytest

from stretchcoach import safety
from stretchcoach.catalogue import CAUSES
from stretchcoach.safety import Question, evaluate, questions_for

RANK = {"emergency": 0, "urgent": 1, "soon": 2}
#: A calm adult reads plain text at about 240 words a minute; a y/n key takes about half a second.
WORDS_PER_SECOND = 4
SECONDS_PER_ANSWER = 0.5


def general() -> list[Question]:
    return [q for q in safety.QUESTIONS if q.causes is None]


def test_at_most_ten_general_questions_with_unique_ids() -> None:
    assert 1 <= len(general()) <= 10
    ids = [q.id for q in safety.QUESTIONS]
    assert len(ids) == len(set(ids))


@pytest.mark.parametrize("cause", CAUSES)
def test_screen_is_ordered_most_urgent_first(cause: str) -> None:
    ranks = [RANK[q.level] for q in questions_for(cause)]
    assert ranks == sorted(ranks)
    assert ranks[0] == RANK["emergency"]


@pytest.mark.parametrize("cause", CAUSES)
def test_screen_takes_under_a_minute(cause: str) -> None:
    questions = questions_for(cause)
    words = sum(len(q.text.split()) for q in questions)
    estimate = words / WORDS_PER_SECOND + SECONDS_PER_ANSWER * len(questions)
    assert estimate < 60, f"{cause}: about {estimate:.0f} s to read and answer"


@pytest.mark.parametrize("cause", CAUSES)
def test_every_question_is_a_plain_yes_no_question(cause: str) -> None:
    for q in questions_for(cause):
        assert q.text.endswith("?")
        assert len(q.text) <= 140, q.id  # two lines of an 80-column terminal
        for jargon in ("cauda equina", "perineal", "incontinence", "malignan", "CES"):
            assert jargon not in q.text, (q.id, jargon)


def test_cause_specific_questions_only_for_their_cause() -> None:
    posture = {q.id for q in questions_for("posture")}
    pregnancy = {q.id for q in questions_for("pregnancy")}
    arthritis = {q.id for q in questions_for("arthritis")}
    pregnancy_only = {"preg-warning", "preg-warning-body", "preg-no-exercise", "preg-pelvis"}
    assert pregnancy_only <= pregnancy
    assert "ra-neck" in arthritis
    assert not (pregnancy_only | {"ra-neck"}) & posture
    assert posture == {q.id for q in general()}
    levels = {q.id: q.level for q in safety.QUESTIONS}
    assert levels["preg-warning"] == "emergency"
    assert levels["preg-warning-body"] == "emergency"
    assert levels["ra-neck"] == "urgent"
    assert levels["preg-pelvis"] == "soon"


def test_shared_questions_cover_the_closely_related_signs() -> None:
    text = {q.id: q.text.lower() for q in safety.QUESTIONS}
    saddle = text["rf-saddle-bladder-bowel"]
    for word in ("numbness", "genitals", "peeing", "pooing", "sexual"):
        assert word in saddle
    assert "both legs" in text["rf-legs"]
    assert "weaker" in text["rf-legs"]


def test_arthritis_is_not_asked_about_morning_stiffness() -> None:
    arthritis = {q.id: q for q in questions_for("arthritis")}
    assert "soon-first-or-stiff" not in arthritis
    onset = arthritis["soon-first-onset"]
    assert onset.level == "soon"
    assert "first-ever" in onset.text.lower()
    assert "stiff" not in onset.text.lower()
    for cause in CAUSES:
        ids = {q.id for q in questions_for(cause)}
        if cause != "arthritis":
            assert "soon-first-or-stiff" in ids, cause
            assert "soon-first-onset" not in ids, cause
    # A stray answer to the question not asked does not count for arthritis.
    assert evaluate({"soon-first-or-stiff": True}, "arthritis").level == "clear"
    assert evaluate({"soon-first-onset": True}, "arthritis").level == "soon"
    assert evaluate({"soon-first-or-stiff": True}, "posture").level == "soon"


def test_all_no_is_clear() -> None:
    for cause in CAUSES:
        answers = {q.id: False for q in questions_for(cause)}
        result = evaluate(answers, cause)
        assert result.level == "clear"
        assert not result.stops
        assert not result.gentle_only
        assert result.flagged == ()


def test_missing_answers_count_as_no() -> None:
    assert evaluate({}, "posture").level == "clear"


@pytest.mark.parametrize("cause", CAUSES)
def test_each_yes_gives_its_own_level(cause: str) -> None:
    for q in questions_for(cause):
        result = evaluate({q.id: True}, cause)
        assert result.level == q.level, q.id
        assert result.flagged == (q.id,)
        assert result.stops == (q.level in ("emergency", "urgent"))
        assert result.gentle_only == (q.level == "soon")


def test_the_most_serious_answer_wins() -> None:
    answers = {"soon-one-leg": True, "rf-cancer-weight": True, "rf-legs": True}
    result = evaluate(answers, "unknown")
    assert result.level == "emergency"
    assert set(result.flagged) == set(answers)
    assert evaluate({"soon-one-leg": True, "rf-cancer-weight": True}, "unknown").level == "urgent"


def test_questions_not_asked_for_the_cause_are_ignored() -> None:
    assert evaluate({"ra-neck": True, "preg-warning": True}, "posture").level == "clear"


def test_emergency_message_sends_to_emergency_care_now() -> None:
    message = evaluate({"rf-saddle-bladder-bowel": True}, "posture").message
    heading = message.split(". ")[0] + "."
    assert heading == "This needs urgent medical attention."
    for part in ("Stop now", "999", "112", "911", "emergency department", "no more exercises"):
        assert part in message
    assert "cannot tell whether this is serious" in message


def test_urgent_message_says_no_exercise_and_a_doctor_today() -> None:
    message = evaluate({"rf-fever-unwell": True}, "obesity").message
    assert "not exercise today" in message
    assert "doctor today" in message
    assert "NHS 111" in message
    assert "999" not in message


def test_soon_message_books_a_doctor_or_physio_and_allows_only_gentle() -> None:
    message = evaluate({"soon-not-settling": True}, "weak-muscles").message
    assert "doctor or physiotherapist" in message
    assert "gentle routine" in message


def test_pregnancy_warning_signs_go_to_the_maternity_unit() -> None:
    result = evaluate({"preg-warning": True}, "pregnancy")
    assert result.level == "emergency"
    assert "maternity unit or midwife" in result.message
    assert result.message.startswith("This needs urgent advice from your maternity team. ")
    assert "emergency department" not in result.message
    assert result.message != safety.EMERGENCY_MESSAGE


#: ACOG's reasons to stop exercising in pregnancy, as the screen words them in plain language.
PREGNANCY_WARNING_SIGNS = (
    "bleeding",
    "leaking fluid",
    "painful tightenings",
    "baby moving less",
    "dizzy or faint",
    "headache",
    "chest pain",
    "breathless",
    "calf pain or swelling",
    "weakness",
    "balance",
)


def test_the_pregnancy_screen_asks_about_every_warning_sign() -> None:
    asked = " ".join(q.text.lower() for q in questions_for("pregnancy"))
    for sign in PREGNANCY_WARNING_SIGNS:
        assert sign in asked, sign


def test_pregnancy_advice_names_every_warning_sign() -> None:
    advice = safety.CAUSE_INFO["pregnancy"].advice.lower()
    for sign in (*PREGNANCY_WARNING_SIGNS, "before you start exercising"):
        assert sign in advice, sign


def test_body_warning_signs_in_pregnancy_also_go_to_the_maternity_unit() -> None:
    result = evaluate({"preg-warning-body": True}, "pregnancy")
    assert result.level == "emergency"
    assert result.stops
    assert result.message == safety.PREGNANCY_WARNING_MESSAGE
    both = evaluate({"preg-warning": True, "preg-warning-body": True}, "pregnancy")
    assert both.message == safety.PREGNANCY_WARNING_MESSAGE  # said once, not twice


def test_general_emergency_beats_the_pregnancy_wording() -> None:
    result = evaluate({"preg-warning": True, "rf-accident-chest": True}, "pregnancy")
    assert result.message == safety.EMERGENCY_MESSAGE


def test_told_not_to_exercise_stops_with_its_own_advice() -> None:
    result = evaluate({"preg-no-exercise": True}, "pregnancy")
    assert result.stops
    assert "midwife or doctor" in result.message
    assert "today" not in result.message  # no same-day alarm for a known high-risk pregnancy


@pytest.mark.parametrize("severity", range(11))
def test_clear_message_never_promises_what_the_pain_band_refuses(severity: int) -> None:
    message = safety.clear_message(severity)
    assert evaluate({}, "posture", severity=severity).message == message
    assert message.startswith("Thank you.")
    if severity >= 9:
        assert message == "Thank you. Your answers raise no urgent warning signs."
    if severity >= 7:
        assert "routine" not in message
    else:
        assert message == safety.CLEAR_MESSAGE
    if severity in (7, 8):
        assert "breathing" in message


@pytest.mark.parametrize("severity", range(11))
def test_soon_message_matches_what_the_pain_band_allows(severity: int) -> None:
    message = safety.soon_message(severity)
    result = evaluate({"soon-one-leg": True}, "posture", severity=severity)
    assert result.message == message
    assert result.gentle_only
    assert "doctor or physiotherapist" in message
    if severity >= 7:
        assert "routine" not in message
    else:
        assert message == safety.SOON_MESSAGE


def test_without_a_pain_score_the_screen_messages_stay_as_before() -> None:
    assert safety.clear_message() == safety.CLEAR_MESSAGE
    assert safety.soon_message() == safety.SOON_MESSAGE
    assert evaluate({}, "unknown").message == safety.CLEAR_MESSAGE
    # Stopping messages do not depend on the pain score.
    for severity in (None, 2, 9):
        assert evaluate({"rf-legs": True}, "unknown", severity=severity).message == (
            safety.EMERGENCY_MESSAGE
        )


def test_messages_differ_per_level() -> None:
    messages = {
        evaluate({}, "pregnancy").message,
        evaluate({"preg-pelvis": True}, "pregnancy").message,
        evaluate({"rf-cancer-weight": True}, "pregnancy").message,
        evaluate({"rf-legs": True}, "pregnancy").message,
        evaluate({"preg-warning": True}, "pregnancy").message,
    }
    assert len(messages) == 5


@pytest.mark.parametrize(
    ("severity", "gentle", "band"),
    [
        (0, False, "mild"),
        (3, False, "mild"),
        (3, True, "moderate"),
        (4, False, "moderate"),
        (6, False, "moderate"),
        (7, True, "severe"),
        (8, False, "severe"),
        (9, False, "too-severe"),
        (10, True, "too-severe"),
    ],
)
def test_band_for(severity: int, gentle: bool, band: str) -> None:
    assert safety.band_for(severity, gentle_only=gentle) == band


def test_band_message_only_for_severe_and_too_severe() -> None:
    assert all(safety.band_message(s) is None for s in range(7))
    severe = safety.band_message(7)
    assert severe == safety.band_message(8)
    assert severe is not None
    for part in ("breathing", "moving gently around the house", "bed", "doctor or pharmacist"):
        assert part in severe
    too = safety.band_message(9)
    assert too == safety.band_message(10)
    assert too is not None
    assert "no exercises today" in too
    assert "medical help today" in too


def test_routine_wording_constants() -> None:
    assert safety.PAIN_CHECK_QUESTION == "Did that cause sharp or increasing pain?"
    assert safety.SCREENED_NOTE == (
        "You confirmed you have read the safety note and answered no to every screening question."
    )
    assert "hold your breath" in safety.STRENGTH_REMINDER
    assert "pain" in safety.STRENGTH_REMINDER
    assert "stop here" in safety.SECOND_PAIN_END_MESSAGE
    assert "not medical advice" in safety.DISCLAIMER_SHORT
    assert safety.DISCLAIMER_ACK_PROMPT


def all_wording() -> list[str]:
    """Every user-facing string in safety.py, including the screen and the cause advice."""
    texts: list[str] = []
    for value in vars(safety).values():
        if isinstance(value, str):
            texts.append(value)
        elif isinstance(value, tuple):
            texts.extend(v for v in value if isinstance(v, str))
            texts.extend(v.text for v in value if isinstance(v, Question))
    texts.extend(info.advice for info in safety.CAUSE_INFO.values())
    texts.extend(info.description for info in safety.CAUSE_INFO.values())
    texts.extend(f(s) for f in (safety.clear_message, safety.soon_message) for s in range(11))
    texts.append(safety.screen_not_due(None, 7))
    return texts


def test_disclaimer_has_every_part_of_the_safe_messaging_rules() -> None:
    text = " ".join(safety.DISCLAIMER.split())
    for part in (
        "general guidance",
        "not medical advice, a diagnosis or treatment",
        "cannot examine you",
        "does not know your history",
        "no substitute for a doctor or physiotherapist",
        "pregnant",
        "arthritis or another long-term condition",
        "back surgery",
        "yes to any of the safety questions",
        # Professional review: recommended, especially if ...
        "Seeing a GP or physiotherapist is recommended, especially if",
        "more than a few weeks",
        "keeps coming back",
        # Examples of emergency signs, in plain words with the clinical terms alongside.
        "Call your local emergency number",
        "numbness around your bottom or genitals",
        "trouble controlling your bladder or bowels (peeing or pooing)",
        "weakness in both legs",
        "severe, new or worrying",
    ):
        assert part in text, part


def test_bladder_and_bowel_wording_carries_the_plain_words_too() -> None:
    mentions = [t for t in all_wording() if "bladder or bowels" in t]
    assert len(mentions) >= 3
    for text in mentions:
        assert "peeing or pooing" in text, text


def test_strengthening_reminder_is_two_part_not_pain_means_harm() -> None:
    reminder = safety.STRENGTH_REMINDER
    assert "fine" in reminder
    assert "ease off or stop" in reminder
    assert "stop if it hurts" not in reminder


def test_wording_never_diagnoses_promises_or_alarms() -> None:
    for text in all_wording():
        lower = text.lower()
        for phrase in ("will fix", "will cure", "caused by", "is due to", "slipped disc"):
            assert phrase not in lower, (phrase, text)
        for phrase in ("danger", "paralys", "permanent damage", "!"):
            assert phrase not in lower, (phrase, text)
        shouting = [w for w in text.split() if w.isalpha() and w.isupper() and len(w) > 3]
        assert not shouting, text


def test_professional_review_is_recommended_not_ordered() -> None:
    for cause in ("arthritis", "unknown"):
        advice = safety.CAUSE_INFO[cause].advice
        assert "especially" in advice, cause
    assert "recommended, especially if" in safety.DISCLAIMER


def test_one_spelling_of_pooing_everywhere() -> None:
    texts = all_wording()
    assert any("pooing" in text for text in texts)
    assert not [text for text in texts if "poo-ing" in text]
    catalogue = Path(__file__).resolve().parent.parent / "data" / "exercises.yaml"
    assert "poo-ing" not in catalogue.read_text(encoding="utf-8")


def test_wording_never_says_sit_ups_or_endorses_pushing_through() -> None:
    texts = [
        safety.DISCLAIMER,
        *safety.NO_PAIN_NO_GAIN,
        *safety.STOP_RULES,
        safety.STRENGTH_REMINDER,
        safety.SECOND_PAIN_END_MESSAGE,
        *(info.advice for info in safety.CAUSE_INFO.values()),
        *(q.text for q in safety.QUESTIONS),
    ]
    for text in texts:
        assert "sit-up" not in text.lower()
        assert "push through" not in text.lower()
