"""The session history store: one SQLite file, its schema migrations, saving and loading.

Saving never raises for storage trouble (a damaged, locked or read-only file): it returns one
sentence naming the path, so the routine can carry on and say it will not be saved. A file we
cannot read is never deleted or overwritten. What is computed from the records (streaks,
summaries, the report) lives in ``stretchcoach.stats``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from stretchcoach.errors import StretchcoachError
from stretchcoach.goals import Goal, GoalReason
from stretchcoach.routine import ENDINGS, OUTCOMES, ExerciseOutcome, SessionRecord
from stretchcoach.walking import PAIN_CHANGES, WALK_ENDINGS, WalkRecord

if TYPE_CHECKING:
    import sqlite3

#: The saved outcome of a planned exercise the coach left out after a pain report (the
#: runner names it in ``SessionRecord.left_out``). Rows saved before it existed say
#: "not-reached" for those, as they always did.
LEFT_OUT = "left-out"
#: Every outcome a saved exercise may have: the session's own, and "left-out".
SAVED_OUTCOMES: tuple[str, ...] = (*OUTCOMES, LEFT_OUT)

#: How long a save or a read waits for another stretchcoach holding the file (milliseconds).
BUSY_TIMEOUT_MS = 5000

#: Numbered schema migrations: entry N brings the file from version N to N + 1.
MIGRATIONS: tuple[str, ...] = (
    # 1: sessions, what became of each exercise, and which exercises hurt.
    """
    CREATE TABLE sessions (
        id INTEGER PRIMARY KEY,
        started_at TEXT NOT NULL,
        started_ts REAL NOT NULL,
        ended_at TEXT,
        cause TEXT NOT NULL,
        severity_before INTEGER NOT NULL,
        severity_after INTEGER,
        minutes_planned REAL NOT NULL,
        seconds_done REAL NOT NULL DEFAULT 0,
        ending TEXT NOT NULL,
        checkins_asked INTEGER NOT NULL
    );
    CREATE INDEX sessions_started ON sessions (started_ts);
    CREATE TABLE outcomes (
        session_id INTEGER NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
        position INTEGER NOT NULL,
        exercise_id TEXT NOT NULL,
        outcome TEXT NOT NULL,
        seconds_done REAL NOT NULL DEFAULT 0,
        PRIMARY KEY (session_id, position)
    );
    CREATE TABLE pain_reports (
        session_id INTEGER NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
        position INTEGER NOT NULL,
        exercise_id TEXT NOT NULL,
        PRIMARY KEY (session_id, position)
    );
    """,
    # 2: when an all-clear safety screen opened the session (so it can wait a few days).
    """
    ALTER TABLE sessions ADD COLUMN screened_at TEXT;
    """,
    # 3: screens answered on their own ('stretchcoach screen'), outside any session.
    """
    CREATE TABLE screens (
        id INTEGER PRIMARY KEY,
        at TEXT NOT NULL,
        at_ts REAL NOT NULL,
        decision TEXT NOT NULL
    );
    """,
    # 4: practice runs (any --speed other than 1), kept apart from real sessions.
    """
    ALTER TABLE sessions ADD COLUMN practice INTEGER NOT NULL DEFAULT 0;
    """,
    # 5: the 24-hour answer about the session before (worse the next morning or for hours).
    """
    ALTER TABLE sessions ADD COLUMN worse_after_last INTEGER;
    """,
    # 6: walks, weekly goals (kept with the moment they were set), the reasons given for a
    # missed week, and the lessons read.
    """
    CREATE TABLE walks (
        id INTEGER PRIMARY KEY,
        started_at TEXT NOT NULL,
        started_ts REAL NOT NULL,
        minutes REAL NOT NULL,
        planned_minutes REAL,
        timed INTEGER NOT NULL,
        ending TEXT NOT NULL,
        pain_change TEXT
    );
    CREATE INDEX walks_started ON walks (started_ts);
    CREATE TABLE goals (
        id INTEGER PRIMARY KEY,
        set_at TEXT NOT NULL,
        set_ts REAL NOT NULL,
        sessions INTEGER NOT NULL,
        walks INTEGER NOT NULL
    );
    CREATE TABLE goal_reasons (
        id INTEGER PRIMARY KEY,
        week TEXT NOT NULL,
        reason TEXT NOT NULL,
        at TEXT NOT NULL,
        at_ts REAL NOT NULL
    );
    CREATE TABLE lessons_read (
        id INTEGER PRIMARY KEY,
        lesson_id TEXT NOT NULL,
        at TEXT NOT NULL,
        at_ts REAL NOT NULL
    );
    """,
)
SCHEMA_VERSION = len(MIGRATIONS)
_OUR_TABLES = {
    "sessions",
    "outcomes",
    "pain_reports",
    "screens",
    "walks",
    "goals",
    "goal_reasons",
    "lessons_read",
}
#: The schema version that added walks, goals, goal reasons and lessons read.
_WEEKLY_VERSION = 6


class HistoryError(StretchcoachError):
    """The history file exists but cannot be read (exit 1); the file is left as it is."""


def _default_path(path: Path | None) -> Path:
    if path is not None:
        return Path(path)
    from stretchcoach import paths

    return paths.history_path()


def _reason(exc: BaseException, path: Path | None = None) -> str:
    """A plain reason for a storage failure, for one sentence."""
    import os

    text = str(exc).lower()
    if path is not None and path.is_dir():
        return "it is a folder, not a file"
    if path is not None and path.exists() and not os.access(path, os.R_OK):
        return "you do not have permission to read it"
    if "not a database" in text or "malformed" in text or "corrupt" in text:
        return "it is damaged or is not a stretchcoach history file"
    journal = None if path is None else _journal(path)
    if journal is not None and journal.exists() and ("readonly" in text or "read-only" in text):
        return (
            f"a save cut short (stretchcoach was killed while writing) left {journal}, and "
            "only a program allowed to write to the history file and its folder can roll it "
            "back; run stretchcoach once as the file's owner (or make them writable)"
        )
    if "full" in text or (isinstance(exc, OSError) and exc.errno == 28):  # ENOSPC
        return "the disk is full"
    if "locked" in text or "busy" in text:
        return "another program is using it"
    if "readonly" in text or "read-only" in text or isinstance(exc, PermissionError):
        return "it or its folder is read-only"
    if "unable to open" in text:
        return "it cannot be opened (check that its folder exists and that you may write to it)"
    if "newer" in text or "other tables" in text:
        return str(exc)
    return f"an unexpected problem ({exc})"


class _Refuse(Exception):
    """The file is readable but not ours to change (newer schema, someone else's tables)."""


def _journal(path: Path) -> Path:
    """The rollback journal SQLite keeps beside the file while a save is under way."""
    return path.with_name(path.name + "-journal")


def _connect(path: Path, *, write: bool, create: bool = True) -> sqlite3.Connection:
    import sqlite3

    mode = ("rwc" if create else "rw") if write else "ro"
    uri = f"{path.resolve().as_uri()}?mode={mode}"
    conn = sqlite3.connect(uri, uri=True, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None)
    conn.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_MS)}")
    conn.execute("PRAGMA foreign_keys = ON")
    return conn


def _may_write(path: Path) -> bool:
    """Whether this process may write the file and create or delete files in its folder."""
    import os

    return os.access(path, os.R_OK | os.W_OK) and os.access(path.parent, os.W_OK | os.X_OK)


def _connect_to_read(path: Path) -> sqlite3.Connection:
    """Open an existing file for reading.

    A save cut short by ``kill -9`` leaves a "hot" journal that must be rolled back before
    anyone can read the file, and only a read-write connection can do that. So when we may
    write the file and its folder, readers open it read-write (they never write themselves;
    SQLite rolls the journal back on the first read). Otherwise they open it read-only, and a
    hot journal is reported as such by ``_reason``.
    """
    return _connect(path, write=_may_write(path), create=False)


def _migrate(conn: sqlite3.Connection) -> None:
    """Bring the schema up to date inside one write transaction (refuse unknown files)."""
    version = _read_version_check(conn)
    for number in range(version, SCHEMA_VERSION):
        for statement in MIGRATIONS[number].split(";"):
            if statement.strip():
                conn.execute(statement)
        conn.execute(f"PRAGMA user_version = {number + 1}")


def aware(moment: datetime) -> datetime:
    """The moment with a time zone (naive times are taken as this computer's local time)."""
    return moment if moment.tzinfo is not None else moment.astimezone()


_aware = aware


def _needed(now: datetime | None) -> datetime:
    """``now`` for a window of days: the caller must say when "today" is."""
    if now is None:
        raise TypeError("a window of days needs now= (the caller's current moment)")
    return now


def _iso(moment: datetime | None) -> str | None:
    return None if moment is None else _aware(moment).isoformat(timespec="seconds")


def _insert(conn: sqlite3.Connection, record: SessionRecord) -> None:
    started = _aware(record.started_at)
    cur = conn.execute(
        "INSERT INTO sessions (started_at, started_ts, ended_at, cause, severity_before,"
        " severity_after, minutes_planned, seconds_done, ending, checkins_asked, screened_at,"
        " practice, worse_after_last) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            _iso(started),
            started.timestamp(),
            _iso(record.ended_at),
            record.cause,
            int(record.severity_before),
            None if record.severity_after is None else int(record.severity_after),
            float(record.minutes_planned),
            float(record.seconds_done),
            record.ending if record.ending in ENDINGS else "interrupted",
            int(bool(record.checkins_asked)),
            _iso(record.screened_at),
            int(bool(record.practice)),
            None if record.worse_after_last is None else int(record.worse_after_last),
        ),
    )
    session_id = cur.lastrowid
    conn.executemany(
        "INSERT INTO outcomes (session_id, position, exercise_id, outcome, seconds_done)"
        " VALUES (?, ?, ?, ?, ?)",
        [
            (session_id, i, o.id, saved_outcome(o, record.left_out), float(o.seconds_done))
            for i, o in enumerate(record.exercises)
        ],
    )
    conn.executemany(
        "INSERT INTO pain_reports (session_id, position, exercise_id) VALUES (?, ?, ?)",
        [(session_id, i, ex_id) for i, ex_id in enumerate(record.pain_reports)],
    )


def saved_outcome(outcome: ExerciseOutcome, left_out: Sequence[str]) -> str:
    """What the history keeps for one exercise: its outcome, except that one the coach left
    out after a pain report (never reached, and named in ``left_out``) is "left-out", so it
    stays apart from what the session simply did not reach. Unknown outcomes: not-reached."""
    if outcome.outcome == "not-reached" and outcome.id in left_out:
        return LEFT_OUT
    return outcome.outcome if outcome.outcome in SAVED_OUTCOMES else "not-reached"


def _write(
    path: Path | None, change: Callable[[sqlite3.Connection], None], *, what: str
) -> str | None:
    """Apply ``change`` in one write transaction (migrating first); None when written, else
    one sentence naming the path. Never raises for storage problems and never replaces a
    file it cannot read."""
    import sqlite3

    target = _default_path(path)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        conn = _connect(target, write=True)
        try:
            conn.execute("BEGIN IMMEDIATE")
            try:
                _migrate(conn)
                change(conn)
            except BaseException:
                conn.execute("ROLLBACK")
                raise
            conn.execute("COMMIT")
        finally:
            conn.close()
    except (sqlite3.Error, OSError, _Refuse, ValueError, TypeError, OverflowError) as exc:
        return (
            f"{what} could not be saved to {target}: {_reason(exc, target)}; "
            "the file was left as it is."
        )
    return None


def save_session(record: SessionRecord, *, path: Path | None = None) -> str | None:
    """Save one session in a transaction; None when saved, else one sentence naming the path.

    Never raises for storage problems and never replaces a file it cannot read.
    """
    return _write(path, lambda conn: _insert(conn, record), what="This session")


def _add_row(path: Path | None, table: str, row: dict[str, Any], *, what: str) -> str | None:
    """Insert one row (column → value) in its own transaction, like ``save_session``: None
    when saved, else one sentence naming the path; never raises for storage problems."""
    columns = ", ".join(row)
    marks = ", ".join("?" for _ in row)
    sql = f"INSERT INTO {table} ({columns}) VALUES ({marks})"

    def insert(conn: sqlite3.Connection) -> None:
        conn.execute(sql, tuple(row.values()))

    return _write(path, insert, what=what)


def save_screen(at: datetime, decision: str, *, path: Path | None = None) -> str | None:
    """Record a screen's result (decision: clear, gentle, urgent or emergency), answered with
    ``screen`` or in ``start`` (kept whether or not a routine follows).

    Like ``save_session``: None when saved, else one sentence naming the path; never raises.
    """
    moment = _aware(at)
    row = {"at": _iso(moment), "at_ts": moment.timestamp(), "decision": decision}
    return _add_row(path, "screens", row, what="The result")


def load_screens(
    *, days: int, now: datetime, path: Path | None = None
) -> list[tuple[datetime, str]]:
    """Screen results recorded in the ``days`` days up to ``now``: (when, decision),
    newest first. ``now`` is the caller's (the command's one "now"): this module never
    reads the clock.

    A missing file or an older schema is an empty list; an unreadable file raises HistoryError.
    """
    import sqlite3

    target = _default_path(path)
    if not target.exists():
        return []
    since = (_aware(now) - timedelta(days=max(days, 1))).timestamp()
    try:
        conn = _connect_to_read(target)
        try:
            if conn.execute("PRAGMA user_version").fetchone()[0] < 3:
                return []
            rows = conn.execute(
                "SELECT at, decision FROM screens WHERE at_ts >= ? ORDER BY at_ts DESC, id DESC",
                (since,),
            ).fetchall()
        finally:
            conn.close()
    except (sqlite3.Error, OSError, ValueError) as exc:
        raise HistoryError(
            f"The history file {target} cannot be read: {_reason(exc, target)}; "
            "it was left as it is."
        ) from None
    return [(datetime.fromisoformat(at), decision) for at, decision in rows]


# --- walks, goals, goal reasons and lessons read ---------------------------------------------


def _read_rows(
    path: Path | None, sql: str, args: Sequence[Any] = (), *, since: int = _WEEKLY_VERSION
) -> list[tuple[Any, ...]]:
    """Rows of one query on the history; [] for a missing file or a schema older than
    ``since``; HistoryError (file left as it is) when the file cannot be read."""
    import sqlite3

    target = _default_path(path)
    if not target.exists():
        return []
    try:
        conn = _connect_to_read(target)
        try:
            version = _read_version_check(conn)
            if version < since:
                return []
            return [tuple(row) for row in conn.execute(sql, tuple(args)).fetchall()]
        finally:
            conn.close()
    except (sqlite3.Error, OSError, _Refuse, ValueError) as exc:
        raise HistoryError(
            f"The history file {target} cannot be read: {_reason(exc, target)}; "
            "it was left as it is."
        ) from None


def save_walk(walk: WalkRecord, *, path: Path | None = None) -> str | None:
    """Save one walk; None when saved, else one sentence naming the path (never raises)."""
    started = _aware(walk.started_at)
    row = {
        "started_at": _iso(started),
        "started_ts": started.timestamp(),
        "minutes": float(walk.minutes),
        "planned_minutes": None if walk.planned_minutes is None else float(walk.planned_minutes),
        "timed": int(bool(walk.timed)),
        "ending": walk.ending if walk.ending in WALK_ENDINGS else "interrupted",
        "pain_change": walk.pain_change if walk.pain_change in PAIN_CHANGES else None,
    }
    return _add_row(path, "walks", row, what="This walk")


def load_walks(
    *, days: int | None = None, path: Path | None = None, now: datetime | None = None
) -> list[WalkRecord]:
    """Saved walks, newest first; ``days`` keeps ``now``'s day and the days before it
    (calendar), and then needs ``now`` (the caller's: this module never reads the clock).

    A missing file or an older schema is an empty list; an unreadable file raises HistoryError.
    """
    where = ""
    args: tuple[Any, ...] = ()
    if days is not None:
        now = _aware(_needed(now))
        first = now.date() - timedelta(days=max(days, 1) - 1)
        since = datetime.combine(first, datetime.min.time(), tzinfo=now.tzinfo).timestamp()
        where, args = "WHERE started_ts >= ?", (since,)
    rows = _read_rows(
        path,
        "SELECT started_at, minutes, planned_minutes, timed, ending, pain_change FROM walks"
        f" {where} ORDER BY started_ts DESC, id DESC",
        args,
    )
    return [
        WalkRecord(
            started_at=datetime.fromisoformat(at),
            minutes=float(minutes),
            planned_minutes=None if planned is None else float(planned),
            timed=bool(timed),
            ending=ending,
            pain_change=pain,
        )
        for at, minutes, planned, timed, ending, pain in rows
    ]


def save_goal(goal: Goal, *, path: Path | None = None) -> str | None:
    """Record weekly goals, kept with the moment they were set (earlier goals stay, so a past
    week is judged against what held then). None when saved, else one sentence."""
    moment = _aware(goal.set_at)
    row = {
        "set_at": _iso(moment),
        "set_ts": moment.timestamp(),
        "sessions": int(goal.sessions),
        "walks": int(goal.walks),
    }
    return _add_row(path, "goals", row, what="The goal")


def load_goals(*, path: Path | None = None) -> list[Goal]:
    """Every goal ever set, oldest first ([] when none; HistoryError when unreadable)."""
    rows = _read_rows(
        path, "SELECT set_at, sessions, walks FROM goals ORDER BY set_ts, id", since=_WEEKLY_VERSION
    )
    return [Goal(datetime.fromisoformat(at), int(s), int(w)) for at, s, w in rows]


def record_goal_reason(
    week: date, reason: str, at: datetime, *, path: Path | None = None
) -> str | None:
    """Record what got in the way of the goals of the week starting ``week`` (its Monday).

    Record an answer even when the person skips the question (reason "skipped"), so the
    question is asked once a week. None when saved, else one sentence; never raises.
    """
    moment = _aware(at)
    row = {
        "week": week.isoformat(),
        "reason": str(reason),
        "at": _iso(moment),
        "at_ts": moment.timestamp(),
    }
    return _add_row(path, "goal_reasons", row, what="Your answer")


def load_goal_reasons(*, path: Path | None = None) -> list[GoalReason]:
    """Every reason given for a missed week, oldest first."""
    rows = _read_rows(path, "SELECT week, reason, at FROM goal_reasons ORDER BY at_ts, id")
    return [
        GoalReason(date.fromisoformat(week), reason, datetime.fromisoformat(at))
        for week, reason, at in rows
    ]


def record_lesson_read(lesson_id: str, at: datetime, *, path: Path | None = None) -> str | None:
    """Record that a lesson was read (every reading is kept).

    Like ``save_screen``: None when saved, else one sentence naming the path; never raises.
    """
    moment = _aware(at)
    row = {"lesson_id": str(lesson_id), "at": _iso(moment), "at_ts": moment.timestamp()}
    return _add_row(path, "lessons_read", row, what="That the lesson was read")


def load_lessons_read(*, path: Path | None = None) -> list[tuple[str, datetime]]:
    """Every reading of a lesson, oldest first: (lesson id, when). A lesson read twice is
    there twice. A missing file or an older schema is []; HistoryError when unreadable."""
    rows = _read_rows(path, "SELECT lesson_id, at FROM lessons_read ORDER BY at_ts, id")
    return [(lesson_id, datetime.fromisoformat(at)) for lesson_id, at in rows]


def check_storage(*, path: Path | None = None) -> str | None:
    """Whether a session could be saved, asked before the routine starts (changes nothing).

    None when it could; otherwise one sentence naming the path, saying this session will not
    be saved. A missing file is fine when its folder can be created or written.
    """
    import os
    import sqlite3

    target = _default_path(path)
    try:
        if not target.exists():
            folder = target.parent
            while not folder.exists() and folder != folder.parent:
                folder = folder.parent
            if folder.is_dir() and os.access(folder, os.W_OK | os.X_OK):
                return None
            raise PermissionError("read-only")
        conn = _connect_to_read(target)
        try:
            _read_version_check(conn)
        finally:
            conn.close()
        if not os.access(target, os.W_OK) or not os.access(target.parent, os.W_OK):
            raise PermissionError("read-only")
    except (sqlite3.Error, OSError, _Refuse) as exc:
        kept = ", and the file is left as it is" if target.exists() else ""
        return (
            f"The history file {target} cannot be used: {_reason(exc, target)}; this session "
            f"will not be saved{kept}."
        )
    return None


def _read_version_check(conn: sqlite3.Connection) -> int:
    """The schema version; raise _Refuse (or sqlite3.Error) unless we can add to this file."""
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    if version > SCHEMA_VERSION:
        raise _Refuse(
            f"it was written by a newer stretchcoach (schema {version}, this one knows "
            f"{SCHEMA_VERSION})"
        )
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    if version == 0 and tables - _OUR_TABLES:
        raise _Refuse("it holds other tables, so it is not a stretchcoach history file")
    return version


def _read(conn: sqlite3.Connection, *, since_ts: float | None) -> list[SessionRecord]:
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    if version == 0:
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        if not tables:
            return []  # an empty file: nothing saved yet
        raise _Refuse("it holds other tables, so it is not a stretchcoach history file")
    if version > SCHEMA_VERSION:
        raise _Refuse(
            f"it was written by a newer stretchcoach (schema {version}, this one knows "
            f"{SCHEMA_VERSION})"
        )
    screened = "screened_at" if version >= 2 else "NULL"
    practice = "practice" if version >= 4 else "0"  # older files hold no practice runs
    worse = "worse_after_last" if version >= 5 else "NULL"
    where, args = ("WHERE started_ts >= ?", (since_ts,)) if since_ts is not None else ("", ())
    rows = conn.execute(
        "SELECT id, started_at, ended_at, cause, severity_before, severity_after,"
        f" minutes_planned, seconds_done, ending, checkins_asked, {screened}, {practice},"
        f" {worse}"
        f" FROM sessions {where} ORDER BY started_ts DESC, id DESC",
        args,
    ).fetchall()
    outcomes: dict[int, list[ExerciseOutcome]] = {}
    pains: dict[int, list[str]] = {}
    for sid, ex_id, outcome, secs in conn.execute(
        "SELECT session_id, exercise_id, outcome, seconds_done FROM outcomes"
        " ORDER BY session_id, position"
    ):
        outcomes.setdefault(sid, []).append(ExerciseOutcome(ex_id, outcome, secs))
    for sid, ex_id in conn.execute(
        "SELECT session_id, exercise_id FROM pain_reports ORDER BY session_id, position"
    ):
        pains.setdefault(sid, []).append(ex_id)
    return [
        SessionRecord(
            started_at=datetime.fromisoformat(r[1]),
            ended_at=None if r[2] is None else datetime.fromisoformat(r[2]),
            cause=r[3],
            severity_before=r[4],
            severity_after=r[5],
            minutes_planned=r[6],
            seconds_done=r[7],
            ending=r[8],
            checkins_asked=bool(r[9]),
            screened_at=None if r[10] is None else datetime.fromisoformat(r[10]),
            practice=bool(r[11]),
            worse_after_last=None if r[12] is None else bool(r[12]),
            exercises=outcomes.get(r[0], []),
            pain_reports=pains.get(r[0], []),
            left_out=[o.id for o in outcomes.get(r[0], []) if o.outcome == LEFT_OUT],
        )
        for r in rows
    ]


def load_sessions(
    *, days: int | None = None, path: Path | None = None, now: datetime | None = None
) -> list[SessionRecord]:
    """Saved sessions, newest first; ``days`` keeps ``now``'s day and the days before it
    (calendar), and then needs ``now`` (the caller's: this module never reads the clock).

    A missing file is an empty history; an unreadable one raises HistoryError naming the path.
    """
    import sqlite3

    since_ts = None
    if days is not None:
        now = _aware(_needed(now))
        first = now.date() - timedelta(days=max(days, 1) - 1)
        since_ts = datetime.combine(first, datetime.min.time(), tzinfo=now.tzinfo).timestamp()
    target = _default_path(path)
    if not target.exists():
        return []
    try:
        conn = _connect_to_read(target)
        try:
            return _read(conn, since_ts=since_ts)
        finally:
            conn.close()
    except (sqlite3.Error, OSError, _Refuse, ValueError) as exc:
        raise HistoryError(
            f"The history file {target} cannot be read: {_reason(exc, target)}; "
            "it was left as it is."
        ) from None
