"""Reminders and scheduling: parsing, every platform's entry, safe installs, fake notifier."""

from __future__ import annotations

import os
import plistlib
from collections.abc import Sequence
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from stretchcoach import history, reminders, stats
from stretchcoach.commands import remind as remind_cmd
from stretchcoach.errors import UsageError
from stretchcoach.routine import SessionRecord

WEEKDAYS = reminders.Schedule(8, 5, (0, 1, 2, 3, 4))
DAILY = reminders.Schedule(19, 30, tuple(range(7)))
ARGV = ["/opt/sc/bin/stretchcoach", "remind", "--profile", "desk"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [("08:00", (8, 0)), ("8:05", (8, 5)), ("23:59", (23, 59)), (" 0:00 ", (0, 0))],
)
def test_parse_time(text: str, expected: tuple[int, int]) -> None:
    assert reminders.parse_time(text) == expected


@pytest.mark.parametrize("text", ["24:00", "8", "08:60", "8am", "08-00", "", "1:2"])
def test_bad_times_are_usage_errors(text: str) -> None:
    with pytest.raises(UsageError, match="HH:MM"):
        reminders.parse_time(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("daily", (0, 1, 2, 3, 4, 5, 6)),
        ("weekdays", (0, 1, 2, 3, 4)),
        ("mon-fri", (0, 1, 2, 3, 4)),
        ("sat,sun", (5, 6)),
        ("Weekends", (5, 6)),
        ("mon,wed,fri", (0, 2, 4)),
        ("mon-wed,fri", (0, 1, 2, 4)),
        ("fri-mon", (0, 4, 5, 6)),
        ("monday,Thursday", (0, 3)),
    ],
)
def test_parse_days(text: str, expected: tuple[int, ...]) -> None:
    assert reminders.parse_days(text) == expected


@pytest.mark.parametrize("text", ["funday", "mon-", "mon,,fri", "", "1-5"])
def test_bad_days_are_usage_errors(text: str) -> None:
    with pytest.raises(UsageError, match="not a set of days"):
        reminders.parse_days(text)


def test_days_text() -> None:
    assert reminders.days_text(range(7)) == "daily"
    assert reminders.days_text((0, 1, 2, 3, 4)) == "mon-fri"
    assert reminders.days_text((5, 6)) == "sat,sun"
    assert reminders.days_text((0, 2, 4)) == "mon,wed,fri"


def test_cron_line() -> None:
    line = reminders.cron_line(WEEKDAYS, ARGV, uid=1000)
    assert line == (
        "5 8 * * 1,2,3,4,5 DBUS_SESSION_BUS_ADDRESS=unix:path=/run/user/1000/bus "
        "/opt/sc/bin/stretchcoach remind --profile desk # stretchcoach remind"
    )
    assert reminders.cron_line(WEEKDAYS, ARGV, profile="desk").endswith(
        "remind --profile desk # stretchcoach remind --profile desk"
    )
    assert reminders.cron_line(DAILY, ["sc", "remind"]).startswith("30 19 * * * sc remind")
    # Sunday is 0 in cron; paths with spaces are quoted; % is special to cron.
    sunday = reminders.Schedule(7, 0, (6,))
    assert reminders.cron_line(sunday, ["/my dir/sc", "50%"]) == (
        "0 7 * * 0 '/my dir/sc' 50\\% # stretchcoach remind"
    )


def test_systemd_units() -> None:
    units = reminders.systemd_units(WEEKDAYS, ARGV, "desk")
    assert list(units) == ["stretchcoach-remind-desk.service", "stretchcoach-remind-desk.timer"]
    service, timer = units.values()
    assert "ExecStart=/opt/sc/bin/stretchcoach remind --profile desk\n" in service
    assert "Type=oneshot" in service
    assert "OnCalendar=Mon,Tue,Wed,Thu,Fri *-*-* 08:05:00\n" in timer
    assert "Unit=stretchcoach-remind-desk.service" in timer
    assert "WantedBy=timers.target" in timer
    daily = reminders.systemd_units(DAILY, ["/a b/sc", "remind"], None)
    assert "OnCalendar=*-*-* 19:30:00\n" in daily["stretchcoach-remind.timer"]
    assert 'ExecStart="/a b/sc" remind\n' in daily["stretchcoach-remind.service"]


def test_launchd_plist_is_valid_and_counts_sunday_as_zero() -> None:
    text = reminders.launchd_plist(reminders.Schedule(8, 5, (0, 6)), ARGV, "desk")
    data = plistlib.loads(text.encode())
    assert data["Label"] == "org.stretchcoach.remind.desk"
    assert data["ProgramArguments"] == ARGV
    assert data["StartCalendarInterval"] == [
        {"Weekday": 1, "Hour": 8, "Minute": 5},
        {"Weekday": 0, "Hour": 8, "Minute": 5},
    ]
    daily = plistlib.loads(reminders.launchd_plist(DAILY, ["a&b"], None).encode())
    assert daily["StartCalendarInterval"] == [{"Hour": 19, "Minute": 30}]
    assert daily["ProgramArguments"] == ["a&b"]


def test_windows_task() -> None:
    argv = reminders.windows_argv(WEEKDAYS, [r"C:\Program Files\sc.exe", "remind"], None)
    assert argv == [
        "schtasks", "/Create", "/TN", "stretchcoach remind",
        "/TR", '"C:\\Program Files\\sc.exe" remind',
        "/SC", "WEEKLY", "/D", "MON,TUE,WED,THU,FRI", "/ST", "08:05",
    ]  # fmt: skip
    assert "/F" not in argv  # never replaces an existing task
    line = reminders.windows_command_line(argv)
    assert '/TR "\\"C:\\Program Files\\sc.exe\\" remind"' in line
    assert reminders.windows_argv(DAILY, ["sc"], "desk")[3:8] == [
        "stretchcoach remind desk", "/TR", "sc", "/SC", "DAILY"
    ]  # fmt: skip


def test_notification_commands_per_platform() -> None:
    have = lambda *names: lambda n: f"/usr/bin/{n}" if n in names else None  # noqa: E731
    title, body = "Time", 'Run "stretchcoach start"'
    assert reminders.notify_argv("linux", title, body, which=have("notify-send")) == [
        "notify-send", "--app-name=stretchcoach", title, body
    ]  # fmt: skip
    assert reminders.notify_argv("linux", title, body, which=have()) is None
    mac = reminders.notify_argv("darwin", title, body, which=have("osascript"))
    assert mac is not None
    assert mac[:2] == ["osascript", "-e"]
    assert mac[2] == 'display notification "Run \\"stretchcoach start\\"" with title "Time"'
    win = reminders.notify_argv("win32", "It's", body, which=have("powershell"))
    assert win is not None
    assert win[0] == "/usr/bin/powershell"
    assert "'It''s'" in win[-1]
    assert reminders.notify_argv("win32", title, body, which=have()) is None


# --- the commands, with a fake notifier and a fake runner ------------------------------------


@pytest.fixture
def notes(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, str]]:
    sent: list[tuple[str, str]] = []

    def fake(title: str, body: str) -> bool:
        sent.append((title, body))
        return True

    monkeypatch.setattr(remind_cmd, "notify", fake)
    return sent


def _done_today(ending: str = "completed") -> None:
    start = datetime.now().astimezone() - timedelta(seconds=5)
    rec = SessionRecord(started_at=start, cause="posture", severity_before=2, minutes_planned=5)
    rec.ending = ending
    assert history.save_session(rec) is None


def test_remind_notifies_when_nothing_done_today(invoke, notes) -> None:  # type: ignore[no-untyped-def]
    _done_today("ended-by-user")
    result = invoke(["remind"])
    assert (result.exit_code, result.output) == (0, "")
    assert notes == [("Time to stretch", reminders.reminder_text(None))]
    assert "stretchcoach start" in notes[0][1]


def test_remind_is_silent_once_today_is_done(invoke, notes) -> None:  # type: ignore[no-untyped-def]
    _done_today()
    result = invoke(["remind"])
    assert (result.exit_code, result.output) == (0, "")
    assert notes == []


def test_remind_stays_silent_after_a_safety_stop_today(invoke, notes, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    _done_today("safety-stop")
    result = invoke(["remind"])
    assert (result.exit_code, result.output) == (0, "")
    assert notes == []
    monkeypatch.setattr(remind_cmd, "notify", lambda title, body: False)  # no printed nag either
    result = invoke(["remind"])
    assert (result.exit_code, result.output) == (0, "")


def _record(started_at: datetime, ending: str) -> SessionRecord:
    rec = SessionRecord(
        started_at=started_at, cause="posture", severity_before=2, minutes_planned=5
    )
    rec.ending = ending
    return rec


def test_quiet_today_only_for_today_and_only_done_or_safety_stop() -> None:
    now = datetime.now().astimezone()
    today = stats.local_day(now)
    yesterday = now - timedelta(days=1)
    assert reminders.quiet_today([_record(now, "safety-stop")], today)
    assert reminders.quiet_today([_record(now, "completed")], today)
    assert not reminders.quiet_today([_record(yesterday, "safety-stop")], today)
    assert not reminders.quiet_today([_record(now, "ended-by-user")], today)
    assert not reminders.quiet_today([_record(now, "interrupted")], today)
    assert not reminders.quiet_today([], today)


def test_quiet_after_a_screen_on_its_own_advised_no_exercise_today() -> None:
    """`stretchcoach screen` with a warning sign (exit 3) keeps today's reminder quiet, as a
    safety stop inside `start` does; a gentle-only screen does not."""
    now = datetime.now().astimezone()
    today = stats.local_day(now)
    assert reminders.quiet_today([], today, [(now, "urgent")])
    assert reminders.quiet_today([], today, [(now, "emergency")])
    assert not reminders.quiet_today([], today, [(now, "gentle")])
    assert not reminders.quiet_today([], today, [(now - timedelta(days=1), "emergency")])


def test_remind_names_the_profile_and_checks_it(invoke, notes, isolated_home: Path) -> None:  # type: ignore[no-untyped-def]
    isolated_home.mkdir(parents=True, exist_ok=True)
    (isolated_home / "config.yaml").write_text("profiles:\n  desk:\n    minutes: 5\n")
    assert invoke(["remind", "--profile", "desk"]).exit_code == 0
    assert "stretchcoach start --profile desk" in notes[0][1]
    result = invoke(["remind", "--profile", "gym"])
    assert result.exit_code == 2
    assert "no profile named 'gym'" in result.stderr
    assert len(notes) == 1


def test_remind_prints_when_there_is_no_notifier(invoke, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(remind_cmd, "notify", lambda title, body: False)
    result = invoke(["remind"])
    assert result.exit_code == 0
    assert result.stdout.strip() == reminders.reminder_text(None)


def test_remind_still_reminds_when_history_is_unreadable(invoke, notes, isolated_home) -> None:  # type: ignore[no-untyped-def]
    isolated_home.mkdir(parents=True)
    (isolated_home / "history.db").write_bytes(b"not a database at all" * 100)
    result = invoke(["remind"])
    assert result.exit_code == 0
    assert "cannot be read" in result.stderr
    assert len(notes) == 1


class FakeSystem:
    """Stands in for crontab, systemctl, launchctl and schtasks."""

    def __init__(self, crontab: str | None = None, task_exists: bool = False) -> None:
        self.crontab = crontab
        self.task_exists = task_exists
        self.calls: list[list[str]] = []

    def __call__(self, argv: Sequence[str], stdin: str | None) -> tuple[int, str]:
        argv = list(argv)
        self.calls.append(argv)
        if argv == ["crontab", "-l"]:
            return (1, "") if self.crontab is None else (0, self.crontab)
        if argv == ["crontab", "-"]:
            self.crontab = stdin
            return 0, ""
        if argv[:2] == ["schtasks", "/Query"]:
            return (0 if self.task_exists else 1), ""
        return 0, ""


@pytest.fixture
def system(monkeypatch: pytest.MonkeyPatch) -> FakeSystem:
    fake = FakeSystem()
    monkeypatch.setattr(remind_cmd, "_run", fake)
    monkeypatch.setattr(remind_cmd, "_which", lambda program: f"/usr/bin/{program}")
    monkeypatch.setattr(remind_cmd, "_platform", lambda: "linux")
    return fake


@pytest.mark.parametrize(
    ("target", "expected"),
    [
        ("cron", "5 8 * * 1,2,3,4,5 "),
        ("systemd", "OnCalendar=Mon,Tue,Wed,Thu,Fri *-*-* 08:05:00"),
        ("windows", "/SC WEEKLY /D MON,TUE,WED,THU,FRI /ST 08:05"),
    ],
)
def test_schedule_prints_without_installing(invoke, system, target, expected) -> None:  # type: ignore[no-untyped-def]
    result = invoke(["schedule", "--at", "8:05", "--days", "mon-fri", "--for", target])
    assert result.exit_code == 0
    assert expected in result.stdout
    assert "remind" in result.stdout
    assert system.calls == []  # printing runs nothing


def test_schedule_prints_a_launchd_agent_without_installing(invoke, system, tmp_path) -> None:  # type: ignore[no-untyped-def]
    result = invoke(["schedule", "--at", "8:05", "--days", "mon-fri", "--for", "launchd"])
    assert result.exit_code == 0, result.stderr
    agent = plistlib.loads(result.stdout.encode())
    assert agent["Label"] == "org.stretchcoach.remind"
    assert agent["ProgramArguments"][-1] == "remind"
    assert agent["StartCalendarInterval"] == [
        {"Weekday": day, "Hour": 8, "Minute": 5} for day in (1, 2, 3, 4, 5)
    ]
    assert "launchctl load" in result.stderr
    assert system.calls == []  # printing runs nothing


def test_every_target_has_one_scheduler_object() -> None:
    assert tuple(reminders.SCHEDULERS) == reminders.TARGETS
    places = reminders.Places(Path("s"), Path("l"), Path("d"))
    programs = {name: cls(places).program for name, cls in reminders.SCHEDULERS.items()}
    assert programs == {
        "cron": "crontab",
        "systemd": "systemctl",
        "launchd": "launchctl",
        "windows": "schtasks",
        "ics": None,
    }
    assert [n for n, cls in reminders.SCHEDULERS.items() if cls.writes_file] == ["ics"]


def test_a_scheduler_describes_where_its_entry_goes() -> None:
    places = reminders.Places(Path("/units"), Path("/agents"), Path("/data"))
    job = reminders.Job(WEEKDAYS, tuple(ARGV), "desk")
    launchd = reminders.LaunchdScheduler(places)
    assert launchd.location(job) == Path("/agents/org.stretchcoach.remind.desk.plist")
    assert str(launchd.location(job)) in launchd.hint(job)
    systemd = reminders.SystemdScheduler(places)
    assert systemd.entry(job).startswith("# /units/stretchcoach-remind-desk.service\n[Unit]")
    assert "enable --now stretchcoach-remind-desk.timer" in systemd.hint(job)
    assert reminders.CronScheduler(places).location(job) is None
    assert reminders.IcsScheduler(places).location(job) == Path(
        "/data/stretchcoach-reminder-desk.ics"
    )
    for cls in reminders.SCHEDULERS.values():
        assert "on weekdays (Monday to Friday) at 08:05" in cls(places).hint(job)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--at", "25:00"], "not a time of day"),
        (["--at", "08:00", "--days", "someday"], "not a set of days"),
        (["--at", "08:00", "--for", "atari"], "Invalid value for '--for'"),
        ([], "Missing option '--at'"),
        (["--at", "08:00", "--for", "cron", "--output", "x"], "--output only applies"),
        (["--at", "08:00", "--for", "ics", "--install"], "--install does not apply"),
    ],
)
def test_schedule_usage_errors(invoke, system, args, message) -> None:  # type: ignore[no-untyped-def]
    result = invoke(["schedule", *args])
    assert result.exit_code == 2
    assert message in result.stderr


def test_schedule_passes_stretchcoach_home_to_the_job(invoke, system, isolated_home) -> None:  # type: ignore[no-untyped-def]
    result = invoke(["schedule", "--at", "08:00", "--for", "cron"])
    assert f"/usr/bin/env STRETCHCOACH_HOME={isolated_home} " in result.stdout


@pytest.mark.skipif(__import__("sys").platform.startswith("win"), reason="POSIX env wrapper")
@pytest.mark.parametrize("target", ["cron", "systemd"])
def test_a_relative_stretchcoach_home_is_written_in_full(  # type: ignore[no-untyped-def]
    invoke, system, tmp_path, monkeypatch, target
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("STRETCHCOACH_HOME", "myhome")
    result = invoke(["schedule", "--at", "08:00", "--for", target])
    assert result.exit_code == 0, result.stderr
    assert f"/usr/bin/env STRETCHCOACH_HOME={tmp_path / 'myhome'} " in result.stdout
    assert "STRETCHCOACH_HOME=myhome" not in result.stdout


def test_cron_install_appends_once(invoke, system) -> None:  # type: ignore[no-untyped-def]
    system.crontab = "0 3 * * * backup.sh\n"
    result = invoke(["schedule", "--at", "07:30", "--for", "cron", "--install"])
    assert result.exit_code == 0, result.stderr
    lines = system.crontab.splitlines()
    assert lines[0] == "0 3 * * * backup.sh"
    assert lines[1].startswith("30 7 * * * ")
    assert lines[1].endswith("# stretchcoach remind")
    before = system.crontab
    again = invoke(["schedule", "--at", "09:00", "--for", "cron", "--install"])
    assert again.exit_code == 1
    assert "already has a stretchcoach reminder" in again.stderr
    assert system.crontab == before


def test_cron_install_with_no_crontab_yet(invoke, system) -> None:  # type: ignore[no-untyped-def]
    assert invoke(["schedule", "--at", "07:30", "--for", "cron", "--install"]).exit_code == 0
    assert system.crontab is not None
    assert system.crontab.count("\n") == 1


def test_systemd_install_writes_units_only_if_absent(invoke, system, tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "cfg"))
    folder = tmp_path / "cfg" / "systemd" / "user"
    result = invoke(["schedule", "--at", "08:00", "--for", "systemd", "--install"])
    assert result.exit_code == 0, result.stderr
    assert sorted(p.name for p in folder.iterdir()) == [
        "stretchcoach-remind.service",
        "stretchcoach-remind.timer",
    ]
    assert ["systemctl", "--user", "enable", "--now", "stretchcoach-remind.timer"] in system.calls
    timer = folder / "stretchcoach-remind.timer"
    timer.write_text("# the user's own edits\n")
    system.calls.clear()
    again = invoke(["schedule", "--at", "09:00", "--for", "systemd", "--install"])
    assert again.exit_code == 1
    assert "already exists; nothing was changed" in again.stderr
    assert timer.read_text() == "# the user's own edits\n"
    assert system.calls == []


def test_launchd_install(invoke, system, tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setattr(remind_cmd, "_platform", lambda: "darwin")
    result = invoke(["schedule", "--at", "08:00", "--for", "launchd", "--install"])
    assert result.exit_code == 0, result.stderr
    plist = tmp_path / "Library" / "LaunchAgents" / "org.stretchcoach.remind.plist"
    assert plistlib.loads(plist.read_bytes())["Label"] == "org.stretchcoach.remind"
    assert system.calls == [["launchctl", "load", str(plist)]]
    assert invoke(["schedule", "--at", "08:00", "--for", "launchd", "--install"]).exit_code == 1


def test_windows_install_refuses_an_existing_task(invoke, system, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(remind_cmd, "_platform", lambda: "win32")
    system.task_exists = True
    result = invoke(["schedule", "--at", "08:00", "--for", "windows", "--install"])
    assert result.exit_code == 1
    assert "already exists" in result.stderr
    assert all(call[:2] != ["schtasks", "/Create"] for call in system.calls)
    system.task_exists = False
    assert invoke(["schedule", "--at", "08:00", "--for", "windows", "--install"]).exit_code == 0
    assert system.calls[-1][:2] == ["schtasks", "/Create"]


@pytest.mark.parametrize(
    ("line", "owner"),
    [
        ("0 8 * * * /bin/sc remind # stretchcoach remind", (True, None)),
        ("0 8 * * * /bin/sc remind --profile desk # stretchcoach remind --profile desk",
         (True, "desk")),
        ("0 8 * * * /bin/sc remind # stretchcoach reminder", (True, None)),  # older mark
        ("0 8 * * * /bin/sc remind --profile desk # stretchcoach reminder", (True, "desk")),
        ("0 8 * * * /bin/sc remind", (False, None)),  # the user's own line: not ours
        ("0 8 * * * sc history --today || sc remind", (False, None)),
        ("# 0 8 * * * sc remind # stretchcoach remind", (False, None)),  # commented out
        ("0 8 * * * x # stretchcoach remind --profile desk extra", (False, None)),
    ],
)  # fmt: skip
def test_cron_owner_reads_the_mark(line: str, owner: tuple[bool, str | None]) -> None:
    assert reminders.cron_owner(line) == owner


# --- a fake crontab program on PATH: the real crontab is never reachable ----------------------


@pytest.fixture
def fake_crontab(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """PATH holds only a fake ``crontab`` that keeps the table in a file; returns that file."""
    import sys

    table = tmp_path / "crontab.txt"
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    script = bin_dir / "crontab"
    script.write_text(
        f"#!{sys.executable}\n"
        "import pathlib, sys\n"
        f"table = pathlib.Path({str(table)!r})\n"
        "if sys.argv[1:] == ['-l']:\n"
        "    if not table.exists():\n"
        "        sys.exit('no crontab for you')\n"
        "    sys.stdout.write(table.read_text())\n"
        "elif sys.argv[1:] == ['-']:\n"
        "    table.write_text(sys.stdin.read())\n"
        "else:\n"
        "    sys.exit(2)\n"
    )
    script.chmod(0o755)
    monkeypatch.setenv("PATH", str(bin_dir))
    monkeypatch.setattr(remind_cmd, "_platform", lambda: "linux")
    return table


@pytest.mark.skipif(__import__("sys").platform.startswith("win"), reason="POSIX fake program")
def test_cron_install_keeps_one_reminder_per_profile(invoke, fake_crontab, isolated_home) -> None:  # type: ignore[no-untyped-def]
    isolated_home.mkdir(parents=True, exist_ok=True)
    (isolated_home / "config.yaml").write_text("profiles:\n  desk:\n    minutes: 5\n")
    fake_crontab.write_text("# my jobs\n0 3 * * * backup.sh\n")
    cron = ["schedule", "--for", "cron", "--install"]
    assert invoke([*cron, "--at", "08:00"]).exit_code == 0
    second = invoke([*cron, "--at", "12:30", "--profile", "desk"])
    assert second.exit_code == 0, second.stderr
    lines = fake_crontab.read_text().splitlines()
    assert lines[:2] == ["# my jobs", "0 3 * * * backup.sh"]
    assert lines[2].startswith("0 8 * * * ")
    assert lines[2].endswith(" # stretchcoach remind")
    assert lines[3].startswith("30 12 * * * ")
    assert lines[3].endswith(" remind --profile desk # stretchcoach remind --profile desk")
    assert len(lines) == 4
    before = fake_crontab.read_text()
    again = invoke([*cron, "--at", "13:00", "--profile", "desk"])
    assert again.exit_code == 1
    assert "already has a stretchcoach reminder for the profile 'desk'" in again.stderr
    default_again = invoke([*cron, "--at", "09:00"])
    assert default_again.exit_code == 1
    assert "already has a stretchcoach reminder;" in default_again.stderr
    assert fake_crontab.read_text() == before


@pytest.mark.parametrize(
    ("platform", "target", "native"),
    [
        ("linux", "launchd", "systemd/cron"),
        ("linux", "windows", "systemd/cron"),
        ("darwin", "systemd", "launchd/cron"),
        ("win32", "cron", "windows"),
    ],
)
def test_install_for_another_systems_scheduler_is_refused_up_front(  # type: ignore[no-untyped-def]
    invoke, system, tmp_path, monkeypatch, platform, target, native
) -> None:
    monkeypatch.setenv("HOME", str(tmp_path / "user"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "user" / "cfg"))
    monkeypatch.setattr(remind_cmd, "_platform", lambda: platform)
    result = invoke(["schedule", "--at", "08:00", "--for", target, "--install"])
    assert result.exit_code == 2
    assert (
        f"--install only works for this system's own scheduler ({native} here); without "
        "--install the entry is printed for you to copy."
    ) in result.stderr
    assert system.calls == []
    assert not (tmp_path / "user").exists()  # nothing written anywhere


@pytest.mark.parametrize(
    ("target", "program"),
    [("cron", "crontab"), ("systemd", "systemctl")],
)
def test_install_names_a_missing_scheduler_program(  # type: ignore[no-untyped-def]
    invoke, system, tmp_path, monkeypatch, target, program
) -> None:
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "cfg"))
    monkeypatch.setattr(remind_cmd, "_which", lambda name: None)
    result = invoke(["schedule", "--at", "08:00", "--for", target, "--install"])
    assert result.exit_code == 1
    assert f"The '{program}' program was not found, so nothing was installed" in result.stderr
    assert system.calls == []
    assert not (tmp_path / "cfg").exists()


def test_install_names_missing_schtasks_on_windows(invoke, system, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(remind_cmd, "_platform", lambda: "win32")
    monkeypatch.setattr(remind_cmd, "_which", lambda name: None)
    result = invoke(["schedule", "--at", "08:00", "--for", "windows", "--install"])
    assert result.exit_code == 1
    assert "The 'schtasks' program was not found" in result.stderr
    assert system.calls == []


def _fake_notify_send(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, body: str) -> None:
    """Put only a fake ``notify-send`` (a Python script running ``body``) on PATH."""
    import sys

    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    script = bin_dir / "notify-send"
    script.write_text(f"#!{sys.executable}\nimport sys, time\n{body}\n")
    script.chmod(0o755)
    monkeypatch.setenv("PATH", str(bin_dir))


@pytest.mark.skipif(not __import__("sys").platform.startswith("linux"), reason="notify-send")
def test_a_hanging_notifier_is_stopped_and_the_reminder_printed(  # type: ignore[no-untyped-def]
    invoke, tmp_path, monkeypatch
) -> None:
    finished = tmp_path / "finished"
    pid_file = tmp_path / "pid"
    _fake_notify_send(
        tmp_path,
        monkeypatch,
        f"import os, pathlib\npathlib.Path({str(pid_file)!r}).write_text(str(os.getpid()))\n"
        f"time.sleep(60)\npathlib.Path({str(finished)!r}).write_text('done')",
    )
    monkeypatch.setattr(remind_cmd, "NOTIFY_TIMEOUT", 0.3)
    result = invoke(["remind"])
    assert result.exit_code == 0
    assert result.stdout.strip() == reminders.reminder_text(None)
    # remind gave up on the notifier and stopped it: it never ran to its end.
    assert not finished.exists()
    if pid_file.exists():  # it got as far as starting
        with pytest.raises(ProcessLookupError):
            os.kill(int(pid_file.read_text()), 0)


@pytest.mark.skipif(not __import__("sys").platform.startswith("linux"), reason="notify-send")
def test_a_failing_notifier_falls_back_to_printing(invoke, tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    _fake_notify_send(tmp_path, monkeypatch, "sys.exit(1)")
    result = invoke(["remind"])
    assert result.exit_code == 0
    assert result.stdout.strip() == reminders.reminder_text(None)


def test_the_notifier_timeout_is_short() -> None:
    assert 0 < remind_cmd.NOTIFY_TIMEOUT <= 30


@pytest.mark.parametrize(
    ("days", "words"),
    [
        ("daily", "every day at 08:00"),
        ("mon", "on Mondays at 08:00"),
        ("mon-fri", "on weekdays (Monday to Friday) at 08:00"),
        ("sat,sun", "on Saturdays and Sundays at 08:00"),
        ("mon,wed,fri", "on Mondays, Wednesdays and Fridays at 08:00"),
        ("tue-thu", "from Tuesday to Thursday at 08:00"),
        ("fri-mon", "on Mondays, Fridays, Saturdays and Sundays at 08:00"),
    ],
)
def test_the_days_are_said_in_words(days: str, words: str) -> None:
    assert reminders.when_text(reminders.parse_days(days), "08:00") == words
    job = reminders.Job(reminders.Schedule(8, 0, reminders.parse_days(days)), tuple(ARGV))
    places = reminders.Places(Path("s"), Path("l"), Path("d"))
    assert f"A calendar reminder {words}." in reminders.IcsScheduler(places).hint(job)
    assert f"Runs {words}." in reminders.CronScheduler(places).hint(job)


@pytest.mark.parametrize("empty", ["", "  "])
def test_an_empty_output_path_is_a_usage_error(
    invoke, empty: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.chdir(tmp_path)
    result = invoke(["schedule", "--at", "08:00", "--for", "ics", "-o", empty])
    assert result.exit_code == 2
    assert "--output" in result.stderr
    assert "empty" in result.stderr
    assert list(tmp_path.iterdir()) == []
