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
) -> None:
    """One exercise in a panel; with ``figure_style`` (braille or blocks) and a figure, the
    figure beside the text on wide terminals, above the steps when narrower, none under
    about 50 columns. ``animate`` moves it start → stretch twice first (terminals only)."""
    from rich.console import Group
    from rich.panel import Panel
    from rich.text import Text

    body: list[Any] = [
        Text(f"{ex.kind} · {ex.position} · {dose(ex)}, rest {ex.rest_seconds} s"),
        Text(""),
    ]
    if ex.why:
        body[1:1] = [Text(f"Why it helps: {ex.why}")]
    first_step = len(body)
    for n, step in enumerate(ex.steps, start=1):
        body.append(Text(f"{n}. {step}"))
    body.append(Text(""))
    body.append(Text(stop_cue(ex.stop_if), style="bold"))
    if ex.notes:
        from stretchcoach.safety.conditions import CONDITIONS

        for condition, note in ex.notes:
            label = CONDITIONS[condition].label if condition in CONDITIONS else condition
            body.append(Text(f"{label}: {note}", style="italic"))
    body.append(Text(f"Suits: {', '.join(ex.causes)} · offered up to pain {ex.max_severity}/10"))
    if ex.movements:
        from stretchcoach.safety.conditions import MOVEMENT_WORDS

        words = [MOVEMENT_WORDS.get(m, m) for m in ex.movements]
        body.append(Text(f"Involves: {', '.join(words)}"))
    if ex.per_side:
        how = (
            "all reps on one side, then all on the other"
            if ex.side_order == "in-turn"
            else "switch sides after each rep"
        )
        body.append(Text(f"Sides: {how}"))
    body.append(Text(f"Breathing: {breathing_text(ex)}"))
    if ex.equipment:
        body.append(Text(f"You need: {', '.join(ex.equipment)}"))
    for label, ref in (("Easier", ex.easier), ("Harder", ex.harder)):
        if ref:
            other = catalogue.get(ref) if catalogue else None
            body.append(Text(f"{label}: {other.name if other else ref} ({ref})"))
    out = console()

    def panel_at(t: float) -> Any:
        content: Any = Group(*body)
        if figure_style in ("braille", "blocks"):
            content = _with_figure(ex, body, first_step, out, figure_style, t)
        return Panel(content, title=Text(f"{ex.name} ({ex.id})"), title_align="left")

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
