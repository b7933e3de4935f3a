"""The browsing commands (list, show, causes, validate) in every format, and the global options."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml
from click.testing import Result

from stretchcoach import __version__, catalogue
from stretchcoach.catalogue import CAUSES, FIELDS, KINDS, POSITIONS

Invoke = Callable[..., Result]
REPO = Path(__file__).resolve().parent.parent
DATA = REPO / "data" / "exercises.yaml"


def exercise(
    ex_id: str,
    *,
    kind: str,
    position: str,
    causes: str,
    sev: int,
    easier: str = "null",
    per_side: str = "false",
) -> str:
    return f"""\
- id: {ex_id}
  name: {ex_id.replace("-", " ").capitalize()}
  kind: {kind}
  position: {position}
  causes: [{causes}]
  max_severity: {sev}
  hold_seconds: 20
  reps: 3
  per_side: {per_side}
  rest_seconds: 10
  steps:
    - Settle in for {ex_id}.
    - Move gently.
    - Come back slowly.
  stop_if: Stop if {ex_id} hurts.
  equipment: [mat]
  easier: {easier}
"""


SMALL = "".join(
    [
        exercise("belly-breathing", kind="breathing", position="supine",
                 causes="posture, unknown", sev=9),
        exercise("cat-cow", kind="mobility", position="all-fours",
                 causes="posture, pregnancy", sev=6, easier="seated-cat-cow"),
        exercise("seated-cat-cow", kind="mobility", position="seated",
                 causes="posture, pregnancy, arthritis", sev=7),
        exercise("bridge", kind="strength", position="supine",
                 causes="weak-muscles", sev=4, per_side="false"),
        exercise("standing-side-bend", kind="stretch", position="standing",
                 causes="posture, obesity", sev=5, per_side="true\n  sides: alternate"),
    ]
)  # fmt: skip
SMALL_IDS = ["belly-breathing", "cat-cow", "seated-cat-cow", "bridge", "standing-side-bend"]


@pytest.fixture
def small(tmp_path: Path) -> Path:
    path = tmp_path / "small.yaml"
    path.write_text(SMALL, encoding="utf-8")
    return path


@pytest.fixture
def bad(tmp_path: Path) -> Path:
    path = tmp_path / "bad.yaml"
    path.write_text(
        SMALL.replace("kind: strength", "kind: strenght").replace("reps: 3", "reps: 0", 1),
        encoding="utf-8",
    )
    return path


def ids(result: Result) -> list[str]:
    assert result.exit_code == 0, result.output
    return result.stdout.split()


# --------------------------------------------------------------------------- list


def test_list_table_shows_every_exercise(invoke: Invoke, small: Path) -> None:
    result = invoke(["--catalogue", str(small), "list"])
    assert result.exit_code == 0, result.output
    for ex_id in SMALL_IDS:
        assert ex_id in result.stdout
    assert "20 s × 3 each side" in result.stdout  # per-side dose
    assert "max pain" in result.stdout


def test_list_ids_format(invoke: Invoke, small: Path) -> None:
    assert ids(invoke(["--catalogue", str(small), "list", "--format", "ids"])) == SMALL_IDS


def test_list_json_items_have_exactly_the_catalogue_fields(invoke: Invoke, small: Path) -> None:
    result = invoke(["--catalogue", str(small), "list", "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert [item["id"] for item in data] == SMALL_IDS
    for item in data:
        assert tuple(item) == FIELDS
    bridge = data[3]
    assert bridge["causes"] == ["weak-muscles"]
    assert bridge["equipment"] == ["mat"]
    assert bridge["easier"] is None
    assert bridge["harder"] is None
    assert bridge["max_severity"] == 4
    assert bridge["per_side"] is False
    assert data[1]["easier"] == "seated-cat-cow"


def test_list_yaml_round_trips_to_the_json_data(invoke: Invoke, small: Path) -> None:
    as_json = json.loads(invoke(["--catalogue", str(small), "list", "--format", "json"]).stdout)
    result = invoke(["--catalogue", str(small), "list", "--format", "yaml"])
    assert result.exit_code == 0, result.output
    assert yaml.safe_load(result.stdout) == as_json
    assert list(yaml.safe_load(result.stdout)[0]) == list(FIELDS)


def test_list_filters_by_cause(invoke: Invoke, small: Path) -> None:
    result = invoke(["--catalogue", str(small), "list", "--cause", "pregnancy", "--format", "ids"])
    assert ids(result) == ["cat-cow", "seated-cat-cow"]


def test_list_severity_means_offered_at_that_pain_level(invoke: Invoke, small: Path) -> None:
    at = lambda n: ids(  # noqa: E731
        invoke(["--catalogue", str(small), "list", "--severity", str(n), "--format", "ids"])
    )
    assert at(7) == ["belly-breathing", "seated-cat-cow"]  # max_severity >= 7
    assert at(9) == ["belly-breathing"]
    assert at(10) == []
    assert at(0) == SMALL_IDS


def test_list_position_is_repeatable(invoke: Invoke, small: Path) -> None:
    args = ["--catalogue", str(small), "list", "--format", "ids"]
    assert ids(invoke([*args, "--position", "seated"])) == ["seated-cat-cow"]
    both = ids(invoke([*args, "--position", "seated", "--position", "standing"]))
    assert both == ["seated-cat-cow", "standing-side-bend"]


def test_list_kind_is_repeatable(invoke: Invoke, small: Path) -> None:
    args = ["--catalogue", str(small), "list", "--format", "ids"]
    assert ids(invoke([*args, "--kind", "mobility"])) == ["cat-cow", "seated-cat-cow"]
    both = ids(invoke([*args, "--kind", "breathing", "--kind", "strength"]))
    assert both == ["belly-breathing", "bridge"]


def test_list_filters_combine(invoke: Invoke, small: Path) -> None:
    result = invoke(
        ["--catalogue", str(small), "list", "--cause", "posture", "--severity", "6",
         "--kind", "mobility", "--position", "seated", "--format", "ids"]
    )  # fmt: skip
    assert ids(result) == ["seated-cat-cow"]


def test_list_with_no_match_says_so_on_stderr(invoke: Invoke, small: Path) -> None:
    result = invoke(["--catalogue", str(small), "list", "--cause", "arthritis", "--kind", "relief"])
    assert result.exit_code == 0
    assert "No exercises match" in result.stderr
    assert "No exercises match" not in result.stdout


def test_list_json_with_no_match_is_an_empty_list(invoke: Invoke, small: Path) -> None:
    result = invoke(["--catalogue", str(small), "list", "--severity", "10", "--format", "json"])
    assert result.exit_code == 0
    assert json.loads(result.stdout) == []
    assert result.stderr == ""


def test_list_uses_the_packaged_catalogue_by_default(invoke: Invoke) -> None:
    result = invoke(["list", "--format", "json"])
    assert result.exit_code == 0, result.output
    assert len(json.loads(result.stdout)) == len(catalogue.load())


@pytest.mark.parametrize(
    ("option", "value", "valid", "hint"),
    [
        ("--cause", "postur", CAUSES, "Did you mean 'posture'?"),
        ("--kind", "strech", KINDS, "Did you mean 'stretch'?"),
        ("--position", "floor", POSITIONS, None),
        ("--position", "suppine", POSITIONS, "Did you mean 'supine'?"),
        ("--format", "jsn", ("table", "json", "yaml", "ids"), "Did you mean 'json'?"),
    ],
)
def test_unknown_choice_is_a_usage_error_listing_valid_values(
    invoke: Invoke, option: str, value: str, valid: tuple[str, ...], hint: str | None
) -> None:
    result = invoke(["list", option, value])
    assert result.exit_code == 2
    for choice in valid:  # quoted by click.Choice; listed plainly for the position list
        assert choice in result.stderr
    if hint:
        assert hint in result.stderr
    else:
        assert "Did you mean" not in result.stderr
    assert "Traceback" not in result.output


def test_severity_out_of_range_is_a_usage_error(invoke: Invoke) -> None:
    result = invoke(["list", "--severity", "11"])
    assert result.exit_code == 2
    assert "0<=x<=10" in result.stderr or "0 to 10" in result.stderr


# --------------------------------------------------------------------------- show


def test_show_panel_has_steps_stop_cue_and_timing(invoke: Invoke, small: Path) -> None:
    result = invoke(["--catalogue", str(small), "show", "cat-cow"])
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "Cat cow (cat-cow)" in out
    assert "1. Settle in for cat-cow." in out
    assert "3. Come back slowly." in out
    assert "Stop if: cat-cow hurts." in out
    assert "20 s × 3, rest 10 s" in out
    assert "Easier: Seated cat cow (seated-cat-cow)" in out


def test_show_json_is_the_record(invoke: Invoke, small: Path) -> None:
    result = invoke(["--catalogue", str(small), "show", "bridge", "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert tuple(data) == FIELDS
    assert data["id"] == "bridge"
    assert data["steps"] == ["Settle in for bridge.", "Move gently.", "Come back slowly."]


def test_show_unknown_id_suggests_the_closest(invoke: Invoke, small: Path) -> None:
    result = invoke(["--catalogue", str(small), "show", "cat-co"])
    assert result.exit_code == 2
    assert "No exercise with id 'cat-co'" in result.stderr
    assert "Did you mean: cat-cow, seated-cat-cow?" in result.stderr
    assert result.stdout == ""
    assert "Traceback" not in result.output


def test_show_unknown_id_with_nothing_close(invoke: Invoke, small: Path) -> None:
    result = invoke(["--catalogue", str(small), "show", "zzzzzz"])
    assert result.exit_code == 2
    assert "Did you mean" not in result.stderr
    assert "stretchcoach list --format ids" in result.stderr


# --------------------------------------------------------------------------- causes


def test_causes_table(invoke: Invoke) -> None:
    result = invoke(["causes"])
    assert result.exit_code == 0, result.output
    for cause in CAUSES:
        assert cause in result.stdout
    assert "advice" in result.stdout


def test_causes_json_has_all_six_with_their_advice(invoke: Invoke) -> None:
    result = invoke(["causes", "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert [row["id"] for row in data] == list(CAUSES)
    for row in data:
        assert list(row) == ["id", "label", "description", "advice"]
        assert all(isinstance(v, str) and v.strip() for v in row.values())


# --------------------------------------------------------------------------- validate


def test_validate_ok_summary_counts_per_cause(invoke: Invoke, small: Path) -> None:
    result = invoke(["validate", str(small)])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith(f"OK: {small} has 5 valid exercises")
    assert "posture 4" in result.stdout
    assert "weak-muscles 1" in result.stdout
    assert "pregnancy 2" in result.stdout
    assert "unknown 1" in result.stdout


def test_validate_lists_every_problem_and_exits_1(invoke: Invoke, bad: Path) -> None:
    result = invoke(["validate", str(bad)])
    assert result.exit_code == 1
    err = result.stderr
    assert "The catalogue has 2 problems:" in err
    assert f"{bad}:8: exercise 'belly-breathing', field 'reps': must be from 1 to 100" in err
    assert "exercise 'bridge', field 'kind'" in err
    assert "did you mean 'strength'?" in err
    assert "Traceback" not in result.output
    assert result.stdout == ""


def test_validate_json_when_valid(invoke: Invoke, small: Path) -> None:
    result = invoke(["validate", str(small), "--format", "json"])
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert data["valid"] is True
    assert data["exercises"] == 5
    assert data["per_cause"]["posture"] == 4
    assert list(data["per_cause"]) == list(CAUSES)


def test_validate_json_when_invalid(invoke: Invoke, bad: Path) -> None:
    result = invoke(["validate", str(bad), "--format", "json"])
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    assert data["valid"] is False
    assert [(p["line"], p["exercise"], p["field"]) for p in data["problems"]] == [
        (8, "belly-breathing", "reps"),
        (54, "bridge", "kind"),  # 17 lines per record: the 4th starts at line 52
    ]
    assert all(p["message"] and p["text"].startswith(str(bad)) for p in data["problems"])


def test_validate_missing_file(invoke: Invoke, tmp_path: Path) -> None:
    result = invoke(["validate", str(tmp_path / "nope.yaml")])
    assert result.exit_code == 1
    assert "file not found" in result.stderr


def test_validate_the_shipped_catalogue(invoke: Invoke) -> None:
    result = invoke(["validate", str(DATA)])
    assert result.exit_code == 0, result.output
    assert "OK:" in result.stdout
    assert result.stderr == ""  # every cause gets a routine at every band: no warning


def test_validate_warns_per_cause_it_cannot_make_a_routine_for(
    invoke: Invoke, tmp_path: Path
) -> None:
    one = tmp_path / "one.yaml"
    one.write_text(
        exercise("belly-breathing", kind="breathing", position="supine", causes="posture", sev=9)
        + exercise("bridge", kind="strength", position="supine", causes="unknown", sev=4),
        encoding="utf-8",
    )
    result = invoke(["validate", str(one)])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith(f"OK: {one} has 2 valid exercises")
    err = " ".join(result.stderr.split())
    # posture: one breathing exercise opens and closes a routine at every band.
    assert "routine for cause 'posture'" not in err
    # unknown: a strength exercise alone has no gentle opener (breathing or mobility).
    assert "routine for cause 'unknown': No breathing or mobility exercise to start" in err
    # pregnancy: nothing at all.
    assert "routine for cause 'pregnancy': No exercise in the catalogue suits cause" in err
    # one line per other cause: its first failing rule.
    assert err.count("Warning:") == len(CAUSES) - 1

    data = json.loads(invoke(["validate", str(one), "--format", "json"]).stdout)
    assert set(data["no_routine"]) == set(CAUSES) - {"posture"}
    assert data["no_routine"]["pregnancy"].startswith("No exercise in the catalogue suits")


def test_validate_warns_when_nothing_is_offered_at_some_pain(
    invoke: Invoke, tmp_path: Path
) -> None:
    low = tmp_path / "low.yaml"
    low.write_text(SMALL.replace("max_severity: 9", "max_severity: 6"), encoding="utf-8")
    result = invoke(["validate", str(low)])
    assert result.exit_code == 0
    err = " ".join(result.stderr.split())
    # belly-breathing now stops at 6: nothing for pain 7-8, the only band left to try.
    assert "'posture': No breathing or relief exercise in the catalogue suits cause" in err
    assert "'unknown': No exercise in the catalogue suits cause 'unknown' at pain 7/10." in err


# --------------------------------------------------------------------------- global options


def test_catalogue_option_replaces_the_built_in_one(invoke: Invoke, small: Path) -> None:
    assert ids(invoke(["--catalogue", str(small), "list", "--format", "ids"])) == SMALL_IDS


def test_catalogue_environment_variable(
    invoke: Invoke, small: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("STRETCHCOACH_CATALOGUE", str(small))
    assert ids(invoke(["list", "--format", "ids"])) == SMALL_IDS


def test_catalogue_option_beats_the_environment(
    invoke: Invoke, small: Path, bad: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("STRETCHCOACH_CATALOGUE", str(bad))
    assert ids(invoke(["--catalogue", str(small), "list", "--format", "ids"])) == SMALL_IDS


@pytest.mark.parametrize("via", ["option", "env"])
@pytest.mark.parametrize("command", [["list"], ["show", "cat-cow"], ["list", "--format", "json"]])
def test_a_bad_catalogue_gives_the_loader_errors_and_exit_1(
    invoke: Invoke, bad: Path, monkeypatch: pytest.MonkeyPatch, via: str, command: list[str]
) -> None:
    if via == "env":
        monkeypatch.setenv("STRETCHCOACH_CATALOGUE", str(bad))
        args = command
    else:
        args = ["--catalogue", str(bad), *command]
    result = invoke(args)
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: The catalogue has 2 problems:")
    assert f"{bad}:8:" in result.stderr
    assert "Traceback" not in result.output
    assert result.stdout == ""


def test_a_missing_catalogue_file(invoke: Invoke, tmp_path: Path) -> None:
    result = invoke(["--catalogue", str(tmp_path / "gone.yaml"), "list"])
    assert result.exit_code == 1
    assert "file not found" in result.stderr


def test_version(invoke: Invoke) -> None:
    result = invoke(["--version"])
    assert result.exit_code == 0
    assert result.stdout.strip() == f"stretchcoach, version {__version__}"


def test_a_typo_in_a_command_gets_a_suggestion(invoke: Invoke) -> None:
    result = invoke(["lsit"])
    assert result.exit_code == 2
    assert "No such command 'lsit'" in result.stderr
    assert "Did you mean 'list'" in result.stderr


def test_python_dash_m_runs_the_cli(tmp_path: Path) -> None:
    env = {**os.environ, "NO_COLOR": "1", "PYTHONPATH": str(REPO)}
    env.pop("STRETCHCOACH_CATALOGUE", None)
    result = subprocess.run(
        [sys.executable, "-m", "stretchcoach", "list", "--cause", "posture", "--format", "ids"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env=env,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [ex.id for ex in catalogue.load().filter(cause="posture")]
    assert result.stderr == ""


def test_python_dash_m_reports_a_bad_catalogue_without_a_traceback(
    tmp_path: Path, bad: Path
) -> None:
    env = {**os.environ, "PYTHONPATH": str(REPO), "STRETCHCOACH_CATALOGUE": str(bad)}
    result = subprocess.run(
        [sys.executable, "-m", "stretchcoach", "list"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env=env,
        timeout=60,
    )
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert "The catalogue has 2 problems:" in result.stderr


# --------------------------------------------------------------------------- completion


@pytest.mark.parametrize(
    ("words", "incomplete", "expected"),
    [
        (["list", "--cause"], "p", ["posture", "pregnancy"]),
        (["list", "--cause"], "", list(CAUSES)),
        (["list", "--kind"], "st", ["stretch", "strength"]),
        (["list", "--position"], "s", ["standing", "seated", "side-lying", "supine"]),
    ],
)
def test_shell_completion_offers_the_valid_values(
    words: list[str], incomplete: str, expected: list[str]
) -> None:
    assert [c.value for c in completer().get_completions(words, incomplete)] == expected


def test_shell_completion_of_command_names() -> None:
    assert [c.value for c in completer().get_completions([], "ca")] == ["causes"]


def completer():  # type: ignore[no-untyped-def]
    from click.shell_completion import ShellComplete

    from stretchcoach.cli import cli

    return ShellComplete(cli, {}, "stretchcoach", "_STRETCHCOACH_COMPLETE")


def test_bash_completion_through_the_real_entry_point(tmp_path: Path) -> None:
    env = {
        **os.environ,
        "PYTHONPATH": str(REPO),
        "_STRETCHCOACH_COMPLETE": "bash_complete",
        "COMP_WORDS": "stretchcoach list --cause p",
        "COMP_CWORD": "3",
    }
    result = subprocess.run(
        [sys.executable, "-m", "stretchcoach"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env=env,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["plain,posture", "plain,pregnancy"]


@pytest.mark.parametrize(
    "cue",
    ["Stop if it hurts.", "stop if: it hurts.", "Stop if:it hurts.", "It hurts."],
)
def test_show_labels_the_stop_cue_once(invoke: Invoke, tmp_path: Path, cue: str) -> None:
    path = tmp_path / "one.yaml"
    text = exercise("bridge", kind="strength", position="supine", causes="unknown", sev=4)
    path.write_text(text.replace("stop_if: Stop if bridge hurts.", f"stop_if: '{cue}'"))
    result = invoke(["--catalogue", str(path), "show", "bridge"])
    assert result.exit_code == 0, result.output
    assert "Stop if: It hurts." in result.stdout or "Stop if: it hurts." in result.stdout
    assert result.stdout.lower().count("stop if") == 1


@pytest.mark.parametrize("how", ["option", "validate"])
def test_a_folder_as_catalogue_is_bad_data_not_usage(invoke, tmp_path, how: str) -> None:
    args = (
        ["--catalogue", str(tmp_path), "list"] if how == "option" else ["validate", str(tmp_path)]
    )
    result = invoke(args)
    assert result.exit_code == 1
    assert f"{tmp_path}: is a folder, not a catalogue file" in result.stderr


def test_show_says_how_sides_switch_and_how_to_breathe(invoke) -> None:
    clam = " ".join(invoke(["show", "side-lying-clamshell"]).stdout.split())
    assert "Sides: all reps on one side, then all on the other" in clam
    assert "Breathing: Breathe out as you lift, in as you lower" in clam
    catcow = " ".join(invoke(["show", "cat-cow"]).stdout.split())
    assert "Sides:" not in catcow  # not a per-side exercise
    assert "— breathe out" in catcow
    assert "— breathe in" in catcow


def test_validate_counts_one_exercise_in_the_singular(invoke: Invoke, tmp_path: Path) -> None:
    single = tmp_path / "single.yaml"
    single.write_text(
        exercise("belly-breathing", kind="breathing", position="supine", causes="posture", sev=9),
        encoding="utf-8",
    )
    result = invoke(["validate", str(single)])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith(f"OK: {single} has 1 valid exercise (")
