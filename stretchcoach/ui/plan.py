"""Drawing a planned routine: the table shown before ``start``, and the take-away plan that
``plan`` prints as text or markdown (steps, stop rules and the emergency line included, since
people follow a paper plan without the program)."""

from __future__ import annotations

from stretchcoach.routine import Plan, PlannedExercise
from stretchcoach.safety import (
    CAUSE_INFO,
    DISCLAIMER_SHORT,
    EMERGENCY_LINE,
    NO_PAIN_NO_GAIN,
    STOP_RULES,
)
from stretchcoach.ui import console, stop_cue
from stretchcoach.ui.catalogue import dose as dose_text

#: Headings of the take-away plan's sections, the same in text and markdown.
STEPS_HEADING = "How to do each exercise"
STOP_HEADING = "Stop rules"
FEEL_HEADING = "How it should feel"
EMERGENCY_HEADING = "In an emergency"

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


def plan_table(plan: Plan, *, plain: bool = False, fold: bool = True) -> None:
    """The routine as a table (order, exercise, position, dose, time) with its title above
    and total below; stacked, one block per exercise, when the terminal is too narrow.
    ``fold`` False leaves the title and total as one line each (a plain transcript)."""
    from stretchcoach.ui.tables import Column, print_rows, say

    out = console(plain=plain)
    columns = [
        Column("#", justify="right", no_wrap=True, stacked=False),
        Column("exercise"),
        Column("position"),
        Column("dose"),
        Column("time", justify="right", no_wrap=True),
    ]
    rows = [
        [
            str(n),
            item.exercise.name,
            position_label(item.exercise.position),
            dose(item),
            clock(item.seconds),
        ]
        for n, item in enumerate(plan.items, start=1)
    ]
    say(out, title(plan), fold=fold)
    print_rows(
        out,
        columns,
        rows,
        heading=1,
        headings=[f"{row[0]}. {row[1]}" for row in rows],
    )
    say(out, total_line(plan), fold=fold)


def plan_notes(plan: Plan, *, plain: bool = False) -> None:
    """The plan's notes (why it is shorter, how it adapted, what health notes changed), then
    each exercise's own notes for this person's conditions: folded under their text on a
    terminal, one line each in plain mode (see ui/routine.py on why plain is not folded)."""
    from stretchcoach.ui.tables import say

    out = console(plain=plain)
    for note in plan.notes:
        say(out, note, indent="Note: ", fold=not plain)
    for item in plan.items:
        for note in item.notes:
            say(out, note, indent=f"{item.exercise.name}: ", hang="  ", fold=not plain)


def show_plan(plan: Plan, *, plain: bool = False) -> None:
    """Table, total and notes: what ``start`` shows before the routine."""
    plan_table(plan, plain=plain, fold=not plain)
    plan_notes(plan, plain=plain)


def health_line(plan: Plan) -> str:
    """Which health conditions shaped the plan, in one line."""
    from stretchcoach.safety.conditions import labels

    conditions = plan.assessment.conditions
    if not conditions:
        return "Health notes: none given, so nothing was left out for a health condition."
    return f"Shaped by your health notes: {labels(conditions)}."


def exercise_notes(item: PlannedExercise) -> list[tuple[str, str]]:
    """The exercise's notes for this person's conditions, each with its condition's label."""
    from stretchcoach.safety.conditions import CONDITIONS

    label = {text: CONDITIONS[cid].label for cid, text in item.exercise.notes if cid in CONDITIONS}
    return [(label.get(text, "Note"), text) for text in item.notes]


def about_line(item: PlannedExercise) -> str:
    """'lying on your back · 10 s × 2 each side, rest 5 s · 1:05'."""
    return f"{position_label(item.exercise.position)} · {dose(item)} · {clock(item.seconds)}"


def show_takeaway(plan: Plan, *, plain: bool = False) -> None:
    """The text output of ``stretchcoach plan``: the table and notes, the health notes that
    shaped it, each exercise's why, steps, stop-if line and notes, the stop rules, how it
    should feel, the emergency line and the disclaimer. Folded between words to the width of the
    terminal (or of COLUMNS), with hanging indents so numbered steps stay readable."""
    from stretchcoach.ui.tables import say

    plan_table(plan, plain=plain)
    out = console(plain=plain)

    def para(text: str, *, first: str = "", indent: str = "", style: str | None = None) -> None:
        # A name or id stays whole, even wider than the terminal; a number keeps its unit.
        say(out, text, indent=first or indent, hang=indent, style=style)

    def heading(text: str) -> None:
        out.print("")
        para(text, style="bold")

    for note in plan.notes:
        para(note, first="Note: ", indent="      ")
    para(health_line(plan))
    heading(STEPS_HEADING)
    for n, item in enumerate(plan.items, start=1):
        if n > 1:
            out.print("")
        para(item.exercise.name, first=f"{n}. ", indent="   ", style="bold")
        para(about_line(item), indent="   ")
        if item.exercise.why:
            para(f"Why it helps: {item.exercise.why}", indent="   ")
        for k, step in enumerate(item.exercise.steps, start=1):
            para(step, first=f"   {k}. ", indent="      ")
        para(stop_cue(item.exercise.stop_if), indent="   ")
        for label, text in exercise_notes(item):
            para(f"{label}: {text}", indent="   ")
    heading(STOP_HEADING)
    for rule in STOP_RULES:
        para(rule, first="- ", indent="  ")
    heading(FEEL_HEADING)
    for line in NO_PAIN_NO_GAIN:
        para(line)
    heading(EMERGENCY_HEADING)
    para(EMERGENCY_LINE)
    out.print("")
    para(DISCLAIMER_SHORT)


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


def plan_markdown(plan: Plan) -> str:
    """The routine as a markdown document to follow on paper: heading, table, total, notes,
    the health notes that shaped it, each exercise's why, steps, stop-if line and notes, the
    stop rules, how it should feel, the emergency line and the disclaimer."""
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
    lines += [health_line(plan), "", f"## {STEPS_HEADING}", ""]
    for n, item in enumerate(plan.items, start=1):
        lines += [f"### {n}. {item.exercise.name}", "", f"_{about_line(item)}_", ""]
        if item.exercise.why:
            lines += [f"Why it helps: {item.exercise.why}", ""]
        lines += [f"{k}. {step}" for k, step in enumerate(item.exercise.steps, start=1)]
        lines += ["", f"**{stop_cue(item.exercise.stop_if)}**", ""]
        notes = exercise_notes(item)
        if notes:
            lines += [f"- **{label}:** {text}" for label, text in notes]
            lines.append("")
    lines += [f"## {STOP_HEADING}", "", *[f"- {rule}" for rule in STOP_RULES], ""]
    lines += [f"## {FEEL_HEADING}", ""]
    for line in NO_PAIN_NO_GAIN:
        lines += [line, ""]
    lines += [f"## {EMERGENCY_HEADING}", "", f"**{EMERGENCY_LINE}**", ""]
    lines.append(f"_{DISCLAIMER_SHORT}_")
    return "\n".join(lines) + "\n"
