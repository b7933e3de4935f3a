"""Drawing the routine: the plan and safety notes before it, the live exercise screen, the summary.

Two modes. On a terminal, a Rich Live panel redraws the current exercise with a countdown,
a progress bar and a calm breathing cue. In plain mode (``--plain``, or stdout is not a
terminal, or NO_COLOR/TERM=dumb) every step is one line of plain text: nothing is redrawn,
so logs and screen readers get a clean transcript.
"""

from __future__ import annotations

import math
import os
import sys
import time
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from stretchcoach.routine import Phase, Plan, PlannedExercise, SessionRecord
from stretchcoach.ui import console, stdin_is_tty, stop_cue
from stretchcoach.ui.plan import position_label

if TYPE_CHECKING:
    from rich.console import Console

#: Routine seconds per half breath in the hold's breathing cue (slow: about 8 s a breath).
BREATH_SECONDS = 4
#: Real seconds between live redraws (ticks in between only update the state).
REDRAW_SECONDS = 0.1

NO_CHECKINS_NOTE = (
    "Input is not a terminal, so the pain check-ins after each exercise will not be asked."
)
#: How to pause, shown under the live panel and once before a plain routine.
PAUSE_HINT = "Ctrl-C: pause, skip or end"
#: Without a terminal to answer on, Ctrl-C simply ends the session.
END_HINT = "Ctrl-C: end the session"
NO_CHECKINS_SUMMARY = "Pain check-ins were not asked (input was not a terminal)."
#: Exercises the coach left out after a pain report (the person did not skip them).
LEFT_OUT_SUMMARY = "Left out after your pain report"


def clock_text(seconds: float) -> str:
    """Whole seconds as m:ss, rounded up (so a countdown never shows 0:00 early)."""
    total = max(0, math.ceil(seconds - 1e-9))
    return f"{total // 60}:{total % 60:02d}"


def breath_cue(elapsed: float) -> str:
    """Breathe in / breathe out, switching every BREATH_SECONDS of routine time."""
    return "Breathe in…" if int(elapsed // BREATH_SECONDS) % 2 == 0 else "Breathe out…"


def phase_title(phase: Phase, item: PlannedExercise) -> str:
    """'Hold · left side · rep 2 of 3' style label for a phase."""
    if phase.kind == "prepare":
        return "Get ready"
    if phase.kind == "switch":
        return f"Switch to the {phase.side} side" if phase.side else "Switch sides"
    if phase.kind == "rest":
        return "Rest"
    parts = ["Hold"]
    if phase.side:
        parts.append(f"{phase.side} side")
    if item.reps > 1:
        parts.append(f"rep {phase.rep} of {item.reps}")
    return " · ".join(parts)


def dose_text(item: PlannedExercise) -> str:
    side = " each side" if item.per_side else ""
    return f"{item.hold_seconds} s × {item.reps}{side}"


class RoutineView:
    """The runner's View: a live panel on terminals, one line per step in plain mode."""

    def __init__(
        self, *, plain: bool, out: Console | None = None, interactive: bool | None = None
    ) -> None:
        self.plain = plain
        self.console = out or console(plain=plain)
        if interactive is None:  # the pause menu can only be answered on a terminal
            interactive = stdin_is_tty()
        self.hint = PAUSE_HINT if interactive else END_HINT
        self._hinted = False
        self._echo: tuple[int, Any] | None = None  # the terminal's settings to restore
        self._live: Any = None
        self._header = ""
        self._item: PlannedExercise | None = None
        self._phase: Phase | None = None
        self._remaining = 0.0
        self._elapsed = 0.0
        self._routine_left = 0.0
        self._last_draw = 0.0

    # ------------------------------------------------------------------ View protocol

    def exercise_started(
        self, *, index: int, total: int, item: PlannedExercise, routine_left: float
    ) -> None:
        self._item = item
        self._phase = None
        self._routine_left = routine_left
        self._header = f"Exercise {index} of {total}"
        ex = item.exercise
        if self.plain:
            if not self._hinted:
                self._hinted = True
                self._line("")
                self._line(self.hint)
            self._line("")
            self._line(
                f"{self._header}: {ex.name} ({position_label(ex.position)}, {dose_text(item)}) · "
                f"{clock_text(routine_left)} left in the routine"
            )
            for n, step in enumerate(ex.steps, start=1):
                self._line(f"  {n}. {step}")
            for note in item.notes:
                self._line(f"  Note: {note}")
            self._line(f"  {stop_cue(ex.stop_if)}")
        else:
            self.console.print()

    def phase_started(self, *, phase: Phase, item: PlannedExercise, routine_left: float) -> None:
        self._item = item
        self._phase = phase
        self._remaining = float(phase.seconds)
        self._elapsed = 0.0
        self._routine_left = routine_left
        if self.plain:
            extra = ", breathe slowly" if phase.kind == "hold" else ""
            self._line(f"  {phase_title(phase, item)}: {phase.seconds} s{extra}")
            return
        self._draw(force=True)

    def tick(self, *, phase: Phase, remaining: float, elapsed: float, routine_left: float) -> None:
        self._remaining = remaining
        self._elapsed = elapsed
        self._routine_left = routine_left
        if not self.plain:
            self._draw()

    def note(self, lines: Sequence[str]) -> None:
        self.suspend()
        for line in lines:
            if self.plain:
                self._line(line)
            else:
                self.console.print(line, style="bold", markup=False)

    def suspend(self) -> None:
        """Stop and clear the live panel (it is transient), so a question or note printed
        next is not followed by a second copy of the panel when drawing starts again."""
        if self._live is not None:
            live, self._live = self._live, None
            try:
                live.stop()
            finally:
                self._restore_echo()

    def exercise_finished(self, *, item: PlannedExercise, outcome: str) -> None:
        self.suspend()
        if self.plain:
            self._line("  Done." if outcome == "done" else "  Skipped.")
        else:
            # The cleared panel leaves one line behind, so the check-in has its context.
            word = "done" if outcome == "done" else "skipped"
            self.console.print(
                f"{self._header}, {item.exercise.name}: {word}.", markup=False, highlight=False
            )

    def close(self) -> None:
        """Stop live drawing for good (always call, so the cursor comes back)."""
        self.suspend()

    # ------------------------------------------------------------------ drawing

    def _silence_echo(self) -> None:
        """Keep keys (and the ^C of Ctrl-C) from echoing into the live panel while it shows.

        An echoed ^C at the panel's last column wraps onto a new line, so the panel is
        redrawn one line lower and its old header stays on screen. Restored by suspend().
        """
        if self._echo is not None or self._console_file_is_not_stdout():
            return
        try:
            import termios
        except ImportError:  # not a POSIX terminal
            return
        try:
            fd = sys.stdin.fileno()
            if not os.isatty(fd):
                return
            old = termios.tcgetattr(fd)
            quiet = list(old)
            quiet[3] &= ~termios.ECHO  # local modes
            termios.tcsetattr(fd, termios.TCSANOW, quiet)
            self._echo = (fd, old)
        except (termios.error, AttributeError, ValueError, OSError):
            return

    def _restore_echo(self) -> None:
        """Give the terminal its echo back (never fails: the terminal may be gone)."""
        if self._echo is None:
            return
        (fd, old), self._echo = self._echo, None
        try:
            import termios

            termios.tcsetattr(fd, termios.TCSANOW, old)
        except Exception:  # termios.error, OSError: a closed terminal needs nothing back
            pass

    def _console_file_is_not_stdout(self) -> bool:
        """A console drawing somewhere else (tests, a file) leaves the terminal alone."""
        return self.console.file is not sys.stdout

    def _line(self, text: str) -> None:
        self.console.print(text, markup=False, highlight=False, soft_wrap=True)

    def _draw(self, *, force: bool = False) -> None:
        now = time.monotonic()
        if not force and now - self._last_draw < REDRAW_SECONDS:
            return
        self._last_draw = now
        if self._live is None:
            from rich.live import Live

            self._live = Live(
                self.render(),
                console=self.console,
                auto_refresh=False,
                transient=True,
                redirect_stdout=False,
                redirect_stderr=False,
            )
            self._silence_echo()
            self._live.start()
        self._live.update(self.render(), refresh=True)

    def render(self) -> Any:
        from rich.console import Group
        from rich.panel import Panel
        from rich.progress_bar import ProgressBar
        from rich.table import Table
        from rich.text import Text

        item, phase = self._item, self._phase
        if item is None:
            return Text("")
        ex = item.exercise
        body: list[Any] = [
            Text(f"{position_label(ex.position)} · {dose_text(item)}", style="dim"),
        ]
        for n, step in enumerate(ex.steps, start=1):
            body.append(Text(f"{n}. {step}"))
        for note in item.notes:
            body.append(Text(f"Note: {note}", style="italic"))
        body.append(Text(stop_cue(ex.stop_if), style="bold"))
        body.append(Text(""))
        if phase is not None:
            row = Table.grid(padding=(0, 2))
            row.add_column(no_wrap=True)
            row.add_column(width=30)
            row.add_column(no_wrap=True)
            done = min(max(self._elapsed, 0.0), float(phase.seconds))
            bar = ProgressBar(total=float(phase.seconds), completed=done, width=30)
            row.add_row(
                Text(phase_title(phase, item), style="bold cyan"),
                bar,
                Text(clock_text(self._remaining), style="bold"),
            )
            body.append(row)
            if phase.kind == "hold":
                body.append(Text(breath_cue(self._elapsed), style="italic"))
            elif phase.kind == "prepare":
                body.append(Text("Get into position and settle your breathing.", style="italic"))
            elif phase.kind == "switch":
                body.append(Text("Slowly change to the other side.", style="italic"))
            else:
                body.append(Text("Relax and breathe easily.", style="italic"))
        body.append(Text(self.hint, style="dim"))
        title = f"{self._header}: {ex.name}"
        subtitle = f"{clock_text(self._routine_left)} left in the routine"
        return Panel(Group(*body), title=title, subtitle=subtitle, title_align="left")


# --------------------------------------------------------------------------- before and after


def plan_intro(plan: Plan, *, plain: bool) -> None:
    """The plan table with its total time, and any notes the planner added."""
    from stretchcoach.ui.plan import show_plan

    show_plan(plan, plain=plain)


def safety_intro(*, stop_rules: Sequence[str], no_pain: Sequence[str], plain: bool) -> None:
    """The stop rules and the two-part 'no pain, no gain' message, shown before every routine."""
    out = console(plain=plain)
    out.print()
    out.print("Before you start:", style="bold")
    for rule in stop_rules:
        out.print(f"  • {rule}", markup=False, soft_wrap=plain)
    for part in no_pain:
        out.print(part, markup=False, soft_wrap=plain)
    out.print()


def lines(text_lines: Sequence[str], *, plain: bool, style: str = "") -> None:
    """A few calm lines on stdout (notes, advice, the disclaimer)."""
    out = console(plain=plain)
    for text in text_lines:
        out.print(text, markup=False, style=style or None, soft_wrap=plain)


def summary(record: SessionRecord, *, plain: bool) -> None:
    """Done, skipped, minutes, pain before → after, and how it ended."""
    out = console(plain=plain)
    counts = dict.fromkeys(("done", "skipped", "stopped-for-pain", "not-reached"), 0)
    for outcome in record.exercises:
        counts[outcome.outcome] = counts.get(outcome.outcome, 0) + 1
    left_out = len(record.left_out)
    total = len(record.exercises)
    after = "not asked" if record.severity_after is None else str(record.severity_after)
    endings = {
        "completed": "Routine complete. Well done.",
        "ended-by-user": "You ended the session early. That is fine: any gentle movement counts.",
        "stopped-for-pain": "The session stopped early because of pain.",
        "interrupted": "The session was interrupted.",
    }
    out.print()
    out.print("Session summary", style="bold")
    out.print(f"  {endings.get(record.ending, record.ending)}", markup=False)
    out.print(f"  Done: {counts['done']} of {total} exercises", markup=False)
    stopped = counts["stopped-for-pain"]
    stopped_text = f", stopped for pain: {stopped}" if stopped else ""
    out.print(
        f"  Skipped: {counts['skipped']}{stopped_text}, "
        f"not reached: {counts['not-reached'] - left_out}",
        markup=False,
    )
    if left_out:
        out.print(f"  {LEFT_OUT_SUMMARY}: {left_out}", markup=False)
    out.print(
        f"  Time: {record.minutes_done:g} of {record.minutes_planned:g} minutes", markup=False
    )
    out.print(f"  Pain before → after: {record.severity_before} → {after}", markup=False)
    if not record.checkins_asked:
        out.print(f"  {NO_CHECKINS_SUMMARY}", markup=False)
