"""The safety wording: screen advice, the pain bands, the disclaimer and every message.

The screen's questions and decisions are tested in test_screen.py, the health conditions in
test_conditions.py; here the words people read.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from stretchcoach import safety
from stretchcoach.safety import conditions as health
from stretchcoach.safety import screen
from stretchcoach.safety.screen import QUESTIONS, Context, decide, next_question

NO_CONDITIONS = Context()
PREGNANT = Context(conditions=frozenset({"pregnant"}))


def outcome_for(
    *yes: str, ctx: Context = NO_CONDITIONS, severity: int | None = None
) -> screen.Outcome:
    """The outcome of a whole screen answered yes to ``yes`` and no to everything else."""
    answers: dict[str, bool] = {}
    while (q := next_question(answers, ctx)) is not None:
        answers[q.id] = q.id in yes
    return decide(answers, ctx, severity=severity)


def test_emergency_message_sends_to_emergency_care_now() -> None:
    message = outcome_for("saddle").advice
    assert message == screen.EMERGENCY_MESSAGE
    heading = message.split(". ")[0] + "."
    assert heading == "This needs urgent medical attention."
    for part in ("Stop now", "999", "112", "911", "emergency department", "no more exercises"):
        assert part in message
    assert "cannot tell whether this is serious" in message


def test_urgent_message_says_no_exercise_and_a_doctor_today() -> None:
    message = outcome_for("fever").advice
    assert message == screen.URGENT_MESSAGE
    assert "not exercise today" in message
    assert "doctor today" in message
    assert "NHS 111" in message
    assert "999" not in message


def test_soon_message_books_a_doctor_or_physio_and_allows_only_gentle() -> None:
    message = outcome_for("soon-weeks").advice
    assert message == safety.SOON_MESSAGE
    assert "doctor or physiotherapist" in message
    assert "gentle routine" in message


def test_pregnancy_warning_signs_go_to_the_maternity_unit() -> None:
    result = outcome_for("preg-bleeding", ctx=PREGNANT)
    assert result.decision == "emergency"
    assert result.advice == screen.PREGNANCY_WARNING_MESSAGE
    assert "maternity unit or midwife" in result.advice
    assert result.advice.startswith("This needs urgent advice from your maternity team. ")
    assert "emergency department" not in result.advice
    assert result.advice != screen.EMERGENCY_MESSAGE
    assert "emergency number" in result.advice  # if severe


#: ACOG's reasons to stop exercising in pregnancy, as the cause advice words them.
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


def test_pregnancy_advice_names_every_warning_sign() -> None:
    advice = safety.CAUSE_INFO["pregnancy"].advice.lower()
    for sign in (*PREGNANCY_WARNING_SIGNS, "before you start exercising"):
        assert sign in advice, sign


def test_general_emergency_beats_the_pregnancy_wording() -> None:
    result = outcome_for("chest", "preg-bleeding", ctx=PREGNANT)
    assert result.because == ("chest",)
    assert result.advice == screen.EMERGENCY_MESSAGE


def test_after_a_procedure_the_advice_names_the_team_who_did_it() -> None:
    result = outcome_for("procedure", "procedure-problems")
    assert result.decision == "emergency"
    assert result.advice == screen.AFTER_PROCEDURE_MESSAGE
    assert "team who did the procedure" in result.advice
    assert "emergency number" in result.advice


def test_told_not_to_exercise_stops_with_its_own_advice() -> None:
    result = outcome_for("preg-no-exercise", ctx=PREGNANT)
    assert result.stops
    assert result.advice == screen.PREGNANCY_NO_EXERCISE_MESSAGE
    assert "midwife or doctor" in result.advice
    assert "today" not in result.advice  # no same-day alarm for a known high-risk pregnancy


def test_cancer_advice_names_the_cancer_team_and_the_timescale() -> None:
    assert "acute oncology line" in screen.CANCER_URGENT_MESSAGE
    assert "24 hours" in screen.CANCER_URGENT_MESSAGE
    assert "not exercise today" in screen.CANCER_URGENT_MESSAGE
    assert "cancer team" in screen.CANCER_SPREAD_MESSAGE
    assert "myeloma" in screen.CANCER_SPREAD_MESSAGE
    assert "gentle routine" in screen.CANCER_UNCHECKED_MESSAGE
    assert "gentle" in screen.CANCER_FIRST_CHECKED_MESSAGE
    assert "changed" in screen.CANCER_FIRST_CHECKED_MESSAGE


def test_one_leg_weaker_is_same_day_with_an_emergency_escalation() -> None:
    message = screen.ONE_LEG_WEAKER_MESSAGE
    assert "not exercise today" in message
    assert "doctor" in message
    assert "today" in message
    assert "emergency number" in message
    assert "both legs" in message


def test_fracture_and_ra_neck_advice_is_same_day() -> None:
    for message in (screen.FRACTURE_MESSAGE, screen.RA_NECK_MESSAGE):
        assert "not exercise today" in message
        assert "today" in message.split("not exercise today", 1)[1]
    assert "spondyloarthritis" in screen.FRACTURE_MESSAGE
    assert "rheumatology" in screen.RA_NECK_MESSAGE


@pytest.mark.parametrize("severity", range(11))
def test_clear_message_never_promises_what_the_pain_band_refuses(severity: int) -> None:
    message = safety.clear_message(severity)
    assert outcome_for(severity=severity).advice == message
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
    result = outcome_for("soon-one-leg", severity=severity)
    assert result.advice == message
    assert result.gentle_only
    assert "doctor or physiotherapist" in message
    if severity >= 7:
        assert "routine" not in message
    else:
        assert message == safety.SOON_MESSAGE


def test_without_a_pain_score_the_screen_messages_stay_as_before() -> None:
    assert safety.clear_message() == safety.CLEAR_MESSAGE
    assert safety.soon_message() == safety.SOON_MESSAGE
    assert outcome_for().advice == safety.CLEAR_MESSAGE
    # Stopping messages do not depend on the pain score.
    for severity in (None, 2, 9):
        assert outcome_for("legs-weaker", severity=severity).advice == screen.EMERGENCY_MESSAGE


def test_messages_differ_per_decision() -> None:
    messages = {
        outcome_for(ctx=PREGNANT).advice,
        outcome_for("soon-worse", ctx=PREGNANT).advice,
        outcome_for("weight-loss", ctx=PREGNANT).advice,
        outcome_for("legs-weaker", ctx=PREGNANT).advice,
        outcome_for("preg-dizzy", ctx=PREGNANT).advice,
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
    assert safety.PAIN_CHECK_QUESTION == "Did that cause sharp pain?"
    assert "spreading down a leg" in safety.LEG_CHECK_QUESTION
    assert "2 or more points worse" in safety.worse_check_question(4)
    assert "stop here" in safety.LEG_SYMPTOMS_END_MESSAGE
    assert safety.SCREENED_NOTE == (
        "You confirmed you have read the safety note and answered no to every screening question."
    )
    assert "hold your breath" in safety.STRENGTH_REMINDER
    assert "pain" in safety.STRENGTH_REMINDER
    assert "stop here" in safety.SECOND_PAIN_END_MESSAGE
    assert "not medical advice" in safety.DISCLAIMER_SHORT
    assert safety.DISCLAIMER_ACK_PROMPT


def _module_strings(module: object) -> list[str]:
    """The module's string constants and the strings in its tuples (not dunder names)."""
    texts: list[str] = []
    for name, value in vars(module).items():
        if name.startswith("__"):
            continue
        if isinstance(value, str):
            texts.append(value)
        elif isinstance(value, tuple):
            texts.extend(v for v in value if isinstance(v, str))
    return texts


def safety_wording() -> list[str]:
    """Every user-facing string in stretchcoach.safety, with the cause advice and messages."""
    texts = _module_strings(safety)
    texts.extend(info.advice for info in safety.CAUSE_INFO.values())
    texts.extend(info.description for info in safety.CAUSE_INFO.values())
    texts.extend(f(s) for f in (safety.clear_message, safety.soon_message) for s in range(11))
    texts.append(safety.screen_not_due(None, 7))
    return texts


def screen_wording() -> list[str]:
    """Every user-facing string of the screen and the health notes: questions and advice."""
    from stretchcoach import interview

    texts = _module_strings(screen) + _module_strings(health)
    texts.extend(q.text for q in QUESTIONS)
    texts.extend(q.text for q in health.HEALTH_QUESTIONS)
    texts.extend(rule.advice for rule in health.RULES.values())
    texts.extend(c.label for c in health.CONDITIONS.values())
    texts.extend(c.covers for c in health.CONDITIONS.values())
    texts.extend(health.POSITION_WORDS.values())
    texts.extend(health.MOVEMENT_WORDS.values())
    texts.extend(interview.CONFIRM_STOP.values())
    return texts


def all_wording() -> list[str]:
    return safety_wording() + screen_wording()


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
    mentions = [t for t in safety_wording() if "bladder or bowels" in t]
    assert len(mentions) >= 3
    for text in mentions:
        assert "peeing or pooing" in text, text


def test_screen_bladder_and_bowel_wording_carries_the_plain_words_too() -> None:
    mentions = [t for t in screen_wording() if "bladder or bowels" in t]
    assert mentions
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
        *screen_wording(),
    ]
    for text in texts:
        assert "sit-up" not in text.lower()
        assert "push through" not in text.lower()
