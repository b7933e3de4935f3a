"""The history store: round-trips, concurrent saves, damaged and read-only files, and the pure
summaries (streaks, trends, screen timing) on made-up dates."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from pathlib import Path

from stretchcoach import history
from stretchcoach.routine import ExerciseOutcome, SessionRecord

TZ = timezone(timedelta(hours=2))


def record(
    day: date = date(2026, 3, 2),
    *,
    hour: int = 8,
    ending: str = "completed",
    before: int = 4,
    after: int | None = 3,
    cause: str = "posture",
    pains: tuple[str, ...] = (),
    screened: bool = False,
) -> SessionRecord:
    start = datetime(day.year, day.month, day.day, hour, 0, tzinfo=TZ)
    return SessionRecord(
        started_at=start,
        ended_at=start + timedelta(minutes=10),
        cause=cause,
        severity_before=before,
        severity_after=after,
        minutes_planned=10,
        seconds_done=540,
        exercises=[
            ExerciseOutcome("cat-cow", "done", 120.0),
            ExerciseOutcome("pelvic-tilt", "skipped"),
            ExerciseOutcome("bridge", "stopped-for-pain", 12.0),
            ExerciseOutcome("child-pose", "not-reached"),
        ],
        checkins_asked=after is not None,
        ending=ending,
        pain_reports=list(pains),
        screened_at=start if screened else None,
    )


def test_round_trip_keeps_every_field(tmp_path: Path) -> None:
    db = tmp_path / "history.db"
    original = record(pains=("bridge",), screened=True)
    assert history.save_session(original, path=db) is None
    (loaded,) = history.load_sessions(path=db)
    assert loaded == original
    assert loaded.started_at.utcoffset() == timedelta(hours=2)


def test_default_path_is_under_stretchcoach_home(isolated_home: Path) -> None:
    assert history.save_session(record()) is None
    assert (isolated_home / "history.db").is_file()
    assert len(history.load_sessions()) == 1


def test_missing_file_is_an_empty_history_and_is_not_created(tmp_path: Path) -> None:
    db = tmp_path / "nothing.db"
    assert history.load_sessions(path=db) == []
    assert not db.exists()


def test_newest_first_across_time_zones(tmp_path: Path) -> None:
    db = tmp_path / "h.db"
    early = record(date(2026, 3, 1))
    # 09:00 at +05:00 is 04:00 UTC on 2 March: later than 1 March at +02:00.
    late = record(date(2026, 3, 2), hour=9)
    late.started_at = late.started_at.replace(tzinfo=timezone(timedelta(hours=5)))
    for rec in (late, early):
        assert history.save_session(rec, path=db) is None
    loaded = history.load_sessions(path=db)
    assert [s.started_at for s in loaded] == [late.started_at, early.started_at]


def test_days_keeps_today_and_the_days_before(tmp_path: Path) -> None:
    db = tmp_path / "h.db"
    for offset in range(10):
        history.save_session(record(date(2026, 3, 10) - timedelta(days=offset)), path=db)
    now = datetime(2026, 3, 10, 20, 0, tzinfo=TZ)
    got = history.load_sessions(path=db, days=3, now=now)
    assert [s.started_at.day for s in got] == [10, 9, 8]
