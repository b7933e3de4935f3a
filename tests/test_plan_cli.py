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

from stretchcoach.safety import (
    DISCLAIMER_SHORT,
    EMERGENCY_LINE,
    NO_PAIN_NO_GAIN,
    SEVERE_MESSAGE,
    STOP_RULES,
    TOO_SEVERE_MESSAGE,
)
from stretchcoach.ui import stop_cue

Invoke = Callable[..., Result]
REPO = Path(__file__).resolve().parent.parent
BASE = ["plan", "--cause", "posture", "--severity", "3", "--seed", "42", "--condition", "none"]
EXERCISE_KEYS = [
    "id",
    "name",
    "why",
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
    assert "Note: Pain 5/10: a short, gentle routine of" in " ".join(result.stdout.split())


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


# --------------------------------------------------------------------------- take-away plans


def words(text: str) -> str:
    """Text with every run of whitespace made one space (wrapping does not matter)."""
    return " ".join(text.split())


def catalogue_exercises() -> dict:
    from stretchcoach import catalogue

    return {ex.id: ex for ex in catalogue.load()}


TAKEAWAY = [
    "plan",
    "--cause",
    "posture",
    "--severity",
    "5",
    "--seed",
    "3",
    "--condition",
    "pregnant,osteoporosis",
]


@pytest.mark.parametrize("fmt", ["text", "markdown"])
def test_a_take_away_plan_carries_everything_needed_on_paper(invoke: Invoke, fmt: str) -> None:
    """Steps and stop-if line of every exercise, its notes for the person's conditions, the
    stop rules, the "no pain, no gain" message, the emergency line, the conditions that
    shaped it and the disclaimer: people follow a paper plan without the program."""
    result = invoke([*TAKEAWAY, "--format", fmt])
    assert result.exit_code == 0, result.output
    out = words(result.stdout)
    doc = as_json(invoke, *TAKEAWAY)
    known = catalogue_exercises()
    assert any(e["notes"] for e in doc["exercises"])  # the case really has exercise notes
    for planned in doc["exercises"]:
        ex = known[planned["id"]]
        for n, step in enumerate(ex.steps, start=1):
            assert f"{n}. {words(step)}" in out, (ex.id, step)
        assert words(stop_cue(ex.stop_if)) in out, ex.id  # "Stop if: …", labelled once
        assert ex.why, ex.id
        assert f"Why it helps: {words(ex.why)}" in out, ex.id
        assert planned["why"] == ex.why
        for note in planned["notes"]:
            assert words(note) in out
    for line in (*STOP_RULES, *NO_PAIN_NO_GAIN, EMERGENCY_LINE, DISCLAIMER_SHORT):
        assert words(line) in out, line
    assert "Shaped by your health notes: Pregnant, Osteoporosis" in out
    assert "\x1b[" not in result.stdout


def test_markdown_take_away_has_a_section_per_exercise(invoke: Invoke) -> None:
    result = invoke([*TAKEAWAY, "--format", "markdown"])
    lines = result.stdout.splitlines()
    doc = as_json(invoke, *TAKEAWAY)
    headings = [line for line in lines if line.startswith("### ")]
    assert headings == [f"### {n}. {e['name']}" for n, e in enumerate(doc["exercises"], start=1)]
    for heading in ("## How to do each exercise", "## Stop rules", "## In an emergency"):
        assert heading in lines
    assert f"**{EMERGENCY_LINE}**" in lines
    assert lines[-1] == f"_{DISCLAIMER_SHORT}_"


def test_without_health_notes_the_take_away_says_none_were_given(invoke: Invoke) -> None:
    result = invoke([*BASE])
    assert "Health notes: none given" in words(result.stdout)


@pytest.mark.parametrize("columns", [60, 80, 120])
def test_text_plan_fits_the_width(
    invoke: Invoke, monkeypatch: pytest.MonkeyPatch, columns: int
) -> None:
    """Nothing runs past the width, nothing is cut off, and long steps fold between words
    under their number."""
    monkeypatch.setenv("COLUMNS", str(columns))
    result = invoke([*TAKEAWAY])
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert max(len(line) for line in lines) <= columns
    assert "…" not in result.stdout
    doc = as_json(invoke, *TAKEAWAY)
    for planned in doc["exercises"]:
        assert planned["name"] in words(result.stdout)
    # A wrapped step continues under its text, not under its number.
    steps = [i for i, line in enumerate(lines) if line.startswith("   1. ")]
    assert steps
    for i in steps:
        follow = lines[i + 1]
        assert follow.startswith("      ") or follow.startswith("   2. ")


# --------------------------------------------------------------------------- the dose by band


def test_moderate_pain_gets_a_short_routine_whatever_the_minutes(invoke: Invoke) -> None:
    doc = as_json(invoke, "plan", "--cause", "posture", "--severity", "5", "--minutes", "20")
    assert 4 <= len(doc["exercises"]) <= 6
    assert len({e["position"] for e in doc["exercises"]}) <= 2
    assert doc["total_seconds"] <= 7 * 60
    assert all(2 <= e["reps"] <= 3 for e in doc["exercises"] if e["id"] != "easy-walk")
    assert any(n.startswith("You asked for 20 minutes") for n in doc["notes"])


@pytest.mark.parametrize("position", ["seated", "side-lying", "supine", "standing"])
def test_severe_pain_with_one_position_stays_there(invoke: Invoke, position: str) -> None:
    doc = as_json(invoke, "plan", "--cause", "posture", "--severity", "7", "--positions", position)
    assert {e["position"] for e in doc["exercises"]} == {position}
    assert any(n.endswith("as you chose: settle into it and stay there.") for n in doc["notes"])


def test_severe_pain_without_a_position_picks_the_most_supported_and_says_so(
    invoke: Invoke,
) -> None:
    doc = as_json(invoke, "plan", "--cause", "posture", "--severity", "8")
    assert {e["position"] for e in doc["exercises"]} == {"supine"}
    (note,) = [n for n in doc["notes"] if n.startswith("One position today")]
    assert "lying on your back, the most supported one available" in note
    assert "--positions" in note
    desk = as_json(invoke, "plan", "--cause", "posture", "--severity", "7", "--at-desk")
    assert {e["position"] for e in desk["exercises"]} == {"seated"}
    pregnant = as_json(invoke, "plan", "--cause", "pregnancy", "--severity", "7")
    assert {e["position"] for e in pregnant["exercises"]} == {"side-lying"}  # never on the back
