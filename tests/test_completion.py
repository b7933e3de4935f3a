"""Shell completion: position lists, exercise ids from the catalogue, profile names."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.shell_completion import ShellComplete

from stretchcoach import catalogue
from stretchcoach.cli import cli

REPO = Path(__file__).resolve().parent.parent


def complete(args: list[str], incomplete: str) -> list[str]:
    """What the shell would offer after ``stretchcoach ARGS INCOMPLETE<TAB>``."""
    comp = ShellComplete(cli, {}, "stretchcoach", "_STRETCHCOACH_COMPLETE")
    return [item.value for item in comp.get_completions(args, incomplete)]


def _exercise(ex_id: str, position: str) -> str:
    return f"""\
- id: {ex_id}
  name: {ex_id.replace("-", " ").capitalize()}
  kind: mobility
  position: {position}
  causes: [posture]
  max_severity: 6
  hold_seconds: 20
  reps: 3
  per_side: false
  rest_seconds: 10
  steps:
    - Settle in.
    - Move gently.
  stop_if: Stop if it hurts.
  equipment: []
  easier: null
"""


@pytest.fixture
def small(tmp_path: Path) -> Path:
    path = tmp_path / "small.yaml"
    path.write_text(
        _exercise("seated-twist", "seated") + _exercise("standing-reach", "standing"),
        encoding="utf-8",
    )
    assert [ex.id for ex in catalogue.load(path)] == ["seated-twist", "standing-reach"]
    return path


# --- --positions: a comma list ----------------------------------------------------------------


@pytest.mark.parametrize("command", ["plan", "start"])
def test_positions_completes_the_name_after_the_last_comma(command: str) -> None:
    assert complete([command, "--positions"], "standing,se") == ["standing,seated"]
    assert complete([command, "--positions"], "st") == ["standing"]


def test_positions_offers_every_name_not_chosen_yet() -> None:
    assert complete(["plan", "--positions"], "") == list(catalogue.POSITIONS)
    assert complete(["plan", "--positions"], "standing,seated,s") == [
        "standing,seated,side-lying",
        "standing,seated,supine",
    ]
    assert complete(["plan", "--positions"], "seated,") == [
        f"seated,{p}" for p in catalogue.POSITIONS if p != "seated"
    ]
    assert complete(["plan", "--positions"], "standing,xyz") == []


# --- show ID: exercise ids from the catalogue in use ------------------------------------------


def test_show_completes_ids_from_the_built_in_catalogue() -> None:
    ids = [ex.id for ex in catalogue.load(None)]
    assert complete(["show"], "") == ids
    first = ids[0]
    got = complete(["show"], first[:3])
    assert first in got
    assert all(i.startswith(first[:3]) for i in got)


def test_show_completes_ids_from_the_chosen_catalogue(small: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    assert complete(["--catalogue", str(small), "show"], "") == ["seated-twist", "standing-reach"]
    assert complete(["--catalogue", str(small), "show"], "st") == ["standing-reach"]
    monkeypatch.setenv("STRETCHCOACH_CATALOGUE", str(small))
    assert complete(["show"], "se") == ["seated-twist"]


@pytest.mark.parametrize("content", ["- id: [unclosed\n", "- id: x\n  kind: nope\n", None])
def test_show_offers_nothing_for_a_bad_or_missing_catalogue(
    tmp_path: Path, content: str | None
) -> None:
    path = tmp_path / "bad.yaml"
    if content is not None:
        path.write_text(content, encoding="utf-8")
    assert complete(["--catalogue", str(path), "show"], "") == []
    assert complete(["--catalogue", str(tmp_path), "show"], "") == []  # a folder


# --- --profile: names from config.yaml --------------------------------------------------------

CONFIG = (
    "profiles:\n  desk:\n    minutes: 5\n  evening:\n    minutes: 15\n  deep:\n    minutes: 20\n"
)


@pytest.mark.parametrize(
    "args",
    [
        ["start", "--profile"],
        ["plan", "--profile"],
        ["remind", "--profile"],
        ["schedule", "--at", "08:00", "--profile"],
    ],
)
def test_profile_completes_names_from_the_config(isolated_home: Path, args: list[str]) -> None:
    isolated_home.mkdir(parents=True, exist_ok=True)
    (isolated_home / "config.yaml").write_text(CONFIG, encoding="utf-8")
    assert complete(args, "") == ["deep", "desk", "evening"]
    assert complete(args, "de") == ["deep", "desk"]
    assert complete(args, "x") == []


def test_profile_offers_nothing_without_a_config_or_with_a_bad_one(isolated_home: Path) -> None:
    assert complete(["start", "--profile"], "") == []
    isolated_home.mkdir(parents=True, exist_ok=True)
    (isolated_home / "config.yaml").write_text("profiles:\n  desk: [oops\n", encoding="utf-8")
    assert complete(["start", "--profile"], "") == []
    (isolated_home / "config.yaml").write_text("minutes: lots\nprofiles:\n  desk: {}\n")
    assert complete(["start", "--profile"], "") == []


# --- end to end, as bash asks ------------------------------------------------------------------


def _bash_complete(words: str, cword: int, env: dict[str, str]) -> list[str]:
    done = subprocess.run(
        [sys.executable, "-m", "stretchcoach"],
        env={
            **os.environ,
            **env,
            "_STRETCHCOACH_COMPLETE": "bash_complete",
            "COMP_WORDS": words,
            "COMP_CWORD": str(cword),
        },
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=30,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""
    return [line for line in done.stdout.splitlines() if line]


def test_bash_completion_end_to_end(small: Path, isolated_home: Path) -> None:
    isolated_home.mkdir(parents=True, exist_ok=True)
    (isolated_home / "config.yaml").write_text(CONFIG, encoding="utf-8")
    env = {"STRETCHCOACH_HOME": str(isolated_home)}
    assert _bash_complete("stretchcoach plan --positions standing,se", 3, env) == [
        "plain,standing,seated"
    ]
    assert _bash_complete(f"stretchcoach --catalogue {small} show st", 4, env) == [
        "plain,standing-reach"
    ]
    assert _bash_complete("stretchcoach start --profile ev", 3, env) == ["plain,evening"]
    bad = {**env, "STRETCHCOACH_CATALOGUE": str(small.parent / "missing.yaml")}
    assert _bash_complete("stretchcoach show ", 2, bad) == []
