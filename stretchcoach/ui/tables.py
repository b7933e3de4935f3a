"""Tables that fit the terminal, whatever its width.

A table is drawn only when every column can be given at least its longest word (a whole
cell, for columns that never wrap), so nothing is cut mid-word, shown with "…" or dropped.
Below that width the rows are stacked instead: one block per row, its name as a heading and
then one "field: value" line per column, folded between words. A single word longer than
the terminal (an id at 15 columns) is kept whole rather than split.
"""

from __future__ import annotations

import textwrap
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from rich.console import Console

#: A Rich table's own width beyond its cells: a border and two spaces of padding per column,
#: and the closing border.
PER_COLUMN = 3


@dataclass(frozen=True)
class Column:
    """One column: its header, how it is aligned, and whether a cell may wrap between words."""

    header: str
    justify: Literal["left", "right", "center"] = "left"
    no_wrap: bool = False
    #: Whether a stacked block repeats it as a "field: value" line (not for a row number).
    stacked: bool = True


def _longest_word(text: str) -> int:
    return max((len(word) for word in text.split()), default=0)


def _longest_line(text: str) -> int:
    return max((len(line) for line in text.splitlines()), default=0)


def column_widths(
    columns: Sequence[Column], rows: Sequence[Sequence[str]], width: int
) -> list[int] | None:
    """Cell widths for a table ``width`` characters wide, or None when it cannot fit.

    Every column gets its longest word (or longest cell, if it never wraps); what is left is
    shared fairly: columns that need little more get all of it (so short cells stay on one
    line), the rest share what remains evenly.
    """
    cells = [[c.header, *(row[i] for row in rows)] for i, c in enumerate(columns)]
    most = [max(_longest_line(t) for t in col) for col in cells]
    least = [
        most[i] if c.no_wrap else max(_longest_word(t) for t in cells[i])
        for i, c in enumerate(columns)
    ]
    spare = width - (PER_COLUMN * len(columns) + 1) - sum(least)
    if spare < 0:
        return None
    widths = list(least)
    wanting = sorted(
        (i for i in range(len(columns)) if least[i] < most[i]), key=lambda i: most[i] - least[i]
    )
    for k, i in enumerate(wanting):
        add = min(most[i] - least[i], spare // (len(wanting) - k))
        widths[i] += add
        spare -= add
    return widths


def print_rows(
    out: Console,
    columns: Sequence[Column],
    rows: Sequence[Sequence[str]],
    *,
    heading: int = 0,
    headings: Sequence[str] | None = None,
    show_lines: bool = False,
) -> None:
    """``rows`` as a table when it fits ``out``'s width, else one block per row.

    A block's heading is the row's cell in column ``heading`` (not repeated below it), or
    ``headings[n]`` when given.
    """
    widths = column_widths(columns, rows, out.width)
    if widths is not None:
        from rich.table import Table
        from rich.text import Text

        table = Table(header_style="bold", show_lines=show_lines)
        for column, w in zip(columns, widths, strict=True):
            table.add_column(column.header, justify=column.justify, no_wrap=column.no_wrap, width=w)
        for row in rows:
            table.add_row(*(Text(cell) for cell in row))
        out.print(table)
        return
    for n, row in enumerate(rows):
        if n:
            out.print("")
        say(out, headings[n] if headings is not None else row[heading], style="bold")
        for i, (column, cell) in enumerate(zip(columns, row, strict=True)):
            if i != heading and column.stacked:
                say(out, f"{column.header}: {' '.join(cell.split())}", indent="  ", hang="    ")


def say(
    out: Console, text: str, *, indent: str = "", hang: str | None = None, style: str | None = None
) -> None:
    """One paragraph folded between words to ``out``'s width (never inside a word)."""
    lines = textwrap.wrap(
        text,
        max(1, out.width),
        initial_indent=indent,
        subsequent_indent=indent if hang is None else hang,
        break_long_words=False,
        break_on_hyphens=False,
    )
    for line in lines or [""]:
        out.print(line, style=style, markup=False, highlight=False, soft_wrap=True)
