"""`show ID` with the exercise's figure: placement by width, the SVG format, and never a figure
in plain mode, when piped (unless asked), or under about 50 columns."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from stretchcoach.ui import figure as figures

CATALOGUE = """\
- id: knee-lift
  name: Standing knee lift
  why: Loosens the hip while you stand
  kind: mobility
  position: standing
  causes: [posture, unknown]
  max_severity: 6
  hold_seconds: 10
  reps: 2
  per_side: true
  sides: alternate
  side_words:
    left: left knee up
    right: right knee up
  rest_seconds: 3
  breathing: steady
  steps:
    - Stand tall beside a wall and rest one hand on it.
    - Lift one knee gently towards your hip height.
  stop_if: Stop if your back or hip hurts.
  equipment: []
  movements: [deep-hip-flexion]
  figure:
    view: side
    props: [floor]
    working: right
    limb: leg
    keyframes:
      - name: start
        rests_on: [left.foot, right.foot]
      - name: stretch
        right: {hip: 80, knee: 90}
        rests_on: [left.foot]
- id: plain-breath
  name: Plain breathing
  kind: breathing
  position: seated
  causes: [posture, unknown]
  max_severity: 10
  hold_seconds: 30
  reps: 1
  per_side: false
  rest_seconds: 0
  breathing: steady
  steps:
    - Sit and breathe slowly.
  stop_if: Stop if you feel dizzy.
  equipment: []
  movements: []
"""


@pytest.fixture
def small(tmp_path: Path) -> Path:
    path = tmp_path / "figures.yaml"
    path.write_text(CATALOGUE, encoding="utf-8")
    return path


def braille_lines(text: str) -> list[str]:
    return [line for line in text.splitlines() if any("\u2801" <= c <= "\u28ff" for c in line)]


def show(invoke: Any, small: Path, *args: str) -> Any:
    return invoke(["--catalogue", str(small), "show", "knee-lift", *args])


@pytest.mark.parametrize("cols", [40, 60, 80, 120])
def test_the_figure_fits_the_width(
    cols: int, invoke: Any, small: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", str(cols))
    result = show(invoke, small, "--figure")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert all(len(line) <= cols for line in lines), cols
    # The words are all there whatever the width.
    text = " ".join(result.stdout.replace("│", " ").split())
    assert "1. Stand tall beside a wall" in text
    assert "Stop if: your back or hip hurts." in text
    drawn = braille_lines(result.stdout)
    if cols < figures.MIN_COLUMNS:
        assert drawn == []
        assert "leg works" not in result.stdout
        return
    assert drawn
    assert "RIGHT leg works" in text
    assert "then the other" in text  # the caption may wrap here
    assert "the same way" in text
    first_step = next(i for i, line in enumerate(lines) if "1. Stand tall" in line)
    beside = [line for line in drawn if re.search("[a-z]{3}", line)]
    if cols >= 80:
        assert beside, "the figure sits beside the text"
    else:
        assert beside == []
        assert all(lines.index(line) < first_step for line in drawn), "above the steps"


def test_no_figure_when_piped_unless_asked(invoke: Any, small: Path) -> None:
    result = show(invoke, small)
    assert result.exit_code == 0
    assert braille_lines(result.stdout) == []
    assert "Stand tall" in result.stdout
    assert "\x1b[" not in result.stdout


def test_a_figure_asked_for_when_piped_has_no_escape_codes(invoke: Any, small: Path) -> None:
    result = show(invoke, small, "--figure")
    assert braille_lines(result.stdout)
    assert "\x1b[" not in result.stdout
    assert "\u2800" not in result.stdout  # blank cells are spaces, not empty braille


def test_no_figure_in_plain_mode(
    invoke: Any, small: Path, monkeypatch: pytest.MonkeyPatch, isolated_home: Path
) -> None:
    monkeypatch.setenv("STRETCHCOACH_PLAIN", "1")
    assert braille_lines(show(invoke, small, "--figure").stdout) == []
    monkeypatch.delenv("STRETCHCOACH_PLAIN")
    isolated_home.mkdir(parents=True, exist_ok=True)
    (isolated_home / "config.yaml").write_text("plain: true\n", encoding="utf-8")
    result = show(invoke, small, "--figure")
    assert result.exit_code == 0
    assert braille_lines(result.stdout) == []
    assert "Stand tall" in result.stdout


def test_no_figure_flag_and_figures_off(
    invoke: Any, small: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("stretchcoach.ui._is_tty", lambda stream: True)
    assert braille_lines(show(invoke, small, "--no-figure").stdout) == []
    monkeypatch.setenv("STRETCHCOACH_FIGURES", "off")
    assert braille_lines(show(invoke, small).stdout) == []


def test_on_a_terminal_with_no_colour_the_figure_is_drawn_without_escapes(
    invoke: Any, small: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("stretchcoach.ui._is_tty", lambda stream: True)
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("TERM", "xterm")
    monkeypatch.delenv("STRETCHCOACH_FIGURES", raising=False)
    monkeypatch.setattr(figures, "animate", lambda *a, **k: pytest.fail("moved"))
    result = show(invoke, small, "--figure")
    assert braille_lines(result.stdout)
    assert "\x1b[" not in result.stdout


def test_the_blocks_style(invoke: Any, small: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("STRETCHCOACH_FIGURES", "blocks")
    result = show(invoke, small, "--figure")
    assert braille_lines(result.stdout) == []
    assert re.search("[▀▄█]", result.stdout)


def test_svg_format(invoke: Any, small: Path) -> None:
    result = show(invoke, small, "--format", "svg")
    assert result.exit_code == 0
    assert result.stdout.lstrip().startswith("<svg")
    assert result.stdout.rstrip().endswith("</svg>")
    assert "Standing knee lift" in result.stdout
    assert result.stderr == ""


def test_svg_format_without_a_figure_is_a_usage_error(invoke: Any, small: Path) -> None:
    result = invoke(["--catalogue", str(small), "show", "plain-breath", "--format", "svg"])
    assert result.exit_code == 2
    assert result.stdout == ""
    assert "has no figure" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_an_exercise_without_a_figure_shows_its_text(invoke: Any, small: Path) -> None:
    result = invoke(["--catalogue", str(small), "show", "plain-breath", "--figure"])
    assert result.exit_code == 0
    assert "Sit and breathe slowly" in result.stdout
    assert braille_lines(result.stdout) == []


def test_a_bundled_reference_figure_prints_as_svg(invoke: Any) -> None:
    result = invoke(["show", "cat-cow", "--format", "svg"])
    assert result.exit_code == 0, result.stderr
    assert "<svg" in result.stdout


def test_on_a_terminal_show_moves_the_figure_unless_motion_is_reduced(
    invoke: Any, small: Path, monkeypatch: pytest.MonkeyPatch, isolated_home: Path
) -> None:
    moved: list[int] = []
    monkeypatch.setattr("stretchcoach.ui._is_tty", lambda stream: True)
    monkeypatch.setenv("TERM", "xterm")
    monkeypatch.setattr(figures, "animate", lambda out, panel_at, **k: moved.append(1))
    from stretchcoach import ui

    real = ui.console
    monkeypatch.setattr("stretchcoach.ui.catalogue.console", lambda **kw: _terminal(real(**kw)))
    show(invoke, small)
    assert moved == [1]
    isolated_home.mkdir(parents=True, exist_ok=True)
    (isolated_home / "config.yaml").write_text("motion: reduced\n", encoding="utf-8")
    result = show(invoke, small)
    assert moved == [1]
    assert braille_lines(result.stdout)  # the held pose, still


def _terminal(con: Any) -> Any:
    """The same console, told it writes to a terminal (CliRunner's output is not one)."""
    con._force_terminal = True
    con._height = 60
    return con


def test_figures_setting_in_config(
    invoke: Any, small: Path, monkeypatch: pytest.MonkeyPatch, isolated_home: Path
) -> None:
    monkeypatch.delenv("STRETCHCOACH_FIGURES", raising=False)
    isolated_home.mkdir(parents=True, exist_ok=True)
    (isolated_home / "config.yaml").write_text("figures: blocks\n", encoding="utf-8")
    result = show(invoke, small, "--figure")
    assert braille_lines(result.stdout) == []
    assert re.search("[▀▄█]", result.stdout)
    monkeypatch.setenv("STRETCHCOACH_FIGURES", "braille")  # the environment wins
    assert braille_lines(show(invoke, small, "--figure").stdout)
    monkeypatch.delenv("STRETCHCOACH_FIGURES")
    monkeypatch.setattr("stretchcoach.ui._is_tty", lambda stream: True)
    (isolated_home / "config.yaml").write_text("figures: off\n", encoding="utf-8")
    assert re.search("[▀▄█⠁-⣿]", show(invoke, small).stdout) is None
