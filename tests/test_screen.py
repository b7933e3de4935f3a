"""The warning-sign screen (stretchcoach.safety.screen): every question, its decision, the walk.

Clinical facts 1.2 as corrected by 7.3: one idea per question; "already checked" never excuses
saddle, bladder, bowel, sexual or both-legs-weaker signs; cancer, fracture and pregnancy flows.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Mapping

import pytest

from stretchcoach.safety import CLEAR_MESSAGE, SOON_MESSAGE, screen
from stretchcoach.safety import conditions as health
from stretchcoach.safety.screen import (
    BY_ID,
    EVERY_SESSION,
    NEVER_EXCUSED,
    QUESTIONS,
    Context,
    Question,
    decide,
    forget,
    listing,
    next_question,
    remember,
)

NO_CONDITIONS = Context()
IDS = [q.id for q in QUESTIONS]
STOP_TIERS = ("emergency", "urgent")
SOON_IDS = [q.id for q in QUESTIONS if q.tier == "soon"]
ALL_CONDITIONS = tuple(health.CONDITIONS)


def walk(
    ctx: Context = NO_CONDITIONS,
    setup: Mapping[str, bool] | None = None,
    yes: Iterable[str] = (),
    *,
    only: frozenset[str] | None = None,
) -> tuple[dict[str, bool], list[str]]:
    """Answer the screen as a person would: ``setup`` first, then yes to ``yes``, no otherwise.

    Returns the answers and the ids in the order ``next_question`` asked them.
    """
    answers = dict(setup or {})
    wanted = set(yes)
    asked: list[str] = []
    while (q := next_question(answers, ctx, only=only)) is not None:
        assert q.id not in asked, f"{q.id} asked twice"
        asked.append(q.id)
        answers[q.id] = q.id in wanted
    return answers, asked


# --------------------------------------------------------------------------- decision table

E = "emergency"
U = "urgent"
G = "gentle"
C = "clear"

#: question id -> (conditions, answers that make it asked, decision, because, advice).
#: The question itself is answered yes and every other question asked is answered no.
#: ``advice`` None means "the usual words for the decision" (checked below).
EXPECTED: dict[str, tuple[frozenset[str], dict[str, bool], str, tuple[str, ...], str | None]] = {
    "saddle": (frozenset(), {}, E, ("saddle",), screen.EMERGENCY_MESSAGE),
    "bladder-start": (frozenset(), {}, E, ("bladder-start",), screen.EMERGENCY_MESSAGE),
    "bladder-feeling": (frozenset(), {}, E, ("bladder-feeling",), screen.EMERGENCY_MESSAGE),
    "bladder-none": (frozenset(), {}, E, ("bladder-none",), screen.EMERGENCY_MESSAGE),
    "bladder-leak": (frozenset(), {}, E, ("bladder-leak",), screen.EMERGENCY_MESSAGE),
    "bowel": (frozenset(), {}, E, ("bowel",), screen.EMERGENCY_MESSAGE),
    "bowel-feeling": (frozenset(), {}, E, ("bowel-feeling",), screen.EMERGENCY_MESSAGE),
    "sexual": (frozenset(), {}, E, ("sexual",), screen.EMERGENCY_MESSAGE),
    "legs-weaker": (frozenset(), {}, E, ("legs-weaker",), screen.EMERGENCY_MESSAGE),
    # Both legs, not checked by a doctor (the follow-up answered no): emergency.
    "legs-both": (frozenset(), {}, E, ("legs-both",), screen.EMERGENCY_MESSAGE),
    # Both legs, checked and unchanged: excused.
    "legs-both-checked": (frozenset(), {"legs-both": True}, C, (), CLEAR_MESSAGE),
    "trauma": (frozenset(), {}, E, ("trauma",), screen.EMERGENCY_MESSAGE),
    "chest": (frozenset(), {}, E, ("chest",), screen.EMERGENCY_MESSAGE),
    # A recent procedure is a risk factor, not a stop.
    "procedure": (frozenset(), {}, C, (), CLEAR_MESSAGE),
    "procedure-problems": (
        frozenset(),
        {"procedure": True},
        E,
        ("procedure-problems",),
        screen.AFTER_PROCEDURE_MESSAGE,
    ),
    **{
        qid: (
            frozenset({"pregnant"}),
            {},
            E,
            (qid,),
            screen.PREGNANCY_WARNING_MESSAGE,
        )
        for qid in (
            "preg-bleeding",
            "preg-fluid",
            "preg-contractions",
            "preg-movement",
            "preg-breathless",
            "preg-dizzy",
            "preg-headache",
            "preg-weakness",
            "preg-calf",
        )
    },
    "one-leg-weaker": (frozenset(), {}, U, ("one-leg-weaker",), screen.ONE_LEG_WEAKER_MESSAGE),
    **{
        qid: (frozenset({"rheumatoid-arthritis"}), {}, U, (qid,), screen.RA_NECK_MESSAGE)
        for qid in ("ra-neck", "ra-neck-clumsy", "ra-neck-balance")
    },
    "axspa-fall": (
        frozenset({"spondyloarthritis"}),
        {},
        U,
        ("axspa-fall",),
        screen.FRACTURE_MESSAGE,
    ),
    "fracture": (frozenset({"osteoporosis"}), {}, U, ("fracture",), screen.FRACTURE_MESSAGE),
    # Sudden pain after a minor strain, under 65, no fragile bones: nothing to stop for.
    "fracture-minor": (frozenset(), {}, C, (), CLEAR_MESSAGE),
    "fracture-age": (
        frozenset(),
        {"fracture-minor": True},
        U,
        ("fracture-age",),
        screen.FRACTURE_MESSAGE,
    ),
    "fever": (frozenset(), {}, U, ("fever",), screen.URGENT_MESSAGE),
    "weight-loss": (frozenset(), {}, U, ("weight-loss",), screen.URGENT_MESSAGE),
    "night-pain": (frozenset(), {}, U, ("night-pain",), screen.URGENT_MESSAGE),
    "upper-back": (frozenset(), {}, U, ("upper-back",), screen.URGENT_MESSAGE),
    "cough": (frozenset(), {}, U, ("cough",), screen.URGENT_MESSAGE),
    "lump": (frozenset(), {}, U, ("lump",), screen.URGENT_MESSAGE),
    "immune": (frozenset(), {}, C, (), CLEAR_MESSAGE),
    "injecting": (frozenset(), {}, C, (), CLEAR_MESSAGE),
    "infection-new-pain": (
        frozenset(),
        {"immune": True},
        U,
        ("infection-new-pain",),
        screen.URGENT_MESSAGE,
    ),
    # Cancer, not spread, pain not checked by a doctor who knows the history: gentle only.
    "cancer": (frozenset(), {}, G, ("cancer-checked",), screen.CANCER_UNCHECKED_MESSAGE),
    "cancer-spread": (
        frozenset(),
        {"cancer": True},
        U,
        ("cancer-spread",),
        screen.CANCER_SPREAD_MESSAGE,
    ),
    # Checked and unchanged, the first time: gentle.
    "cancer-checked": (
        frozenset(),
        {"cancer": True},
        G,
        ("cancer-checked",),
        screen.CANCER_FIRST_CHECKED_MESSAGE,
    ),
    # Checked, but changed since (no cancer flag): gentle again.
    "cancer-changed": (
        frozenset(),
        {"cancer": True, "cancer-checked": True},
        G,
        ("cancer-changed",),
        screen.CANCER_UNCHECKED_MESSAGE,
    ),
    **{
        qid: (frozenset(), {"cancer": True}, U, (qid,), screen.CANCER_URGENT_MESSAGE)
        for qid in ("cancer-new", "cancer-sleep", "cancer-tender")
    },
    "preg-no-exercise": (
        frozenset({"pregnant"}),
        {},
        U,
        ("preg-no-exercise",),
        screen.PREGNANCY_NO_EXERCISE_MESSAGE,
    ),
    **{qid: (frozenset(), {}, G, (qid,), SOON_MESSAGE) for qid in SOON_IDS},
    # Already seen and unchanged: the see-soon answer is excused.
    "soon-seen": (frozenset(), {"soon-weeks": True}, C, (), CLEAR_MESSAGE),
}


def test_the_decision_table_has_a_row_for_every_question() -> None:
    assert set(EXPECTED) == set(IDS)
    assert len(IDS) == len(set(IDS)), "question ids must be unique"


@pytest.mark.parametrize("qid", IDS)
def test_decision_table(qid: str) -> None:
    conditions, setup, decision, because, advice = EXPECTED[qid]
    ctx = Context(conditions=conditions)
    answers, asked = walk(ctx, setup, yes={qid})
    assert qid in asked, f"{qid} is never asked with {sorted(conditions)} and {setup}"
    assert answers[qid] is True
    outcome = decide(answers, ctx)
    assert outcome.decision == decision
    assert outcome.because == because
    assert outcome.advice == advice
    assert qid in outcome.asked
    assert outcome.stops == (decision in (E, U))
    assert outcome.gentle_only == (decision == G)
    assert outcome.to_dict() == {
        "decision": decision,
        "because": list(because),
        "advice": advice,
        "asked": list(outcome.asked),
    }


@pytest.mark.parametrize("qid", IDS)
def test_the_same_setup_answered_no(qid: str) -> None:
    """The minimal setup with the question answered no stops only if the setup itself does
    (both legs, not checked by a doctor)."""
    conditions, setup, *_ = EXPECTED[qid]
    ctx = Context(conditions=conditions)
    answers, _ = walk(ctx, setup)
    assert answers[qid] is False
    outcome = decide(answers, ctx)
    stopping_setup = [p for p, yes in setup.items() if yes and BY_ID[p].tier in STOP_TIERS]
    assert outcome.stops == bool(stopping_setup), (qid, outcome)
    if stopping_setup:
        assert outcome.because == tuple(stopping_setup)


@pytest.mark.parametrize("conditions", [(), *((c,) for c in ALL_CONDITIONS)])
def test_all_no_is_clear(conditions: tuple[str, ...]) -> None:
    ctx = Context(conditions=frozenset(conditions))
    answers, asked = walk(ctx)
    outcome = decide(answers, ctx)
    assert outcome.decision == "clear"
    assert outcome.because == ()
    assert outcome.advice == CLEAR_MESSAGE
    assert list(outcome.asked) == asked


def test_incomplete_answers_are_caught_by_next_question() -> None:
    """Callers (``screen --answers``, the interview) check next_question before deciding."""
    q = next_question({"fever": True})
    assert q is not None
    assert q.id == "saddle"
    answers, _ = walk()
    del answers["fever"]
    q = next_question(answers)
    assert q is not None
    assert q.id == "fever"


def test_a_missing_answer_counts_as_no() -> None:
    assert decide({"fever": True}).decision == "urgent"


def test_answers_to_questions_not_asked_are_ignored() -> None:
    answers, _ = walk()
    # No pregnancy, no RA: their questions are not asked, so a stray yes changes nothing;
    # nor does a follow-up whose parent was answered no.
    stray = {"preg-bleeding": True, "ra-neck": True, "fracture-age": True}
    stray |= {"procedure-problems": True, "legs-both-checked": True, "cancer-new": True}
    outcome = decide({**answers, **stray})
    assert outcome.decision == "clear"
    assert not set(stray) & set(outcome.asked)
    # After a stop, later answers are not part of the screen.
    outcome = decide({**answers, "saddle": True, "fever": True})
    assert outcome.because == ("saddle",)
    assert "fever" not in outcome.asked


def test_the_most_serious_answer_wins() -> None:
    answers, asked = walk(yes={"soon-one-leg", "weight-loss"})
    outcome = decide(answers)
    assert outcome.decision == "urgent"
    assert outcome.because == ("weight-loss",)
    assert "soon-one-leg" not in asked  # the screen ended at the urgent yes
    answers, _ = walk(yes={"soon-weeks", "soon-worse"})
    both = decide(answers)
    assert both.decision == "gentle"
    assert both.because == ("soon-weeks", "soon-worse")


def test_cancer_history_gives_the_cancer_advice_for_a_general_urgent_flag() -> None:
    answers, _ = walk(yes={"cancer", "upper-back"})
    outcome = decide(answers)
    assert outcome.decision == "urgent"
    assert outcome.advice == screen.CANCER_URGENT_MESSAGE


def test_a_remembered_cancer_check_keeps_the_cancer_advice_for_urgent_flags() -> None:
    ctx = Context(remembered=frozenset({"cancer-checked"}))
    answers, _ = walk(ctx, yes={"upper-back"})
    outcome = decide(answers, ctx)
    assert outcome.decision == "urgent"
    assert outcome.advice == screen.CANCER_URGENT_MESSAGE


@pytest.mark.parametrize("severity", range(11))
def test_clear_and_gentle_advice_follow_the_pain_band(severity: int) -> None:
    from stretchcoach import safety

    def advice(*yes: str) -> str:
        return decide(walk(yes=yes)[0], severity=severity).advice

    assert advice() == safety.clear_message(severity)
    assert advice("soon-worse") == safety.soon_message(severity)
    # Stopping advice never depends on the pain score.
    assert advice("saddle") == screen.EMERGENCY_MESSAGE
    assert advice("fever") == screen.URGENT_MESSAGE


# --------------------------------------------------------------------------- exemptions


def test_both_legs_checked_by_a_doctor_is_not_an_emergency() -> None:
    answers, asked = walk(yes={"legs-both", "legs-both-checked"})
    assert asked[-1] == "soon-stiffness"  # the screen went on to the end
    outcome = decide(answers)
    assert outcome.decision == "clear"
    assert "legs-both" in outcome.asked
    answers, asked = walk(yes={"legs-both"})
    assert asked[-1] == "legs-both-checked"
    assert decide(answers).decision == "emergency"


def test_never_excused_are_the_cauda_equina_and_both_legs_weaker_signs() -> None:
    assert (
        frozenset(
            {
                "saddle",
                "bladder-start",
                "bladder-feeling",
                "bladder-none",
                "bladder-leak",
                "bowel",
                "bowel-feeling",
                "sexual",
                "legs-weaker",
            }
        )
        == NEVER_EXCUSED
    )
    for qid in NEVER_EXCUSED:
        q = BY_ID[qid]
        assert q.tier == "emergency"
        assert q.when({}, Context()), f"{qid} must be asked of everyone"
        assert "never excused" in q.asked_when.lower()


def test_no_question_exempts_a_never_excused_sign() -> None:
    for q in QUESTIONS:
        assert not set(q.exempts) & NEVER_EXCUSED, q.id


def test_only_both_legs_can_be_excused_among_the_stopping_questions() -> None:
    """7.3: "already checked" may exempt only long-standing symptoms in both legs."""
    exempted = {e for q in QUESTIONS for e in q.exempts}
    assert {e for e in exempted if BY_ID[e].tier in STOP_TIERS} == {"legs-both"}
    assert exempted <= set(IDS)
    for q in QUESTIONS:
        if q.exempts:
            assert q.tier == "info", q.id


def test_an_exemption_never_covers_a_never_excused_sign_even_if_listed() -> None:
    """Defence in depth: a future "already checked" question listing saddle cannot excuse it."""
    rogue = Question("rogue", "Checked?", "info", exempts=("saddle", "legs-both"))
    assert screen._excused([rogue], {"rogue": True}) == {"legs-both"}


@pytest.mark.parametrize("qid", NEVER_EXCUSED)
def test_a_never_excused_sign_is_an_emergency_even_with_every_check_answered_yes(qid: str) -> None:
    checks = {q.id for q in QUESTIONS if q.exempts}
    answers, _ = walk(yes={qid, "legs-both", *checks})
    outcome = decide(answers)
    assert outcome.decision == "emergency"
    assert qid in outcome.because


@pytest.mark.parametrize("qid", SOON_IDS)
def test_see_soon_already_seen_is_clear_not_seen_is_gentle(qid: str) -> None:
    answers, asked = walk(yes={qid, "soon-seen"})
    assert "soon-seen" in asked
    assert decide(answers).decision == ("gentle" if qid == "soon-worse" else "clear")
    answers, asked = walk(yes={qid})
    assert "soon-seen" in asked
    outcome = decide(answers)
    assert outcome.decision == "gentle"
    assert outcome.because == (qid,)


def test_soon_seen_is_asked_only_after_a_see_soon_yes() -> None:
    _, asked = walk()
    assert "soon-seen" not in asked
    # Getting worse is never "unchanged since", so a doctor's visit does not excuse it.
    assert set(BY_ID["soon-seen"].exempts) == set(SOON_IDS) - {"soon-worse"}


def test_soon_seen_does_not_excuse_a_stopping_answer() -> None:
    answers, _ = walk(yes={"fever", "soon-weeks", "soon-seen"})
    answers |= {"soon-weeks": True, "soon-seen": True}
    outcome = decide(answers)
    assert outcome.decision == "urgent"
    assert outcome.because == ("fever",)


@pytest.mark.parametrize("condition", ["rheumatoid-arthritis", "spondyloarthritis"])
def test_morning_stiffness_is_not_asked_when_already_known(condition: str) -> None:
    _, asked = walk(Context(conditions=frozenset({condition})))
    assert "soon-stiffness" not in asked
    _, asked = walk()
    assert "soon-stiffness" in asked


# --------------------------------------------------------------------------- cancer

CANCER_FLAGS = ("cancer-new", "cancer-sleep", "cancer-tender")
CANCER_IDS = {q.id for q in QUESTIONS if q.id.startswith("cancer")}


def test_cancer_spread_stops_with_the_cancer_team_advice() -> None:
    answers, asked = walk(yes={"cancer", "cancer-spread"})
    outcome = decide(answers)
    assert outcome.decision == "urgent"
    assert outcome.because == ("cancer-spread",)
    assert outcome.advice == screen.CANCER_SPREAD_MESSAGE
    assert "cancer team" in outcome.advice
    assert asked[-1] == "cancer-spread"  # the screen ends there


def test_cancer_not_checked_no_flags_is_gentle() -> None:
    answers, asked = walk(yes={"cancer"})
    assert answers["cancer-checked"] is False
    assert set(CANCER_FLAGS) <= set(asked)
    assert "cancer-changed" not in asked
    outcome = decide(answers)
    assert outcome.decision == "gentle"
    assert outcome.advice == screen.CANCER_UNCHECKED_MESSAGE
    assert remember(answers, Context()) == frozenset()


def test_cancer_checked_and_unchanged_is_gentle_the_first_time_and_remembered() -> None:
    answers, asked = walk(yes={"cancer", "cancer-checked"})
    assert "cancer-changed" in asked
    assert answers["cancer-changed"] is False
    assert not set(CANCER_FLAGS) & set(asked)
    outcome = decide(answers)
    assert outcome.decision == "gentle"
    assert outcome.because == ("cancer-checked",)
    assert outcome.advice == screen.CANCER_FIRST_CHECKED_MESSAGE
    assert remember(answers, Context()) == frozenset({"cancer-checked"})
    assert forget(answers, Context()) == frozenset()


def test_checked_but_changed_asks_the_flags_and_is_not_remembered() -> None:
    answers, asked = walk(yes={"cancer", "cancer-checked", "cancer-changed"})
    assert set(CANCER_FLAGS) <= set(asked)
    assert decide(answers).decision == "gentle"
    assert remember(answers, Context()) == frozenset()


REMEMBERED = Context(remembered=frozenset({"cancer-checked"}))


def test_with_the_check_remembered_only_has_anything_changed_is_asked() -> None:
    answers, asked = walk(REMEMBERED)
    assert [q for q in asked if q in CANCER_IDS] == ["cancer-changed"]
    outcome = decide(answers, REMEMBERED)
    assert outcome.decision == "clear"
    assert remember(answers, REMEMBERED) == frozenset()
    assert forget(answers, REMEMBERED) == frozenset()


def test_with_the_check_remembered_a_change_asks_the_flags_and_forgets() -> None:
    answers, asked = walk(REMEMBERED, yes={"cancer-changed"})
    assert [q for q in asked if q in CANCER_IDS] == ["cancer-changed", *CANCER_FLAGS]
    outcome = decide(answers, REMEMBERED)
    assert outcome.decision == "gentle"
    assert outcome.because == ("cancer-changed",)
    assert forget(answers, REMEMBERED) == frozenset({"cancer-checked"})
    assert remember(answers, REMEMBERED) == frozenset()


@pytest.mark.parametrize("flag", CANCER_FLAGS)
@pytest.mark.parametrize(
    ("ctx", "setup"),
    [
        (Context(), {"cancer": True}),
        (Context(), {"cancer": True, "cancer-checked": True, "cancer-changed": True}),
        (REMEMBERED, {"cancer-changed": True}),
    ],
    ids=["unchecked", "checked-changed", "remembered-changed"],
)
def test_any_cancer_flag_is_urgent(flag: str, ctx: Context, setup: dict[str, bool]) -> None:
    answers, asked = walk(ctx, setup, yes={flag})
    assert flag in asked
    outcome = decide(answers, ctx)
    assert outcome.decision == "urgent"
    assert outcome.because == (flag,)
    assert outcome.advice == screen.CANCER_URGENT_MESSAGE
    assert "24 hours" in outcome.advice


def test_no_cancer_asks_no_cancer_follow_up() -> None:
    _, asked = walk()
    assert [q for q in asked if q in CANCER_IDS] == ["cancer"]


# --------------------------------------------------------------------------- fracture


@pytest.mark.parametrize("condition", ["osteoporosis", "spondyloarthritis"])
def test_fracture_with_fragile_bones_is_urgent(condition: str) -> None:
    ctx = Context(conditions=frozenset({condition}))
    answers, asked = walk(ctx, yes={"fracture"})
    assert "fracture-minor" not in asked
    assert "fracture-age" not in asked
    outcome = decide(answers, ctx)
    assert outcome.decision == "urgent"
    assert outcome.advice == screen.FRACTURE_MESSAGE


@pytest.mark.parametrize(
    "conditions", [frozenset(), frozenset({"pregnant"}), frozenset({"hip-replacement"})]
)
def test_without_fragile_bones_age_decides(conditions: frozenset[str]) -> None:
    ctx = Context(conditions=conditions)
    _, asked = walk(ctx)
    assert "fracture" not in asked
    assert "fracture-minor" in asked
    assert "fracture-age" not in asked
    answers, asked = walk(ctx, yes={"fracture-minor"})
    assert "fracture-age" in asked
    assert decide(answers, ctx).decision == "clear"
    answers, _ = walk(ctx, yes={"fracture-minor", "fracture-age"})
    outcome = decide(answers, ctx)
    assert outcome.decision == "urgent"
    assert outcome.because == ("fracture-age",)
    assert outcome.advice == screen.FRACTURE_MESSAGE


def test_the_two_fracture_questions_ask_the_same_thing() -> None:
    assert BY_ID["fracture"].text == BY_ID["fracture-minor"].text
    assert "cough" in BY_ID["fracture"].text


# --------------------------------------------------------------------------- pregnancy and RA

#: ACOG's warning signs (clinical facts 7.3) -> the question that asks about it, and words its
#: text must contain.
ACOG_SIGNS: dict[str, tuple[str, tuple[str, ...]]] = {
    "bleeding": ("preg-bleeding", ("bleeding",)),
    "fluid leaking": ("preg-fluid", ("fluid", "leaking")),
    "regular painful contractions": ("preg-contractions", ("regular", "painful", "contractions")),
    "baby moving less": ("preg-movement", ("baby", "moving less")),
    "breathless before exertion": ("preg-breathless", ("short of breath", "before")),
    "dizziness": ("preg-dizzy", ("dizzy",)),
    "headache": ("preg-headache", ("headache",)),
    "chest pain": ("chest", ("chest pain",)),
    "weakness affecting balance": ("preg-weakness", ("weakness", "balance")),
    "calf pain or swelling": ("preg-calf", ("pain", "swelling", "calves")),
}
ACOG_IDS = [qid for qid, _ in ACOG_SIGNS.values()]
PREG_WARNING_IDS = [q.id for q in QUESTIONS if q.advice == screen.PREGNANCY_WARNING_MESSAGE]
OTHER_CONDITIONS = [c for c in ALL_CONDITIONS if c != "pregnant"]


def subsets(items: Iterable[str]) -> list[frozenset[str]]:
    pool = list(items)
    return [
        frozenset(combo) for n in range(len(pool) + 1) for combo in itertools.combinations(pool, n)
    ]


@pytest.mark.parametrize("sign", ACOG_SIGNS)
def test_every_acog_warning_sign_has_a_question(sign: str) -> None:
    qid, words = ACOG_SIGNS[sign]
    q = BY_ID[qid]
    assert q.tier == "emergency"
    for word in words:
        assert word in q.text.lower(), (sign, q.text)


def test_every_pregnancy_warning_question_is_an_acog_sign() -> None:
    assert set(PREG_WARNING_IDS) == set(ACOG_IDS) - {"chest"}


def test_acog_questions_are_asked_whenever_pregnant_whatever_else() -> None:
    everything_yes = dict.fromkeys(IDS, True)
    for others in subsets(OTHER_CONDITIONS):
        ctx = Context(conditions=others | {"pregnant"})
        for qid in ACOG_IDS:
            assert BY_ID[qid].when({}, ctx), (qid, sorted(others))
            assert BY_ID[qid].when(everything_yes, ctx), (qid, sorted(others))
        _, asked = walk(ctx)
        assert set(ACOG_IDS) <= set(asked), sorted(others)
        assert "preg-no-exercise" in asked


def test_pregnancy_questions_are_never_asked_without_the_condition() -> None:
    everything_yes = dict.fromkeys(IDS, True)
    preg_ids = [q.id for q in QUESTIONS if q.id.startswith("preg-")]
    assert set(PREG_WARNING_IDS) < set(preg_ids)
    for others in subsets(OTHER_CONDITIONS):
        ctx = Context(conditions=others)
        for qid in preg_ids:
            assert not BY_ID[qid].when(everything_yes, ctx), (qid, sorted(others))
        _, asked = walk(ctx)
        assert not set(preg_ids) & set(asked), sorted(others)


def test_pregnancy_warning_signs_are_every_session() -> None:
    assert set(PREG_WARNING_IDS) <= EVERY_SESSION
    ctx = Context(conditions=frozenset({"pregnant"}))
    _, asked = walk(ctx, only=screen.every_session(ctx))
    assert set(PREG_WARNING_IDS) <= set(asked)
    assert not set(asked) - EVERY_SESSION
    _, asked = walk(Context(), only=screen.every_session(Context()))
    assert asked == []


def test_every_acog_sign_is_asked_every_session_when_pregnant() -> None:
    ctx = Context(conditions=frozenset({"pregnant"}))
    _, asked = walk(ctx, only=screen.every_session(ctx))
    assert set(ACOG_IDS) <= set(asked)


@pytest.mark.parametrize("qid", PREG_WARNING_IDS)
def test_a_pregnancy_warning_yes_on_a_short_session_still_stops(qid: str) -> None:
    ctx = Context(conditions=frozenset({"pregnant"}))
    answers, _ = walk(ctx, yes={qid}, only=screen.every_session(ctx))
    outcome = decide(answers, ctx, only=screen.every_session(ctx))
    assert outcome.decision == "emergency"
    assert outcome.advice == screen.PREGNANCY_WARNING_MESSAGE


def test_ra_neck_is_asked_every_session_with_rheumatoid_arthritis() -> None:
    assert "ra-neck" in EVERY_SESSION
    ctx = Context(conditions=frozenset({"rheumatoid-arthritis"}))
    answers, asked = walk(ctx, only=screen.every_session(ctx))
    assert asked == ["ra-neck", "ra-neck-clumsy", "ra-neck-balance"]
    answers, _ = walk(ctx, yes={"ra-neck"}, only=screen.every_session(ctx))
    assert decide(answers, ctx, only=screen.every_session(ctx)).decision == "urgent"
    # The cause "arthritis" implies the condition, so the question follows the cause too.
    implied = Context(conditions=health.with_cause((), "arthritis"))
    assert "ra-neck" in walk(implied)[1]
    for others in subsets(c for c in ALL_CONDITIONS if c != "rheumatoid-arthritis"):
        assert "ra-neck" not in walk(Context(conditions=others))[1]


def test_axspa_fall_is_asked_every_session_with_spondyloarthritis() -> None:
    assert "axspa-fall" in EVERY_SESSION
    ctx = Context(conditions=frozenset({"spondyloarthritis"}))
    _, asked = walk(ctx, only=screen.every_session(ctx))
    assert asked == ["axspa-fall"]
    assert "axspa-fall" not in walk()[1]


# --------------------------------------------------------------------------- the walk


def test_the_first_question_is_the_first_emergency_question() -> None:
    first = next(q for q in QUESTIONS if q.tier == "emergency")
    for conditions in [(), *((c,) for c in ALL_CONDITIONS)]:
        q = next_question({}, Context(conditions=frozenset(conditions)))
        assert q is not None
        assert q is first
        assert q.tier == "emergency"


def test_top_level_questions_go_emergency_then_urgent_then_soon() -> None:
    follow_ups = {f for q in QUESTIONS for f in q.follow_ups}
    rank = {"emergency": 0, "urgent": 1, "soon": 2}
    ranks = [rank[q.tier] for q in QUESTIONS if q.id not in follow_ups and q.tier in rank]
    assert ranks == sorted(ranks)
    assert set(ranks) == {0, 1, 2}


def test_follow_ups_exist_and_come_after_their_parent() -> None:
    for q in QUESTIONS:
        for f in q.follow_ups:
            assert f in BY_ID, (q.id, f)
            assert IDS.index(f) > IDS.index(q.id), (q.id, f)


def _asked_without_answers(q: Question) -> bool:
    contexts = [Context(conditions=frozenset(ALL_CONDITIONS))] + [
        Context(conditions=frozenset({c})) for c in ALL_CONDITIONS
    ]
    return any(q.when({}, ctx) for ctx in [Context(), *contexts])


def test_questions_asked_only_after_an_answer_are_listed_as_follow_ups_except_soon_seen() -> None:
    follow_ups = {f for q in QUESTIONS for f in q.follow_ups}
    dependent = {q.id for q in QUESTIONS if not _asked_without_answers(q)}
    assert dependent - follow_ups <= {"soon-seen"}


def test_soon_seen_is_listed_as_a_follow_up() -> None:
    for qid in SOON_IDS:
        assert "soon-seen" in BY_ID[qid].follow_ups, qid


@pytest.mark.parametrize("qid", [q.id for q in QUESTIONS if q.tier in STOP_TIERS])
def test_a_stopping_yes_ends_the_screen(qid: str) -> None:
    conditions, setup, *_ = EXPECTED[qid]
    ctx = Context(conditions=conditions)
    answers = dict(setup)
    while (q := next_question(answers, ctx)) is not None and q.id != qid:
        answers[q.id] = False
    assert q is not None
    answers[qid] = True
    nxt = next_question(answers, ctx)
    excusers = [other.id for other in QUESTIONS if qid in other.exempts]
    if excusers:
        assert nxt is not None
        assert nxt.id in excusers
        answers[nxt.id] = False
        assert next_question(answers, ctx) is None
    else:
        assert nxt is None, (qid, nxt)


def test_only_both_legs_waits_for_its_check() -> None:
    answers = {q.id: False for q in QUESTIONS[: IDS.index("legs-both")]}
    answers["legs-both"] = True
    nxt = next_question(answers)
    assert nxt is not None
    assert nxt.id == "legs-both-checked"
    answers["legs-both-checked"] = True
    nxt = next_question(answers)
    assert nxt is not None
    assert nxt.id == "trauma"


def test_a_see_soon_yes_does_not_end_the_screen() -> None:
    _, asked = walk(yes={"soon-one-leg"})
    assert asked.index("soon-stiffness") > asked.index("soon-one-leg")


def test_next_question_with_only_limits_the_walk() -> None:
    only = frozenset({"fever", "lump"})
    _, asked = walk(only=only)
    assert asked == ["fever", "lump"]
    answers, _ = walk(only=only, yes={"fever"})
    assert decide(answers, only=only).asked == ("fever",)


# --------------------------------------------------------------------------- listing and wording


def test_listing_rows() -> None:
    rows = listing()
    assert [row["id"] for row in rows] == IDS
    for row, q in zip(rows, QUESTIONS, strict=True):
        assert set(row) == {"id", "text", "tier", "asked_when", "follow_ups"}
        assert row["tier"] in {"emergency", "urgent", "soon", "info"}
        assert row["text"] == q.text
        assert isinstance(row["asked_when"], str)
        assert row["asked_when"]
        assert row["follow_ups"] == list(q.follow_ups)
        assert all(f in BY_ID for f in q.follow_ups)


@pytest.mark.parametrize("qid", IDS)
def test_every_question_ends_with_a_question_mark(qid: str) -> None:
    assert BY_ID[qid].text.endswith("?")


@pytest.mark.parametrize("qid", IDS)
def test_question_wording(qid: str) -> None:
    text = BY_ID[qid].text
    assert "?" in text
    assert " and/or " not in text
    assert len(text.split()) <= 30
    assert len(text) <= 140  # two lines of an 80-column terminal
    for jargon in ("cauda equina", "perineal", "incontinence", "malignan", "CES", "urinat"):
        assert jargon not in text, jargon


def test_emergency_signs_ask_about_what_is_new_or_getting_worse() -> None:
    for qid in NEVER_EXCUSED:
        text = BY_ID[qid].text.lower()
        assert any(w in text for w in ("new", "getting", "unable")), qid


def test_every_advice_names_who_to_contact() -> None:
    advices = {q.advice for q in QUESTIONS if q.advice}
    advices |= {screen.EMERGENCY_MESSAGE, screen.URGENT_MESSAGE}
    for text in advices:
        assert any(
            who in text
            for who in ("emergency number", "doctor", "midwife", "cancer team", "NHS 111")
        ), text
