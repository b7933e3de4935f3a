"""Drawing the flare-up plan: the general advice, then the person's own three lists."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from stretchcoach.flare import GENERAL_ADVICE, NO_PLAN_HINT, SECTION_TITLES, SECTIONS, FlarePlan
from stretchcoach.ui import console
from stretchcoach.ui.tables import say

if TYPE_CHECKING:
    from rich.console import Console

#: Shown under a heading whose list is empty.
NOTHING_YET = "(nothing written yet)"


def plan_lines(plan: FlarePlan | None) -> list[tuple[str, bool]]:
    """The plan as (text, is_heading) lines: a title per list, then its items."""
    if plan is None or plan.is_empty():
        return [(NO_PLAN_HINT, False)]
    out: list[tuple[str, bool]] = []
    for name in SECTIONS:
        out.append((SECTION_TITLES[name], True))
        items = plan.section(name) or (NOTHING_YET,)
        out.extend((item if item == NOTHING_YET else f"• {item}", False) for item in items)
    return out


def show(plan: FlarePlan | None, *, advice: Sequence[str] = GENERAL_ADVICE) -> None:
    """``stretchcoach flare``: short general advice, then the person's own plan."""
    out = console()
    if advice:
        say(out, "During a flare-up", style="bold")
        for line in advice:
            say(out, f"• {line}", indent="  ", hang="    ")
        out.print("")
    say(out, "Your flare-up plan", style="bold")
    _draw(out, plan)


def show_during_session(
    plan: FlarePlan | None, *, reason: str, plain: bool, advice: Sequence[str] = ()
) -> None:
    """The plan brought up by a pain score during ``start``: why, then the plan (or, with
    none written yet, the general advice and how to write one)."""
    out = console(plain=plain)
    out.print("")
    say(out, reason, style=None if plain else "bold")
    if plan is None or plan.is_empty():
        for line in advice:
            say(out, f"• {line}", indent="  ", hang="    ")
    _draw(out, plan)


def _draw(out: Console, plan: FlarePlan | None) -> None:
    """The plan's lines: headings indented once, items twice (a hint alone, once)."""
    for text, heading in plan_lines(plan):
        if heading or plan is None or plan.is_empty():
            say(out, text, indent="  ", style="bold" if heading else None)
        else:
            say(out, text, indent="    ", hang="      ")
