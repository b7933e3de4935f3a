"""The routine runner on a fake clock: timing, pauses, pain check-ins, cues and the record."""

from __future__ import annotations

import random
from collections.abc import Sequence
from datetime import datetime, timezone
from typing import Any

import pytest
from conftest import make_exercise

from stretchcoach import safety
from stretchcoach.catalogue import Catalogue, Exercise
from stretchcoach.clock import FakeClock, RealClock
from stretchcoach.routine import (
    SWITCH_SECONDS,
    Assessment,
    Cue,
    Phase,
    Plan,
    PlannedExercise,
)
from stretchcoach.runner import (
    END_NOW_QUESTION,
    EXIT_CLOSED_TERMINAL,
    PAIN_AFTER_QUESTION,
    PAUSE_QUESTION,
    SessionInterrupted,
    run_routine,
)
from stretchcoach.safety import PainChange

WALL = datetime(2026, 1, 5, 9, 0, tzinfo=timezone.utc)

#: The check-in after an exercise that was done: sharp? down a leg? 2+ worse (than pain 2)?
CHECK = safety.PAIN_CHECK_QUESTION
LEG = safety.LEG_CHECK_QUESTION
WORSE = safety.worse_check_question(2)
CHECK_IN = [CHECK, LEG, WORSE]
#: Scripted answers to one whole check-in.
NO_PAIN = (False, False, False)  # no, no, no
SHARP = (True, False)  # sharp pain, nothing down a leg (so "worse?" is not asked)
WORSE_BY_2 = (False, False, True)  # not sharp, but 2 or more points worse
DOWN_A_LEG = (False, True)  # spreading down a leg: the routine ends at once


def ex(
    id: str,
    *,
    kind: str = "stretch",
    position: str = "seated",
    hold: int = 10,
    reps: int = 2,
    per_side: bool = False,
    rest: int = 5,
    causes: tuple[str, ...] = ("posture",),
    max_severity: int = 6,
    easier: str | None = None,
    movements: tuple[str, ...] = (),
    name: str | None = None,
) -> Exercise:
    return make_exercise(
        id,
        name=name or id.replace("-", " ").title(),
        kind=kind,
        position=position,
        causes=causes,
        max_severity=max_severity,
        hold_seconds=hold,
        reps=reps,
        per_side=per_side,
        rest_seconds=rest,
        steps=("Sit tall.", "Move gently."),
        stop_if="Stop if it hurts sharply.",
        easier=easier,
        movements=movements,
    )


def planned(e: Exercise) -> PlannedExercise:
    return PlannedExercise(e, hold_seconds=e.hold_seconds, reps=e.reps, rest_seconds=e.rest_seconds)


def make_plan(
    exercises: Sequence[Exercise], *, severity: int = 2, positions: frozenset[str] | None = None
) -> Plan:
    return Plan(
        assessment=Assessment("posture", severity, positions),
        minutes=10,
        seed=1,
        items=tuple(planned(e) for e in exercises),
    )


class View:
    """Records every call the runner makes, as (method, details) pairs."""

    def __init__(self) -> None:
        self.calls: list[tuple[str, Any]] = []

    def exercise_started(
        self, *, index: int, total: int, item: PlannedExercise, routine_left: float
    ) -> None:
        self.calls.append(("exercise", (index, total, item.exercise.id, routine_left)))

    def phase_started(self, *, phase: Phase, item: PlannedExercise, routine_left: float) -> None:
        self.calls.append(("phase", (item.exercise.id, phase)))

    def tick(self, *, phase: Phase, remaining: float, elapsed: float, routine_left: float) -> None:
        self.calls.append(("tick", (phase.kind, remaining, routine_left)))

    def note(self, lines: Sequence[str]) -> None:
        self.calls.append(("note", tuple(lines)))

    def suspend(self) -> None:
        self.calls.append(("suspend", None))

    def exercise_finished(self, *, item: PlannedExercise, outcome: str) -> None:
        self.calls.append(("finished", (item.exercise.id, outcome)))

    def of(self, name: str) -> list[Any]:
        return [detail for method, detail in self.calls if method == name]


class Prompter:
    """Answers questions from a script; a KeyboardInterrupt/EOFError in the script is raised."""

    def __init__(self, *answers: object, clock: FakeClock | None = None) -> None:
        self.answers = list(answers)
        self.asked: list[str] = []
        self.clock = clock

    def _next(self, question: str) -> Any:
        self.asked.append(question)
        if self.clock is not None:
            self.clock.advance(7.0)  # a person takes a while to answer
        if not self.answers:
            raise AssertionError(f"unexpected question: {question}")
        answer = self.answers.pop(0)
        if isinstance(answer, BaseException):
            raise answer
        return answer

    def yes_no(self, question: str) -> bool:
        return bool(self._next(question))

    def choose(self, question: str, options: Sequence[tuple[str, str]]) -> str:
        assert [k for k, _ in options] == ["c", "s", "e"]
        return str(self._next(question))

    def number(self, question: str, *, low: int, high: int) -> int:
        return int(self._next(question))


class Sink:
    def __init__(self) -> None:
        self.cues: list[Cue] = []

    def cue(self, cue: Cue) -> None:
        self.cues.append(cue)

    def close(self) -> None:
        pass


def run(
    plan: Plan,
    clock: FakeClock,
    prompter: Prompter,
    *,
    catalogue: Catalogue | None = None,
    interactive: bool = True,
    sinks: Sequence[Any] = (),
) -> tuple[Any, View]:
    view = View()
    result = run_routine(
        plan=plan,
        catalogue=catalogue or Catalogue(tuple(i.exercise for i in plan.items)),
        clock=clock,
        view=view,
        prompter=prompter,
        cues=sinks,
        interactive=interactive,
        wall=lambda: WALL,
    )
    return result, view


def twenty_minute_plan() -> Plan:
    exercises = [
        ex(f"ex-{i}", hold=20 + i, reps=3, per_side=i % 2 == 0, rest=10) for i in range(12)
    ]
    plan = make_plan(exercises)
    assert plan.total_seconds >= 20 * 60
    return plan


def outcomes(result: Any) -> list[tuple[str, str]]:
    return [(o.id, o.outcome) for o in result.record.exercises]


# ----------------------------------------------------------------------------- timing


def test_a_twenty_minute_routine_takes_exactly_its_planned_time_on_a_fake_clock() -> None:
    plan = twenty_minute_plan()
    clock = FakeClock(start=1000.0)
    result, view = run(plan, clock, Prompter(), interactive=False)
    assert clock.now() - 1000.0 == plan.total_seconds
    assert result.exit_code == 0
    record = result.record
    assert record.ending == "completed"
    assert record.checkins_asked is False
    assert record.seconds_done == plan.total_seconds
    assert record.severity_after is None
    assert all(o == "done" for _, o in outcomes(result))
    assert len(record.exercises) == len(plan.items)
    # One exercise screen per planned exercise, numbered "i of n".
    assert [(i, n) for i, n, _, _ in view.of("exercise")] == [(i, 12) for i in range(1, 13)]
    first_left = view.of("exercise")[0][3]
    assert first_left == plan.total_seconds


def test_deadlines_do_not_drift_when_every_wake_up_is_late() -> None:
    plan = twenty_minute_plan()
    rng = random.Random(7)
    clock = FakeClock(oversleep=lambda: rng.uniform(0.0, 0.05))
    run(plan, clock, Prompter(), interactive=False)
    steps = len(clock.calls)
    assert steps > 1000  # many waits, each up to 50 ms late ...
    # ... yet the session ends one late wake-up after its planned end, not steps x 25 ms.
    assert clock.now() == pytest.approx(plan.total_seconds + clock.last_overshoot, abs=1e-9)
    assert clock.now() - plan.total_seconds <= 0.05


def test_every_phase_deadline_is_on_the_planned_schedule_despite_late_wake_ups() -> None:
    plan = make_plan([ex("a", hold=5, reps=2, per_side=True, rest=4)])
    rng = random.Random(3)
    clock = FakeClock(oversleep=lambda: rng.uniform(0.0, 0.05))
    run(plan, clock, Prompter(), interactive=False)
    boundaries, t = [], 0.0
    for phase in plan.items[0].phases():
        t += phase.seconds
        boundaries.append(t)
    # Every phase end is asked for at exactly its scheduled time.
    assert set(boundaries) <= set(clock.calls)


def test_real_clock_scales_time_and_sleeps_in_small_slices() -> None:
    fake_now = [100.0]
    slept: list[float] = []

    def sleep(seconds: float) -> None:
        slept.append(seconds)
        fake_now[0] += seconds

    clock = RealClock(speed=10, monotonic=lambda: fake_now[0], sleep=sleep)
    assert clock.now() == 0.0
    clock.sleep_until(30.0)  # 30 routine seconds = 3 real seconds at speed 10
    assert clock.now() == pytest.approx(30.0)
    assert sum(slept) == pytest.approx(3.0)
    assert max(slept) <= 0.1 + 1e-12
    with pytest.raises(ValueError, match="speed"):
        RealClock(speed=0)


# ----------------------------------------------------------------------------- cues


def test_cues_follow_the_phases_in_order_with_a_three_two_one_count() -> None:
    plan = make_plan([ex("side-bend", hold=6, reps=1, per_side=True, rest=0)])
    sink = Sink()
    run(plan, FakeClock(), Prompter(), interactive=False, sinks=[sink])
    assert [(c.kind, c.text) for c in sink.cues] == [
        ("exercise", "Side Bend, seated"),
        ("prepare", "Get ready"),
        ("hold", "Hold, left side"),
        ("count", "3"),
        ("count", "2"),
        ("count", "1"),
        ("switch", "Switch sides"),
        ("hold", "Hold, right side"),
        ("count", "3"),
        ("count", "2"),
        ("count", "1"),
        ("end", "Session complete"),
    ]


def test_a_failing_cue_sink_never_stops_the_routine() -> None:
    class Broken:
        def cue(self, cue: Cue) -> None:
            raise RuntimeError("no speaker")

        def close(self) -> None:
            pass

    sink = Sink()
    plan = make_plan([ex("a")])
    result, _ = run(plan, FakeClock(), Prompter(), interactive=False, sinks=[Broken(), sink])
    assert result.record.ending == "completed"
    assert sink.cues[-1].kind == "end"


def test_count_cues_happen_in_the_last_three_seconds_of_a_hold() -> None:
    plan = make_plan([ex("a", hold=10, reps=1, rest=0)])
    times: list[tuple[str, float]] = []
    clock = FakeClock()

    class TimedSink(Sink):
        def cue(self, cue: Cue) -> None:
            times.append((cue.text, clock.now()))

    run(plan, clock, Prompter(), interactive=False, sinks=[TimedSink()])
    prepare = plan.items[0].prepare_seconds
    counts = [(text, t) for text, t in times if text in {"3", "2", "1"}]
    assert counts == [("3", prepare + 7.0), ("2", prepare + 8.0), ("1", prepare + 9.0)]


# ----------------------------------------------------------------------------- per side


def test_per_side_exercises_hold_left_and_right_for_equal_time() -> None:
    plan = make_plan(
        [ex("a", hold=12, reps=3, per_side=True), ex("b", hold=8, reps=2, per_side=True)]
    )
    clock = FakeClock()
    view = View()
    held: dict[tuple[str, str], float] = {}
    current: list[Any] = [None, 0.0]

    class Timing(View):
        def phase_started(
            self, *, phase: Phase, item: PlannedExercise, routine_left: float
        ) -> None:
            if current[0] is not None:
                key = current[0]
                held[key] = held.get(key, 0.0) + clock.now() - current[1]
            current[0] = (item.exercise.id, phase.side) if phase.kind == "hold" else None
            current[1] = clock.now()

        def exercise_finished(self, *, item: PlannedExercise, outcome: str) -> None:
            self.phase_started(phase=Phase("rest", 0), item=item, routine_left=0)

    view = Timing()
    run_routine(
        plan=plan,
        catalogue=Catalogue(tuple(i.exercise for i in plan.items)),
        clock=clock,
        view=view,
        prompter=Prompter(),
        interactive=False,
        wall=lambda: WALL,
    )
    assert held[("a", "left")] == held[("a", "right")] == 36.0
    assert held[("b", "left")] == held[("b", "right")] == 16.0
    switches = [p for p in plan.items[0].phases() if p.kind == "switch"]
    assert len(switches) == 3
    assert all(p.seconds == SWITCH_SECONDS for p in switches)


# ----------------------------------------------------------------------------- pause


def three_exercises() -> Plan:
    return make_plan([ex("one", hold=10, reps=2), ex("two", hold=10, reps=2), ex("three")])


def test_ctrl_c_then_continue_resumes_the_hold_where_it_was() -> None:
    plan = three_exercises()
    clock = FakeClock(interrupts=[8.0])  # during the first hold (prepare is 5 s)
    prompter = Prompter("c", *NO_PAIN, *NO_PAIN, *NO_PAIN, 3, clock=clock)
    result, _view = run(plan, clock, prompter)
    assert prompter.asked[0] == PAUSE_QUESTION
    assert outcomes(result) == [("one", "done"), ("two", "done"), ("three", "done")]
    assert result.record.ending == "completed"
    assert result.record.severity_after == 3
    # Paused time and answer time are not routine time: all planned seconds were done.
    assert result.record.seconds_done == plan.total_seconds
    assert clock.now() == pytest.approx(plan.total_seconds + 11 * 7.0)


def test_ctrl_c_then_skip_moves_to_the_next_exercise() -> None:
    plan = three_exercises()
    clock = FakeClock(interrupts=[8.0])
    prompter = Prompter("s", *NO_PAIN, *NO_PAIN, 2, clock=clock)
    result, view = run(plan, clock, prompter)
    assert outcomes(result) == [("one", "skipped"), ("two", "done"), ("three", "done")]
    assert result.record.exercises[0].seconds_done == pytest.approx(8.0)
    assert ("finished", ("one", "skipped")) in view.calls
    assert result.record.ending == "completed"
    # After the skip, the next exercise starts at once.
    assert view.of("exercise")[1][2] == "two"


def test_skipping_while_getting_ready_asks_no_check_in_for_that_exercise() -> None:
    plan = three_exercises()
    clock = FakeClock(interrupts=[3.0])  # during exercise one's "Get ready" (5 s)
    prompter = Prompter("s", *NO_PAIN, *NO_PAIN, 1, clock=clock)
    result, _ = run(plan, clock, prompter)
    assert prompter.asked == [
        PAUSE_QUESTION,  # skip "one" before any hold ...
        *CHECK_IN,  # ... so the first check-in is after "two"
        *CHECK_IN,
        PAIN_AFTER_QUESTION,
    ]
    assert outcomes(result) == [("one", "skipped"), ("two", "done"), ("three", "done")]
    assert result.record.severity_after == 1


def test_skipping_during_a_hold_asks_no_check_in_for_that_exercise() -> None:
    plan = three_exercises()
    clock = FakeClock(interrupts=[8.0])  # during exercise one's first hold
    prompter = Prompter("s", *NO_PAIN, *NO_PAIN, 1, clock=clock)
    result, view = run(plan, clock, prompter)
    # A skipped exercise was not done: the next one starts at once, and only done ones
    # are checked in on.
    assert prompter.asked == [PAUSE_QUESTION, *CHECK_IN, *CHECK_IN, PAIN_AFTER_QUESTION]
    assert [e[2] for e in view.of("exercise")] == ["one", "two", "three"]
    assert outcomes(result) == [("one", "skipped"), ("two", "done"), ("three", "done")]
    assert result.record.severity_after == 1


def test_ctrl_c_then_end_stops_the_session_and_still_asks_pain_now() -> None:
    plan = three_exercises()
    clock = FakeClock(interrupts=[8.0])
    prompter = Prompter("e", 4, clock=clock)
    result, view = run(plan, clock, prompter)
    # The exercise under way was cut short by ending, not skipped.
    assert outcomes(result) == [
        ("one", "ended"),
        ("two", "not-reached"),
        ("three", "not-reached"),
    ]
    assert result.record.exercises[0].seconds_done == pytest.approx(8.0)
    assert ("finished", ("one", "ended")) in view.calls
    assert result.record.ending == "ended-by-user"
    assert result.exit_code == 0
    assert prompter.asked == [PAUSE_QUESTION, PAIN_AFTER_QUESTION]
    assert result.record.severity_after == 4


def test_a_second_ctrl_c_at_the_pause_menu_ends_the_session() -> None:
    plan = three_exercises()
    clock = FakeClock(interrupts=[30.0])  # during exercise one's second rep
    prompter = Prompter(KeyboardInterrupt(), 5, clock=clock)
    result, _ = run(plan, clock, prompter)
    assert result.record.ending == "ended-by-user"
    assert outcomes(result)[0] == ("one", "ended")
    assert result.record.severity_after == 5


def test_ctrl_c_without_a_terminal_ends_the_session_without_asking() -> None:
    plan = three_exercises()
    clock = FakeClock(interrupts=[8.0])
    prompter = Prompter()  # any question would fail the test
    result, _ = run(plan, clock, prompter, interactive=False)
    assert result.record.ending == "ended-by-user"
    assert outcomes(result)[0] == ("one", "ended")
    assert prompter.asked == []


def test_ctrl_c_at_the_check_in_pauses_and_continue_asks_it_again() -> None:
    plan = three_exercises()
    clock = FakeClock()
    prompter = Prompter(KeyboardInterrupt(), "c", *SHARP, 2, clock=clock)
    result, _ = run(plan, clock, prompter)
    assert prompter.asked[:4] == [CHECK, PAUSE_QUESTION, CHECK, LEG]
    assert result.record.pain_reports == ["one"]  # the answer after continuing counts
    assert result.record.ending == "completed"
    assert result.record.severity_after == 2


def test_ctrl_c_at_the_check_in_then_skip_moves_on_without_an_answer() -> None:
    plan = three_exercises()
    clock = FakeClock()
    # Skip the first question; the other two are still asked.
    prompter = Prompter(KeyboardInterrupt(), "s", False, False, *NO_PAIN, *NO_PAIN, 2, clock=clock)
    result, _view = run(plan, clock, prompter)
    assert prompter.asked[:5] == [CHECK, PAUSE_QUESTION, LEG, WORSE, CHECK]
    assert prompter.asked.count(CHECK) == 3
    assert result.record.pain_reports == []
    assert outcomes(result) == [("one", "done"), ("two", "done"), ("three", "done")]
    assert result.record.ending == "completed"
    # Answering and pausing are not routine time.
    assert result.record.seconds_done == plan.total_seconds


def test_ctrl_c_at_the_check_in_then_end_ends_the_session() -> None:
    plan = three_exercises()
    clock = FakeClock()
    prompter = Prompter(KeyboardInterrupt(), "e", 3, clock=clock)
    result, _ = run(plan, clock, prompter)
    assert prompter.asked == [CHECK, PAUSE_QUESTION, PAIN_AFTER_QUESTION]
    assert outcomes(result) == [("one", "done"), ("two", "not-reached"), ("three", "not-reached")]
    assert result.record.ending == "ended-by-user"
    assert result.record.severity_after == 3


def test_a_second_ctrl_c_at_the_check_in_pause_menu_ends_the_session() -> None:
    plan = three_exercises()
    prompter = Prompter(KeyboardInterrupt(), KeyboardInterrupt(), 4)
    result, _ = run(plan, FakeClock(), prompter)
    assert result.record.ending == "ended-by-user"
    assert result.record.severity_after == 4


# ----------------------------------------------------------------------------- pain checks


def pain_plan() -> tuple[Plan, Catalogue]:
    gentle = ex("gentle-stretch", max_severity=8)
    too_strong = ex("strong-stretch-easier-elsewhere", max_severity=8, causes=("arthritis",))
    exercises = [
        ex("stretch-a", easier="gentle-stretch"),
        ex("mobility-a", kind="mobility"),
        ex("stretch-b", easier="gentle-stretch"),
        ex("stretch-c"),  # no easier variant: dropped
        ex("stretch-d", easier="strong-stretch-easier-elsewhere"),  # easier one unsuitable
        ex("mobility-b", kind="mobility"),
    ]
    catalogue = Catalogue((*exercises, gentle, too_strong))
    return make_plan(exercises), catalogue


def test_without_a_direction_of_movement_a_pain_report_eases_exercises_of_that_kind() -> None:
    plan, catalogue = pain_plan()  # no movement tags: the by-kind fallback
    clock = FakeClock()
    # Sharp pain after stretch-a; do not end; no after the rest; final pain 2.
    prompter = Prompter(*SHARP, False, *NO_PAIN, *NO_PAIN, *NO_PAIN, 2, clock=clock)
    result, view = run(plan, clock, prompter, catalogue=catalogue)
    assert prompter.asked.count(CHECK) == 4
    assert outcomes(result) == [
        ("stretch-a", "done"),
        ("mobility-a", "done"),
        ("gentle-stretch", "done"),  # swapped for its easier variant
        ("stretch-c", "not-reached"),  # left out: no easier variant
        ("stretch-d", "not-reached"),  # left out: its easier variant does not suit this cause
        ("mobility-b", "done"),  # another kind: untouched
    ]
    assert ("note", tuple(safety.NO_PAIN_NO_GAIN)) in view.calls
    assert result.record.pain_reports == ["stretch-a"]
    assert result.record.ending == "completed"
    assert [e[2] for e in view.of("exercise")] == [
        "stretch-a",
        "mobility-a",
        "gentle-stretch",
        "mobility-b",
    ]


def test_a_pain_report_is_acknowledged_with_what_changed_before_the_advice() -> None:
    plan, catalogue = pain_plan()
    clock = FakeClock()
    prompter = Prompter(*SHARP, False, *NO_PAIN, *NO_PAIN, *NO_PAIN, 2, clock=clock)
    _result, view = run(plan, clock, prompter, catalogue=catalogue)
    notes = view.of("note")
    assert notes[:2] == [
        (
            "Thank you for telling me. The rest of the routine is now gentler. Left out: "
            "Stretch C, Stretch D — both are the same kind of exercise as the one that hurt. "
            "Eased: Stretch B becomes Gentle Stretch (the same kind of exercise as the one "
            "that hurt).",
        ),
        tuple(safety.NO_PAIN_NO_GAIN),
    ]
    # Then the offer to stop, right after the first check-in.
    assert prompter.asked[:3] == [CHECK, LEG, END_NOW_QUESTION]


def test_exercises_are_renumbered_from_those_still_in_the_routine() -> None:
    plan, catalogue = pain_plan()
    prompter = Prompter(*SHARP, False, *NO_PAIN, *NO_PAIN, *NO_PAIN, 2)
    _result, view = run(plan, FakeClock(), prompter, catalogue=catalogue)
    # Six planned; two left out after the first: no jump from "3 of 6" to "6 of 6".
    assert [(i, n, id) for i, n, id, _ in view.of("exercise")] == [
        (1, 6, "stretch-a"),
        (2, 4, "mobility-a"),
        (3, 4, "gentle-stretch"),
        (4, 4, "mobility-b"),
    ]


def test_choosing_to_end_after_a_pain_report_stops_the_session_for_pain() -> None:
    plan, catalogue = pain_plan()
    clock = FakeClock()
    prompter = Prompter(*SHARP, True, 3, clock=clock)
    result, view = run(plan, clock, prompter, catalogue=catalogue)
    assert prompter.asked == [CHECK, LEG, END_NOW_QUESTION, PAIN_AFTER_QUESTION]
    assert result.record.ending == "stopped-for-pain"
    assert result.exit_code == 0
    assert outcomes(result)[0] == ("stretch-a", "stopped-for-pain")
    assert all(o == "not-reached" for _, o in outcomes(result)[1:])
    assert [e[2] for e in view.of("exercise")] == ["stretch-a"]
    assert result.record.severity_after == 3
    # What the coach left out is recorded as such, apart from what was simply not reached.
    left_out = result.record.left_out
    assert left_out
    assert set(left_out) < {i for i, o in outcomes(result)[1:]}


def test_ctrl_c_at_the_end_now_question_offers_the_pause_menu() -> None:
    plan, catalogue = pain_plan()
    clock = FakeClock()
    # Ctrl-C at "end now?", then skip the question: the (gentler) routine goes on.
    prompter = Prompter(
        *SHARP, KeyboardInterrupt(), "s", *NO_PAIN, *NO_PAIN, *NO_PAIN, 2, clock=clock
    )
    result, _ = run(plan, clock, prompter, catalogue=catalogue)
    assert prompter.asked[:5] == [CHECK, LEG, END_NOW_QUESTION, PAUSE_QUESTION, CHECK]
    assert result.record.ending == "completed"


FORWARD = ("forward-bending",)
TWIST = ("twisting",)


@pytest.mark.parametrize(
    ("changes", "remaining", "directions", "expected"),
    [
        (
            [PainChange("Seated cat-cow", FORWARD), PainChange("Supported forward lean", FORWARD)],
            3,
            FORWARD,
            "now gentler. Left out: Seated cat-cow, Supported forward lean — both bend forward "
            "like the one that hurt.",
        ),
        (
            [PainChange("Knee rolls", TWIST, eased_to="Pelvic tilt")],
            2,
            TWIST,
            "now gentler. Eased: Knee rolls becomes Pelvic tilt (twists like the one that hurt).",
        ),
        (
            [
                PainChange("A", FORWARD),
                PainChange("B", FORWARD),
                PainChange("C", FORWARD),
                PainChange("D", TWIST),
                PainChange("E", ("forward-bending", "side-bending"), eased_to="F"),
            ],
            1,
            ("forward-bending", "twisting", "side-bending"),
            "Left out: A, B, C — all bend forward like the one that hurt; D — it twists like "
            "the one that hurt. Eased: E becomes F (bends forward and bends to the side like "
            "the one that hurt).",
        ),
        (
            [PainChange("Cat-cow", (safety.SAME_EXERCISE,))],
            2,
            FORWARD,
            "Left out: Cat-cow — it is the one that hurt.",
        ),
        (
            [PainChange("Box breathing", (safety.SAME_KIND,))],
            0,
            (),
            "That was the last exercise for today. Left out: Box breathing — it is the same "
            "kind of exercise as the one that hurt.",
        ),
        (
            [],
            2,
            ("forward-bending", "backward-bending"),
            "Nothing still to come bends forward or bends backward like the one that hurt, so "
            "they stay as planned.",
        ),
        ([], 2, (), "of a different kind, so they stay as planned."),
        ([], 0, FORWARD, "That was the last exercise for today."),
    ],
)
def test_the_pain_acknowledgement_names_what_changed_and_why(
    changes: list[PainChange], remaining: int, directions: tuple[str, ...], expected: str
) -> None:
    from stretchcoach.runner import pain_change_text

    text = pain_change_text(changes=changes, remaining=remaining, directions=directions)
    assert text.startswith("Thank you for telling me. ")
    assert expected in text


def test_no_end_now_question_when_nothing_is_left_after_a_pain_report() -> None:
    plan = make_plan([ex("stretch-a"), ex("stretch-b")])  # b has no easier variant
    prompter = Prompter(*SHARP, 1)
    result, view = run(plan, FakeClock(), prompter)
    assert END_NOW_QUESTION not in prompter.asked
    assert view.of("note")[0] == (
        "Thank you for telling me. That was the last exercise for today. Left out: Stretch B "
        "— it is the same kind of exercise as the one that hurt.",
    )
    assert result.record.ending == "completed"


def test_the_summary_counts_left_out_exercises_apart_from_skipped_ones(
    capsys: pytest.CaptureFixture[str],
) -> None:
    from stretchcoach.ui.routine import summary

    plan, catalogue = pain_plan()
    # Pain after stretch-a; the person skips mobility-a during its hold.
    clock = FakeClock(interrupts=[plan.items[0].seconds + 8.0])
    prompter = Prompter(*SHARP, False, "s", *NO_PAIN, *NO_PAIN, 2, clock=clock)
    result, _ = run(plan, clock, prompter, catalogue=catalogue)
    assert outcomes(result)[1] == ("mobility-a", "skipped")
    summary(result.record, plain=True)
    out = capsys.readouterr().out
    assert "Skipped: 1, not reached: 0" in out  # only what the person skipped
    assert "Left out after your pain report: 2" in out


def test_a_swapped_exercise_is_never_harder_than_the_one_it_replaces() -> None:
    plan, catalogue = pain_plan()
    prompter = Prompter(*SHARP, False, *NO_PAIN, *NO_PAIN, *NO_PAIN, 2)
    _result, view = run(plan, FakeClock(), prompter, catalogue=catalogue)
    swapped = next(d for m, d in view.calls if m == "exercise" and d[2] == "gentle-stretch")
    assert swapped[0] == 3  # it took the third slot


def test_an_easier_variant_outside_the_allowed_positions_is_not_used() -> None:
    exercises = [ex("stretch-a"), ex("stretch-b", easier="floor-version")]
    floor = ex("floor-version", position="supine")
    plan = make_plan(exercises, positions=frozenset({"seated", "standing"}))
    prompter = Prompter(*SHARP, 1)
    result, _ = run(plan, FakeClock(), prompter, catalogue=Catalogue((*exercises, floor)))
    assert outcomes(result) == [("stretch-a", "done"), ("stretch-b", "not-reached")]


def test_second_pain_report_ends_the_session_for_pain() -> None:
    plan, catalogue = pain_plan()
    clock = FakeClock()
    prompter = Prompter(*SHARP, False, *WORSE_BY_2, 6, clock=clock)
    result, view = run(plan, clock, prompter, catalogue=catalogue)
    assert result.record.ending == "stopped-for-pain"
    assert result.exit_code == 0
    assert outcomes(result)[:2] == [("stretch-a", "done"), ("mobility-a", "stopped-for-pain")]
    assert all(o in {"not-reached", "skipped"} for _, o in outcomes(result)[2:])
    assert ("note", (safety.SECOND_PAIN_END_MESSAGE,)) in view.calls
    assert result.record.pain_reports == ["stretch-a", "mobility-a"]
    assert result.record.severity_after == 6
    assert prompter.asked[-1] == PAIN_AFTER_QUESTION


def test_strength_exercises_are_preceded_by_the_reminder() -> None:
    plan = make_plan([ex("bridge", kind="strength"), ex("stretch")])
    _result, view = run(plan, FakeClock(), Prompter(), interactive=False)
    names = [(m, d) for m, d in view.calls if m in {"exercise", "note"}]
    assert names[0][0] == "exercise"
    assert names[0][1][2] == "bridge"
    assert names[1] == ("note", (safety.STRENGTH_REMINDER,))
    assert names[2][0] == "exercise"  # no reminder before the stretch


# ----------------------------------------------------------------------------- interruptions


def test_a_termination_signal_ends_the_session_as_interrupted_with_its_exit_code() -> None:
    plan = three_exercises()

    class Terminating(View):
        def phase_started(
            self, *, phase: Phase, item: PlannedExercise, routine_left: float
        ) -> None:
            if item.exercise.id == "two" and phase.kind == "hold":
                raise SessionInterrupted(143, "SIGTERM")

    prompter = Prompter(*NO_PAIN)  # check-in after exercise one; nothing after the signal
    result = run_routine(
        plan=plan,
        catalogue=Catalogue(tuple(i.exercise for i in plan.items)),
        clock=FakeClock(),
        view=Terminating(),
        prompter=prompter,
        wall=lambda: WALL,
    )
    assert result.exit_code == 143
    assert result.record.ending == "interrupted"
    assert outcomes(result) == [("one", "done"), ("two", "ended"), ("three", "not-reached")]
    assert result.record.severity_after is None
    assert result.record.ended_at == WALL


def test_a_closed_terminal_at_a_question_ends_the_session_as_interrupted() -> None:
    plan = three_exercises()
    result, _ = run(plan, FakeClock(), Prompter(EOFError()))
    assert result.record.ending == "interrupted"
    assert result.exit_code == EXIT_CLOSED_TERMINAL
    assert outcomes(result)[0] == ("one", "done")


def test_ctrl_c_while_the_screen_is_drawing_still_pauses_instead_of_escaping() -> None:
    plan = three_exercises()
    hits: list[str] = []

    class Interrupted(View):
        def phase_started(
            self, *, phase: Phase, item: PlannedExercise, routine_left: float
        ) -> None:
            if item.exercise.id == "two" and phase.kind == "hold" and not hits:
                hits.append("ctrl-c")
                raise KeyboardInterrupt

        def exercise_started(self, **kw: Any) -> None:
            if kw["item"].exercise.id == "three":
                raise KeyboardInterrupt

    clock = FakeClock()
    # Exercise three is skipped while getting ready: no check-in for it.
    prompter = Prompter(*NO_PAIN, "c", *NO_PAIN, "s", 3, clock=clock)
    result = run_routine(
        plan=plan,
        catalogue=Catalogue(tuple(i.exercise for i in plan.items)),
        clock=clock,
        view=Interrupted(),
        prompter=prompter,
        wall=lambda: WALL,
    )
    assert prompter.asked.count(PAUSE_QUESTION) == 2
    assert prompter.asked.count(CHECK) == 2
    assert result.record.severity_after == 3
    assert outcomes(result) == [("one", "done"), ("two", "done"), ("three", "skipped")]
    assert result.record.ending == "completed"
    assert result.record.exercises[1].seconds_done == plan.items[1].seconds


# ----------------------------------------------------------------------------- the screen


def test_the_routine_screen_says_how_to_pause() -> None:
    import io

    from rich.console import Console

    from stretchcoach.ui.routine import END_HINT, PAUSE_HINT, RoutineView

    item = planned(ex("a"))
    # Plain mode: one line before the routine, not repeated for each exercise.
    out = io.StringIO()
    view = RoutineView(plain=True, out=Console(file=out, width=100), interactive=True)
    view.exercise_started(index=1, total=2, item=item, routine_left=60)
    view.exercise_started(index=2, total=2, item=item, routine_left=30)
    text = out.getvalue()
    assert text.count(PAUSE_HINT) == 1
    assert text.index(PAUSE_HINT) < text.index("Exercise 1 of 2")
    # The live panel: a dim footer line.
    live = io.StringIO()
    view = RoutineView(plain=False, out=Console(file=live, width=100), interactive=True)
    view.exercise_started(index=1, total=1, item=item, routine_left=30)
    view.console.print(view.render())
    assert "Ctrl-C: pause, skip or end" in live.getvalue()
    # Without a terminal to answer on, Ctrl-C just ends: say that instead.
    out = io.StringIO()
    view = RoutineView(plain=True, out=Console(file=out, width=100), interactive=False)
    view.exercise_started(index=1, total=1, item=item, routine_left=30)
    assert END_HINT in out.getvalue()
    assert PAUSE_HINT not in out.getvalue()


# ----------------------------------------------------------------------------- directions


def direction_plan() -> tuple[Plan, Catalogue]:
    """Double knee-to-chest hurts: what bends forward goes or is eased; the rest stays."""
    exercises = [
        ex("double-knee-to-chest", name="Double knee-to-chest", movements=("loaded-flexion",)),
        ex("seated-cat-cow", name="Seated cat-cow", movements=("flexion", "extension")),
        ex("knee-rolls", name="Knee rolls", kind="mobility", movements=("rotation",)),
        ex(
            "supported-forward-lean",
            name="Supported forward lean",
            movements=("flexion",),
            easier="forward-lean-on-table",  # still bends forward: no use
        ),
        ex(
            "seated-forward-stretch",
            name="Seated forward stretch",
            movements=("flexion",),
            easier="seated-side-reach",  # goes another way: eased to it
        ),
        ex("standing-back-bend", name="Standing back bend", movements=("extension",)),
        ex("box-breathing", name="Box breathing", kind="breathing"),
    ]
    variants = [
        ex("forward-lean-on-table", name="Forward lean on a table", movements=("flexion",)),
        ex("seated-side-reach", name="Seated side reach", movements=("side-bend",)),
    ]
    return make_plan(exercises), Catalogue((*exercises, *variants))


def test_a_pain_report_eases_by_direction_of_movement_and_names_what_changed() -> None:
    plan, catalogue = direction_plan()
    clock = FakeClock()
    # Sharp pain after the first; go on; no after each of the four still to come.
    answers = (*SHARP, False, *NO_PAIN, *NO_PAIN, *NO_PAIN, *NO_PAIN, 2)
    result, view = run(plan, clock, Prompter(*answers, clock=clock), catalogue=catalogue)
    assert outcomes(result) == [
        ("double-knee-to-chest", "done"),
        ("seated-cat-cow", "not-reached"),  # bends forward (and back): left out
        ("knee-rolls", "done"),  # twists: another direction, stays
        ("supported-forward-lean", "not-reached"),  # its easier variant still bends forward
        ("seated-side-reach", "done"),  # eased: the variant bends to the side instead
        ("standing-back-bend", "done"),  # bends backward: stays
        ("box-breathing", "done"),  # no direction at all: stays
    ]
    assert result.record.left_out == ["seated-cat-cow", "supported-forward-lean"]
    assert view.of("note")[0] == (
        "Thank you for telling me. The rest of the routine is now gentler. Left out: Seated "
        "cat-cow, Supported forward lean — both bend forward like the one that hurt. Eased: "
        "Seated forward stretch becomes Seated side reach (bends forward like the one that "
        "hurt).",
    )
    assert result.record.ending == "completed"


def test_when_nothing_still_to_come_moves_that_way_the_routine_stays_as_planned() -> None:
    plan, catalogue = direction_plan()
    clock = FakeClock()
    # The first three done without trouble; then knee rolls (twisting) hurts.
    answers = (*NO_PAIN, *NO_PAIN, *SHARP, False, *NO_PAIN, *NO_PAIN, *NO_PAIN, *NO_PAIN, 1)
    result, view = run(plan, clock, Prompter(*answers, clock=clock), catalogue=catalogue)
    assert view.of("note")[0][0].startswith(
        "Thank you for telling me. Nothing still to come twists like the one that hurt, so "
        "they stay as planned."
    )
    assert all(o == "done" for _, o in outcomes(result))


def test_the_exercise_that_hurt_never_comes_back_in_the_session() -> None:
    cat_cow = ex("cat-cow", name="Cat-cow", movements=("flexion", "extension"), easier="tilt")
    tilt = ex("tilt", name="Pelvic tilt", movements=("extension",))
    twist = ex("twist", name="Seated twist", movements=("rotation",), easier="cat-cow")
    breathing = ex("breathing", name="Belly breathing", kind="breathing")
    # A second round brings cat-cow back; the twist's easier variant is cat-cow itself.
    plan = make_plan([cat_cow, breathing, cat_cow, twist])
    catalogue = Catalogue((cat_cow, tilt, twist, breathing))
    answers = (*SHARP, False, *NO_PAIN, *NO_PAIN, 1)
    result, view = run(plan, FakeClock(), Prompter(*answers), catalogue=catalogue)
    assert outcomes(result) == [
        ("cat-cow", "done"),
        ("breathing", "done"),
        ("cat-cow", "not-reached"),  # the one that hurt (its easier variant bends back too)
        ("twist", "done"),  # twisting is another direction: stays, and stays itself
    ]
    ran = [e[2] for e in view.of("exercise")]
    assert ran.count("cat-cow") == 1
    assert "Left out: Cat-cow — it is the one that hurt." in view.of("note")[0][0]


def test_a_swap_never_brings_back_the_exercise_that_hurt() -> None:
    # Breathing hurt (no direction: by kind); the later breathing exercise's easier variant
    # is the very one that hurt, so it is left out rather than swapped.
    a = ex("belly-breathing", name="Belly breathing", kind="breathing")
    b = ex("box-breathing", name="Box breathing", kind="breathing", easier="belly-breathing")
    plan = make_plan([a, ex("stretch"), b])
    answers = (*SHARP, False, *NO_PAIN, 1)
    result, _ = run(plan, FakeClock(), Prompter(*answers), catalogue=Catalogue((a, b)))
    assert outcomes(result)[2] == ("box-breathing", "not-reached")


# ----------------------------------------------------------------------------- the check-in


def test_the_check_in_asks_three_questions_and_names_the_starting_pain() -> None:
    plan = make_plan([ex("a")], severity=3)
    prompter = Prompter(*NO_PAIN, 2)
    result, _ = run(plan, FakeClock(), prompter)
    worse = safety.worse_check_question(3)
    assert prompter.asked == [CHECK, LEG, worse, PAIN_AFTER_QUESTION]
    assert "you said 3 out of 10" in worse
    assert "2 or more points worse" in worse
    assert result.record.pain_reports == []


def test_pain_two_points_worse_is_a_pain_report_like_sharp_pain() -> None:
    plan, catalogue = pain_plan()
    answers = (*WORSE_BY_2, False, *NO_PAIN, *NO_PAIN, *NO_PAIN, 2)
    result, view = run(plan, FakeClock(), Prompter(*answers), catalogue=catalogue)
    assert result.record.pain_reports == ["stretch-a"]
    assert outcomes(result)[3] == ("stretch-c", "not-reached")
    assert view.of("note")[0][0].startswith("Thank you for telling me.")


def test_pain_spreading_down_a_leg_ends_the_routine_at_once_with_advice() -> None:
    plan, catalogue = pain_plan()
    clock = FakeClock()
    prompter = Prompter(*NO_PAIN, *DOWN_A_LEG, 5, clock=clock)
    result, view = run(plan, clock, prompter, catalogue=catalogue)
    # The second check-in stops at the leg question: no "worse?", no "end now?".
    assert prompter.asked == [*CHECK_IN, CHECK, LEG, PAIN_AFTER_QUESTION]
    assert result.record.ending == "stopped-for-pain"
    assert outcomes(result) == [
        ("stretch-a", "done"),
        ("mobility-a", "stopped-for-pain"),
        *((i, "not-reached") for i in ("stretch-b", "stretch-c", "stretch-d", "mobility-b")),
    ]
    assert result.record.pain_reports == ["mobility-a"]
    assert result.record.left_out == []  # nothing eased: the routine simply stopped
    assert ("note", (safety.LEG_SYMPTOMS_END_MESSAGE,)) in view.calls
    advice = safety.LEG_SYMPTOMS_END_MESSAGE
    for words in ("stop here", "doctor or physiotherapist", "weak or numb", "emergency number"):
        assert words in advice
    assert "bottom or genitals" in advice
    assert "bladder" in advice
    assert result.record.severity_after == 5


def test_leg_symptoms_after_sharp_pain_still_end_the_routine() -> None:
    plan, catalogue = pain_plan()
    prompter = Prompter(True, True, 4)
    result, view = run(plan, FakeClock(), prompter, catalogue=catalogue)
    assert prompter.asked == [CHECK, LEG, PAIN_AFTER_QUESTION]
    assert result.record.ending == "stopped-for-pain"
    assert outcomes(result)[0] == ("stretch-a", "stopped-for-pain")
    assert ("note", (safety.LEG_SYMPTOMS_END_MESSAGE,)) in view.calls
    assert END_NOW_QUESTION not in prompter.asked


def test_ctrl_c_at_the_leg_question_then_end_ends_the_session() -> None:
    plan = three_exercises()
    prompter = Prompter(False, KeyboardInterrupt(), "e", 2)
    result, _ = run(plan, FakeClock(), prompter)
    assert prompter.asked == [CHECK, LEG, PAUSE_QUESTION, PAIN_AFTER_QUESTION]
    assert result.record.ending == "ended-by-user"
    assert outcomes(result)[0] == ("one", "done")  # it was done before the check-in


# ----------------------------------------------------------------------------- endings


def summary_text(record: Any) -> str:
    """The session summary as printed in plain mode."""
    import contextlib
    import io

    from stretchcoach.ui.routine import summary

    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        summary(record, plain=True)
    return out.getvalue()


def test_an_early_end_says_so_with_how_many_were_done_never_routine_complete() -> None:
    plan = make_plan([ex(f"ex-{i}", reps=1, rest=0) for i in range(10)])
    one = plan.items[0].seconds
    clock = FakeClock(interrupts=[6 * one + 7.0])  # during the seventh exercise
    prompter = Prompter(*(NO_PAIN * 6), "e", 2)  # answers take no time on this clock
    result, _ = run(plan, clock, prompter)
    assert result.record.ending == "ended-by-user"
    assert [o for _, o in outcomes(result)] == ["done"] * 6 + ["ended"] + ["not-reached"] * 3
    text = summary_text(result.record)
    assert "Ended early: 6 of 10 done" in text
    assert "cut short when the session ended: 1" in text
    assert "Routine complete" not in text


def test_a_stop_for_pain_says_so_never_routine_complete() -> None:
    plan, catalogue = pain_plan()
    result, _ = run(plan, FakeClock(), Prompter(*NO_PAIN, *DOWN_A_LEG, 5), catalogue=catalogue)
    text = summary_text(result.record)
    assert "Stopped because of pain: 1 of 6 done" in text
    assert "Routine complete" not in text


def test_only_a_completed_routine_says_routine_complete() -> None:
    plan = three_exercises()
    result, _ = run(plan, FakeClock(), Prompter(), interactive=False)
    assert "Routine complete" in summary_text(result.record)
    interrupted = run_routine(
        plan=plan,
        catalogue=Catalogue(tuple(i.exercise for i in plan.items)),
        clock=FakeClock(),
        view=View(),
        prompter=Prompter(EOFError()),
        wall=lambda: WALL,
    )
    text = summary_text(interrupted.record)
    assert "Interrupted: 1 of 3 done" in text
    assert "Routine complete" not in text


def test_a_practice_run_is_recorded_as_practice_and_says_so() -> None:
    plan = three_exercises()
    view = View()
    result = run_routine(
        plan=plan,
        catalogue=Catalogue(tuple(i.exercise for i in plan.items)),
        clock=FakeClock(),
        view=view,
        prompter=Prompter(),
        interactive=False,
        wall=lambda: WALL,
        practice=True,
    )
    assert result.record.practice is True
    assert "Practice run" in summary_text(result.record)
    real, _ = run(plan, FakeClock(), Prompter(), interactive=False)
    assert real.record.practice is False
    assert "Practice run" not in summary_text(real.record)


# ----------------------------------------------------------------------------- a rise in pain


def rise_plan(severity: int = 3) -> tuple[Plan, Catalogue]:
    """A breathing exercise, then a chin tuck at the pain 0-3 dose (3 s x 10), a bridge that
    suits pain up to 4 only, and a resting position to finish."""
    exercises = [
        ex("breathing", kind="breathing", hold=30, reps=2, max_severity=8),
        ex("chin-tuck", kind="mobility", hold=3, reps=10, max_severity=6),
        ex("bridge", kind="strength", hold=5, reps=10, max_severity=4),
        ex("rest-position", kind="relief", hold=30, reps=2, max_severity=8),
    ]
    return make_plan(exercises, severity=severity), Catalogue(tuple(exercises))


def test_a_rise_of_two_points_gives_the_rest_the_dose_of_the_new_pain() -> None:
    from stretchcoach.runner import GENTLER_NOW

    plan, catalogue = rise_plan(3)
    worse = (False, False, True)  # not sharp, nothing down a leg, 2 or more points worse
    answers = (*worse, False, *NO_PAIN, *NO_PAIN, 5)  # ...continue; the rest are fine
    prompter = Prompter(*answers)
    prompter_worse = safety.worse_check_question(3)
    result, view = run(plan, FakeClock(), prompter, catalogue=catalogue)
    assert prompter_worse in prompter.asked
    # Pain is now at least 5/10: the chin tuck takes the gentle dose (2-3 reps), the bridge
    # (for pain up to 4) is left out, and the resting position stays as it was.
    shown = [d for d in view.of("phase") if d[0] == "chin-tuck" and d[1].kind == "hold"]
    assert len(shown) == 3
    assert all(phase.seconds == 3 for _, phase in shown)
    assert outcomes(result) == [
        ("breathing", "done"),
        ("chin-tuck", "done"),
        ("bridge", "not-reached"),
        ("rest-position", "done"),
    ]
    assert result.record.left_out == ["bridge"]
    gentler = [n[0] for n in view.of("note") if n[0].startswith(GENTLER_NOW)]
    assert gentler == [
        "Your pain has gone up by 2 points or more, so the rest of the routine is gentler now: "
        "shorter holds and 2-3 reps of each, as for pain of 5/10. Left out for now: Bridge."
    ]


def test_sharp_pain_alone_keeps_the_dose_and_says_nothing_of_a_rise() -> None:
    from stretchcoach.runner import GENTLER_NOW

    plan, catalogue = rise_plan(3)
    answers = (*SHARP, False, *NO_PAIN, *NO_PAIN, *NO_PAIN, 3)
    result, view = run(plan, FakeClock(), Prompter(*answers), catalogue=catalogue)
    holds = [d for d in view.of("phase") if d[0] == "chin-tuck" and d[1].kind == "hold"]
    assert len(holds) == 10
    assert not [n for n in view.of("note") if n[0].startswith(GENTLER_NOW)]
    assert result.record.ending == "completed"


def test_a_rise_into_the_severe_band_keeps_only_breathing_and_resting() -> None:
    plan, catalogue = rise_plan(5)
    worse = (False, False, True)
    answers = (*worse, False, *NO_PAIN, 7)
    result, view = run(plan, FakeClock(), Prompter(*answers), catalogue=catalogue)
    assert [e[2] for e in view.of("exercise")] == ["breathing", "rest-position"]
    assert result.record.left_out == ["chin-tuck", "bridge"]
    assert any(
        "only slow breathing and resting positions, as for pain of 7/10" in n[0]
        for n in view.of("note")
    )


def test_a_rise_to_nine_or_more_ends_the_routine_with_the_pain_advice() -> None:
    plan, catalogue = rise_plan(7)
    worse = (False, False, True)
    result, view = run(plan, FakeClock(), Prompter(*worse, 9), catalogue=catalogue)
    assert result.record.ending == "stopped-for-pain"
    assert outcomes(result)[0] == ("breathing", "stopped-for-pain")
    assert (safety.TOO_SEVERE_MESSAGE,) in view.of("note")


def test_the_live_count_and_the_session_counts_agree_after_a_left_out_exercise() -> None:
    from stretchcoach.stats import exercise_counts

    plan, catalogue = pain_plan()  # six planned; a first report leaves two out
    # Sharp after stretch-a (carry on), fine after mobility-a, sharp again after the next.
    answers = (*SHARP, False, *NO_PAIN, *SHARP, 4)
    result, view = run(plan, FakeClock(), Prompter(*answers), catalogue=catalogue)
    assert result.record.ending == "stopped-for-pain"
    counts = exercise_counts(result.record)
    shown_totals = {total for _, total, _, _ in view.of("exercise")[1:]}
    assert shown_totals == {counts.total} == {4}
    assert (counts.done, counts.stopped_for_pain, counts.left_out) == (2, 1, 2)
    assert counts.done + counts.stopped_for_pain + counts.not_reached == counts.total


# ----------------------------------------------------------------------------- after a rise


def strength_rise_plan(severity: int = 2) -> tuple[Plan, Catalogue]:
    """Breathing, two strengthening exercises that suit pain up to 6, and a resting position
    (like the catalogue's sit-to-stand and abdominal brace at pain 2)."""
    exercises = [
        ex("breathing", kind="breathing", hold=30, reps=2, max_severity=8),
        ex("sit-to-stand", name="Sit-to-stand", kind="strength", hold=3, reps=8),
        ex("abdominal-brace", name="Abdominal brace", kind="strength", hold=5, reps=8),
        ex("rest-position", kind="relief", hold=30, reps=2, max_severity=8),
    ]
    return make_plan(exercises, severity=severity), Catalogue(tuple(exercises))


def test_after_a_rise_the_check_ins_ask_about_a_further_rise_from_the_level_reached() -> None:
    plan, catalogue = rise_plan(2)
    # 2 or more points worse after breathing; carry on; then no to every later question.
    answers = (*WORSE_BY_2, False, *NO_PAIN, *NO_PAIN, *NO_PAIN, 4)
    prompter = Prompter(*answers)
    run(plan, FakeClock(), prompter, catalogue=catalogue)
    again = safety.worse_again_question(4)
    assert "about 4 out of 10" in again
    assert prompter.asked == [
        *CHECK_IN,
        END_NOW_QUESTION,
        *([CHECK, LEG, again] * 3),
        PAIN_AFTER_QUESTION,
    ]
    assert prompter.asked.count(WORSE) == 1  # the starting pain is named only before the rise


def test_pain_that_stays_at_the_reported_level_is_not_a_second_report() -> None:
    plan, catalogue = rise_plan(2)
    answers = (*WORSE_BY_2, False, *NO_PAIN, *NO_PAIN, *NO_PAIN, 4)
    result, view = run(plan, FakeClock(), Prompter(*answers), catalogue=catalogue)
    assert result.record.ending == "completed"
    assert result.record.pain_reports == ["breathing"]
    assert (safety.SECOND_PAIN_END_MESSAGE,) not in view.of("note")


def test_a_further_rise_after_a_reported_rise_is_the_second_report() -> None:
    plan, catalogue = rise_plan(2)
    answers = (*WORSE_BY_2, False, *WORSE_BY_2, 6)
    prompter = Prompter(*answers)
    result, view = run(plan, FakeClock(), prompter, catalogue=catalogue)
    assert prompter.asked[6] == safety.worse_again_question(4)
    assert result.record.ending == "stopped-for-pain"
    assert result.record.pain_reports == ["breathing", "chin-tuck"]
    assert (safety.SECOND_PAIN_END_MESSAGE,) in view.of("note")


def test_after_sharp_pain_alone_the_check_ins_still_name_the_starting_pain() -> None:
    plan, catalogue = rise_plan(2)
    prompter = Prompter(*SHARP, False, *NO_PAIN, *NO_PAIN, *NO_PAIN, 2)
    run(plan, FakeClock(), prompter, catalogue=catalogue)
    thirds = [q for q in prompter.asked if "points" in q]
    assert thirds == [WORSE, WORSE, WORSE]


def test_the_level_named_after_a_rise_is_the_start_plus_two_the_dose_assumes() -> None:
    for start in (0, 3, 5):
        plan, catalogue = rise_plan(start)
        prompter = Prompter(*WORSE_BY_2, False, *NO_PAIN, *NO_PAIN, *NO_PAIN, start)
        run(plan, FakeClock(), prompter, catalogue=catalogue)
        assert safety.worse_again_question(start + 2) in prompter.asked, start


def test_a_rise_into_the_gentle_band_keeps_only_the_first_strengthening_exercise() -> None:
    from stretchcoach.planner import LIGHT_STRENGTH_MAX_EXERCISES
    from stretchcoach.runner import GENTLER_NOW

    plan, catalogue = strength_rise_plan(2)
    answers = (*WORSE_BY_2, False, *NO_PAIN, *NO_PAIN, 4)
    result, view = run(plan, FakeClock(), Prompter(*answers), catalogue=catalogue)
    assert outcomes(result) == [
        ("breathing", "done"),
        ("sit-to-stand", "done"),
        ("abdominal-brace", "not-reached"),
        ("rest-position", "done"),
    ]
    ran = [e[2] for e in view.of("exercise")]
    strength_after = [i for i in ran[1:] if i in {"sit-to-stand", "abdominal-brace"}]
    assert len(strength_after) == LIGHT_STRENGTH_MAX_EXERCISES
    assert result.record.left_out == ["abdominal-brace"]
    # The one kept takes the light dose: 2-3 reps.
    holds = [d for d in view.of("phase") if d[0] == "sit-to-stand" and d[1].kind == "hold"]
    assert 2 <= len(holds) <= 3
    gentler = [n[0] for n in view.of("note") if n[0].startswith(GENTLER_NOW)]
    assert gentler == [
        "Your pain has gone up by 2 points or more, so the rest of the routine is gentler now: "
        "shorter holds and 2-3 reps of each, as for pain of 4/10. Left out for now: "
        "Abdominal brace."
    ]


def test_a_rise_to_six_leaves_out_all_strengthening_still_to_come() -> None:
    plan, catalogue = strength_rise_plan(4)
    answers = (*WORSE_BY_2, False, *NO_PAIN, 6)
    result, view = run(plan, FakeClock(), Prompter(*answers), catalogue=catalogue)
    assert [e[2] for e in view.of("exercise")] == ["breathing", "rest-position"]
    assert result.record.left_out == ["sit-to-stand", "abdominal-brace"]


def test_a_rise_within_the_mild_band_keeps_every_strengthening_exercise() -> None:
    plan, catalogue = strength_rise_plan(1)
    answers = (*WORSE_BY_2, False, *NO_PAIN, *NO_PAIN, *NO_PAIN, 3)
    result, _ = run(plan, FakeClock(), Prompter(*answers), catalogue=catalogue)
    assert all(o == "done" for _, o in outcomes(result))
    assert result.record.left_out == []


def test_when_a_rise_changes_the_dose_nothing_is_said_to_stay_as_planned() -> None:
    from stretchcoach.runner import GENTLER_NOW

    twist = ex("knee-rolls", name="Knee rolls", movements=("rotation",))
    tuck = ex("chin-tuck", kind="mobility", hold=3, reps=10, movements=("flexion",))
    rest = ex("rest-position", kind="relief", hold=30, reps=2, max_severity=8)
    plan = make_plan([twist, tuck, rest], severity=2)
    answers = (*WORSE_BY_2, False, *NO_PAIN, *NO_PAIN, 4)
    _result, view = run(plan, FakeClock(), Prompter(*answers), catalogue=Catalogue((twist, tuck)))
    notes = [n[0] for n in view.of("note")]
    assert notes[0] == (
        "Thank you for telling me. Nothing still to come twists like the one that hurt. Go "
        "gently, and press Ctrl-C to skip any that do not feel right."
    )
    assert notes[1].startswith(GENTLER_NOW)
    assert not [n for n in notes if "stay as planned" in n]


def test_the_acknowledgement_drops_stay_as_planned_only_when_the_dose_changes() -> None:
    from stretchcoach.runner import pain_change_text

    same = pain_change_text(changes=[], remaining=2, directions=("twisting",))
    changed = pain_change_text(changes=[], remaining=2, directions=("twisting",), dose_changed=True)
    assert "like the one that hurt, so they stay as planned." in same
    assert "like the one that hurt. Go gently" in changed
    kind = pain_change_text(changes=[], remaining=2, dose_changed=True)
    assert "of a different kind. Go gently" in kind
