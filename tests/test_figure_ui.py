"""Figures in the terminal: Rich text with the working side marked, the routine panel's figure
(placement, movement in time with the phase, reduced motion, sides), and show's animation."""

from __future__ import annotations

import io
import os
import re
import subprocess
import sys
from typing import Any

import pytest
from conftest import REPO, make_exercise
from rich.console import Console

from stretchcoach.figures import parse
from stretchcoach.routine import Phase, PlannedExercise
from stretchcoach.ui import figure as figures
from stretchcoach.ui.routine import RoutineView

#: A standing knee lift: the right leg works, start and stretch keyframes.
KNEE_LIFT: dict[str, Any] = {
    "view": "side",
    "props": ["floor"],
    "working": "right",
    "limb": "leg",
    "keyframes": [
        {"name": "start", "rests_on": ["left.foot", "right.foot"]},
        {"name": "stretch", "right": {"hip": 80, "knee": 90}, "rests_on": ["left.foot"]},
    ],
}


def braille_rows(text: str) -> list[str]:
    return [line for line in text.splitlines() if any("\u2800" <= c <= "\u28ff" for c in line)]


def knee_lift(**fields: Any) -> PlannedExercise:
    values: dict[str, Any] = {
        "position": "standing",
        "per_side": True,
        "side_order": "alternate",
        "figure": KNEE_LIFT,
        "steps": ("Stand tall beside a wall.", "Lift one knee gently."),
    }
    values.update(fields)
    ex = make_exercise("knee-lift", **values)
    return PlannedExercise(ex, hold_seconds=10, reps=1, rest_seconds=3)


def live_view(
    item: PlannedExercise,
    phase: Phase,
    *,
    cols: int = 100,
    rows: int = 40,
    still: bool = False,
    figures_setting: str | None = "braille",
    colour: bool = False,
) -> tuple[RoutineView, Console]:
    out = Console(
        file=io.StringIO(),
        width=cols,
        height=rows,
        force_terminal=True,
        color_system="truecolor" if colour else None,
    )
    view = RoutineView(plain=False, still=still, out=out, interactive=True, figures=figures_setting)
    view.exercise_started(index=1, total=1, item=item, routine_left=60)
    view._item, view._phase = item, phase  # as phase_started leaves them, without drawing
    if phase.side:
        view._figure_side = phase.side
    return view, out


def frame(view: RoutineView, out: Console, elapsed: float) -> str:
    view._elapsed = elapsed
    lines = out.render_lines(view.render(), pad=False)
    return "\n".join("".join(seg.text for seg in line).rstrip() for line in lines)


def hold(side: str | None = "right", seconds: int = 10, **kw: Any) -> Phase:
    return Phase("hold", seconds, 1, side, **kw)  # type: ignore[arg-type]


# --------------------------------------------------------------------------- Rich text


def test_working_cells_are_coloured_only_when_colour_is_on() -> None:
    from stretchcoach.figures.raster import Drawing

    drawing = Drawing(["⣿⣿ ", " ⣿⣿"], [[True, False, False], [False, False, True]], 3, 2, "")
    coloured = figures.drawing_text(drawing, colour=True)
    marked = {coloured.plain[s.start : s.end] for s in coloured.spans if s.style}
    assert marked == {"⣿"}
    assert len([s for s in coloured.spans if s.style]) == 2
    assert coloured.plain == "⣿⣿ \n ⣿⣿"
    assert not figures.drawing_text(drawing, colour=False).spans


def test_the_caption_names_the_side_under_the_figure() -> None:
    fig = parse(KNEE_LIFT)
    block = figures.block(fig, style="braille", width=32, side="left", colour=False)
    out = Console(file=io.StringIO(), width=40, color_system=None)
    text = "\n".join("".join(s.text for s in line) for line in out.render_lines(block.renderable))
    assert text.rstrip().endswith("LEFT leg works")
    assert block.height == len(text.rstrip().splitlines())


def test_show_caption_says_the_other_side_follows_for_two_sided_work() -> None:
    ex = make_exercise("x", figure=KNEE_LIFT, per_side=True, side_order="alternate")
    fig = parse(KNEE_LIFT)
    assert figures.show_caption(fig, ex) == "RIGHT leg works; then the other side the same way"
    one = make_exercise("y", figure=KNEE_LIFT)
    assert figures.show_caption(fig, one) == "RIGHT leg works"


@pytest.mark.parametrize(
    ("env", "setting", "expected"),
    [
        ({"STRETCHCOACH_FIGURES": "blocks", "TERM": "xterm"}, "braille", "blocks"),
        ({"TERM": "xterm"}, "blocks", "blocks"),
        ({"TERM": "xterm"}, None, "braille"),
        ({"TERM": "linux"}, None, "blocks"),
        ({"STRETCHCOACH_FIGURES": "off", "TERM": "xterm"}, None, "off"),
    ],
)
def test_the_style_env_wins_over_the_setting(
    env: dict[str, str], setting: str | None, expected: str
) -> None:
    assert figures.style_for(setting, env) == expected


def test_a_bad_style_in_the_env_is_ignored_with_one_warning(
    capsys: pytest.CaptureFixture[str],
) -> None:
    figures._warned.clear()
    env = {"STRETCHCOACH_FIGURES": "ascii", "TERM": "xterm"}
    assert figures.style_for("blocks", env) == "blocks"  # the config's setting still counts
    assert figures.style_for(None, env) == "braille"  # else the guess from the terminal
    err = capsys.readouterr().err
    assert err.count("Warning: STRETCHCOACH_FIGURES='ascii' is not a figure style") == 1


# --------------------------------------------------------------------------- phase timing


def test_a_steady_hold_eases_into_the_stretch_and_stays() -> None:
    phase = hold(seconds=20)
    ts = [figures.phase_t(phase, e, still=False) for e in (0, 0.5, 1.0, 1.5, 10, 20)]
    assert ts[0] == 0.0
    assert ts[-1] == 1.0
    assert ts == sorted(ts)
    assert 0 < ts[1] < ts[2] < 1.0


def test_a_with_movement_hold_moves_when_its_cue_changes() -> None:
    phase = hold(None, seconds=6, moves=(("Round your back", "out"), ("Let it dip", "in")))
    assert figures.phase_t(phase, 2.9, still=False) == 0.0
    assert figures.phase_t(phase, phase.half + 0.4, still=False) > 0.0
    assert figures.phase_t(phase, 6, still=False) == 1.0


def test_a_rest_eases_back_and_reduced_motion_shows_the_held_pose() -> None:
    rest = Phase("rest", 5)
    assert figures.phase_t(rest, 0, still=False) == 1.0
    assert figures.phase_t(rest, 5, still=False) == 0.0
    for elapsed in (0, 1, 5, 9):
        assert figures.phase_t(hold(), elapsed, still=True) == 1.0
        assert figures.phase_t(rest, elapsed, still=True) == 0.0
    assert figures.phase_t(Phase("prepare", 5), 3, still=False) == 0.0


# --------------------------------------------------------------------------- the live panel


def test_the_figure_moves_with_the_hold() -> None:
    view, out = live_view(knee_lift(), hold("right"))
    first, later = frame(view, out, 0), frame(view, out, 3)
    assert braille_rows(first)
    assert braille_rows(later)
    assert braille_rows(first) != braille_rows(later)


def test_with_reduced_motion_the_figure_holds_still() -> None:
    view, out = live_view(knee_lift(), hold("right"), still=True)
    frames = {frame(view, out, e) for e in (0, 1, 2.5, 7)}
    assert len(frames) == 1
    moving, out2 = live_view(knee_lift(), hold("right"))
    assert braille_rows(frame(moving, out2, 9)) == braille_rows(frames.pop())  # the stretch


def test_the_working_side_follows_the_phase_mirrored() -> None:
    right_view, out = live_view(knee_lift(), hold("right"))
    left_view, out2 = live_view(knee_lift(), hold("left"))
    right, left = frame(right_view, out, 5), frame(left_view, out2, 5)
    assert "RIGHT leg works" in right
    assert "LEFT leg works" in left
    assert braille_rows(right) != braille_rows(left)


def test_beside_from_90_columns_above_when_narrower_none_under_50() -> None:
    for cols, where in ((120, "beside"), (90, "beside"), (89, "above"), (60, "above"), (49, None)):
        view, out = live_view(knee_lift(), hold("right"), cols=cols)
        text = frame(view, out, 5)
        lines = text.splitlines()
        assert all(len(line) <= cols for line in lines), cols
        rows = braille_rows(text)
        words_beside = [row for row in rows if re.search("[a-z]{3}", row)]
        step = next(i for i, line in enumerate(lines) if "1. Stand tall" in line)
        if where is None:
            assert not rows, cols
        elif where == "beside":
            assert words_beside, cols
        else:
            assert not words_beside, cols
            assert all(lines.index(row) < step for row in rows), cols
        assert "Stop if" in text
        assert "Hold" in text


def test_a_short_terminal_drops_the_figure_before_the_timer_or_stop_cue() -> None:
    view, out = live_view(knee_lift(), hold("right"), cols=70, rows=22)
    text = frame(view, out, 5)
    assert not braille_rows(text)
    assert "Hold" in text
    assert "0:" in text
    assert "Stop if" in text
    assert len(text.splitlines()) <= 21


def test_no_figure_in_plain_mode_or_when_figures_are_off() -> None:
    item = knee_lift()
    off, out = live_view(item, hold("right"), figures_setting="off")
    assert not braille_rows(frame(off, out, 5))
    stream = io.StringIO()
    plain = RoutineView(plain=True, out=Console(file=stream, width=120), figures="braille")
    plain.exercise_started(index=1, total=1, item=item, routine_left=60)
    plain.phase_started(phase=hold("right"), item=item, routine_left=60)
    plain.tick(phase=hold("right"), remaining=5, elapsed=5, routine_left=55)
    plain.close()
    assert "Stand tall" in stream.getvalue()
    assert not braille_rows(stream.getvalue())


def test_blocks_style_draws_half_blocks() -> None:
    view, out = live_view(knee_lift(), hold("right"), figures_setting="blocks")
    text = frame(view, out, 5)
    assert not braille_rows(text)
    assert any(c in text for c in "▀▄█")


def test_colour_marks_the_working_limb_and_without_colour_there_are_no_escapes() -> None:
    view, out = live_view(knee_lift(), hold("right"), colour=True)
    view._elapsed = 5
    out.print(view.render())
    assert "\x1b[1;96m" in out.file.getvalue()  # type: ignore[attr-defined]
    bare, out2 = live_view(knee_lift(), hold("right"), colour=False)
    bare._elapsed = 5
    out2.print(bare.render())
    drawn = out2.file.getvalue()  # type: ignore[attr-defined]
    assert braille_rows(drawn)
    assert "\x1b[" not in drawn


def test_the_live_panel_gives_the_cursor_back() -> None:
    view, out = live_view(knee_lift(), hold("right"))
    view.phase_started(phase=hold("right"), item=knee_lift(), routine_left=60)
    view.close()
    written = out.file.getvalue()  # type: ignore[attr-defined]
    assert "\x1b[?25l" in written
    assert written.rindex("\x1b[?25h") > written.rindex("\x1b[?25l")


def test_an_exercise_without_a_figure_imports_no_figure_code() -> None:
    code = (
        "import io, sys\n"
        "from rich.console import Console\n"
        "from stretchcoach.catalogue import Exercise\n"
        "from stretchcoach.routine import Phase, PlannedExercise\n"
        "from stretchcoach.ui.routine import RoutineView\n"
        "ex = Exercise(id='a', name='A', kind='stretch', position='supine', causes=('posture',),"
        " max_severity=6, hold_seconds=5, reps=1, per_side=False, rest_seconds=0,"
        " steps=('Do it.',), stop_if='Stop if it hurts.')\n"
        "item = PlannedExercise(ex, hold_seconds=5, reps=1, rest_seconds=0)\n"
        "out = Console(file=io.StringIO(), width=100, height=40, force_terminal=True)\n"
        "v = RoutineView(plain=False, out=out, interactive=True)\n"
        "v.exercise_started(index=1, total=1, item=item, routine_left=5)\n"
        "v.phase_started(phase=Phase('hold', 5), item=item, routine_left=5)\n"
        "v.close()\n"
        "print(sorted(m for m in sys.modules if m.startswith('stretchcoach.figures')))\n"
    )
    env = {**os.environ, "STRETCHCOACH_HOME": str(REPO / ".no-such-home")}
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True
    )
    assert done.stdout.strip() == "[]"


# --------------------------------------------------------------------------- show's animation


def test_the_animation_ends_on_the_stretch_and_restores_the_cursor() -> None:
    out = Console(file=io.StringIO(), width=60, height=30, force_terminal=True, color_system=None)
    drawn: list[float] = []
    waits: list[float] = []

    def panel_at(t: float) -> str:
        drawn.append(t)
        return f"pose {t:.3f}"

    figures.animate(out, panel_at, sleep=waits.append)
    written = out.file.getvalue()  # type: ignore[attr-defined]
    assert drawn[-1] == 1.0
    assert 0.0 in drawn
    assert 1 < sum(waits) < 10  # a couple of movements, then it stops
    assert written.rindex("\x1b[?25h") > written.rindex("\x1b[?25l")
    assert written.rsplit("\x1b[2K", 1)[-1].startswith("pose 1.000")  # left on the stretch


def test_ctrl_c_cuts_the_animation_short_and_still_restores_the_cursor() -> None:
    out = Console(file=io.StringIO(), width=60, height=30, force_terminal=True, color_system=None)
    calls = [0]

    def sleep(_seconds: float) -> None:
        calls[0] += 1
        if calls[0] == 3:
            raise KeyboardInterrupt

    figures.animate(out, lambda t: f"pose {t:.3f}", sleep=sleep)
    written = out.file.getvalue()  # type: ignore[attr-defined]
    assert calls[0] == 3
    assert "pose 1.000" in written
    assert written.rindex("\x1b[?25h") > written.rindex("\x1b[?25l")


def test_the_animation_frames_hold_then_ease_and_end_on_the_stretch() -> None:
    frames = figures.animation_frames()
    assert frames[0] == (0.0, 1.0)
    assert frames[-1][0] == 1.0
    ts = [t for t, _ in frames]
    arrivals = [i for i, t in enumerate(ts) if t == 1.0 and ts[i - 1] < 1.0]
    assert len(arrivals) == 2  # two movements into the stretch
    assert all(0.0 <= t <= 1.0 for t in ts)


# --------------------------------------------------------------------------- the HTML report


def test_the_html_report_shows_each_exercise_figure_inline() -> None:
    from datetime import datetime, timedelta, timezone

    from stretchcoach import stats
    from stretchcoach.routine import ExerciseOutcome, SessionRecord
    from stretchcoach.ui import history as view

    start = datetime(2026, 3, 14, 8, 0, tzinfo=timezone.utc)
    record = SessionRecord(
        started_at=start,
        ended_at=start + timedelta(minutes=10),
        cause="posture",
        severity_before=4,
        severity_after=3,
        minutes_planned=10,
        seconds_done=600,
        exercises=[ExerciseOutcome("knee-lift", "done"), ExerciseOutcome("breathe", "done")],
        ending="completed",
    )
    data = stats.build_report(
        [record],
        today=start.date(),
        days=14,
        generated_at=start,
        names={"knee-lift": "Knee lift <both>", "breathe": "Breathe"},
    )
    lift = make_exercise(
        "knee-lift",
        name="Knee lift <both>",
        figure=KNEE_LIFT,
        per_side=True,
        side_order="alternate",
    )
    shelf = {"knee-lift": lift, "breathe": make_exercise("breathe")}
    pictures = figures.svg_figures(shelf, ["knee-lift", "breathe", "gone"])
    assert list(pictures) == ["knee-lift"]
    page = view.report_html(data, figures=pictures)
    assert page.count("<svg") == 1
    assert "What the exercises look like" in page
    assert "RIGHT leg works; then the other side the same way" in page
    assert "Knee lift &lt;both&gt;" in page
    assert "<both>" not in page
    assert "http" not in page  # nothing that looks fetched from elsewhere
    assert 'id="t"' not in page  # ids made unique within the page
    assert 'aria-labelledby="pose1-t pose1-d"' in page
    assert "What the exercises look like" not in view.report_html(data)


def test_report_command_html_has_the_figures(invoke: Any) -> None:
    from datetime import datetime, timedelta

    from stretchcoach import history
    from stretchcoach.routine import ExerciseOutcome, SessionRecord

    start = datetime.now().astimezone() - timedelta(minutes=30)
    record = SessionRecord(
        started_at=start,
        ended_at=start + timedelta(minutes=10),
        cause="posture",
        severity_before=4,
        severity_after=3,
        minutes_planned=10,
        seconds_done=600,
        exercises=[ExerciseOutcome("cat-cow", "done")],
        ending="completed",
    )
    assert history.save_session(record) is None
    page = invoke(["report", "--format", "html"]).stdout
    assert "<svg" in page
    assert "Cat-cow" in page


def test_the_panel_is_laid_out_for_the_width_it_is_drawn_at() -> None:
    # A frame handed over at 120 columns but drawn after a resize to 60 must not keep the
    # wide layout (figure beside the steps), which would squeeze the steps to a word a line.
    view, _ = live_view(knee_lift(), hold(), cols=120, rows=40)
    wide = frame(view, view.console, 2.0)
    narrow_out = Console(file=io.StringIO(), width=60, height=40, force_terminal=True)
    lines = narrow_out.render_lines(view.render(), pad=False)
    narrow = ["".join(seg.text for seg in line).rstrip() for line in lines]
    assert all(len(line) <= 60 for line in narrow)
    assert any("Stand tall beside a wall." in line for line in narrow), narrow
    assert "Stand tall beside a wall." in wide


WHY = "Loosens the hip after long sitting."


@pytest.mark.parametrize("cols", [60, 80, 120])
def test_the_panel_says_why_the_exercise_helps(cols: int) -> None:
    view, out = live_view(knee_lift(why=WHY), hold("right"), cols=cols)
    text = " ".join(frame(view, out, 5).replace("│", " ").split())
    assert f"Why it helps: {WHY}" in text
    assert text.index("Why it helps") < text.index("1. Stand tall")


def test_why_is_dropped_before_the_steps_when_the_terminal_is_short() -> None:
    item = knee_lift(why=WHY)
    for rows in range(30, 10, -1):
        view, out = live_view(item, hold("right"), cols=70, rows=rows)
        text = frame(view, out, 5)
        if "Why it helps" not in text:
            break
    else:
        raise AssertionError("the why line was never dropped")
    assert "1. Stand tall" in text, rows  # the steps outlast it
    assert "Stop if" in text


def test_plain_mode_says_why_before_the_steps() -> None:
    stream = io.StringIO()
    plain = RoutineView(plain=True, out=Console(file=stream, width=120), figures="off")
    plain.exercise_started(index=1, total=1, item=knee_lift(why=WHY), routine_left=60)
    plain.close()
    lines = stream.getvalue().splitlines()
    why = lines.index(f"  Why it helps: {WHY}")
    assert why < next(i for i, line in enumerate(lines) if "1. Stand tall" in line)


def test_an_exercise_without_a_why_shows_no_why_line() -> None:
    view, out = live_view(knee_lift(why=None), hold("right"))
    assert "Why it helps" not in frame(view, out, 5)
