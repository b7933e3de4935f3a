"""Drawing the routine: the plan and safety notes before it, the live exercise screen, the summary.

Two modes. On a terminal, a Rich Live panel redraws the current exercise with a countdown,
a progress bar and a calm breathing cue. In plain mode (``--plain``, or stdout is not a
terminal, or NO_COLOR/TERM=dumb) every step is one line of plain text: nothing is redrawn,
so logs and screen readers get a clean transcript.

Reduced motion (``--still``, or ``motion: reduced`` in config.yaml) keeps the live panel but
draws it only when a phase begins: the phase row shows the phase's length, with no ticking
countdown or moving bar, and a with-movement hold shows both of its positions at once.

The exercise's figure (when it has one) sits beside the steps from about 90 columns and
above them on narrower terminals; it is the first thing left out when the panel would not
fit, so the timer and the stop rule are never pushed off screen. During a hold it moves
between its keyframes in time with the phase (with reduced motion it shows the held pose),
mirrored for the side being worked. Never in plain mode.

Plain output is never folded: each paragraph, step or note is one line, however long. A
screen reader then reads whole sentences (a folded line is read as two), a log keeps one
searchable line per step, and a terminal still wraps what it shows. On a terminal every
paragraph is folded between words, with wrapped lines under its text (not its bullet).

Ctrl-C and Ctrl-Z pressed while a frame of the panel is being written take effect once it
is written whole: a frame cut off halfway leaves the cursor where the live display does not
expect it, and clearing the panel would then erase the lines above it (the person's earlier
answers). Ctrl-Z clears the panel before the program stops, so what the shell prints meanwhile
is not drawn over, and ``fg`` draws a fresh panel below it.
"""

from __future__ import annotations

import math
import os
import signal
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager, suppress
from typing import TYPE_CHECKING, Any

from stretchcoach.routine import Phase, Plan, PlannedExercise, SessionRecord
from stretchcoach.ui import console, stdin_is_tty, stop_cue
from stretchcoach.ui.plan import position_label

if TYPE_CHECKING:
    from rich.console import Console

#: Real seconds between live redraws (ticks in between only update the state).
REDRAW_SECONDS = 0.1
#: From this many columns the figure sits beside the steps; below, above them.
FIGURE_BESIDE_COLUMNS = 90
#: Below this many columns there is no figure in the panel.
MIN_FIGURE_COLUMNS = 50
#: The steps keep at least this many columns beside the figure.
FIGURE_TEXT_COLUMNS = 40
#: Distinct in-between poses of a movement (the figure moves in this many steps).
FIGURE_STEPS = 24

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
#: Said after a sped-up run (any --speed other than 1).
PRACTICE_SUMMARY = (
    "Practice run (sped up): kept in your history, but not counted in your streak, "
    "progress or reports."
)


def clock_text(seconds: float) -> str:
    """Whole seconds as m:ss, rounded up (so a countdown never shows 0:00 early)."""
    total = max(0, math.ceil(seconds - 1e-9))
    return f"{total // 60}:{total % 60:02d}"


def breath_cue(phase: Phase, elapsed: float) -> str:
    """The line under the timer: how to breathe (a hold's own cue), or what to do now.

    A steady hold's line never changes; a with-movement hold's changes once, at its half,
    with the position it names.
    """
    if phase.kind == "hold":
        return phase.breath_at(elapsed)
    if phase.kind == "prepare":
        return "Get into position and settle your breathing."
    if phase.kind == "switch":
        return "Slowly change to the other side."
    return "Relax and breathe easily."


def phase_title(phase: Phase, item: PlannedExercise) -> str:
    """'Hold · rep 2 of 3' style label for a phase (the side has a line of its own)."""
    if phase.kind == "prepare":
        return "Get ready"
    if phase.kind == "switch":
        return "Switch sides"
    if phase.kind == "rest":
        return "Rest"
    if item.reps > 1:
        return f"{phase.word} · rep {phase.rep} of {item.reps}"
    return phase.word


def side_line(phase: Phase) -> str:
    """The side in body words: "Left knee to your chest"; on a switch, the side to come."""
    label = phase.side_label
    if not label:
        return ""
    if phase.kind == "switch":
        return f"Next: {label}"
    return label[0].upper() + label[1:]


def plain_phase_line(phase: Phase, item: PlannedExercise) -> str:
    """One line per phase in plain mode: what, which side, how long, how to breathe."""
    head = phase_title(phase, item)
    if phase.kind == "hold":
        side = f" · {phase.side_label}" if phase.side else ""
        if phase.moves:
            breath = " / ".join(f"{name} — breathe {air}" for name, air in phase.moves)
        else:
            breath = phase.breath_at(0)
        return f"{head}{side}: {phase.seconds} s · {breath}"
    if phase.kind == "switch" and phase.side:
        return f"{head}: {phase.seconds} s · next: {phase.side_label}"
    return f"{head}: {phase.seconds} s"


def dose_text(item: PlannedExercise) -> str:
    side = " each side" if item.per_side else ""
    return f"{item.hold_seconds} s × {item.reps}{side}"


#: How an exercise's end is reported on screen, by outcome.
FINISHED_WORDS: dict[str, str] = {
    "done": "done",
    "skipped": "skipped",
    "ended": "ended here",
    "stopped-for-pain": "stopped for pain",
}


class RoutineView:
    """The runner's View: a live panel on terminals, one line per step in plain mode."""

    def __init__(
        self,
        *,
        plain: bool,
        still: bool = False,
        out: Console | None = None,
        interactive: bool | None = None,
        figures: str | None = None,
    ) -> None:
        """``figures`` is the figure style setting (braille, blocks, off); None reads
        ``$STRETCHCOACH_FIGURES`` and config.yaml, or guesses from the terminal."""
        self.plain = plain
        #: Reduced motion: the panel is drawn when a phase begins, never in between.
        self.still = still
        self.console = out or console(plain=plain)
        if interactive is None:  # the pause menu can only be answered on a terminal
            interactive = stdin_is_tty()
        self.hint = PAUSE_HINT if interactive else END_HINT
        self._hinted = False
        self._tty: tuple[int, list[Any]] | None = None  # the terminal's own settings
        self._echo_off = False  # keys are not echoed (while the live panel shows)
        self._holding = False  # a frame is being written: Ctrl-C and Ctrl-Z wait for it
        self._stop_key: tuple[int, Any] | None = None  # the Ctrl-Z handler to put back
        self._live: Any = None
        self._header = ""
        self._item: PlannedExercise | None = None
        self._phase: Phase | None = None
        self._remaining = 0.0
        self._elapsed = 0.0
        self._routine_left = 0.0
        self._last_draw = 0.0
        self._size: tuple[int, ...] = ()  # the terminal's size at the last draw
        self._figures_setting = figures
        self._figure_style: str | None = None  # resolved on the first figure drawn
        self._figure: Any = None  # the current exercise's parsed figure, or False for none
        self._figure_side = "right"  # the side being worked, as the exercise names it
        self._figure_cache: dict[tuple[Any, ...], Any] = {}

    # ------------------------------------------------------------------ View protocol

    def exercise_started(
        self, *, index: int, total: int, item: PlannedExercise, routine_left: float
    ) -> None:
        self._item = item
        self._phase = None
        self._routine_left = routine_left
        self._header = f"Exercise {index} of {total}"
        self._figure = None
        self._figure_cache.clear()
        self._figure_side = "left" if item.per_side else "right"  # left is done first
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
            if ex.why:
                self._line(f"  Why it helps: {ex.why}")
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
        if phase.side:
            self._figure_side = phase.side
        if self.plain:
            self._line(f"  {plain_phase_line(phase, item)}")
            return
        self._draw(force=True)

    def tick(self, *, phase: Phase, remaining: float, elapsed: float, routine_left: float) -> None:
        self._remaining = remaining
        self._elapsed = elapsed
        self._routine_left = routine_left
        if self.plain:
            return
        if self.still:
            # Only a resized terminal (whose old panel may be torn) is drawn again.
            if self._live is not None and tuple(self.console.size) != self._size:
                self._draw(force=True)
            return
        self._draw()

    def note(self, lines: Sequence[str]) -> None:
        from stretchcoach.ui.tables import say

        self.suspend()
        for line in lines:
            if self.plain:
                self._line(line)
            else:
                say(self.console, line, style="bold")

    def suspend(self) -> None:
        """Stop and clear the live panel (it is transient), so a question or note printed
        next is not followed by a second copy of the panel when drawing starts again.

        Only the panel is cleared: the lines above it (earlier answers) stay on screen.
        """
        if self._live is not None:
            live, self._live = self._live, None
            try:
                with self._frame():
                    live.stop()
            finally:
                self._restore_echo()
                self._release_stop_key()

    def exercise_finished(self, *, item: PlannedExercise, outcome: str) -> None:
        self.suspend()
        word = FINISHED_WORDS.get(outcome, "skipped")
        if self.plain:
            self._line(f"  {word.capitalize()}.")
        else:
            # The cleared panel leaves one line behind, so the check-in has its context.
            self.console.print(
                f"{self._header}, {item.exercise.name}: {word}.", markup=False, highlight=False
            )

    def close(self) -> None:
        """Stop live drawing for good (always call, so the cursor and the terminal's own
        settings come back)."""
        self.suspend()
        if self._tty is not None:
            (fd, old), self._tty = self._tty, None
            self._set_tty(fd, old)

    # ------------------------------------------------------------------ drawing

    @contextmanager
    def _frame(self) -> Iterator[None]:
        """Write a frame whole: a Ctrl-C or Ctrl-Z pressed meanwhile acts once it is written.

        A write cut off by KeyboardInterrupt leaves the cursor inside a half-drawn panel;
        clearing it from there would move up past the panel and erase earlier answers.
        """
        if self._holding:
            yield None
            return
        held: list[int] = []
        previous: dict[int, Any] = {}
        for name in ("SIGINT", "SIGTSTP"):
            signum = getattr(signal, name, None)
            if signum is None:
                continue
            with suppress(ValueError, OSError):  # not the main thread: signals are not ours
                previous[signum] = signal.signal(signum, lambda s, f: held.append(s))
        self._holding = True
        try:
            yield None
        finally:
            self._holding = False
            for signum, old in previous.items():
                signal.signal(signum, signal.SIG_DFL if old is None else old)
            for signum in dict.fromkeys(held):
                signal.raise_signal(signum)  # as pressed, now that the frame is whole

    def _hold_stop_key(self) -> None:
        """While the panel shows, Ctrl-Z clears it before the program stops (see
        ``_on_stop_key``)."""
        tstp = getattr(signal, "SIGTSTP", None)
        if tstp is None or self._stop_key is not None or self._console_file_is_not_stdout():
            return
        try:
            previous = signal.signal(tstp, self._on_stop_key)
        except (ValueError, OSError):  # not the main thread
            return
        self._stop_key = (tstp, previous)

    def _release_stop_key(self) -> None:
        """Put back the Ctrl-Z handler there was before the panel was shown."""
        if self._stop_key is None:
            return
        (tstp, previous), self._stop_key = self._stop_key, None
        with suppress(ValueError, OSError):
            if signal.getsignal(tstp) == self._on_stop_key:
                signal.signal(tstp, signal.SIG_DFL if previous is None else previous)

    def _on_stop_key(self, signum: int, frame: Any) -> None:
        """Ctrl-Z: clear the panel, then stop as the program otherwise would (the shell's
        lines then follow the earlier answers, and ``fg`` draws a fresh panel under them)."""
        self.suspend()  # also puts the previous handler back
        signal.raise_signal(signum)

    def _silence_echo(self) -> None:
        """Keep keys (and the ^C of Ctrl-C) from echoing into the live panel while it shows,
        and, from then until close(), Ctrl-C from discarding output the terminal has not
        shown yet.

        An echoed ^C at the panel's last column wraps onto a new line, so the panel is
        redrawn one line lower and its old header stays on screen. Output thrown away by
        Ctrl-C (the rest of a frame, or of clearing it) leaves the cursor elsewhere than
        the live display counts on, so clearing the panel then erased the lines above it.
        Echo comes back with suspend().
        """
        if self._echo_off or self._console_file_is_not_stdout():
            return
        try:
            import termios
        except ImportError:  # not a POSIX terminal
            return
        try:
            if self._tty is None:
                fd = sys.stdin.fileno()
                if not os.isatty(fd):
                    return
                self._tty = (fd, termios.tcgetattr(fd))
            fd, old = self._tty
            quiet = list(old)
            quiet[3] = (quiet[3] & ~termios.ECHO) | termios.NOFLSH  # local modes
            termios.tcsetattr(fd, termios.TCSANOW, quiet)
            self._echo_off = True
        except (termios.error, AttributeError, ValueError, OSError):
            return

    def _restore_echo(self) -> None:
        """Give the terminal its echo back; Ctrl-C still keeps unshown output (see
        ``_silence_echo``) until close()."""
        if not self._echo_off or self._tty is None:
            return
        self._echo_off = False
        fd, old = self._tty
        try:
            import termios

            kept = list(old)
            kept[3] |= termios.NOFLSH
        except (ImportError, AttributeError):
            return
        self._set_tty(fd, kept)

    @staticmethod
    def _set_tty(fd: int, settings: list[Any]) -> None:
        """Set the terminal's settings (never fails: the terminal may be gone)."""
        try:
            import termios

            termios.tcsetattr(fd, termios.TCSANOW, settings)
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
        size = tuple(self.console.size)
        self._hold_stop_key()  # before the frame, which holds Ctrl-Z while it is written
        with self._frame():
            if self._live is not None and size != self._size:
                # Resized: the terminal may have re-wrapped the old panel, so moving the
                # cursor up over it would leave a torn copy behind. Draw afresh on a cleared
                # screen.
                live, self._live = self._live, None
                live.stop()
                self.console.clear()
            self._size = size
            if self._live is None:
                from rich.live import Live

                self._live = Live(
                    self.render(),
                    console=self.console,
                    auto_refresh=False,
                    transient=True,
                    redirect_stdout=False,
                    redirect_stderr=False,
                    # render() fits the panel to the terminal; never let an overflow scroll it.
                    vertical_overflow="crop",
                )
                self._silence_echo()
                self._live.start()
            self._live.update(self.render(), refresh=True)

    def render(self) -> Any:
        """The panel, laid out when it is drawn, for the width and height it is drawn at.

        Deciding the layout at draw time (not when the frame is handed over) keeps a resize
        between the two from drawing a wide layout into a narrow terminal.
        """
        return _Fitted(self._compose)

    def _compose(self, width: int, height: int) -> Any:
        """The panel for a terminal ``width`` columns wide and ``height`` rows high.

        When it is too short for everything, the figure goes first, then why it helps, the
        steps, the notes, the spacer, the dose, the hint and the stop rule; the timer row, the
        side and the breathing cue always stay.
        """
        from rich.console import Group
        from rich.panel import Panel
        from rich.text import Text

        from stretchcoach.ui.tables import Folded

        item = self._item
        if item is None:
            return Text("")
        ex = item.exercise
        parts: dict[str, list[Any]] = {
            "dose": [Folded(f"{position_label(ex.position)} · {dose_text(item)}", style="dim")],
            "why": [Folded(f"Why it helps: {ex.why}", style="italic")] if ex.why else [],
            "steps": [Folded(step, first=f"{n}. ") for n, step in enumerate(ex.steps, start=1)],
            "notes": [Folded(note, first="Note: ", style="italic") for note in item.notes],
            "stop": [Folded(stop_cue(ex.stop_if), style="bold")],
            "spacer": [Text("")],
            "timer": self._timer_rows(),
            "hint": [Text(self.hint, style="dim")],
        }
        title: str | None = f"{self._header}: {ex.name}"
        heading: list[Any] = []
        if title is not None and len(title) + 6 > width:  # "╭─ " and " ─╮" around it
            # Never cut: a title too long for the border is the body's first line instead.
            heading, title = [Folded(title, style="bold")], None
        subtitle = f"{clock_text(self._routine_left)} left in the routine"
        options = self.console.options.update_width(width)
        beside = width >= FIGURE_BESIDE_COLUMNS
        figure = self._figure_block(width, beside)

        def panel() -> Any:
            if figure is None:
                body = [line for lines in parts.values() for line in lines]
            elif beside:
                from rich.table import Table

                text = [
                    line for key in ("dose", "why", "steps", "notes", "stop") for line in parts[key]
                ]
                grid = Table.grid(padding=(0, 2), expand=True)
                grid.add_column(ratio=1)
                grid.add_column(width=figure.width)
                grid.add_row(Group(*text), figure.renderable)
                body = [grid, *parts["spacer"], *parts["timer"], *parts["hint"]]
            else:
                body = [figure.renderable, *(line for lines in parts.values() for line in lines)]
            return Panel(Group(*heading, *body), title=title, subtitle=subtitle, title_align="left")

        # One row is left free below the panel, so drawing it never scrolls the screen.
        rows = height - 1
        if (
            figure is not None
            and len(self.console.render_lines(panel(), options, pad=False)) > rows
        ):
            figure = None  # the figure goes first: the words are complete without it
        for section in ("why", "steps", "notes", "spacer", "dose", "hint", "stop"):
            if len(self.console.render_lines(panel(), options, pad=False)) <= rows:
                break
            parts[section] = []
        return panel()

    def _figure_block(self, width: int, beside: bool) -> Any:
        """The current exercise's figure for this moment of the phase, or None (plain mode,
        no figure, figures off, or a terminal under about 50 columns)."""
        if self.plain or self._item is None or width < MIN_FIGURE_COLUMNS:
            return None
        from stretchcoach.ui import figure as figures

        if self._figure is None:
            self._figure = figures.figure_of(self._item.exercise) or False
        if self._figure is False:
            return None
        if self._figure_style is None:
            setting = self._figures_setting
            if setting is None:
                setting = figures.settings().figures
            self._figure_style = figures.style_for(setting)
        if self._figure_style == "off":
            return None
        fig = self._figure
        phase = self._phase
        t = 0.0 if phase is None else figures.phase_t(phase, self._elapsed, still=self.still)
        from stretchcoach.figures import working_side

        side = working_side(fig, self._figure_side)
        room = width - 4 - (2 + FIGURE_TEXT_COLUMNS if beside else 0)
        cells = figures.figure_width(fig, room)
        colour = self.console.color_system is not None
        key = (round(t * FIGURE_STEPS), side, cells, colour)
        if key not in self._figure_cache:
            self._figure_cache[key] = figures.block(
                fig,
                style=self._figure_style,
                width=cells,
                t=round(t * FIGURE_STEPS) / FIGURE_STEPS,
                side=side,
                colour=colour,
            )
        return self._figure_cache[key]

    def _timer_rows(self) -> list[Any]:
        """The phase with its progress bar and countdown, its side, and its breathing cue."""
        from rich.progress_bar import ProgressBar
        from rich.table import Table
        from rich.text import Text

        item, phase = self._item, self._phase
        if phase is None or item is None:
            return []
        title = phase_title(phase, item)
        if self.still:
            return self._still_rows(phase, title)
        clock = clock_text(self._remaining)
        # The bar gives way on a narrow terminal: panel border and padding take 4 columns.
        room = self.console.size.width - 4 - len(title) - len(clock) - 4
        row = Table.grid(padding=(0, 2))
        row.add_column(no_wrap=True)
        row.add_column(width=max(3, min(30, room)))
        row.add_column(no_wrap=True)
        done = min(max(self._elapsed, 0.0), float(phase.seconds))
        bar = ProgressBar(total=float(phase.seconds), completed=done, width=max(3, min(30, room)))
        row.add_row(Text(title, style="bold cyan"), bar, Text(clock, style="bold"))
        rows: list[Any] = [row]
        side = side_line(phase)
        if side:
            rows.append(Text(side, style="bold"))
        rows.append(Text(breath_cue(phase, self._elapsed), style="italic"))
        return rows

    def _still_rows(self, phase: Phase, title: str) -> list[Any]:
        """The phase row for reduced motion: its length, drawn once, nothing that ticks."""
        from rich.text import Text

        row = Text(title, style="bold cyan")
        row.append(f"  {phase.seconds} s", style="bold")
        rows: list[Any] = [row]
        side = side_line(phase)
        if side:
            rows.append(Text(side, style="bold"))
        if phase.kind == "hold" and phase.moves:
            breath = " / ".join(f"{name} — breathe {air}" for name, air in phase.moves)
        else:
            breath = breath_cue(phase, 0.0)
        rows.append(Text(breath, style="italic"))
        return rows


# --------------------------------------------------------------------------- before and after


class _Fitted:
    """A renderable that builds its content for the width and height it is drawn at."""

    def __init__(self, compose: Callable[[int, int], Any]) -> None:
        self._compose = compose

    def __rich_console__(self, console: Any, options: Any) -> Any:
        yield self._compose(options.max_width, options.height or console.size.height)


def plan_intro(plan: Plan, *, plain: bool) -> None:
    """The plan table with its total time, and any notes the planner added."""
    from stretchcoach.ui.plan import show_plan

    show_plan(plan, plain=plain)


def safety_intro(*, stop_rules: Sequence[str], no_pain: Sequence[str], plain: bool) -> None:
    """The stop rules and the two-part 'no pain, no gain' message, shown before every routine."""
    from stretchcoach.ui.tables import say

    out = console(plain=plain)
    out.print()
    out.print("Before you start:", style="bold")
    for rule in stop_rules:
        say(out, f"  • {rule}", fold=not plain)
    for part in no_pain:
        say(out, part, fold=not plain)
    out.print()


def lines(text_lines: Sequence[str], *, plain: bool, style: str = "") -> None:
    """A few calm lines on stdout (notes, advice, the disclaimer, the pain scale): folded
    under their text on a terminal, one line each in plain mode."""
    from stretchcoach.ui.tables import say

    out = console(plain=plain)
    for text in text_lines:
        say(out, text, style=style or None, fold=not plain)


def ending_text(record: SessionRecord) -> str:
    """How the session ended, in one line. Only a completed routine is called complete, and
    one the coach made gentler after a pain report says so.

    The counts are the routine as it went on (planned less left out), as the live panel
    numbered it ("Exercise 3 of 8").
    """
    from stretchcoach.stats import exercise_counts

    counts = exercise_counts(record)
    of = f"{counts.done} of {counts.total} done"
    complete = (
        "Routine complete, made gentler after your pain report. Well done."
        if counts.left_out
        else "Routine complete. Well done."
    )
    endings = {
        "completed": complete,
        "ended-by-user": f"Ended early: {of}. That is fine: any gentle movement counts.",
        "stopped-for-pain": f"Stopped because of pain: {of}.",
        "interrupted": f"Interrupted: {of}.",
    }
    return endings.get(record.ending, f"{record.ending}: {of}.")


def summary(record: SessionRecord, *, plain: bool) -> None:
    """Done, skipped, minutes, pain before → after, and how it ended."""
    from stretchcoach.ui.tables import say

    out = console(plain=plain)

    def line(text: str) -> None:  # folded under its text on a terminal, whole when plain
        say(out, f"  {text}", fold=not plain)

    from stretchcoach.stats import exercise_counts

    counts = exercise_counts(record)
    after = "not asked" if record.severity_after is None else str(record.severity_after)
    out.print()
    out.print("Session summary", style="bold")
    line(ending_text(record))
    line(f"Done: {counts.done} of {counts.total} exercises")
    ended = counts.ended
    ended_text = f", cut short when the session ended: {ended}" if ended else ""
    stopped = counts.stopped_for_pain
    stopped_text = f", stopped for pain: {stopped}" if stopped else ""
    line(f"Skipped: {counts.skipped}{ended_text}{stopped_text}, not reached: {counts.not_reached}")
    if counts.left_out:
        line(f"{LEFT_OUT_SUMMARY}: {counts.left_out}")
    line(f"Time: {record.minutes_done:g} of {record.minutes_planned:g} minutes")
    line(f"Pain before → after: {record.severity_before} → {after}")
    if not record.checkins_asked:
        line(NO_CHECKINS_SUMMARY)
    if record.practice:
        line(PRACTICE_SUMMARY)
