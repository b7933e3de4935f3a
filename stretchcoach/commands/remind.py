"""``stretchcoach remind`` and ``stretchcoach schedule``: a daily nudge without a daemon."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import click

from stretchcoach.commands._options import complete_profiles
from stretchcoach.reminders import TARGETS


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
@click.option(
    "--profile",
    metavar="NAME",
    shell_complete=complete_profiles,
    help="Name this profile in the reminder.",
)
def remind(profile: str | None) -> None:
    """Show a desktop reminder, unless today's routine is already done.

    Meant for a scheduler (see 'stretchcoach schedule'). Stays quiet, too, on a day the
    safety questions advised no exercise. Where there is no notification tool the
    reminder is printed instead.

    \b
    Examples:
      stretchcoach remind
      stretchcoach remind --profile desk
    """
    from datetime import datetime

    from stretchcoach import history, reminders, ui

    _check_profile(profile)
    now = datetime.now().astimezone()
    try:
        if reminders.quiet_today(history.load_sessions(days=1, now=now), history.local_day(now)):
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


@click.command()
@click.option("--at", "at", required=True, metavar="HH:MM", help="Time of day (24-hour).")
@click.option(
    "--days",
    default="daily",
    show_default=True,
    help="Which days: daily, weekdays, weekends, mon-fri, sat,sun, mon,wed,fri…",
)
@click.option(
    "--profile",
    metavar="NAME",
    shell_complete=complete_profiles,
    help="Remind about this profile's routine.",
)
@click.option(
    "--for",
    "target",
    type=click.Choice(TARGETS),
    help="Scheduler to write for (default: this system's own).",
)
@click.option(
    "--install",
    is_flag=True,
    help="Add the entry for you (never replaces an existing one). Without it, only prints.",
)
def schedule(at: str, days: str, profile: str | None, target: str | None, install: bool) -> None:
    """Print (or install) a scheduler entry that runs 'stretchcoach remind' on time.

    Prints a crontab line, a systemd user service and timer, a launchd agent or a Task
    Scheduler command. Nothing is installed unless you add --install.

    \b
    Examples:
      stretchcoach schedule --at 08:00
      stretchcoach schedule --at 12:30 --days mon-fri --profile desk
      stretchcoach schedule --at 08:00 --for cron --install
    """
    import os

    from stretchcoach import reminders, ui

    hour, minute = reminders.parse_time(at)
    plan = reminders.Schedule(hour, minute, reminders.parse_days(days))
    _check_profile(profile)
    target = target or _detect_target()
    if install:
        reminders.check_install(target, _platform(), which=_which)
    argv = reminders.remind_argv(_program(), profile)
    when = f"{reminders.days_text(plan.days)} at {plan.at}"

    if target == "cron":
        uid = os.getuid() if hasattr(os, "getuid") else None
        line = reminders.cron_line(plan, argv, uid=uid, profile=profile)
        if install:
            ui.message(reminders.install_cron(line, run=_run, profile=profile))
            return
        click.echo(line)
        ui.message(f"Runs {when}. Add it with 'crontab -e', or run again with --install.")
    elif target == "systemd":
        units = reminders.systemd_units(plan, argv, profile)
        timer = reminders.unit_name(profile) + ".timer"
        enable = ["systemctl", "--user", "enable", "--now", timer]
        if install:
            written = reminders.install_files(systemd_folder(), units)
            for step in (["systemctl", "--user", "daemon-reload"], enable):
                code, _ = _run(step, None)
                if code != 0:
                    raise reminders.InstallRefused(
                        f"Wrote {', '.join(str(p) for p in written)}, but '{' '.join(step)}' "
                        f"failed; run '{' '.join(enable)}' yourself."
                    )
            ui.message(f"Installed and started {timer} ({when}).")
            return
        for name, text in units.items():
            click.echo(f"# {systemd_folder() / name}")
            click.echo(text)
        ui.message(
            f"Runs {when}. Save both files there, then: systemctl --user daemon-reload && "
            f"{' '.join(enable)} (or run again with --install)."
        )
    elif target == "launchd":
        plist = reminders.launchd_plist(plan, argv, profile)
        name = reminders.launchd_label(profile) + ".plist"
        path = launchd_folder() / name
        if install:
            reminders.install_files(launchd_folder(), {name: plist})
            code, _ = _run(["launchctl", "load", str(path)], None)
            if code != 0:
                raise reminders.InstallRefused(
                    f"Wrote {path}, but launchctl could not load it; run "
                    f"'launchctl load {path}' yourself."
                )
            ui.message(f"Installed {path} ({when}).")
            return
        click.echo(plist, nl=False)
        ui.message(
            f"Runs {when}. Save it as {path}, then: launchctl load {path} "
            "(or run again with --install)."
        )
    else:
        create = reminders.windows_argv(plan, argv, profile)
        if install:
            name = reminders.windows_task_name(profile)
            code, _ = _run(["schtasks", "/Query", "/TN", name], None)
            if code == 0:
                raise reminders.InstallRefused(
                    f"A scheduled task named '{name}' already exists; nothing was changed."
                )
            code, _ = _run(create, None)
            if code != 0:
                raise reminders.InstallRefused("schtasks could not create the task.")
            ui.message(f"Created the scheduled task '{name}' ({when}).")
            return
        click.echo(reminders.windows_command_line(create))
        ui.message(f"Runs {when}. Paste it into a Command Prompt, or run again with --install.")
