"""A person's health notes (pregnancy, osteoporosis, ...), kept per profile in the user folder.

The coach must respect these conditions, so they are stored carefully: a file we cannot read is
never modified, deleted or overwritten without being kept (``replace_damaged=True`` keeps it as
``health.json.damaged-YYYYmmddTHHMMSS`` first), writes are atomic (a temporary file in the same
folder, fsync, ``os.replace``) and the file is readable by its owner only (mode 0o600).

Nothing here reads the clock: callers pass ``now`` or ``today``. The name of a kept damaged
copy comes from the damaged file's own modification time (local time).

File format (``paths.health_path()``, UTF-8 JSON)::

    {
      "version": 1,
      "profiles": {
        "default": {
          "conditions": ["osteoporosis", "pregnant"],
          "answers": {"pregnant": true, "osteoporosis": true},
          "asked_at": "2026-12-01T09:30:00+00:00",
          "pregnancy_weeks": 20,
          "weeks_on": "2026-12-01",
          "remembered": {"cancer-checked": "2026-12-01"}
        }
      }
    }

Reading is strict and strips nothing: unknown or repeated keys, a wrong type, an unknown
version or anything else out of place makes the whole file "damaged" (HealthNotesError).

- ``version``: the integer 1.
- ``profiles``: profile name (lower-case letters and digits, in words joined by ``-`` or ``_``,
  as in config.yaml) -> notes. ``None`` as a profile means ``"default"``.
- ``conditions``: a list of distinct condition ids; ``answers``: question id -> true/false, in
  the order asked; ``remembered``: id -> ISO date. Every id is lower-case letters and digits in
  words joined by hyphens (``rf-legs``). Whether a condition id is known is the caller's check.
- ``asked_at``: ISO 8601 date and time with a UTC offset, when the questions were answered.
- ``pregnancy_weeks`` (0-45) and ``weeks_on`` (ISO date, the day the weeks were told): both
  present or both null/absent. ``pregnancy_weeks``, ``weeks_on`` and ``remembered`` may be
  left out; the other keys are required.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import stat
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

from stretchcoach.errors import StretchcoachError

#: Ask the health questions again when the answers are this many days old.
ASK_EVERY_DAYS = 28
#: A recorded pregnancy past this many weeks has probably ended: ask again.
MAX_PREGNANCY_WEEKS = 42
#: The most weeks pregnant the file (and HealthNotes) accepts as told.
MAX_WEEKS_TOLD = 45
#: The only file format version this module reads and writes.
FORMAT_VERSION = 1
#: The profile used when none is named.
DEFAULT_PROFILE = "default"

_FILE_NAME = "health.json"
_ID_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
# The same rule as profile names in config.yaml (stretchcoach.config).
_PROFILE_RE = re.compile(r"^[a-z0-9]+(?:[-_][a-z0-9]+)*$")
_REQUIRED_KEYS = ("conditions", "answers", "asked_at")
_OPTIONAL_KEYS = ("pregnancy_weeks", "weeks_on", "remembered")
_ASK_AGAIN = "Run 'stretchcoach health --ask' to answer the questions again and replace it."


class HealthNotesError(StretchcoachError):
    """The health notes file cannot be read or written (exit 1); it is left as it is.

    ``damaged`` is True when the file is there but is not a health notes file we can read
    (``replace_damaged=True`` may then keep it aside and write a fresh one); False for other
    trouble, such as permissions or a full disk.
    """

    def __init__(self, message: str, *, path: Path | None = None, damaged: bool = False) -> None:
        super().__init__(message)
        self.path = path
        self.damaged = damaged


@dataclass(frozen=True)
class HealthNotes:
    """What a person told us about their health, and when.

    Checked on construction (ValueError or TypeError) with the same rules the file is read
    with, so what can be saved can always be loaded. ``answers`` and ``remembered`` are copied
    into plain dicts: treat them as read-only. A naive ``asked_at`` is taken as local time.
    """

    conditions: frozenset[str]
    answers: Mapping[str, bool]
    asked_at: datetime
    pregnancy_weeks: int | None = None
    weeks_on: date | None = None
    remembered: Mapping[str, date] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if isinstance(self.conditions, str) or not isinstance(self.conditions, Iterable):
            raise TypeError("conditions must be a set of condition ids, not a single string")
        conditions = frozenset(self.conditions)
        for condition in sorted(conditions, key=repr):
            _check_id(condition, "condition id")
        if not isinstance(self.answers, Mapping):
            raise TypeError("answers must be a mapping of question ids to true or false")
        answers = dict(self.answers)
        for key, answer in answers.items():
            _check_id(key, "question id")
            if not isinstance(answer, bool):
                raise TypeError(f"the answer to '{key}' must be true or false, not {answer!r}")
        if not isinstance(self.asked_at, datetime):
            raise TypeError("asked_at must be a date and time")
        asked_at = _aware(self.asked_at)
        weeks, weeks_on = self.pregnancy_weeks, self.weeks_on
        if weeks is not None:
            if isinstance(weeks, bool) or not isinstance(weeks, int):
                raise TypeError(f"pregnancy_weeks must be a whole number, not {weeks!r}")
            if not 0 <= weeks <= MAX_WEEKS_TOLD:
                raise ValueError(f"pregnancy_weeks {weeks} is not between 0 and {MAX_WEEKS_TOLD}")
        if weeks_on is not None and not _is_plain_date(weeks_on):
            raise TypeError(f"weeks_on must be a date, not {weeks_on!r}")
        if (weeks is None) != (weeks_on is None):
            raise ValueError("pregnancy_weeks and weeks_on must be given together")
        if not isinstance(self.remembered, Mapping):
            raise TypeError("remembered must be a mapping of ids to dates")
        remembered = dict(self.remembered)
        for key, day in remembered.items():
            _check_id(key, "remembered id")
            if not _is_plain_date(day):
                raise TypeError(f"remembered '{key}' must be a date, not {day!r}")
        object.__setattr__(self, "conditions", conditions)
        object.__setattr__(self, "answers", answers)
        object.__setattr__(self, "asked_at", asked_at)
        object.__setattr__(self, "remembered", remembered)


def _check_id(value: object, what: str) -> None:
    if not isinstance(value, str):
        raise TypeError(f"a {what} must be text, not {value!r}")
    if not _ID_RE.match(value):
        raise ValueError(
            f"{what} {value!r} is not lower-case letters and digits in words joined by hyphens"
        )


def _is_plain_date(value: object) -> bool:
    return isinstance(value, date) and not isinstance(value, datetime)


def _aware(moment: datetime) -> datetime:
    return moment if moment.tzinfo is not None else moment.astimezone()


def _local_day(moment: datetime) -> date:
    return _aware(moment).astimezone().date()


# --- pure rules ---------------------------------------------------------------------------------


def weeks_pregnant(notes: HealthNotes, today: date) -> int | None:
    """Weeks pregnant on ``today``: the weeks told, plus whole weeks since ``weeks_on``.

    None when no pregnancy is recorded. Never less than the weeks told (a clock set back).
    """
    if notes.pregnancy_weeks is None or notes.weeks_on is None:
        return None
    if isinstance(today, datetime):
        today = _local_day(today)
    elapsed = max((today - notes.weeks_on).days, 0)
    return notes.pregnancy_weeks + elapsed // 7


def _pregnancy_ends_on(notes: HealthNotes) -> date | None:
    """The first day a recorded pregnancy is past MAX_PREGNANCY_WEEKS, or None."""
    if notes.pregnancy_weeks is None or notes.weeks_on is None:
        return None
    weeks_to_go = max(MAX_PREGNANCY_WEEKS + 1 - notes.pregnancy_weeks, 0)
    return notes.weeks_on + timedelta(weeks=weeks_to_go)


def due(notes: HealthNotes | None, now: datetime) -> bool:
    """Whether to ask the health questions (again).

    True with no notes, when they are ASK_EVERY_DAYS days old or more, or when a recorded
    pregnancy would now be past MAX_PREGNANCY_WEEKS weeks (it has probably ended).
    """
    if notes is None:
        return True
    if _aware(now) - notes.asked_at >= timedelta(days=ASK_EVERY_DAYS):
        return True
    weeks = weeks_pregnant(notes, _local_day(now))
    return weeks is not None and weeks > MAX_PREGNANCY_WEEKS


def next_due(notes: HealthNotes) -> date:
    """The day the questions are due again: ASK_EVERY_DAYS after they were answered, or the
    first day a recorded pregnancy would be past MAX_PREGNANCY_WEEKS weeks, if sooner."""
    by_age = _local_day(notes.asked_at + timedelta(days=ASK_EVERY_DAYS))
    ends = _pregnancy_ends_on(notes)
    return by_age if ends is None else min(by_age, ends)


def to_dict(notes: HealthNotes, today: date) -> dict[str, Any]:
    """The documented JSON shape for ``--format json``."""
    return {
        "conditions": sorted(notes.conditions),
        "pregnancy_weeks": weeks_pregnant(notes, today),
        "asked_at": notes.asked_at.isoformat(timespec="seconds"),
        "next_due": next_due(notes).isoformat(),
        "answers": dict(notes.answers),
        "remembered": {key: day.isoformat() for key, day in notes.remembered.items()},
    }


# --- reading ------------------------------------------------------------------------------------


class _Damaged(Exception):
    """The file is there but is not a health notes file we can read (the reason)."""


class _Unreadable(Exception):
    """The file could not be read at all (permissions, I/O): the reason."""


def _default_path(path: Path | None) -> Path:
    if path is not None:
        return Path(path)
    from stretchcoach import paths

    return paths.health_path()


def _profile_name(profile: str | None) -> str:
    name = DEFAULT_PROFILE if profile is None else profile
    if not isinstance(name, str) or not _PROFILE_RE.match(name):
        raise ValueError(f"{name!r} is not a profile name")
    return name


def _strerror(exc: OSError) -> str:
    return exc.strerror or str(exc) or type(exc).__name__


def _damaged_error(path: Path, reason: str) -> HealthNotesError:
    return HealthNotesError(
        f"The health notes file {path} is damaged ({reason}); it has been left as it is. "
        + _ASK_AGAIN,
        path=path,
        damaged=True,
    )


def _unreadable_error(path: Path, reason: str) -> HealthNotesError:
    return HealthNotesError(
        f"The health notes file {path} cannot be read ({reason}); it has been left as it is.",
        path=path,
    )


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in pairs:
        if key in out:
            raise _Damaged(f"the key '{key}' appears twice")
        out[key] = value
    return out


def _no_constant(name: str) -> Any:
    raise _Damaged(f"it holds {name}, which is not a number JSON allows")


def _read_profiles(path: Path) -> dict[str, HealthNotes] | None:
    """Every profile's notes, or None when there is no file. Raises _Damaged or _Unreadable."""
    try:
        info = os.stat(path)
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise _Unreadable(_strerror(exc)) from None
    if stat.S_ISDIR(info.st_mode):
        raise _Damaged("it is a folder, not a file")
    if not stat.S_ISREG(info.st_mode):
        raise _Damaged("it is not a regular file")
    try:
        raw = path.read_bytes()
    except IsADirectoryError:
        raise _Damaged("it is a folder, not a file") from None
    except OSError as exc:
        raise _Unreadable(_strerror(exc)) from None
    return _parse(raw)


def _parse(raw: bytes) -> dict[str, HealthNotes]:
    if not raw.strip():
        raise _Damaged("it is empty")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise _Damaged(f"it is not UTF-8 text: unreadable bytes at byte {exc.start}") from None
    try:
        data = json.loads(text, object_pairs_hook=_no_duplicates, parse_constant=_no_constant)
    except json.JSONDecodeError as exc:
        raise _Damaged(f"not valid JSON at line {exc.lineno}, column {exc.colno}") from None
    except RecursionError:
        raise _Damaged("it is nested too deeply to be a health notes file") from None
    if not isinstance(data, dict):
        raise _Damaged(f"it holds {_kind(data)}, not an object with 'version' and 'profiles'")
    if "version" not in data:
        raise _Damaged("it has no 'version'")
    version = data["version"]
    if isinstance(version, bool) or not isinstance(version, int):
        raise _Damaged(f"its version is {_kind(version)}, not a whole number")
    if version > FORMAT_VERSION:
        raise _Damaged(
            f"it was written by a newer stretchcoach: version {version}, this one reads "
            f"version {FORMAT_VERSION}"
        )
    if version != FORMAT_VERSION:
        raise _Damaged(f"unknown version {version}")
    extra = sorted(set(data) - {"version", "profiles"})
    if extra:
        raise _Damaged(f"unknown key '{extra[0]}' at the top")
    if "profiles" not in data:
        raise _Damaged("it has no 'profiles'")
    profiles = data["profiles"]
    if not isinstance(profiles, dict):
        raise _Damaged(f"'profiles' is {_kind(profiles)}, not an object")
    out: dict[str, HealthNotes] = {}
    for name, body in profiles.items():
        if not _PROFILE_RE.match(name):
            raise _Damaged(f"{name!r} is not a profile name")
        try:
            out[name] = _notes_from(body)
        except (ValueError, TypeError) as exc:
            raise _Damaged(f"profile '{name}': {exc}") from None
        except _Damaged as exc:
            raise _Damaged(f"profile '{name}': {exc}") from None
    return out


def _kind(value: object) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, (int, float)):
        return f"the number {value}"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "a list"
    return "an object"


def _notes_from(body: Any) -> HealthNotes:
    if not isinstance(body, dict):
        raise _Damaged(f"it is {_kind(body)}, not an object")
    extra = sorted(set(body) - {*_REQUIRED_KEYS, *_OPTIONAL_KEYS})
    if extra:
        raise _Damaged(f"unknown key '{extra[0]}'")
    missing = [key for key in _REQUIRED_KEYS if key not in body]
    if missing:
        raise _Damaged(f"'{missing[0]}' is missing")
    conditions = body["conditions"]
    if not isinstance(conditions, list):
        raise _Damaged(f"'conditions' is {_kind(conditions)}, not a list")
    for condition in conditions:
        if not isinstance(condition, str):
            raise _Damaged(f"a condition is {_kind(condition)}, not text")
    if len(set(conditions)) != len(conditions):
        raise _Damaged("a condition is listed twice")
    answers = body["answers"]
    if not isinstance(answers, dict):
        raise _Damaged(f"'answers' is {_kind(answers)}, not an object")
    for key, answer in answers.items():
        if not isinstance(answer, bool):
            raise _Damaged(f"the answer to '{key}' is {_kind(answer)}, not true or false")
    asked_at = _parse_datetime(body["asked_at"], "'asked_at'")
    weeks = body.get("pregnancy_weeks")
    if weeks is not None and (isinstance(weeks, bool) or not isinstance(weeks, int)):
        raise _Damaged(f"'pregnancy_weeks' is {_kind(weeks)}, not a whole number")
    weeks_on = _parse_date(body.get("weeks_on"), "'weeks_on'")
    remembered_raw = body.get("remembered", {})
    if not isinstance(remembered_raw, dict):
        raise _Damaged(f"'remembered' is {_kind(remembered_raw)}, not an object")
    remembered: dict[str, date] = {}
    for key, day in remembered_raw.items():
        parsed = _parse_date(day, f"the remembered '{key}'")
        if parsed is None:
            raise _Damaged(f"the remembered '{key}' is null, not a date")
        remembered[key] = parsed
    return HealthNotes(
        conditions=frozenset(conditions),
        answers=answers,
        asked_at=asked_at,
        pregnancy_weeks=weeks,
        weeks_on=weeks_on,
        remembered=remembered,
    )


def _parse_datetime(value: Any, what: str) -> datetime:
    if not isinstance(value, str):
        raise _Damaged(f"{what} is {_kind(value)}, not a date and time")
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        raise _Damaged(f"{what} is not an ISO date and time: {value!r}") from None
    if moment.tzinfo is None:
        raise _Damaged(f"{what} has no UTC offset: {value!r}")
    return moment


def _parse_date(value: Any, what: str) -> date | None:
    if value is None:
        return None
    if not isinstance(value, str):
        raise _Damaged(f"{what} is {_kind(value)}, not a date")
    try:
        if len(value) != 10:
            raise ValueError(value)
        return date.fromisoformat(value)
    except ValueError:
        raise _Damaged(f"{what} is not an ISO date (YYYY-MM-DD): {value!r}") from None


def load(profile: str | None = None, *, path: Path | None = None) -> HealthNotes | None:
    """The notes for ``profile`` (None: "default"), or None when the file or profile is absent.

    A file that cannot be read raises HealthNotesError (one sentence naming the path); the file
    is never modified here.
    """
    name = _profile_name(profile)
    target = _default_path(path)
    try:
        profiles = _read_profiles(target)
    except _Damaged as exc:
        raise _damaged_error(target, str(exc)) from None
    except _Unreadable as exc:
        raise _unreadable_error(target, str(exc)) from None
    return None if profiles is None else profiles.get(name)


# --- writing ------------------------------------------------------------------------------------


def _to_file_dict(notes: HealthNotes) -> dict[str, Any]:
    return {
        "conditions": sorted(notes.conditions),
        "answers": dict(notes.answers),
        "asked_at": notes.asked_at.isoformat(),
        "pregnancy_weeks": notes.pregnancy_weeks,
        "weeks_on": None if notes.weeks_on is None else notes.weeks_on.isoformat(),
        "remembered": {key: day.isoformat() for key, day in notes.remembered.items()},
    }


def _dump(profiles: Mapping[str, HealthNotes]) -> bytes:
    data = {
        "version": FORMAT_VERSION,
        "profiles": {name: _to_file_dict(profiles[name]) for name in sorted(profiles)},
    }
    return (json.dumps(data, indent=2, ensure_ascii=False) + "\n").encode("utf-8")


def _fsync_folder(folder: Path) -> None:
    """Make the rename itself durable where the platform allows it (best effort)."""
    if os.name != "posix":
        return
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        with contextlib.suppress(OSError):
            os.fsync(fd)
    finally:
        os.close(fd)


def _write_atomic(target: Path, payload: bytes) -> None:
    """Replace ``target`` with ``payload``, private to the user, and make the rename durable."""
    from stretchcoach.atomic import write_atomic

    write_atomic(target, payload, mode=0o600)
    _fsync_folder(target.parent)


def _keep_damaged(target: Path) -> Path:
    """Move or copy the damaged file aside as ``<name>.damaged-<its mtime>``; return where.

    A file is hard-linked (or copied) so it stays in place until the new file replaces it
    atomically; anything else (a folder) is renamed.
    """
    import shutil

    info = os.stat(target)
    stamp = datetime.fromtimestamp(info.st_mtime).strftime("%Y%m%dT%H%M%S")
    base = f"{target.name}.damaged-{stamp}"
    number = 1
    while True:
        aside = target.with_name(base if number == 1 else f"{base}-{number}")
        number += 1
        if os.path.lexists(aside):
            continue
        if not stat.S_ISREG(info.st_mode):
            os.rename(target, aside)
            return aside
        try:
            os.link(target, aside)
        except FileExistsError:
            continue
        except OSError:
            shutil.copy2(target, aside)
        return aside


def _read_for_change(target: Path, *, replace_damaged: bool) -> tuple[dict[str, HealthNotes], bool]:
    """The profiles in the file before a change, and whether it is damaged (and may go)."""
    try:
        return _read_profiles(target) or {}, False
    except _Damaged as exc:
        if not replace_damaged:
            raise _damaged_error(target, str(exc)) from None
        return {}, True
    except _Unreadable as exc:
        raise _unreadable_error(target, str(exc)) from None


def _write_error(target: Path, exc: OSError, aside: Path | None) -> HealthNotesError:
    kept = (
        f"the damaged file was kept as {aside}"
        if aside is not None
        else "the file was left as it is"
    )
    return HealthNotesError(
        f"The health notes could not be saved to {target} ({_strerror(exc)}); {kept}.",
        path=target,
    )


def save(
    notes: HealthNotes,
    profile: str | None = None,
    *,
    path: Path | None = None,
    replace_damaged: bool = False,
) -> None:
    """Save ``notes`` for ``profile`` (None: "default"), keeping every other profile.

    Atomic, mode 0o600, creating the folder if needed. Over a damaged file this raises
    HealthNotesError unless ``replace_damaged``: then the damaged file is first kept as
    ``health.json.damaged-YYYYmmddTHHMMSS`` and a fresh file is written.
    """
    if not isinstance(notes, HealthNotes):
        raise TypeError(f"save() takes HealthNotes, not {type(notes).__name__}")
    name = _profile_name(profile)
    target = _default_path(path)
    aside: Path | None = None
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        profiles, damaged = _read_for_change(target, replace_damaged=replace_damaged)
        profiles[name] = notes
        payload = _dump(profiles)
        if damaged:
            aside = _keep_damaged(target)
        _write_atomic(target, payload)
    except OSError as exc:
        raise _write_error(target, exc, aside) from None


def clear(
    profile: str | None = None,
    *,
    path: Path | None = None,
    replace_damaged: bool = False,
) -> bool:
    """Forget ``profile``'s notes (None: "default"); True when there were any.

    The file goes when no profile remains; other profiles are kept. Over a damaged file this
    raises HealthNotesError unless ``replace_damaged``: then the damaged file is moved aside to
    ``health.json.damaged-YYYYmmddTHHMMSS`` (never deleted) and False is returned.
    """
    name = _profile_name(profile)
    target = _default_path(path)
    aside: Path | None = None
    try:
        profiles, damaged = _read_for_change(target, replace_damaged=replace_damaged)
        if damaged:
            aside = _keep_damaged(target)
            if os.path.lexists(target):  # hard-linked or copied: now remove the original
                os.unlink(target)
            return False
        if name not in profiles:
            return False
        del profiles[name]
        if profiles:
            _write_atomic(target, _dump(profiles))
        else:
            os.unlink(target)
            _fsync_folder(target.parent)
    except OSError as exc:
        kept = (
            f"the damaged file was kept as {aside}" if aside is not None else "it was left as it is"
        )
        raise HealthNotesError(
            f"The health notes file {target} could not be changed ({_strerror(exc)}); {kept}.",
            path=target,
        ) from None
    return True
