"""``stretchcoach walk``: a timed walk, a walk logged afterwards, or this week's walking plan."""

from __future__ import annotations

import signal
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from stretchcoach.commands._options import (
    SPEED_RANGE,
    SuggestingChoice,
    finite_speed,
    format_option,
    now,
)
from stretchcoach.commands._signals import (
    device_full,
    no_ctrl_c,
    signal_handlers,
    termination_signals,
)
from stretchcoach.errors import UsageError

if TYPE_CHECKING:
    from stretchcoach.clock import Clock
    from stretchcoach.ui.prompter import KeyPrompter
    from stretchcoach.ui.walk import WalkScreen
    from stretchcoach.walking import WalkRecord, WalkTimer

PAIN_VALUES = ("better", "same", "worse", "much-worse")
#: A timed walk ended sooner than this is not saved (a change of mind, not a walk).
MIN_SAVED_SECONDS = 30
#: The exit code when the terminal went away (as after SIGHUP).
EXIT_CLOSED_TERMINAL = 129


def minutes_value(ctx: click.Context, param: click.Parameter, value: str | None) -> int | None:
    """A whole number of minutes from 1 to 300, or one clear line and exit 2."""
    from stretchcoach.walking import MAX_MINUTES, MIN_MINUTES

    if value is None:
        return None
    text = value.strip()
    number = int(text) if text.isascii() and text.isdigit() else None
    if number is None or not MIN_MINUTES <= number <= MAX_MINUTES:
        raise UsageError(
            f"--{param.name} must be a whole number of minutes from {MIN_MINUTES} to "
            f"{MAX_MINUTES} (got {value!r}); nothing was recorded."
        )
    return number


def make_clock(speed: float) -> Clock:
    """The clock a timed walk runs on (tests replace it with a FakeClock)."""
    from stretchcoach.clock import RealClock

    return RealClock(speed)


@click.command()
@click.option(
    "--minutes",
    metavar="N",
    callback=minutes_value,
    help="Log a walk of N minutes (1-300) that you did without the timer.",
)
@click.option(
    "--pain",
    type=SuggestingChoice(PAIN_VALUES),
    help="With --minutes: how your back was after the walk, compared with before "
    "(better, same, worse or much-worse). Asked on a terminal when left out.",
)
@click.option(
    "--target",
    metavar="N",
    callback=minutes_value,
    help="Time a walk of N minutes (1-300) instead of this week's target.",
)
@click.option("--plan", "show_plan", is_flag=True, help="Show this week's walking target.")
@format_option("text", "json", default="text")
@click.option(
    "--speed",
    type=SPEED_RANGE,
    default=1.0,
    callback=finite_speed,
    hidden=True,
    help="Run the timer this many times faster (a preview: the walk is not saved).",
)
@click.pass_context
def walk(
    ctx: click.Context,
    minutes: int | None,
    pain: str | None,
    target: int | None,
    show_plan: bool,
    fmt: str,
    speed: float,
) -> None:
    """Time a walk, log one you did, or show this week's walking plan.

    \b
    Examples:
      stretchcoach walk                      # time this week's walk, turn back half way
      stretchcoach walk --minutes 20         # log a 20-minute walk done without the timer
      stretchcoach walk --minutes 15 --pain same
      stretchcoach walk --plan --format json

    Your first week of walking sets the baseline: what you manage comfortably and
    consistently, bad days included. The plan starts a little below it (or at your usual
    walks, if you already reach the goal) and adds at most a tenth a week, towards at
    least 30 minutes on 5 days a week; it steps back when your back is worse after
    walking. Ctrl-C ends a timed walk early; it is still saved if it lasted 30 seconds.
    """
    if show_plan and (minutes is not None or target is not None or pain is not None):
        raise UsageError("--plan only shows the plan; leave out --minutes, --target and --pain.")
    if minutes is not None and target is not None:
        raise UsageError("Use --minutes to log a walk you did, or --target to time one, not both.")
    if pain is not None and minutes is None:
        raise UsageError("--pain goes with --minutes (a timed walk asks at the end).")
    from stretchcoach import history

    moment = now(ctx)
    walks = history.load_walks(now=moment)
    if show_plan:
        _show_plan(walks, moment, fmt)
        return
    if minutes is not None:
        raise SystemExit(_log(minutes, pain, moment, fmt))
    raise SystemExit(_timed(walks, target, moment, fmt, speed))


def _show_plan(walks: list[WalkRecord], moment: datetime, fmt: str) -> None:
    from stretchcoach.ui import walk as view
    from stretchcoach.ui.emit import emit
    from stretchcoach.walking import walk_plan

    plan = walk_plan(walks, moment.date())
    emit(fmt, plan.to_dict, human=lambda: view.plan_text(plan))


def make_prompter() -> KeyPrompter:
    """The prompter for the pain question (tests replace it with one that answers)."""
    from stretchcoach.ui.walk import PainPrompter

    return PainPrompter()


def _ask_pain() -> str | None:
    """The one-key pain check (None when no one can answer). Ctrl-C, Ctrl-D and a closed
    terminal pass through to the caller, which knows what each means there."""
    from stretchcoach import ui
    from stretchcoach.walking import PAIN_CHECK, PAIN_QUESTION

    if not ui.stdin_is_tty():
        return None
    key = make_prompter().choose(PAIN_QUESTION, [(k, label) for k, _, label in PAIN_CHECK])
    return next(value for k, value, _ in PAIN_CHECK if k == key)


def _log(minutes: int, pain: str | None, moment: datetime, fmt: str) -> int:
    """Log a walk done without the timer. Ctrl-C at the pain question cancels it (exit 130);
    SIGTERM or SIGHUP there keeps it, without the answer (exit 128 + the signal)."""
    from stretchcoach.walking import WalkRecord

    started = moment.replace(microsecond=0)
    code = 0
    with _termination_signals() as signals:
        if pain is None:
            try:
                with signals.interruptible():
                    pain = _ask_pain()
            except KeyboardInterrupt:
                _note("Stopped: the walk was not logged; nothing was saved.")
                return 130
            except (_Stopped, EOFError):
                pain = None  # Ctrl-D or a signal: keep the walk, without the answer
            except OSError:
                pain, code = None, EXIT_CLOSED_TERMINAL  # the terminal closed at the question
        record = WalkRecord(started_at=started, minutes=float(minutes), pain_change=pain)
        return _save_and_say(record, fmt, practice=False, moment=moment, signals=signals, code=code)


def _save_and_say(
    record: WalkRecord,
    fmt: str,
    *,
    practice: bool,
    moment: datetime,
    signals: _Terminations,
    code: int = 0,
) -> int:
    """Save the walk first (Ctrl-C ignored, SIGTERM/SIGHUP held meanwhile), then say how the
    week (of ``moment``) stands; returns the exit code.

    A walk that could not be saved is one sentence naming the path, and exit 1 (or the
    signal's code, when one ended the walk). Output comes after the save and can never undo
    it: a terminal that is gone changes neither what was saved nor the exit code.
    """
    from stretchcoach import history
    from stretchcoach.walking import walk_to_dict

    if practice:
        _output(lambda: _practice_lines(record, fmt))
        return signals.exit_code(code)
    with signals.held(), no_ctrl_c():
        warning = history.save_walk(record)
    if warning:
        _note(f"Error: {_save_problem(warning)}")
        return signals.exit_code(code) or 1
    if fmt == "json":
        _output(lambda: _json({**walk_to_dict(record), "saved": True}))
    else:
        _output(lambda: _saved_lines(record, moment))
    return signals.exit_code(code)


def _practice_lines(record: WalkRecord, fmt: str) -> None:
    from stretchcoach import ui
    from stretchcoach.walking import walk_to_dict

    if fmt == "json":
        ui.echo_json({**walk_to_dict(record), "saved": False})
    ui.message("A sped-up practice walk: not saved.")


def _json(data: dict[str, Any]) -> None:
    from stretchcoach import ui

    ui.echo_json(data)


def _saved_lines(record: WalkRecord, moment: datetime) -> None:
    from stretchcoach.ui import walk as view

    view.saved_text(record, _walks_after_save(moment), moment.date())


def _walks_after_save(moment: datetime) -> list[WalkRecord]:
    from stretchcoach import history

    try:
        return history.load_walks(now=moment)
    except history.HistoryError:
        return []


def _blocking_file(folder: Path) -> Path | None:
    """The first of ``folder`` and the folders above it that exists but is not a folder."""
    for candidate in (folder, *folder.parents):
        if candidate.exists():
            return None if candidate.is_dir() else candidate
    return None


def _save_problem(warning: str) -> str:
    """Why the walk could not be saved, as one plain sentence naming the path."""
    from stretchcoach import paths

    blocker = _blocking_file(paths.history_path().parent)
    if blocker is not None:
        return f"Could not save the walk: {blocker} is not a folder."
    return warning


def _storage_warning() -> str | None:
    """Said before a timed walk when it could not be saved (the walk may still go ahead)."""
    from stretchcoach import history, paths

    problem = history.check_storage()
    if problem is None:
        return None
    blocker = _blocking_file(paths.history_path().parent)
    if blocker is not None:
        return f"{blocker} is not a folder, so this walk cannot be saved."
    return problem.replace("this session", "this walk")


def _note(text: str) -> None:
    """One line on stderr that never fails (the terminal may already be gone)."""
    _output(lambda: _message(text))


def _message(text: str) -> None:
    from stretchcoach import ui

    ui.message(text)


def _output(show: Callable[[], None]) -> None:
    """Write output that may find the terminal gone: an error writing it is dropped, as the
    walk is saved (or not) by now and the exit code is already settled."""
    with suppress(OSError, ValueError, UnicodeError, KeyboardInterrupt):
        show()


class _Stopped(Exception):
    """A SIGTERM or SIGHUP ended the walk (or its pain question)."""

    def __init__(self, signum: int) -> None:
        super().__init__(signal.Signals(signum).name)
        self.signum = signum


class _Terminations:
    """SIGTERM and SIGHUP during ``walk``: the first one ends it, once.

    Inside ``interruptible()`` (the timer, the pain question) it raises _Stopped at once, so
    a sleep or a key read ends. Anywhere else (the last lines, the save, what is said after)
    it is only remembered, and ``exit_code`` hands it over at the end. Later signals change
    nothing: one walk, saved once.
    """

    def __init__(self) -> None:
        self.signum: int | None = None
        self._live = False

    def handler(self, signum: int, frame: Any) -> None:
        if self.signum is not None:
            return
        self.signum = signum
        if self._live:
            self._live = False
            raise _Stopped(signum)

    @contextmanager
    def interruptible(self) -> Iterator[None]:
        """Let a signal end what runs inside (one that came before ends it at once)."""
        if self.signum is not None:
            raise _Stopped(self.signum)
        self._live = True
        try:
            yield None
        finally:
            self._live = False

    @contextmanager
    def held(self) -> Iterator[None]:
        """Hold signals for the block (they are remembered, not acted on)."""
        live, self._live = self._live, False
        try:
            yield None
        finally:
            self._live = live

    def exit_code(self, code: int = 0) -> int:
        """128 + the signal that ended the walk, else ``code``."""
        return 128 + self.signum if self.signum is not None else code


@contextmanager
def _termination_signals() -> Iterator[_Terminations]:
    """Catch SIGTERM and SIGHUP (see _Terminations) for the block, then put back the
    previous handlers."""
    signals = _Terminations()
    with signal_handlers(dict.fromkeys(termination_signals(), signals.handler)):
        yield signals


def _run_timer(timer: WalkTimer, show: WalkScreen, signals: _Terminations) -> tuple[str, int]:
    """Run the timer; returns how the walk ended and the exit code so far.

    SIGTERM or SIGHUP end it as "interrupted" (the signal's code), and so does a terminal
    that fails to take the output (129, as after SIGHUP; 1 for a full device). Ctrl-C ends
    it early (the timer sees to that); one that comes as it ends changes nothing.
    """
    try:
        with signals.interruptible():
            return timer.run(show), 0
    except KeyboardInterrupt:  # Ctrl-C as the timer drew its last line: the walk was done
        return ("completed" if timer.elapsed >= timer.seconds else "ended-early"), 0
    except _Stopped as stop:  # a signal, mid-walk or as the timer drew its last line
        done = timer.elapsed >= timer.seconds
        return ("completed" if done else "interrupted"), 128 + stop.signum
    except OSError as exc:
        full = device_full(exc)
        if full:
            _note(f"Stopped: {full}.")
            return "interrupted", 1
        return "interrupted", EXIT_CLOSED_TERMINAL


def _timed(
    walks: list[WalkRecord], target: int | None, moment: datetime, fmt: str, speed: float
) -> int:
    """Time a walk, ask how the back is, and save it, however it ended (see _run_timer)."""
    from stretchcoach.ui import walk as view
    from stretchcoach.walking import WalkRecord, WalkTimer, walk_plan

    practice = speed != 1
    plan = walk_plan(walks, moment.date())
    seconds = target * 60 if target is not None else plan.suggested_seconds
    if not practice:
        problem = _storage_warning()
        if problem:
            _note(f"Warning: {problem}")
    show = view.WalkScreen(
        plan=plan,
        chosen=target is not None,
        practice=practice,
        min_saved=MIN_SAVED_SECONDS,
        err=fmt == "json",  # stdout then carries only the JSON
    )
    timer = WalkTimer(seconds=seconds, clock=make_clock(speed))
    started = moment.replace(microsecond=0)
    with _termination_signals() as signals:
        ending, code = _run_timer(timer, show, signals)
        elapsed = timer.elapsed  # at once: after a signal, the timer's clock still runs
        if elapsed < MIN_SAVED_SECONDS:
            _note(view.too_short_text(elapsed, MIN_SAVED_SECONDS))
            return signals.exit_code(code)
        if ending == "interrupted":
            _output(lambda: show.finished(elapsed=elapsed, ending=ending))
        pain = None
        if ending != "interrupted":
            try:
                with signals.interruptible():
                    pain = _ask_pain()
            except (KeyboardInterrupt, EOFError, _Stopped):
                pass  # the walk is kept without the answer (a signal's code comes later)
            except OSError:
                code = code or EXIT_CLOSED_TERMINAL  # the terminal closed at the question
        record = WalkRecord(
            started_at=started,
            minutes=round(elapsed / 60, 1),
            timed=True,
            planned_minutes=round(seconds / 60, 1),
            ending=ending,
            pain_change=pain,
        )
        return _save_and_say(
            record, fmt, practice=practice, moment=moment, signals=signals, code=code
        )
