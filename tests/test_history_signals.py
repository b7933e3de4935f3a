"""A routine cut short from outside still reaches the history, as "interrupted".

Runs the real ``stretchcoach start`` (at high --speed, so nothing waits long): once ended by
SIGTERM with no terminal, once in a pseudo-terminal that is closed under it.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals and ptys")

REPO = Path(__file__).resolve().parent.parent
START = [
    "-m", "stretchcoach", "start", "--cause", "posture", "--severity", "2", "--screened",
    "--condition", "none", "--yes", "--minutes", "3", "--seed", "7", "--speed", "20",
]  # fmt: skip


def env_for(home: Path) -> dict[str, str]:
    env = dict(os.environ, STRETCHCOACH_HOME=str(home), PYTHONUNBUFFERED="1", COLUMNS="100")
    env.pop("STRETCHCOACH_CATALOGUE", None)
    return env


def history_json(home: Path) -> list[dict]:
    shown = subprocess.run(
        [sys.executable, "-m", "stretchcoach", "history", "--format", "json"],
        cwd=REPO,
        env=env_for(home),
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert shown.returncode == 0, shown.stderr
    return json.loads(shown.stdout)


def test_sigterm_mid_routine_is_saved_as_interrupted(tmp_path: Path) -> None:
    proc = subprocess.Popen(
        [sys.executable, *START, "--plain"],
        cwd=REPO,
        env=env_for(tmp_path),
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert proc.stdout is not None
    seen = []
    for line in proc.stdout:  # wait for the routine itself, not the questions before it
        seen.append(line)
        if "Hold" in line:
            proc.send_signal(signal.SIGTERM)
            break
    _, err = proc.communicate(timeout=30)
    assert any("Hold" in line for line in seen), "".join(seen)
    assert proc.returncode == 128 + signal.SIGTERM, err
    assert "Traceback" not in err
    (session,) = history_json(tmp_path)
    assert session["ending"] == "interrupted"
    assert session["ended_at"] is not None
    assert session["minutes_done"] < 3
    assert session["practice"] is True  # --speed 20: a sped-up run
    outcomes = [e["outcome"] for e in session["exercises"]]
    assert outcomes[-1] == "not-reached"
    assert set(outcomes) <= {"done", "ended", "not-reached"}
    assert outcomes.count("ended") == 1  # the one under way was cut short, not skipped


@pytest.mark.pty
def test_a_closed_terminal_mid_routine_is_saved_as_interrupted(tmp_path: Path) -> None:
    pexpect = pytest.importorskip("pexpect")
    child = pexpect.spawn(
        sys.executable,
        [*START, "--positions", "standing,seated"],
        cwd=str(REPO),
        env={**env_for(tmp_path), "TERM": "xterm"},
        encoding="utf-8",
        timeout=20,
        dimensions=(40, 100),
    )
    child.expect("Hold")  # the routine is running
    # The terminal goes away under it: closing the master side hangs up the child's session.
    # (pexpect's close(force=True) would SIGKILL a child still saving after 0.1 s, which a
    # busy machine turns into a spurious failure; here the child gets all the time it needs.)
    child.ptyproc.fileobj.close()
    deadline = time.monotonic() + 120  # a guard against a hang, not a speed limit
    while child.ptyproc.isalive():
        assert time.monotonic() < deadline, "the routine did not end after its terminal closed"
        time.sleep(0.05)
    child.close()
    assert child.ptyproc.exitstatus == 128 + signal.SIGHUP  # ended on the hang-up, not killed
    (session,) = history_json(tmp_path)
    assert session["ending"] == "interrupted"
    assert session["checkins_asked"] is True
    assert session["exercises"][-1]["outcome"] == "not-reached"
    assert [e["outcome"] for e in session["exercises"]].count("ended") == 1
