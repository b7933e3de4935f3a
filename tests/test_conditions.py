"""Health conditions (stretchcoach.safety.conditions): the questions, the rules table, the filter.

Clinical facts 7.1 and 7.2: conditions are not causes, and each condition's limits apply
whatever cause was chosen.
"""

from __future__ import annotations

import functools
import itertools

import pytest
from conftest import make_exercise
from hypothesis import given, settings
from hypothesis import strategies as st

from stretchcoach import catalogue
from stretchcoach.catalogue import Catalogue
from stretchcoach.errors import SafetyStop, UsageError
from stretchcoach.planner import NothingFits, plan_routine
from stretchcoach.routine import Assessment
from stretchcoach.safety import conditions as health
from stretchcoach.safety.conditions import (
    CONDITIONS,
    HEALTH_BY_ID,
    HEALTH_QUESTIONS,
    MOVEMENT_WORDS,
    PARQ_IDS,
    POSITION_WORDS,
    RULES,
    SIDE_SLEEP_NOTE,
    advice_for,
    allows,
    conditions_from,
    gentle_only,
    health_questions_due,
    left_out_by,
    no_routine,
    parse_conditions,
    with_cause,
)

NO_ROUTINE = ("recent-back-surgery", "supervised-only")
ROUTINE_CONDITIONS = tuple(c for c in CONDITIONS if c not in NO_ROUTINE)


@functools.lru_cache(maxsize=1)
def bundled() -> Catalogue:
    """The catalogue shipped with stretchcoach (never one named by the environment)."""
    return catalogue.load(catalogue.packaged_path())


# --------------------------------------------------------------------------- parse_conditions


def test_parse_conditions_repeatable_comma_lists_and_case() -> None:
    got = parse_conditions(["Pregnant", " osteoporosis , HIP-replacement", "pregnant"])
    assert got == frozenset({"pregnant", "osteoporosis", "hip-replacement"})


def test_parse_conditions_nothing_given_is_none() -> None:
    assert parse_conditions([]) is None
    assert parse_conditions(["", " , "]) is None


def test_parse_conditions_none_means_no_conditions() -> None:
    assert parse_conditions(["none"]) == frozenset()
    assert parse_conditions(["NONE", "none"]) == frozenset()


@pytest.mark.parametrize("values", [["none", "pregnant"], ["none,osteoporosis"]])
def test_parse_conditions_none_with_another_is_a_usage_error(values: list[str]) -> None:
    with pytest.raises(UsageError) as info:
        parse_conditions(values)
    assert "none" in info.value.message
    assert "cannot be combined" in info.value.message


def test_parse_conditions_unknown_names_the_valid_ids_and_the_closest() -> None:
    with pytest.raises(UsageError) as info:
        parse_conditions(["pregant"])
    message = info.value.message
    assert "'pregant'" in message
    assert "Did you mean 'pregnant'?" in message
    for cid in (*CONDITIONS, "none"):
        assert cid in message, cid
    assert info.value.exit_code == 2


def test_parse_conditions_unknown_without_a_close_match_has_no_guess() -> None:
    with pytest.raises(UsageError) as info:
        parse_conditions(["pregnant", "zzzzzz"])
    assert "Did you mean" not in info.value.message
    assert "'zzzzzz'" in info.value.message


# --------------------------------------------------------------------------- causes and answers


@pytest.mark.parametrize(
    ("cause", "added"),
    [("pregnancy", "pregnant"), ("arthritis", "rheumatoid-arthritis")],
)
def test_with_cause_adds_the_implied_condition(cause: str, added: str) -> None:
    assert with_cause((), cause) == frozenset({added})
    assert with_cause({"osteoporosis"}, cause) == frozenset({"osteoporosis", added})


@pytest.mark.parametrize("cause", [c for c in catalogue.CAUSES if c not in health.IMPLIED_BY_CAUSE])
def test_other_causes_imply_nothing(cause: str) -> None:
    assert with_cause({"par-q"}, cause) == frozenset({"par-q"})
    assert with_cause((), None) == frozenset()


def test_implied_conditions_are_real_conditions_and_causes() -> None:
    assert set(health.IMPLIED_BY_CAUSE) <= set(catalogue.CAUSES)
    assert set(health.IMPLIED_BY_CAUSE.values()) <= set(CONDITIONS)


def test_health_questions_are_well_formed() -> None:
    ids = [q.id for q in HEALTH_QUESTIONS]
    assert len(ids) == len(set(ids))
    for q in HEALTH_QUESTIONS:
        assert q.text.endswith("?"), q.id
        assert q.notes is None or q.notes in CONDITIONS, q.id
        assert q.clears is None or q.clears in CONDITIONS, q.id
        for parent in q.after:
            assert parent in HEALTH_BY_ID, (q.id, parent)
            assert ids.index(parent) < ids.index(q.id), (q.id, parent)
    noted = {q.notes for q in HEALTH_QUESTIONS if q.notes}
    assert noted == set(CONDITIONS), "every condition can be noted by some question"
    assert [q.id for q in HEALTH_QUESTIONS if q.weeks] == ["pregnant"]


def test_follow_up_health_questions_are_due_only_after_a_yes() -> None:
    due = {q.id for q in health_questions_due({})}
    assert not due & {"hip-recent", "back-surgery-recent", "parq-cleared"}
    assert "hip-recent" in {q.id for q in health_questions_due({"hip-replacement": True})}
    assert "hip-recent" not in {q.id for q in health_questions_due({"hip-replacement": False})}
    for parq in PARQ_IDS:
        assert "parq-cleared" in {q.id for q in health_questions_due({parq: True})}


@pytest.mark.parametrize("parq", PARQ_IDS)
def test_a_parq_yes_notes_par_q_until_cleared(parq: str) -> None:
    assert conditions_from({parq: True}) == frozenset({"par-q"})
    assert conditions_from({parq: True, "parq-cleared": False}) == frozenset({"par-q"})
    assert conditions_from({parq: True, "parq-cleared": True}) == frozenset()


def test_parq_cleared_never_lifts_supervised_only() -> None:
    answers = {"parq-heart": True, "parq-cleared": True, "supervised-only": True}
    assert conditions_from(answers) == frozenset({"supervised-only"})


def test_hip_replacement_counts_only_when_recent() -> None:
    assert conditions_from({"hip-replacement": True, "hip-recent": False}) == frozenset()
    assert conditions_from({"hip-replacement": True, "hip-recent": True}) == frozenset(
        {"hip-replacement"}
    )
    # A stray follow-up answer without its parent notes nothing.
    assert conditions_from({"hip-recent": True}) == frozenset()


def test_back_surgery_counts_only_when_recent() -> None:
    assert conditions_from({"back-surgery": True, "back-surgery-recent": False}) == frozenset()
    assert conditions_from({"back-surgery": True, "back-surgery-recent": True}) == frozenset(
        {"recent-back-surgery"}
    )


@pytest.mark.parametrize("qid", ["osteoporosis", "spinal-fracture", "steroids"])
def test_fragile_bones_questions_note_osteoporosis(qid: str) -> None:
    assert conditions_from({qid: True}) == frozenset({"osteoporosis"})


def test_all_no_notes_nothing() -> None:
    assert conditions_from({q.id: False for q in HEALTH_QUESTIONS}) == frozenset()


# --------------------------------------------------------------------------- the rules table


def test_rules_cover_every_condition_and_match_the_catalogue() -> None:
    assert set(RULES) == set(CONDITIONS)
    assert tuple(CONDITIONS) == catalogue.CONDITIONS
    for cid, rule in RULES.items():
        assert rule.condition == cid
        assert rule.routine in ("any", "gentle", "none")
        assert rule.advice, cid


def test_rules_use_known_positions_and_movements() -> None:
    for cid, rule in RULES.items():
        assert rule.positions <= set(catalogue.POSITIONS), cid
        assert rule.movements <= set(catalogue.MOVEMENTS), cid
    assert set(POSITION_WORDS) == set(catalogue.POSITIONS)
    assert set(MOVEMENT_WORDS) == set(catalogue.MOVEMENTS)


def test_rules_follow_the_clinical_table() -> None:
    """Clinical facts 7.2, row by row."""
    assert RULES["pregnant"].positions >= {"supine", "prone"}
    assert RULES["pregnant"].movements >= {"loaded-flexion", "single-leg"}
    assert RULES["pelvic-girdle-pain"].movements >= {"wide-knees", "split-stance", "single-leg"}
    assert RULES["rheumatoid-arthritis"].movements >= {"neck-flexion"}
    # axSpA: no neck rule; gentle spinal and neck mobility is recommended.
    assert not RULES["spondyloarthritis"].movements
    assert not RULES["spondyloarthritis"].positions
    assert RULES["osteoporosis"].movements >= {"loaded-flexion", "loaded-rotation"}
    assert RULES["hip-replacement"].movements >= {
        "deep-hip-flexion",
        "hip-crossing",
        "hip-rotation",
        "split-stance",
    }
    assert RULES["hip-replacement"].positions >= {"prone", "side-lying"}
    for cid in NO_ROUTINE:
        assert RULES[cid].routine == "none"
    assert RULES["par-q"].routine == "gentle"
    for cid in ROUTINE_CONDITIONS:
        if cid != "par-q":
            assert RULES[cid].routine == "any", cid


def test_rules_rows_mirror_the_table() -> None:
    rows = health.rules_rows()
    assert [row["condition"] for row in rows] == list(CONDITIONS)
    for row in rows:
        rule = RULES[str(row["condition"])]
        assert row["positions_left_out"] == sorted(rule.positions)
        assert row["movements_left_out"] == sorted(rule.movements)
        assert row["routine"] == rule.routine


def test_left_out_by_a_position() -> None:
    supine = make_exercise("test-exercise", position="supine")
    prone = make_exercise("test-exercise", position="prone")
    side_lying = make_exercise("test-exercise", position="side-lying")
    assert left_out_by(supine, {"pregnant"}) == [("pregnant", "lying on your back")]
    assert left_out_by(prone, {"pregnant"}) == [("pregnant", "lying on your front")]
    assert left_out_by(side_lying, {"hip-replacement"}) == [
        ("hip-replacement", "lying on your side")
    ]
    assert left_out_by(supine, {"osteoporosis"}) == []
    assert allows(side_lying, {"pregnant"})
    assert not allows(supine, {"pregnant"})


def test_left_out_by_a_movement() -> None:
    nod = make_exercise("test-exercise", position="seated", movements=("flexion", "neck-flexion"))
    assert left_out_by(nod, {"rheumatoid-arthritis"}) == [
        ("rheumatoid-arthritis", MOVEMENT_WORDS["neck-flexion"])
    ]
    assert allows(nod, {"spondyloarthritis", "osteoporosis", "pregnant"})
    lunge = make_exercise("test-exercise", position="standing", movements=("split-stance",))
    assert [c for c, _ in left_out_by(lunge, set(CONDITIONS))] == [
        "pelvic-girdle-pain",
        "hip-replacement",
    ]


def test_left_out_by_gives_one_reason_per_condition_in_table_order() -> None:
    ex = make_exercise(
        "test-exercise", position="supine", movements=("loaded-flexion", "deep-hip-flexion")
    )
    reasons = left_out_by(ex, {"osteoporosis", "hip-replacement", "pregnant"})
    assert reasons == [
        ("pregnant", "lying on your back"),
        ("osteoporosis", MOVEMENT_WORDS["loaded-flexion"]),
        ("hip-replacement", MOVEMENT_WORDS["deep-hip-flexion"]),
    ]


def test_no_conditions_leave_nothing_out() -> None:
    everything = make_exercise("test-exercise", position="supine", movements=catalogue.MOVEMENTS)
    assert left_out_by(everything, ()) == []
    # Conditions that act on the whole routine, not on single exercises, filter nothing.
    assert allows(everything, {"spondyloarthritis", "par-q", *NO_ROUTINE})


def test_no_routine_for_recent_back_surgery_and_supervised_only() -> None:
    assert no_routine(()) == []
    assert no_routine(ROUTINE_CONDITIONS) == []
    assert no_routine({"recent-back-surgery"}) == [RULES["recent-back-surgery"].advice]
    assert no_routine({"supervised-only", "pregnant", "recent-back-surgery"}) == [
        RULES["recent-back-surgery"].advice,
        RULES["supervised-only"].advice,
    ]
    assert "surgical team" in RULES["recent-back-surgery"].advice
    assert "supervis" in RULES["supervised-only"].advice


def test_gentle_only_for_par_q() -> None:
    assert gentle_only({"par-q"})
    assert gentle_only({"par-q", "pregnant"})
    assert not gentle_only(set(CONDITIONS) - {"par-q"})
    assert not gentle_only(())


@pytest.mark.parametrize(("weeks", "note"), [(None, False), (0, False), (27, False), (28, True)])
def test_advice_for_pregnancy_adds_side_sleep_from_28_weeks(weeks: int | None, note: bool) -> None:
    advice = advice_for({"pregnant"}, weeks=weeks)
    assert advice[0] == RULES["pregnant"].advice
    assert (SIDE_SLEEP_NOTE in advice) == note
    assert "side" in SIDE_SLEEP_NOTE
    assert "28 weeks" in SIDE_SLEEP_NOTE


def test_advice_for_side_sleep_needs_pregnancy_and_follows_table_order() -> None:
    assert SIDE_SLEEP_NOTE not in advice_for({"osteoporosis"}, weeks=30)
    assert advice_for((), weeks=30) == []
    advice = advice_for({"osteoporosis", "pregnant"}, weeks=40)
    assert advice == [RULES["pregnant"].advice, RULES["osteoporosis"].advice, SIDE_SLEEP_NOTE]


def test_labels_and_ordered() -> None:
    assert health.ordered({"par-q", "pregnant"}) == ["pregnant", "par-q"]
    assert health.labels(()) == "none"
    assert health.labels({"osteoporosis", "pregnant"}) == (
        "Pregnant, Osteoporosis or fragile bones"
    )


# --------------------------------------------------------------------------- bundled catalogue


@pytest.mark.parametrize("cid", list(CONDITIONS))
def test_no_exercise_allowed_for_a_condition_has_what_it_leaves_out(cid: str) -> None:
    rule = RULES[cid]
    exercises = list(bundled())
    assert exercises
    for ex in exercises:
        hits = ex.position in rule.positions or bool(set(ex.movements) & rule.movements)
        assert allows(ex, {cid}) == (not hits), (cid, ex.id)
        if hits:
            assert [c for c, _ in left_out_by(ex, {cid})] == [cid]


def test_every_bundled_exercise_is_tagged_with_known_movements() -> None:
    for ex in bundled():
        assert set(ex.movements) <= set(catalogue.MOVEMENTS), ex.id


def test_pregnant_allows_nothing_lying_on_the_back_or_front() -> None:
    exercises = list(bundled())
    assert any(ex.position in ("supine", "prone") for ex in exercises)
    for ex in exercises:
        if ex.position in ("supine", "prone"):
            assert not allows(ex, {"pregnant"}), ex.id
    allowed = [ex for ex in exercises if allows(ex, {"pregnant"})]
    assert allowed
    assert {ex.position for ex in allowed}.isdisjoint({"supine", "prone"})


@pytest.mark.parametrize(
    ("cid", "exercise_id"),
    [
        ("rheumatoid-arthritis", "cat-cow"),  # the head hangs
        ("rheumatoid-arthritis", "seated-cat-cow"),
        ("pelvic-girdle-pain", "childs-pose"),  # knees wide
        ("pelvic-girdle-pain", "kneeling-hip-flexor"),  # half-kneeling
        ("osteoporosis", "knee-to-chest-double"),
        ("osteoporosis", "partial-curl-up"),
        ("osteoporosis", "seated-spinal-twist-chair"),  # pulling on the chair to twist
        ("hip-replacement", "supine-figure-four"),  # turns the hip out, crosses the legs
        ("hip-replacement", "seated-figure-four"),
        ("hip-replacement", "knee-to-chest-single"),  # hip bent past 90 degrees
        ("pregnant", "partial-curl-up"),
    ],
)
def test_clinical_examples_are_left_out(cid: str, exercise_id: str) -> None:
    ex = bundled().get(exercise_id)
    assert ex is not None, exercise_id
    assert not allows(ex, {cid})


def test_spondyloarthritis_keeps_neck_and_spine_mobility() -> None:
    for exercise_id in ("cat-cow", "chin-tuck", "standing-side-bend"):
        ex = bundled().get(exercise_id)
        assert ex is not None, exercise_id
        assert allows(ex, {"spondyloarthritis"})


@pytest.mark.parametrize("cid", ROUTINE_CONDITIONS)
@pytest.mark.parametrize("cause", catalogue.CAUSES)
def test_each_condition_still_leaves_a_routine(cid: str, cause: str) -> None:
    for severity in (2, 5, 8):
        assessment = Assessment(cause, severity, conditions=frozenset({cid}))
        plan = plan_routine(assessment, bundled(), minutes=10, seed=1)
        assert plan.items
        assert all(allows(item.exercise, {cid}) for item in plan.items)


# --------------------------------------------------------------------------- the planner


@settings(max_examples=150, deadline=None)
@given(
    conds=st.frozensets(st.sampled_from(ROUTINE_CONDITIONS)),
    cause=st.sampled_from(catalogue.CAUSES),
    severity=st.integers(0, 8),
    seed=st.integers(0, 2**32 - 1),
    minutes=st.integers(3, 60),
)
def test_plans_never_hold_an_exercise_a_condition_leaves_out(
    conds: frozenset[str], cause: str, severity: int, seed: int, minutes: int
) -> None:
    assessment = Assessment(cause, severity, conditions=conds)
    try:
        plan = plan_routine(assessment, bundled(), minutes=minutes, seed=seed)
    except NothingFits:
        return
    for item in plan.items:
        assert left_out_by(item.exercise, conds) == [], item.exercise.id
    assert plan.to_dict()["conditions"] == [c for c in CONDITIONS if c in conds]
    if "par-q" in conds:
        assert assessment.band in ("moderate", "severe")


@pytest.mark.parametrize("stop", NO_ROUTINE)
@pytest.mark.parametrize("severity", [0, 4, 8])
def test_no_routine_conditions_raise_safety_stop(stop: str, severity: int) -> None:
    for others in itertools.chain([()], ((c,) for c in ROUTINE_CONDITIONS)):
        assessment = Assessment("posture", severity, conditions=frozenset({stop, *others}))
        with pytest.raises(SafetyStop) as info:
            plan_routine(assessment, bundled(), minutes=10, seed=3)
        assert RULES[stop].advice in info.value.message
        assert info.value.exit_code == 3
