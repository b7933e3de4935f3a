"""Options shared by several commands, so names, choices and help read the same everywhere."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any, TypeVar

import click

from stretchcoach.catalogue import CAUSES, KINDS, POSITIONS

if TYPE_CHECKING:
    from stretchcoach.cli import AppState

F = TypeVar("F", bound=Callable[..., Any])


class SuggestingChoice(click.Choice):
    """A Choice whose error lists the valid values and suggests the closest one to a typo.

    It is still a click.Choice, so shell completion offers the same values. Case is
    ignored (``--cause Posture`` is ``posture``).
    """

    def __init__(self, choices: Any, case_sensitive: bool = False) -> None:
        super().__init__(choices, case_sensitive=case_sensitive)

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        try:
            return super().convert(value, param, ctx)
        except click.BadParameter as exc:
            import difflib

            close = difflib.get_close_matches(str(value), [str(c) for c in self.choices], n=1)
            if not close:
                raise
            raise click.BadParameter(
                f"{exc.message} Did you mean {close[0]!r}?", ctx=exc.ctx, param=exc.param
            ) from None


def finite_speed(ctx: click.Context, param: click.Parameter, value: float) -> float:
    """Refuse nan and inf for ``--speed``: they pass Click's range check but cannot time
    anything."""
    import math

    if not math.isfinite(value):
        raise click.BadParameter("must be an ordinary number, such as 2 or 100.")
    return value


#: The clock speeds ``--speed`` accepts (the same for a routine and a walk).
SPEED_RANGE = click.FloatRange(min=0.01, max=1_000_000)


# --- shell completion (imports stay inside, so --help stays fast) ------------------------------


def complete_positions(ctx: click.Context, param: click.Parameter, incomplete: str) -> list[Any]:
    """Complete the last name of a comma list: ``standing,se`` → ``standing,seated``."""
    from click.shell_completion import CompletionItem

    *chosen, last = incomplete.split(",")
    done = incomplete[: len(incomplete) - len(last)]
    return [
        CompletionItem(done + name)
        for name in POSITIONS
        if name.startswith(last) and name not in chosen
    ]


def complete_exercise_ids(ctx: click.Context, param: click.Parameter, incomplete: str) -> list[Any]:
    """Exercise ids from the catalogue in use (--catalogue or its env var); none if it is bad."""
    from click.shell_completion import CompletionItem

    try:
        from stretchcoach import catalogue

        ids = [ex.id for ex in catalogue.load(ctx.find_root().params.get("catalogue_path"))]
    except Exception:  # a completion must never crash the shell: offer nothing
        return []
    return [CompletionItem(i) for i in ids if i.startswith(incomplete)]


def complete_profiles(ctx: click.Context, param: click.Parameter, incomplete: str) -> list[Any]:
    """Profile names from config.yaml; none when there is no config or it is bad."""
    from click.shell_completion import CompletionItem

    try:
        from stretchcoach import config

        names = sorted(config.load_config().get("profiles") or {})
    except Exception:  # a completion must never crash the shell: offer nothing
        return []
    return [CompletionItem(n) for n in names if n.startswith(incomplete)]


def complete_conditions(ctx: click.Context, param: click.Parameter, incomplete: str) -> list[Any]:
    """Complete condition ids, after the last comma of a list too."""
    from click.shell_completion import CompletionItem

    from stretchcoach.safety.conditions import CONDITIONS, NONE

    *chosen, last = incomplete.split(",")
    done = incomplete[: len(incomplete) - len(last)]
    return [
        CompletionItem(done + name)
        for name in [*CONDITIONS, NONE]
        if name.startswith(last) and name not in chosen
    ]


def condition_option(help: str | None = None) -> Callable[[F], F]:
    """``--condition ID`` (repeatable, comma lists; ``none`` for no conditions)."""
    return click.option(
        "--condition",
        "conditions",
        multiple=True,
        metavar="ID",
        shell_complete=complete_conditions,
        help=help
        or "A health condition to respect (repeat, or comma-separate; 'none' for none). "
        "Without it, your saved health notes are used. See 'stretchcoach health --rules'.",
    )


def profile_option(help: str) -> Callable[[F], F]:
    """``--profile NAME``: a profile from config.yaml, completed from the ones it defines."""
    return click.option("--profile", metavar="NAME", shell_complete=complete_profiles, help=help)


def format_option(*choices: str, default: str) -> Callable[[F], F]:
    """``--format`` with the given choices: one option shared by every listing command.

    Its help names this command's own formats, e.g. "table, json or csv".
    """
    *first, last = choices
    names = f"{', '.join(first)} or {last}" if first else last
    return click.option(
        "--format",
        "fmt",
        type=SuggestingChoice(choices),
        default=default,
        show_default=True,
        help=f"Output format: {names}.",
    )


def cause_option(*, required: bool = False, help: str | None = None) -> Callable[[F], F]:
    return click.option(
        "--cause",
        type=SuggestingChoice(CAUSES),
        required=required,
        help=help or "What seems to cause the pain (see 'stretchcoach causes').",
    )


def severity_option(help: str | None = None) -> Callable[[F], F]:
    return click.option(
        "--severity",
        type=click.IntRange(0, 10),
        metavar="0-10",
        help=help or "Pain right now, 0 (none) to 10 (worst imaginable).",
    )


def _positions(ctx: click.Context, param: click.Parameter, values: tuple[str, ...]) -> str | None:
    """Every ``--position``/``--positions`` value as one checked comma list in the catalogue's
    order (``"standing,seated"``), or None when none was given."""
    if not values:
        return None
    from stretchcoach.errors import UsageError
    from stretchcoach.planner import parse_positions

    try:
        chosen = parse_positions(",".join(values))
    except UsageError as exc:
        raise click.BadParameter(exc.message, ctx=ctx, param=param) from None
    return ",".join(p for p in POSITIONS if p in chosen)


def position_option(help: str | None = None) -> Callable[[F], F]:
    """``--position NAME`` (repeatable) and ``--positions A,B``: one option, two spellings,
    combined. The command receives a comma list (``"standing,seated"``) or None."""
    return click.option(
        "--position",
        "--positions",
        "positions",
        multiple=True,
        metavar="NAME[,NAME]",
        shell_complete=complete_positions,
        callback=_positions,
        help=help
        or "Only these positions: repeat --position, or give a comma list to --positions "
        f"({', '.join(POSITIONS)}).",
    )


def kind_option() -> Callable[[F], F]:
    return click.option(
        "--kind",
        "kinds",
        type=SuggestingChoice(KINDS),
        multiple=True,
        help="Only these kinds of exercise (repeat the option for more than one).",
    )


def routine_options(f: F) -> F:
    """The flags shared by ``start`` and ``plan``: what hurts, how much, for how long, where.

    Passes ``cause``, ``severity``, ``minutes``, ``seed``, ``positions`` (a comma list from
    ``--position`` and ``--positions`` combined, or None),
    ``at_desk``, ``screened``, ``conditions`` (raw ``--condition`` values) and ``profile``;
    ``stretchcoach.planner.resolve_positions`` combines the two position flags.
    """
    options = [
        cause_option(),
        severity_option(),
        click.option(
            "--minutes",
            type=click.IntRange(3, 60),
            default=10,
            show_default=True,
            metavar="3-60",
            help="How long the routine should take, in minutes.",
        ),
        click.option(
            "--seed",
            type=int,
            metavar="N",
            help="Choose the day's variety: the same seed gives the same routine "
            "[default: today's date, e.g. 20250314].",
        ),
        position_option(),
        click.option(
            "--at-desk",
            is_flag=True,
            help="Standing and seated exercises only: no getting down to the floor.",
        ),
        click.option(
            "--screened",
            is_flag=True,
            help="Confirm you have read the safety note and answered no to every safety "
            "question (for scripts). Changes nothing for 'plan', which never asks them.",
        ),
        condition_option(),
        profile_option("Use a named profile from config.yaml; options you type still win."),
    ]
    for option in reversed(options):
        f = option(f)
    return f


def app_state(ctx: click.Context) -> AppState:
    """The AppState set up by the root group (catalogue path, loaded catalogue)."""
    state = ctx.find_root().obj
    assert state is not None, "commands run under the stretchcoach group"
    return state


# --- the one "now" of an invocation -------------------------------------------------------------
#
# Every command asks ``now(ctx)`` for the current moment (and ``wall_clock(ctx)`` for a time
# stamp that must move on, such as the end of a routine); the core modules take that moment
# as a parameter and never read the clock themselves. The moment is taken once, when first
# asked, and kept on the root context, so one command sees one "today" throughout.
#
# Tests and demos set ``STRETCHCOACH_NOW`` to an ISO 8601 moment to run any command as if it
# were then (hidden: not in any --help). A moment without a UTC offset is local time; a
# date alone is its midnight. The clock then starts at that moment and moves on in real time.
# (The routine's own elapsed-time clock, stretchcoach.clock, is a different thing and is
# unaffected.)

#: The environment variable that fixes the invocation's "now" (read only here).
NOW_ENV = "STRETCHCOACH_NOW"
_CLOCK_KEY = "stretchcoach.wall_clock"


class WallClock:
    """The wall clock of one invocation: ``start`` is its "now"; calling it gives the time
    that has moved on since (local time with its offset, as the history stores it)."""

    def __init__(self, fixed: datetime | None = None) -> None:
        import time

        self._monotonic = time.monotonic
        self._origin = self._monotonic()
        self._fixed = fixed is not None
        self.start: datetime = fixed if fixed is not None else datetime.now().astimezone()

    def __call__(self) -> datetime:
        if not self._fixed:
            return datetime.now().astimezone()
        return self.start + timedelta(seconds=self._monotonic() - self._origin)


def parse_now(text: str) -> datetime:
    """``STRETCHCOACH_NOW``'s value as an aware moment, or one clear line and exit 2."""
    from stretchcoach.errors import UsageError

    try:
        moment = datetime.fromisoformat(text.strip())
    except ValueError:
        raise UsageError(
            f"{NOW_ENV} must be a moment in ISO 8601 form, such as 2026-03-14T09:30:00+01:00 "
            f"(got {text!r})."
        ) from None
    if not 1971 <= moment.year <= 9000:  # room either side for weeks, reports and calendars
        raise UsageError(
            f"{NOW_ENV} must be a moment between the years 1971 and 9000 (got {text!r})."
        )
    try:
        return moment.astimezone() if moment.tzinfo is None else moment
    except (OverflowError, OSError, ValueError):  # a local time the system cannot place
        raise UsageError(f"{NOW_ENV} cannot be read as a local time (got {text!r}).") from None


def wall_clock(ctx: click.Context) -> WallClock:
    """This invocation's wall clock, made on first use (from ``STRETCHCOACH_NOW`` if set)."""
    import os

    meta = ctx.find_root().meta
    clock = meta.get(_CLOCK_KEY)
    if not isinstance(clock, WallClock):
        text = os.environ.get(NOW_ENV)
        clock = WallClock(parse_now(text) if text else None)
        meta[_CLOCK_KEY] = clock
    return clock


def now(ctx: click.Context) -> datetime:
    """The current moment for the whole command (taken once; see ``STRETCHCOACH_NOW``)."""
    return wall_clock(ctx).start


def explicit_params(ctx: click.Context) -> set[str]:
    """Names of the parameters given on the command line or by environment (not defaults),
    so a profile's settings fill in only what the person did not type."""
    from click.core import ParameterSource

    given = {ParameterSource.COMMANDLINE, ParameterSource.ENVIRONMENT, ParameterSource.PROMPT}
    return {name for name in ctx.params if ctx.get_parameter_source(name) in given}


def cue_options(*, bell: bool = True) -> Callable[[F], F]:
    """``--voice [short|full|off]``, ``--voice-command CMD`` and (unless ``bell=False``)
    ``--bell/--no-bell``; each defaults to None so a profile's setting can apply."""
    from stretchcoach.cues import VOICE_MODES

    def decorate(f: F) -> F:
        if bell:
            f = click.option(
                "--bell/--no-bell",
                default=None,
                help="Ring the terminal bell at each step (hold, switch sides, rest, end).",
            )(f)
        f = click.option(
            "--voice-command",
            metavar="CMD",
            default=None,
            help="Speak with this program (the phrase is added as its last argument), "
            "e.g. 'espeak-ng -s 140'. Implies --voice.",
        )(f)
        f = click.option(
            "--voice",
            type=click.Choice(VOICE_MODES),
            is_flag=False,
            flag_value="short",
            default=None,
            help="Speak each step aloud: short phrases, or 'full' to also read each "
            "exercise's steps once. '--voice' alone means short; 'off' silences a profile's "
            "voice.",
        )(f)
        return f

    return decorate
