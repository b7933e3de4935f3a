"""The live panel and Ctrl-C: a frame is always written whole, so pausing clears only the
panel and never the lines above it (the person's earlier answers)."""

from __future__ import annotations

import io
import re
import signal
import sys
from typing import Any

import pytest
from rich.console import Console

from stretchcoach import catalogue
from stretchcoach.routine import Phase, PlannedExercise
from stretchcoach.ui.routine import RoutineView

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")


class CtrlCMidFrame(io.StringIO):
    """A terminal where Ctrl-C is pressed halfway through writing the ``at``-th frame."""

    def __init__(self, at: int) -> None:
        super().__init__()
        self.at = at
        self.frames = 0

    def write(self, text: str) -> int:
        if "╭─ Exercise" in text:
            self.frames += 1
            if self.frames == self.at:
                half = len(text) // 2
                super().write(text[:half])
                signal.raise_signal(signal.SIGINT)  # as the key would, mid-write
                return half + super().write(text[half:])
        return super().write(text)

    def isatty(self) -> bool:
        return True


def screen(stream: str) -> list[str]:
    """The rows a terminal shows after ``stream`` (CR, LF, cursor up, erase line)."""
    rows: list[str] = [""]
    r = 0
    for m in re.finditer(r"\x1b\[(\d*)([AK])|\r|\n|[^\x1b\r\n]+|\x1b\[[0-9;?]*[a-zA-Z]", stream):
        token = m.group(0)
        if m.group(2) == "A":
            r = max(0, r - int(m.group(1) or 1))
        elif m.group(2) == "K":
            rows[r] = ""
        elif token == "\n":
            r += 1
            rows.extend([""] * (r + 1 - len(rows)))
        elif token == "\r" or token.startswith("\x1b"):
            continue
        else:
            rows[r] += token
    return rows


def test_ctrl_c_in_the_middle_of_a_frame_acts_once_it_is_written(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    out = CtrlCMidFrame(at=2)
    con = Console(file=out, force_terminal=True, width=80, height=40, color_system=None)
    con.print("Did that cause sharp pain? [y/n] n", markup=False)  # an earlier answer
    view = RoutineView(plain=False, out=con, interactive=True, figures="off")
    ex = catalogue.load().get("glute-bridge")
    assert ex is not None
    item = PlannedExercise(ex, hold_seconds=10, reps=1, rest_seconds=3)
    clock = [0.0]
    monkeypatch.setattr("stretchcoach.ui.routine.time.monotonic", lambda: clock[0])
    view.exercise_started(index=1, total=1, item=item, routine_left=60)
    view.phase_started(phase=Phase("hold", 10), item=item, routine_left=60)
    clock[0] += 1
    with pytest.raises(KeyboardInterrupt):
        view.tick(phase=Phase("hold", 10), remaining=9, elapsed=1, routine_left=59)
    assert out.getvalue().rstrip().endswith("╯")  # the frame was finished first
    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler
    view.suspend()  # as the pause does
    con.print("Paused.")
    rows = [row for row in screen(out.getvalue()) if row.strip()]
    assert rows == ["Did that cause sharp pain? [y/n] n", "Paused."], rows


def test_signal_handlers_are_put_back_after_every_frame() -> None:
    con = Console(file=io.StringIO(), force_terminal=True, width=80, height=40)
    view = RoutineView(plain=False, out=con, interactive=True, figures="off")
    before: dict[int, Any] = {s: signal.getsignal(s) for s in (signal.SIGINT, signal.SIGTSTP)}
    ex = catalogue.load().get("cat-cow")
    assert ex is not None
    item = PlannedExercise(ex, hold_seconds=5, reps=1, rest_seconds=0)
    view.exercise_started(index=1, total=1, item=item, routine_left=5)
    view.phase_started(phase=Phase("hold", 5), item=item, routine_left=5)
    view.close()
    assert {s: signal.getsignal(s) for s in before} == before
