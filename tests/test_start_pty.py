"""A real `stretchcoach start` in a pseudo-terminal, answered key by key (pexpect)."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any

import pytest

pexpect = pytest.importorskip("pexpect")

pytestmark = [
    pytest.mark.pty,
    pytest.mark.skipif(sys.platform == "win32", reason="pexpect.spawn needs a POSIX pty"),
]

REPO = Path(__file__).resolve().parent.parent
TIMEOUT = 20  # seconds; each test normally finishes in one or two
#: The check-in after each exercise that was done: three one-key questions in turn.
PAIN_CHECK = r"sharp pain\? \[y/n\] "
LEG_CHECK = r"spreading down a leg\? \[y/n\] "
WORSE_CHECK = r"points worse than when you started \(you said \d+ out of 10\)\? \[y/n\] "
PAIN_NOW = r"How is your pain now"
END_NOW = r"end the session now\? \[y/n\] "
#: The breathing line under a hold's timer (steady, with a movement, on the effort, walking).
HOLD_BREATH = (
    r"Breathe slowly|— breathe (?:in|out)|Breathe out as you lift|Breathe easily as you walk"
)


def check_in(child: pexpect.spawn, *, sharp: bool = False, leg: bool = False) -> None:
    """Answer one check-in whose first question is already on screen (``worse``: no)."""
    child.send("y" if sharp else "n")
    child.expect(LEG_CHECK)
    child.send("y" if leg else "n")
    if not (sharp or leg):
        child.expect(WORSE_CHECK)
        child.send("n")


def no_to_every_check_in(child: pexpect.spawn) -> int:
    """No to every check-in until the final pain question; returns how many check-ins."""
    checks = 0
    while child.expect([PAIN_CHECK, PAIN_NOW]) == 0:
        check_in(child)
        checks += 1
    return checks


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


YES_NO = r"\[y/n(?:/b)?\] "


def answer_health(
    child: pexpect.spawn, yes: frozenset[str] = frozenset(), *, intro: bool = True
) -> None:
    """The health-notes questions: yes to those whose text contains a word of ``yes``."""
    if intro:
        child.expect("A few questions about your health")
    while True:
        index = child.expect([r"Press 1-6", YES_NO])
        if index == 0:
            return
        child.send("y" if any(word in child.before for word in yes) else "n")


def answer_intro(child: pexpect.spawn, *, flag: int | None = None) -> None:
    """Safety note, health notes, cause menu, pain, the screen (a yes at question ``flag``),
    floor, begin."""
    child.expect("Please read this first")
    child.expect("Press Enter")
    child.send("\r")
    answer_health(child)
    child.send("1")  # posture
    child.expect(r"Pain now \(0-10")
    child.sendline("2")
    asked = 0
    while True:
        index = child.expect([r"floor", YES_NO])
        if index == 0:
            break
        asked += 1
        child.send("y" if asked == flag else "n")
        if asked == flag:
            child.expect("b if you pressed y by mistake")
            child.send("\r")
            return
    assert asked <= 40  # one idea per question, but still a short screen
    child.expect(r"\[y/n\] ")
    child.send("y")
    child.expect(r"Begin\? \[y/n\] ")
    child.send("y")


def finish(child: pexpect.spawn) -> int:
    child.expect(pexpect.EOF)
    child.wait()  # let it finish exiting, however busy the machine
    child.close()
    return child.exitstatus


def test_a_full_routine_answered_by_keys(tmp_path: Path) -> None:
    from stretchcoach.history import load_sessions

    child = spawn(tmp_path)
    answer_intro(child)
    checks = no_to_every_check_in(child)
    assert checks >= 2  # one check-in after every exercise
    child.sendline("1")
    child.expect("Session summary")
    child.expect("Routine complete")
    child.expect(r"Done: (\d+) of (\d+) exercises")
    done, total = child.match.group(1), child.match.group(2)
    assert done == total == str(checks)
    child.expect("Pain before → after: 2 → 1")
    child.expect("Practice run")  # --speed 200: kept apart from real sessions
    assert finish(child) == 0
    (record,) = load_sessions(path=tmp_path / "history.db")
    assert record.practice is True
    assert record.ending == "completed"
    # The safety note is remembered: the next session does not show it again.
    assert (tmp_path / "disclaimer-acknowledged").exists()
    again = spawn(tmp_path)
    again.expect("Your health notes: none")
    again.expect("Press Enter if these are still right")
    again.send("\r")
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
    child.wait()
    assert "Call your local emergency number" in text.replace("\r\n", " ")
    assert "Begin?" not in text
    assert "Traceback" not in text
    child.close()
    assert child.exitstatus == 3


def test_ctrl_c_during_a_hold_then_end_shows_the_summary(tmp_path: Path) -> None:
    child = spawn(tmp_path, speed="10")
    answer_intro(child)
    child.expect(HOLD_BREATH)  # a hold is under way
    child.expect("Ctrl-C: pause, skip or end")  # the screen says how
    child.sendintr()
    child.expect(r"Paused\.")
    child.expect(r"\[c\] continue")
    child.send("e")
    child.expect(PAIN_NOW)
    child.sendline("2")
    child.expect("Session summary")
    child.expect(r"Ended early: 0 of \d+ done")
    assert "Routine complete" not in child.before
    child.expect(r"cut short when the session ended: 1, not reached: [1-9]")
    assert "Traceback" not in child.before
    assert finish(child) == 0


def test_two_pain_reports_end_the_session_with_advice(tmp_path: Path) -> None:
    child = spawn(tmp_path, "--minutes", "10")
    answer_intro(child)
    child.expect(PAIN_CHECK)
    check_in(child, sharp=True)
    child.expect("Thank you for telling me")
    child.expect("No pain, no gain")
    child.expect(END_NOW)
    child.send("n")
    child.expect(PAIN_CHECK)
    check_in(child, sharp=True)
    child.expect("second exercise that hurt")
    child.expect(PAIN_NOW)
    child.sendline("4")
    child.expect("Session summary")
    child.expect(r"Stopped because of pain: 1 of \d+ done")
    child.expect("Pain before → after: 2 → 4")
    assert finish(child) == 0


def _first_that_eases_a_later_one(plan: dict) -> tuple[int, list[str]]:
    """In a plan (as 'plan --format json' gives it), the first exercise with a direction of
    movement that a later one shares, where that later one has no easier variant going
    another way (so it is surely left out); and the names of such later ones."""
    from stretchcoach.catalogue import load
    from stretchcoach.runner import directions

    catalogue = load()
    exercises = [catalogue.get(e["id"]) for e in plan["exercises"]]

    def no_way_out(other: Any, ways: frozenset[str]) -> bool:
        easier = catalogue.get(other.easier) if other.easier else None
        return easier is None or bool(ways & directions(easier))

    for i, ex in enumerate(exercises):
        assert ex is not None
        ways = directions(ex)
        later = [
            other.name
            for other in exercises[i + 1 :]
            if other is not None and ways & directions(other) and no_way_out(other, ways)
        ]
        if ways and later:
            return i, later
    raise AssertionError(f"no exercise in this plan eases a later one: {plan['exercises']}")


def test_a_pain_report_names_what_was_left_out_and_why(tmp_path: Path) -> None:
    import json
    import subprocess

    args = ["--cause", "posture", "--severity", "2", "--minutes", "10", "--condition", "none"]
    env = dict(os.environ, STRETCHCOACH_HOME=str(tmp_path))
    env.pop("STRETCHCOACH_CATALOGUE", None)
    planned = subprocess.run(
        [sys.executable, "-m", "stretchcoach", "plan", "--seed", "7", *args, "--format", "json"],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
        check=True,
    )
    hurt, left_out = _first_that_eases_a_later_one(json.loads(planned.stdout))
    child = spawn(tmp_path, *args, "--screened", "--yes", "--plain")
    child.expect(r"floor.*\[y/n\] ")
    child.send("y")
    for _ in range(hurt):
        child.expect(PAIN_CHECK)
        check_in(child)
    child.expect(PAIN_CHECK)
    check_in(child, sharp=True)
    child.expect("Thank you for telling me.")
    child.expect("No pain, no gain")
    said = " ".join(child.before.split())  # the acknowledgement, however it wrapped
    assert "Left out: " in said
    assert "like the one that hurt" in said
    named = said[said.index("Left out: ") :]
    assert any(name in named for name in left_out), (left_out, said)
    assert "exercises left out" not in said  # named, not counted
    index = child.expect([END_NOW, PAIN_NOW])
    if index == 0:
        child.send("y")
        child.expect(PAIN_NOW)
    child.sendline("2")
    child.expect("Session summary")
    assert finish(child) == 0


def test_pain_down_a_leg_ends_the_routine_with_advice(tmp_path: Path) -> None:
    from stretchcoach.history import load_sessions

    child = spawn(tmp_path)
    answer_intro(child)
    child.expect(PAIN_CHECK)
    check_in(child, leg=True)
    child.expect("spreading down a leg is a sign to stop")
    child.expect(PAIN_NOW)
    advice = " ".join(child.before.split())
    assert "emergency number" in advice
    assert "doctor or physiotherapist" in advice
    child.sendline("3")
    child.expect(r"Stopped because of pain: 0 of \d+ done")
    assert finish(child) == 0
    (record,) = load_sessions(path=tmp_path / "history.db")
    assert record.ending == "stopped-for-pain"
    assert record.exercises[0].outcome == "stopped-for-pain"


def test_a_hang_up_mid_routine_saves_the_session_as_interrupted(tmp_path: Path) -> None:
    import signal

    from stretchcoach.history import load_sessions

    child = spawn(tmp_path, speed="10")
    answer_intro(child)
    child.expect(HOLD_BREATH)
    child.kill(signal.SIGHUP)
    child.expect(pexpect.EOF)
    text = child.before
    child.wait()
    child.close()
    assert child.exitstatus == 128 + signal.SIGHUP
    assert "Traceback" not in text
    (record,) = load_sessions(path=tmp_path / "history.db")
    assert record.ending == "interrupted"
    assert record.exercises[0].outcome == "ended"  # cut short by the hang-up, not skipped
    assert record.exercises[-1].outcome == "not-reached"


def test_the_safety_note_waits_for_enter_and_ignores_other_keys(tmp_path: Path) -> None:
    child = spawn(tmp_path)
    child.expect("Press Enter")
    child.send("x")
    # A stray key neither confirms the note nor moves on to the next question.
    assert child.expect([r"your health", pexpect.TIMEOUT], timeout=0.5) == 1
    assert not (tmp_path / "disclaimer-acknowledged").exists()
    child.send("\r")
    child.expect("A few questions about your health")
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
    check_in(child)
    no_to_every_check_in(child)
    child.sendline("1")
    child.expect("Routine complete")
    assert finish(child) == 0


def test_after_a_pain_report_the_person_can_end_at_once(tmp_path: Path) -> None:
    child = spawn(tmp_path, "--minutes", "10")
    answer_intro(child)
    child.expect(PAIN_CHECK)
    check_in(child, sharp=True)
    child.expect("Thank you for telling me")
    child.expect("No pain, no gain")
    child.expect(END_NOW)
    child.send("y")
    child.expect(PAIN_NOW)
    child.sendline("3")
    child.expect(r"Stopped because of pain: 0 of \d+ done")
    child.expect("Pain before → after: 2 → 3")
    assert finish(child) == 0


def screen_lines(stream: str, width: int = 100) -> list[str]:
    """What a terminal ``width`` columns wide shows after ``stream`` (the few controls Rich
    and the pty use: CR, LF, cursor up, erase line; colours ignored; long lines wrap)."""
    import re

    rows: list[list[str]] = [[]]
    r = c = 0
    wrap = False
    i = 0
    control = re.compile(r"\x1b\[([0-9;?]*)([A-Za-z])|\x1b\][^\x07]*\x07")
    while i < len(stream):
        m = control.match(stream, i)
        if m:
            i = m.end()
            if m.group(2) == "A":
                r, wrap = max(0, r - int(m.group(1) or 1)), False
            elif m.group(2) == "K":
                rows[r] = [] if m.group(1) == "2" else rows[r][:c]
            continue
        ch = stream[i]
        i += 1
        if ch == "\r":
            c, wrap = 0, False
        elif ch == "\n":
            r, wrap = r + 1, False
        elif ch >= " ":
            if wrap:
                r, c, wrap = r + 1, 0, False
            while len(rows) <= r:
                rows.append([])
            row = rows[r]
            row.extend(" " * (c + 1 - len(row)))
            row[c] = ch
            c += 1
            if c == width:
                c, wrap = width - 1, True
        while len(rows) <= r:
            rows.append([])
    return ["".join(row).rstrip() for row in rows]


def test_pausing_leaves_no_copy_of_the_live_panel_on_screen(tmp_path: Path) -> None:
    import io

    child = spawn(tmp_path, speed="10")
    seen = io.StringIO()
    child.logfile_read = seen
    answer_intro(child)
    start = len(seen.getvalue())
    child.expect(HOLD_BREATH)  # a hold is under way
    assert child.getecho() is False  # keys (and ^C) do not echo into the panel
    child.sendintr()
    child.expect(r"Paused\.")
    child.send("c")
    child.expect("Ctrl-C: pause, skip or end")  # the panel is back
    child.sendintr()
    child.expect(r"Paused\.")
    child.send("e")
    child.expect(PAIN_NOW)
    assert child.getecho() is True  # typing is visible again for the answer
    child.sendline("2")
    child.expect("Session summary")
    assert finish(child) == 0
    shown = screen_lines(seen.getvalue()[start:])
    headers = [line for line in shown if line.startswith("╭─ Exercise")]
    assert headers == []  # every panel was cleared before the pause menu and the summary
    assert sum(line.startswith("Paused.") for line in shown) == 2
    # The cleared panel leaves one line naming the exercise that was cut short.
    assert any(line.startswith("Exercise 1 of ") for line in shown)


# ----------------------------------------------------------------------------- health notes


def answer_screen(child: pexpect.spawn, yes: tuple[str, ...] = ()) -> str:
    """Answer the screen: yes where the question contains one of ``yes``; returns its text."""
    seen = ""
    while True:
        index = child.expect([r"floor", YES_NO])
        seen += child.before
        if index == 0:
            return seen
        child.send("y" if any(words in child.before for words in yes) else "n")


def run_to_the_end(child: pexpect.spawn) -> None:
    """Floor yes, begin, no to every check-in, pain 1 at the end."""
    child.expect(r"\[y/n\] ")
    child.send("y")
    child.expect(r"Begin\? \[y/n\] ")
    child.send("y")
    no_to_every_check_in(child)
    child.sendline("1")
    child.expect("Session summary")


def test_a_pregnant_person_who_picks_long_sitting_gets_nothing_lying_on_back_or_front(
    tmp_path: Path,
) -> None:
    from stretchcoach.catalogue import load
    from stretchcoach.history import load_sessions

    child = spawn(tmp_path)
    child.expect("Press Enter")
    child.send("\r")
    child.expect("A few questions about your health")
    child.expect(YES_NO)
    assert "pregnant" in child.before
    child.send("y")
    child.expect(r"How many weeks pregnant")
    child.sendline("24")
    answer_health(child, intro=False)  # the rest: no
    child.send("1")  # long sitting, not pregnancy
    child.expect(r"Pain now \(0-10")
    child.sendline("2")
    screen = answer_screen(child)
    assert "moving less than usual" in " ".join(screen.split())  # pregnancy signs follow
    run_to_the_end(child)
    assert finish(child) == 0
    catalogue = load()
    (session,) = load_sessions(path=tmp_path / "history.db")
    positions = {catalogue.get(o.id).position for o in session.exercises}  # type: ignore[union-attr]
    assert positions
    assert not positions & {"supine", "prone"}
    assert session.cause == "posture"


def test_cancer_checked_by_a_doctor_and_unchanged_runs_a_routine(tmp_path: Path) -> None:
    child = spawn(tmp_path)
    child.expect("Press Enter")
    child.send("\r")
    answer_health(child)
    child.send("1")
    child.expect(r"Pain now \(0-10")
    child.sendline("2")
    screen = answer_screen(child, yes=("ever had cancer", "checked this back pain"))
    assert "spread to your spine" in screen
    assert "changed since" in screen
    said = " ".join((screen + child.before).split())
    assert "the gentle one" in said  # gentle the first time after the check
    run_to_the_end(child)
    assert finish(child) == 0
    notes = (tmp_path / "health.json").read_text(encoding="utf-8")
    assert "cancer-checked" in notes  # remembered: next time only "has anything changed?"


def test_b_goes_back_and_changes_the_previous_answer(tmp_path: Path) -> None:
    child = spawn(tmp_path)
    child.expect("Press Enter")
    child.send("\r")
    answer_health(child)
    child.send("1")
    child.expect(r"Pain now \(0-10")
    child.sendline("2")
    child.expect(YES_NO)
    first = child.before.splitlines()[-1]
    child.send("y")  # a slip: yes to an emergency sign
    child.expect("b if you pressed y by mistake")
    child.send("b")
    child.expect(YES_NO)
    assert child.before.splitlines()[-1] == first  # the same question again
    child.send("n")
    child.expect(r"\[y/n/b\] ")
    second = child.before.splitlines()[-1]
    child.send("b")  # back from the second question to the first
    child.expect(YES_NO)
    assert child.before.splitlines()[-1] == first
    child.send("n")
    child.expect(r"\[y/n/b\] ")
    assert child.before.splitlines()[-1] == second
    child.sendintr()
    child.expect("No routine was started")
    assert finish(child) == 130


# ----------------------------------------------------------------------------- small terminals


def panel_rows(stream: str) -> list[str]:
    """The rows of the last live panel ``stream`` leaves on a 100-column screen."""
    shown = screen_lines(stream)
    top = max(i for i, line in enumerate(shown) if line.startswith("╭─ Exercise"))
    # A panel cropped by the terminal has no bottom border: then it runs to the last row.
    bottom = next((i for i in range(top, len(shown)) if shown[i].startswith("╰")), len(shown))
    return shown[top : bottom + 1]


def test_a_twelve_row_terminal_keeps_the_countdown_phase_and_breathing(tmp_path: Path) -> None:
    import io
    import re

    child = spawn(tmp_path, speed="10")
    child.setwinsize(12, 100)
    seen = io.StringIO()
    child.logfile_read = seen
    answer_intro(child)
    start = len(seen.getvalue())
    child.expect(HOLD_BREATH)  # a hold is under way
    child.expect(r"\d:\d\d")  # and the panel has been redrawn at least once more
    rows = panel_rows(seen.getvalue()[start:])
    assert len(rows) <= 11, rows  # the whole panel fits, with a row to spare
    timer = [row for row in rows if re.search(r"│ (Hold|Move|Walk)\b.*\d:\d\d", row)]
    assert timer, rows  # the phase and its countdown
    assert any(re.search(HOLD_BREATH, row) for row in rows), rows
    assert not any(re.search(r"│ 1\. ", row) for row in rows), rows  # the steps went first
    child.sendintr()
    child.expect(r"Paused\.")
    child.send("e")
    child.expect(PAIN_NOW)
    child.sendline("2")
    child.expect("Session summary")
    assert finish(child) == 0


def test_shrinking_the_terminal_mid_hold_redraws_a_panel_that_fits(tmp_path: Path) -> None:
    import io
    import re

    child = spawn(tmp_path, speed="10")
    seen = io.StringIO()
    child.logfile_read = seen
    answer_intro(child)
    child.expect(HOLD_BREATH)
    tall = panel_rows(seen.getvalue())
    assert any(re.search(r"│ 1\. ", row) for row in tall)  # 40 rows: the steps are shown
    child.setwinsize(12, 100)
    resized = len(seen.getvalue())
    child.expect(r"\x1b\[2J")  # the old panel is cleared, not left behind torn
    child.expect(r"\d:\d\d")
    rows = panel_rows(seen.getvalue()[resized:])
    assert len(rows) <= 11, rows
    assert any(re.search(r"│ (Hold|Move|Walk)\b.*\d:\d\d", row) for row in rows), rows
    child.sendintr()
    child.expect(r"Paused\.")
    child.send("e")
    child.expect(PAIN_NOW)
    child.sendline("2")
    child.expect("Session summary")
    assert finish(child) == 0


# ----------------------------------------------------------------------------- pause and redraw


def _unread(child: pexpect.spawn) -> int:
    """Bytes the program has written that the terminal (this test) has not read yet."""
    import fcntl
    import struct
    import termios

    raw = fcntl.ioctl(child.child_fd, termios.FIONREAD, b"\0\0\0\0")
    return int(struct.unpack("i", raw)[0])


def _wait_until_blocked(child: pexpect.spawn) -> None:
    """Stop reading until the terminal's buffer is full: the program is then blocked partway
    through writing a frame of the live panel, as on a slow terminal."""
    import time

    deadline = time.monotonic() + TIMEOUT
    while _unread(child) < 4000:  # a pty holds about 4 KB; a frame at 100 columns is more
        assert time.monotonic() < deadline, "the panel stopped being drawn"
        time.sleep(0.01)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="FIONREAD on a pty master")
def test_ctrl_c_on_a_slow_terminal_clears_only_the_panel(tmp_path: Path) -> None:
    """Ctrl-C while a frame is only partly shown: the earlier lines stay on screen.

    The terminal discards output it has not shown yet when Ctrl-C is pressed (unless told
    not to); clearing the panel from where the cursor would have been then erased the lines
    above it: the plan, the stop rules, the person's answers.
    """
    import io

    child = spawn(tmp_path, speed="10")
    seen = io.StringIO()
    child.logfile_read = seen
    answer_intro(child)
    child.expect(HOLD_BREATH)
    _wait_until_blocked(child)
    child.sendintr()
    child.expect(r"Paused\.")
    child.expect(r"end the session: ")
    shown = screen_lines(seen.getvalue())
    paused = max(i for i, line in enumerate(shown) if line.startswith("Paused."))
    above = [line for line in shown[:paused] if line.strip()]
    assert any(line.startswith("Before you start:") for line in above), above[-5:]
    assert above[-1].startswith("Begin? [y/n] y"), above[-5:]  # the last answer is kept
    assert not any(line.startswith("╭─ Exercise") for line in above)  # the panel is gone
    child.send("e")
    child.expect(PAIN_NOW)
    child.sendline("2")
    child.expect("Session summary")
    assert finish(child) == 0


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="job control in a pty")
def test_ctrl_z_then_fg_leaves_no_piece_of_the_old_panel(tmp_path: Path) -> None:
    """Ctrl-Z in a shell, then ``fg``: the panel is cleared before the program stops, so the
    shell's lines do not push it down, and no fragment of it stays above the next panel."""
    import io
    import shutil

    bash = shutil.which("bash")
    if bash is None:
        pytest.skip("needs bash for job control")
    env = dict(os.environ, STRETCHCOACH_HOME=str(tmp_path), TERM="xterm", PS1="$ ")
    for name in ("NO_COLOR", "STRETCHCOACH_CATALOGUE", "COLUMNS", "LINES"):
        env.pop(name, None)
    child = pexpect.spawn(
        bash,
        ["--norc", "--noprofile", "-i"],
        env=env,
        cwd=str(REPO),
        encoding="utf-8",
        timeout=TIMEOUT,
        dimensions=(40, 60),
    )
    seen = io.StringIO()
    child.logfile_read = seen
    child.expect(r"\$ ")
    args = "--minutes 3 --seed 7 --speed 10 --cause posture --severity 2 --condition none"
    child.sendline(f"{sys.executable} -m stretchcoach start {args} --screened --yes")
    child.expect(r"floor.*\[y/n\] ")
    child.send("y")
    child.expect(HOLD_BREATH)
    child.sendcontrol("z")
    child.expect("Stopped")
    child.expect(r"\$ ")
    child.sendline("fg")
    child.expect(HOLD_BREATH)  # drawn again, below the shell's lines
    child.expect(PAIN_CHECK)
    shown = screen_lines(seen.getvalue(), width=60)
    asked = max(i for i, line in enumerate(shown) if "sharp pain?" in line)
    intro = max(i for i, line in enumerate(shown) if "not a sign of harm" in line)
    fragments = [line for line in shown[intro:asked] if line.startswith(("╭", "│", "╰"))]
    assert fragments == [], fragments[:6]
    stopped = max(i for i, line in enumerate(shown) if "Stopped" in line)
    assert all(not line.strip() for line in shown[intro + 1 : stopped])  # nothing in between
    child.sendintr()
    child.expect(r"Paused\.")
    child.send("e")
    child.expect(PAIN_NOW)
    child.sendline("1")
    child.expect("Session summary")
    child.expect(r"\$ ")
    child.sendline("exit")
    child.expect(pexpect.EOF)
    child.close()
