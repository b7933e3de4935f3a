"""``stretchcoach walk``: timed (on a fake clock), logged, the plan, bad input, signals."""

from __future__ import annotations

import io
import json
import os
import signal
import sys
from collections.abc import Callable, Iterator
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from click.testing import Result

from stretchcoach import history
from stretchcoach.clock import FakeClock
from stretchcoach.commands import walk as walk_cmd
from stretchcoach.commands._options import NOW_ENV
from stretchcoach.ui.prompter import KeyPrompter
from stretchcoach.ui.walk import PainPrompter

NOW = datetime(2026, 12, 1, 9, 30, tzinfo=timezone.utc)  # a Tuesday


@pytest.fixture(autouse=True)
def fixed_time(monkeypatch: pytest.MonkeyPatch) -> FakeClock:
    clock = FakeClock()
    monkeypatch.setenv(NOW_ENV, NOW.isoformat())
    monkeypatch.setattr(walk_cmd, "make_clock", lambda speed: clock)
    return clock


@pytest.fixture
def as_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    from stretchcoach import ui

    monkeypatch.setattr(ui, "stdin_is_tty", lambda: True)


def test_log_a_walk_and_see_it_in_the_history_json(invoke: Callable[..., Result]) -> None:
    result = invoke(["walk", "--minutes", "20", "--pain", "same"])
    assert result.exit_code == 0, result.output
    assert "Saved: a 20-minute walk." in result.stderr
    (saved,) = history.load_walks()
    assert (saved.minutes, saved.timed, saved.ending, saved.pain_change) == (
        20,
        False,
        "logged",
        "same",
    )
    shown = json.loads(invoke(["history", "--all", "--format", "json"]).stdout)
    assert shown == [
        {
            "kind": "walk",
            "started_at": "2026-12-01T09:30:00+00:00",
            "minutes": 20.0,
            "planned_minutes": None,
            "timed": False,
            "ending": "logged",
            "pain_change": "same",
        }
    ]


def test_a_logged_walk_asks_the_pain_check_on_a_terminal(
    invoke: Callable[..., Result], as_terminal: None
) -> None:
    result = invoke(["walk", "--minutes", "10"], input="m\n")
    assert result.exit_code == 0, result.output
    assert history.load_walks()[0].pain_change == "much-worse"
    assert "see a doctor or physiotherapist" in result.stderr


@pytest.mark.parametrize("value", ["0", "301", "-5", "abc", "2.5", "²", "1²"])
def test_minutes_outside_1_to_300_is_one_line_exit_2_and_nothing_is_lost(
    invoke: Callable[..., Result], value: str
) -> None:
    assert invoke(["walk", "--minutes", "15"]).exit_code == 0
    db = history._default_path(None)
    before = db.read_bytes()
    result = invoke(["walk", "--minutes", value])
    assert result.exit_code == 2
    assert result.stderr.strip().count("\n") == 0
    assert "1 to 300" in result.stderr
    assert "Traceback" not in result.output
    assert db.read_bytes() == before
    assert len(history.load_walks()) == 1


def test_contradictory_options_are_usage_errors(invoke: Callable[..., Result]) -> None:
    for args in (
        ["walk", "--plan", "--minutes", "5"],
        ["walk", "--minutes", "5", "--target", "5"],
        ["walk", "--pain", "same"],
    ):
        result = invoke(args)
        assert result.exit_code == 2, args
        assert result.stderr.startswith("Error: ")
    assert history.load_walks() == []


def test_a_timed_walk_turns_back_at_half_time_then_asks_one_key(
    invoke: Callable[..., Result], as_terminal: None, fixed_time: FakeClock
) -> None:
    result = invoke(["walk", "--target", "12"], input="b\n")
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert out.index("Walk for 12 minutes, turning back at 6:00") < out.index("Half way")
    assert out.index("turn back now") < out.index("That's the time")
    assert "compared with before the walk?" in result.output
    assert fixed_time.now() == 12 * 60  # the whole walk ran on the fake clock
    (saved,) = history.load_walks()
    assert (saved.minutes, saved.planned_minutes, saved.timed, saved.ending) == (
        12,
        12,
        True,
        "completed",
    )
    assert saved.pain_change == "better"


def test_ctrl_c_ends_a_timed_walk_early_and_it_is_still_saved(
    invoke: Callable[..., Result], monkeypatch: pytest.MonkeyPatch
) -> None:
    clock = FakeClock(interrupts=[180])
    monkeypatch.setattr(walk_cmd, "make_clock", lambda speed: clock)
    result = invoke(["walk", "--target", "10"])
    assert result.exit_code == 0, result.output
    assert "Walk ended after 3:00" in result.stdout
    (saved,) = history.load_walks()
    assert (saved.minutes, saved.ending, saved.pain_change) == (3, "ended-early", None)


def test_a_walk_ended_at_once_is_not_saved(
    invoke: Callable[..., Result], monkeypatch: pytest.MonkeyPatch
) -> None:
    clock = FakeClock(interrupts=[5])
    monkeypatch.setattr(walk_cmd, "make_clock", lambda speed: clock)
    result = invoke(["walk"])
    assert result.exit_code == 0
    assert "nothing was saved" in result.stderr
    assert history.load_walks() == []


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")
def test_sigterm_mid_walk_saves_it_as_interrupted_and_exits_143(
    invoke: Callable[..., Result], monkeypatch: pytest.MonkeyPatch
) -> None:
    class KilledAt(FakeClock):
        def sleep_until(self, deadline: float) -> None:
            super().sleep_until(deadline)
            if self.t >= 240:
                os.kill(os.getpid(), signal.SIGTERM)

    monkeypatch.setattr(walk_cmd, "make_clock", lambda speed: KilledAt())
    result = invoke(["walk", "--target", "10"])
    assert result.exit_code == 128 + signal.SIGTERM
    (saved,) = history.load_walks()
    assert saved.ending == "interrupted"
    assert saved.minutes == 4
    assert signal.getsignal(signal.SIGTERM) is signal.SIG_DFL


def test_a_sped_up_walk_is_a_practice_and_is_not_saved(invoke: Callable[..., Result]) -> None:
    result = invoke(["walk", "--target", "1", "--speed", "60"])
    assert result.exit_code == 0
    assert "not saved" in result.stderr
    assert history.load_walks() == []


def test_the_plan_before_any_walk_and_during_the_baseline(invoke: Callable[..., Result]) -> None:
    empty = json.loads(invoke(["walk", "--plan", "--format", "json"]).stdout)
    assert empty["phase"] == "no-walks"
    assert empty["this_week"] is None
    text = invoke(["walk", "--plan"])
    assert "first week of walking sets the baseline" in text.stdout
    invoke(["walk", "--minutes", "12"])
    data = json.loads(invoke(["walk", "--plan", "--format", "json"]).stdout)
    assert data["phase"] == "baseline"
    assert data["plan_starts"] == "2026-12-07"
    assert data["done_this_week"] == {"walks": 1, "days": 1, "minutes": 12.0}


def test_the_plan_after_the_baseline_week(
    invoke: Callable[..., Result], monkeypatch: pytest.MonkeyPatch
) -> None:
    for back in (8, 7, 6):  # Mon 23, Tue 24, Wed 25 November: 10 minutes each
        day = NOW - timedelta(days=back)
        assert history.save_walk(walk_cmd_record(day, 10)) is None
    data = json.loads(invoke(["walk", "--plan", "--format", "json"]).stdout)
    assert data["phase"] == "plan"
    assert data["baseline"]["days_per_week"] == 3
    week = data["this_week"]
    assert set(week) == {
        "week_of",
        "days",
        "minutes_per_walk",
        "seconds_per_walk",
        "weekly_minutes",
        "step",
        "reason",
    }
    assert (week["week_of"], week["step"], week["days"]) == ("2026-11-30", "start", 3)
    assert week["weekly_minutes"] == 27.0
    text = invoke(["walk", "--plan"]).stdout
    assert "This week: 9 minutes a walk, on 3 days." in text


def walk_cmd_record(day: datetime, minutes: float):  # type: ignore[no-untyped-def]
    from stretchcoach.walking import WalkRecord

    return WalkRecord(day, minutes)


def test_a_damaged_history_is_exit_1_and_left_byte_for_byte(
    invoke: Callable[..., Result], isolated_home: Path
) -> None:
    db = history._default_path(None)
    db.parent.mkdir(parents=True, exist_ok=True)
    db.write_bytes(b"this is not a database" * 50)
    before = db.read_bytes()
    for args in (["walk", "--plan"], ["walk", "--minutes", "10"], ["week"], ["history"]):
        result = invoke(args)
        assert result.exit_code == 1, args
        assert str(db) in " ".join(result.stderr.split())
        assert "Traceback" not in result.output
    assert db.read_bytes() == before


def test_walks_show_in_the_history_table_and_the_report(
    invoke: Callable[..., Result], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv(NOW_ENV)  # the real "now", as the walk is looked for in recent days
    invoke(["walk", "--minutes", "25", "--pain", "worse"])
    table = invoke(["history"])
    assert table.exit_code == 0
    assert "Walks in the last 7 days: 1 (25 minutes)" in table.stdout
    assert "a little worse" in table.stdout
    report = invoke(["report", "--format", "json"])
    data = json.loads(report.stdout)
    assert data["walking"]["walks"] == 1
    assert data["walking"]["back_worse_after"] == 1
    assert data["walking"]["list"][0]["minutes"] == 25.0
    md = invoke(["report"]).stdout
    assert "## Walks" in md
    assert "1 walk on 1 day, 25 minutes in all" in md


def test_help_has_an_example(invoke: Callable[..., Result]) -> None:
    result = invoke(["walk", "--help"])
    assert result.exit_code == 0
    assert "stretchcoach walk --minutes 20" in result.stdout


# --- what a user test of the walk found ------------------------------------------------------


def answering(key: Callable[[], str]) -> Callable[[], KeyPrompter]:
    """A make_prompter that reads keys from ``key`` and writes to stdout."""
    return lambda: PainPrompter(out=sys.stdout, key=key, flush=lambda: None)


@pytest.fixture
def sigterm_guard() -> Iterator[Callable[[int, object], None]]:
    """A SIGTERM the walk does not catch fails the test (instead of ending the test run)."""

    def guard(signum: int, frame: object) -> None:
        raise AssertionError("SIGTERM was not caught by the walk")

    previous = signal.signal(signal.SIGTERM, guard)
    yield guard
    signal.signal(signal.SIGTERM, previous)


def sigterm_key() -> str:
    os.kill(os.getpid(), signal.SIGTERM)
    raise AssertionError("SIGTERM did not end the question")


def ctrl_c_key() -> str:
    raise KeyboardInterrupt


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")
def test_sigterm_at_the_pain_question_keeps_the_finished_walk_and_exits_143(
    invoke: Callable[..., Result],
    as_terminal: None,
    monkeypatch: pytest.MonkeyPatch,
    sigterm_guard: Callable[[int, object], None],
) -> None:
    monkeypatch.setattr(walk_cmd, "make_prompter", answering(sigterm_key))
    result = invoke(["walk", "--target", "5"])
    assert result.exit_code == 128 + signal.SIGTERM, result.output
    (saved,) = history.load_walks()
    assert (saved.minutes, saved.ending, saved.pain_change) == (5, "completed", None)
    assert "Saved: a 5-minute walk." in result.stderr
    assert signal.getsignal(signal.SIGTERM) is sigterm_guard  # put back as it was


def test_ctrl_c_at_the_pain_question_of_a_timed_walk_keeps_it(
    invoke: Callable[..., Result], as_terminal: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(walk_cmd, "make_prompter", answering(ctrl_c_key))
    result = invoke(["walk", "--target", "5"])
    assert result.exit_code == 0, result.output
    (saved,) = history.load_walks()
    assert (saved.ending, saved.pain_change) == ("completed", None)


def walk_lines(result: Result) -> list[str]:
    """The lines, after the walk began, about how it ended and whether it was kept."""
    after = result.output.split("Ctrl-C ends the walk early", 1)[1].splitlines()[1:]
    words = ("Walk ended", "Walk stopped", "saved", "kept", "counts")
    return [line for line in after if any(word in line for word in words)]


def test_ctrl_c_in_the_first_seconds_is_one_true_line(
    invoke: Callable[..., Result], monkeypatch: pytest.MonkeyPatch
) -> None:
    clock = FakeClock(interrupts=[9])
    monkeypatch.setattr(walk_cmd, "make_clock", lambda speed: clock)
    result = invoke(["walk", "--target", "10"])
    assert result.exit_code == 0
    assert walk_lines(result) == ["Walk ended after 0:09: under 30 seconds, so nothing was saved."]
    assert history.load_walks() == []


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")
def test_sigterm_in_the_first_seconds_is_one_true_line_and_exits_143(
    invoke: Callable[..., Result], monkeypatch: pytest.MonkeyPatch
) -> None:
    class KilledAt(FakeClock):
        def sleep_until(self, deadline: float) -> None:
            super().sleep_until(deadline)
            if self.t >= 6:
                os.kill(os.getpid(), signal.SIGTERM)

    monkeypatch.setattr(walk_cmd, "make_clock", lambda speed: KilledAt())
    result = invoke(["walk", "--target", "10"])
    assert result.exit_code == 128 + signal.SIGTERM
    assert walk_lines(result) == ["Walk ended after 0:06: under 30 seconds, so nothing was saved."]
    assert history.load_walks() == []


def test_ctrl_c_at_the_pain_question_of_a_logged_walk_cancels_it(
    invoke: Callable[..., Result], as_terminal: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(walk_cmd, "make_prompter", answering(ctrl_c_key))
    result = invoke(["walk", "--minutes", "10"])
    assert result.exit_code == 130
    assert result.stderr.strip() == "Stopped: the walk was not logged; nothing was saved."
    assert history.load_walks() == []


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")
def test_sigterm_at_the_pain_question_of_a_logged_walk_keeps_it(
    invoke: Callable[..., Result],
    as_terminal: None,
    monkeypatch: pytest.MonkeyPatch,
    sigterm_guard: Callable[[int, object], None],
) -> None:
    monkeypatch.setattr(walk_cmd, "make_prompter", answering(sigterm_key))
    result = invoke(["walk", "--minutes", "10"])
    assert result.exit_code == 128 + signal.SIGTERM
    (saved,) = history.load_walks()
    assert (saved.minutes, saved.pain_change) == (10, None)


def block_the_data_folder() -> Path:
    """Put a plain file where the data folder should be; returns its path."""
    folder = history._default_path(None).parent
    folder.parent.mkdir(parents=True, exist_ok=True)
    folder.write_text("not a folder\n", encoding="utf-8")
    return folder


def test_a_logged_walk_that_cannot_be_saved_is_exit_1_naming_the_path(
    invoke: Callable[..., Result],
) -> None:
    folder = block_the_data_folder()
    result = invoke(["walk", "--minutes", "5", "--pain", "same"])
    assert result.exit_code == 1
    assert result.stderr == f"Error: Could not save the walk: {folder} is not a folder.\n"
    assert result.stdout == ""
    assert folder.read_text(encoding="utf-8") == "not a folder\n"


def test_a_timed_walk_that_cannot_be_saved_says_so_first_and_exits_1(
    invoke: Callable[..., Result],
) -> None:
    folder = block_the_data_folder()
    result = invoke(["walk", "--target", "2"])
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    assert lines == [
        f"Warning: {folder} is not a folder, so this walk cannot be saved.",
        f"Error: Could not save the walk: {folder} is not a folder.",
    ]
    assert "Saved" not in result.output


def test_the_walk_length_agrees_with_the_timer(monkeypatch: pytest.MonkeyPatch) -> None:
    from stretchcoach.ui import walk as view
    from stretchcoach.walking import walk_plan

    shown: list[str] = []
    monkeypatch.setattr(view, "_say", lambda text, **kw: shown.append(text))
    monkeypatch.setattr(view.click, "echo", lambda text="", **kw: shown.append(str(text)))
    screen = view.WalkScreen(plan=walk_plan([], NOW.date()), chosen=True)
    screen.live = True
    screen.started(seconds=880)
    screen.tick(elapsed=1, seconds=880)
    assert shown[0].startswith("Walk for 14 minutes 40 seconds, turning back at 7:20.")
    assert "0:01 of 14:40" in shown[-1]
    assert view.duration_text(60) == "1 minute"
    assert view.duration_text(61) == "1 minute 1 second"
    assert view.duration_text(45) == "45 seconds"
    assert view.duration_text(720) == "12 minutes"


def test_the_plan_start_is_a_full_sentence(invoke: Callable[..., Result]) -> None:
    invoke(["walk", "--minutes", "12"])
    text = invoke(["walk", "--plan"]).stdout
    assert "Your plan starts on Monday 7 December.\n" in text


@pytest.mark.parametrize("walked", [False, True])
def test_the_plan_folds_to_columns_when_piped(
    invoke: Callable[..., Result], monkeypatch: pytest.MonkeyPatch, walked: bool
) -> None:
    if walked:
        for back in (8, 7, 6):
            assert history.save_walk(walk_cmd_record(NOW - timedelta(days=back), 11)) is None
    monkeypatch.setenv("COLUMNS", "60")
    text = invoke(["walk", "--plan"]).stdout
    lines = text.splitlines()
    assert len(lines) > 3
    assert max(len(line) for line in lines) <= 60, text
    assert "\x1b" not in text
    if not walked:  # a command to type is never split across lines
        assert any("'stretchcoach walk --minutes N'" in line for line in lines), text


@pytest.mark.parametrize(
    ("minutes", "said"), [(11, "an 11-minute"), (8, "an 8-minute"), (20, "a 20-minute")]
)
def test_the_saved_line_reads_naturally(
    invoke: Callable[..., Result], minutes: int, said: str
) -> None:
    result = invoke(["walk", "--minutes", str(minutes), "--pain", "same"])
    assert f"Saved: {said} walk." in result.stderr


class FakeTerminal(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.mark.parametrize("columns", [40, 60, 80, 120])
def test_the_pain_question_keeps_each_key_with_its_word(
    monkeypatch: pytest.MonkeyPatch, columns: int
) -> None:
    from stretchcoach.walking import PAIN_CHECK, PAIN_QUESTION

    monkeypatch.setenv("COLUMNS", str(columns))
    out = FakeTerminal()
    key = PainPrompter(out=out, key=lambda: "s", flush=lambda: None).choose(
        PAIN_QUESTION, [(k, label) for k, _, label in PAIN_CHECK]
    )
    assert key == "s"
    text = out.getvalue()
    lines = text.splitlines()
    assert all(len(line) <= columns for line in lines), text
    assert not any(line.rstrip().endswith("]") for line in lines), text
    flat = " ".join(line.strip() for line in lines)
    for k, _, label in PAIN_CHECK:
        assert f"[{k}] {label}" in flat
    assert "\u00a0" not in text


@pytest.mark.parametrize("speed", ["nan", "inf", "0", "1e-300", "1e308"])
def test_a_speed_that_cannot_time_a_walk_is_a_usage_error(
    invoke: Callable[..., Result], speed: str
) -> None:
    result = invoke(["walk", "--target", "1", "--speed", speed])
    assert result.exit_code == 2, result.output
    assert "--speed" in result.stderr
    assert "unexpected" not in result.output


def test_a_timed_walk_with_json_keeps_stdout_for_the_json(invoke: Callable[..., Result]) -> None:
    """The timer's words go to stderr, so a script reads one JSON document from stdout."""
    result = invoke(["walk", "--target", "2", "--format", "json"])
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)
    assert (doc["kind"], doc["planned_minutes"]) == ("walk", 2.0)
    assert "Walk for 2 minutes" in result.stderr


def test_walk_json_says_whether_the_walk_was_saved(invoke: Callable[..., Result]) -> None:
    logged = json.loads(invoke(["walk", "--minutes", "12", "--format", "json"]).stdout)
    assert logged["saved"] is True
    practice = invoke(["walk", "--target", "2", "--speed", "10", "--format", "json"])
    assert practice.exit_code == 0, practice.output
    assert json.loads(practice.stdout)["saved"] is False
    assert len(history.load_walks()) == 1  # only the logged one
