"""Sides and cues that match the movement: in-turn and alternating sides, phase names with
their breath, walks, the voice and bell following the same phases, and the live panel on
small or resized terminals. The runner runs on a fake clock; the panel draws into a string."""

from __future__ import annotations

import io
from collections.abc import Sequence
from datetime import datetime, timezone
from typing import Any

import pytest
from conftest import make_exercise
from hypothesis import given, settings
from hypothesis import strategies as st

from stretchcoach import catalogue
from stretchcoach.catalogue import POSITIONS, Catalogue, Exercise
from stretchcoach.clock import FakeClock
from stretchcoach.cues import Bell, Phrasing
from stretchcoach.planner import exercise_seconds
from stretchcoach.routine import (
    BREATHE_ON_EFFORT,
    BREATHE_SLOWLY,
    BREATHE_WALKING,
    SWITCH_SECONDS,
    TURN_SECONDS,
    Assessment,
    Cue,
    Phase,
    Plan,
    PlannedExercise,
)
from stretchcoach.runner import run_routine
from stretchcoach.ui.routine import (
    RoutineView,
    breath_cue,
    phase_title,
    plain_phase_line,
    side_line,
)

WALL = datetime(2026, 1, 5, 9, 0, tzinfo=timezone.utc)

CLAMSHELL = """\
- id: clamshell
  name: Side-lying clamshell
  kind: strength
  position: side-lying
  causes: [posture]
  max_severity: 5
  hold_seconds: 3
  reps: 3
  per_side: true
  sides: in-turn
  side_words:
    left: lying on your left side, top knee is your right
    right: lying on your right side, top knee is your left
  rest_seconds: 2
  breathing: out-on-effort
  steps:
    - Lie on your side with your knees bent.
    - Lift the top knee a little, then lower it.
  stop_if: Stop if your hip hurts.
- id: cat-cow
  name: Cat-cow
  kind: mobility
  position: all-fours
  causes: [posture]
  max_severity: 6
  hold_seconds: 5
  reps: 2
  per_side: false
  rest_seconds: 2
  breathing: with-movement
  phases:
    - name: Round your back
      breath: out
    - name: Let it dip
      breath: in
  steps:
    - Come onto your hands and knees.
    - Round your back, then let it dip.
  stop_if: Stop if your wrists hurt.
- id: side-bend
  name: Standing side bend
  kind: stretch
  position: standing
  causes: [posture]
  max_severity: 5
  hold_seconds: 4
  reps: 2
  per_side: true
  sides: alternate
  side_words:
    left: bending to your left
    right: bending to your right
  rest_seconds: 3
  breathing: steady
  steps:
    - Stand tall.
    - Slide one hand down your thigh.
  stop_if: Stop if your side hurts.
- id: walk
  name: Easy walk
  kind: mobility
  position: standing
  causes: [posture]
  max_severity: 6
  hold_seconds: 6
  reps: 1
  per_side: false
  rest_seconds: 0
  action: walk
  breathing: steady
  steps:
    - Walk at an easy pace.
  stop_if: Stop if you feel dizzy.
"""
CAT = catalogue.parse(CLAMSHELL, source="phases.yaml")


def planned(ex_id: str) -> PlannedExercise:
    ex = CAT.get(ex_id)
    assert ex is not None
    return PlannedExercise(
        ex, hold_seconds=ex.hold_seconds, reps=ex.reps, rest_seconds=ex.rest_seconds
    )


def shape(item: PlannedExercise) -> list[tuple[str, int, int, str | None]]:
    return [(p.kind, p.seconds, p.rep, p.side) for p in item.phases()]


# --------------------------------------------------------------------------- phases


def test_in_turn_does_every_rep_of_one_side_then_turns_once() -> None:
    assert shape(planned("clamshell")) == [
        ("prepare", 5, 1, None),
        ("hold", 3, 1, "left"),
        ("rest", 2, 1, None),
        ("hold", 3, 2, "left"),
        ("rest", 2, 2, None),
        ("hold", 3, 3, "left"),
        ("switch", TURN_SECONDS, 1, "right"),  # one longer turn, not one per rep
        ("hold", 3, 1, "right"),
        ("rest", 2, 1, None),
        ("hold", 3, 2, "right"),
        ("rest", 2, 2, None),
        ("hold", 3, 3, "right"),
    ]
    assert TURN_SECONDS > SWITCH_SECONDS


def test_alternating_sides_switch_after_each_side_of_every_rep() -> None:
    assert shape(planned("side-bend")) == [
        ("prepare", 5, 1, None),
        ("hold", 4, 1, "left"),
        ("switch", SWITCH_SECONDS, 1, "right"),
        ("hold", 4, 1, "right"),
        ("rest", 3, 1, None),
        ("hold", 4, 2, "left"),
        ("switch", SWITCH_SECONDS, 2, "right"),
        ("hold", 4, 2, "right"),
    ]


def test_holds_carry_the_side_in_body_words_and_how_they_are_breathed() -> None:
    holds = [p for p in planned("clamshell").phases() if p.kind in ("hold", "switch")]
    assert holds[0].side_label == "lying on your left side, top knee is your right"
    assert holds[-1].side_label == "lying on your right side, top knee is your left"
    assert {p.breath_at(0) for p in holds if p.kind == "hold"} == {BREATHE_ON_EFFORT}
    assert {p.word for p in holds if p.kind == "hold"} == {"Hold"}


def test_a_side_without_body_words_is_plainly_named() -> None:
    assert Phase("hold", 5, 1, "left").side_label == "left side"
    assert Phase("hold", 5).side_label == ""


@st.composite
def exercises(draw: st.DrawFn) -> Exercise:
    per_side = draw(st.booleans())
    return make_exercise(
        "x",
        position=draw(st.sampled_from(POSITIONS)),
        hold_seconds=draw(st.integers(1, 60)),
        reps=draw(st.integers(1, 12)),
        per_side=per_side,
        rest_seconds=draw(st.integers(0, 30)),
        side_order=draw(st.sampled_from([None, "alternate", "in-turn"])) if per_side else None,
    )


@settings(max_examples=200, deadline=None)
@given(exercises(), st.integers(1, 60), st.integers(1, 12), st.sampled_from([5, 15]))
def test_the_planner_budgets_exactly_what_the_phases_take(
    ex: Exercise, hold: int, reps: int, prepare: int
) -> None:
    item = PlannedExercise(
        ex, hold_seconds=hold, reps=reps, rest_seconds=ex.rest_seconds, prepare_seconds=prepare
    )
    assert exercise_seconds(ex, hold=hold, reps=reps, prepare=prepare) == item.seconds
    holds = [p for p in item.phases() if p.kind == "hold"]
    sides = [p.side for p in holds]
    if ex.per_side:  # every rep on both sides, for the same time
        assert sides.count("left") == sides.count("right") == reps
        turns = [p for p in item.phases() if p.kind == "switch"]
        assert len(turns) == (1 if ex.in_turn else reps)
    else:
        assert sides == [None] * reps


def test_custom_exercises_without_sides_go_in_turn_on_the_floor_only() -> None:
    assert [p for p in POSITIONS if make_exercise("x", position=p, per_side=True).in_turn] == [
        "kneeling",
        "all-fours",
        "side-lying",
        "prone",
        "supine",
    ]


# --------------------------------------------------------------------------- the runner


class Recorder:
    """A view and a cue sink at once: every phase, tick and cue in the order they came."""

    def __init__(self, clock: FakeClock) -> None:
        self.clock = clock
        self.events: list[tuple[Any, ...]] = []
        self.cues: list[Cue] = []

    def exercise_started(self, **_: Any) -> None:
        pass

    def phase_started(self, *, phase: Phase, item: PlannedExercise, routine_left: float) -> None:
        self.events.append(("phase", phase, self.clock.now()))

    def tick(self, *, phase: Phase, remaining: float, elapsed: float, routine_left: float) -> None:
        self.events.append(("tick", phase, elapsed, remaining))

    def note(self, lines: Sequence[str]) -> None:
        pass

    def suspend(self) -> None:
        pass

    def exercise_finished(self, **_: Any) -> None:
        pass

    def cue(self, cue: Cue) -> None:
        self.cues.append(cue)
        self.events.append(("cue", cue, self.clock.now()))

    def close(self) -> None:
        pass


def run(*ids: str) -> Recorder:
    clock = FakeClock()
    recorder = Recorder(clock)
    items = tuple(planned(i) for i in ids)
    plan = Plan(Assessment("posture", 2), minutes=5, seed=1, items=items)
    run_routine(
        plan=plan,
        catalogue=CAT,
        clock=clock,
        view=recorder,
        prompter=None,  # type: ignore[arg-type]  # not interactive: nothing is asked
        cues=[recorder],
        interactive=False,
        wall=lambda: WALL,
    )
    return recorder


def test_the_runner_does_all_of_one_side_turns_once_then_the_other() -> None:
    rec = run("clamshell")
    said = [(c.kind, c.text, c.detail) for c in rec.cues if c.kind != "count"]
    left = ("hold", "Hold, lying on your left side, top knee is your right", BREATHE_ON_EFFORT)
    right = ("hold", "Hold, lying on your right side, top knee is your left", BREATHE_ON_EFFORT)
    rest = ("rest", "Rest", "2 seconds")
    assert said == [
        ("exercise", "Side-lying clamshell, side-lying", rec.cues[0].detail),
        ("prepare", "Get ready", ""),
        left,
        rest,
        left,
        rest,
        left,
        ("switch", "Switch sides", "Now lying on your right side, top knee is your left"),
        right,
        rest,
        right,
        rest,
        right,
        ("end", "Session complete", "completed"),
    ]
    switches = [(e[1], e[2]) for e in rec.events if e[0] == "phase" and e[1].kind == "switch"]
    assert [(p.seconds, at) for p, at in switches] == [(TURN_SECONDS, 5 + 3 * 3 + 2 * 2)]


def test_a_with_movement_hold_names_each_position_with_its_breath_at_its_half() -> None:
    rec = run("cat-cow")
    moves = [(e[1].kind, e[1].text, e[1].detail, e[2]) for e in rec.events if e[0] == "cue"]
    hold = "Round your back — breathe out"
    dip = "Let it dip — breathe in"
    # Prepare 5 s; each 5 s hold rounds for 3 s, then dips for 2; 2 s rest between reps.
    assert moves[1:-1] == [
        ("prepare", "Get ready", "", 0.0),
        ("hold", "Move", hold, 5.0),
        ("move", dip, "", 8.0),
        ("rest", "Rest", "2 seconds", 10.0),
        ("hold", "Move", hold, 12.0),
        ("move", dip, "", 15.0),
    ]
    assert not any(c.kind == "count" for c in rec.cues)  # the positions pace it instead


def test_the_breathing_line_never_flips_in_the_last_second_of_a_hold() -> None:
    rec = run("side-bend", "cat-cow", "clamshell")
    ticks = [(e[1], e[2], e[3]) for e in rec.events if e[0] == "tick" and e[1].kind == "hold"]
    assert ticks
    by_phase: dict[int, list[tuple[float, str]]] = {}
    for phase, elapsed, remaining in ticks:
        by_phase.setdefault(id(phase), []).append((remaining, breath_cue(phase, elapsed)))
    for seen in by_phase.values():
        last = [cue for remaining, cue in seen if remaining <= 1 + 1e-9]
        before = [cue for remaining, cue in seen if remaining > 1 + 1e-9]
        assert last, seen
        assert set(last) == {before[-1]} if before else len(set(last)) == 1, seen
    steady = [breath_cue(p, e) for p, e, _ in ticks if not p.moves]
    assert set(steady) == {BREATHE_SLOWLY, BREATHE_ON_EFFORT}


def test_a_walk_says_walk_not_hold() -> None:
    rec = run("walk")
    (hold,) = [c for c in rec.cues if c.kind == "hold"]
    assert (hold.text, hold.detail) == ("Walk", BREATHE_WALKING)
    item = planned("walk")
    (phase,) = [p for p in item.phases() if p.kind == "hold"]
    assert phase_title(phase, item) == "Walk"
    assert "Hold" not in plain_phase_line(phase, item)


# --------------------------------------------------------------------------- voice and bell


def test_the_voice_says_each_side_and_breath_once_and_each_position_every_rep() -> None:
    phrasing = Phrasing()
    said = [p for c in run("clamshell", "cat-cow").cues if (p := phrasing.phrase(c))]
    spoken = [p for p in said if p not in ("1", "2", "3")]
    assert spoken == [
        "Side-lying clamshell, lying on your side",
        "Hold, lying on your left side, top knee is your right. "
        "Breathe out as you lift, in as you lower",
        "rest",
        "Hold",
        "rest",
        "Hold",
        "Switch sides. Now lying on your right side, top knee is your left",
        "Hold, lying on your right side, top knee is your left",
        "rest",
        "Hold",
        "rest",
        "Hold",
        "Cat-cow, on all fours",
        "Move. Round your back, breathe out",
        "Let it dip, breathe in",
        "rest",
        "Round your back, breathe out",
        "Let it dip, breathe in",
        "well done, that is the end of the routine",
    ]


def test_the_bell_rings_at_hold_starts_switches_and_the_end_not_at_each_position() -> None:
    stream = io.StringIO()
    bell = Bell(stream)
    cues = run("cat-cow").cues
    for cue in cues:
        bell.cue(cue)
    # The exercise, 2 holds, 1 rest (one ring each), the end (three); the "let it dip"
    # halves stay quiet.
    assert stream.getvalue() == "\a" * (1 + 2 + 1 + 3)
    assert sum(c.kind == "move" for c in cues) == 2


# --------------------------------------------------------------------------- the live panel


def view_at(ex_id: str, *, rows: int, cols: int = 80, k: int = 1) -> tuple[RoutineView, Any]:
    from rich.console import Console

    out = Console(
        file=io.StringIO(), width=cols, height=rows, force_terminal=True, color_system=None
    )
    view = RoutineView(plain=False, out=out, interactive=True)
    item = planned(ex_id)
    phase = item.phases()[k]
    view.exercise_started(index=1, total=3, item=item, routine_left=120)
    view.phase_started(phase=phase, item=item, routine_left=120)
    view.tick(phase=phase, remaining=phase.seconds - 1, elapsed=1, routine_left=119)
    return view, out


def rendered(view: RoutineView, out: Any) -> list[str]:
    lines = out.render_lines(view.render(), pad=False)
    return ["".join(seg.text for seg in line).rstrip() for line in lines]


def test_a_tall_terminal_shows_steps_side_and_breathing() -> None:
    view, out = view_at("clamshell", rows=40)
    text = "\n".join(rendered(view, out))
    view.close()
    assert "1. Lie on your side" in text
    assert "Hold · rep 1 of 3" in text
    assert "Lying on your left side, top knee is your right" in text
    assert BREATHE_ON_EFFORT in text


@pytest.mark.parametrize("rows", [6, 8, 10])
def test_a_short_terminal_drops_the_steps_first_and_keeps_timer_phase_and_breathing(
    rows: int,
) -> None:
    # The whole panel is 11 rows (2 of them steps): a 12-row terminal shows it all.
    whole, whole_out = view_at("clamshell", rows=12)
    assert len(rendered(whole, whole_out)) == 11
    whole.close()
    view, out = view_at("clamshell", rows=rows)
    shown = rendered(view, out)
    view.close()
    text = "\n".join(shown)
    assert len(shown) <= rows - 1, shown
    assert "1. Lie on your side" not in text
    assert "Hold · rep 1 of 3" in text
    assert "0:02" in text  # the countdown
    assert "Lying on your left side, top knee is your right" in text
    assert BREATHE_ON_EFFORT in text
    if rows == 10:  # dropping the steps was enough: the stop rule and the hint stay
        assert "Stop if" in text
        assert "Ctrl-C" in text


def test_a_resize_redraws_on_a_cleared_screen_and_fits_the_new_size() -> None:
    view, out = view_at("cat-cow", rows=40)
    before = out.file.getvalue()
    assert "\x1b[2J" not in before
    out.size = (80, 10)  # the terminal is made smaller
    phase = view._phase
    assert phase is not None
    view._last_draw = 0.0  # the next tick draws at once
    view.tick(phase=phase, remaining=2, elapsed=3, routine_left=110)
    after = out.file.getvalue()[len(before) :]
    view.close()
    assert "\x1b[2J" in after  # the old panel is wiped, not left torn above the new one
    drawn = after[after.rindex("\x1b[2J") :]
    assert "Let it dip — breathe in" in drawn
    assert "1. Come onto" not in drawn  # the steps gave way to the smaller screen
    assert len(rendered(view, out)) <= 9


def test_plain_lines_name_the_side_the_positions_and_the_breath() -> None:
    clam = planned("clamshell")
    hold, switch = clam.phases()[1], clam.phases()[6]
    assert plain_phase_line(hold, clam) == (
        "Hold · rep 1 of 3 · lying on your left side, top knee is your right: 3 s · "
        f"{BREATHE_ON_EFFORT}"
    )
    assert plain_phase_line(switch, clam) == (
        f"Switch sides: {TURN_SECONDS} s · next: lying on your right side, top knee is your left"
    )
    assert side_line(switch) == "Next: lying on your right side, top knee is your left"
    cat = planned("cat-cow")
    assert plain_phase_line(cat.phases()[1], cat) == (
        "Move · rep 1 of 2: 5 s · Round your back — breathe out / Let it dip — breathe in"
    )


def test_the_shipped_catalogue_loads_with_every_new_field() -> None:
    shipped: Catalogue = catalogue.load()
    clam = shipped.get("side-lying-clamshell")
    assert clam is not None
    assert clam.in_turn
    assert clam.side_name("left") == "lying on your left side, top knee is your right"
    knee = shipped.get("knee-to-chest-single")
    assert knee is not None
    assert knee.side_name("right") == "right knee to your chest"
