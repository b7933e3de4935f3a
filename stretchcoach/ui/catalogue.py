"""Drawing catalogue things: the exercise table, one exercise's panel, the causes table."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from stretchcoach.catalogue import Catalogue, Exercise
from stretchcoach.ui import console, stop_cue


def dose(ex: Exercise, *, hold: int | None = None, reps: int | None = None) -> str:
    """'20 s × 3 each side' style dose text."""
    hold = ex.hold_seconds if hold is None else hold
    reps = ex.reps if reps is None else reps
    side = " each side" if ex.per_side else ""
    return f"{hold} s × {reps}{side}"


def dose_with_rest(ex: Exercise) -> str:
    """The dose and its rest between reps ('5 s × 8, rest 2 s'); no rest when it is 0."""
    rest = f", rest {ex.rest_seconds} s" if ex.rest_seconds else ""
    return f"{dose(ex)}{rest}"


def exercise_lines(ex: Exercise, catalogue: Catalogue | None = None) -> list[tuple[str, str, str]]:
    """What ``show`` says about ``ex``, as (style, lead, text) lines: a step's lead is its
    number ("1. "), which its folded lines hang under; ("", "", "") is a blank line."""
    lines: list[tuple[str, str, str]] = [
        ("", "", f"{ex.kind} · {ex.position} · {dose_with_rest(ex)}")
    ]
    if ex.why:
        lines.append(("", "", f"Why it helps: {ex.why}"))
    lines.append(("", "", ""))
    lines += [("", f"{n}. ", step) for n, step in enumerate(ex.steps, start=1)]
    lines.append(("", "", ""))
    lines.append(("bold", "", stop_cue(ex.stop_if)))
    if ex.notes:
        from stretchcoach.safety.conditions import CONDITIONS

        for condition, note in ex.notes:
            label = CONDITIONS[condition].label if condition in CONDITIONS else condition
            lines.append(("italic", "", f"{label}: {note}"))
    lines.append(
        ("", "", f"Suits: {', '.join(ex.causes)} · offered up to pain {ex.max_severity}/10")
    )
    if ex.movements:
        from stretchcoach.safety.conditions import MOVEMENT_WORDS

        words = [MOVEMENT_WORDS.get(m, m) for m in ex.movements]
        lines.append(("", "", f"Involves: {', '.join(words)}"))
    if ex.per_side:
        how = (
            "all reps on one side, then all on the other"
            if ex.side_order == "in-turn"
            else "switch sides after each rep"
        )
        lines.append(("", "", f"Sides: {how}"))
    lines.append(("", "", f"Breathing: {breathing_text(ex)}"))
    if ex.equipment:
        lines.append(("", "", f"You need: {', '.join(ex.equipment)}"))
    for label, ref in (("Easier", ex.easier), ("Harder", ex.harder)):
        if ref:
            other = catalogue.get(ref) if catalogue else None
            lines.append(("", "", f"{label}: {other.name if other else ref} ({ref})"))
    return lines


def breathing_text(ex: Exercise) -> str:
    """How an exercise is breathed, in the words the routine screen uses."""
    from stretchcoach import exercise as words

    if ex.action == "walk":
        return words.BREATHE_WALKING
    if ex.breathing == "with-movement" and ex.phases:
        return " / ".join(f"{name} — breathe {breath}" for name, breath in ex.phases)
    if ex.breathing == "out-on-effort":
        return words.BREATHE_ON_EFFORT
    return words.BREATHE_SLOWLY


def exercise_table(exercises: Sequence[Exercise]) -> None:
    """A table of exercises; stacked (one block per exercise, its name as heading) when the
    terminal is too narrow for every column."""
    from stretchcoach.ui.tables import Column, print_rows

    columns = [
        Column("id", no_wrap=True),
        Column("name"),
        Column("kind"),
        Column("position"),
        Column("dose"),
        Column("max pain", justify="right"),
    ]
    rows = [
        [ex.id, ex.name, ex.kind, ex.position, dose(ex), str(ex.max_severity)] for ex in exercises
    ]
    print_rows(console(), columns, rows, heading=1)


def exercise_panel(
    ex: Exercise,
    catalogue: Catalogue | None = None,
    *,
    figure_style: str | None = None,
    animate: bool = False,
    plain: bool = False,
) -> None:
    """One exercise in a panel; with ``figure_style`` (braille or blocks) and a figure, the
    figure beside the text on wide terminals, above the steps when narrower, none under
    about 50 columns. ``animate`` moves it start → stretch twice first (terminals only).

    The name and id are never cut: when they do not fit in the panel's top border they are
    its bold first line instead, folded between words. In plain mode (``plain``) there is no
    panel at all: the same lines, one each, with nothing a screen reader would read out.
    """
    from rich.console import Group
    from rich.panel import Panel
    from rich.text import Text

    from stretchcoach.ui.tables import Folded

    lines = exercise_lines(ex, catalogue)
    out = console(plain=plain)
    heading = f"{ex.name} ({ex.id})"
    if plain:
        for style, first, text in [("bold", "", heading), *lines]:
            out.print(
                first + text, style=style or None, markup=False, highlight=False, soft_wrap=True
            )
        return
    body: list[Any] = [
        Text("") if not text and not first else Folded(text, first=first, style=style)
        for style, first, text in lines
    ]
    first_step = next(
        (i for i, (_, first, _) in enumerate(lines) if first.startswith("1.")), len(lines)
    )
    # "╭─ " and " ─╮" around the title, and a space either side of it.
    title: Text | None = Text(heading)
    if len(heading) + 6 > out.width:
        title = None
        body.insert(0, Folded(heading, style="bold"))
        first_step += 1

    def panel_at(t: float) -> Any:
        content: Any = Group(*body)
        if figure_style in ("braille", "blocks"):
            content = _with_figure(ex, body, first_step, out, figure_style, t)
        return Panel(content, title=title, title_align="left")

    if animate and figure_style in ("braille", "blocks") and out.is_terminal:
        from stretchcoach.ui import figure as figures

        fig = figures.figure_of(ex)
        still = panel_at(1.0)
        tall = len(out.render_lines(still, pad=False)) >= out.size.height
        if fig is not None and fig.moves and not tall and out.size.width >= figures.MIN_COLUMNS:
            figures.animate(out, panel_at)
            return
    out.print(panel_at(1.0))


#: From this many columns ``show`` draws the figure beside the text, not above the steps.
SHOW_BESIDE_COLUMNS = 80
#: The text keeps at least this many columns beside a figure.
TEXT_MIN_COLUMNS = 40


def _with_figure(
    ex: Exercise, body: list[Any], first_step: int, out: Any, style: str, t: float = 1.0
) -> Any:
    """The panel's body with the exercise's figure at ``t`` (1: the stretch) placed for the
    terminal's width."""
    from rich.console import Group
    from rich.table import Table
    from rich.text import Text

    from stretchcoach.ui import figure as figures

    width = out.size.width
    fig = figures.figure_of(ex)
    if fig is None or width < figures.MIN_COLUMNS:
        return Group(*body)
    room = width - 4  # the panel's border and padding
    colour = out.color_system is not None
    caption = figures.show_caption(fig, ex)
    if width >= SHOW_BESIDE_COLUMNS:
        cells = figures.figure_width(fig, room - 2 - TEXT_MIN_COLUMNS)
        drawn = figures.block(fig, style=style, width=cells, t=t, caption=caption, colour=colour)
        grid = Table.grid(padding=(0, 2), expand=True)
        grid.add_column(ratio=1)
        grid.add_column(width=drawn.width)
        grid.add_row(Group(*body), drawn.renderable)
        return grid
    cells = figures.figure_width(fig, room)
    drawn = figures.block(fig, style=style, width=cells, t=t, caption=caption, colour=colour)
    return Group(*body[:first_step], drawn.renderable, Text(""), *body[first_step:])


def causes_table(rows: Sequence[dict[str, str]]) -> None:
    """Each cause's id, meaning and advice; stacked (one block per cause) when narrow."""
    from stretchcoach.ui.tables import Column, print_rows

    columns = [Column("id", no_wrap=True), Column("what it means"), Column("advice")]
    cells = [[r["id"], f"{r['label']}: {r['description']}", r["advice"]] for r in rows]
    print_rows(console(), columns, cells, show_lines=True)
