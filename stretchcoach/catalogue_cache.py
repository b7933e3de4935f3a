"""A cache of validated catalogues, so a catalogue's second load skips YAML and validation.

One file per catalogue path in the user cache folder, holding the checked exercises as
plain JSON. It is used only when the catalogue's content hash (BLAKE2b) and the program
version both match what it was made from. The cache is a convenience, never a source of
truth: a damaged, truncated or foreign file is ignored (and replaced on the next write), a
folder that cannot be written is skipped silently, and writes are atomic.

Format: a first line of JSON (the header: format name, schema, program version, the
catalogue's BLAKE2b and the body's BLAKE2b), then the body: JSON with one row per exercise
(the Exercise fields in constructor order) and the line each id is defined on.
"""

from __future__ import annotations

import dataclasses
import json
import os
import stat
from pathlib import Path
from typing import Any

from stretchcoach.exercise import Exercise

try:  # the C module itself: importing hashlib loads OpenSSL, ten times the start-up cost
    from _blake2 import blake2b
except ImportError:  # pragma: no cover - an interpreter without the builtin module
    from hashlib import blake2b


def _hash(data: bytes) -> Any:
    """BLAKE2b of ``data`` (32-byte digest): a content key, not a security measure."""
    return blake2b(data, digest_size=32)


#: Points the cache somewhere else (tests, or a read-only home).
CACHE_ENV = "STRETCHCOACH_CACHE"
FORMAT = "stretchcoach-catalogue-cache"
#: The largest cache file read (a validated catalogue is smaller than its YAML).
MAX_BYTES = 256 * 1024 * 1024
#: Bumped whenever the row layout changes or the checks grow stricter, so a catalogue
#: validated by older checks is checked again (the program version usually covers it too).
SCHEMA = 4
#: The Exercise fields in constructor order; a row holds them in this order.
ROW: tuple[str, ...] = tuple(f.name for f in dataclasses.fields(Exercise) if f.init)


def cache_dir() -> Path:
    """$STRETCHCOACH_CACHE, else $STRETCHCOACH_HOME/cache, else the platform's cache folder."""
    from stretchcoach import paths

    override = os.environ.get(CACHE_ENV)
    if override:
        return Path(override).expanduser()
    home = os.environ.get(paths.HOME_ENV)
    if home:
        return Path(home).expanduser() / "cache"
    import platformdirs

    return Path(platformdirs.user_cache_dir(paths.APP_NAME, appauthor=False))


def _version() -> str:
    from stretchcoach import __version__

    return __version__


def digest(raw: bytes) -> str:
    """The content key of a catalogue file."""
    return _hash(raw).hexdigest()


def cache_path(source: str) -> Path:
    """Where the cache for the catalogue at ``source`` lives (one file per catalogue path)."""
    try:
        where = str(Path(source).expanduser().resolve())
    except (OSError, RuntimeError):
        where = source
    name = _hash(where.encode("utf-8", "surrogatepass")).hexdigest()[:32]
    return cache_dir() / f"catalogue-{name}.json"


def read(source: str, content_key: str) -> tuple[list[Exercise], dict[str, int]] | None:
    """The cached exercises and id lines for this content, or None (missing, stale or bad)."""
    try:
        # Non-blocking, so a pipe planted at the path cannot hang the program.
        fd = os.open(cache_path(source), os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
        with os.fdopen(fd, "rb") as handle:
            info = os.fstat(handle.fileno())
            if not stat.S_ISREG(info.st_mode) or info.st_size > MAX_BYTES:
                return None
            data = handle.read()
    except (OSError, ValueError):
        return None
    try:
        head, _, body = data.partition(b"\n")
        header = json.loads(head)
        if (
            not isinstance(header, dict)
            or header.get("format") != FORMAT
            or header.get("schema") != SCHEMA
            or header.get("version") != _version()
            or header.get("source_blake2b") != content_key
            or header.get("body_blake2b") != _hash(body).hexdigest()
        ):
            return None
        payload = json.loads(body)
        rows, lines = payload["exercises"], payload["lines"]
        exercises = [_from_row(row) for row in rows]
        if not isinstance(lines, dict) or not all(
            isinstance(k, str) and type(v) is int for k, v in lines.items()
        ):
            return None
        return exercises, lines
    except (ValueError, TypeError, KeyError, IndexError, AttributeError, RecursionError):
        return None


def write(source: str, content_key: str, exercises: list[Exercise], lines: dict[str, int]) -> bool:
    """Store a validated catalogue; False (and nothing written) when it cannot be."""
    try:
        body = json.dumps(
            {"exercises": [_to_row(ex) for ex in exercises], "lines": lines},
            ensure_ascii=False,
            separators=(",", ":"),
            allow_nan=False,
        ).encode("utf-8")
    except (TypeError, ValueError):
        return False  # a value JSON cannot hold exactly: not worth caching
    header = {
        "format": FORMAT,
        "schema": SCHEMA,
        "version": _version(),
        "source_blake2b": content_key,
        "body_blake2b": _hash(body).hexdigest(),
    }
    from stretchcoach.atomic import write_atomic

    payload = json.dumps(header).encode("ascii") + b"\n" + body
    try:  # rebuilt whenever it is missing, so not worth a flush to the disk
        write_atomic(cache_path(source), payload, make_folder=True, durable=False)
    except OSError:
        return False
    return True


def _to_row(ex: Exercise) -> list[Any]:
    if ex.figure is not None and json.loads(json.dumps(ex.figure, allow_nan=False)) != ex.figure:
        raise ValueError("figure does not survive JSON unchanged")
    return [
        ex.id,
        ex.name,
        ex.kind,
        ex.position,
        ex.causes,
        ex.max_severity,
        ex.hold_seconds,
        ex.reps,
        ex.per_side,
        ex.rest_seconds,
        ex.steps,
        ex.stop_if,
        ex.equipment,
        ex.movements,
        ex.notes,
        ex.easier,
        ex.harder,
        ex.similar,
        ex.side_order,
        ex.side_words,
        ex.action,
        ex.breathing,
        ex.phases,
        ex.why,
        ex.figure,
    ]


def _pairs(value: list[list[str]]) -> tuple[tuple[str, str], ...]:
    return tuple((a, b) for a, b in value)


def _from_row(row: list[Any]) -> Exercise:
    if not isinstance(row, list) or len(row) != len(ROW):
        raise ValueError("not an exercise row")
    (
        ex_id, name, kind, position, causes, severity, hold, reps, per_side, rest, steps,
        stop_if, equipment, movements, notes, easier, harder, similar, side_order, side_words,
        action, breathing, phases, why, figure,
    ) = row  # fmt: skip
    if not (isinstance(ex_id, str) and isinstance(name, str) and isinstance(stop_if, str)):
        raise ValueError("not an exercise row")
    return Exercise(
        ex_id,
        name,
        kind,
        position,
        tuple(causes),
        severity,
        hold,
        reps,
        per_side,
        rest,
        tuple(steps),
        stop_if,
        tuple(equipment),
        tuple(movements),
        _pairs(notes),
        easier,
        harder,
        tuple(similar),
        side_order,
        _pairs(side_words),
        action,
        breathing,
        _pairs(phases),
        why,
        figure,
    )
