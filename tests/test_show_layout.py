"""`show ID` laid out for any width: the name and id never cut, steps folded under their
text, no zero rest, and plain lines without a box in plain mode."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result

from stretchcoach import catalogue

Invoke = Callable[..., Result]
BOX = re.compile("[╭╮╰╯│─]")


def show(invoke: Invoke, ex_id: str, cols: int, *args: str) -> list[str]:
    result = invoke(["show", ex_id, "--no-figure", *args], env={"COLUMNS": str(cols)})
    assert result.exit_code == 0, result.output
    return result.stdout.splitlines()


def inside(line: str) -> str:
    """A panel line's text, without its borders."""
    return line.strip("│").strip()


@pytest.mark.parametrize("cols", [40, 50, 60, 80])
def test_no_name_or_id_is_ever_cut(invoke: Invoke, cols: int) -> None:
    for ex in catalogue.load():
        lines = show(invoke, ex.id, cols)
        top = lines[0]
        heading = f"{ex.name} ({ex.id})"
        if heading in top:  # it fits in the border
            continue
        assert set(top.strip("╭╮")) == {"─"}, top  # no title at all, rather than a cut one
        said = " ".join(inside(line) for line in lines[1:4])
        assert heading in said, (ex.id, lines[:4])
        assert all(len(line) <= cols for line in lines)


LONG = """\
- id: kitchen-doorway-chest-and-shoulder-opener-for-desk-days
  name: Gentle doorway stretch for the chest and the fronts of both shoulders
  kind: stretch
  position: standing
  causes: [posture, unknown]
  max_severity: 6
  hold_seconds: 20
  reps: 2
  per_side: false
  rest_seconds: 0
  breathing: steady
  steps:
    - Stand in a doorway and rest your forearms on the frame at shoulder height.
  stop_if: Stop if your shoulder or back hurts.
  equipment: []
  movements: []
"""


def test_a_long_custom_name_and_id_at_80_columns(invoke: Invoke, tmp_path: Path) -> None:
    mine = tmp_path / "mine.yaml"
    mine.write_text(LONG, encoding="utf-8")
    ex_id = "kitchen-doorway-chest-and-shoulder-opener-for-desk-days"
    result = invoke(["--catalogue", str(mine), "show", ex_id, "--no-figure"], env={"COLUMNS": "80"})
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert set(lines[0].strip("╭╮")) == {"─"}, lines[0]
    said = " ".join(inside(line) for line in lines[1:4])
    assert f"({ex_id})" in said
    assert "Gentle doorway stretch for the chest and the fronts of both shoulders" in said
    assert "rest 0 s" not in result.stdout


def test_steps_fold_under_their_text(invoke: Invoke) -> None:
    lines = show(invoke, "side-lying-clamshell", 40)
    first = next(i for i, line in enumerate(lines) if inside(line).startswith("1. "))
    assert inside(lines[first + 1])
    assert not inside(lines[first + 1]).startswith("2. ")
    assert lines[first + 1].startswith("│    "), lines[first : first + 2]  # under the text


def test_no_zero_rest(invoke: Invoke) -> None:
    text = "\n".join(show(invoke, "easy-walk", 80))
    assert "rest 0 s" not in text
    assert "180 s × 1" in text
    assert "rest 2 s" in "\n".join(show(invoke, "cat-cow", 80))


def test_plain_mode_prints_lines_without_a_box(
    invoke: Invoke, monkeypatch: pytest.MonkeyPatch, isolated_home: Path
) -> None:
    boxed = show(invoke, "cat-cow", 60)
    assert any(BOX.search(line) for line in boxed)
    monkeypatch.setenv("STRETCHCOACH_PLAIN", "1")
    lines = show(invoke, "cat-cow", 60)
    assert not any(BOX.search(line) for line in lines), lines[:3]
    assert lines[0] == "Cat-cow (cat-cow)"
    assert any(line.startswith("1. ") for line in lines)
    assert all(line == line.rstrip() for line in lines)
    monkeypatch.delenv("STRETCHCOACH_PLAIN")
    isolated_home.mkdir(parents=True, exist_ok=True)
    (isolated_home / "config.yaml").write_text("plain: true\n", encoding="utf-8")
    assert not any(BOX.search(line) for line in show(invoke, "cat-cow", 60))
