"""A real `stretchcoach start` in a pseudo-terminal, answered key by key (pexpect)."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

pexpect = pytest.importorskip("pexpect")

pytestmark = [
    pytest.mark.pty,
    pytest.mark.skipif(sys.platform == "win32", reason="pexpect.spawn needs a POSIX pty"),
]

REPO = Path(__file__).resolve().parent.parent
TIMEOUT = 20  # seconds; each test normally finishes in one or two
PAIN_CHECK = r"sharp or increasing pain\? \[y/n\] "
PAIN_NOW = r"How is your pain now"
END_NOW = r"end the session now\? \[y/n\] "


def spawn(home: Path, *args: str, speed: str = "200") -> pexpect.spawn:
    env = dict(os.environ, STRETCHCOACH_HOME=str(home), TERM="xterm", COLUMNS="100")
    env.pop("NO_COLOR", None)
    env.pop("STRETCHCOACH_CATALOGUE", None)
    return pexpect.spawn(
        sys.executable,
        ["-m", "stretchcoach", "start", "--minutes", "3", "--seed", "7", "--speed", speed, *args],
        env=env,
        cwd=str(REPO),
        encoding="utf-8",
        timeout=TIMEOUT,
        dimensions=(40, 100),
    )


def answer_intro(child: pexpect.spawn, *, flag: int | None = None) -> None:
    """Safety note, cause menu, pain, the screen (a yes at question ``flag``), floor, begin."""
    child.expect("Please read this first")
    child.expect("Press Enter")
    child.send("\r")
    child.expect("Press 1-6")
    child.send("1")  # posture
    child.expect(r"Pain now \(0-10")
    child.sendline("2")
    asked = 0
    while True:
        index = child.expect([r"floor", r"\[y/n\] "])
        if index == 0:
            break
        asked += 1
        child.send("y" if asked == flag else "n")
        if asked == flag:
            return
    assert asked <= 10  # the screen stays short
    child.expect(r"\[y/n\] ")
    child.send("y")
    child.expect(r"Begin\? \[y/n\] ")
    child.send("y")


def finish(child: pexpect.spawn) -> int:
    child.expect(pexpect.EOF)
    child.close()
    return child.exitstatus


def test_a_full_routine_answered_by_keys(tmp_path: Path) -> None:
    child = spawn(tmp_path)
    answer_intro(child)
    checks = 0
    while True:
        index = child.expect([PAIN_CHECK, PAIN_NOW])
        if index == 1:
            break
        checks += 1
        child.send("n")
    assert checks >= 2  # one check-in after every exercise
    child.sendline("1")
    child.expect("Session summary")
    child.expect("Routine complete")
    child.expect(r"Done: (\d+) of (\d+) exercises")
    done, total = child.match.group(1), child.match.group(2)
    assert done == total == str(checks)
    child.expect("Pain before → after: 2 → 1")
    assert finish(child) == 0
    # The safety note is remembered: the next session does not show it again.
    assert (tmp_path / "disclaimer-acknowledged").exists()
    again = spawn(tmp_path)
    again.expect("Press 1-6")
    assert "Please read this first" not in again.before
    again.sendintr()
    again.expect("Stopped. No routine was started.")
    assert finish(again) == 130


def test_a_red_flag_yes_stops_with_the_emergency_advice(tmp_path: Path) -> None:
    child = spawn(tmp_path)
    answer_intro(child, flag=1)
    child.expect("emergency")
    text = child.before + child.after
    child.expect(pexpect.EOF)
    text += child.before
    assert "Call your local emergency number" in text.replace("\r\n", " ")
    assert "Begin?" not in text
    assert "Traceback" not in text
    child.close()
    assert child.exitstatus == 3


def test_ctrl_c_during_a_hold_then_end_shows_the_summary(tmp_path: Path) -> None:
    child = spawn(tmp_path, speed="10")
    answer_intro(child)
    child.expect("Breathe in")  # a hold is under way
    child.expect("Ctrl-C: pause, skip or end")  # the screen says how
    child.sendintr()
    child.expect(r"Paused\.")
    child.expect(r"\[c\] continue")
    child.send("e")
    child.expect(PAIN_NOW)
    child.sendline("2")
    child.expect("Session summary")
    child.expect("You ended the session early")
    child.expect(r"not reached: [1-9]")
    assert "Traceback" not in child.before
    assert finish(child) == 0


def test_two_pain_reports_end_the_session_with_advice(tmp_path: Path) -> None:
    child = spawn(tmp_path)
    answer_intro(child)
    child.expect(PAIN_CHECK)
    child.send("y")
    child.expect("Thank you for telling me")
    child.expect("No pain, no gain")
    child.expect(END_NOW)
    child.send("n")
    child.expect(PAIN_CHECK)
    child.send("y")
    child.expect("second exercise that hurt")
    child.expect(PAIN_NOW)
    child.sendline("4")
    child.expect("Session summary")
    child.expect("stopped early because of pain")
    child.expect("Pain before → after: 2 → 4")
    assert finish(child) == 0


def test_a_hang_up_mid_routine_saves_the_session_as_interrupted(tmp_path: Path) -> None:
    import signal

    from stretchcoach.history import load_sessions

    child = spawn(tmp_path, speed="10")
    answer_intro(child)
    child.expect("Breathe in")
    child.kill(signal.SIGHUP)
    child.expect(pexpect.EOF)
    text = child.before
    child.close()
    assert child.exitstatus == 128 + signal.SIGHUP
    assert "Traceback" not in text
    (record,) = load_sessions(path=tmp_path / "history.db")
    assert record.ending == "interrupted"
    assert record.exercises[0].outcome == "skipped"
    assert record.exercises[-1].outcome == "not-reached"


def test_the_safety_note_waits_for_enter_and_ignores_other_keys(tmp_path: Path) -> None:
    child = spawn(tmp_path)
    child.expect("Press Enter")
    child.send("x")
    # A stray key neither confirms the note nor moves on to the next question.
    assert child.expect([r"Press 1-6", pexpect.TIMEOUT], timeout=0.5) == 1
    assert not (tmp_path / "disclaimer-acknowledged").exists()
    child.send("\r")
    child.expect("Press 1-6")
    child.sendintr()
    child.expect("No routine was started")
    assert finish(child) == 130


def test_ctrl_c_at_the_check_in_pauses_and_continue_asks_it_again(tmp_path: Path) -> None:
    child = spawn(tmp_path)
    answer_intro(child)
    child.expect(PAIN_CHECK)
    child.sendintr()
    child.expect(r"Paused\.")
    child.expect(r"\[s\] skip this question")
    child.send("c")
    child.expect(PAIN_CHECK)  # the same question again, not the final one
    child.send("n")
    while child.expect([PAIN_CHECK, PAIN_NOW]) == 0:
        child.send("n")
    child.sendline("1")
    child.expect("Routine complete")
    assert finish(child) == 0


def test_after_a_pain_report_the_person_can_end_at_once(tmp_path: Path) -> None:
    child = spawn(tmp_path)
    answer_intro(child)
    child.expect(PAIN_CHECK)
    child.send("y")
    child.expect("Thank you for telling me")
    child.expect("No pain, no gain")
    child.expect(END_NOW)
    child.send("y")
    child.expect(PAIN_NOW)
    child.sendline("3")
    child.expect("stopped early because of pain")
    child.expect("Pain before → after: 2 → 3")
    assert finish(child) == 0
