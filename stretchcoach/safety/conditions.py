"""Health notes: the conditions a routine must respect whatever the cause, and what each leaves out.

A clinician can read this module from top to bottom without reading any other code:

* ``CONDITIONS`` names each condition in plain words;
* ``HEALTH_QUESTIONS`` is what ``stretchcoach start`` (and ``health --ask``) asks, in order,
  and which condition a "yes" notes down;
* ``RULES`` is the one table of what each condition leaves out of a routine (positions and
  movements, as the catalogue tags them), or whether it allows only the gentle routine, or
  none at all, with the advice shown beside it.

Conditions are not causes: a pregnant person whose back hurts from long sitting is still
pregnant, so these rules apply whatever cause was chosen (clinical facts 7.1 and 7.2).
Pure data and plain functions: no terminal, no files, no clock.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from stretchcoach.errors import UsageError

if TYPE_CHECKING:
    from stretchcoach.catalogue import Exercise


@dataclass(frozen=True)
class Condition:
    """One health condition: its id, a short label and what it covers."""

    id: str
    label: str
    covers: str


CONDITIONS: dict[str, Condition] = {
    c.id: c
    for c in (
        Condition("pregnant", "Pregnant", "Pregnant, or could be."),
        Condition(
            "pelvic-girdle-pain",
            "Pelvic girdle pain",
            "Pain at the front or back of the pelvis when walking, on stairs, standing on one "
            "leg or turning in bed, in or after pregnancy.",
        ),
        Condition(
            "rheumatoid-arthritis",
            "Rheumatoid arthritis",
            "Rheumatoid arthritis, or a doctor has said the neck is unstable.",
        ),
        Condition(
            "spondyloarthritis",
            "Axial spondyloarthritis",
            "Axial spondyloarthritis (ankylosing spondylitis).",
        ),
        Condition(
            "osteoporosis",
            "Osteoporosis or fragile bones",
            "Osteoporosis, a previous spinal (vertebral) fracture, or steroid tablets for 3 "
            "months or more.",
        ),
        Condition(
            "hip-replacement",
            "Recent hip replacement",
            "A hip replacement in about the last 3 months, or whose precautions the surgeon "
            "has not yet lifted.",
        ),
        Condition(
            "recent-back-surgery",
            "Recent back surgery",
            "Back surgery in the last 3 months, or not yet cleared by the surgical team.",
        ),
        Condition(
            "par-q",
            "Check with a doctor first",
            "A yes to a PAR-Q+ health question (heart, chest pain, dizziness, another long-term "
            "condition or its medicines, or a joint problem made worse by activity), not yet "
            "cleared by a doctor or qualified exercise professional.",
        ),
        Condition(
            "supervised-only",
            "Supervised exercise only",
            "A doctor has said to exercise only under medical supervision.",
        ),
    )
}

#: Choosing one of these causes means the person has that condition too.
IMPLIED_BY_CAUSE: dict[str, str] = {"pregnancy": "pregnant", "arthritis": "rheumatoid-arthritis"}

#: Typed in ``--condition none``: the person has none of the conditions.
NONE = "none"


# --------------------------------------------------------------------------- the questions


@dataclass(frozen=True)
class HealthQuestion:
    """A yes/no health-notes question.

    ``notes``: the condition a yes notes down. ``after``: asked only when one of these was
    answered yes. ``clears``: a yes here lifts the condition its parents noted (a doctor has
    cleared the person). ``weeks``: a yes is followed by "how many weeks?".
    """

    id: str
    text: str
    notes: str | None = None
    after: tuple[str, ...] = ()
    clears: str | None = None
    weeks: bool = False


#: The PAR-Q+ (2023) questions whose yes means "check with a doctor first" until cleared.
PARQ_IDS = ("parq-heart", "parq-chest", "parq-dizzy", "parq-other", "parq-medicines", "parq-joint")

HEALTH_QUESTIONS: tuple[HealthQuestion, ...] = (
    HealthQuestion("pregnant", "Are you pregnant, or could you be?", "pregnant", weeks=True),
    HealthQuestion(
        "pelvic-girdle-pain",
        "During or since a pregnancy, have you had pain at the front or back of your pelvis "
        "when you walk, climb stairs, stand on one leg or turn over in bed?",
        "pelvic-girdle-pain",
    ),
    HealthQuestion(
        "rheumatoid-arthritis",
        "Do you have rheumatoid arthritis, or has a doctor said your neck is unstable?",
        "rheumatoid-arthritis",
    ),
    HealthQuestion(
        "spondyloarthritis",
        "Do you have axial spondyloarthritis (also called ankylosing spondylitis)?",
        "spondyloarthritis",
    ),
    HealthQuestion(
        "osteoporosis", "Do you have osteoporosis (thin, fragile bones)?", "osteoporosis"
    ),
    HealthQuestion(
        "spinal-fracture",
        "Have you ever broken a bone in your spine (a vertebral fracture)?",
        "osteoporosis",
    ),
    HealthQuestion(
        "steroids",
        "Have you taken steroid tablets, such as prednisolone, for 3 months or more?",
        "osteoporosis",
    ),
    HealthQuestion("hip-replacement", "Have you had a hip replacement?"),
    HealthQuestion(
        "hip-recent",
        "Was your hip replacement in the last 3 months?",
        "hip-replacement",
        after=("hip-replacement",),
    ),
    HealthQuestion(
        "hip-precautions",
        "Has your surgeon or physiotherapist told you about hip movements to avoid that still "
        "apply?",
        "hip-replacement",
        after=("hip-replacement",),
    ),
    HealthQuestion("back-surgery", "Have you had an operation on your back?"),
    HealthQuestion(
        "back-surgery-recent",
        "Was your back operation in the last 3 months?",
        "recent-back-surgery",
        after=("back-surgery",),
    ),
    HealthQuestion(
        "back-surgery-not-cleared",
        "Has your surgical team told you not to exercise on your own yet?",
        "recent-back-surgery",
        after=("back-surgery",),
    ),
    HealthQuestion(
        "parq-heart",
        "Has a doctor ever said you have a heart condition or high blood pressure?",
        "par-q",
    ),
    HealthQuestion(
        "parq-chest",
        "Has a doctor checked chest pain that you get at rest, in daily activities or when you "
        "are active?",
        "par-q",
    ),
    HealthQuestion(
        "parq-dizzy",
        "In the last 12 months, have you lost your balance because of dizziness, or fainted?",
        "par-q",
    ),
    HealthQuestion(
        "parq-other",
        "Do you have another long-term medical condition, apart from any mentioned above?",
        "par-q",
    ),
    HealthQuestion(
        "parq-medicines",
        "Do you take prescribed medicines for a long-term condition not mentioned above?",
        "par-q",
    ),
    HealthQuestion(
        "parq-joint",
        "Apart from your back, do you have a bone, joint or muscle problem that gets worse "
        "when you are more active?",
        "par-q",
    ),
    HealthQuestion(
        "parq-cleared",
        "Has a doctor or a qualified exercise professional said you can exercise on your own "
        "with these?",
        after=PARQ_IDS,
        clears="par-q",
    ),
    HealthQuestion(
        "supervised-only",
        "Has a doctor said you should only exercise under medical supervision?",
        "supervised-only",
    ),
)

HEALTH_BY_ID: dict[str, HealthQuestion] = {q.id: q for q in HEALTH_QUESTIONS}

#: Asked after a yes to the pregnancy question.
WEEKS_QUESTION = "How many weeks pregnant are you? Type 0 if you are not sure."
HEALTH_INTRO = (
    "A few questions about your health, so the routine avoids what does not suit you. "
    "They come back every 28 days. Answer y for yes or n for no; b goes back."
)
HEALTH_CONFIRM = "Press Enter if these are still right, or c to change them."


def health_questions_due(answers: Mapping[str, bool]) -> list[HealthQuestion]:
    """The health questions that apply given the answers so far, in the order asked."""
    return [
        q for q in HEALTH_QUESTIONS if not q.after or any(answers.get(parent) for parent in q.after)
    ]


def conditions_from(answers: Mapping[str, bool]) -> frozenset[str]:
    """The conditions the answers note down (a "cleared" yes lifts its condition)."""
    asked = health_questions_due(answers)
    found = {q.notes for q in asked if q.notes and answers.get(q.id)}
    for q in asked:
        if q.clears and answers.get(q.id):
            found.discard(q.clears)
    return frozenset(found)


# --------------------------------------------------------------------------- the rules

Routine = Literal["any", "gentle", "none"]

#: Plain words for catalogue positions and movement tags, used in notes and the rules table.
POSITION_WORDS: dict[str, str] = {
    "standing": "standing",
    "seated": "sitting",
    "kneeling": "kneeling",
    "all-fours": "on hands and knees",
    "side-lying": "lying on your side",
    "prone": "lying on your front",
    "supine": "lying on your back",
}
MOVEMENT_WORDS: dict[str, str] = {
    "flexion": "bending forward",
    "extension": "arching backward",
    "rotation": "twisting",
    "side-bend": "bending sideways",
    "neck-flexion": "letting the head hang, dropping the chin or nodding",
    "loaded-flexion": "curl-ups and deep or forced forward bends",
    "loaded-rotation": "twisting with force or leverage",
    "wide-knees": "knees wide apart",
    "split-stance": "lunging or half-kneeling",
    "single-leg": "balancing on one leg or one knee",
    "hip-crossing": "crossing the legs",
    "hip-rotation": "turning the hip in or out under load",
    "deep-hip-flexion": "bending the hip past a right angle",
}


@dataclass(frozen=True)
class Rule:
    """What one condition leaves out, how much routine it allows, and the advice with it."""

    condition: str
    positions: frozenset[str] = frozenset()
    movements: frozenset[str] = frozenset()
    routine: Routine = "any"
    advice: str = ""


RULES: dict[str, Rule] = {
    r.condition: r
    for r in (
        Rule(
            "pregnant",
            positions=frozenset({"supine", "prone"}),
            movements=frozenset({"loaded-flexion", "single-leg"}),
            advice="Stop and call your maternity unit for bleeding, leaking fluid, regular "
            "painful tightenings or your baby moving less. Breathe steadily and never hold your "
            "breath. To get up from lying, roll "
            "onto your side first. Pelvic-floor exercises are worth doing every day; your "
            "midwife can show you how.",
        ),
        Rule(
            "pelvic-girdle-pain",
            movements=frozenset({"wide-knees", "split-stance", "single-leg"}),
            advice="Keep your knees together when you move or turn over, put a pillow "
            "between your knees when you lie on your side, and plan your day so you get up, "
            "down and turn over less often. Tell your midwife or doctor: they can refer you "
            "to a physiotherapist.",
        ),
        Rule(
            "rheumatoid-arthritis",
            movements=frozenset({"neck-flexion"}),
            advice="Keep your head in line with your spine and never push your neck to the "
            "end of its range. On a flare day, keep to gentle movement within comfort and rest "
            "hot, swollen joints; if your joints hurt more two hours after exercising, do less "
            "next time.",
        ),
        Rule(
            "spondyloarthritis",
            advice="Gentle mobility of your spine and neck every day is one of the most helpful "
            "things you can do. A stiff spine is more easily injured: if you have new pain in "
            "your spine or neck after even a minor fall, get it checked the same day.",
        ),
        Rule(
            "osteoporosis",
            movements=frozenset({"loaded-flexion", "loaded-rotation"}),
            advice="In daily life, bend at your hips and knees rather than rounding your back, "
            "and avoid forceful twists. Strengthening your back muscles, your legs and your "
            "balance is good for your bones.",
        ),
        Rule(
            "hip-replacement",
            positions=frozenset({"prone", "side-lying", "kneeling", "all-fours"}),
            movements=frozenset(
                {"deep-hip-flexion", "hip-crossing", "hip-rotation", "split-stance"}
            ),
            advice="Until your surgeon lifts your hip precautions, follow their and your "
            "physiotherapist's instructions first: they know which approach was used. Do "
            "lying exercises on your bed rather than the floor until they say floor work is "
            "fine.",
        ),
        Rule(
            "recent-back-surgery",
            routine="none",
            advice="After recent back surgery, please follow the exercise programme your "
            "surgical team or physiotherapist gave you, not a general routine like this one, "
            "until they say you can exercise on your own.",
        ),
        Rule(
            "par-q",
            routine="gentle",
            advice="Because of your answers to the general health questions, please check with "
            "a doctor or a qualified exercise professional before you do more. Until then, "
            "only the gentle routine is offered. Once you have been cleared, run "
            "'stretchcoach health --ask' and say so.",
        ),
        Rule(
            "supervised-only",
            routine="none",
            advice="A doctor has said you should only exercise under medical supervision, so "
            "this tool offers no routine. Please follow the programme of the clinician who "
            "supervises you.",
        ),
    )
}

#: From this many weeks of pregnancy, going to sleep on the side matters (naps included).
SIDE_SLEEP_FROM_WEEKS = 28
SIDE_SLEEP_NOTE = (
    "From 28 weeks, go to sleep on your side, for naps too. If you wake up on your back, "
    "that is fine: just turn onto your side again."
)


def parse_conditions(values: Iterable[str]) -> frozenset[str] | None:
    """Read ``--condition`` values (repeatable, comma lists); None when none were given.

    ``none`` means "no conditions" and cannot be combined with others. Unknown ids, or
    ``none`` mixed with conditions, are usage errors listing the valid ids.
    """
    names = [part.strip().lower() for value in values for part in value.split(",") if part.strip()]
    if not names:
        return None
    valid = ", ".join([*CONDITIONS, NONE])
    unknown = [n for n in names if n != NONE and n not in CONDITIONS]
    if unknown:
        import difflib

        close = difflib.get_close_matches(unknown[0], [*CONDITIONS, NONE], n=1)
        hint = f" Did you mean {close[0]!r}?" if close else ""
        label = "condition" if len(unknown) == 1 else "conditions"
        raise UsageError(
            f"Unknown {label} {', '.join(repr(u) for u in unknown)} for --condition.{hint} "
            f"Choose from: {valid}."
        )
    if NONE in names and len(set(names)) > 1:
        raise UsageError(
            "--condition none means no health conditions, so it cannot be combined with "
            f"{', '.join(sorted(set(names) - {NONE}))}."
        )
    return frozenset(n for n in names if n != NONE)


def with_cause(conditions: Iterable[str], cause: str | None) -> frozenset[str]:
    """The conditions plus any the cause implies (pregnancy → pregnant, arthritis → RA)."""
    found = set(conditions)
    if cause in IMPLIED_BY_CAUSE:
        found.add(IMPLIED_BY_CAUSE[cause])
    return frozenset(found)


def ordered(conditions: Iterable[str]) -> list[str]:
    """Condition ids in the table's order (for output that reads the same every time)."""
    chosen = set(conditions)
    return [c for c in CONDITIONS if c in chosen]


def labels(conditions: Iterable[str]) -> str:
    """'Pregnant, Osteoporosis or fragile bones' (or 'none')."""
    names = [CONDITIONS[c].label for c in ordered(conditions)]
    return ", ".join(names) if names else "none"


def left_out_by(exercise: Exercise, conditions: Iterable[str]) -> list[tuple[str, str]]:
    """Why each condition leaves this exercise out: (condition id, plain reason); [] if none."""
    reasons: list[tuple[str, str]] = []
    for cid in ordered(conditions):
        rule = RULES[cid]
        if exercise.position in rule.positions:
            reasons.append((cid, POSITION_WORDS[exercise.position]))
            continue
        hits = [m for m in exercise.movements if m in rule.movements]
        if hits:
            reasons.append((cid, MOVEMENT_WORDS[hits[0]]))
    return reasons


def allows(exercise: Exercise, conditions: Iterable[str]) -> bool:
    """Whether no condition leaves this exercise out."""
    return not left_out_by(exercise, conditions)


def no_routine(conditions: Iterable[str]) -> list[str]:
    """The advice of each condition that allows no routine at all ([] when a routine may run)."""
    return [RULES[c].advice for c in ordered(conditions) if RULES[c].routine == "none"]


def gentle_only(conditions: Iterable[str]) -> bool:
    """Whether a condition allows only the gentle routine (e.g. PAR-Q not yet cleared)."""
    return any(RULES[c].routine == "gentle" for c in conditions)


def advice_for(conditions: Iterable[str], *, weeks: int | None = None) -> list[str]:
    """The advice that goes with a routine for these conditions, one line each."""
    out = [RULES[c].advice for c in ordered(conditions) if RULES[c].advice]
    if "pregnant" in set(conditions) and weeks is not None and weeks >= SIDE_SLEEP_FROM_WEEKS:
        out.append(SIDE_SLEEP_NOTE)
    return out


def rules_rows() -> list[dict[str, object]]:
    """The rules table as plain rows, for ``health --rules`` and docs/safety.md."""
    return [
        {
            "condition": cid,
            "label": CONDITIONS[cid].label,
            "covers": CONDITIONS[cid].covers,
            "routine": rule.routine,
            "positions_left_out": sorted(rule.positions),
            "movements_left_out": sorted(rule.movements),
            "advice": rule.advice,
        }
        for cid, rule in RULES.items()
    ]
