"""Tables that fit the terminal, whatever its width.

A table is drawn only when every column can be given at least its longest word (a whole
cell, for columns that never wrap), so nothing is cut mid-word, shown with "…" or dropped.
Below that width the rows are stacked instead: one block per row, its name as a heading and
then one "field: value" line per column, folded between words. A single word longer than
the terminal (an id at 15 columns) is kept whole rather than split.

Folding text is done here for every screen (``fold_lines``, ``say`` and the ``Folded``
renderable): between words only, a number kept with its unit ("rest 3 s", never "rest 3" /
"s"), and a wrapped line continuing under the text, not under its bullet or number.
"""

from __future__ import annotations

import re
import textwrap
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal

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


#: The spaces a line is never folded at: between a number and its unit ("3 s", "2 min"),
#: and around a "×" ("60 s × 2" folds as "60 s" / "× 2" at most).
_GLUED = re.compile(
    r"(?<=\d) (?=(?:s|sec|secs|min|mins|minutes?|seconds?|reps?|days?|weeks?|kg|km|cm)\b)"
    r"|(?<=×) (?=\d)"
)
#: Stands in for a glued space while folding (textwrap never breaks at it); never printed.
_NBSP = "\u00a0"
#: Where a line may be folded (str.split() would also split at a glued no-break space).
_SPACES = re.compile(r"[ \t\n]+")
#: A line's lead: its indent, then a bullet ("•", "-", "*") or a number ("1.", "2)").
_LEAD = re.compile(r"[ ]*(?:(?:[•*-]|\d{1,3}[.)]) +)?")


def glue(text: str) -> str:
    """``text`` with the spaces that must not be folded at made no-break (for measuring and
    folding only: ``fold_lines`` hands back ordinary spaces)."""
    return _GLUED.sub(_NBSP, text)


def hang_of(text: str) -> str:
    """The indent a folded ``text`` continues at: its own indent plus any bullet or number,
    so "  • Stop if …" continues under "Stop", and "1. Lie …" under "Lie"."""
    match = _LEAD.match(text)
    return " " * (match.end() if match else 0)


def fold_lines(text: str, width: int, *, first: str = "", hang: str | None = None) -> list[str]:
    """``text`` folded between words into lines at most ``width`` wide (a single word wider
    than that is kept whole), with no trailing spaces.

    ``first`` goes before the first line; later lines start with ``hang``, which by default
    lines them up under the text (past ``first`` and the text's own indent and bullet).
    """
    if "\n" in text:  # each line of its own
        head, *rest = text.split("\n")
        out = fold_lines(head, width, first=first, hang=hang)
        for part in rest:
            out += fold_lines(part, width, hang=hang)
        return out
    lead = hang_of(text)
    if hang is None:
        hang = " " * len(first) + lead
    lines = textwrap.wrap(
        glue(text[len(lead) :]),
        max(1, width),
        initial_indent=first + text[: len(lead)],
        subsequent_indent=hang,
        break_long_words=False,
        break_on_hyphens=False,
    )
    return [line.replace(_NBSP, " ").rstrip() for line in lines] or [first.rstrip()]


def _longest_word(text: str) -> int:
    return max((len(word) for word in _SPACES.split(glue(text))), default=0)


def _word_lengths(text: str) -> list[list[int]]:
    """The lengths of the words of each line of ``text`` (numbers glued to their units)."""
    return [[len(w) for w in _SPACES.split(glue(line)) if w] for line in text.split("\n")]


def _line_count(lines: list[list[int]], width: int) -> int:
    """How many lines words of these lengths take when folded at ``width``."""
    count = 0
    for words in lines:
        used = -1
        count += 1
        for n in words:
            if used >= 0 and used + 1 + n > width:
                count += 1
                used = n
            else:
                used = n if used < 0 else used + 1 + n
    return count


def _longest_line(text: str) -> int:
    return max((len(line) for line in text.splitlines()), default=0)


def column_widths(
    columns: Sequence[Column], rows: Sequence[Sequence[str]], width: int
) -> list[int] | None:
    """Cell widths for a table ``width`` characters wide, or None when it cannot fit.

    Every column gets its longest word (a number with its unit counts as one word), or its
    longest cell if it never wraps. What is left first makes the most lines any one cell
    takes as few as it can be, so a wordy cause is not folded onto five lines beside roomy
    number columns. Then columns that need little more to fit their cells get it, the rest
    share what remains evenly, and only then does a header longer than its cells ("minutes"
    over "5 of 5") get room.
    """
    cells = [[c.header, *(row[i] for row in rows)] for i, c in enumerate(columns)]
    least = [
        max(_longest_line(t) for t in cells[i])
        if c.no_wrap
        else max(_longest_word(t) for t in cells[i])
        for i, c in enumerate(columns)
    ]
    spare = width - (PER_COLUMN * len(columns) + 1) - sum(least)
    if spare < 0:
        return None
    widths = list(least)
    body = [max([least[i], *(_longest_line(t) for t in col[1:])]) for i, col in enumerate(cells)]
    whole = [max(_longest_line(t) for t in col) for col in cells]
    # Columns that need little more get all of it (short cells stay on one line), the rest
    # share what remains evenly: cells first, headers last.
    for most in (body, whole):
        wanting = sorted(
            (i for i in range(len(columns)) if widths[i] < most[i]),
            key=lambda i: most[i] - widths[i],
        )
        for k, i in enumerate(wanting):
            add = min(most[i] - widths[i], spare // (len(wanting) - k))
            widths[i] += add
            spare -= add
    return _fewer_lines(widths, least, body, [col[1:] for col in cells])


def _fewer_lines(
    widths: list[int], least: list[int], body: list[int], cells: list[list[str]]
) -> list[int]:
    """``widths`` with room moved between columns while that makes the table shorter: a
    wordy cell folded onto five lines beside a roomy column of short ones gets its share.

    The table's height is the sum of each row's tallest cell; fewer folded cells in all
    breaks a tie.
    """
    n = len(widths)
    rows = len(cells[0]) if cells else 0
    words = [[_word_lengths(t) for t in col] for col in cells]
    top = [max(widths[i], body[i]) for i in range(n)]
    taken = [
        {w: [_line_count(ws, w) for ws in words[i]] for w in range(least[i], top[i] + 1)}
        for i in range(n)
    ]

    def score(ws: list[int]) -> tuple[int, int]:
        lines = [taken[i][ws[i]] for i in range(n)]
        height = sum(max(lines[i][r] for i in range(n)) for r in range(rows))
        return height, sum(sum(col) for col in lines)

    best = score(widths)
    while True:
        move: tuple[tuple[int, int], list[int]] | None = None
        for give in range(n):
            for take in range(n):
                if give == take or widths[take] >= body[take]:
                    continue
                for d in range(1, min(widths[give] - least[give], body[take] - widths[take]) + 1):
                    trial = list(widths)
                    trial[give] -= d
                    trial[take] += d
                    got = score(trial)
                    if got < best and (move is None or got < move[0]):
                        move = (got, trial)
        if move is None:
            return widths
        best, widths = move


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
            # Folded here, so a number stays with its unit; Rich only lays the lines out.
            table.add_row(
                *(
                    Text(cell if c.no_wrap else "\n".join(fold_lines(cell, w)))
                    for c, w, cell in zip(columns, widths, row, strict=True)
                )
            )
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
    out: Console,
    text: str,
    *,
    indent: str = "",
    hang: str | None = None,
    style: str | None = None,
    fold: bool = True,
) -> None:
    """One paragraph folded between words to ``out``'s width (never inside a word), its
    wrapped lines under its text (see ``fold_lines``); ``hang`` sets their indent instead.

    With ``fold`` False the paragraph is one line, however long (plain transcripts).
    """
    if not fold:
        out.print(indent + text, style=style, markup=False, highlight=False, soft_wrap=True)
        return
    for line in fold_lines(text, out.width, first=indent, hang=hang):
        out.print(line, style=style, markup=False, highlight=False, soft_wrap=True)


class Folded:
    """A paragraph for inside a panel or grid, folded like ``say`` at the width it is drawn
    at: between words, numbers kept with their units, wrapped lines under the text."""

    def __init__(self, text: str, *, first: str = "", style: str = "") -> None:
        self.text = text
        self.first = first
        self.style = style

    def lines(self, width: int) -> list[str]:
        """The folded lines; a single word wider than the whole width (a long custom id) is
        broken across lines rather than cut, so no character is ever lost."""
        out: list[str] = []
        for line in fold_lines(self.text, width, first=self.first):
            while width > 0 and len(line) > width:
                out.append(line[:width])
                line = line[width:]
            out.append(line)
        return out

    def __rich_console__(self, console: Any, options: Any) -> Iterator[Any]:
        from rich.text import Text

        for line in self.lines(options.max_width):
            yield Text(line, style=self.style, no_wrap=True, overflow="fold")

    def __rich_measure__(self, console: Any, options: Any) -> Any:
        from rich.measure import Measurement

        whole = len(self.first) + len(self.text)
        lead = len(self.first) + len(hang_of(self.text))
        least = lead + _longest_word(self.text[len(hang_of(self.text)) :])
        return Measurement(min(least, whole), whole)
