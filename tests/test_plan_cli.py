"""`stretchcoach plan`: every format, the flag errors, the safety stop, determinism."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from click.testing import Result

from stretchcoach.safety import DISCLAIMER_SHORT, SEVERE_MESSAGE, TOO_SEVERE_MESSAGE

Invoke = Callable[..., Result]
REPO = Path(__file__).resolve().parent.parent
BASE = ["plan", "--cause", "posture", "--severity", "3", "--seed", "42", "--condition", "none"]
EXERCISE_KEYS = [
    "id",
    "name",
    "kind",
    "position",
    "hold_seconds",
    "reps",
    "per_side",
    "rest_seconds",
    "seconds",
    "notes",
]


def as_json(invoke: Invoke, *args: str) -> dict:
    result = invoke([*args, "--format", "json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_json_is_the_documented_document(invoke: Invoke) -> None:
    doc = as_json(invoke, *BASE, "--minutes", "12")
    assert list(doc) == [
        "cause",
        "severity",
        "conditions",
        "minutes",
        "seed",
        "total_seconds",
        "exercises",
        "notes",
    ]
    assert (doc["cause"], doc["severity"], doc["minutes"], doc["seed"]) == ("posture", 3, 12, 42)
    assert doc["exercises"]
    for exercise in doc["exercises"]:
        assert list(exercise) == EXERCISE_KEYS
    assert doc["total_seconds"] == sum(e["seconds"] for e in doc["exercises"])
    assert 0.8 * 720 <= doc["total_seconds"] <= 720
    assert any(e["kind"] == "strength" for e in doc["exercises"])


def test_same_seed_same_routine_other_seeds_vary(invoke: Invoke) -> None:
    first = as_json(invoke, *BASE)
    assert as_json(invoke, *BASE) == first
    others = {
        json.dumps(as_json(invoke, "plan", "--cause", "posture", "--severity", "3", "--seed", s))
        for s in ("1", "2", "3", "4")
    }
    assert len(others) > 1


def test_default_seed_is_todays_date(invoke: Invoke) -> None:
    before = int(date.today().strftime("%Y%m%d"))
    doc = as_json(invoke, "plan", "--cause", "unknown", "--severity", "2")
    assert doc["seed"] in {before, int(date.today().strftime("%Y%m%d"))}


def test_text_is_a_plain_table_with_total(invoke: Invoke) -> None:
    result = invoke(BASE)
    assert result.exit_code == 0
    out = result.stdout
    assert "\x1b[" not in out  # not a terminal: no escape codes
    for header in ("#", "exercise", "position", "dose", "time"):
        assert header in out
    doc = as_json(invoke, *BASE)
    for exercise in doc["exercises"]:
        assert exercise["name"] in out
    total = doc["total_seconds"]
    assert f"Total {total // 60}:{total % 60:02d} (of 10:00 asked)" in out
    assert result.stderr == ""


def test_text_shows_the_notes(invoke: Invoke) -> None:
    result = invoke(["plan", "--cause", "posture", "--severity", "5", "--seed", "1"])
    assert result.exit_code == 0
    assert "Note: Pain 5/10: holds and reps are halved" in " ".join(result.stdout.split())


def test_markdown(invoke: Invoke) -> None:
    result = invoke([*BASE, "--format", "markdown"])
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0].startswith("# Your routine: ")
    assert "| # | exercise | position | dose | time |" in lines
    doc = as_json(invoke, *BASE)
    rows = [line for line in lines if line.startswith("| ") and not line.startswith("| # ")]
    assert len(rows) == len(doc["exercises"])
    assert rows[0].startswith(f"| 1 | {doc['exercises'][0]['name']} |")
    assert any(line.startswith("**Total ") for line in lines)
    assert lines[-1] == f"_{DISCLAIMER_SHORT}_"


def test_markdown_lists_the_notes(invoke: Invoke) -> None:
    result = invoke(["plan", "--cause", "arthritis", "--severity", "7", "--format", "markdown"])
    assert result.exit_code == 0
    assert f"- {SEVERE_MESSAGE}" in result.stdout


@pytest.mark.parametrize(
    ("args", "named", "not_named"),
    [
        (["plan"], "Missing --cause and --severity", None),
        (["plan", "--cause", "posture"], "Missing --severity", "--cause"),
        (["plan", "--severity", "2", "--format", "json"], "Missing --cause", "--severity"),
    ],
)
def test_missing_flags_exit_2_naming_them(
    invoke: Invoke, args: list[str], named: str, not_named: str | None
) -> None:
    result = invoke(args, input="")
    assert result.exit_code == 2
    assert named in result.stderr
    assert "never asks questions" in result.stderr
    if not_named:
        assert not_named not in result.stderr.split(":")[1]
    assert result.stdout == ""


@pytest.mark.parametrize("severity", ["9", "10"])
def test_too_much_pain_exits_3_with_the_advice(invoke: Invoke, severity: str) -> None:
    result = invoke(["plan", "--cause", "unknown", "--severity", severity, "--format", "json"])
    assert result.exit_code == 3
    assert result.stdout == ""
    assert " ".join(TOO_SEVERE_MESSAGE.split()) in " ".join(result.stderr.split())


def test_severe_pain_is_a_short_breathing_and_rest_routine(invoke: Invoke) -> None:
    doc = as_json(invoke, "plan", "--cause", "pregnancy", "--severity", "8", "--minutes", "20")
    assert {e["kind"] for e in doc["exercises"]} <= {"breathing", "relief"}
    assert 120 <= doc["total_seconds"] <= 300
    assert SEVERE_MESSAGE in doc["notes"]


def test_at_desk_gives_only_standing_and_seated(invoke: Invoke) -> None:
    for cause in ("posture", "pregnancy", "obesity"):
        for severity in ("2", "5"):
            doc = as_json(invoke, "plan", "--cause", cause, "--severity", severity, "--at-desk")
            assert doc["exercises"]
            assert {e["position"] for e in doc["exercises"]} <= {"standing", "seated"}


def test_positions_limit_the_routine(invoke: Invoke) -> None:
    doc = as_json(invoke, *BASE, "--positions", "supine, side-lying")
    assert {e["position"] for e in doc["exercises"]} <= {"supine", "side-lying"}


def test_at_desk_with_floor_positions_is_a_usage_error(invoke: Invoke) -> None:
    result = invoke([*BASE, "--at-desk", "--positions", "seated,supine"])
    assert result.exit_code == 2
    assert "--at-desk" in result.stderr
    assert "supine" in result.stderr


def test_unknown_position_lists_the_valid_ones(invoke: Invoke) -> None:
    result = invoke([*BASE, "--positions", "sofa"])
    assert result.exit_code == 2
    assert "'sofa'" in result.stderr
    assert "standing, seated, kneeling, all-fours, side-lying, prone, supine" in result.stderr


@pytest.mark.parametrize("minutes", ["2", "61"])
def test_minutes_out_of_range(invoke: Invoke, minutes: str) -> None:
    result = invoke([*BASE, "--minutes", minutes])
    assert result.exit_code == 2
    assert "--minutes" in result.stderr


def test_screened_changes_nothing(invoke: Invoke) -> None:
    plain = invoke(BASE)
    screened = invoke([*BASE, "--screened"])
    assert screened.exit_code == 0
    assert screened.stdout == plain.stdout
    assert screened.stderr == ""


def test_nothing_fits_exits_1_naming_the_filter(invoke: Invoke) -> None:
    args = ["plan", "--cause", "pregnancy", "--severity", "2", "--positions", "supine"]
    result = invoke([*args, "--condition", "none"])
    assert result.exit_code == 1
    assert result.stderr.strip() == (
        "Error: No exercise in the catalogue suits cause 'pregnancy' in positions supine "
        "at pain 2/10."
    )


def test_help_has_examples(invoke: Invoke) -> None:
    result = invoke(["plan", "--help"])
    assert result.exit_code == 0
    for flag in ("--cause", "--severity", "--minutes", "--seed", "--positions", "--at-desk"):
        assert flag in result.stdout
    assert "Examples:" in result.stdout


def test_real_process_exit_codes_and_no_traceback(isolated_home: Path) -> None:
    """The installed entry point, not CliRunner: exit 3 on stderr, JSON on stdout."""
    run = [sys.executable, "-m", "stretchcoach", "plan", "--cause", "posture"]
    stop = subprocess.run([*run, "--severity", "9"], capture_output=True, text=True, cwd=REPO)
    assert stop.returncode == 3
    assert stop.stdout == ""
    assert stop.stderr.startswith("Your pain is very high right now")  # advice, not an error
    assert "Traceback" not in stop.stderr
    ok = subprocess.run(
        [*run, "--severity", "1", "--seed", "5", "--format", "json"],
        capture_output=True,
        text=True,
        cwd=REPO,
    )
    assert ok.returncode == 0
    assert json.loads(ok.stdout)["seed"] == 5


def test_a_damaged_history_is_mentioned_but_the_plan_is_still_made(
    invoke, isolated_home: Path
) -> None:
    isolated_home.mkdir(parents=True)
    db = isolated_home / "history.db"
    db.write_bytes(b"\x00not a database" * 100)
    result = invoke(["plan", "--cause", "posture", "--severity", "2", "--format", "json"])
    assert result.exit_code == 0
    assert json.loads(result.stdout)["exercises"]
    assert str(db) in result.stderr
    assert "does not adapt" in result.stderr
