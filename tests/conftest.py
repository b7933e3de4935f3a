"""Shared fixtures: every test gets its own STRETCHCOACH_HOME and a plain, known environment."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from stretchcoach.catalogue import Exercise
from stretchcoach.cli import cli

REPO = Path(__file__).resolve().parent.parent
CATALOGUE = REPO / "data" / "exercises.yaml"


@pytest.fixture(autouse=True, scope="session")
def _default_signal_handling() -> Iterator[None]:
    """Start from Python's default handling of the signals the suite sends, however pytest was
    launched: nohup ignores SIGHUP and a shell's background job ignores SIGINT, and an ignored
    signal is inherited by every child the tests start, so they would test nothing."""
    import signal

    wanted = {"SIGINT": signal.default_int_handler, "SIGHUP": signal.SIG_DFL}
    wanted["SIGTERM"] = signal.SIG_DFL
    saved = {}
    for name, handler in wanted.items():
        signum = getattr(signal, name, None)
        if signum is not None:
            saved[signum] = signal.signal(signum, handler)
    yield
    for signum, handler in saved.items():
        signal.signal(signum, handler)


@pytest.fixture(autouse=True)
def isolated_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """No test touches the real user folders or inherits a catalogue from the environment.

    The time zone is pinned to UTC so made-up dates fall on the same days on every machine.
    """
    home = tmp_path / "home"
    monkeypatch.setenv("STRETCHCOACH_HOME", str(home))
    monkeypatch.delenv("STRETCHCOACH_CATALOGUE", raising=False)
    monkeypatch.delenv("STRETCHCOACH_DEBUG", raising=False)
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.delenv("STRETCHCOACH_PLAIN", raising=False)
    monkeypatch.delenv("STRETCHCOACH_NOW", raising=False)  # each test fixes its own "now"
    monkeypatch.setenv("COLUMNS", "100")
    monkeypatch.setenv("TZ", "UTC")
    _tzset()
    yield home
    monkeypatch.undo()
    _tzset()


def _tzset() -> None:
    if hasattr(time, "tzset"):
        time.tzset()


@pytest.fixture
def invoke() -> Callable[..., Result]:
    """Run the CLI in-process; on an unexpected exception, fail with its traceback."""

    def run(args: Sequence[str], input: str | None = None, **kwargs: object) -> Result:
        result = CliRunner().invoke(cli, list(args), input=input, **kwargs)  # type: ignore[arg-type]
        if result.exception is not None and not isinstance(result.exception, SystemExit):
            raise result.exception
        return result

    return run


def make_exercise(ex_id: str, **fields: object) -> Exercise:
    """One exercise for tests: a supine posture stretch with plain defaults, overridden by
    ``fields`` (the shared factory, so a new catalogue field is added in one place)."""
    values: dict[str, object] = {
        "id": ex_id,
        "name": ex_id.replace("-", " ").capitalize(),
        "kind": "stretch",
        "position": "supine",
        "causes": ("posture",),
        "max_severity": 6,
        "hold_seconds": 20,
        "reps": 3,
        "per_side": False,
        "rest_seconds": 5,
        "steps": ("Do it gently.",),
        "stop_if": "Stop if it hurts.",
    }
    values.update(fields)
    return Exercise(**values)  # type: ignore[arg-type]


#: A valid catalogue record, as YAML. Its lines: id 1, name 2, kind 3, position 4, causes 5,
#: max_severity 6, hold_seconds 7, reps 8, per_side 9, rest_seconds 10, steps 11 (items 12-13),
#: stop_if 14; ``extra`` starts at line 15.
_RECORD = """\
- id: {id}
  name: {name}
  kind: mobility
  position: supine
  causes: [posture, unknown]
  max_severity: 6
  hold_seconds: 5
  reps: 8
  per_side: false
  rest_seconds: 5
  steps:
    - Lie on your back with knees bent.
    - Flatten your low back gently into the floor.
  stop_if: Stop if the pain becomes sharp.
"""


def yaml_record(ex_id: str = "pelvic-tilt", *, name: str = "Pelvic tilt", extra: str = "") -> str:
    """One catalogue record in YAML (the shared one, so a new required field is added once)."""
    return _RECORD.format(id=ex_id, name=name) + extra
