"""The calendar reminder: an RFC 5545 file read back by a small unfolding parser of our own."""

from __future__ import annotations

import os
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from stretchcoach import ics, reminders
from stretchcoach.commands._options import NOW_ENV

#: A Tuesday morning, in a zone east of UTC (DTSTAMP must come out in UTC).
NOW = datetime(2026, 12, 1, 7, 15, 30, tzinfo=timezone(timedelta(hours=2)))
NAME = "Rücken, Nacken; Hüfte \\ 背中のストレッチ — a long name that must be folded somewhere"

Property = tuple[str, dict[str, str], str]


def physical_lines(data: bytes) -> list[bytes]:
    """The file's lines: every one must end in CRLF, with no bare CR or LF anywhere."""
    assert data.endswith(b"\r\n")
    lines = data[:-2].split(b"\r\n")
    for line in lines:
        assert b"\n" not in line
        assert b"\r" not in line
    return lines


def parse(data: bytes) -> list[Property]:
    """Unfold (CRLF + space/tab) and split each content line into name, params, value."""
    for raw in physical_lines(data):
        assert len(raw) <= ics.LINE_OCTETS, raw
        raw.decode("utf-8")  # a fold never splits a character: each line decodes on its own
    text = data.decode("utf-8").replace("\r\n ", "").replace("\r\n\t", "")
    props: list[Property] = []
    for line in text.split("\r\n")[:-1]:
        head, _, value = line.partition(":")
        name, *params = head.split(";")
        props.append((name, dict(p.split("=", 1) for p in params), value))
    return props


def unescape(value: str) -> str:
    out, chars = [], iter(value)
    for char in chars:
        if char == "\\":
            nxt = next(chars)
            out.append("\n" if nxt in "nN" else nxt)
        else:
            assert char not in ",;", f"unescaped {char!r} in {value!r}"
            out.append(char)
    return "".join(out)


def component(props: list[Property], kind: str) -> dict[str, str]:
    """The properties directly inside the first BEGIN:kind … END:kind (not nested ones)."""
    begin = props.index(("BEGIN", {}, kind))
    found: dict[str, str] = {}
    depth = 0
    for name, _, value in props[begin + 1 :]:
        if name == "BEGIN":
            depth += 1
        elif name == "END" and depth == 0:
            assert value == kind
            return found
        elif name == "END":
            depth -= 1
        elif depth == 0:
            found[name] = value
    raise AssertionError(f"{kind} is not closed")


def calendar(**overrides: object) -> bytes:
    values: dict[str, object] = {
        "hour": 8,
        "minute": 5,
        "days": (0, 2, 4),
        "summary": "Time to stretch",
        "description": "Your stretch routine is waiting.",
        "uid": "stretchcoach-remind@stretchcoach",
        "now": NOW,
    }
    values.update(overrides)
    return ics.calendar(**values).encode("utf-8")  # type: ignore[arg-type]


def test_a_weekly_event_with_an_alarm_at_its_start() -> None:
    props = parse(calendar())
    assert props[0] == ("BEGIN", {}, "VCALENDAR")
    assert props[-1] == ("END", {}, "VCALENDAR")
    cal = component(props, "VCALENDAR")
    assert cal["VERSION"] == "2.0"
    assert cal["PRODID"]
    event = component(props, "VEVENT")
    assert event["RRULE"] == "FREQ=WEEKLY;BYDAY=MO,WE,FR"
    assert event["DTSTAMP"] == "20261201T051530Z"  # the injected now, in UTC
    # Floating local time: no TZID and no Z, so it rings at 08:05 wherever the phone is.
    # The first chosen day on or after Tuesday 1 December is Wednesday the 2nd.
    assert ("DTSTART", {}, "20261202T080500") in props
    assert event["DURATION"] == "PT10M"
    assert event["UID"] == "stretchcoach-remind@stretchcoach"
    assert event["SUMMARY"] == "Time to stretch"
    alarm = component(props, "VALARM")
    assert alarm == {"ACTION": "DISPLAY", "DESCRIPTION": "Time to stretch", "TRIGGER": "PT0S"}


def test_names_with_commas_semicolons_and_non_ascii_are_escaped_and_folded() -> None:
    description = f"Line one, with; everything\nline two {NAME}"
    data = calendar(summary=NAME, description=description)
    props = parse(data)  # every line ≤ 75 octets, CRLF, no split character
    event = component(props, "VEVENT")
    assert unescape(event["SUMMARY"]) == NAME
    assert unescape(event["DESCRIPTION"]) == description
    assert unescape(component(props, "VALARM")["DESCRIPTION"]) == NAME
    assert "\\;" in event["SUMMARY"]
    assert "\\," in event["SUMMARY"]
    assert "\\\\" in event["SUMMARY"]
    assert "\\n" in event["DESCRIPTION"]
    assert any(line.startswith(b" ") for line in physical_lines(data))  # it was folded


def test_the_uid_is_stable_and_dtstamp_follows_now() -> None:
    first = component(parse(calendar()), "VEVENT")
    later = component(parse(calendar(now=NOW + timedelta(days=3, hours=1))), "VEVENT")
    assert first["UID"] == later["UID"]
    assert first["DTSTAMP"] != later["DTSTAMP"]
    assert reminders.ics_uid(None) == reminders.ics_uid(None) != reminders.ics_uid("desk")


@pytest.mark.parametrize(
    ("now", "days", "first"),
    [
        (datetime(2026, 12, 1, 7, 0), (1,), datetime(2026, 12, 1, 8, 5)),  # later today
        (datetime(2026, 12, 1, 8, 5), (1,), datetime(2026, 12, 1, 8, 5)),  # this very minute
        (datetime(2026, 12, 1, 9, 0), (1,), datetime(2026, 12, 8, 8, 5)),  # passed: next week
        (datetime(2026, 12, 1, 9, 0), (5, 6), datetime(2026, 12, 5, 8, 5)),  # the weekend
        (datetime(2026, 12, 1, 9, 0), tuple(range(7)), datetime(2026, 12, 2, 8, 5)),
    ],
)
def test_the_series_starts_on_its_first_real_reminder(
    now: datetime, days: tuple[int, ...], first: datetime
) -> None:
    assert ics.first_start(8, 5, days, now) == first
    assert first.weekday() in days


def test_daily_is_every_weekday_in_the_rule() -> None:
    event = component(parse(calendar(days=tuple(range(7)))), "VEVENT")
    assert event["RRULE"] == "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR,SA,SU"


@given(st.text(min_size=0, max_size=400))
def test_folding_never_exceeds_75_octets_and_unfolds_to_the_same_line(text: str) -> None:
    line = "DESCRIPTION:" + ics.escape_text(text)
    parts = ics.fold(line)
    assert all(len(p.encode("utf-8")) <= ics.LINE_OCTETS for p in parts)
    assert all(p.startswith(" ") for p in parts[1:])
    assert parts[0] + "".join(p[1:] for p in parts[1:]) == line
    assert "\n" not in line
    assert "\r" not in line


# --- the command ------------------------------------------------------------------------------


#: The start of a reminder calendar this program wrote (what --output may replace).
OURS = f"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:{ics.PRODID}\r\n".encode()


@pytest.fixture
def fixed_now(monkeypatch: pytest.MonkeyPatch) -> datetime:
    monkeypatch.setenv(NOW_ENV, NOW.isoformat())
    return NOW


def test_output_dash_prints_the_calendar_byte_for_byte(invoke, fixed_now) -> None:  # type: ignore[no-untyped-def]
    result = invoke(
        ["schedule", "--at", "08:05", "--days", "mon,wed,fri", "--for", "ics", "-o", "-"]
    )
    assert result.exit_code == 0, result.stderr
    props = parse(result.stdout_bytes)
    event = component(props, "VEVENT")
    assert event["RRULE"] == "FREQ=WEEKLY;BYDAY=MO,WE,FR"
    assert event["DTSTAMP"] == "20261201T051530Z"
    assert "stretchcoach start" in unescape(event["DESCRIPTION"])
    assert "Google Calendar" in result.stderr  # how to import it, on stderr only


def test_the_default_file_goes_to_the_data_folder(invoke, fixed_now, isolated_home: Path) -> None:  # type: ignore[no-untyped-def]
    isolated_home.mkdir(parents=True, exist_ok=True)
    (isolated_home / "config.yaml").write_text("profiles:\n  desk:\n    minutes: 5\n")
    result = invoke(
        ["schedule", "--at", "12:30", "--days", "weekdays", "--for", "ics", "--profile", "desk"]
    )
    assert result.exit_code == 0, result.stderr
    assert result.stdout == ""
    path = isolated_home / "stretchcoach-reminder-desk.ics"
    assert f"Wrote {path}" in result.stderr
    assert "import it" in result.stderr
    event = component(parse(path.read_bytes()), "VEVENT")
    assert event["SUMMARY"] == "Time to stretch (desk)"
    assert event["RRULE"] == "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR"
    assert event["UID"] == reminders.ics_uid("desk")


def test_output_to_a_file_or_a_folder_replaces_it_whole(invoke, fixed_now, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    target = tmp_path / "mine.ics"
    target.write_bytes(OURS)  # an earlier reminder calendar
    result = invoke(["schedule", "--at", "07:00", "--for", "ics", "--output", str(target)])
    assert result.exit_code == 0, result.stderr
    assert b"DTSTART:20261202T070000\r\n" in target.read_bytes()  # 07:00 has passed today
    folder = tmp_path / "calendars"
    folder.mkdir()
    assert invoke(["schedule", "--at", "07:00", "--for", "ics", "-o", str(folder)]).exit_code == 0
    assert [p.name for p in folder.iterdir()] == ["stretchcoach-reminder.ics"]
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "calendars",
        "mine.ics",
    ]  # no temporary file left


def test_an_unwritable_path_is_one_line_and_exit_1(invoke, fixed_now, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    result = invoke(["schedule", "--at", "08:00", "--for", "ics", "-o", str(blocker / "x.ics")])
    assert result.exit_code == 1
    assert result.stderr.count("\n") == 1
    assert f"Could not write {blocker / 'x.ics'}" in result.stderr
    assert "nothing was changed" in result.stderr
    assert blocker.read_text() == "not a folder"


def test_a_failed_write_leaves_the_old_file_and_no_temporary_file(  # type: ignore[no-untyped-def]
    invoke, fixed_now, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "out" / "mine.ics"
    target.parent.mkdir()
    target.write_bytes(OURS)

    def full_disk(src: object, dst: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", full_disk)
    result = invoke(["schedule", "--at", "08:00", "--for", "ics", "-o", str(target)])
    assert result.exit_code == 1
    assert "No space left on device" in result.stderr
    assert target.read_bytes() == OURS
    assert list(target.parent.iterdir()) == [target]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--at", "8pm"], "not a time of day"),
        (["--at", "08:00", "--days", "someday"], "not a set of days"),
    ],
)
def test_bad_times_and_days_are_usage_errors(invoke, fixed_now, tmp_path, args, message) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "never.ics"
    result = invoke(["schedule", *args, "--for", "ics", "-o", str(out)])
    assert result.exit_code == 2
    assert message in result.stderr
    assert not out.exists()


def test_output_never_replaces_a_file_that_is_not_a_calendar(  # type: ignore[no-untyped-def]
    invoke, fixed_now, tmp_path: Path
) -> None:
    """A mistyped --output (a catalogue, a note, another calendar, a link to one) is left
    byte for byte; a reminder calendar written earlier is replaced."""
    precious = tmp_path / "exercises.yaml"
    precious.write_bytes(b"- id: mine\n")
    other = tmp_path / "family.ics"
    other.write_bytes(b"BEGIN:VCALENDAR\r\nPRODID:-//someone else//EN\r\n")
    link = tmp_path / "link.ics"
    link.symlink_to(precious)
    for target in (precious, other, link):
        before = target.read_bytes()
        refused = invoke(["schedule", "--at", "08:00", "--for", "ics", "-o", str(target)])
        assert refused.exit_code == 2, target
        assert "not a reminder calendar written by stretchcoach" in refused.stderr
        assert target.read_bytes() == before
    calendar = tmp_path / "reminder.cal"  # known by its content, whatever its name
    for at in ("08:00", "09:30"):
        result = invoke(["schedule", "--at", at, "--for", "ics", "-o", str(calendar)])
        assert result.exit_code == 0, result.stderr
    assert component(parse(calendar.read_bytes()), "VEVENT")["DTSTART"].endswith("T093000")
