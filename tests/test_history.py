"""The history store: round-trips, concurrent saves, damaged and read-only files, and the pure
summaries (streaks, trends, screen timing) on made-up dates."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest

from stretchcoach import history, stats
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
    practice: bool = False,
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
        practice=practice,
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


def _files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def test_schema_version_and_migrations_from_version_1(tmp_path: Path) -> None:
    import sqlite3

    db = tmp_path / "h.db"
    conn = sqlite3.connect(db)
    conn.executescript(history.MIGRATIONS[0])
    conn.execute(
        "INSERT INTO sessions (started_at, started_ts, cause, severity_before, minutes_planned,"
        " ending, checkins_asked) VALUES ('2026-03-01T08:00:00+02:00', 1, 'posture', 3, 5,"
        " 'completed', 1)"
    )
    conn.execute("PRAGMA user_version = 1")
    conn.commit()
    conn.close()
    (old,) = history.load_sessions(path=db)  # a version-1 file reads without a screen column
    assert old.screened_at is None
    assert history.save_session(record(screened=True), path=db) is None
    conn = sqlite3.connect(db)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == history.SCHEMA_VERSION == 6
    conn.close()
    newest, oldest = history.load_sessions(path=db)
    assert newest.screened_at is not None
    assert oldest.cause == "posture"


def test_round_trip_keeps_practice_and_the_ended_outcome(tmp_path: Path) -> None:
    db = tmp_path / "history.db"
    demo = record(date(2026, 3, 3), ending="ended-by-user", practice=True)
    demo.exercises[1] = ExerciseOutcome("pelvic-tilt", "ended", 7.5)
    real = record(date(2026, 3, 2))
    for rec in (real, demo):
        assert history.save_session(rec, path=db) is None
    loaded_demo, loaded_real = history.load_sessions(path=db)
    assert loaded_demo == demo
    assert loaded_demo.practice is True
    assert loaded_demo.exercises[1] == ExerciseOutcome("pelvic-tilt", "ended", 7.5)
    assert loaded_real.practice is False


def test_a_schema_3_file_migrates_and_its_sessions_are_real(tmp_path: Path) -> None:
    import sqlite3

    db = tmp_path / "h.db"
    conn = sqlite3.connect(db)
    for script in history.MIGRATIONS[:3]:
        conn.executescript(script)
    conn.execute(
        "INSERT INTO sessions (started_at, started_ts, cause, severity_before, minutes_planned,"
        " ending, checkins_asked) VALUES ('2026-03-01T08:00:00+02:00', 1, 'posture', 3, 5,"
        " 'completed', 1)"
    )
    conn.execute("PRAGMA user_version = 3")
    conn.commit()
    conn.close()
    (old,) = history.load_sessions(path=db)  # read before migrating: no practice column yet
    assert old.practice is False
    assert history.save_session(record(practice=True), path=db) is None
    conn = sqlite3.connect(db)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == history.SCHEMA_VERSION
    columns = {row[1]: row for row in conn.execute("PRAGMA table_info(sessions)")}
    assert columns["practice"][2:5] == ("INTEGER", 1, "0")  # type, NOT NULL, DEFAULT 0
    assert columns["worse_after_last"][2:5] == ("INTEGER", 0, None)  # nullable: not asked
    conn.close()
    newest, oldest = history.load_sessions(path=db)
    assert newest.practice is True
    assert oldest.practice is False  # the older row took the default
    assert oldest.worse_after_last is None


def test_the_24_hour_answer_round_trips(tmp_path: Path) -> None:
    db = tmp_path / "h.db"
    for hour, answer in zip((8, 9, 10), (True, False, None), strict=True):
        session = record(hour=hour)
        session.worse_after_last = answer
        assert history.save_session(session, path=db) is None
    loaded = history.load_sessions(path=db)  # newest first
    assert [s.worse_after_last for s in loaded] == [None, False, True]
    assert [stats.session_to_dict(s)["worse_after_last"] for s in loaded] == [
        None,
        False,
        True,
    ]


def test_a_newer_schema_is_refused_and_left_alone(tmp_path: Path) -> None:
    import sqlite3

    db = tmp_path / "h.db"
    assert history.save_session(record(), path=db) is None
    conn = sqlite3.connect(db)
    conn.execute("PRAGMA user_version = 99")
    conn.commit()
    conn.close()
    before = _files(tmp_path)
    message = history.save_session(record(), path=db)
    assert message is not None
    assert "newer stretchcoach" in message
    assert str(db) in message
    with pytest.raises(history.HistoryError, match="newer stretchcoach"):
        history.load_sessions(path=db)
    assert _files(tmp_path) == before


def test_someone_elses_database_is_not_touched(tmp_path: Path) -> None:
    import sqlite3

    db = tmp_path / "h.db"
    conn = sqlite3.connect(db)
    conn.execute("CREATE TABLE recipes (name TEXT)")
    conn.commit()
    conn.close()
    before = _files(tmp_path)
    message = history.save_session(record(), path=db)
    assert message is not None
    assert "not a stretchcoach history" in message
    assert _files(tmp_path) == before


def test_random_bytes_file_is_reported_and_left_byte_for_byte(tmp_path: Path) -> None:
    import os

    db = tmp_path / "history.db"
    db.write_bytes(os.urandom(8192))
    before = _files(tmp_path)
    message = history.save_session(record(), path=db)
    assert message is not None
    assert str(db) in message
    assert "damaged" in message
    assert message.count(". ") == 0  # one sentence
    with pytest.raises(history.HistoryError) as caught:
        history.load_sessions(path=db)
    assert caught.value.exit_code == 1
    assert str(db) in caught.value.message
    assert _files(tmp_path) == before


def test_locked_file_gives_a_message_not_an_exception(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import sqlite3

    db = tmp_path / "h.db"
    assert history.save_session(record(), path=db) is None
    monkeypatch.setattr(history, "BUSY_TIMEOUT_MS", 50)
    holder = sqlite3.connect(db, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        message = history.save_session(record(), path=db)
        assert message is not None
        assert "another program is using it" in message
        with pytest.raises(history.HistoryError, match="another program"):
            history.load_sessions(path=db)
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert len(history.load_sessions(path=db)) == 1


SAVER = """
import sys
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from stretchcoach.history import save_session
from stretchcoach.routine import ExerciseOutcome, SessionRecord

db, tag, count = Path(sys.argv[1]), sys.argv[2], int(sys.argv[3])
failures = []
for i in range(count):
    start = datetime(2026, 3, 1, tzinfo=timezone.utc) + timedelta(minutes=i)
    rec = SessionRecord(started_at=start, cause=tag, severity_before=3, minutes_planned=5,
                        exercises=[ExerciseOutcome("cat-cow", "done")], ending="completed")
    msg = save_session(rec, path=db)
    if msg:
        failures.append(msg)
print(len(failures))
"""


def test_two_processes_saving_at_once_both_keep_every_session(tmp_path: Path) -> None:
    import subprocess
    import sys

    db = tmp_path / "h.db"
    script = tmp_path / "saver.py"
    script.write_text(SAVER)
    procs = [
        subprocess.Popen(
            [sys.executable, str(script), str(db), tag, "25"],
            stdout=subprocess.PIPE,
            text=True,
            cwd=Path(__file__).resolve().parent.parent,
        )
        for tag in ("posture", "obesity")
    ]
    outputs = [p.communicate(timeout=60)[0].strip() for p in procs]
    assert outputs == ["0", "0"]
    loaded = history.load_sessions(path=db)
    assert len(loaded) == 50
    assert {s.cause for s in loaded} == {"posture", "obesity"}
    assert all(len(s.exercises) == 1 for s in loaded)


# --- pure summaries on made-up dates ------------------------------------------------------------

D = date(2026, 3, 10)


def test_streak_counts_back_from_today() -> None:
    days = {D, D - timedelta(1), D - timedelta(2), D - timedelta(4)}
    assert stats.current_streak(days, D) == 3


def test_streak_still_counts_when_today_is_not_done_yet() -> None:
    days = {D - timedelta(1), D - timedelta(2)}
    assert stats.current_streak(days, D) == 2


def test_streak_is_broken_by_a_missed_yesterday() -> None:
    assert stats.current_streak({D - timedelta(2), D - timedelta(3)}, D) == 0
    assert stats.current_streak(set(), D) == 0


def test_longest_streak() -> None:
    days = [D - timedelta(n) for n in (0, 5, 6, 7, 8, 10)]
    assert stats.longest_streak(days) == 4
    assert stats.longest_streak([]) == 0


def test_only_completed_sessions_count_towards_the_streak() -> None:
    sessions = [
        record(D, ending="ended-by-user"),
        record(D - timedelta(1)),
        record(D - timedelta(2), ending="stopped-for-pain"),
    ]
    assert stats.completed_days(sessions) == {D - timedelta(1)}
    assert stats.done_today(sessions, D) is False
    assert stats.done_today(sessions, D - timedelta(1)) is True


def test_summary_averages_pairs_and_counts_the_last_seven_days() -> None:
    sessions = [
        record(D, before=6, after=4),
        record(D - timedelta(1), before=4, after=None),  # not asked: left out of the pair
        record(D - timedelta(3), before=5, after=3),
        record(D - timedelta(7), before=7, after=7),  # 8 days ago counting today
    ]
    summary = stats.summarise(sessions, today=D)
    assert summary.streak == 2
    assert summary.last_7_days == 3
    assert summary.avg_before == 6.0
    assert summary.avg_after == pytest.approx(4.7)
    assert stats.summarise([], today=D).avg_before is None


def test_practice_runs_count_in_no_streak_week_average_or_today() -> None:
    real = [record(D - timedelta(1), before=4, after=3), record(D - timedelta(2), before=4)]
    demos = [
        record(D, before=9, after=0, practice=True),
        record(D - timedelta(3), practice=True),
        record(D - timedelta(4), practice=True),
    ]
    sessions = [demos[0], *real, *demos[1:]]
    assert stats.completed_days(sessions) == {D - timedelta(1), D - timedelta(2)}
    assert stats.done_today(sessions, D) is False  # only a practice run today
    assert stats.done_today(real, D - timedelta(1)) is True
    assert stats.real(sessions) == real
    summary = stats.summarise(sessions, today=D)
    assert summary.streak == 2  # yesterday and the day before; the demos fill no gaps
    assert summary.longest_streak == 2
    assert summary.last_7_days == 2
    assert summary.avg_before == 4.0  # the practice run's 9 → 0 is not a trend
    assert summary.avg_after == 3.0
    assert summary.sessions == 5  # every session shown is listed ...
    assert summary.practice == 3  # ... and the practice runs are counted apart
    assert summary.to_dict()["practice_runs"] == 3


def test_a_practice_run_does_not_count_as_done_but_a_safety_stop_always_does() -> None:
    demo = record(D, practice=True)
    assert stats.ended_on([demo], D, ["completed"]) is False
    stop = record(D, ending="safety-stop", practice=True)
    assert stats.ended_on([stop], D, ["safety-stop"]) is True
    assert stats.ended_on([record(D)], D, ["completed"]) is True


def test_practice_runs_do_not_make_a_pain_trend() -> None:
    # A demo at pain 0 just before: a real rise from 3 to 5 is still noticed.
    sessions = [record(D, before=0, practice=True), record(D - timedelta(1), before=3)]
    assert stats.needs_rescreen(sessions, 5) is not None
    # Three practice runs "worse after" are no reason to repeat the screen.
    demos = [record(D - timedelta(n), before=2, after=5, practice=True) for n in range(3)]
    assert stats.needs_rescreen(demos, 2) is None


def test_a_screen_answered_before_a_practice_run_still_counts() -> None:
    demo = record(D, practice=True, screened=True)
    assert stats.last_screen([demo]) == demo.started_at


def test_session_json_shape() -> None:
    data = stats.session_to_dict(record(D))
    assert list(data) == [
        "kind",
        "started_at",
        "ended_at",
        "cause",
        "severity_before",
        "severity_after",
        "minutes_planned",
        "minutes_done",
        "ending",
        "checkins_asked",
        "practice",
        "worse_after_last",
        "exercises",
    ]
    assert data["practice"] is False
    assert stats.session_to_dict(record(D, practice=True))["practice"] is True
    assert data["started_at"] == "2026-03-10T08:00:00+02:00"
    assert data["minutes_done"] == 9.0
    assert data["exercises"][2] == {"id": "bridge", "outcome": "stopped-for-pain"}


# --- safety over time ---------------------------------------------------------------------------


def test_screen_due_after_the_chosen_number_of_days() -> None:
    screened = [record(D - timedelta(1)), record(D - timedelta(7), screened=True)]
    at = datetime(2026, 3, 10, 7, 59, tzinfo=TZ)  # 6 days 23:59 after the screen
    assert stats.screen_due(screened, at, 7) is False
    assert stats.screen_due(screened, at + timedelta(minutes=1), 7) is True
    assert stats.screen_due(screened, at, 0) is True  # "every time"
    assert stats.screen_due([record(D - timedelta(1))], at, 7) is True  # never screened
    assert stats.screen_due([], at, 7) is True


def test_rescreen_when_pain_is_two_points_higher_than_last_time() -> None:
    sessions = [record(D - timedelta(1), before=3, after=2)]
    assert stats.needs_rescreen(sessions, 4) is None
    message = stats.needs_rescreen(sessions, 5)
    assert message is not None
    assert "physiotherapist" in message
    assert stats.needs_rescreen([], 9) is None


def test_rescreen_after_three_sessions_worse_after_than_before() -> None:
    worse = [record(D - timedelta(n), before=3, after=4) for n in (1, 2, 3)]
    assert stats.needs_rescreen(worse, 3) is not None
    # Only two of the last three were worse: no suggestion.
    mixed = [*worse[:2], record(D - timedelta(3), before=3, after=3), worse[2]]
    assert stats.needs_rescreen(mixed, 3) is None
    # Sessions where the pain after was not asked do not break or make a run.
    gaps = [worse[0], record(D - timedelta(2), after=None), worse[1], worse[2]]
    assert stats.needs_rescreen(gaps, 3) is not None


def test_a_folder_in_the_way_is_reported(tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the folder should be\n")
    message = history.save_session(record(), path=blocker / "history.db")
    assert message is not None
    assert str(blocker / "history.db") in message
    assert blocker.read_text() == "a file where the folder should be\n"


def test_a_bad_record_gives_a_message_not_a_crash(tmp_path: Path) -> None:
    bad = record()
    bad.severity_before = "very"  # type: ignore[assignment]
    message = history.save_session(bad, path=tmp_path / "h.db")
    assert message is not None
    assert history.load_sessions(path=tmp_path / "h.db") == []  # nothing half-written


def test_check_storage_before_the_routine_changes_nothing(tmp_path: Path) -> None:
    import os

    fresh = tmp_path / "new" / "deeper" / "history.db"
    assert history.check_storage(path=fresh) is None
    assert not (tmp_path / "new").exists()  # asking created nothing
    good_db = tmp_path / "good.db"
    assert history.save_session(record(), path=good_db) is None
    assert history.check_storage(path=good_db) is None
    junk = tmp_path / "junk.db"
    junk.write_bytes(os.urandom(4096))
    before = junk.read_bytes()
    message = history.check_storage(path=junk)
    assert message is not None
    assert str(junk) in message
    assert "will not be saved" in message
    assert junk.read_bytes() == before


def test_a_sessions_day_is_its_day_in_this_computers_time_zone() -> None:
    # conftest pins this computer's zone to UTC.
    tokyo_morning = datetime(2026, 11, 26, 4, 56, tzinfo=timezone(timedelta(hours=9)))
    assert stats.local_day(tokyo_morning) == date(2026, 11, 25)  # 19:56 UTC on the 25th


def test_a_safety_stop_is_not_counted_as_a_session_of_the_week() -> None:
    done = record(D)
    stopped = record(D)
    stopped.ending = "safety-stop"
    assert stats.summarise([done, stopped], today=D).last_7_days == 1


# --------------------------------------------------------------------------- left out after pain


def left_out_record() -> SessionRecord:
    """The physiotherapist's session: a pain report on the second exercise leaves out the
    standing back bend, and a second report on the third stops it (9 planned)."""
    start = datetime(2026, 3, 2, 8, 0, tzinfo=TZ)
    ids = ["a", "b", "c", "standing-back-extension", "d", "e", "f", "g", "h"]
    outcomes = {"a": "done", "b": "done", "c": "stopped-for-pain"}
    return SessionRecord(
        started_at=start,
        ended_at=start + timedelta(minutes=4),
        cause="unknown",
        severity_before=3,
        severity_after=5,
        minutes_planned=10,
        seconds_done=200,
        exercises=[ExerciseOutcome(i, outcomes.get(i, "not-reached")) for i in ids],
        ending="stopped-for-pain",
        pain_reports=["b", "c"],
        left_out=["standing-back-extension"],
    )


def test_a_left_out_exercise_is_saved_as_left_out_not_as_not_reached(tmp_path: Path) -> None:
    db = tmp_path / "history.db"
    assert history.save_session(left_out_record(), path=db) is None
    (loaded,) = history.load_sessions(path=db)
    saved = {o.id: o.outcome for o in loaded.exercises}
    assert saved["standing-back-extension"] == "left-out"
    assert list(saved.values()).count("not-reached") == 5
    assert loaded.left_out == ["standing-back-extension"]
    row = stats.session_to_dict(loaded)
    assert {"id": "standing-back-extension", "outcome": "left-out"} in row["exercises"]


def test_the_csv_and_the_summary_count_the_same(tmp_path: Path) -> None:
    from stretchcoach.ui.history import csv_rows

    db = tmp_path / "history.db"
    live = left_out_record()
    assert history.save_session(live, path=db) is None
    (loaded,) = history.load_sessions(path=db)
    header, row = csv_rows([loaded])
    cells = dict(zip(header, row, strict=True))
    assert "standing-back-extension:left-out" in cells["exercises"].split()
    # The summary says "Left out after your pain report: 1, not reached: 5"; so does the file.
    assert cells["exercises_not_reached"] == "5"
    assert cells["exercises_left_out"] == "1"
    for counts in (stats.exercise_counts(live), stats.exercise_counts(loaded)):
        assert (counts.done, counts.left_out, counts.not_reached) == (2, 1, 5)
        assert (counts.planned, counts.total) == (9, 8)


def test_old_rows_keep_their_meaning(tmp_path: Path) -> None:
    """A session saved with no left-out list says not-reached, as it always did."""
    db = tmp_path / "history.db"
    old = left_out_record()
    old.left_out = []
    assert history.save_session(old, path=db) is None
    (loaded,) = history.load_sessions(path=db)
    assert [o.outcome for o in loaded.exercises].count("not-reached") == 6
    assert loaded.left_out == []
    assert stats.exercise_counts(loaded).total == 9


def test_the_summary_and_the_history_table_count_the_routine_as_it_went_on(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The live panel numbered the routine out of 8 (9 planned, 1 left out): the summary's
    ending line, its done line and the history table say 8 too."""
    import io

    from rich.console import Console

    import stretchcoach.ui.routine as routine_view
    from stretchcoach.ui.history import exercises_text

    record = left_out_record()
    assert routine_view.ending_text(record) == "Stopped because of pain: 2 of 8 done."
    assert exercises_text(record) == "2/8"
    stream = io.StringIO()
    monkeypatch.setattr(routine_view, "console", lambda plain=False: Console(file=stream))
    routine_view.summary(record, plain=True)
    text = stream.getvalue()
    assert "Done: 2 of 8 exercises" in text
    assert "not reached: 5" in text
    assert "Left out after your pain report: 1" in text


def test_a_routine_made_gentler_and_finished_says_so() -> None:
    from stretchcoach.ui.routine import ending_text

    record = left_out_record()
    record.exercises = [ExerciseOutcome(o.id, "done") for o in record.exercises]
    record.exercises[3] = ExerciseOutcome("standing-back-extension", "not-reached")
    record.ending = "completed"
    assert ending_text(record) == (
        "Routine complete, made gentler after your pain report. Well done."
    )
    record.left_out = []
    record.exercises[3] = ExerciseOutcome("standing-back-extension", "done")
    assert ending_text(record) == "Routine complete. Well done."


def test_a_safety_stop_at_pain_nine_is_not_called_a_warning_sign() -> None:
    from stretchcoach.ui.history import ending_words

    assert ending_words("safety-stop", 9) == "stopped for safety: pain 9/10"
    assert "warning sign" in ending_words("safety-stop", 3)
    assert "safety questions" not in ending_words("safety-stop", 3)
    assert ending_words("completed", 9) == "completed"
