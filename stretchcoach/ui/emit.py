"""One place that turns a command's ``--format`` into output on stdout.

A command says what it has: the document (for json and yaml), a way to draw it for people
(table or text), CSV rows, ids, or a finished text (markdown, html, svg). ``emit`` picks the
one the format asks for, so every command writes JSON, YAML and CSV the same way.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any

import click

#: Formats drawn for people by the command's own ``human`` renderer.
HUMAN_FORMATS = ("table", "text")
#: Formats that are one finished text, echoed as it is.
TEXT_FORMATS = ("markdown", "html", "svg")


def emit(
    fmt: str,
    data: Callable[[], Any] | None = None,
    *,
    human: Callable[[], None] | None = None,
    csv: Callable[[], Iterable[Sequence[Any]]] | None = None,
    ids: Callable[[], Iterable[str]] | None = None,
    text: Mapping[str, Callable[[], str]] | None = None,
) -> None:
    """Write the output ``fmt`` asks for.

    ``data`` builds the document for json and yaml (built only when one of them is asked
    for); ``human`` draws a table or text; ``csv`` gives the rows (header first); ``ids``
    gives one line each; ``text`` maps markdown, html or svg to a function returning the
    finished text (echoed without an added newline). A format the command has no renderer
    for is a programming error (ValueError), never a silent empty output.
    """
    from stretchcoach import ui

    if fmt in ("json", "yaml") and data is not None:
        (ui.echo_json if fmt == "json" else ui.echo_yaml)(data())
    elif fmt in HUMAN_FORMATS and human is not None:
        human()
    elif fmt == "csv" and csv is not None:
        write_csv(csv())
    elif fmt == "ids" and ids is not None:
        for line in ids():
            click.echo(line)
    elif text is not None and fmt in text:
        click.echo(text[fmt](), nl=False)
    else:
        raise ValueError(f"no renderer for --format {fmt}")


def write_csv(rows: Iterable[Sequence[Any]]) -> None:
    """CSV on stdout, one line per row ending in a bare newline (as spreadsheets expect)."""
    import csv
    import sys

    writer = csv.writer(sys.stdout, lineterminator="\n")
    writer.writerows(rows)
