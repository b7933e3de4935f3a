"""``stretchcoach history`` end to end: formats, --today, --days, and files it cannot use."""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import stat
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from stretchcoach import history
from stretchcoach.routine import ExerciseOutcome, SessionRecord

REPO = Path(__file__).resolve().parent.parent
NOW = datetime.now().astimezone().replace(microsecond=0)


def seed(
    days_ago: int,
    *,
    ending: str = "completed",
    before: int = 5,
    after: int | None = 3,
    path: Path | None = None,
    practice: bool = False,
) -> SessionRecord:
    start = NOW - timedelta(days=days_ago, seconds=1)
    rec = SessionRecord(
        started_at=start,
        ended_at=start + timedelta(seconds=1),
        cause="posture",
        severity_before=before,
        severity_after=after,
        minutes_planned=10,
        seconds_done=540,
        exercises=[ExerciseOutcome("cat-cow", "done"), ExerciseOutcome("bridge", "skipped")],
        checkins_asked=after is not None,
        ending=ending,
        practice=practice,
    )
    assert history.save_session(rec, path=path) is None
    return rec


def test_json_is_the_documented_list_newest_first(invoke) -> None:  # type: ignore[no-untyped-def]
    seed(2, before=6, after=None, ending="ended-by-user")
    seed(0)
    result = invoke(["history", "--format", "json"])
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert [d["ending"] for d in data] == ["completed", "ended-by-user"]
    newest, oldest = data
    assert set(newest) == {
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
    }
    assert newest["practice"] is False
    assert newest["kind"] == oldest["kind"] == "routine"
    assert datetime.fromisoformat(newest["started_at"]).utcoffset() is not None
    assert newest["started_at"][-6] in "+-"  # an explicit offset, e.g. +00:00
    assert oldest["severity_after"] is None
    assert oldest["checkins_asked"] is False
    assert newest["minutes_done"] == 9.0
    assert newest["exercises"] == [
        {"id": "cat-cow", "outcome": "done"},
        {"id": "bridge", "outcome": "skipped"},
    ]


def test_days_limits_what_is_shown(invoke) -> None:  # type: ignore[no-untyped-def]
    for days_ago in (0, 1, 5, 40):
        seed(days_ago)
    shown = lambda *a: len(json.loads(invoke(["history", "--format", "json", *a]).stdout))  # noqa: E731
    assert shown("--days", "1") == 1
    assert shown("--days", "2") == 2
    assert shown() == 3  # default: 30 days
    assert shown("--all") == 4
    assert invoke(["history", "--days", "0"]).exit_code == 2


def test_csv_has_a_header_and_one_row_per_session(invoke) -> None:  # type: ignore[no-untyped-def]
    seed(1, after=None)
    seed(0)
    result = invoke(["history", "--format", "csv"])
    assert result.exit_code == 0
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert len(rows) == 2
    assert rows[0]["severity_after"] == "3"
    assert rows[1]["severity_after"] == ""
    assert rows[0]["exercises"] == "cat-cow:done bridge:skipped"
    assert rows[0]["exercises_skipped"] == "1"
    assert rows[0]["exercises_ended"] == "0"
    assert rows[0]["practice"] == "false"


def test_practice_runs_are_marked_and_counted_in_nothing(invoke) -> None:  # type: ignore[no-untyped-def]
    seed(1)
    seed(0, before=9, after=0, practice=True)
    data = json.loads(invoke(["history", "--format", "json"]).stdout)
    assert [d["practice"] for d in data] == [True, False]
    rows = list(csv.DictReader(io.StringIO(invoke(["history", "--format", "csv"]).stdout)))
    assert [r["practice"] for r in rows] == ["true", "false"]
    out = invoke(["history"]).stdout
    words = " ".join(out.split())  # table cells may wrap
    assert "(practice)" in out
    assert "Current streak: 1 day in a row (longest 1)" in out
    assert "Sessions in the last 7 days: 1" in out
    assert "Average pain: 5 before, 3 after" in out  # the demo's 9 → 0 left out
    assert "Practice run shown (sped up, marked below): 1" in words
    chart = out[out.index("Pain before and after") :]
    assert " 9" not in chart  # nor is it charted as part of the trend
    # Only a practice run today: not done today.
    assert invoke(["history", "--today"]).exit_code == 1


def test_an_ended_exercise_is_shown_as_ended(invoke) -> None:  # type: ignore[no-untyped-def]
    rec = SessionRecord(
        started_at=NOW,
        cause="posture",
        severity_before=3,
        minutes_planned=10,
        exercises=[ExerciseOutcome("cat-cow", "done"), ExerciseOutcome("bridge", "ended", 4.0)],
        ending="ended-by-user",
    )
    assert history.save_session(rec) is None
    (data,) = json.loads(invoke(["history", "--format", "json"]).stdout)
    assert data["exercises"][1] == {"id": "bridge", "outcome": "ended"}
    (row,) = csv.DictReader(io.StringIO(invoke(["history", "--format", "csv"]).stdout))
    assert row["exercises"] == "cat-cow:done bridge:ended"
    assert row["exercises_ended"] == "1"
    assert "ended early" in invoke(["history"]).stdout


def test_table_has_summary_table_and_chart_without_escapes(invoke) -> None:  # type: ignore[no-untyped-def]
    seed(3)  # breaks the streak: day 2 is missing
    seed(1, before=6, after=2)
    seed(0, before=4, after=4)
    seed(0, ending="stopped-for-pain", before=5, after=None)
    result = invoke(["history"])
    assert result.exit_code == 0
    out = result.stdout
    assert "\x1b[" not in out
    assert "Current streak: 2 days in a row (longest 2)" in out
    assert "Sessions in the last 7 days: 4" in out
    assert "Average pain: 5 before, 3 after" in out  # (6+4+5)/3 vs (2+4+3)/3
    assert "stopped: pain" in out
    assert "Pain before and after each session" in out
    chart = out[out.index("Pain before and after") :].splitlines()
    # Oldest first: the session 3 days ago (5 → 3) leads the chart, bars 2 characters a point.
    assert chart[2].rstrip().endswith(" 5")
    assert chart[2].count("█") == 10
    assert chart[3].count("▒") == 6
    assert "(not asked)" in out


def test_empty_history_says_how_to_start(invoke) -> None:  # type: ignore[no-untyped-def]
    result = invoke(["history"])
    assert result.exit_code == 0
    assert result.stdout == ""
    assert "No sessions saved yet" in result.stderr
    assert json.loads(invoke(["history", "--format", "json"]).stdout) == []


def test_today_exit_codes_and_silence(invoke) -> None:  # type: ignore[no-untyped-def]
    result = invoke(["history", "--today"])
    assert (result.exit_code, result.output) == (1, "")
    seed(1)
    seed(0, ending="ended-by-user")
    assert invoke(["history", "--today"]).exit_code == 1  # not completed
    seed(0)
    result = invoke(["history", "--today"])
    assert (result.exit_code, result.output) == (0, "")


def test_corrupt_history_exits_1_and_is_left_byte_for_byte(invoke, isolated_home: Path) -> None:  # type: ignore[no-untyped-def]
    isolated_home.mkdir(parents=True)
    db = isolated_home / "history.db"
    junk = os.urandom(16384)
    db.write_bytes(junk)
    for args in (["history"], ["history", "--format", "json"], ["history", "--today"]):
        result = invoke(args)
        assert result.exit_code == 1, args
        assert result.stdout == ""
        assert str(db) in result.stderr
        assert "Traceback" not in result.stderr
        assert len(result.stderr.strip().splitlines()) == 1
    assert db.read_bytes() == junk
    assert sorted(p.name for p in isolated_home.iterdir()) == ["history.db"]


# --- folders and files another user cannot write or read -------------------------------------
# As root every permission is granted, so these run the real CLI as 'nobody' in that case.

SAVE = (
    "import sys; from datetime import datetime; from stretchcoach.history import save_session;"
    "from stretchcoach.routine import SessionRecord;"
    "print(save_session(SessionRecord(started_at=datetime.now().astimezone(), cause='posture',"
    " severity_before=3, minutes_planned=5, ending='completed')))"
)


@pytest.fixture
def shared_dir() -> Iterator[Path]:
    """A folder every user can reach (pytest's tmp folders are private to their owner)."""
    folder = Path(tempfile.mkdtemp(prefix="stretchcoach-test-"))
    folder.chmod(0o755)
    try:
        yield folder
    finally:
        for p in [folder, *folder.rglob("*")]:
            p.chmod(0o777 if p.is_dir() else 0o666)
        shutil.rmtree(folder)


def run_limited(args: list[str], home: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "STRETCHCOACH_HOME": str(home), "NO_COLOR": "1", "HOME": str(home)}
    prefix: list[str] = []
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        setpriv = shutil.which("setpriv")
        if setpriv is None:
            pytest.skip("running as root without setpriv: cannot test as another user")
        prefix = [setpriv, "--reuid=65534", "--regid=65534", "--clear-groups"]
    return subprocess.run(
        [*prefix, sys.executable, *args],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def test_read_only_folder_keeps_history_readable_and_says_it_cannot_save(
    shared_dir: Path,
) -> None:
    home = shared_dir / "home"
    home.mkdir()
    seed(0, path=home / "history.db")
    (home / "history.db").chmod(0o444)
    home.chmod(0o555)
    before = snapshot(home)
    saved = run_limited(["-c", SAVE], home)
    assert saved.returncode == 0, saved.stderr
    message = saved.stdout.strip()
    assert str(home / "history.db") in message
    assert "read-only" in message or "cannot be opened" in message
    shown = run_limited(["-m", "stretchcoach", "history", "--format", "json"], home)
    assert shown.returncode == 0, shown.stderr
    assert len(json.loads(shown.stdout)) == 1
    asked = run_limited(
        ["-c", "from stretchcoach.history import check_storage; print(check_storage())"], home
    )
    assert "read-only; this session will not be saved" in asked.stdout
    assert snapshot(home) == before
    assert stat.S_IMODE(home.stat().st_mode) == 0o555


def test_read_only_folder_without_a_history_yet(shared_dir: Path) -> None:
    home = shared_dir / "home"
    home.mkdir()
    home.chmod(0o555)
    saved = run_limited(["-c", SAVE], home)
    assert str(home / "history.db") in saved.stdout
    assert list(home.iterdir()) == []
    shown = run_limited(["-m", "stretchcoach", "history", "--today"], home)
    assert (shown.returncode, shown.stdout, shown.stderr) == (1, "", "")


def test_unreadable_history_exits_1_naming_the_path(shared_dir: Path) -> None:
    home = shared_dir / "home"
    home.mkdir()
    home.chmod(0o777)
    db = home / "history.db"
    seed(0, path=db)
    db.chmod(0o000)
    before = db.stat().st_size
    result = run_limited(["-m", "stretchcoach", "history"], home)
    assert result.returncode == 1
    assert result.stdout == ""
    assert f"{db} cannot be read: you do not have permission to read it" in result.stderr
    assert "Traceback" not in result.stderr
    saved = run_limited(["-c", SAVE], home)
    assert str(db) in saved.stdout
    db.chmod(0o644)
    assert db.stat().st_size == before
    assert len(history.load_sessions(path=db)) == 1


def test_chart_reads_without_colour_or_blocks() -> None:
    from stretchcoach.ui import history as view

    older = seed(1, before=7, after=4)
    newer = seed(0, before=2, after=None)
    lines = view.chart_lines([newer, older], ascii_only=True)
    assert lines[1] == "  # before   = after"
    assert lines[2].endswith("before " + "#" * 14 + " " * 6 + "  7")
    assert lines[3].endswith("after  " + "=" * 8 + " " * 12 + "  4")
    assert lines[4].endswith("before ####" + " " * 16 + "  2")
    assert lines[5].endswith("after  (not asked)")
    assert all(ord(ch) < 128 for line in lines[1:] for ch in line)
    assert view.chart_lines([]) == []


@pytest.mark.parametrize(
    "args",
    [
        ["history", "--days", "800000"],
        ["history", "--days", "3661", "--format", "json"],
        ["report", "--days", "800000"],
    ],
)
def test_a_days_window_past_the_calendar_is_a_usage_error(
    invoke,  # type: ignore[no-untyped-def]
    args: list[str],
) -> None:
    seed(0)
    result = invoke(args)
    assert result.exit_code == 2
    assert "--days" in result.stderr
    assert "3660" in result.stderr
    assert "unexpected" not in result.output
    assert result.stdout == ""


def test_the_longest_days_window_still_works(invoke) -> None:  # type: ignore[no-untyped-def]
    seed(0)
    result = invoke(["history", "--days", "3660", "--format", "json"])
    assert result.exit_code == 0, result.output
    assert len(json.loads(result.stdout)) == 1
