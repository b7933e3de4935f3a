"""`stretchcoach start` and what it remembers from earlier today: why a stop holds, the screen
answered before "Begin?", and the health notes that rule out any routine."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta

import pytest
from click.testing import Result

from stretchcoach import history, safety
from stretchcoach.safety import policy
from stretchcoach.safety import screen as screen_mod

Invoke = Callable[..., Result]
NONE = ["--condition", "none"]
SCRIPTED = ["--screened", *NONE, "--yes", "--plain", "--speed", "1000"]
CAUSE_QUESTION = "What seems to be behind your back pain?"


def flat(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture
def as_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    from stretchcoach import ui

    monkeypatch.setattr(ui, "stdin_is_tty", lambda: True)


def screen_keys(yes_at: str | None, conditions: frozenset[str] = frozenset()) -> list[str]:
    """Keys for the full screen: yes only to ``yes_at``, and Enter to confirm a stopping yes."""
    ctx = screen_mod.Context(conditions=conditions)
    answers: dict[str, bool] = {}
    keys = []
    while (question := screen_mod.next_question(answers, ctx)) is not None:
        answers[question.id] = question.id == yes_at
        keys.append("y" if answers[question.id] else "n")
    if screen_mod.decide(answers, ctx).stops:
        keys.append("")
    return keys


def typed(keys: list[str]) -> str:
    return "\n".join(keys) + "\n"


# --------------------------------------------------------------------------- why today is held


@pytest.mark.parametrize("later", ["3", "10"])
def test_a_pain_stop_holds_for_the_day_and_says_it_was_the_pain(invoke: Invoke, later: str) -> None:
    stop = invoke(["start", "--cause", "unknown", "--severity", "9", *SCRIPTED])
    assert stop.exit_code == 3
    again = invoke(["start", "--cause", "unknown", "--severity", later, *SCRIPTED])
    assert again.exit_code == 3
    said = flat(again.stderr)
    assert flat(policy.pain_held_message(9)) in said
    assert said.startswith("Earlier today your pain was 9/10, which is too high to exercise")
    # The pain advice given then, after its first sentence about "right now".
    assert flat(safety.TOO_SEVERE_MESSAGE.partition(". ")[2]) in said
    assert "answers to the safety questions" not in said
    assert "Exercise 1" not in again.stdout


@pytest.mark.usefixtures("as_terminal")
def test_a_pain_stop_holds_an_interactive_start_too_before_any_question(invoke: Invoke) -> None:
    assert invoke(["start", "--cause", "unknown", "--severity", "10", *SCRIPTED]).exit_code == 3
    again = invoke(["start", "--speed", "1000"], input="\n")
    assert again.exit_code == 3
    assert flat(policy.pain_held_message(10)) in flat(again.stderr)
    assert CAUSE_QUESTION not in again.output
    assert screen_mod.QUESTIONS[0].text[:30] not in again.output


@pytest.mark.usefixtures("as_terminal")
def test_a_warning_sign_at_pain_nine_is_held_as_the_screens_stop(invoke: Invoke) -> None:
    keys = ["", "1", "9", *screen_keys("fever")]
    first = invoke(["start", *NONE, "--speed", "1000"], input=typed(keys))
    assert first.exit_code == 3
    assert [d for _, d in history.load_screens(days=1, now=_now())] == ["urgent"]
    again = invoke(["start", "--cause", "unknown", "--severity", "3", *SCRIPTED])
    assert again.exit_code == 3
    assert flat(safety.STOPPED_EARLIER_TODAY) in flat(again.stderr)
    assert "your pain was" not in again.stderr


def _now() -> datetime:
    return datetime.now().astimezone()


def test_the_hold_says_why_from_the_records() -> None:
    from stretchcoach.routine import SessionRecord

    now = datetime(2026, 12, 1, 15, 0).astimezone()
    today = now.date()

    def stop(severity: int, hours: int = 2) -> SessionRecord:
        at = now - timedelta(hours=hours)
        return SessionRecord(at, "unknown", severity, 0.0, ended_at=at, ending="safety-stop")

    assert policy.stopped_today([], today) is None
    assert policy.stopped_today([stop(9)], today) == policy.pain_held_message(9)
    assert policy.stopped_today([stop(3)], today) == safety.STOPPED_EARLIER_TODAY
    urgent = [(now - timedelta(hours=2), "urgent")]
    assert policy.stopped_today([stop(9)], today, urgent) == safety.STOPPED_EARLIER_TODAY
    assert policy.stopped_today([stop(9, hours=30)], today) is None  # yesterday's
    assert policy.held_today([stop(10)], today)


# --------------------------------------------------------------------------- the screen is kept


@pytest.mark.usefixtures("as_terminal")
def test_an_all_clear_screen_is_kept_when_the_routine_does_not_begin(invoke: Invoke) -> None:
    pregnant = frozenset({"pregnant"})
    args = ["start", "--cause", "posture", "--severity", "2", "--minutes", "5"]
    args += ["--condition", "pregnant", "--speed", "1000"]
    first = invoke(args, input=typed(["", *screen_keys(None, pregnant), "y", "n"]))
    assert first.exit_code == 0, first.output
    assert "Come back whenever you are ready" in first.stdout
    assert history.load_sessions() == []
    assert [d for _, d in history.load_screens(days=1, now=_now())] == ["clear"]

    # Next time only the pregnancy questions asked at every session come back.
    every = screen_mod.every_session(screen_mod.Context(conditions=pregnant))
    only = [q for q in screen_mod.QUESTIONS if q.id in every]
    again = invoke(args, input=typed([*["n"] * len(only), "y", "n"]))
    assert again.exit_code == 0, again.output
    general = next(q for q in screen_mod.QUESTIONS if q.id not in every)
    assert flat(general.text)[:40] not in flat(again.output)
    assert "You answered the safety questions" in flat(again.stdout)


# --------------------------------------------------------------------------- no routine at all


@pytest.mark.usefixtures("as_terminal")
@pytest.mark.parametrize("condition", ["supervised-only", "recent-back-surgery"])
def test_a_no_routine_health_note_refuses_before_the_cause_with_the_emergency_line(
    invoke: Invoke, condition: str
) -> None:
    from stretchcoach.safety.conditions import RULES

    result = invoke(["start", "--condition", condition, "--speed", "1000"], input="\n")
    assert result.exit_code == 3
    assert CAUSE_QUESTION not in result.output
    said = flat(result.stderr)
    assert flat(RULES[condition].advice) in said
    assert flat(safety.EMERGENCY_LINE) in said
    assert history.load_sessions() == []


def test_a_gentle_only_screen_brings_the_full_screen_back_until_an_all_clear() -> None:
    """A sign that needs a check-up soon is asked about again at the next session (in a
    routine or on its own, with ``stretchcoach screen``), not forgotten after one gentle
    session because an older all-clear is still recent."""
    now = datetime(2026, 12, 1, 15, 0).astimezone()
    cleared = (now - timedelta(days=2), "clear")
    gentle = (now - timedelta(hours=3), "gentle")

    def due(*screens: tuple[datetime, str]) -> bool:
        return policy.screen_due_now([], now=now, severity=2, screens=screens).full

    assert due(cleared) is False  # a recent all-clear: only the every-session questions
    assert due(cleared, gentle) is True
    assert due(cleared, gentle, (now - timedelta(hours=1), "clear")) is False  # answered again


def test_pain_of_nine_given_after_a_routine_holds_the_rest_of_the_day() -> None:
    """The coach said 'do no exercises today' when the pain after a routine was 9: a later
    start today is held as a pain-9 stop at the start would be; yesterday's is not."""
    from stretchcoach.routine import SessionRecord

    now = datetime(2026, 12, 4, 15, 0).astimezone()
    today = now.date()

    def session(severity_after: int, hours: int = 5) -> SessionRecord:
        at = now - timedelta(hours=hours)
        return SessionRecord(
            at,
            "posture",
            7,
            3.0,
            ended_at=at,
            ending="stopped-for-pain",
            severity_after=severity_after,
        )

    assert policy.stopped_today([session(9)], today) == policy.pain_held_message(9)
    assert policy.stopped_today([session(10)], today) == policy.pain_held_message(10)
    assert policy.stopped_today([session(8)], today) is None
    assert policy.stopped_today([session(9, hours=30)], today) is None
