"""Folded text on every screen: between words, under its text (hanging indent), numbers kept
with their units; plain transcripts never folded; tables giving wordy columns the room."""

from __future__ import annotations

import io
import re
from collections.abc import Callable
from datetime import datetime
from typing import Any

import pytest
from click.testing import Result
from hypothesis import given
from hypothesis import strategies as st
from rich.console import Console

from stretchcoach import safety
from stretchcoach.routine import SessionRecord
from stretchcoach.ui import history as history_view
from stretchcoach.ui import plan as plan_view
from stretchcoach.ui import routine as routine_view
from stretchcoach.ui.tables import Column, column_widths, fold_lines

Invoke = Callable[..., Result]
PLAN = ["--cause", "posture", "--severity", "2", "--minutes", "10", "--seed", "7"]
PLAN += ["--condition", "none"]


def terminal(width: int) -> tuple[Callable[..., Console], io.StringIO]:
    """A stand-in for ui.console(): a terminal ``width`` columns wide, writing to a buffer."""
    out = io.StringIO()

    def make(**kwargs: Any) -> Console:
        plain = kwargs.get("plain", False)
        return Console(
            file=out,
            width=width,
            force_terminal=not plain,
            color_system=None,
            highlight=False,
            emoji=False,
        )

    return make, out


def shown(out: io.StringIO) -> list[str]:
    return out.getvalue().splitlines()


# ----------------------------------------------------------------------------- the helper


def test_a_bullet_continues_under_its_text() -> None:
    rule = "  • Stop if the pain turns sharp or climbs by 2 points or more."
    assert fold_lines(rule, 60) == [
        "  • Stop if the pain turns sharp or climbs by 2 points or",
        "    more.",
    ]


def test_a_number_stays_with_its_unit() -> None:
    assert fold_lines("60 s × 2, rest 10 s", 17) == ["60 s × 2, rest", "10 s"]
    assert fold_lines("rest 3 s", 6) == ["rest", "3 s"]


@given(
    st.lists(st.sampled_from(["rest", "3 s", "× 2,", "each", "side", "10 s", "hold"]), max_size=12),
    st.integers(min_value=4, max_value=40),
)
def test_folding_keeps_every_word_and_leaves_no_trailing_space(
    words: list[str], width: int
) -> None:
    text = " ".join(words)
    lines = fold_lines(text, width)
    assert " ".join(" ".join(lines).split()) == " ".join(text.split())
    assert all(line == line.rstrip() for line in lines)
    assert "\u00a0" not in "".join(lines)
    for line in lines:  # never a unit alone at the start of a line
        assert not re.match(r"s\b", line)
        assert len(line) <= width or " " not in line.replace("3 s", "").replace("10 s", "")


# ----------------------------------------------------------------------------- start's screens


def test_the_pain_scale_folds_under_its_text(monkeypatch: pytest.MonkeyPatch) -> None:
    make, out = terminal(80)
    monkeypatch.setattr(routine_view, "console", make)
    routine_view.lines([f"  {s}" for s in safety.SEVERITY_SCALE], plain=False)
    lines = shown(out)
    wash = next(i for i, line in enumerate(lines) if "wash and dress" in line)
    assert lines[wash].startswith("  wash and dress") or lines[wash].startswith("  4–6")
    assert all(line.startswith("  ") for line in lines)  # no line back at column 0
    assert all(len(line) <= 80 and line == line.rstrip() for line in lines)


def test_the_stop_rules_hang_under_their_bullet(monkeypatch: pytest.MonkeyPatch) -> None:
    make, out = terminal(60)
    monkeypatch.setattr(routine_view, "console", make)
    routine_view.safety_intro(
        stop_rules=safety.STOP_RULES, no_pain=safety.NO_PAIN_NO_GAIN, plain=False
    )
    lines = shown(out)
    first = next(i for i, line in enumerate(lines) if "climbs by 2 points" in line)
    assert lines[first].startswith("  • ")
    assert lines[first + 1] == "    more."


def practice_record() -> SessionRecord:
    return SessionRecord(datetime(2026, 3, 2, 9, 0), "posture", 2, 3.0, practice=True)


def test_the_practice_note_in_the_summary_folds_under_its_text(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    make, out = terminal(80)
    monkeypatch.setattr(routine_view, "console", make)
    routine_view.summary(practice_record(), plain=False)
    lines = shown(out)
    start = next(i for i, line in enumerate(lines) if line.startswith("  Practice run"))
    assert lines[start + 1] == "  progress or reports."


def test_plain_summary_lines_are_whole(monkeypatch: pytest.MonkeyPatch) -> None:
    make, out = terminal(40)
    monkeypatch.setattr(routine_view, "console", make)
    routine_view.summary(practice_record(), plain=True)
    assert f"  {routine_view.PRACTICE_SUMMARY}" in shown(out)


def test_the_live_panel_steps_hang_under_their_text() -> None:
    from stretchcoach import catalogue
    from stretchcoach.routine import Phase, PlannedExercise

    con = Console(file=io.StringIO(), force_terminal=True, width=50, height=60, color_system=None)
    v = routine_view.RoutineView(plain=False, still=True, out=con, interactive=True, figures="off")
    ex = catalogue.load().get("glute-bridge")
    assert ex is not None
    item = PlannedExercise(ex, hold_seconds=10, reps=1, rest_seconds=3)
    v.exercise_started(index=1, total=1, item=item, routine_left=60)
    v._phase = Phase("hold", 10)
    panel = con.render_lines(v._compose(50, 60), pad=False)
    rows = ["".join(seg.text for seg in row).rstrip() for row in panel]
    step = next(i for i, row in enumerate(rows) if re.match(r"│ 1\. ", row))
    assert rows[step + 1].startswith("│    ")  # continued under the text, not the number


# ----------------------------------------------------------------------------- plain transcripts


def test_plain_start_output_is_never_folded_and_has_no_trailing_spaces(invoke: Invoke) -> None:
    full = ["start", "--cause", "posture", "--severity", "2", "--minutes", "3", "--screened"]
    fast = ["--condition", "none", "--yes", "--speed", "1000", "--plain"]
    result = invoke([*full, *fast], env={"COLUMNS": "80"})
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert all(line == line.rstrip() for line in lines)
    no_pain = " ".join(safety.NO_PAIN_NO_GAIN[0].split())
    assert no_pain in lines  # a paragraph is one line, however long
    notes = [line for line in lines if line.startswith("Note: ")]
    assert notes
    nxt = lines.index(notes[0]) + 1
    assert not lines[nxt].startswith(" "), lines[nxt]  # the note was not folded onward
    assert max(len(line) for line in lines if "┃" not in line and "│" not in line) > 80


def test_plan_notes_fold_under_their_text_on_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    from stretchcoach.catalogue import load
    from stretchcoach.commands._routine import todays_plan
    from stretchcoach.routine import Assessment

    plan = todays_plan(
        Assessment("posture", 2, None),
        load(),
        minutes=3,
        seed=7,
        sessions=[],
        today=datetime(2026, 3, 2).date(),
    )
    assert plan.notes
    make, out = terminal(60)
    monkeypatch.setattr(plan_view, "console", make)
    plan_view.plan_notes(plan, plain=False)
    lines = shown(out)
    assert lines[0].startswith("Note: ")
    assert lines[1].startswith("      ")
    make, out = terminal(60)
    monkeypatch.setattr(plan_view, "console", make)
    plan_view.plan_notes(plan, plain=True)
    assert shown(out)[0] == f"Note: {plan.notes[0]}"


# ----------------------------------------------------------------------------- tables


def test_the_plan_table_keeps_numbers_with_their_units(invoke: Invoke) -> None:
    for cols in ("60", "80", "120"):
        result = invoke(["plan", *PLAN], env={"COLUMNS": cols})
        assert result.exit_code == 0
        table = [line for line in result.stdout.splitlines() if line.startswith("│")]
        assert table
        doses = [line.split("│")[4].strip() for line in table]
        assert not any(re.match(r"s\b", cell) for cell in doses), table  # no unit alone
        # a number ends a line only as a count ("× 2"), never split from its unit
        assert not any(re.search(r"(×|(?<!× )\b\d+)$", cell) for cell in doses), table
        assert "\u00a0" not in result.stdout


def test_json_and_markdown_keep_ordinary_spaces(invoke: Invoke) -> None:
    for fmt in ("json", "markdown", "text"):
        result = invoke(["plan", *PLAN, "--format", fmt], env={"COLUMNS": "60"})
        assert result.exit_code == 0
        assert "\u00a0" not in result.stdout
        assert fmt == "json" or "rest 10 s" in result.stdout


def test_text_columns_get_the_room_before_number_columns() -> None:
    columns = [
        Column("when", no_wrap=True),
        Column("cause"),
        Column("pain", no_wrap=True),
        Column("minutes", justify="right"),
        Column("done", justify="right"),
        Column("ending"),
    ]
    row = ["Tue 01 Dec 14:30", "Long sitting or staying still", "2 → 1", "10 of 10", "6/6"]
    widths = column_widths(columns, [[*row, "completed (practice)"]], 80)
    assert widths is not None
    assert len(fold_lines("Long sitting or staying still", widths[1])) <= 2
    assert widths[3] <= len("10 of 10")
    assert widths[4] <= len("done")


def test_the_history_table_gives_the_cause_room(monkeypatch: pytest.MonkeyPatch) -> None:
    from stretchcoach.stats import summarise

    record = SessionRecord(datetime(2026, 3, 2, 9, 0), "posture", 2, 10.0, severity_after=1)
    make, out = terminal(80)
    monkeypatch.setattr(history_view, "console", make)
    history_view.sessions_table([record], summarise([record], today=record.started_at.date()))
    lines = shown(out)
    top = next(i for i, line in enumerate(lines) if "│ Long" in line)
    following = [line for line in lines[top + 1 :] if line.startswith("│")]
    assert len(following) <= 1, lines  # two lines at most, not five


def test_the_live_panel_title_is_never_cut() -> None:
    from stretchcoach import catalogue
    from stretchcoach.routine import Phase, PlannedExercise

    ex = catalogue.load().get("knee-to-chest-single")
    assert ex is not None
    item = PlannedExercise(ex, hold_seconds=10, reps=1, rest_seconds=3)
    for width in (40, 60, 80):
        con = Console(file=io.StringIO(), force_terminal=True, width=width, height=60)
        v = routine_view.RoutineView(plain=False, still=True, out=con, figures="off")
        v.exercise_started(index=1, total=3, item=item, routine_left=60)
        v._phase = Phase("hold", 10)
        rows = [
            "".join(seg.text for seg in row).strip("│╭╮─ ")
            for row in con.render_lines(v._compose(width, 60), pad=False)
        ]
        said = " ".join(rows[:3])
        assert f"Exercise 1 of 3: {ex.name}" in said, (width, rows[:3])


def test_a_word_wider_than_the_panel_is_broken_not_cut() -> None:
    from stretchcoach.ui.tables import Folded

    text = "A stretch (my-physio-home-programme-single-knee-to-chest)"
    lines = Folded(text).lines(20)
    assert all(len(line) <= 20 for line in lines)
    assert "".join(lines).replace(" ", "") == text.replace(" ", "")  # nothing lost


def test_messages_and_questions_fold_by_the_same_rule(monkeypatch: pytest.MonkeyPatch) -> None:
    """ui.fold (stderr messages, questions, validate's OK line) never breaks at a hyphen or
    parts a number from its unit, as the tables' folding does not."""
    from stretchcoach import ui

    monkeypatch.setattr(ui, "_is_tty", lambda stream: True)
    monkeypatch.setenv("COLUMNS", "41")
    text = "OK: mine.yaml has 43 valid exercises (posture 40, weak-muscles 31, rest 10 s). "
    folded = ui.fold(text, object())
    assert folded.endswith(". ")  # the space where an answer is typed is kept
    lines = folded.rstrip(" ").split("\n")
    assert all(len(line) <= 40 for line in lines)
    assert any("weak-muscles" in line for line in lines)
    assert not any(line.endswith(("weak-", "rest 10")) for line in lines)
    assert " ".join(lines) == text.rstrip(" ")
