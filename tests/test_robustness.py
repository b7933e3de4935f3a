"""Nothing the user did is lost to an output problem: odd encodings, closed pipes, full disks."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

RUN = [sys.executable, "-m", "stretchcoach"]
START = [
    *RUN,
    "start",
    "--cause",
    "posture",
    "--severity",
    "3",
    "--screened",
    "--condition",
    "none",
]
START += ["--yes", "--plain"]


def env(home: Path, **extra: str) -> dict[str, str]:
    return {**os.environ, "STRETCHCOACH_HOME": str(home), **extra}


def endings(home: Path) -> list[str]:
    out = subprocess.run(
        [*RUN, "history", "--format", "json"], env=env(home), capture_output=True, text=True
    )
    assert out.returncode == 0, out.stderr
    return [s["ending"] for s in json.loads(out.stdout)]


def test_an_output_that_cannot_show_every_character_still_completes_and_saves(
    tmp_path: Path,
) -> None:
    done = subprocess.run(
        [*START, "--minutes", "3", "--speed", "1000"],
        env=env(tmp_path, PYTHONIOENCODING="cp1252"),
        stdin=subprocess.DEVNULL,
        capture_output=True,
    )
    assert done.returncode == 0, done.stderr
    assert b"unexpected" not in done.stderr
    assert b"Session summary" in done.stdout
    assert endings(tmp_path) == ["completed"]


@pytest.mark.skipif(os.name != "posix", reason="closes a POSIX pipe")
def test_a_reader_that_goes_away_mid_routine_ends_it_as_interrupted_and_saves(
    tmp_path: Path,
) -> None:
    proc = subprocess.Popen(
        [*START, "--minutes", "5", "--speed", "50"],
        env=env(tmp_path),
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert proc.stdout is not None
    seen = b""
    while b"Exercise 1 of" not in seen:
        chunk = proc.stdout.read1(4096)
        assert chunk, "the routine should have started"
        seen += chunk
    proc.stdout.close()  # like `| head`: the reader is gone while the routine runs
    _, err = proc.communicate(timeout=30)
    assert proc.returncode == 129
    assert b"has been saved" in err
    assert b"Traceback" not in err
    assert endings(tmp_path) == ["interrupted"]


@pytest.mark.parametrize("speed", ["nan", "inf", "0", "-1"])
def test_a_speed_that_cannot_time_anything_is_a_usage_error(invoke, speed: str) -> None:
    result = invoke(["start", "--cause", "posture", "--severity", "2", "--speed", speed])
    assert result.exit_code == 2
    assert "--speed" in result.stderr


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
def test_a_full_disk_is_one_clear_line(tmp_path: Path) -> None:
    with open("/dev/full", "w") as full:
        done = subprocess.run(
            [*RUN, "list"], env=env(tmp_path), stdout=full, stderr=subprocess.PIPE, text=True
        )
    assert done.returncode == 1
    assert done.stderr.strip() == "Error: could not write the output (No space left on device)."
