"""Everything stretchcoach draws. Rich is imported only here (and in ui submodules), lazily.

Plain mode (no ANSI escapes at all) when stdout is not a terminal, ``NO_COLOR`` is set,
``TERM=dumb`` or ``STRETCHCOACH_PLAIN=1``, or the caller asks for it (``--plain``, or
``plain: true`` in config.yaml).
"""

from __future__ import annotations

import errno
import functools
import json
import os
import sys
from typing import TYPE_CHECKING, Any

import click

if TYPE_CHECKING:
    from rich.console import Console


def _is_tty(stream: Any) -> bool:
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError):
        return False


def styled(stream: Any = None) -> bool:
    """Whether colour and styles may be used on this stream."""
    if os.environ.get("NO_COLOR") or os.environ.get("TERM") == "dumb" or plain_by_env():
        return False
    return _is_tty(stream if stream is not None else sys.stdout)


#: Set to 1 (or true/yes) for plain mode everywhere, e.g. with a screen reader.
PLAIN_ENV = "STRETCHCOACH_PLAIN"


def plain_by_env() -> bool:
    """Whether $STRETCHCOACH_PLAIN asks for plain mode (empty, 0, false, no and off do not)."""
    value = os.environ.get(PLAIN_ENV, "").strip().lower()
    return value not in ("", "0", "false", "no", "off")


def stdin_is_tty() -> bool:
    """Whether a person can answer questions on stdin."""
    return _is_tty(sys.stdin)


def console(*, stderr: bool = False, plain: bool = False) -> Console:
    """A Rich console on the current stdout/stderr; no escape codes when not styled."""
    Console = _console_class()
    stream = sys.stderr if stderr else sys.stdout
    if plain or not styled(stream):
        return Console(
            file=stream,
            color_system=None,
            force_terminal=False,
            force_interactive=False,
            highlight=False,
            emoji=False,
            soft_wrap=False,
            width=terminal_width(),
        )
    # Rich reads COLUMNS itself and takes "0" at its word (drawing nothing): pass a width
    # only when COLUMNS is set but unusable, so a real terminal's resizes are still followed.
    width = None if _env_columns() or "COLUMNS" not in os.environ else terminal_width()
    return Console(file=stream, stderr=stderr, highlight=False, emoji=False, width=width)


@functools.cache
def _console_class() -> type[Console]:
    """Rich's Console, except that a closed pipe raises BrokenPipeError instead of exiting.

    Rich calls sys.exit(1) when the reader of stdout goes away; a routine must instead end
    as "interrupted" and still save what was done.
    """
    from rich.console import Console

    class _Console(Console):
        def on_broken_pipe(self) -> None:
            self.quiet = True
            try:  # as Rich does: later writes go nowhere instead of failing again
                devnull = os.open(os.devnull, os.O_WRONLY)
                os.dup2(devnull, sys.stdout.fileno())
            except (OSError, ValueError):
                pass
            raise BrokenPipeError(errno.EPIPE, "the output was closed")

    return _Console


def _env_columns() -> int | None:
    """COLUMNS when it is a whole number above 0; None when unset, 0, negative or garbage."""
    raw = os.environ.get("COLUMNS", "").strip()
    return int(raw) if raw.isascii() and raw.isdigit() and int(raw) > 0 else None


def terminal_width() -> int:
    """The width to draw for: a usable COLUMNS, else the terminal's width, else 80.

    ``COLUMNS=0`` or garbage ("abc", "-5") counts as unset.
    """
    import shutil

    return _env_columns() or shutil.get_terminal_size((80, 24)).columns or 80


def stop_cue(text: str) -> str:
    """An exercise's stop-if sentence, labelled once: "Stop if: …" or "Stop and … if …"."""
    text = text.strip()
    lowered = text.lower()
    for prefix in ("stop if: ", "stop if:", "stop if "):  # longest first
        if lowered.startswith(prefix):
            return f"Stop if: {text[len(prefix) :].lstrip()}"
    if lowered.startswith("stop "):
        return text
    return f"Stop if: {text}"


def echo_json(data: Any) -> None:
    """One stable JSON document on stdout (UTF-8, two-space indent, key order kept)."""
    click.echo(json.dumps(data, indent=2, ensure_ascii=False))


def echo_yaml(data: Any) -> None:
    """YAML on stdout, in the same key order as the JSON output."""
    import yaml

    dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
    click.echo(
        yaml.dump(data, Dumper=dumper, sort_keys=False, allow_unicode=True, width=100), nl=False
    )


def message(text: str) -> None:
    """A note for the person (stderr), so stdout stays data; folded between words on a
    terminal."""
    click.echo(fold(text, sys.stderr), err=True)


def error_lines(lines: list[str]) -> None:
    """An error on stderr: the first line prefixed with 'Error:', the rest as given (folded
    between words on a terminal, never mid-word)."""
    first, *rest = lines or ["unknown error"]
    click.echo(fold(f"Error: {first}", sys.stderr), err=True)
    for line in rest:
        click.echo(fold(line, sys.stderr, indent="  " if line.startswith("  ") else ""), err=True)


def fold(text: str, stream: Any, *, indent: str = "") -> str:
    """Text folded between words to the terminal's width when ``stream`` is a terminal.

    Trailing spaces (where an answer is typed) are kept; elsewhere the text is unchanged.
    Folding follows the one rule of ``tables.fold_lines`` (never inside a word or at a
    hyphen, a number kept with its unit); wrapped lines start with ``indent``.
    """
    if not _is_tty(stream):
        return text
    from stretchcoach.ui.tables import fold_lines

    width = max(30, terminal_width() - 1)
    body = text.rstrip(" ")
    lines = [
        "\n".join(fold_lines(line, width, hang=indent)) if line else line
        for line in body.split("\n")
    ]
    return "\n".join(lines) + text[len(body) :]


def advice_lines(lines: list[str]) -> None:
    """Safety advice on stderr: no "Error:" label, folded between words on a terminal."""
    for line in lines:
        click.echo(fold(line, sys.stderr), err=True)
