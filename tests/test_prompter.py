"""Questions fold at word boundaries on a terminal, and stay exactly as written elsewhere."""

from __future__ import annotations

import io

import pytest

from stretchcoach.ui.prompter import KeyPrompter

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


class TtyIn(io.StringIO):
    def isatty(self) -> bool:
        return True


def keys_from(monkeypatch: pytest.MonkeyPatch, presses: list[object]) -> None:
    """stdin is a terminal, and click.getchar gives these presses (an exception is raised)."""
    import sys

    import click

    pending = iter(presses)

    def getchar(echo: bool = False) -> str:
        press = next(pending)
        if isinstance(press, BaseException):
            raise press
        assert isinstance(press, str)
        return press

    monkeypatch.setattr(sys, "stdin", TtyIn())
    monkeypatch.setattr(click, "getchar", getchar)


def test_single_keys_come_from_click_getchar_on_a_terminal(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from stretchcoach.ui.prompter import read_key

    keys_from(monkeypatch, ["y", "\x1b[A", "\r"])
    assert [read_key(), read_key(), read_key()] == ["y", "\x1b", "\r"]  # first char only


def test_a_closed_terminal_or_ctrl_d_ends_input(monkeypatch: pytest.MonkeyPatch) -> None:
    from stretchcoach.ui.prompter import read_key

    keys_from(monkeypatch, ["", EOFError()])
    with pytest.raises(EOFError):
        read_key()  # nothing read: the terminal is gone
    with pytest.raises(EOFError):
        read_key()  # click.getchar's Ctrl-D


def test_ctrl_c_acts_as_the_signal_would(monkeypatch: pytest.MonkeyPatch) -> None:
    import signal

    from stretchcoach.ui.prompter import read_key

    keys_from(monkeypatch, [KeyboardInterrupt(), KeyboardInterrupt(), "n"])
    with pytest.raises(KeyboardInterrupt):
        read_key()  # the default handler interrupts
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        assert read_key() == "n"  # where Ctrl-C is ignored, the next key is read
    finally:
        signal.signal(signal.SIGINT, previous)


@pytest.mark.skipif(__import__("sys").platform == "win32", reason="POSIX job control")
def test_ctrl_z_suspends_instead_of_being_an_answer(monkeypatch: pytest.MonkeyPatch) -> None:
    from stretchcoach.ui import prompter

    sent: list[str] = []
    monkeypatch.setattr(prompter, "_raise_signal", sent.append)
    keys_from(monkeypatch, ["\x1a", "\x1c", "b"])
    assert prompter.read_key() == "b"
    assert sent == ["SIGTSTP", "SIGQUIT"]


def test_without_a_terminal_the_first_character_of_a_line_is_the_key() -> None:
    from stretchcoach.ui.prompter import read_key

    assert read_key(io.StringIO("yes\n")) == "y"
    assert read_key(io.StringIO("\n")) == "\n"
    with pytest.raises(EOFError):
        read_key(io.StringIO(""))
