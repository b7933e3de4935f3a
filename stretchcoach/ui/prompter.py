"""Questions on the terminal: one key for yes/no and menus, a typed line for numbers.

Single-key reads use ``click.getchar`` when stdin is a terminal (on Windows too); Ctrl-C,
Ctrl-Z and Ctrl-\\ still do what the terminal would do. When stdin is not a terminal, the
first character of a typed line is used.
Questions are written to stdout, or to stderr when stdout is redirected, so the person
always sees them. Ctrl-D or a closed terminal raises EOFError.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from typing import IO

_EOF_KEYS = {"\x04", "\x1a"}  # Ctrl-D, Ctrl-Z (Windows)


def read_key(stream: IO[str] | None = None) -> str:
    """One key press from a terminal, without waiting for Enter (falls back to a line).

    ``click.getchar`` puts the terminal in raw mode, where control keys arrive as
    characters; they are handed back to the signal they would have sent (so Ctrl-C
    interrupts, or does nothing where it is ignored, and Ctrl-Z suspends). Ctrl-D (Ctrl-Z
    on Windows) or a closed terminal raises EOFError.
    """
    stream = stream or sys.stdin
    if stream is not sys.stdin or not _is_terminal(stream):
        return _first_char(stream.readline())
    import click

    while True:
        try:
            data = click.getchar()
        except KeyboardInterrupt:  # Ctrl-C, read as a character
            _raise_signal("SIGINT")
            continue
        if not data:
            raise EOFError
        key = data[:1]  # an escape sequence (arrow keys) arrives in one read
        if key in _SIGNAL_KEYS and sys.platform != "win32":
            _raise_signal(_SIGNAL_KEYS[key])
            continue
        if key in _EOF_KEYS:
            raise EOFError
        return key


#: Keys that send a signal on a POSIX terminal outside raw mode: Ctrl-Z and Ctrl-\.
_SIGNAL_KEYS = {"\x1a": "SIGTSTP", "\x1c": "SIGQUIT"}


def _raise_signal(name: str) -> None:
    """Send this process the signal a control key would have sent (its handler runs, or the
    default action: KeyboardInterrupt for SIGINT, suspending for SIGTSTP)."""
    import signal

    signum = getattr(signal, name, None)
    if signum is None:  # not on this platform
        if name == "SIGINT":
            raise KeyboardInterrupt
        return
    signal.raise_signal(signum)


def _is_terminal(stream: IO[str]) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


def discard_typeahead(stream: IO[str] | None = None) -> None:
    """Forget keys pressed before a question was shown (e.g. during a hold), so an answer is
    never given by accident. Does nothing when input is not a terminal."""
    stream = stream or sys.stdin
    try:
        import termios

        if stream.isatty():
            termios.tcflush(stream.fileno(), termios.TCIFLUSH)
    except (ImportError, AttributeError, ValueError, OSError):
        pass


def _first_char(line: str) -> str:
    if not line:
        raise EOFError
    return line[:1] if line.strip() else "\n"


def read_line(stream: IO[str] | None = None) -> str:
    """A typed line (Enter to finish); EOFError when input is closed."""
    line = (stream or sys.stdin).readline()
    if not line:
        raise EOFError
    return line.strip()


def question_stream() -> IO[str]:
    """Where questions go: stdout on a terminal, else stderr (stdout may be a log file)."""
    try:
        return sys.stdout if sys.stdout.isatty() else sys.stderr
    except (AttributeError, ValueError):
        return sys.stderr


class KeyPrompter:
    """The runner's and start command's Prompter for a person at a terminal."""

    def __init__(
        self,
        *,
        out: IO[str] | None = None,
        key: Callable[[], str] = read_key,
        line: Callable[[], str] = read_line,
        flush: Callable[[], None] = discard_typeahead,
    ) -> None:
        self._out = out
        self._key = key
        self._line = line
        self._flush = flush

    @property
    def out(self) -> IO[str]:
        return self._out or question_stream()

    def _ask(self, text: str) -> None:
        """Show a new question (dropping keys typed before it appeared)."""
        self._flush()
        self._write(self._wrap(text))

    def _wrap(self, text: str, indent: str = "") -> str:
        """Fold long lines at word boundaries on a terminal (never split a word)."""
        from stretchcoach.ui import fold

        return fold(text, self.out, indent=indent)

    def _read(self, reader: Callable[[], str]) -> str:
        """Read an answer; on Ctrl-C or closed input, end the question's line first."""
        try:
            return reader()
        except (KeyboardInterrupt, EOFError):
            self._write("\n")
            raise

    def _write(self, text: str) -> None:
        self.out.write(text)
        self.out.flush()

    def yes_no(self, question: str) -> bool:
        """y or n (one key; Enter alone does not count, to avoid answers by accident)."""
        self._ask(f"{question} [y/n] ")
        while True:
            key = self._read(self._key).lower()
            if key in ("y", "n"):
                self._write(f"{key}\n")
                return key == "y"

    def yes_no_back(self, question: str, *, back: bool) -> bool | None:
        """y or n, or (when ``back``) b to go back to the previous question (None)."""
        keys = ("y", "n", "b") if back else ("y", "n")
        self._ask(f"{question} [{'/'.join(keys)}] ")
        while True:
            key = self._read(self._key).lower()
            if key in keys:
                self._write(f"{key}\n")
                return None if key == "b" else key == "y"

    def enter_or(self, text: str, key: str) -> bool:
        """True for Enter, False for ``key`` (other keys are ignored)."""
        self._ask(f"{text} ")
        while True:
            pressed = self._read(self._key).lower()
            if pressed in ("\r", "\n"):
                self._write("\n")
                return True
            if pressed == key:
                self._write(f"{key}\n")
                return False

    def choose(self, question: str, options: Sequence[tuple[str, str]]) -> str:
        """One key from ``options`` ((key, label) pairs); returns the key."""
        keys = {k.lower() for k, _ in options}
        menu = "  ".join(f"[{k}] {label}" for k, label in options)
        self._ask(f"{question}  {menu}: ")
        while True:
            key = self._read(self._key).lower()
            if key in keys:
                self._write(f"{key}\n")
                return key

    def menu(self, question: str, options: Sequence[tuple[str, str]]) -> str:
        """A numbered list, one option per line, answered with its key."""
        self._ask(f"{question}\n")
        for k, label in options:
            self._write(self._wrap(f"  {k}  {label}", indent=" " * (len(k) + 4)) + "\n")
        keys = [k.lower() for k, _ in options]
        self._write(f"Press {keys[0]}-{keys[-1]}: " if len(keys) > 1 else f"Press {keys[0]}: ")
        while True:
            key = self._read(self._key).lower()
            if key in keys:
                self._write(f"{key}\n")
                return key

    def number(self, question: str, *, low: int, high: int, default: int | None = None) -> int:
        """A whole number from ``low`` to ``high``, typed and confirmed with Enter; with a
        ``default`` (a remembered answer), Enter alone takes it."""
        hint = "then Enter" if default is None else f"Enter for {default}"
        again = "." if default is None else ", or press Enter."
        while True:
            self._ask(f"{question} ({low}-{high}, {hint}): ")
            text = self._read(self._line)
            if not text and default is not None:
                return default
            if text.isascii() and text.isdigit() and low <= int(text) <= high:
                return int(text)
            self._write(f"Please type a whole number from {low} to {high}{again}\n")

    def press_key(self, text: str) -> None:
        """Wait for Enter (used to confirm a note has been read).

        Other keys are ignored, so a stray key neither confirms the note nor is lost from
        the next question.
        """
        self._ask(f"{text} ")
        while self._read(self._key) not in ("\r", "\n"):
            pass
        self._write("\n")
