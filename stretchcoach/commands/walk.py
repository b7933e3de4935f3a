"""``stretchcoach walk``: a timed walk, a walk logged afterwards, or this week's walking plan."""

from __future__ import annotations

import signal
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from datetime import datetime
from typing import TYPE_CHECKING, Any

import click

from stretchcoach.commands._options import SuggestingChoice, format_option, now
from stretchcoach.errors import UsageError

if TYPE_CHECKING:
    from stretchcoach.clock import Clock
    from stretchcoach.walking import WalkRecord

PAIN_VALUES = ("better", "same", "worse", "much-worse")
#: A timed walk ended sooner than this is not saved (a change of mind, not a walk).
MIN_SAVED_SECONDS = 30


def minutes_value(ctx: click.Context, param: click.Parameter, value: str | None) -> int | None:
    """A whole number of minutes from 1 to 300, or one clear line and exit 2."""
    from stretchcoach.walking import MAX_MINUTES, MIN_MINUTES

    if value is None:
        return None
    text = value.strip()
    number = int(text) if text.isdigit() else None
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
    type=click.FloatRange(min=0, min_open=True),
    default=1.0,
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
    consistently, bad days included. The plan starts a little below it and adds at most a
    tenth a week, towards at least 30 minutes on 5 days a week; it steps back when your
    back is worse after walking. Ctrl-C ends a timed walk early; it is still saved.
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
        _log(minutes, pain, moment, fmt)
        return
    raise SystemExit(_timed(walks, target, moment, fmt, speed))


def _show_plan(walks: list[WalkRecord], moment: datetime, fmt: str) -> None:
    from stretchcoach.ui import walk as view
    from stretchcoach.ui.emit import emit
    from stretchcoach.walking import walk_plan

    plan = walk_plan(walks, moment.date())
    emit(fmt, plan.to_dict, human=lambda: view.plan_text(plan))


def _ask_pain() -> str | None:
    """The one-key pain check (None when no one can answer, or it is skipped)."""
    from stretchcoach import ui
    from stretchcoach.ui.prompter import KeyPrompter
    from stretchcoach.walking import PAIN_CHECK, PAIN_QUESTION

    if not ui.stdin_is_tty():
        return None
    try:
        key = KeyPrompter().choose(PAIN_QUESTION, [(k, label) for k, _, label in PAIN_CHECK])
    except (KeyboardInterrupt, EOFError, OSError):
        return None
    return next(value for k, value, _ in PAIN_CHECK if k == key)


def _log(minutes: int, pain: str | None, moment: datetime, fmt: str) -> None:
    from stretchcoach.walking import WalkRecord

    if pain is None:
        pain = _ask_pain()
    started = moment.replace(microsecond=0)
    record = WalkRecord(started_at=started, minutes=float(minutes), pain_change=pain)
    _save_and_say(record, fmt, practice=False, moment=moment)


def _save_and_say(record: WalkRecord, fmt: str, *, practice: bool, moment: datetime) -> bool:
    """Save the walk (Ctrl-C ignored, SIGTERM/SIGHUP held meanwhile), then say how the week
    (of ``moment``) stands. A storage problem is a warning naming the file; the walk is still
    shown."""
    from stretchcoach import history, ui
    from stretchcoach.ui import walk as view
    from stretchcoach.walking import walk_to_dict

    warning = None
    if not practice:
        with _held_signals():
            warning = history.save_walk(record)
    if fmt == "json":
        ui.echo_json(walk_to_dict(record))
    if warning:
        ui.message(f"Warning: {warning}")
    elif practice:
        ui.message("A sped-up practice walk: not saved.")
    else:
        walks = _walks_after_save(moment)
        if fmt != "json":
            view.saved_text(record, walks, moment.date())
    return warning is None


def _walks_after_save(moment: datetime) -> list[WalkRecord]:
    from stretchcoach import history

    try:
        return history.load_walks(now=moment)
    except history.HistoryError:
        return []


class _Stopped(Exception):
    """A SIGTERM or SIGHUP ended the walk."""

    def __init__(self, signum: int) -> None:
        super().__init__(signal.Signals(signum).name)
        self.signum = signum


@contextmanager
def _stop_on_signals() -> Iterator[None]:
    """SIGTERM or SIGHUP during the walk end it (saved as interrupted)."""

    def handler(signum: int, frame: Any) -> None:
        raise _Stopped(signum)

    previous: dict[int, Any] = {}
    for name in ("SIGTERM", "SIGHUP"):
        signum = getattr(signal, name, None)
        if signum is not None:
            with suppress(ValueError):  # not the main thread: leave signals alone
                previous[signum] = signal.signal(signum, handler)
    try:
        yield
    finally:
        for signum, old in previous.items():
            signal.signal(signum, old)


@contextmanager
def _held_signals() -> Iterator[None]:
    """Hold Ctrl-C, SIGTERM and SIGHUP for the moment a save takes, so none can cut it short;
    a termination signal that arrives meanwhile ends the program right after."""
    held: list[int] = []
    previous: dict[int, Any] = {}
    for name in ("SIGINT", "SIGTERM", "SIGHUP"):
        signum = getattr(signal, name, None)
        if signum is None:
            continue
        with suppress(ValueError):
            previous[signum] = signal.signal(
                signum, (lambda n, f: held.append(n)) if name != "SIGINT" else signal.SIG_IGN
            )
    try:
        yield
    finally:
        for signum, old in previous.items():
            signal.signal(signum, old)
    if held:
        raise SystemExit(128 + held[0])


def _timed(
    walks: list[WalkRecord], target: int | None, moment: datetime, fmt: str, speed: float
) -> int:
    from stretchcoach import history, ui
    from stretchcoach.ui import walk as view
    from stretchcoach.walking import WalkRecord, WalkTimer, walk_plan

    practice = speed != 1
    plan = walk_plan(walks, moment.date())
    seconds = target * 60 if target is not None else plan.suggested_seconds
    if not practice:
        problem = history.check_storage()
        if problem:
            ui.message(f"Warning: {problem}")
    show = view.WalkScreen(plan=plan, chosen=target is not None, practice=practice)
    timer = WalkTimer(seconds=seconds, clock=make_clock(speed))
    exit_code = 0
    started = moment.replace(microsecond=0)
    try:
        with _stop_on_signals():
            ending = timer.run(show)
    except _Stopped as stop:
        ending = "interrupted"
        exit_code = 128 + stop.signum
        show.finished(elapsed=timer.elapsed, ending=ending)
    if timer.elapsed < MIN_SAVED_SECONDS:
        ui.message("The walk ended before it began: nothing was saved.")
        return exit_code
    pain = _ask_pain() if ending != "interrupted" else None
    record = WalkRecord(
        started_at=started,
        minutes=round(timer.elapsed / 60, 1),
        timed=True,
        planned_minutes=round(seconds / 60, 1),
        ending=ending,
        pain_change=pain,
    )
    _save_and_say(record, fmt, practice=practice, moment=moment)
    return exit_code
