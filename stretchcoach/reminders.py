"""Reminders without a daemon: the desktop notification and the scheduler entries for it.

Each ``--for`` target is a ``Scheduler`` object (cron, systemd, launchd, Windows, an
iCalendar file) that knows what it writes, where, how to install it and how to describe it.
Building entries is pure: the platform, the program's argv, the schedule and "now" are passed
in. Installing runs programs only through a runner passed in, so tests never touch the real
crontab, systemd or launchd.
"""

from __future__ import annotations

import re
import shlex
from abc import ABC, abstractmethod
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from stretchcoach.errors import StretchcoachError, UsageError

if TYPE_CHECKING:
    from stretchcoach.routine import SessionRecord

DAY_NAMES: tuple[str, ...] = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
_ALIASES: dict[str, tuple[int, ...]] = {
    "daily": tuple(range(7)),
    "every-day": tuple(range(7)),
    "everyday": tuple(range(7)),
    "all": tuple(range(7)),
    "weekdays": (0, 1, 2, 3, 4),
    "weekends": (5, 6),
    "weekend": (5, 6),
}
_LONG = {
    "monday": 0,
    "tuesday": 1,
    "wednesday": 2,
    "thursday": 3,
    "friday": 4,
    "saturday": 5,
    "sunday": 6,
}
#: The ``--for`` choices, one per ``Scheduler`` class below (``SCHEDULERS`` maps them).
TARGETS: tuple[str, ...] = ("cron", "systemd", "launchd", "windows", "ics")
TITLE = "Time to stretch"
#: Ends each of our crontab lines (plus ``--profile NAME`` for a profile's reminder), so we can
#: tell our entries from the user's own and one profile's entry from another's.
CRON_MARK = "# stretchcoach remind"
#: How earlier versions marked the line (no profile in the mark; still recognised).
_OLD_CRON_MARK = "# stretchcoach reminder"


@dataclass(frozen=True)
class Schedule:
    """When to remind: a time of day and the weekdays (0 = Monday)."""

    hour: int
    minute: int
    days: tuple[int, ...]

    @property
    def daily(self) -> bool:
        return len(self.days) == 7

    @property
    def at(self) -> str:
        return f"{self.hour:02d}:{self.minute:02d}"


def parse_time(text: str) -> tuple[int, int]:
    """'08:00' or '8:05' → (8, 0) / (8, 5); anything else is a usage error."""
    match = re.fullmatch(r"\s*(\d{1,2}):(\d{2})\s*", text)
    if match:
        hour, minute = int(match[1]), int(match[2])
        if hour < 24 and minute < 60:
            return hour, minute
    raise UsageError(f"'{text}' is not a time of day; use 24-hour HH:MM, e.g. --at 08:00.")


def _day(token: str, whole: str) -> int:
    token = token.strip().lower()
    if token in DAY_NAMES:
        return DAY_NAMES.index(token)
    if token in _LONG:
        return _LONG[token]
    raise UsageError(
        f"'{whole}' is not a set of days; use e.g. daily, weekdays, weekends, mon-fri or sat,sun."
    )


def parse_days(text: str) -> tuple[int, ...]:
    """'mon-fri', 'sat,sun', 'daily', 'weekdays', 'mon,wed-fri' → sorted weekday numbers."""
    text = text.strip().lower()
    if text in _ALIASES:
        return _ALIASES[text]
    days: set[int] = set()
    for part in text.split(","):
        if not part.strip():
            _day("", text)
        if part.strip() in _ALIASES:
            days.update(_ALIASES[part.strip()])
        elif "-" in part:
            first, _, last = part.partition("-")
            start, end = _day(first, text), _day(last, text)
            n = (end - start) % 7 + 1  # wraps round: fri-mon is fri, sat, sun, mon
            days.update((start + i) % 7 for i in range(n))
        else:
            days.add(_day(part, text))
    return tuple(sorted(days))


def days_text(days: Sequence[int]) -> str:
    """A short readable form: 'daily', 'mon-fri', 'sat,sun', 'mon,wed,fri'."""
    if len(days) == 7:
        return "daily"
    ordered = sorted(days)
    if len(ordered) > 2 and ordered == list(range(ordered[0], ordered[-1] + 1)):
        return f"{DAY_NAMES[ordered[0]]}-{DAY_NAMES[ordered[-1]]}"
    return ",".join(DAY_NAMES[d] for d in ordered)


#: Day names as they are written in sentences (DAY_NAMES are what --days accepts).
DAY_WORDS: tuple[str, ...] = (
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
)


def when_text(days: Sequence[int], at: str) -> str:
    """When a reminder comes, in words: 'every day at 08:00', 'on Mondays at 08:00',
    'on weekdays (Monday to Friday) at 08:00', 'from Tuesday to Thursday at 08:00'."""
    ordered = sorted(set(days))
    if len(ordered) == 7:
        return f"every day at {at}"
    if ordered == [0, 1, 2, 3, 4]:
        return f"on weekdays (Monday to Friday) at {at}"
    if len(ordered) > 2 and ordered == list(range(ordered[0], ordered[-1] + 1)):
        return f"from {DAY_WORDS[ordered[0]]} to {DAY_WORDS[ordered[-1]]} at {at}"
    names = [DAY_WORDS[d] + "s" for d in ordered]
    listed = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
    return f"on {listed} at {at}"


def start_command(profile: str | None) -> str:
    """What the person should type to start today's routine."""
    return "stretchcoach start" + (f" --profile {shlex.quote(profile)}" if profile else "")


def reminder_text(profile: str | None) -> str:
    return f"Your stretch routine is waiting. When you are ready, run: {start_command(profile)}"


#: Endings that mean "no reminder today": the routine was done, or a safety stop told the person
#: not to exercise and to get medical advice (nagging them to stretch would contradict it).
QUIET_ENDINGS: tuple[str, ...] = ("completed", "safety-stop")


def quiet_today(
    sessions: Sequence[SessionRecord],
    today: date,
    screens: Sequence[tuple[datetime, str]] = (),
) -> bool:
    """Whether ``remind`` should stay silent: a session today ended completed or safety-stop,
    or the safety questions answered on their own today (``stretchcoach screen``) advised
    no exercise.

    A completed practice run (sped up) does not count: the routine itself is still to do.
    A safety stop counts whatever the speed.
    """
    from stretchcoach import stats
    from stretchcoach.safety import policy

    done = stats.ended_on(sessions, today, QUIET_ENDINGS)
    return done or policy.held_today(sessions, today, screens)


def remind_argv(program: Sequence[str], profile: str | None) -> list[str]:
    """The command a scheduler runs: ``<program> remind [--profile NAME]``."""
    return [*program, "remind", *(["--profile", profile] if profile else [])]


def default_target(platform: str) -> str:
    """The scheduler a platform uses: launchd on macOS, Task Scheduler on Windows, systemd
    where a user systemd folder exists, else cron (decided by the caller for Linux)."""
    if platform == "darwin":
        return "launchd"
    if platform.startswith("win"):
        return "windows"
    return "systemd"


def native_targets(platform: str) -> tuple[str, ...]:
    """The schedulers ``--install`` can use on this platform (cron only where it is native)."""
    if platform == "darwin":
        return ("launchd", "cron")
    if platform.startswith("win"):
        return ("windows",)
    return ("systemd", "cron")


def check_install(target: str, platform: str, *, which: Callable[[str], str | None]) -> None:
    """Refuse ``--install`` up front, before anything is written, when it cannot work here:
    another system's scheduler is a usage error (exit 2); a missing program is named (exit 1).
    """
    native = native_targets(platform)
    if target not in native:
        raise UsageError(
            f"--install only works for this system's own scheduler ({'/'.join(native)} here); "
            "without --install the entry is printed for you to copy."
        )
    program = SCHEDULERS[target].program
    if program and not which(program):
        raise InstallRefused(
            f"The '{program}' program was not found, so nothing was installed; without "
            "--install the entry is printed for you to copy."
        )


def unit_name(profile: str | None) -> str:
    return "stretchcoach-remind" + (f"-{profile}" if profile else "")


# --- notifications ----------------------------------------------------------------------------


def _applescript_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _powershell_string(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def notify_argv(
    platform: str, title: str, body: str, *, which: Callable[[str], str | None]
) -> list[str] | None:
    """The platform's own notification command, or None when there is none to use."""
    if platform == "darwin":
        if which("osascript"):
            script = (
                f"display notification {_applescript_string(body)} "
                f"with title {_applescript_string(title)}"
            )
            return ["osascript", "-e", script]
        return None
    if platform.startswith("win"):
        shell = which("powershell") or which("pwsh")
        if not shell:
            return None
        script = (
            "Add-Type -AssemblyName System.Windows.Forms; "
            "$n = New-Object System.Windows.Forms.NotifyIcon; "
            "$n.Icon = [System.Drawing.SystemIcons]::Information; $n.Visible = $true; "
            f"$n.ShowBalloonTip(10000, {_powershell_string(title)}, "
            f"{_powershell_string(body)}, 'Info'); Start-Sleep -Seconds 10; $n.Dispose()"
        )
        return [shell, "-NoProfile", "-NonInteractive", "-Command", script]
    if which("notify-send"):
        return ["notify-send", "--app-name=stretchcoach", title, body]
    return None


# --- scheduler entries ------------------------------------------------------------------------


def cron_mark(profile: str | None) -> str:
    """The trailing comment naming whose reminder a crontab line is."""
    return CRON_MARK + (f" --profile {profile}" if profile else "")


def cron_line(
    schedule: Schedule,
    argv: Sequence[str],
    *,
    uid: int | None = None,
    profile: str | None = None,
) -> str:
    """One crontab line (cron counts days from 0 = Sunday). The session bus address lets
    notify-send reach the desktop from cron; the trailing comment marks the line as ours."""
    dow = "*" if schedule.daily else ",".join(str((d + 1) % 7) for d in schedule.days)
    env = f"DBUS_SESSION_BUS_ADDRESS=unix:path=/run/user/{uid}/bus " if uid is not None else ""
    command = " ".join(shlex.quote(a) for a in argv).replace("%", "\\%")
    mark = cron_mark(profile).replace("%", "\\%")
    return f"{schedule.minute} {schedule.hour} * * {dow} {env}{command} {mark}"


def cron_owner(line: str) -> tuple[bool, str | None]:
    """Whether a crontab line is one of our reminders, and for which profile (None: default).

    Reads the trailing mark; a line marked the old way is read from its ``--profile``.
    """
    text = line.strip()
    if text.startswith("#"):
        return False, None
    if text.endswith(" " + _OLD_CRON_MARK):
        words = text[: -len(_OLD_CRON_MARK)].split()
        if "--profile" in words[:-1]:
            return True, words[words.index("--profile") + 1].strip("'\"")
        return True, None
    head, sep, tail = text.rpartition(" " + CRON_MARK)
    if not sep or not head:
        return False, None
    if not tail:
        return True, None
    words = tail.split()
    if len(words) == 2 and words[0] == "--profile" and tail == f" --profile {words[1]}":
        return True, words[1].replace("\\%", "%")
    return False, None


def systemd_calendar(schedule: Schedule) -> str:
    days = "" if schedule.daily else ",".join(DAY_NAMES[d].title() for d in schedule.days) + " "
    return f"{days}*-*-* {schedule.at}:00"


def systemd_units(schedule: Schedule, argv: Sequence[str], profile: str | None) -> dict[str, str]:
    """File name → text for a systemd user service and the timer that starts it."""
    name = unit_name(profile)
    exec_start = " ".join(_systemd_quote(a) for a in argv)
    service = (
        "[Unit]\n"
        "Description=stretchcoach: remind me to stretch\n\n"
        "[Service]\n"
        "Type=oneshot\n"
        f"ExecStart={exec_start}\n"
    )
    timer = (
        "[Unit]\n"
        f"Description=stretchcoach reminder ({days_text(schedule.days)} at {schedule.at})\n\n"
        "[Timer]\n"
        f"OnCalendar={systemd_calendar(schedule)}\n"
        "Persistent=true\n"
        f"Unit={name}.service\n\n"
        "[Install]\n"
        "WantedBy=timers.target\n"
    )
    return {f"{name}.service": service, f"{name}.timer": timer}


def _systemd_quote(arg: str) -> str:
    if arg and re.fullmatch(r"[A-Za-z0-9_./:=@+-]+", arg):
        return arg
    return '"' + arg.replace("\\", "\\\\").replace('"', '\\"').replace("%", "%%") + '"'


def launchd_label(profile: str | None) -> str:
    return "org.stretchcoach.remind" + (f".{profile}" if profile else "")


def launchd_plist(schedule: Schedule, argv: Sequence[str], profile: str | None) -> str:
    """A launchd agent, written by ``plistlib`` (launchd counts weekdays from 0 = Sunday)."""
    import plistlib

    def when(day: int | None) -> dict[str, int]:
        weekday = {} if day is None else {"Weekday": (day + 1) % 7}
        return {**weekday, "Hour": schedule.hour, "Minute": schedule.minute}

    agent = {
        "Label": launchd_label(profile),
        "ProgramArguments": list(argv),
        "StartCalendarInterval": (
            [when(None)] if schedule.daily else [when(d) for d in schedule.days]
        ),
    }
    return plistlib.dumps(agent, sort_keys=False).decode("utf-8")


def windows_task_name(profile: str | None) -> str:
    return "stretchcoach remind" + (f" {profile}" if profile else "")


def _windows_quote(arg: str) -> str:
    return f'"{arg}"' if (" " in arg or not arg) else arg


def windows_argv(schedule: Schedule, argv: Sequence[str], profile: str | None) -> list[str]:
    """The ``schtasks /Create`` command (without /F, so it never replaces an existing task)."""
    command = " ".join(_windows_quote(a) for a in argv)
    when = (
        ["/SC", "DAILY"]
        if schedule.daily
        else ["/SC", "WEEKLY", "/D", ",".join(DAY_NAMES[d].upper() for d in schedule.days)]
    )
    return [
        "schtasks",
        "/Create",
        "/TN",
        windows_task_name(profile),
        "/TR",
        command,
        *when,
        "/ST",
        schedule.at,
    ]


def windows_command_line(argv: Sequence[str]) -> str:
    """The schtasks argv as one line to paste into a Command Prompt."""
    return " ".join(
        '"' + a.replace('"', '\\"') + '"' if (" " in a or '"' in a) else a for a in argv
    )


# --- installing, safely -----------------------------------------------------------------------


class InstallRefused(StretchcoachError):
    """An entry is already there (or the tool is missing): nothing was changed (exit 1)."""


#: runs argv with optional stdin text; returns (exit code, stdout).
Runner = Callable[[Sequence[str], "str | None"], tuple[int, str]]


def install_cron(line: str, *, run: Runner, profile: str | None = None) -> str:
    """Append our line to the user's crontab unless this profile's reminder (or, without a
    profile, the default one) is already there. Every other line is kept exactly as it is."""
    code, current = run(["crontab", "-l"], None)
    if code not in (0, 1):
        raise InstallRefused("Could not read your crontab, so nothing was changed.")
    existing = current if code == 0 else ""
    if any(cron_owner(old) == (True, profile) for old in existing.splitlines()):
        whose = (
            f"a stretchcoach reminder for the profile '{profile}'"
            if profile
            else ("a stretchcoach reminder")
        )
        raise InstallRefused(
            f"Your crontab already has {whose}; nothing was changed. "
            "Edit it with 'crontab -e' if you want a different time."
        )
    new = existing + ("" if not existing or existing.endswith("\n") else "\n") + line + "\n"
    code, _ = run(["crontab", "-"], new)
    if code != 0:
        raise InstallRefused("crontab did not accept the new line; nothing was changed.")
    return "Added the reminder to your crontab ('crontab -l' shows it)."


def install_files(folder: Path, files: dict[str, str]) -> list[Path]:
    """Write files into folder only if none of them exists yet (never overwrite)."""
    targets = [folder / name for name in files]
    taken = [p for p in targets if p.exists()]
    if taken:
        raise InstallRefused(
            f"{taken[0]} already exists; nothing was changed. Remove it first if you want to "
            "replace it."
        )
    try:
        folder.mkdir(parents=True, exist_ok=True)
        for path, text in zip(targets, files.values(), strict=True):
            with path.open("x", encoding="utf-8") as handle:
                handle.write(text)
    except OSError as exc:
        raise InstallRefused(
            f"Could not write to {folder} ({exc.strerror or exc}); nothing else was changed."
        ) from None
    return targets


def write_atomic(path: Path, payload: bytes, *, make_folder: bool = False) -> None:
    """Write a file whole or not at all: a temporary file beside it, then a rename.

    Any failure is one clear sentence (exit 1) and leaves an older file as it was.
    """
    from stretchcoach import atomic

    try:
        atomic.write_atomic(path, payload, mode=0o644, make_folder=make_folder)
    except OSError as exc:
        raise StretchcoachError(
            f"Could not write {path} ({exc.strerror or exc}); nothing was changed."
        ) from None


# --- one object per scheduler -----------------------------------------------------------------


@dataclass(frozen=True)
class Job:
    """One reminder to write: when, the command it runs, and for which profile."""

    schedule: Schedule
    argv: tuple[str, ...]
    profile: str | None = None
    #: The user's id, so a cron job can reach the desktop's session bus (None: leave it out).
    uid: int | None = None
    #: The moment the entry is made (a calendar file's DTSTAMP and first date); never read here.
    now: datetime | None = None

    @property
    def when(self) -> str:
        """When it reminds, in words ('every day at 08:00', 'on Mondays at 08:00')."""
        return when_text(self.schedule.days, self.schedule.at)


@dataclass(frozen=True)
class Places:
    """Where schedulers keep their files; found by the caller (they depend on the system)."""

    systemd: Path
    launchd: Path
    #: The user's data folder: a calendar file's default home.
    data: Path
    #: ``--output``: where the calendar file goes (a folder gets the default name).
    output: Path | None = None


class Scheduler(ABC):
    """A place that can run (or remind about) the daily reminder.

    Each knows what it writes (``entry``), where (``location``), how it installs
    (``install``) and how to add the printed entry by hand (``hint``). Printing runs
    nothing; ``install`` never replaces an existing entry.
    """

    #: The ``--for`` value.
    name: ClassVar[str]
    #: The program ``--install`` runs; None when nothing needs to be run.
    program: ClassVar[str | None]
    #: True when the entry is a file written for the user by default (no --install).
    writes_file: ClassVar[bool] = False
    #: True when the entry must be printed byte for byte (CRLF line ends).
    binary: ClassVar[bool] = False

    def __init__(self, places: Places) -> None:
        self.places = places

    def location(self, job: Job) -> Path | None:
        """Where the entry is installed, when it is a file."""
        return None

    @abstractmethod
    def entry(self, job: Job) -> str:
        """What is printed on stdout (ends with a newline)."""

    @abstractmethod
    def hint(self, job: Job) -> str:
        """The one line on stderr after printing: how to add the entry by hand."""

    @abstractmethod
    def install(self, job: Job, *, run: Runner) -> str:
        """Put the entry in place (never replacing one); returns what to tell the user."""


class CronScheduler(Scheduler):
    """A line in the user's crontab."""

    name = "cron"
    program = "crontab"

    def line(self, job: Job) -> str:
        return cron_line(job.schedule, job.argv, uid=job.uid, profile=job.profile)

    def entry(self, job: Job) -> str:
        return self.line(job) + "\n"

    def hint(self, job: Job) -> str:
        return f"Runs {job.when}. Add it with 'crontab -e', or run again with --install."

    def install(self, job: Job, *, run: Runner) -> str:
        return install_cron(self.line(job), run=run, profile=job.profile)


class SystemdScheduler(Scheduler):
    """A systemd user service and the timer that starts it."""

    name = "systemd"
    program = "systemctl"

    def location(self, job: Job) -> Path:
        return self.places.systemd

    def _enable(self, job: Job) -> list[str]:
        return ["systemctl", "--user", "enable", "--now", unit_name(job.profile) + ".timer"]

    def entry(self, job: Job) -> str:
        units = systemd_units(job.schedule, job.argv, job.profile)
        return "".join(f"# {self.location(job) / name}\n{text}\n" for name, text in units.items())

    def hint(self, job: Job) -> str:
        return (
            f"Runs {job.when}. Save both files there, then: systemctl --user daemon-reload && "
            f"{' '.join(self._enable(job))} (or run again with --install)."
        )

    def install(self, job: Job, *, run: Runner) -> str:
        units = systemd_units(job.schedule, job.argv, job.profile)
        written = install_files(self.location(job), units)
        enable = self._enable(job)
        for step in (["systemctl", "--user", "daemon-reload"], enable):
            code, _ = run(step, None)
            if code != 0:
                raise InstallRefused(
                    f"Wrote {', '.join(str(p) for p in written)}, but '{' '.join(step)}' "
                    f"failed; run '{' '.join(enable)}' yourself."
                )
        return f"Installed and started {enable[-1]} ({job.when})."


class LaunchdScheduler(Scheduler):
    """A launchd agent in ~/Library/LaunchAgents (macOS)."""

    name = "launchd"
    program = "launchctl"

    def location(self, job: Job) -> Path:
        return self.places.launchd / (launchd_label(job.profile) + ".plist")

    def entry(self, job: Job) -> str:
        return launchd_plist(job.schedule, job.argv, job.profile)

    def hint(self, job: Job) -> str:
        path = self.location(job)
        return (
            f"Runs {job.when}. Save it as {path}, then: launchctl load {path} "
            "(or run again with --install)."
        )

    def install(self, job: Job, *, run: Runner) -> str:
        path = self.location(job)
        install_files(path.parent, {path.name: self.entry(job)})
        code, _ = run(["launchctl", "load", str(path)], None)
        if code != 0:
            raise InstallRefused(
                f"Wrote {path}, but launchctl could not load it; run "
                f"'launchctl load {path}' yourself."
            )
        return f"Installed {path} ({job.when})."


class WindowsScheduler(Scheduler):
    """A task in the Windows Task Scheduler (schtasks)."""

    name = "windows"
    program = "schtasks"

    def _create(self, job: Job) -> list[str]:
        return windows_argv(job.schedule, job.argv, job.profile)

    def entry(self, job: Job) -> str:
        return windows_command_line(self._create(job)) + "\n"

    def hint(self, job: Job) -> str:
        return f"Runs {job.when}. Paste it into a Command Prompt, or run again with --install."

    def install(self, job: Job, *, run: Runner) -> str:
        name = windows_task_name(job.profile)
        code, _ = run(["schtasks", "/Query", "/TN", name], None)
        if code == 0:
            raise InstallRefused(
                f"A scheduled task named '{name}' already exists; nothing was changed."
            )
        code, _ = run(self._create(job), None)
        if code != 0:
            raise InstallRefused("schtasks could not create the task.")
        return f"Created the scheduled task '{name}' ({job.when})."


#: How to bring the calendar file into a calendar (said after writing or printing it).
ICS_IMPORT = (
    "To use it, open the file with your calendar app (Apple Calendar, Outlook, Thunderbird), "
    "or import it in Google Calendar under Settings > Import & export; a calendar that syncs "
    "to your phone reminds you there too."
)


def ics_name(profile: str | None) -> str:
    """The calendar file's default name."""
    return "stretchcoach-reminder" + (f"-{profile}" if profile else "") + ".ics"


def ics_uid(profile: str | None) -> str:
    """The same UID every time, so importing the file again updates the event, not doubles it."""
    return f"{unit_name(profile)}@stretchcoach"


class IcsScheduler(Scheduler):
    """An iCalendar file: a phone or desktop calendar reminds, with no scheduler at all.

    The file is written by default (``--output``, else the data folder); ``--output -``
    prints it. A calendar cannot know the routine is done, so it reminds every chosen day.
    """

    name = "ics"
    program = None
    writes_file = True
    binary = True

    def location(self, job: Job) -> Path:
        output = self.places.output
        if output is None:
            return self.places.data / ics_name(job.profile)
        return output / ics_name(job.profile) if output.is_dir() else output

    def entry(self, job: Job) -> str:
        from stretchcoach import ics

        if job.now is None:
            raise ValueError("a calendar file needs the time it is made (Job.now)")
        profile = f" ({job.profile})" if job.profile else ""
        return ics.calendar(
            hour=job.schedule.hour,
            minute=job.schedule.minute,
            days=job.schedule.days,
            summary=TITLE + profile,
            description=reminder_text(job.profile),
            uid=ics_uid(job.profile),
            now=job.now,
        )

    def hint(self, job: Job) -> str:
        return f"A calendar reminder {job.when}. Save it as {ics_name(job.profile)}. {ICS_IMPORT}"

    def install(self, job: Job, *, run: Runner) -> str:
        """Write the calendar file; an existing file (or the file a link points to) is
        replaced only when it is a reminder calendar this program wrote, so a mistyped
        --output cannot destroy a catalogue or another calendar."""
        path = self.location(job)
        if path.is_file() and not _is_our_calendar(path):
            raise UsageError(
                f"{path} exists and is not a reminder calendar written by stretchcoach, so it "
                "was left as it is; choose another --output (or a folder)."
            )
        write_atomic(path, self.entry(job).encode("utf-8"), make_folder=self.places.output is None)
        return f"Wrote {path}: a calendar reminder {job.when}.\n{ICS_IMPORT}"


def _is_our_calendar(path: Path) -> bool:
    """Whether a file is a calendar stretchcoach wrote (its PRODID near the start); an
    unreadable file counts as not."""
    from stretchcoach.ics import PRODID

    try:
        with path.open("rb") as f:
            head = f.read(512)
    except OSError:
        return False
    return head.lstrip(b"\xef\xbb\xbf").startswith(b"BEGIN:VCALENDAR") and (
        f"PRODID:{PRODID}".encode() in head
    )


#: ``--for`` value → its scheduler class.
SCHEDULERS: dict[str, type[Scheduler]] = {
    cls.name: cls
    for cls in (CronScheduler, SystemdScheduler, LaunchdScheduler, WindowsScheduler, IcsScheduler)
}


def check_options(scheduler: Scheduler, *, install: bool, output: str | None) -> None:
    """Refuse options that do not apply to this scheduler (usage errors, exit 2)."""
    if install and scheduler.writes_file:
        raise UsageError(
            f"--install does not apply to --for {scheduler.name}: the file is written for "
            "you (--output chooses where); then import it into your calendar."
        )
    if output is not None and not output.strip():
        raise UsageError(
            "--output needs a file or folder to write the calendar file to ('-' prints it); "
            "it was given an empty path."
        )
    if output is not None and not scheduler.writes_file:
        raise UsageError(
            "--output only applies to --for ics; the other entries are printed, or added "
            "with --install."
        )
