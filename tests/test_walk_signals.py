"""A timed walk cut short from outside still reaches the history, and the exit code says why.

Runs the real ``stretchcoach walk`` in a subprocess or a pseudo-terminal. The walk's clock is
sped up through the command's ``make_clock`` hook (``--speed`` would make it a practice walk,
which is never saved), so a 10-minute walk takes 10 seconds and nothing waits long.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals and ptys")

REPO = Path(__file__).resolve().parent.parent
#: ``python -c`` this, then the arguments: stretchcoach with the walk's clock 60 times faster.
FAST_WALK = (
    "import sys\n"
    "from stretchcoach.clock import RealClock\n"
    "from stretchcoach.commands import walk\n"
    "walk.make_clock = lambda speed: RealClock(60 * speed)\n"
    "from stretchcoach.cli import main\n"
    "sys.argv[0] = 'stretchcoach'\n"
    "main()\n"
)


def env_for(home: Path) -> dict[str, str]:
    env = dict(os.environ, STRETCHCOACH_HOME=str(home), PYTHONUNBUFFERED="1", COLUMNS="80")
    for name in ("STRETCHCOACH_CATALOGUE", "STRETCHCOACH_NOW", "NO_COLOR"):
        env.pop(name, None)
    return env


def walks(home: Path) -> list[dict[str, Any]]:
    shown = subprocess.run(
        [sys.executable, "-m", "stretchcoach", "history", "--all", "--format", "json"],
        cwd=REPO,
        env=env_for(home),
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert shown.returncode == 0, shown.stderr
    return [entry for entry in json.loads(shown.stdout) if entry["kind"] == "walk"]


def spawn(home: Path, *args: str) -> Any:
    pexpect = pytest.importorskip("pexpect")
    return pexpect.spawn(
        sys.executable,
        ["-c", FAST_WALK, "walk", *args],
        cwd=str(REPO),
        env={**env_for(home), "TERM": "xterm"},
        encoding="utf-8",
        timeout=20,
        dimensions=(24, 80),
    )


def wait_for_exit(child: Any) -> int:
    """The child's exit status, once it has ended by itself (it is never killed here)."""
    deadline = time.monotonic() + 120  # a guard against a hang, not a speed limit
    while child.ptyproc.isalive():
        assert time.monotonic() < deadline, "the walk did not end"
        time.sleep(0.05)
    child.close()
    assert child.ptyproc.signalstatus is None, "killed by a signal, not ended cleanly"
    return int(child.ptyproc.exitstatus)


def close_terminal(child: Any) -> int:
    """Close the terminal under the walk, as closing its window or 'tmux kill-session' does:
    the walk gets SIGHUP and every later write fails."""
    child.ptyproc.fileobj.close()
    return wait_for_exit(child)


@pytest.mark.pty
def test_a_closed_terminal_mid_walk_saves_it_as_interrupted(tmp_path: Path) -> None:
    child = spawn(tmp_path, "--target", "10")
    child.expect("0:4")  # walking for 40 seconds or more: long enough to keep
    assert close_terminal(child) == 128 + signal.SIGHUP
    (saved,) = walks(tmp_path)
    assert saved["ending"] == "interrupted"
    assert saved["timed"] is True
    assert 0.5 <= saved["minutes"] < 10
    assert saved["pain_change"] is None


@pytest.mark.pty
def test_sighup_mid_walk_saves_it_as_interrupted(tmp_path: Path) -> None:
    child = spawn(tmp_path, "--target", "10")
    child.expect("0:4")
    child.kill(signal.SIGHUP)
    child.expect("Saved: a ")
    assert wait_for_exit(child) == 128 + signal.SIGHUP
    (saved,) = walks(tmp_path)
    assert saved["ending"] == "interrupted"


@pytest.mark.pty
def test_sigterm_at_the_pain_question_keeps_the_finished_walk(tmp_path: Path) -> None:
    child = spawn(tmp_path, "--target", "1")
    child.expect("compared with before the walk")
    child.kill(signal.SIGTERM)
    assert wait_for_exit(child) == 128 + signal.SIGTERM
    (saved,) = walks(tmp_path)
    assert (saved["ending"], saved["minutes"], saved["pain_change"]) == ("completed", 1.0, None)


@pytest.mark.pty
def test_a_closed_terminal_at_the_pain_question_keeps_the_finished_walk(tmp_path: Path) -> None:
    child = spawn(tmp_path, "--target", "1")
    child.expect("compared with before the walk")
    assert close_terminal(child) == 128 + signal.SIGHUP
    (saved,) = walks(tmp_path)
    assert (saved["ending"], saved["minutes"], saved["pain_change"]) == ("completed", 1.0, None)


def test_sigterm_mid_walk_without_a_terminal_is_saved_and_said(tmp_path: Path) -> None:
    proc = subprocess.Popen(
        [sys.executable, "-c", FAST_WALK, "walk", "--target", "10"],
        cwd=REPO,
        env=env_for(tmp_path),
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert proc.stdout is not None
    seen = []
    for line in proc.stdout:  # the half-way note: 5 minutes walked
        seen.append(line)
        if "Half way" in line:
            proc.send_signal(signal.SIGTERM)
            break
    out, err = proc.communicate(timeout=30)
    assert any("Walk for 10 minutes" in line for line in seen), "".join(seen)
    assert "Walk stopped after " in out
    assert proc.returncode == 128 + signal.SIGTERM, err
    assert "Saved: a " in err
    assert "Traceback" not in err
    (saved,) = walks(tmp_path)
    assert saved["ending"] == "interrupted"
    assert 5 <= saved["minutes"] < 10


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
def test_a_full_output_device_is_named_and_exits_1(tmp_path: Path) -> None:
    with open("/dev/full", "w") as full:
        done = subprocess.run(
            [sys.executable, "-c", FAST_WALK, "walk", "--target", "1"],
            cwd=REPO,
            env=env_for(tmp_path),
            stdin=subprocess.DEVNULL,
            stdout=full,
            stderr=subprocess.PIPE,
            text=True,
            timeout=60,
        )
    assert done.returncode == 1
    assert "Stopped: the output device is full" in done.stderr
    assert "Traceback" not in done.stderr
    assert walks(tmp_path) == []
