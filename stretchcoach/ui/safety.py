"""Drawing the safety material: health notes, the rules table, the screen's questions.

Blocks of wrapped text rather than wide tables, so every word stays readable in a narrow
terminal and a clinician can read it straight through.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from stretchcoach.ui import console

TIER_WORDS: dict[str, str] = {
    "emergency": "Emergency: call the emergency number now",
    "urgent": "Urgent: no exercise today, see a doctor today",
    "soon": "See soon: book an appointment; gentle routine until then",
    "info": "Information: leads to follow-up questions, changes nothing on its own",
}
ROUTINE_WORDS: dict[str, str] = {
    "any": "routine allowed, without what is left out",
    "gentle": "gentle routine only",
    "none": "no routine from this tool",
}


def _blocks(blocks: Sequence[tuple[str, Sequence[str]]]) -> None:
    """Print titled blocks of lines indented by two, wrapping inside the indent at word
    boundaries (no trailing spaces, so piped output stays clean)."""
    import textwrap

    from rich.text import Text

    out = console()
    width = max(out.width - 2, 20)
    for n, (title, lines) in enumerate(blocks):
        if n:
            out.print()
        out.print(Text(title, style="bold"), soft_wrap=True)
        for line in lines:
            for part in textwrap.wrap(line, width=width, break_long_words=False) or [""]:
                out.print(Text("  " + part), soft_wrap=True)


def health_notes(summary: str, facts: Sequence[tuple[str, str]], advice: Sequence[str]) -> None:
    """A person's saved health notes, with what they change."""
    lines = [f"{label}: {value}" for label, value in facts]
    blocks: list[tuple[str, Sequence[str]]] = [(summary, lines)]
    if advice:
        blocks.append(("What this changes", list(advice)))
    _blocks(blocks)


def rules(rows: Sequence[Mapping[str, Any]]) -> None:
    """``health --rules``: each condition, what it leaves out, and the advice beside it."""
    from stretchcoach.safety.conditions import MOVEMENT_WORDS, POSITION_WORDS

    blocks: list[tuple[str, Sequence[str]]] = []
    for row in rows:
        lines = [f"Covers: {row['covers']}", f"Routine: {ROUTINE_WORDS[row['routine']]}"]
        if row["positions_left_out"]:
            words = ", ".join(f"{p} ({POSITION_WORDS[p]})" for p in row["positions_left_out"])
            lines.append(f"Positions left out: {words}")
        if row["movements_left_out"]:
            words = ", ".join(f"{m} ({MOVEMENT_WORDS[m]})" for m in row["movements_left_out"])
            lines.append(f"Movements left out: {words}")
        lines.append(f"Advice: {row['advice']}")
        blocks.append((f"{row['label']} ({row['condition']})", lines))
    _blocks(blocks)


def questions(rows: Sequence[Mapping[str, Any]]) -> None:
    """``screen --list``: every question with its tier, when it is asked and its follow-ups."""
    blocks: list[tuple[str, Sequence[str]]] = []
    for row in rows:
        lines = [str(row["text"]), f"Tier: {TIER_WORDS[row['tier']]}"]
        lines.append(f"Asked: {row['asked_when']}")
        if row["follow_ups"]:
            lines.append(f"Follow-ups: {', '.join(row['follow_ups'])}")
        blocks.append((str(row["id"]), lines))
    _blocks(blocks)


def outcome(decision: str, because: Sequence[str], advice: str) -> None:
    """The decision for a set of screen answers."""
    lines = [f"Because of: {', '.join(because)}"] if because else []
    lines += advice.splitlines()
    _blocks([(f"Decision: {decision}", lines)])
