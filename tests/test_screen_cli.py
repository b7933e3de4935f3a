"""`stretchcoach screen`: listing the questions, checking scripted answers, asking them."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from datetime import date, datetime
from pathlib import Path

import pytest
from click.testing import Result

from stretchcoach import healthnotes, history
from stretchcoach.healthnotes import HealthNotes
from stretchcoach.safety import STOPPED_EARLIER_TODAY
from stretchcoach.safety import screen as screen_mod
from stretchcoach.safety.screen import QUESTIONS

Invoke = Callable[..., Result]

PREGNANT = frozenset({"pregnant"})
PREGNANCY_IDS = [q.id for q in QUESTIONS if q.id.startswith("preg-")]


def saved_screens() -> list[tuple[datetime, str]]:
    """Screens saved in the last day (the history needs a "now" for its window)."""
    return history.load_screens(days=1, now=datetime.now().astimezone())


def all_no(conditions: frozenset[str] = frozenset()) -> dict[str, bool]:
    """A no to every question that would be asked with these conditions."""
    ctx = screen_mod.Context(conditions=conditions)
    answers: dict[str, bool] = {}
    while (question := screen_mod.next_question(answers, ctx)) is not None:
        answers[question.id] = False
    return answers


def answers_text(answers: dict[str, bool]) -> str:
    return ",".join(f"{qid}={'yes' if yes else 'no'}" for qid, yes in answers.items())


def screen_keys(yes_at: str | None, conditions: frozenset[str] = frozenset()) -> list[str]:
    """Keys for the screen: yes only to ``yes_at``, and Enter to confirm a stopping yes."""
    ctx = screen_mod.Context(conditions=conditions)
    answers: dict[str, bool] = {}
    keys = []
    while (question := screen_mod.next_question(answers, ctx)) is not None:
        answers[question.id] = question.id == yes_at
        keys.append("y" if answers[question.id] else "n")
    if screen_mod.decide(answers, ctx).stops:
        keys.append("")
    return keys


def typed(keys: Iterable[str]) -> str:
    return "\n".join(keys) + "\n"


#: Decisions that rule out a routine today: exit 3, as in the README's exit-code table.
STOPPING = frozenset({"urgent", "emergency"})


def checked(invoke: Invoke, answers: str, *extra: str) -> dict:
    """The JSON decision for these answers; exit 3 exactly when it rules out a routine."""
    result = invoke(["screen", "--answers", answers, *extra, "--format", "json"])
    body = json.loads(result.stdout)
    assert set(body) == {"decision", "because", "advice", "asked"}
    assert result.exit_code == (3 if body["decision"] in STOPPING else 0), result.output
    return body


def flat(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture
def as_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    from stretchcoach import ui

    monkeypatch.setattr(ui, "stdin_is_tty", lambda: True)


# ----------------------------------------------------------------------------- --list


def test_list_text_shows_every_question_id(invoke: Invoke) -> None:
    result = invoke(["screen", "--list"])
    assert result.exit_code == 0, result.output
    lines = {line.strip() for line in result.stdout.splitlines()}
    for question in QUESTIONS:
        assert question.id in lines, question.id  # each id heads its own block
    assert "Tier: Emergency" in result.stdout


def test_list_json_rows(invoke: Invoke) -> None:
    result = invoke(["screen", "--list", "--format", "json"])
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    assert [row["id"] for row in rows] == [q.id for q in QUESTIONS]
    for row in rows:
        assert set(row) == {"id", "text", "tier", "asked_when", "follow_ups"}
        assert row["tier"] in {"emergency", "urgent", "soon", "info"}
        assert row["text"]
        assert row["asked_when"]
        assert isinstance(row["follow_ups"], list)
        for follow_up in row["follow_ups"]:
            assert follow_up in screen_mod.BY_ID
    by_id = {row["id"]: row for row in rows}
    assert by_id["saddle"]["tier"] == "emergency"
    assert by_id["fever"]["tier"] == "urgent"
    assert "cancer-spread" in by_id["cancer"]["follow_ups"]


def test_list_and_answers_together_is_a_usage_error(invoke: Invoke) -> None:
    result = invoke(["screen", "--list", "--answers", "saddle=no"])
    assert result.exit_code == 2
    assert "--list" in result.stderr
    assert "--answers" in result.stderr


# ----------------------------------------------------------------------------- --answers


def test_every_answer_no_is_clear(invoke: Invoke) -> None:
    answers = all_no()
    assert "saddle" in answers
    assert "fever" in answers
    assert not set(answers) & set(PREGNANCY_IDS)
    body = checked(invoke, answers_text(answers))
    assert body["decision"] == "clear"
    assert body["because"] == []
    assert body["advice"]
    assert body["asked"] == list(answers)


def test_every_answer_no_as_text(invoke: Invoke) -> None:
    result = invoke(["screen", "--answers", answers_text(all_no())])
    assert result.exit_code == 0, result.output
    assert "Decision: clear" in result.stdout


def test_a_yes_to_saddle_is_an_emergency(invoke: Invoke) -> None:
    body = checked(invoke, "saddle=yes")
    assert body["decision"] == "emergency"
    assert body["because"] == ["saddle"]
    assert flat(screen_mod.EMERGENCY_MESSAGE) == flat(body["advice"])
    assert body["asked"] == ["saddle"]  # an emergency ends the screen at once


def test_a_yes_to_saddle_among_complete_answers_is_still_an_emergency(invoke: Invoke) -> None:
    answers = all_no()
    answers["saddle"] = True
    body = checked(invoke, answers_text(answers))
    assert (body["decision"], body["because"]) == ("emergency", ["saddle"])


@pytest.mark.parametrize("fmt", ["json", "text"])
def test_answers_that_rule_out_a_routine_exit_3_with_the_decision_on_stdout(
    invoke: Invoke, fmt: str
) -> None:
    result = invoke(["screen", "--answers", "saddle=no,bladder-start=yes", "--format", fmt])
    assert result.exit_code == 3, result.output
    if fmt == "json":
        body = json.loads(result.stdout)
        assert (body["decision"], body["because"]) == ("emergency", ["bladder-start"])
    else:
        assert "Decision: emergency" in result.stdout
    answers = all_no()
    answers["fever"] = True
    urgent = invoke(["screen", "--answers", answers_text(answers), "--format", fmt])
    assert urgent.exit_code == 3, urgent.output


def test_answers_that_allow_a_gentle_routine_exit_0(invoke: Invoke) -> None:
    soon = next(q.id for q in QUESTIONS if q.tier == "soon" and q.id in all_no())
    answers = all_no()
    answers[soon] = True
    while (question := screen_mod.next_question(answers)) is not None:
        answers[question.id] = False  # a follow-up the yes opened: no
    result = invoke(["screen", "--answers", answers_text(answers), "--format", "json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["decision"] == "gentle"


def test_a_doctors_check_excuses_both_legs_but_not_saddle(invoke: Invoke) -> None:
    answers = all_no()
    answers["legs-both"] = True
    answers = {**answers, "legs-both-checked": True}
    assert screen_mod.next_question(answers) is None
    assert checked(invoke, answers_text(answers))["decision"] == "clear"
    answers["saddle"] = True
    body = checked(invoke, answers_text(answers))
    assert (body["decision"], body["because"]) == ("emergency", ["saddle"])


@pytest.mark.parametrize(("yes", "no"), [("y", "n"), ("YES", "No"), ("true", "false"), ("1", "0")])
def test_answers_accept_the_usual_spellings(invoke: Invoke, yes: str, no: str) -> None:
    answers = all_no()
    text = ",".join(f"{qid}={no}" for qid in answers)
    assert checked(invoke, text)["decision"] == "clear"
    assert checked(invoke, f"saddle={yes}")["decision"] == "emergency"


def test_a_missing_answer_names_the_question(invoke: Invoke) -> None:
    answers = all_no()
    del answers["fever"]
    result = invoke(["screen", "--answers", answers_text(answers), "--format", "json"])
    assert result.exit_code == 2
    assert "'fever'" in result.stderr
    assert result.stdout == ""
    only_saddle = invoke(["screen", "--answers", "saddle=no"])
    assert only_saddle.exit_code == 2
    assert "'bladder-start'" in only_saddle.stderr


def test_an_unknown_question_suggests_the_nearest(invoke: Invoke) -> None:
    result = invoke(["screen", "--answers", "sadle=no"])
    assert result.exit_code == 2
    assert "'sadle'" in result.stderr
    assert "Did you mean 'saddle'?" in result.stderr
    assert "screen --list" in result.stderr
    assert "Traceback" not in result.output


@pytest.mark.parametrize("text", ["saddle=maybe", "saddle", "saddle="])
def test_a_bad_value_is_a_usage_error(invoke: Invoke, text: str) -> None:
    result = invoke(["screen", "--answers", text])
    assert result.exit_code == 2
    assert "ID=yes or ID=no" in result.stderr
    assert result.stdout == ""


def test_an_answer_without_an_id_is_a_usage_error(invoke: Invoke) -> None:
    result = invoke(["screen", "--answers", "=yes"])
    assert result.exit_code == 2
    assert "--answers" in result.stderr
    assert "Traceback" not in result.output


def test_pregnancy_makes_its_warning_signs_required(invoke: Invoke) -> None:
    plain = all_no()
    result = invoke(["screen", "--answers", answers_text(plain), "--condition", "pregnant"])
    assert result.exit_code == 2
    assert f"'{PREGNANCY_IDS[0]}'" in result.stderr
    answers = all_no(PREGNANT)
    assert set(PREGNANCY_IDS) <= set(answers)
    body = checked(invoke, answers_text(answers), "--condition", "pregnant")
    assert body["decision"] == "clear"
    assert set(PREGNANCY_IDS) <= set(body["asked"])
    answers["preg-bleeding"] = True
    body = checked(invoke, answers_text(answers), "--condition", "pregnant")
    assert (body["decision"], body["because"]) == ("emergency", ["preg-bleeding"])
    assert flat(body["advice"]) == flat(screen_mod.PREGNANCY_WARNING_MESSAGE)


def test_answers_record_nothing(invoke: Invoke, isolated_home: Path) -> None:
    assert checked(invoke, answers_text(all_no()))["decision"] == "clear"
    answers = all_no()
    answers["fever"] = True
    assert checked(invoke, answers_text(answers))["decision"] == "urgent"
    assert not (isolated_home / "history.db").exists()
    assert not (isolated_home / "health.json").exists()
    assert saved_screens() == []


# ----------------------------------------------------------------------------- asking


def test_asking_without_a_terminal_is_a_usage_error(invoke: Invoke, isolated_home: Path) -> None:
    result = invoke(["screen"], input=typed(screen_keys(None)))
    assert result.exit_code == 2
    assert "not a terminal" in result.stderr
    assert "--answers" in result.stderr
    assert not (isolated_home / "history.db").exists()


@pytest.mark.usefixtures("as_terminal")
def test_asking_all_no_records_a_clear_screen(invoke: Invoke, isolated_home: Path) -> None:
    before = datetime.now().astimezone()
    result = invoke(["screen", "--condition", "none"], input=typed(screen_keys(None)))
    assert result.exit_code == 0, result.output
    assert "Decision: clear" in result.stdout
    ((at, decision),) = saved_screens()
    assert decision == "clear"
    assert at >= before.replace(microsecond=0)
    assert not (isolated_home / "health.json").exists()  # --condition: nothing asked or saved


@pytest.mark.usefixtures("as_terminal")
def test_asking_with_json_prints_the_decision_document(invoke: Invoke) -> None:
    keys = screen_keys(None)
    result = invoke(["screen", "--condition", "none", "--format", "json"], input=typed(keys))
    assert result.exit_code == 0, result.output
    body = json.loads(result.stdout)
    assert body["decision"] == "clear"
    assert body["asked"] == list(all_no())


@pytest.mark.usefixtures("as_terminal")
def test_saved_notes_decide_which_questions_are_asked(invoke: Invoke) -> None:
    healthnotes.save(
        HealthNotes(
            conditions=PREGNANT,
            answers={"pregnant": True},
            asked_at=datetime.now().astimezone(),
            pregnancy_weeks=20,
            weeks_on=date.today(),
        )
    )
    result = invoke(["screen"], input=typed(screen_keys(None, PREGNANT)))
    assert result.exit_code == 0, result.output
    assert "Decision: clear" in result.stdout
    for qid in PREGNANCY_IDS:  # the questions go to stderr when stdout is not a terminal
        assert flat(screen_mod.BY_ID[qid].text) in flat(result.stderr), qid
    assert [d for _, d in saved_screens()] == ["clear"]


@pytest.mark.usefixtures("as_terminal")
def test_an_urgent_yes_stops_records_and_holds_for_the_day(
    invoke: Invoke, monkeypatch: pytest.MonkeyPatch
) -> None:
    from stretchcoach import ui

    keys = screen_keys("fever")
    assert keys[-2:] == ["y", ""]
    result = invoke(["screen", "--condition", "none"], input=typed(keys))
    assert result.exit_code == 3
    assert flat(screen_mod.URGENT_MESSAGE) in flat(result.stderr)
    assert "Decision" not in result.stdout
    assert [decision for _, decision in saved_screens()] == ["urgent"]

    monkeypatch.setattr(ui, "stdin_is_tty", lambda: False)
    start = ["start", "--cause", "posture", "--severity", "2", "--minutes", "3"]
    start += ["--condition", "none", "--screened", "--yes", "--plain", "--speed", "1000"]
    held = invoke(start)
    assert held.exit_code == 3
    assert flat(STOPPED_EARLIER_TODAY) in flat(held.stderr)
    assert "Exercise 1" not in held.stdout
    assert history.load_sessions() == []


@pytest.mark.usefixtures("as_terminal")
def test_b_takes_back_a_stopping_yes(invoke: Invoke) -> None:
    keys = screen_keys("fever")
    # Instead of Enter to confirm the stop, b takes the yes back; then no to the rest.
    order = list(all_no())
    rest = ["n"] * (len(order) - order.index("fever") - 1)
    result = invoke(["screen", "--condition", "none"], input=typed([*keys[:-1], "b", "n", *rest]))
    assert result.exit_code == 0, result.output
    assert "Decision: clear" in result.stdout
    assert [d for _, d in saved_screens()] == ["clear"]


@pytest.mark.usefixtures("as_terminal")
def test_asking_without_notes_asks_the_health_questions_first(invoke: Invoke) -> None:
    from stretchcoach.safety.conditions import health_questions_due

    health = ["n"] * len(health_questions_due({}))
    result = invoke(["screen"], input=typed([*health, *screen_keys(None)]))
    assert result.exit_code == 0, result.output
    assert "Health notes: none." in result.stdout
    notes = healthnotes.load()
    assert notes is not None
    assert notes.conditions == frozenset()
    assert [d for _, d in saved_screens()] == ["clear"]


@pytest.mark.usefixtures("as_terminal")
def test_a_profile_name_that_cannot_be_one_is_a_usage_error(invoke: Invoke) -> None:
    result = invoke(["screen", "--profile", "Bad Name"], input=typed(screen_keys(None)))
    assert result.exit_code == 2
    assert "Bad Name" in result.stderr
