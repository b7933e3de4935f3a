"""``stretchcoach walk``: timed (on a fake clock), logged, the plan, bad input, signals."""

from __future__ import annotations

import json
import os
import signal
import sys
from collections.abc import Callable
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from click.testing import Result

from stretchcoach import history
from stretchcoach.clock import FakeClock
from stretchcoach.commands import walk as walk_cmd
from stretchcoach.commands._options import NOW_ENV

NOW = datetime(2026, 12, 1, 9, 30, tzinfo=timezone.utc)  # a Tuesday


@pytest.fixture(autouse=True)
def fixed_time(monkeypatch: pytest.MonkeyPatch) -> FakeClock:
    clock = FakeClock()
    monkeypatch.setenv(NOW_ENV, NOW.isoformat())
    monkeypatch.setattr(walk_cmd, "make_clock", lambda speed: clock)
    return clock


@pytest.fixture
def as_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    from stretchcoach import ui

    monkeypatch.setattr(ui, "stdin_is_tty", lambda: True)


def test_log_a_walk_and_see_it_in_the_history_json(invoke: Callable[..., Result]) -> None:
    result = invoke(["walk", "--minutes", "20", "--pain", "same"])
    assert result.exit_code == 0, result.output
    assert "Saved: a 20-minute walk." in result.stderr
    (saved,) = history.load_walks()
    assert (saved.minutes, saved.timed, saved.ending, saved.pain_change) == (
        20,
        False,
        "logged",
        "same",
    )
    shown = json.loads(invoke(["history", "--all", "--format", "json"]).stdout)
    assert shown == [
        {
            "kind": "walk",
            "started_at": "2026-12-01T09:30:00+00:00",
            "minutes": 20.0,
            "planned_minutes": None,
            "timed": False,
            "ending": "logged",
            "pain_change": "same",
        }
    ]


def test_a_logged_walk_asks_the_pain_check_on_a_terminal(
    invoke: Callable[..., Result], as_terminal: None
) -> None:
    result = invoke(["walk", "--minutes", "10"], input="m\n")
    assert result.exit_code == 0, result.output
    assert history.load_walks()[0].pain_change == "much-worse"
    assert "see a doctor or physiotherapist" in result.stderr


@pytest.mark.parametrize("value", ["0", "301", "-5", "abc", "2.5"])
def test_minutes_outside_1_to_300_is_one_line_exit_2_and_nothing_is_lost(
    invoke: Callable[..., Result], value: str
) -> None:
    assert invoke(["walk", "--minutes", "15"]).exit_code == 0
    db = history._default_path(None)
    before = db.read_bytes()
    result = invoke(["walk", "--minutes", value])
    assert result.exit_code == 2
    assert result.stderr.strip().count("\n") == 0
    assert "1 to 300" in result.stderr
    assert "Traceback" not in result.output
    assert db.read_bytes() == before
    assert len(history.load_walks()) == 1


def test_contradictory_options_are_usage_errors(invoke: Callable[..., Result]) -> None:
    for args in (
        ["walk", "--plan", "--minutes", "5"],
        ["walk", "--minutes", "5", "--target", "5"],
        ["walk", "--pain", "same"],
    ):
        result = invoke(args)
        assert result.exit_code == 2, args
        assert result.stderr.startswith("Error: ")
    assert history.load_walks() == []


def test_a_timed_walk_turns_back_at_half_time_then_asks_one_key(
    invoke: Callable[..., Result], as_terminal: None, fixed_time: FakeClock
) -> None:
    result = invoke(["walk", "--target", "12"], input="b\n")
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert out.index("Walk for 12 minutes, turning back at 6:00") < out.index("Half way")
    assert out.index("turn back now") < out.index("That's the time")
    assert "compared with before the walk?" in result.output
    assert fixed_time.now() == 12 * 60  # the whole walk ran on the fake clock
    (saved,) = history.load_walks()
    assert (saved.minutes, saved.planned_minutes, saved.timed, saved.ending) == (
        12,
        12,
        True,
        "completed",
    )
    assert saved.pain_change == "better"


def test_ctrl_c_ends_a_timed_walk_early_and_it_is_still_saved(
    invoke: Callable[..., Result], monkeypatch: pytest.MonkeyPatch
) -> None:
    clock = FakeClock(interrupts=[180])
    monkeypatch.setattr(walk_cmd, "make_clock", lambda speed: clock)
    result = invoke(["walk", "--target", "10"])
    assert result.exit_code == 0, result.output
    assert "Walk ended after 3:00" in result.stdout
    (saved,) = history.load_walks()
    assert (saved.minutes, saved.ending, saved.pain_change) == (3, "ended-early", None)


def test_a_walk_ended_at_once_is_not_saved(
    invoke: Callable[..., Result], monkeypatch: pytest.MonkeyPatch
) -> None:
    clock = FakeClock(interrupts=[5])
    monkeypatch.setattr(walk_cmd, "make_clock", lambda speed: clock)
    result = invoke(["walk"])
    assert result.exit_code == 0
    assert "nothing was saved" in result.stderr
    assert history.load_walks() == []


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")
def test_sigterm_mid_walk_saves_it_as_interrupted_and_exits_143(
    invoke: Callable[..., Result], monkeypatch: pytest.MonkeyPatch
) -> None:
    class KilledAt(FakeClock):
        def sleep_until(self, deadline: float) -> None:
            super().sleep_until(deadline)
            if self.t >= 240:
                os.kill(os.getpid(), signal.SIGTERM)

    monkeypatch.setattr(walk_cmd, "make_clock", lambda speed: KilledAt())
    result = invoke(["walk", "--target", "10"])
    assert result.exit_code == 128 + signal.SIGTERM
    (saved,) = history.load_walks()
    assert saved.ending == "interrupted"
    assert saved.minutes == 4
    assert signal.getsignal(signal.SIGTERM) is signal.SIG_DFL


def test_a_sped_up_walk_is_a_practice_and_is_not_saved(invoke: Callable[..., Result]) -> None:
    result = invoke(["walk", "--target", "1", "--speed", "60"])
    assert result.exit_code == 0
    assert "not saved" in result.stderr
    assert history.load_walks() == []


def test_the_plan_before_any_walk_and_during_the_baseline(invoke: Callable[..., Result]) -> None:
    empty = json.loads(invoke(["walk", "--plan", "--format", "json"]).stdout)
    assert empty["phase"] == "no-walks"
    assert empty["this_week"] is None
    text = invoke(["walk", "--plan"])
    assert "first week of walking sets the baseline" in text.stdout
    invoke(["walk", "--minutes", "12"])
    data = json.loads(invoke(["walk", "--plan", "--format", "json"]).stdout)
    assert data["phase"] == "baseline"
    assert data["plan_starts"] == "2026-12-07"
    assert data["done_this_week"] == {"walks": 1, "days": 1, "minutes": 12.0}


def test_the_plan_after_the_baseline_week(
    invoke: Callable[..., Result], monkeypatch: pytest.MonkeyPatch
) -> None:
    for back in (8, 7, 6):  # Mon 23, Tue 24, Wed 25 November: 10 minutes each
        day = NOW - timedelta(days=back)
        assert history.save_walk(walk_cmd_record(day, 10)) is None
    data = json.loads(invoke(["walk", "--plan", "--format", "json"]).stdout)
    assert data["phase"] == "plan"
    assert data["baseline"]["days_per_week"] == 3
    week = data["this_week"]
    assert set(week) == {
        "week_of",
        "days",
        "minutes_per_walk",
        "seconds_per_walk",
        "weekly_minutes",
        "step",
        "reason",
    }
    assert (week["week_of"], week["step"], week["days"]) == ("2026-11-30", "start", 3)
    assert week["weekly_minutes"] == 27.0
    text = invoke(["walk", "--plan"]).stdout
    assert "This week: 9 minutes a walk, on 3 days." in text


def walk_cmd_record(day: datetime, minutes: float):  # type: ignore[no-untyped-def]
    from stretchcoach.walking import WalkRecord

    return WalkRecord(day, minutes)


def test_a_damaged_history_is_exit_1_and_left_byte_for_byte(
    invoke: Callable[..., Result], isolated_home: Path
) -> None:
    db = history._default_path(None)
    db.parent.mkdir(parents=True, exist_ok=True)
    db.write_bytes(b"this is not a database" * 50)
    before = db.read_bytes()
    for args in (["walk", "--plan"], ["walk", "--minutes", "10"], ["week"], ["history"]):
        result = invoke(args)
        assert result.exit_code == 1, args
        assert str(db) in " ".join(result.stderr.split())
        assert "Traceback" not in result.output
    assert db.read_bytes() == before


def test_walks_show_in_the_history_table_and_the_report(
    invoke: Callable[..., Result], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv(NOW_ENV)  # the real "now", as the walk is looked for in recent days
    invoke(["walk", "--minutes", "25", "--pain", "worse"])
    table = invoke(["history"])
    assert table.exit_code == 0
    assert "Walks in the last 7 days: 1 (25 minutes)" in table.stdout
    assert "a little worse" in table.stdout
    report = invoke(["report", "--format", "json"])
    data = json.loads(report.stdout)
    assert data["walking"]["walks"] == 1
    assert data["walking"]["back_worse_after"] == 1
    assert data["walking"]["list"][0]["minutes"] == 25.0
    md = invoke(["report"]).stdout
    assert "## Walks" in md
    assert "1 walk on 1 day, 25 minutes in all" in md


def test_help_has_an_example(invoke: Callable[..., Result]) -> None:
    result = invoke(["walk", "--help"])
    assert result.exit_code == 0
    assert "stretchcoach walk --minutes 20" in result.stdout
