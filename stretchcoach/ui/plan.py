"""Drawing a planned routine: the table shown by ``plan`` and before ``start``, and markdown."""

from __future__ import annotations

from stretchcoach.routine import Plan, PlannedExercise
from stretchcoach.safety import CAUSE_INFO, DISCLAIMER_SHORT
from stretchcoach.ui import console
from stretchcoach.ui.catalogue import dose as dose_text

#: Plain words for the catalogue's positions, shown wherever a person reads them (JSON and
#: the catalogue keep the ids).
POSITION_LABELS: dict[str, str] = {
    "standing": "standing",
    "seated": "seated",
    "kneeling": "kneeling",
    "all-fours": "on hands and knees",
    "side-lying": "lying on your side",
    "prone": "lying on your front",
    "supine": "lying on your back",
}


def position_label(position: str) -> str:
    """The plain words for a position id (an unknown id is shown as it is)."""
    return POSITION_LABELS.get(position, position)


def clock(seconds: int) -> str:
    """Seconds as 'm:ss' (e.g. 9:05)."""
    minutes, rest = divmod(int(seconds), 60)
    return f"{minutes}:{rest:02d}"


def dose(item: PlannedExercise) -> str:
    """The planned dose, e.g. '10 s × 2 each side, rest 5 s'."""
    text = dose_text(item.exercise, hold=item.hold_seconds, reps=item.reps)
    if item.reps > 1 and item.rest_seconds:
        text += f", rest {item.rest_seconds} s"
    return text


def title(plan: Plan) -> str:
    """One line saying what the routine is for."""
    a = plan.assessment
    label = CAUSE_INFO[a.cause].label if a.cause in CAUSE_INFO else a.cause
    return f"Your routine: {label.lower()}, pain {a.severity}/10, {plan.minutes} minutes asked"


def total_line(plan: Plan) -> str:
    """'Total 9:45 (of 10:00 asked), 8 exercises.'"""
    count = len(plan.items)
    noun = "exercise" if count == 1 else "exercises"
    return (
        f"Total {clock(plan.total_seconds)} (of {clock(plan.minutes * 60)} asked), "
        f"{count} {noun}, seed {plan.seed}."
    )


def plan_table(plan: Plan, *, plain: bool = False) -> None:
    """The routine as a table (order, exercise, position, dose, time) with its total below."""
    from rich.table import Table

    table = Table(title=title(plan), title_justify="left", header_style="bold")
    table.add_column("#", justify="right")
    table.add_column("exercise")
    table.add_column("position")
    table.add_column("dose")
    table.add_column("time", justify="right", no_wrap=True)
    for n, item in enumerate(plan.items, start=1):
        table.add_row(
            str(n),
            item.exercise.name,
            position_label(item.exercise.position),
            dose(item),
            clock(item.seconds),
        )
    out = console(plain=plain)
    out.print(table)
    out.print(total_line(plan), highlight=False)


def plan_notes(plan: Plan, *, plain: bool = False) -> None:
    """The plan's notes (why it is shorter, how it adapted, what health notes changed), then
    each exercise's own notes for this person's conditions, one per line."""
    out = console(plain=plain)
    for note in plan.notes:
        out.print(f"Note: {note}", highlight=False, markup=False)
    for item in plan.items:
        for note in item.notes:
            out.print(f"{item.exercise.name}: {note}", highlight=False, markup=False)


def show_plan(plan: Plan, *, plain: bool = False) -> None:
    """Table, total and notes: the text output of ``stretchcoach plan``."""
    plan_table(plan, plain=plain)
    plan_notes(plan, plain=plain)


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


def plan_markdown(plan: Plan) -> str:
    """The routine as a markdown document: heading, table, total, notes and the disclaimer."""
    lines = [
        f"# {title(plan)}",
        "",
        "| # | exercise | position | dose | time |",
        "|---:|---|---|---|---:|",
    ]
    for n, item in enumerate(plan.items, start=1):
        cells = (
            str(n),
            item.exercise.name,
            position_label(item.exercise.position),
            dose(item),
            clock(item.seconds),
        )
        lines.append("| " + " | ".join(_cell(c) for c in cells) + " |")
    lines += ["", f"**{total_line(plan)}**", ""]
    if plan.notes:
        lines += [f"- {note}" for note in plan.notes]
        lines.append("")
    exercise_notes = [(item.exercise.name, note) for item in plan.items for note in item.notes]
    if exercise_notes:
        lines += [f"- **{_cell(name)}:** {note}" for name, note in exercise_notes]
        lines.append("")
    lines.append(f"_{DISCLAIMER_SHORT}_")
    return "\n".join(lines) + "\n"
