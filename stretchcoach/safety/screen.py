"""The warning-sign screen: every question, when it is asked, and the decision it leads to.

Written so a clinician can review it without reading other code (clinical facts 1.2 as
corrected by 7.3):

* one idea per question, phrased so that yes is the concern;
* emergency items ask about what is new or getting worse, and no "already checked" answer
  ever excuses saddle, bladder, bowel or sexual symptoms;
* a question may be a follow-up, asked only after certain answers (``when`` in words);
* the decision is the most serious tier answered yes: ``emergency`` (call the emergency
  number), ``urgent`` (no exercise today, see a doctor today), ``gentle`` (see someone soon;
  gentle routine only) or ``clear``. ``info`` questions change nothing on their own.

Pure: ``next_question`` and ``decide`` take answers and return data.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Literal

from stretchcoach.safety import clear_message, soon_message

Tier = Literal["emergency", "urgent", "soon", "info"]
Decision = Literal["clear", "gentle", "urgent", "emergency"]


@dataclass(frozen=True)
class Context:
    """What decides which questions are asked besides the answers themselves."""

    conditions: frozenset[str] = frozenset()
    #: Screen answers remembered from earlier sessions, e.g. "cancer-checked".
    remembered: frozenset[str] = frozenset()


Answers = Mapping[str, bool]
When = Callable[[Answers, Context], bool]


def _always(answers: Answers, ctx: Context) -> bool:
    return True


def _yes(*ids: str) -> When:
    return lambda answers, ctx: any(answers.get(i) for i in ids)


def _has(*conditions: str) -> When:
    return lambda answers, ctx: bool(ctx.conditions & set(conditions))


@dataclass(frozen=True)
class Question:
    """One yes/no screen question.

    ``asked_when`` says in words when it is asked (``when`` is the same rule as code).
    ``exempts``: a yes here cancels a yes to these questions (seen by a doctor, unchanged).
    ``advice``: what to say when this question decides the outcome, if not its tier's usual.
    ``every_session``: with one of these conditions, asked at every session, not only when
    the full screen is due.
    """

    id: str
    text: str
    tier: Tier
    asked_when: str = "every screen"
    when: When = _always
    exempts: tuple[str, ...] = ()
    advice: str | None = None
    every_session: frozenset[str] = frozenset()
    follow_ups: tuple[str, ...] = field(default=(), compare=False)


# --------------------------------------------------------------------------- advice

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
    "contact your doctor's surgery for an urgent appointment; if it is closed, call your "
    "out-of-hours service (in the UK, NHS 111). If things suddenly get worse, call your local "
    "emergency number. stretchcoach cannot tell what is causing it."
)
CANCER_URGENT_MESSAGE = (
    "Please do not exercise today. Because you have had cancer, back pain like this should be "
    "checked within 24 hours: contact your cancer team's acute oncology line, or your GP. If "
    "you also notice new weakness or numbness in your legs, or a change in your bladder or "
    "bowels (peeing or pooing), call your local emergency number."
)
CANCER_SPREAD_MESSAGE = (
    "Because your cancer has reached your spine or bones, or you have myeloma, please ask "
    "your cancer team which exercises are safe for you before using a general routine like "
    "this one. If your back pain is new or getting worse, contact their acute oncology line "
    "today. If you notice new weakness or numbness in your legs, or trouble with your bladder "
    "or bowels (peeing or pooing), call your local emergency number now."
)
CANCER_UNCHECKED_MESSAGE = (
    "Because you have had cancer, please mention this back pain to your GP or cancer team "
    "soon. Until a doctor who knows your history has checked it, only the gentle routine is "
    "offered."
)
CANCER_FIRST_CHECKED_MESSAGE = (
    "Thank you. As a doctor who knows your history has checked this pain, today's routine is "
    "the gentle one; next time you will only be asked whether anything has changed."
)
FRACTURE_MESSAGE = (
    "Please do not exercise today. Sudden back pain after a minor fall, lift or cough can "
    "mean a bone in the spine has broken, especially with fragile bones, steroid tablets, "
    "older age or spondyloarthritis. Get it checked today: go to an urgent treatment centre "
    "or emergency department, or contact your doctor's surgery (in the UK, NHS 111)."
)
ONE_LEG_WEAKER_MESSAGE = (
    "Please do not exercise today. A leg that is getting weaker should be checked by a doctor "
    "today: contact your doctor's surgery for an urgent appointment (in the UK, NHS 111). If "
    "both legs become weak, or you notice numbness around your bottom or a change in your "
    "bladder or bowels (peeing or pooing), call your local emergency number."
)
PREGNANCY_NO_EXERCISE_MESSAGE = (
    "Please leave these exercises until your midwife or doctor has said that exercise is "
    "right for you. Ask them which movements suit your pregnancy; if anything feels wrong, "
    "contact your maternity unit."
)
RA_NECK_MESSAGE = (
    "Please do not exercise today. With rheumatoid arthritis, neck pain together with tingling "
    "or clumsy hands, or a change in balance, should be checked by a doctor today: contact "
    "your rheumatology team's advice line or your doctor's surgery (in the UK, NHS 111)."
)
AFTER_PROCEDURE_MESSAGE = (
    "This needs urgent medical attention. Stop now and do no exercises. After an operation or "
    "injection on the spine, these signs need checking today: call the team who did the "
    "procedure straight away, or your local emergency number (for example 999, 112 or 911)."
)

_TIER_ADVICE: dict[str, str] = {"emergency": EMERGENCY_MESSAGE, "urgent": URGENT_MESSAGE}

# --------------------------------------------------------------------------- the questions

_PREGNANT = frozenset({"pregnant"})
_FRAGILE = frozenset({"osteoporosis", "spondyloarthritis"})
_CES = "Asked of everyone. Never excused by an earlier check."
_PREG = "Every session when pregnant, whatever the cause."
_CANCER_FLAGS = ("cancer-new", "cancer-sleep", "cancer-tender")
_SOON = (
    "soon-one-leg",
    "soon-weeks",
    "soon-daily-life",
    "soon-worse",
    "soon-worried",
    "soon-first-onset",
    "soon-stiffness",
)


def _cancer_unchecked(answers: Answers, ctx: Context) -> bool:
    """Cancer, not spread to the spine, and not 'checked by a doctor and unchanged'."""
    if "cancer-checked" in ctx.remembered:
        return bool(answers.get("cancer-changed"))
    if not answers.get("cancer") or answers.get("cancer-spread"):
        return False
    return not answers.get("cancer-checked") or bool(answers.get("cancer-changed"))


QUESTIONS: tuple[Question, ...] = (
    # ----- emergency: call the emergency number now
    Question(
        "saddle",
        "Do you have new numbness or tingling around your genitals, bottom or inner thighs "
        "(where you would sit on a bike saddle)?",
        "emergency",
        _CES,
    ),
    *(
        Question(qid, text, "emergency", _CES)
        for qid, text in (
            ("bladder-start", "Is it newly hard to start peeing?"),
            ("bladder-feeling", "Have you newly lost the feeling that your bladder is full?"),
            ("bladder-none", "Are you unable to pee at all?"),
            ("bladder-leak", "Are you newly leaking pee without feeling it happen?"),
            ("bowel", "Have you newly lost control of your bowels?"),
            ("bowel-feeling", "Have you newly lost the feeling that you need to poo?"),
            (
                "sexual",
                "Since this back pain began, have you suddenly lost feeling in your genitals, or "
                "suddenly been unable to get an erection?",
            ),
            ("legs-weaker", "Are both of your legs newly getting weaker?"),
        )
    ),
    Question(
        "legs-both",
        "Is pain, numbness or tingling in both of your legs new, or getting worse?",
        "emergency",
        follow_ups=("legs-both-checked",),
    ),
    Question(
        "legs-both-checked",
        "Has a doctor already checked the symptoms in both legs, and have they stayed the same "
        "since?",
        "info",
        "after a yes to legs-both; a yes excuses legs-both only",
        _yes("legs-both"),
        exempts=("legs-both",),
    ),
    Question(
        "trauma",
        "In the last few weeks, has your back pain started or got worse after a serious "
        "accident, such as a car crash or a fall from a height?",
        "emergency",
    ),
    Question(
        "chest",
        "Do you have chest pain now, or chest pain that is new for you?",
        "emergency",
        "every screen, and every session when pregnant",
        every_session=_PREGNANT,
    ),
    Question(
        "procedure",
        "Have you had an operation or an injection on your spine in the last 3 months?",
        "info",
        follow_ups=("procedure-problems", "infection-new-pain"),
    ),
    Question(
        "procedure-problems",
        "Since then, have you had a new fever, severe new back pain, new weakness or numbness "
        "in a leg, or a change in your bladder?",
        "emergency",
        "after a yes to procedure",
        _yes("procedure"),
        advice=AFTER_PROCEDURE_MESSAGE,
    ),
    # ----- pregnancy warning signs (ACOG), every session
    *(
        Question(
            qid,
            text,
            "emergency",
            _PREG,
            _has("pregnant"),
            advice=PREGNANCY_WARNING_MESSAGE,
            every_session=_PREGNANT,
        )
        for qid, text in (
            ("preg-bleeding", "Are you bleeding from your vagina?"),
            ("preg-fluid", "Is watery fluid leaking or gushing from your vagina?"),
            ("preg-contractions", "Are you having regular, painful tightenings or contractions?"),
            (
                "preg-movement",
                "If you have started to feel your baby move, is it moving less than usual?",
            ),
            ("preg-breathless", "Are you short of breath before you have even started?"),
            ("preg-dizzy", "Do you feel dizzy or faint?"),
            (
                "preg-headache",
                "Do you have a bad headache that will not go away, or blurred vision?",
            ),
            ("preg-weakness", "Do you have muscle weakness that upsets your balance?"),
            ("preg-calf", "Do you have pain or swelling in one of your calves?"),
        )
    ),
    # ----- urgent: no exercise today, see a doctor today
    Question(
        "one-leg-weaker",
        "Is one leg getting weaker, for example tripping, or a foot that drags or slaps down?",
        "urgent",
        advice=ONE_LEG_WEAKER_MESSAGE,
    ),
    *(
        Question(
            qid,
            text,
            "urgent",
            "Every session with rheumatoid arthritis, whatever the cause.",
            _has("rheumatoid-arthritis"),
            advice=RA_NECK_MESSAGE,
            every_session=frozenset({"rheumatoid-arthritis"}),
        )
        for qid, text in (
            ("ra-neck", "Are your hands newly tingling or numb?"),
            ("ra-neck-clumsy", "Have your hands become newly clumsy, for example with buttons?"),
            ("ra-neck-balance", "Has your balance or walking newly got worse?"),
        )
    ),
    Question(
        "axspa-fall",
        "Since a fall or knock, even a minor one, do you have new pain in your spine or neck?",
        "urgent",
        "Every session with spondyloarthritis.",
        _has("spondyloarthritis"),
        advice=FRACTURE_MESSAGE,
        every_session=frozenset({"spondyloarthritis"}),
    ),
    Question(
        "fracture",
        "In the last few weeks, has your back pain started, or suddenly got worse, after a "
        "minor fall, lifting something, or a cough or sneeze?",
        "urgent",
        "every screen with osteoporosis (or long-term steroids) or spondyloarthritis",
        _has(*_FRAGILE),
        advice=FRACTURE_MESSAGE,
    ),
    Question(
        "fracture-minor",
        "In the last few weeks, has your back pain started, or suddenly got worse, after a "
        "minor fall, lifting something, or a cough or sneeze?",
        "info",
        "every screen without osteoporosis or spondyloarthritis",
        lambda answers, ctx: not ctx.conditions & _FRAGILE,
        follow_ups=("fracture-age",),
    ),
    Question(
        "fracture-age",
        "Are you 65 or older?",
        "urgent",
        "after a yes to fracture-minor",
        _yes("fracture-minor"),
        advice=FRACTURE_MESSAGE,
    ),
    Question(
        "cancer",
        "Have you ever had cancer, other than a small skin cancer that was removed and was not "
        "a melanoma?",
        "info",
        "every screen, unless a doctor's check of this pain is remembered",
        lambda answers, ctx: "cancer-checked" not in ctx.remembered,
        follow_ups=("cancer-spread", "cancer-checked", "cancer-changed", *_CANCER_FLAGS),
    ),
    Question(
        "cancer-spread",
        "Has your cancer team told you it has spread to your spine or bones, or do you have "
        "myeloma?",
        "urgent",
        "after a yes to cancer",
        lambda answers, ctx: "cancer-checked" not in ctx.remembered and bool(answers.get("cancer")),
        advice=CANCER_SPREAD_MESSAGE,
    ),
    Question(
        "cancer-checked",
        "Has a doctor who knows about your cancer checked this back pain?",
        "info",
        "after a yes to cancer (not spread); a yes is remembered",
        lambda answers, ctx: (
            "cancer-checked" not in ctx.remembered
            and bool(answers.get("cancer"))
            and answers.get("cancer-spread") is False
        ),
    ),
    Question(
        "cancer-changed",
        "Has anything about your back pain changed since a doctor who knows about your cancer "
        "checked it?",
        "info",
        "after a yes to cancer-checked, or every screen once that check is remembered",
        lambda answers, ctx: (
            "cancer-checked" in ctx.remembered or bool(answers.get("cancer-checked"))
        ),
    ),
    *(
        Question(
            qid,
            text,
            "urgent",
            "after a yes to cancer, unless checked by a doctor and unchanged",
            _cancer_unchecked,
            advice=CANCER_URGENT_MESSAGE,
        )
        for qid, text in (
            ("cancer-new", "Is this back pain new for you, different from before, or worse?"),
            ("cancer-sleep", "Is the pain stopping you from sleeping?"),
            ("cancer-tender", "Is there a spot on your spine that hurts when you press it?"),
        )
    ),
    Question(
        "fever", "Do you have a high temperature (38 °C / 100.4 °F or more) or shivers?", "urgent"
    ),
    Question(
        "weight-loss",
        "Have you lost weight recently without trying (not from dieting or having a baby)?",
        "urgent",
    ),
    Question(
        "night-pain",
        "Is your pain there all the time, so that no rest or position eases it at all?",
        "urgent",
    ),
    Question(
        "upper-back",
        "Is the pain mainly high up, between your shoulder blades, rather than low down?",
        "urgent",
    ),
    Question(
        "cough",
        "Does coughing, sneezing or straining on the toilet make the pain much worse?",
        "urgent",
    ),
    Question(
        "lump",
        "Is there a new lump or swelling on your back, or has the shape of your spine changed?",
        "urgent",
    ),
    Question(
        "immune",
        "Is your immune system weakened, for example by methotrexate, biologic injections or "
        "drips, steroid tablets or cancer treatment?",
        "info",
        follow_ups=("infection-new-pain",),
    ),
    Question(
        "injecting",
        "Do you inject drugs that were not prescribed for you?",
        "info",
        follow_ups=("infection-new-pain",),
    ),
    Question(
        "infection-new-pain",
        "Is this back pain new and constant?",
        "urgent",
        "after a yes to immune, injecting or procedure",
        _yes("immune", "injecting", "procedure"),
    ),
    Question(
        "preg-no-exercise",
        "Has your midwife or doctor told you not to exercise, or said your pregnancy is high-risk?",
        "urgent",
        "every session when pregnant",
        _has("pregnant"),
        advice=PREGNANCY_NO_EXERCISE_MESSAGE,
        every_session=_PREGNANT,
    ),
    # ----- see soon: book an appointment; gentle routine until then
    *(
        Question(qid, text, "soon", follow_ups=("soon-seen",))
        for qid, text in (
            ("soon-one-leg", "Have you had numbness or tingling in one leg for more than a week?"),
            ("soon-weeks", "Has this pain lasted more than a few weeks without getting better?"),
            ("soon-daily-life", "Is the pain stopping you doing your normal daily activities?"),
            ("soon-worse", "Has the pain been getting worse over time?"),
            ("soon-worried", "Is the pain worrying you a lot, or making it hard to cope?"),
            (
                "soon-first-onset",
                "Is this your first-ever back pain, and are you under 20 or over 50?",
            ),
        )
    ),
    Question(
        "soon-stiffness",
        "Is your back stiff for more than half an hour each morning, easing as you move?",
        "soon",
        "every screen, except with rheumatoid arthritis or spondyloarthritis (already known)",
        lambda answers, ctx: not ctx.conditions & {"rheumatoid-arthritis", "spondyloarthritis"},
        follow_ups=("soon-seen",),
    ),
    Question(
        "soon-seen",
        "Have you already seen a doctor or physiotherapist about this, and is it unchanged since?",
        "info",
        "after a yes to any see-soon question; a yes excuses them all except getting worse",
        _yes(*_SOON),
        exempts=tuple(q for q in _SOON if q != "soon-worse"),
    ),
)

BY_ID: dict[str, Question] = {q.id: q for q in QUESTIONS}
#: Asked in every session (pregnancy warning signs, RA neck), even when the screen is not due.
EVERY_SESSION = frozenset(q.id for q in QUESTIONS if q.every_session)


def every_session(ctx: Context) -> frozenset[str]:
    """The questions asked at every session for this person's conditions."""
    return frozenset(q.id for q in QUESTIONS if q.every_session & ctx.conditions)


#: Symptoms that no earlier check can ever excuse (cauda equina signs).
NEVER_EXCUSED = frozenset(
    {"saddle", "bladder-start", "bladder-feeling", "bladder-none", "bladder-leak"}
    | {"bowel", "bowel-feeling", "sexual", "legs-weaker"}
)

_RANK: dict[str, int] = {"clear": 0, "gentle": 1, "urgent": 2, "emergency": 3}
_TIER_DECISION: dict[str, Decision] = {
    "emergency": "emergency",
    "urgent": "urgent",
    "soon": "gentle",
}


@dataclass(frozen=True)
class Outcome:
    """What the answers lead to: the decision, the question ids behind it, and the advice."""

    decision: Decision
    because: tuple[str, ...] = ()
    advice: str = ""
    asked: tuple[str, ...] = ()

    @property
    def stops(self) -> bool:
        """No routine today (emergency or urgent)."""
        return self.decision in ("emergency", "urgent")

    @property
    def gentle_only(self) -> bool:
        return self.decision == "gentle"

    def to_dict(self) -> dict[str, object]:
        """The documented JSON of ``stretchcoach screen --answers``."""
        return {
            "decision": self.decision,
            "because": list(self.because),
            "advice": self.advice,
            "asked": list(self.asked),
        }


_STOP_TIERS = frozenset({"emergency", "urgent"})


def _excusers(q: Question) -> list[str]:
    """Questions whose yes could excuse ``q``."""
    return [other.id for other in QUESTIONS if q.id in other.exempts]


def _excused(asked: list[Question], answers: Answers) -> set[str]:
    """Ids excused by a yes to an "already checked, unchanged" question (never CES signs)."""
    return {e for q in asked if answers.get(q.id) for e in q.exempts} - NEVER_EXCUSED


def _blocks(asked: list[Question], answers: Answers, ctx: Context) -> bool:
    """Whether a yes so far stops the screen: emergency or urgent, not excused, and no
    follow-up that could still excuse it is left to ask."""
    asked_ids = {q.id for q in asked}
    excused = _excused(asked, answers)
    for q in asked:
        if q.tier in _STOP_TIERS and answers.get(q.id) and q.id not in excused:
            pending = [
                x for x in _excusers(q) if x not in asked_ids and BY_ID[x].when(answers, ctx)
            ]
            if not pending:
                return True
    return False


def _walk(
    answers: Answers,
    ctx: Context,
    *,
    only: frozenset[str] | None = None,
    missing_as_no: bool = False,
) -> tuple[list[Question], Question | None]:
    """(questions asked so far, in order; the next one to ask, or None when done).

    A yes that stops the screen ends it at once, unless the "already checked" follow-up
    that could excuse it comes next. ``only`` limits the walk to those ids. With
    ``missing_as_no`` an unanswered question counts as a no instead of ending the walk.
    """
    asked: list[Question] = []
    for q in QUESTIONS:
        if (only is not None and q.id not in only) or not q.when(answers, ctx):
            continue
        if q.id not in answers and not missing_as_no:
            return asked, q
        asked.append(q)
        if _blocks(asked, answers, ctx):
            return asked, None
    return asked, None


def next_question(
    answers: Answers, ctx: Context = Context(), *, only: frozenset[str] | None = None
) -> Question | None:
    """The next question to ask given the answers so far, or None when the screen is done.

    For scripted answers, a question returned here is one that would be asked but has no
    answer.
    """
    return _walk(answers, ctx, only=only)[1]


def decide(
    answers: Answers,
    ctx: Context = Context(),
    *,
    severity: int | None = None,
    only: frozenset[str] | None = None,
) -> Outcome:
    """The decision for these answers: the most serious tier answered yes and not excused.

    Only questions that would be asked count; a missing answer counts as no (callers that
    need every answer check ``next_question`` first). With the pain score, the all-clear and
    see-soon advice never promise a routine the pain band rules out.
    """
    asked, _ = _walk(answers, ctx, only=only, missing_as_no=True)
    excused = _excused(asked, answers)
    yes = [q for q in asked if answers.get(q.id) and q.id not in excused]
    ids = tuple(q.id for q in asked)
    flagged: list[tuple[Decision, Question]] = [
        (_TIER_DECISION[q.tier], q) for q in yes if q.tier in _TIER_DECISION
    ]
    cancer_gentle = _cancer_gentle(answers, ctx, asked)
    if not flagged:
        if cancer_gentle:
            return Outcome("gentle", (cancer_gentle[0],), cancer_gentle[1], ids)
        return Outcome("clear", (), clear_message(severity), ids)
    top = max(_RANK[d] for d, _ in flagged)
    worst = [q for d, q in flagged if _RANK[d] == top]
    decision: Decision = next(d for d, _ in flagged if _RANK[d] == top)
    because = tuple(q.id for q in worst)
    if decision == "gentle":
        return Outcome("gentle", because, soon_message(severity), ids)
    advices = [q.advice for q in worst if q.advice]
    if len(advices) < len(worst):
        usual = _TIER_ADVICE[decision]
        if decision == "urgent" and (answers.get("cancer") or "cancer-checked" in ctx.remembered):
            usual = CANCER_URGENT_MESSAGE
        advices.append(usual)
    return Outcome(decision, because, "\n".join(dict.fromkeys(advices)), ids)


def _cancer_gentle(answers: Answers, ctx: Context, asked: list[Question]) -> tuple[str, str] | None:
    """(question id, advice) when cancer allows only the gentle routine today, else None.

    Gentle until a doctor who knows the history has checked the pain; gentle the first time
    after that check; clear afterwards while nothing changes; gentle again once it changes.
    """
    asked_ids = {q.id for q in asked}
    if "cancer-changed" in asked_ids and answers.get("cancer-changed"):
        return "cancer-changed", CANCER_UNCHECKED_MESSAGE
    if "cancer-checked" in ctx.remembered or "cancer-checked" not in asked_ids:
        return None
    if not answers.get("cancer-checked"):
        return "cancer-checked", CANCER_UNCHECKED_MESSAGE
    return "cancer-checked", CANCER_FIRST_CHECKED_MESSAGE


def remember(answers: Answers, ctx: Context) -> frozenset[str]:
    """Screen answers worth keeping: a doctor's check of the pain with cancer, unchanged."""
    if (
        "cancer-checked" not in ctx.remembered
        and answers.get("cancer-checked")
        and answers.get("cancer-changed") is False
    ):
        return frozenset({"cancer-checked"})
    return frozenset()


def forget(answers: Answers, ctx: Context) -> frozenset[str]:
    """Remembered answers that no longer hold (the pain has changed since the check)."""
    if "cancer-checked" in ctx.remembered and answers.get("cancer-changed"):
        return frozenset({"cancer-checked"})
    return frozenset()


def all_no_count(ctx: Context = Context(), *, only: frozenset[str] | None = None) -> int:
    """How many questions someone with these conditions answers when every answer is no."""
    answers: dict[str, bool] = {}
    while (question := next_question(answers, ctx, only=only)) is not None:
        answers[question.id] = False
    return len(answers)


def intro(ctx: Context = Context(), *, only: frozenset[str] | None = None) -> str:
    """What to say before the questions: how many, what they are for, how to answer."""
    count = all_no_count(ctx, only=only)
    what = (
        "They check for rare signs that need a doctor; most people answer no to all of them."
        if only is None
        else "They are the warning signs to check every day with your health notes."
    )
    return (
        f"Next, about {count} short yes/no questions. {what} "
        "Press y for yes or n for no; b goes back."
    )


def listing() -> list[dict[str, object]]:
    """Every question for ``screen --list``: id, text, tier, when it is asked, follow-ups."""
    return [
        {
            "id": q.id,
            "text": q.text,
            "tier": q.tier,
            "asked_when": q.asked_when,
            "follow_ups": list(q.follow_ups),
        }
        for q in QUESTIONS
    ]
