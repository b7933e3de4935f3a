"""Practice runs: any --speed other than 1 is saved, shown as practice, and counted nowhere.

Every routine here runs on a clock patched to be near-instant whatever --speed says, so a
"real" speed-1 run (or a slow 0.5 one) takes no real time yet is recorded exactly as it
would be.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import datetime, timedelta

import pytest
from click.testing import Result

from stretchcoach import history, reminders, stats
from stretchcoach.routine import SessionRecord

Invoke = Callable[..., Result]
START = [
    "start", "--cause", "posture", "--severity", "2", "--minutes", "3", "--screened",
    "--condition", "none", "--yes", "--plain",
]  # fmt: skip


@pytest.fixture(autouse=True)
def instant_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    """The routine clock runs a million times faster, whatever --speed says."""
    from stretchcoach import clock

    class Instant(clock.RealClock):
        def __init__(self, speed: float = 1.0, **kw: object) -> None:
            super().__init__(1_000_000, **kw)  # type: ignore[arg-type]

    monkeypatch.setattr(clock, "RealClock", Instant)


@pytest.mark.parametrize("speed", ["1000", "0.5", "10"])
def test_any_speed_but_1_is_saved_as_a_practice_run(invoke: Invoke, speed: str) -> None:
    result = invoke([*START, "--speed", speed], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert "Practice run (sped up)" in result.stdout
    (record,) = history.load_sessions()
    assert record.practice is True
    assert record.ending == "completed"


def test_speed_1_is_a_real_session(invoke: Invoke) -> None:
    result = invoke([*START, "--speed", "1"])
    assert result.exit_code == 0, result.output
    assert "Practice run" not in result.stdout
    (record,) = history.load_sessions()
    assert record.practice is False
    assert invoke(["history", "--today"]).exit_code == 0


def test_a_practice_run_is_not_done_today_in_the_streak_or_in_the_report(invoke: Invoke) -> None:
    assert invoke([*START, "--speed", "1000"]).exit_code == 0
    (shown,) = json.loads(invoke(["history", "--format", "json"]).stdout)
    assert shown["practice"] is True
    assert invoke(["history", "--today"]).exit_code == 1  # still to do today
    table = invoke(["history"]).stdout
    assert "(practice)" in table
    assert "Current streak: 0 days" in table
    assert "Sessions in the last 7 days: 0" in table
    report = json.loads(invoke(["report", "--format", "json"]).stdout)
    assert report["practice_runs_left_out"] == 1
    assert report["adherence"]["sessions"] == 0
    assert report["adherence"]["days_with_completed_session"] == 0
    assert report["pain"] == []
    assert "Practice runs:" in invoke(["report"]).stdout


def test_a_practice_run_leaves_the_reminder_on(invoke: Invoke) -> None:
    now = datetime.now().astimezone()
    today = stats.local_day(now)

    def rec(ending: str, *, practice: bool) -> SessionRecord:
        return SessionRecord(
            started_at=now - timedelta(seconds=5),
            cause="posture",
            severity_before=2,
            minutes_planned=5,
            ending=ending,
            practice=practice,
        )

    assert not reminders.quiet_today([rec("completed", practice=True)], today)
    assert reminders.quiet_today([rec("completed", practice=False)], today)
    # A safety stop is a safety stop whatever the speed: no nagging to stretch after one.
    assert reminders.quiet_today([rec("safety-stop", practice=True)], today)


def test_practice_runs_never_progress_the_next_plan(invoke: Invoke) -> None:
    args = ["--cause", "posture", "--severity", "1", "--minutes", "20", "--seed", "7"]
    before = json.loads(invoke(["plan", *args, "--format", "json"]).stdout)
    for days_ago in (3, 2, 1):
        started = datetime.now().astimezone() - timedelta(days=days_ago)
        demo = SessionRecord(
            started_at=started,
            ended_at=started + timedelta(minutes=1),
            cause="posture",
            severity_before=2,
            severity_after=1,
            minutes_planned=10,
            ending="completed",
            practice=True,
        )
        assert history.save_session(demo) is None
    after = json.loads(invoke(["plan", *args, "--format", "json"]).stdout)
    assert after == before  # three "good" practice runs change nothing


def test_a_safety_stop_during_a_practice_start_still_holds_for_the_day(invoke: Invoke) -> None:
    stop = invoke(["start", "--cause", "posture", "--severity", "9", *START[5:], "--speed", "50"])
    assert stop.exit_code == 3
    (record,) = history.load_sessions()
    assert record.ending == "safety-stop"
    again = invoke([*START, "--speed", "50"])
    assert again.exit_code == 3  # held, whatever the speed
