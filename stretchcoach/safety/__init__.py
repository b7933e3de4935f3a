"""Every safety rule and every sentence of safety wording, in one place so it is reviewed once.

Facts are drawn from the project's clinical reference notes and written in our own words.
stretchcoach gives general guidance, never a diagnosis.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime


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
            "is high-risk. Exercises lying on your back are left out. Stop "
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
#: The emergency line printed on every plan that leaves the terminal (people follow paper
#: plans without the program, clinical facts 7.6).
EMERGENCY_LINE = (
    "Call your local emergency number now (for example 999 in the UK, 112 in Europe, 911 in "
    "the US) for new numbness around your bottom or genitals, new trouble controlling your "
    "bladder or bowels (peeing or pooing), or weakness in both legs."
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

# --------------------------------------------------------------------------- screen wording
# The questions themselves, and when each is asked, live in stretchcoach.safety.screen; the
# conditions and what each leaves out, in stretchcoach.safety.conditions.

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

#: The check-in after each exercise that was done: three one-key questions, asked in turn.
PAIN_CHECK_QUESTION = "Did that cause sharp pain?"
LEG_CHECK_QUESTION = "Is there any pain or tingling spreading down a leg?"
WORSE_CHECK_QUESTION = (
    "Is your pain now 2 or more points worse than when you started (you said {before} out of 10)?"
)


#: The third question once a rise has been reported: only a further rise counts again.
WORSE_AGAIN_QUESTION = (
    "Has your pain gone up by 2 or more points again since you told me it rose "
    "(to about {level} out of 10)?"
)


def worse_check_question(before: int) -> str:
    """The third check-in question, naming the pain the person started with."""
    return WORSE_CHECK_QUESTION.format(before=before)


def worse_again_question(level: int) -> str:
    """The third check-in question after a reported rise, naming the pain it rose to: pain
    that simply stays at that level is not a second report."""
    return WORSE_AGAIN_QUESTION.format(level=level)


#: Said when a check-in finds pain or tingling spreading down a leg: the routine ends at once.
LEG_SYMPTOMS_END_MESSAGE = (
    "Pain or tingling spreading down a leg is a sign to stop, so we will stop here for today. "
    "Rest in a position that feels comfortable and move gently as you can. If it does not "
    "settle, or your leg feels weak or numb, see a doctor or physiotherapist (the same day if "
    "the leg is getting weaker). Call your local emergency number straight away if you notice "
    "new numbness around your bottom or genitals, new trouble controlling your bladder or "
    "bowels (peeing or pooing), or weakness in both legs."
)

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
        "(peeing or pooing), stop and call your local emergency number now."
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


#: Directions of movement, in the order they are named, and how each is said after a pain
#: report: (of one exercise, of several) — "it bends forward", "both bend forward".
DIRECTION_WORDS: dict[str, tuple[str, str]] = {
    "forward-bending": ("bends forward", "bend forward"),
    "backward-bending": ("bends backward", "bend backward"),
    "twisting": ("twists", "twist"),
    "side-bending": ("bends to the side", "bend to the side"),
}
#: Why a later exercise changed when the one that hurt has no direction of movement
#: (breathing, resting): it is of the same kind.
SAME_KIND = "same-kind"
#: Why a later exercise changed when it is the very exercise that hurt (it never comes back).
SAME_EXERCISE = "same-exercise"


@dataclass(frozen=True)
class PainChange:
    """One later exercise changed after a pain report: left out, or eased to another.

    ``reasons`` are the directions of movement it shares with the one that hurt (keys of
    DIRECTION_WORDS), or SAME_KIND, or SAME_EXERCISE.
    """

    name: str
    reasons: tuple[str, ...]
    eased_to: str | None = None  # the easier exercise's name; None when left out


def _why(reasons: tuple[str, ...], n: int) -> str:
    """'it bends forward like the one that hurt', 'both twist ...', 'all are the same kind ...'."""
    subject = "it" if n == 1 else "both" if n == 2 else "all"
    if SAME_EXERCISE in reasons:
        return "it is the one that hurt" if n == 1 else "they are the one that hurt"
    if SAME_KIND in reasons:
        verb = "is" if n == 1 else "are"
        return f"{subject} {verb} the same kind of exercise as the one that hurt"
    verbs = [DIRECTION_WORDS[r][0 if n == 1 else 1] for r in DIRECTION_WORDS if r in reasons]
    return f"{subject} {' and '.join(verbs)} like the one that hurt"


def _why_eased(reasons: tuple[str, ...]) -> str:
    """'twists like the one that hurt' (said in brackets after the swap)."""
    if SAME_EXERCISE in reasons:
        return "the one that hurt"
    if SAME_KIND in reasons:
        return "the same kind of exercise as the one that hurt"
    return _why(reasons, 1).removeprefix("it ")


def _left_out_text(changes: list[PainChange]) -> str:
    """'Left out: A, B — both bend forward like the one that hurt; C — it twists like ...'."""
    groups: dict[tuple[str, ...], list[str]] = {}
    for change in changes:
        groups.setdefault(change.reasons, []).append(change.name)
    parts = [
        f"{', '.join(names)} — {_why(reasons, len(names))}" for reasons, names in groups.items()
    ]
    return f"Left out: {'; '.join(parts)}."


def _eased_text(changes: list[PainChange]) -> str:
    """'Eased: Knee rolls becomes Pelvic tilt (twists like the one that hurt).'"""
    parts = [f"{c.name} becomes {c.eased_to} ({_why_eased(c.reasons)})" for c in changes]
    return f"Eased: {'; '.join(parts)}."


def pain_change_text(
    *,
    changes: Sequence[PainChange],
    remaining: int,
    directions: Sequence[str] = (),
    dose_changed: bool = False,
) -> str:
    """The calm acknowledgement of a pain report, naming what changed in the rest of the
    routine and why.

    ``remaining`` is how many exercises are still to do after the changes; ``directions``
    are the directions of movement of the exercise that hurt (none: it was eased by kind).
    ``dose_changed``: a line saying the rest is gentler follows, so nothing "stays as planned".
    """
    left_out = [c for c in changes if c.eased_to is None]
    swapped = [c for c in changes if c.eased_to is not None]
    named = [_left_out_text(left_out)] if left_out else []
    named += [_eased_text(swapped)] if swapped else []
    if not remaining:
        return " ".join([PAIN_THANKS, "That was the last exercise for today.", *named])
    if named:
        return " ".join([PAIN_THANKS, "The rest of the routine is now gentler.", *named])
    how = [DIRECTION_WORDS[d][0] for d in DIRECTION_WORDS if d in directions]
    if how:
        same = f"Nothing still to come {' or '.join(how)} like the one that hurt"
    else:
        same = "The exercises still to come are of a different kind"
    stay = "" if dose_changed else ", so they stay as planned"
    return (
        f"{PAIN_THANKS} {same}{stay}. Go gently, and press Ctrl-C to skip any that do not "
        "feel right."
    )
