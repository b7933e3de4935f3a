"""The Click entry point: global options, lazy command loading and the one error edge.

Commands live in ``stretchcoach.commands.*`` and are imported only when used, so
``stretchcoach --help`` stays quick. Every StretchcoachError becomes a clean message on stderr
with its exit code (1 bad data, 2 usage, 3 stopped for safety), never a traceback.
"""

from __future__ import annotations

import contextlib
import importlib
import os
import sys
from typing import Any

import click

from stretchcoach import __version__
from stretchcoach.errors import StretchcoachError

#: Command name → "module:attribute", imported on first use.
COMMANDS: dict[str, str] = {
    "start": "stretchcoach.commands.start:start",
    "plan": "stretchcoach.commands.plan:plan",
    "list": "stretchcoach.commands.browse:list_exercises",
    "show": "stretchcoach.commands.browse:show",
    "causes": "stretchcoach.commands.browse:causes",
    "validate": "stretchcoach.commands.validate:validate",
    "health": "stretchcoach.commands.health:health",
    "screen": "stretchcoach.commands.screen:screen",
    "history": "stretchcoach.commands.history:history",
    "report": "stretchcoach.commands.report:report",
    "config": "stretchcoach.commands.config:config",
    "remind": "stretchcoach.commands.remind:remind",
    "schedule": "stretchcoach.commands.remind:schedule",
    "walk": "stretchcoach.commands.walk:walk",
    "goal": "stretchcoach.commands.week:goal",
    "week": "stretchcoach.commands.week:week",
    "flare": "stretchcoach.commands.flare:flare",
    "learn": "stretchcoach.commands.learn:learn",
}

#: Each command's one-line help, so ``stretchcoach --help`` can list the commands without
#: importing them all (that import is most of its start-up time). tests/test_output.py checks
#: these still match the commands' own docstrings; a command missing here is imported instead.
SHORT_HELP: dict[str, str] = {
    "start": "Start a guided routine: answer a few questions, then stretch along.",
    "plan": "Print today's routine without starting it (never asks questions).",
    "list": "List exercises in the catalogue, optionally filtered.",
    "show": "Show one exercise: its figure, steps, when to stop, and timing.",
    "causes": "Describe each cause id, with the advice that goes with it.",
    "validate": "Check a catalogue file and report every problem with its line and field.",
    "health": "Show your health notes (pregnancy, arthritis...), answer them again, or clear them.",
    "screen": "Ask, list or check the safety questions (warning signs that rule out exercise).",
    "history": "Show recent sessions, your streak and how your pain has changed.",
    "report": "Write a report of recent sessions for a physiotherapist or doctor.",
    "config": "Show where your files are and the settings in effect.",
    "remind": "Show a desktop reminder, unless today's routine is already done.",
    "schedule": "Print (or install) a scheduler entry that runs 'stretchcoach remind' on time.",
    "walk": "Time a walk, log one you did, or show this week's walking plan.",
    "goal": "Set your weekly goals: routine sessions and walks.",
    "week": "Show this week against your goals: sessions, walks, pain and lessons.",
    "flare": "Show flare-up advice and your own flare-up plan, or write the plan with --edit.",
    "learn": "Read short lessons about back pain: hurt and harm, pacing, sleep, flare-ups...",
}

DEBUG_ENV = "STRETCHCOACH_DEBUG"


class CleanError(click.ClickException):
    """A StretchcoachError dressed for Click: printed as plain lines with its own exit code."""

    def __init__(self, lines: list[str], exit_code: int) -> None:
        super().__init__(lines[0] if lines else "")
        self.lines = lines
        self.exit_code = exit_code  # type: ignore[misc]  # Click reads it per instance

    def show(self, file: Any = None) -> None:
        from stretchcoach import ui
        from stretchcoach.errors import EXIT_SAFETY

        if self.exit_code == EXIT_SAFETY:  # advice for a person, not a program error
            ui.advice_lines(self.lines)
        else:
            ui.error_lines(self.lines)


class LazyGroup(click.Group):
    """A group that imports each command's module only when that command is needed."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        from importlib.util import find_spec

        return [name for name, target in COMMANDS.items() if find_spec(target.split(":")[0])]

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        target = COMMANDS.get(cmd_name)
        if target is None:
            return None
        module_name, attr = target.split(":")
        return getattr(importlib.import_module(module_name), attr)

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        """The command list for --help, from SHORT_HELP where possible (no imports)."""
        commands: list[tuple[str, click.Command]] = []
        for name in self.list_commands(ctx):
            if name in SHORT_HELP:
                commands.append((name, click.Command(name, help=SHORT_HELP[name])))
                continue
            cmd = self.get_command(ctx, name)
            if cmd is not None and not cmd.hidden:
                commands.append((name, cmd))
        if commands:
            limit = formatter.width - 6 - max(len(name) for name, _ in commands)
            with formatter.section("Commands"):
                formatter.write_dl(
                    [(name, cmd.get_short_help_str(limit)) for name, cmd in commands]
                )

    def resolve_command(
        self, ctx: click.Context, args: list[str]
    ) -> tuple[str | None, click.Command | None, list[str]]:
        name = args[0] if args else ""
        if name and not name.startswith("-") and name not in COMMANDS:
            import difflib

            close = difflib.get_close_matches(name, list(COMMANDS), n=2, cutoff=0.5)
            hint = f" Did you mean {' or '.join(repr(c) for c in close)}?" if close else ""
            ctx.fail(f"No such command '{name}'.{hint} Try 'stretchcoach --help'.")
        return super().resolve_command(ctx, args)

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except StretchcoachError as exc:
            raise CleanError(exc.lines(), exc.exit_code) from None


@click.group(
    cls=LazyGroup,
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
)
@click.version_option(__version__, "--version", prog_name="stretchcoach")
@click.option(
    "--catalogue",
    "catalogue_path",
    type=click.Path(),
    envvar="STRETCHCOACH_CATALOGUE",
    show_envvar=True,
    help="Use this exercise catalogue (YAML) instead of the built-in one (and of the "
    "config file's 'catalogues').",
)
@click.pass_context
def cli(ctx: click.Context, catalogue_path: str | None) -> None:
    """A calm coach for gentle lower-back stretch routines, in your terminal.

    \b
    Examples:
      stretchcoach start                      # answer a few questions, then stretch
      stretchcoach list --cause posture       # browse exercises for desk workers
      stretchcoach plan --cause unknown --severity 3 --format json

    General guidance only, not medical advice: if your pain is severe, new or
    worrying, see a doctor or physiotherapist.
    """
    ctx.obj = AppState(catalogue_path)


class AppState:
    """Per-invocation state shared by commands: which catalogue to use, loaded once."""

    def __init__(self, catalogue_path: str | None) -> None:
        self.catalogue_path = catalogue_path
        self._catalogue: Any = None

    def catalogue(self) -> Any:
        """The validated catalogue (raises CatalogueError, exit 1, when it is bad).

        --catalogue (or $STRETCHCOACH_CATALOGUE) replaces the built-in catalogue; otherwise
        the config file's ``catalogues`` are added to it.
        """
        if self._catalogue is None:
            from stretchcoach import catalogue

            if self.catalogue_path or os.environ.get(catalogue.ENV_VAR):
                self._catalogue = catalogue.load(self.catalogue_path)
            else:
                from stretchcoach import config

                extra = config.load_config().get("catalogues") or []
                paths = [catalogue.packaged_path(), *extra]
                self._catalogue = catalogue.load_many(paths)
        return self._catalogue


def main() -> None:
    """Console-script entry point: run the CLI and keep Python tracebacks away from users."""
    for stream in (sys.stdout, sys.stderr):
        # A terminal or file that cannot show a character (say "→" on a legacy code page)
        # gets a "?" instead of a crash halfway through a session.
        with contextlib.suppress(AttributeError, ValueError, OSError):
            stream.reconfigure(errors="replace")  # type: ignore[union-attr]
    try:
        cli.main(prog_name="stretchcoach")
    except KeyboardInterrupt:  # pragma: no cover - Click normally turns this into Abort
        click.echo("\nInterrupted.", err=True)
        sys.exit(130)
    except OSError as exc:  # e.g. a full disk or a closed pipe while writing the output
        with contextlib.suppress(OSError, ValueError):
            click.echo(f"Error: could not write the output ({exc.strerror or exc}).", err=True)
        sys.exit(1)
    except Exception as exc:
        if os.environ.get(DEBUG_ENV):
            raise
        click.echo(
            f"Error: something unexpected went wrong ({type(exc).__name__}: {exc}). "
            f"Set {DEBUG_ENV}=1 to see the details, and please report it.",
            err=True,
        )
        sys.exit(1)
