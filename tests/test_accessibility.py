"""Accessibility settings: permanent plain mode and reduced motion (--still)."""

from __future__ import annotations

import io
import time
from pathlib import Path

import pytest
from rich.console import Console

from stretchcoach import catalogue, ui
from stretchcoach.routine import Phase, PlannedExercise
from stretchcoach.ui.routine import RoutineView


def view(*, still: bool) -> tuple[RoutineView, io.StringIO]:
    out = io.StringIO()
    con = Console(file=out, force_terminal=True, width=80, height=40, color_system=None)
    v = RoutineView(plain=False, still=still, out=con, interactive=True)
    ex = catalogue.load().get("glute-bridge")
    assert ex is not None
    item = PlannedExercise(ex, hold_seconds=10, reps=1, rest_seconds=3)
    v.exercise_started(index=1, total=1, item=item, routine_left=60)
    v.phase_started(phase=Phase("hold", 10), item=item, routine_left=60)
    return v, out


def tick_through(v: RoutineView, monkeypatch: pytest.MonkeyPatch) -> None:
    clock = [time.monotonic()]
    monkeypatch.setattr("stretchcoach.ui.routine.time.monotonic", lambda: clock[0])
    for n in range(1, 10):
        clock[0] += 1.0  # well past REDRAW_SECONDS each time
        v.tick(phase=Phase("hold", 10), remaining=10 - n, elapsed=n, routine_left=60 - n)


def test_still_draws_once_per_phase_and_never_ticks(monkeypatch: pytest.MonkeyPatch) -> None:
    v, out = view(still=True)
    drawn = out.getvalue()
    assert "10 s" in drawn  # the phase's length stands in for the countdown
    tick_through(v, monkeypatch)
    assert out.getvalue() == drawn  # nothing moved
    v.close()


def test_full_motion_redraws_the_countdown(monkeypatch: pytest.MonkeyPatch) -> None:
    v, out = view(still=False)
    drawn = out.getvalue()
    tick_through(v, monkeypatch)
    assert len(out.getvalue()) > len(drawn)
    assert "0:01" in out.getvalue()
    v.close()


@pytest.mark.parametrize(
    ("value", "plain"), [("1", True), ("yes", True), ("0", False), ("", False)]
)
def test_stretchcoach_plain_env(value: str, plain: bool, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("STRETCHCOACH_PLAIN", value)
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.setattr(ui, "_is_tty", lambda stream: True)
    assert ui.styled() is (not plain)


def test_plain_true_in_config_makes_start_plain(
    invoke, isolated_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from stretchcoach.ui import routine as view_mod

    made: list[dict[str, bool]] = []
    real = view_mod.RoutineView

    def spy(**kw):  # type: ignore[no-untyped-def]
        made.append({"plain": kw["plain"], "still": kw.get("still", False)})
        return real(**kw)

    monkeypatch.setattr(view_mod, "RoutineView", spy)
    monkeypatch.setattr(ui, "styled", lambda stream=None: True)  # as on a terminal
    isolated_home.mkdir(parents=True, exist_ok=True)
    (isolated_home / "config.yaml").write_text("plain: true\nmotion: reduced\n")
    args = ["start", "--cause", "posture", "--severity", "2", "--minutes", "3",
            "--condition", "none", "--screened", "--yes", "--speed", "1000"]  # fmt: skip
    result = invoke(args)
    assert result.exit_code == 0, result.stderr
    assert made == [{"plain": True, "still": True}]
