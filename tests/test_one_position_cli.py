"""`stretchcoach start` at pain 7-8: one position, of the person's choosing.

With stdin_is_tty patched to True the prompter reads typed lines from CliRunner's input, so
the question can be answered without a terminal (as in test_start_cli.py).
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from click.testing import Result

from stretchcoach import catalogue
from stretchcoach.commands.start import FLOOR_QUESTION, POSITION_QUESTION

Invoke = Callable[..., Result]
SEVERE = ["start", "--cause", "posture", "--severity", "7", "--screened", "--condition", "none"]
FAST = ["--yes", "--speed", "1000", "--plain"]
#: No to every check-in question, then the pain afterwards.
AFTER = ["n"] * 30 + ["6"]


def positions_done() -> set[str]:
    """The positions of the exercises in the one saved session."""
    from stretchcoach.history import load_sessions

    (record,) = load_sessions()
    known = {ex.id: ex for ex in catalogue.load()}
    return {known[outcome.id].position for outcome in record.exercises}


@pytest.fixture
def as_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    from stretchcoach import ui

    monkeypatch.setattr(ui, "stdin_is_tty", lambda: True)


@pytest.mark.usefixtures("as_terminal")
def test_the_person_chooses_the_one_position_from_a_menu(invoke: Invoke) -> None:
    result = invoke([*SEVERE, *FAST], input="\n".join(["3", *AFTER]) + "\n")
    assert result.exit_code == 0, result.output
    asked = result.stderr  # questions go to stderr when stdout is not a terminal
    assert POSITION_QUESTION in asked
    menu = asked[asked.index(POSITION_QUESTION) :].splitlines()[1:5]
    assert [line.strip() for line in menu] == [
        "1  Lying on your back",
        "2  Lying on your side",
        "3  Seated",
        "4  Standing",
    ]
    assert FLOOR_QUESTION not in asked  # the menu already says where
    assert "as you chose" in " ".join(result.stdout.split())
    assert positions_done() == {"seated"}


@pytest.mark.usefixtures("as_terminal")
def test_the_menu_offers_only_what_is_allowed(invoke: Invoke) -> None:
    """--at-desk leaves seated and standing."""
    result = invoke([*SEVERE, "--at-desk", *FAST], input="\n".join(["1", *AFTER]) + "\n")
    assert result.exit_code == 0, result.output
    menu = result.stderr[result.stderr.index(POSITION_QUESTION) :].splitlines()[1:3]
    assert [line.strip() for line in menu] == ["1  Seated", "2  Standing"]
    assert positions_done() == {"seated"}


@pytest.mark.usefixtures("as_terminal")
def test_one_position_given_is_not_asked_again(invoke: Invoke) -> None:
    result = invoke([*SEVERE, "--positions", "side-lying", *FAST], input="\n".join(AFTER) + "\n")
    assert result.exit_code == 0, result.output
    assert POSITION_QUESTION not in result.output
    assert positions_done() == {"side-lying"}


@pytest.mark.usefixtures("as_terminal")
def test_below_pain_seven_the_floor_question_is_asked_as_before(invoke: Invoke) -> None:
    args = ["start", "--cause", "posture", "--severity", "5", "--screened", "--condition", "none"]
    result = invoke([*args, "--minutes", "5", *FAST], input="\n".join(["n", *AFTER]) + "\n")
    assert result.exit_code == 0, result.output
    assert POSITION_QUESTION not in result.output
    assert FLOOR_QUESTION in result.stderr
    assert positions_done() <= {"seated", "standing"}


def test_without_a_terminal_the_most_supported_position_is_used(invoke: Invoke) -> None:
    result = invoke([*SEVERE, *FAST], input="")
    assert result.exit_code == 0, result.output
    assert POSITION_QUESTION not in result.output
    assert "the most supported one available" in " ".join(result.stdout.split())
    assert positions_done() == {"supine"}


@pytest.mark.usefixtures("as_terminal")
def test_a_pregnant_person_is_never_offered_lying_on_the_back(invoke: Invoke) -> None:
    args = ["start", "--cause", "pregnancy", "--severity", "8", "--screened", "--condition"]
    result = invoke([*args, "none", *FAST], input="\n".join(["1", *AFTER]) + "\n")
    assert result.exit_code == 0, result.output
    menu = result.stderr[result.stderr.index(POSITION_QUESTION) :].splitlines()[1:4]
    assert [line.strip() for line in menu] == [
        "1  Lying on your side",
        "2  Seated",
        "3  Standing",
    ]
    assert positions_done() == {"side-lying"}
