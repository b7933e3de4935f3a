"""Questions fold at word boundaries on a terminal, and stay exactly as written elsewhere."""

from __future__ import annotations

import io

import pytest

from stretchcoach.prompter import KeyPrompter

LONG = "Is the pain constant, worse at night, not eased by rest, or much worse when you cough?"


class TtyOut(io.StringIO):
    def isatty(self) -> bool:
        return True


def ask(out: io.StringIO, monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.setenv("COLUMNS", "41")
    prompter = KeyPrompter(out=out, key=lambda: "n", flush=lambda: None)
    assert prompter.yes_no(LONG) is False
    return out.getvalue()


def test_long_questions_fold_between_words_on_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    text = ask(TtyOut(), monkeypatch)
    lines = text.splitlines()
    assert len(lines) > 1
    assert all(len(line) <= 40 for line in lines[:-1])
    assert " ".join(text.split()) == f"{LONG} [y/n] n"  # every word intact, in order
    assert text.endswith("[y/n] n\n")


def test_questions_are_not_folded_when_not_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    assert ask(io.StringIO(), monkeypatch) == f"{LONG} [y/n] n\n"


def test_press_enter_waits_for_enter_and_ignores_other_keys() -> None:
    keys = iter(["y", " ", "q", "\r", "n"])
    read: list[str] = []

    def key() -> str:
        read.append(next(keys))
        return read[-1]

    out = io.StringIO()
    KeyPrompter(out=out, key=key, flush=lambda: None).press_key("Press Enter to confirm.")
    assert read == ["y", " ", "q", "\r"]  # stopped at Enter; "n" is left for the next question
    assert out.getvalue() == "Press Enter to confirm. \n"


def test_press_enter_accepts_a_line_feed_too() -> None:
    keys = iter(["x", "\n"])
    out = io.StringIO()
    KeyPrompter(out=out, key=lambda: next(keys), flush=lambda: None).press_key("Press Enter.")
    assert out.getvalue() == "Press Enter. \n"
