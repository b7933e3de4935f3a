"""``stretchcoach remind`` and ``stretchcoach schedule``: a daily nudge without a daemon."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import click

from stretchcoach.commands._options import now, profile_option
from stretchcoach.reminders import TARGETS

if TYPE_CHECKING:
    from stretchcoach import reminders


def _run(argv: Sequence[str], stdin: str | None) -> tuple[int, str]:
    """Run a system tool; (exit code, stdout). A missing tool is exit code 127."""
    import subprocess

    try:
        done = subprocess.run(
            list(argv), input=stdin, capture_output=True, text=True, timeout=60, check=False
        )
    except (OSError, subprocess.TimeoutExpired):
        return 127, ""
    return done.returncode, done.stdout


def _platform() -> str:
    """This system's platform name (a function, so tests can pretend to be another)."""
    import sys

    return sys.platform


def _which(program: str) -> str | None:
    """Where a program is on PATH, or None."""
    import shutil

    return shutil.which(program)


#: Seconds the notification tool may take before we give up on it and print the reminder, so
#: a hanging tool can never hang the scheduler's job. Enough for the Windows balloon, which
#: stays up for ten seconds before its script returns.
NOTIFY_TIMEOUT = 20.0


def notify(title: str, body: str) -> bool:
    """Show a desktop notification with the platform's own tool; False when there is none,
    or when it fails or takes longer than NOTIFY_TIMEOUT (it is stopped then)."""
    import shutil
    import subprocess
    import sys

    from stretchcoach import reminders

    argv = reminders.notify_argv(sys.platform, title, body, which=shutil.which)
    if argv is None:
        return False
    try:
        done = subprocess.run(
            argv,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            timeout=NOTIFY_TIMEOUT,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired):
        return False
    return done.returncode == 0


def _check_profile(profile: str | None) -> None:
    if profile:
        from stretchcoach import config

        config.resolve_profile(config.load_config(), profile)


@click.command()
@profile_option("Name this profile in the reminder.")
@click.pass_context
def remind(ctx: click.Context, profile: str | None) -> None:
    """Show a desktop reminder, unless today's routine is already done.

    Meant for a scheduler (see 'stretchcoach schedule'). Stays quiet, too, on a day the
    safety questions advised no exercise. Where there is no notification tool the
    reminder is printed instead.

    \b
    Examples:
      stretchcoach remind
      stretchcoach remind --profile desk
    """
    from stretchcoach import history, reminders, stats, ui

    _check_profile(profile)
    moment = now(ctx)
    try:
        if reminders.quiet_today(
            history.load_sessions(days=1, now=moment),
            stats.local_day(moment),
            history.load_screens(days=1, now=moment),
        ):
            return
    except history.HistoryError as exc:
        ui.message(exc.message)
    body = reminders.reminder_text(profile)
    if not notify(reminders.TITLE, body):
        click.echo(body)


def _program() -> list[str]:
    """How a scheduler should start stretchcoach: the installed script, else this Python."""
    import os
    import shutil
    import sys

    found = shutil.which("stretchcoach")
    argv = [str(Path(found).resolve())] if found else [sys.executable, "-m", "stretchcoach"]
    home = os.environ.get("STRETCHCOACH_HOME")
    if home and not sys.platform.startswith("win"):
        # Schedulers start jobs in another folder (cron: $HOME), so a relative path would
        # point somewhere else: write it out in full.
        home = os.path.abspath(os.path.expanduser(home))
        argv = ["/usr/bin/env", f"STRETCHCOACH_HOME={home}", *argv]
    return argv


def _detect_target() -> str:
    import shutil
    import sys

    from stretchcoach import reminders

    target = reminders.default_target(sys.platform)
    if target == "systemd" and not (
        shutil.which("systemctl") and Path("/run/systemd/system").is_dir()
    ):
        return "cron"
    return target


def systemd_folder() -> Path:
    """Where systemd looks for the user's own units (XDG_CONFIG_HOME respected)."""
    import os

    base = os.environ.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    return Path(base) / "systemd" / "user"


def launchd_folder() -> Path:
    return Path.home() / "Library" / "LaunchAgents"


def _places(output: str | None) -> reminders.Places:
    """Where each scheduler's files go on this system."""
    from stretchcoach import paths
    from stretchcoach import reminders as rem

    chosen = None if output is None else Path(output).expanduser()
    return rem.Places(
        systemd=systemd_folder(), launchd=launchd_folder(), data=paths.data_dir(), output=chosen
    )


@click.command()
@click.option("--at", "at", required=True, metavar="HH:MM", help="Time of day (24-hour).")
@click.option(
    "--days",
    default="daily",
    show_default=True,
    help="Which days: daily, weekdays, weekends, mon-fri, sat,sun, mon,wed,fri…",
)
@profile_option("Remind about this profile's routine.")
@click.option(
    "--for",
    "target",
    type=click.Choice(TARGETS, case_sensitive=False),
    help="Scheduler to write for (default: this system's own); 'ics' writes a calendar file.",
)
@click.option(
    "--install",
    is_flag=True,
    help="Add the entry for you (never replaces an existing one). Without it, only prints.",
)
@click.option(
    "--output",
    "-o",
    metavar="PATH",
    help="With --for ics: where to write the calendar file ('-' prints it). "
    "Default: stretchcoach-reminder.ics in your data folder.",
)
@click.pass_context
def schedule(
    ctx: click.Context,
    at: str,
    days: str,
    profile: str | None,
    target: str | None,
    install: bool,
    output: str | None,
) -> None:
    """Print (or install) a scheduler entry that runs 'stretchcoach remind' on time.

    Prints a crontab line, a systemd user service and timer, a launchd agent or a Task
    Scheduler command. Nothing is installed unless you add --install. The 'ics' target
    writes a calendar file instead, for your phone or desktop calendar to remind you (it
    reminds on every chosen day, even once the routine is done).

    \b
    Examples:
      stretchcoach schedule --at 08:00
      stretchcoach schedule --at 12:30 --days mon-fri --profile desk
      stretchcoach schedule --at 08:00 --for cron --install
      stretchcoach schedule --at 08:00 --days mon-fri --for ics
      stretchcoach schedule --at 08:00 --for ics --output -
    """
    import os

    from stretchcoach import reminders as rem
    from stretchcoach import ui

    hour, minute = rem.parse_time(at)
    plan = rem.Schedule(hour, minute, rem.parse_days(days))
    _check_profile(profile)
    scheduler = rem.SCHEDULERS[(target or _detect_target()).lower()](_places(output))
    rem.check_options(scheduler, install=install, output=output)
    if install:
        rem.check_install(scheduler.name, _platform(), which=_which)
    job = rem.Job(
        plan,
        tuple(rem.remind_argv(_program(), profile)),
        profile,
        uid=os.getuid() if hasattr(os, "getuid") else None,
        now=now(ctx),
    )
    if install or (scheduler.writes_file and output != "-"):
        ui.message(scheduler.install(job, run=_run))
        return
    text = scheduler.entry(job)
    click.echo(text.encode("utf-8") if scheduler.binary else text, nl=False)
    ui.message(scheduler.hint(job))
