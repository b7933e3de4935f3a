"""Every safety rule and every sentence of safety wording, in one place so it is reviewed once.

Facts are drawn from the project's clinical reference notes and written in our own words.
stretchcoach gives general guidance, never a diagnosis.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Literal


@dataclass(frozen=True)
class CauseInfo:
    """How we describe a cause to the user, and the advice that goes with it."""

    id: str
    label: str
    description: str
    advice: str


CAUSE_INFO: dict[str, CauseInfo] = {
    info.id: info
    for info in (
        CauseInfo(
            "posture",
            "Long sitting or staying still",
            "Stiffness after long hours at a desk, in a car or on the sofa.",
            "Change position often and take a short movement break about every half hour; "
            "no single posture is perfect, the next one is the best.",
        ),
        CauseInfo(
            "weak-muscles",
            "Weak muscles or not moving much",
            "Back and tummy muscles out of practice after a quiet spell or time off.",
            "Pair gentle stretches with easy strengthening such as bridges and partial "
            "curl-ups, and build up a little at a time. Regular walking helps too.",
        ),
        CauseInfo(
            "pregnancy",
            "Pregnancy",
            "Back or pelvic ache while pregnant.",
            "Check with your midwife or doctor before starting, especially if your pregnancy "
            "is high-risk. Avoid lying flat on your back after the first three months. Stop "
            "and contact your maternity unit or midwife at once for bleeding, leaking fluid, "
            "regular painful tightenings, your baby moving less, feeling dizzy or faint, a "
            "headache, chest pain, breathlessness before you start exercising, calf pain or "
            "swelling, or muscle weakness that upsets your balance.",
        ),
        CauseInfo(
            "obesity",
            "Carrying extra weight",
            "Back pain with a higher body weight; getting to the floor may be hard.",
            "Start with short, low-impact sessions and add a few minutes every week or two. "
            "Use a chair, a wall or a bed for support, and only do floor work if you can get "
            "down and up again easily and safely.",
        ),
        CauseInfo(
            "arthritis",
            "Rheumatoid arthritis",
            "Back pain alongside rheumatoid arthritis.",
            "During a flare, only move gently within comfort and rest hot, swollen joints. "
            "Keep neck movements small and never force them. If joints hurt more two hours "
            "after exercising, do less next time. Checking with your rheumatology team or a "
            "physiotherapist is recommended, especially before you start or if your back pain "
            "is new or changing: they can tailor a programme for you.",
        ),
        CauseInfo(
            "unknown",
            "Not sure",
            "You are not sure why your back hurts.",
            "Most back pain settles within a few weeks with self-care and staying active. "
            "Seeing a GP or physiotherapist is a good idea, especially if it lasts more than "
            "a few weeks, keeps coming back or stops your daily activities.",
        ),
    )
}

#: Short descriptions shown beside the 0–10 scale.
SEVERITY_SCALE = (
    "0 no pain · 10 the worst pain you can imagine",
    "1–3 mild: comes and goes; annoying but does not stop your day",
    "4–6 moderate: always there; hard to concentrate or sleep, but you can get up, wash and dress",
    "7–10 severe: hard to think or talk; moving, washing or dressing is very hard",
)

BANDS = ("mild", "moderate", "severe", "too-severe")


def band_for(severity: int, *, gentle_only: bool = False) -> str:
    """The routine band for a pain score: mild 0–3, moderate 4–6, severe 7–8, too-severe 9–10.

    A "see soon" screen answer caps the routine at the gentle (moderate) band.
    """
    if severity >= 9:
        return "too-severe"
    if severity >= 7:
        return "severe"
    if severity >= 4 or gentle_only:
        return "moderate"
    return "mild"


DISCLAIMER = (
    "stretchcoach gives general guidance about gentle exercise. It is not medical advice, a "
    "diagnosis or treatment: it cannot examine you, does not know your history and is no "
    "substitute for a doctor or physiotherapist. Check with one before starting if you are "
    "pregnant, have arthritis or another long-term condition, have had back surgery, or answer "
    "yes to any of the safety questions. Seeing a GP or physiotherapist is recommended, "
    "especially if your pain lasts more than a few weeks, keeps coming back or stops your "
    "daily activities. Call your local emergency number (for example 999 in the UK, 112 in "
    "Europe, 911 in the US) straight away if you notice signs such as new numbness around "
    "your bottom or genitals, new trouble controlling your bladder or bowels (peeing or "
    "pooing), or weakness in both legs, or if your symptoms are severe, new or worrying."
)

NO_PAIN_NO_GAIN = (
    '"No pain, no gain" does not apply to a sore back. A stretch should feel like a gentle pull '
    "or mild tension. If it turns sharp, stabbing or burning, or spreads down a leg, ease off "
    "or stop.",
    "Mild stiffness or ache that settles within a couple of hours is common and is not a sign "
    "of harm.",
)

STOP_RULES = (
    "Stop if the pain turns sharp or climbs by 2 points or more.",
    "Stop if numbness or tingling starts or spreads.",
    "Stop if you feel dizzy or unwell.",
)

#: Said (with the safety questions asked again) when pain is 2+ points above last session.
RESCREEN_RISE = (
    "Your pain is at least 2 points higher than last time, so the safety questions come "
    "first today. If it keeps rising or worries you, please talk to a doctor or "
    "physiotherapist."
)
#: Said when pain was worse after than before in three sessions running.
RESCREEN_WORSE = (
    "Your pain has been worse after the routine than before it for three sessions running. "
    "That is worth a chat with a doctor or physiotherapist; until then, keep things gentle."
)

#: A one-line reminder for documents that leave the terminal (markdown plans, reports).
DISCLAIMER_SHORT = (
    "General guidance only, not medical advice: if your pain is severe, new or worrying, "
    "see a doctor or physiotherapist."
)

DISCLAIMER_ACK_PROMPT = "Press Enter to confirm you have read and understood this note."

#: Printed when ``--screened`` stands in for the safety note and the screen.
SCREENED_NOTE = (
    "You confirmed you have read the safety note and answered no to every screening question."
)

#: Shown with ``--at-desk`` routines.
AT_DESK_NOTE = (
    "At-desk routine: standing and seated exercises only. Use a sturdy chair without wheels "
    "and keep a hand on the desk or a wall for balance."
)

# --------------------------------------------------------------------------- the red-flag screen

Level = Literal["emergency", "urgent", "soon"]
ScreenLevel = Literal["clear", "soon", "urgent", "emergency"]

_LEVEL_RANK: dict[str, int] = {"clear": 0, "soon": 1, "urgent": 2, "emergency": 3}


@dataclass(frozen=True)
class Question:
    """One yes/no screening question; yes always means a concern."""

    id: str
    text: str
    level: Level
    causes: frozenset[str] | None = None  # None: asked for every cause
    not_for: frozenset[str] = frozenset()  # causes that get their own version instead


#: The screen, in the order it is asked: emergency signs, then urgent, then see-soon.
#: Closely related signs share a question so the whole screen takes under a minute.
QUESTIONS: tuple[Question, ...] = (
    Question(
        "rf-saddle-bladder-bowel",
        "New numbness or tingling around your genitals, bottom or inner thighs, trouble "
        "peeing or pooing, or changed sexual feeling?",
        "emergency",
    ),
    Question(
        "rf-legs",
        "Pain, numbness or weakness in both legs, or legs getting weaker or unsteady?",
        "emergency",
    ),
    Question(
        "rf-accident-chest",
        "Did it start after a serious accident or fall, or do you have chest pain?",
        "emergency",
    ),
    Question(
        "preg-warning",
        "Bleeding, leaking fluid, regular painful tightenings, or your baby moving less?",
        "emergency",
        frozenset({"pregnancy"}),
    ),
    Question(
        "preg-warning-body",
        "Feeling dizzy or faint, headache, breathless at rest, calf pain or swelling, or "
        "weakness upsetting your balance?",
        "emergency",
        frozenset({"pregnancy"}),
    ),
    Question(
        "rf-fever-unwell",
        "Fever (38 °C / 100.4 °F or more), shivers, a weak immune system, or feeling unwell?",
        "urgent",
    ),
    Question(
        "rf-cancer-weight",
        "Ever had cancer, or recent weight loss without trying?",
        "urgent",
    ),
    Question(
        "rf-constant-night",
        "Pain that is constant, worse at night, not eased by rest, between the shoulder "
        "blades, or much worse on coughing?",
        "urgent",
    ),
    Question(
        "rf-lump-fracture",
        "A new lump or change in your back's shape, or sudden pain with thin bones "
        "(osteoporosis) or long-term steroids?",
        "urgent",
    ),
    Question(
        "ra-neck",
        "Neck pain together with tingling or clumsy hands, or a change in your balance?",
        "urgent",
        frozenset({"arthritis"}),
    ),
    Question(
        "preg-no-exercise",
        "Has your midwife or doctor advised against exercise, or called your pregnancy high-risk?",
        "urgent",
        frozenset({"pregnancy"}),
    ),
    Question(
        "soon-one-leg",
        "Numbness, tingling or weakness in one leg for over a week, or spreading?",
        "soon",
    ),
    Question(
        "soon-not-settling",
        "Pain lasting weeks without improving, worsening, stopping your daily life, or "
        "worrying you a lot?",
        "soon",
    ),
    Question(
        "soon-first-or-stiff",
        "First-ever back pain and under 20 or over 50, or over 30 minutes of back stiffness "
        "each morning?",
        "soon",
        not_for=frozenset({"arthritis"}),
    ),
    # Long morning stiffness is part of rheumatoid arthritis and already known to the
    # rheumatology team, so those users are asked only about age at first onset.
    Question(
        "soon-first-onset",
        "First-ever back pain and under 20 or over 50?",
        "soon",
        frozenset({"arthritis"}),
    ),
    Question(
        "preg-pelvis",
        "Pelvic pain when walking, on stairs or turning over in bed?",
        "soon",
        frozenset({"pregnancy"}),
    ),
)


def questions_for(cause: str) -> list[Question]:
    """The screen for one cause: the general questions plus that cause's own, most urgent first."""
    chosen = [
        q for q in QUESTIONS if (q.causes is None or cause in q.causes) and cause not in q.not_for
    ]
    return sorted(chosen, key=lambda q: -_LEVEL_RANK[q.level])


@dataclass(frozen=True)
class ScreenResult:
    """The outcome of the screen: the most serious level answered yes, and what to do."""

    level: ScreenLevel
    message: str
    flagged: tuple[str, ...] = ()  # ids of the questions answered yes

    @property
    def stops(self) -> bool:
        """Whether this outcome rules out any routine today (emergency or urgent)."""
        return self.level in ("emergency", "urgent")

    @property
    def gentle_only(self) -> bool:
        """Whether only the gentle (moderate-band) routine may be offered."""
        return self.level == "soon"


EMERGENCY_MESSAGE = (
    "This needs urgent medical attention. Stop now and do no more exercises. What you "
    "describe can be a sign of a rare but serious problem that needs checking today. Call "
    "your local emergency number (for example 999 in the UK, 112 in Europe, 911 in the US) or "
    "go to an emergency department now. stretchcoach cannot tell whether this is serious."
)
PREGNANCY_WARNING_MESSAGE = (
    "This needs urgent advice from your maternity team. Stop now and do no exercises today. "
    "Contact your maternity unit or midwife straight away and tell them what you noticed. If "
    "it feels severe or you are very worried, call your local emergency number (for example "
    "999, 112 or 911). stretchcoach cannot tell whether this is serious."
)
URGENT_MESSAGE = (
    "Please do not exercise today. What you describe should be checked by a doctor today: "
    "contact your doctor's surgery for an urgent appointment (in the UK you can also call "
    "NHS 111). stretchcoach cannot tell what is causing it."
)
PREGNANCY_NO_EXERCISE_MESSAGE = (
    "Please leave these exercises until your midwife or doctor has said that exercise is "
    "right for you. Ask them which movements suit your pregnancy; if anything feels wrong, "
    "contact your maternity unit."
)
SOON_MESSAGE = (
    "Please book an appointment with a doctor or physiotherapist in the next few days to talk "
    "about what you described. Until then, only the gentle routine is offered."
)
CLEAR_MESSAGE = "Thank you. Nothing you answered rules out a gentle routine today."
#: At pain 7-8 only breathing and resting positions are offered, so no routine is promised.
CLEAR_SEVERE_MESSAGE = (
    "Thank you. Nothing you answered rules out slow breathing and resting positions today."
)
#: At pain 9-10 no exercise is offered at all.
CLEAR_TOO_SEVERE_MESSAGE = "Thank you. Your answers raise no urgent warning signs."
SOON_SEVERE_MESSAGE = (
    "Please book an appointment with a doctor or physiotherapist in the next few days to talk "
    "about what you described. Until then, keep to slow breathing and resting positions."
)
SOON_TOO_SEVERE_MESSAGE = (
    "Please tell a doctor or physiotherapist about what you described when you get help for "
    "your pain."
)


def _by_band(severity: int | None, *, usual: str, severe: str, too_severe: str) -> str:
    """The wording that promises no more than the pain band allows (no score: the usual)."""
    band = "mild" if severity is None else band_for(severity)
    return {"too-severe": too_severe, "severe": severe}.get(band, usual)


def clear_message(severity: int | None = None) -> str:
    """What to say after an all-clear screen, without promising more than the pain band allows."""
    return _by_band(
        severity,
        usual=CLEAR_MESSAGE,
        severe=CLEAR_SEVERE_MESSAGE,
        too_severe=CLEAR_TOO_SEVERE_MESSAGE,
    )


def soon_message(severity: int | None = None) -> str:
    """What to say after a see-soon answer, matched to what the pain band still allows."""
    return _by_band(
        severity, usual=SOON_MESSAGE, severe=SOON_SEVERE_MESSAGE, too_severe=SOON_TOO_SEVERE_MESSAGE
    )


#: Questions whose "yes" gets its own message instead of its level's usual one.
_SPECIAL_MESSAGES: dict[str, str] = {
    "preg-warning": PREGNANCY_WARNING_MESSAGE,
    "preg-warning-body": PREGNANCY_WARNING_MESSAGE,
    "preg-no-exercise": PREGNANCY_NO_EXERCISE_MESSAGE,
}
_LEVEL_MESSAGES: dict[str, str] = {
    "emergency": EMERGENCY_MESSAGE,
    "urgent": URGENT_MESSAGE,
    "soon": SOON_MESSAGE,
}


def evaluate(
    answers: Mapping[str, bool], cause: str, *, severity: int | None = None
) -> ScreenResult:
    """Judge the screen's answers for ``cause``: the most serious yes wins.

    Only questions asked for this cause count; a missing answer counts as no. Given the pain
    score, the clear and see-soon messages never promise a routine that band rules out.
    """
    flagged = [q for q in questions_for(cause) if answers.get(q.id)]
    if not flagged:
        return ScreenResult("clear", clear_message(severity))
    top = max(_LEVEL_RANK[q.level] for q in flagged)
    worst = [q for q in flagged if _LEVEL_RANK[q.level] == top]
    level = worst[0].level
    general = [q for q in worst if q.id not in _SPECIAL_MESSAGES]
    if general and level == "soon":
        message = soon_message(severity)
    elif general:
        message = _LEVEL_MESSAGES[level]
    else:
        message = "\n".join(dict.fromkeys(_SPECIAL_MESSAGES[q.id] for q in worst))
    return ScreenResult(level, message, tuple(q.id for q in flagged))


# --------------------------------------------------------------------------- pain bands

SEVERE_MESSAGE = (
    "Your pain is high right now, so today is only about easing it: slow breathing and "
    "resting positions for a few minutes. Keep moving gently around the house as you can, "
    "and avoid long spells in bed, which tend to slow recovery. If pain this strong is new "
    "for you or is not settling, contact a doctor or pharmacist (in the UK, NHS 111 can help)."
)
TOO_SEVERE_MESSAGE = (
    "Your pain is very high right now, so please do no exercises today. Seek medical help "
    "today: contact your doctor's surgery or, in the UK, NHS 111. If you also have new "
    "numbness around your bottom or genitals, weakness in both legs, or trouble controlling "
    "your bladder or bowels (peeing or pooing), call your local emergency number."
)


def band_message(severity: int) -> str | None:
    """The advice that goes with a severe (7–8) or too-severe (9–10) pain score, else None."""
    band = band_for(severity)
    if band == "too-severe":
        return TOO_SEVERE_MESSAGE
    if band == "severe":
        return SEVERE_MESSAGE
    return None


# --------------------------------------------------------------------------- during the routine

PAIN_CHECK_QUESTION = "Did that cause sharp or increasing pain?"

STRENGTH_REMINDER = (
    "Strengthening next. Effort and tired muscles are fine; if it turns painful, ease off or "
    "stop. Breathe out as you work and never hold your breath."
)

SECOND_PAIN_END_MESSAGE = (
    "That is the second exercise that hurt, so we will stop here for today: stopping is the "
    "right call, not a failure. Rest in a comfortable position and keep moving gently around "
    "the house. Try again another day with a shorter or gentler routine, and if the pain "
    "stays worse for more than a couple of hours, or keeps happening, talk to a doctor or "
    "physiotherapist."
)


def screen_not_due(last: datetime | None, every_days: int) -> str:
    """Said instead of the safety questions when an all-clear screen is recent enough."""
    when = f" on {last.astimezone():%A %d %B}" if last else " recently"
    return (
        f"You answered the safety questions{when}; they are asked again every {every_days} "
        "days. If anything new has appeared since, such as numbness around your bottom or "
        "genitals, weakness in your legs, or trouble controlling your bladder or bowels "
        "(peeing or pooing), stop and get medical advice today."
    )


#: Said when --screened is used on a day the safety questions already advised no exercise.
STOPPED_EARLIER_TODAY = (
    "Earlier today your answers to the safety questions meant no exercise today, so no "
    "routine will start now. Please follow the advice you were given; if you are unsure, "
    "contact a doctor."
)


#: Offered after a first pain report (once the routine has been made gentler).
END_NOW_QUESTION = "Would you like to end the session now?"
#: The first words after a pain report: it was heard, and it was right to say so.
PAIN_THANKS = "Thank you for telling me."


def _count(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def pain_change_text(*, swapped: int, left_out: int, remaining: int) -> str:
    """The calm acknowledgement of a pain report, saying what changed in the rest of the routine.

    ``remaining`` is how many exercises are still to do after the changes.
    """
    if not remaining:
        if left_out:
            rest = (
                "remaining exercise is" if left_out == 1 else f"{left_out} remaining exercises are"
            )
            return (
                f"{PAIN_THANKS} To be gentle, the {rest} left out, so that was the last one "
                "for today."
            )
        return f"{PAIN_THANKS} That was the last exercise for today."
    if not swapped and not left_out:
        return (
            f"{PAIN_THANKS} The exercises still to come are of a different kind, so they stay as "
            "planned. Go gently, and press Ctrl-C to skip any that do not feel right."
        )
    changes = []
    if swapped:
        easier = "an easier version" if swapped == 1 else "easier versions"
        changes.append(f"{_count(swapped, 'exercise', 'exercises')} swapped for {easier}")
    if left_out:
        changes.append(
            f"{left_out} left out"
            if swapped
            else f"{_count(left_out, 'exercise', 'exercises')} left out"
        )
    return f"{PAIN_THANKS} The rest of the routine is now gentler: {', '.join(changes)}."
