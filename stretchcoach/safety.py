"""Every safety rule and every sentence of safety wording, in one place so it is reviewed once.

Facts are drawn from the project's clinical reference notes and written in our own words.
stretchcoach gives general guidance, never a diagnosis.
"""

from __future__ import annotations

from dataclasses import dataclass


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
            "and contact your maternity unit at once for bleeding, leaking fluid, regular "
            "painful tightenings or less movement from your baby.",
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
            "after exercising, do less next time. Your rheumatology team or a physio can "
            "tailor a programme.",
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
    "stretchcoach gives general guidance about gentle exercise. It is not medical advice, "
    "cannot examine you and does not know your history, and it is no substitute for a doctor "
    "or physiotherapist. Check with one before starting if you are pregnant, have arthritis or "
    "another long-term condition, or have had back surgery. If your symptoms are severe, new or "
    "worrying, call your local emergency number."
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
