"""Drawing walks: the timed walk's screen, the weekly plan, and the line after a walk."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from datetime import date
from typing import IO

import click

from stretchcoach.ui.prompter import KeyPrompter
from stretchcoach.walking import (
    GOAL_DAYS,
    GOAL_MINUTES,
    PAIN_LABELS,
    TURN_BACK,
    WALK_DONE,
    WalkPlan,
    WalkRecord,
    walk_plan,
)


def clock_text(seconds: float) -> str:
    """12:05 for 725 seconds (minutes:seconds)."""
    whole = max(0, int(seconds))
    return f"{whole // 60}:{whole % 60:02d}"


def minutes_text(seconds: float) -> str:
    """'12 minutes', '1 minute' or '6½ minutes' (to the nearest half minute below)."""
    halves = int(seconds // 30)
    whole, half = divmod(halves, 2)
    if whole == 0 and half:
        return "½ minute"
    if whole == 1 and not half:
        return "1 minute"
    return f"{whole}{'½' if half else ''} minutes"


def duration_text(seconds: float) -> str:
    """'14 minutes 40 seconds', '12 minutes', '1 minute', '40 seconds': a walk's exact length,
    to agree with the timer (which counts to 14:40)."""
    whole = max(0, int(seconds))  # as clock_text, so the two always agree
    minutes, rest = divmod(whole, 60)
    parts = []
    if minutes:
        parts.append(f"{minutes} {'minute' if minutes == 1 else 'minutes'}")
    if rest or not minutes:
        parts.append(f"{rest} {'second' if rest == 1 else 'seconds'}")
    return " ".join(parts)


def length_text(seconds: float) -> str:
    """'12-minute', '6½-minute' (a walk's length before a noun)."""
    return minutes_text(seconds).replace(" minutes", "-minute").replace(" minute", "-minute")


def _article(length: str) -> str:
    """'an' before a length said with a vowel first ("an 8-minute", "an 11-minute")."""
    digits = length.split("-")[0].rstrip("½")
    number = int(digits) if digits.isascii() and digits.isdigit() else None
    return "an" if number in (8, 11, 18) or (number is not None and 80 <= number <= 89) else "a"


def day_text(day: date) -> str:
    return f"{day:%A} {day.day} {day:%B}"


def _say(text: str, *, err: bool = False) -> None:
    from stretchcoach.ui import fold

    click.echo(fold(text, sys.stderr if err else sys.stdout), err=err)


#: Joins a key to its word in the pain question so folding never parts "[b]" from "better".
_GLUE = "\u00a0"


class PainPrompter(KeyPrompter):
    """The one-key prompter, folding each "[key] label" as one unit (never "[b]" at the end
    of a line and "better" at the start of the next)."""

    def choose(self, question: str, options: Sequence[tuple[str, str]]) -> str:
        glued = [(key, label.replace(" ", _GLUE)) for key, label in options]
        return super().choose(question, glued)

    def _wrap(self, text: str, indent: str = "") -> str:
        return super()._wrap(text.replace("] ", "]" + _GLUE), indent).replace(_GLUE, " ")


class WalkScreen:
    """The timed walk: a few calm lines, and on a terminal one status line kept up to date."""

    def __init__(
        self,
        *,
        plan: WalkPlan,
        chosen: bool,
        practice: bool = False,
        min_saved: float = 0,
        err: bool = False,
    ) -> None:
        self.plan = plan
        self.chosen = chosen
        self.practice = practice
        self.min_saved = min_saved  # a walk ended sooner is not kept: the caller says so
        self.err = err  # on stderr, when stdout carries data (--format json)
        self.live = _is_tty(sys.stderr if err else sys.stdout)
        self._drawn = 0
        self._last_second = -1

    def started(self, *, seconds: float) -> None:
        if self.plan.phase != "plan" and not self.chosen:
            self._say(
                "Baseline week: walk what feels comfortable today, bad day or good. "
                f"The timer suggests {duration_text(seconds)}; end whenever you like."
            )
        elif self.plan.this_week is not None and not self.chosen:
            week = self.plan.this_week
            days = "day" if week.days == 1 else "days"
            self._say(f"This week's walk: {duration_text(week.seconds)}, on {week.days} {days}.")
        self._say(
            f"Walk for {duration_text(seconds)}, turning back at {clock_text(seconds / 2)}."
            " An easy pace you could talk at is right."
        )
        self._say(
            "Ctrl-C ends the walk early."
            if self.practice
            else "Ctrl-C ends the walk early (what you walked is still saved)."
        )
        click.echo(err=self.err)

    def _say(self, text: str) -> None:
        _say(text, err=self.err)

    def tick(self, *, elapsed: float, seconds: float) -> None:
        if not self.live or int(elapsed) == self._last_second:
            return
        self._last_second = int(elapsed)
        way = "out" if elapsed < seconds / 2 else "back"
        line = f"  {clock_text(elapsed)} of {clock_text(seconds)}  ({way})"
        self._draw(line)

    def _draw(self, line: str) -> None:
        pad = " " * max(0, self._drawn - len(line))
        click.echo(f"\r{line}{pad}", nl=False, err=self.err)
        self._drawn = len(line)

    def _clear(self) -> None:
        if self.live and self._drawn:
            click.echo("\r" + " " * self._drawn + "\r", nl=False, err=self.err)
            self._drawn = 0

    def half_way(self) -> None:
        self._clear()
        if self.live:
            click.echo(
                "\a", nl=False, err=self.err
            )  # a gentle bell, so the note is noticed on the move
        self._say(TURN_BACK)

    def finished(self, *, elapsed: float, ending: str) -> None:
        """The walk's last line; nothing for a walk too short to keep (the caller says that,
        once, so there are never two lines that disagree)."""
        self._clear()
        if ending == "completed":
            self._say(WALK_DONE)
        elif elapsed < self.min_saved:
            return
        elif ending == "ended-early":
            self._say(f"Walk ended after {clock_text(elapsed)}. That is fine: it still counts.")
        else:
            self._say(f"Walk stopped after {clock_text(elapsed)}.")


def too_short_text(elapsed: float, min_saved: float) -> str:
    """The one line for a timed walk ended before ``min_saved`` seconds."""
    return (
        f"Walk ended after {clock_text(elapsed)}: under {duration_text(min_saved)}, "
        "so nothing was saved."
    )


def _is_tty(stream: IO[str] | None = None) -> bool:
    try:
        return (stream or sys.stdout).isatty()
    except (AttributeError, ValueError):
        return False


def plan_lines(plan: WalkPlan) -> list[str]:
    """``walk --plan`` as plain lines."""
    goal = f"at least {GOAL_MINUTES} minutes on {GOAL_DAYS} days a week"
    done = (
        f"So far this week: {plan.walks_this_week} "
        f"{'walk' if plan.walks_this_week == 1 else 'walks'} on {plan.days_this_week} "
        f"{'day' if plan.days_this_week == 1 else 'days'}, "
        f"{minutes_text(plan.minutes_this_week * 60)} in all."
    )
    if plan.baseline is None:
        return [
            "No walks yet. Your first week of walking sets the baseline: walk what is "
            "comfortable, on the days you can keep it up, bad days included.",
            "Start with 'stretchcoach walk', or log a walk with 'stretchcoach walk --minutes N'.",
            f"The plan then builds up slowly, towards {goal}.",
        ]
    base = plan.baseline
    if plan.this_week is None:
        starts = plan.plan_starts
        return [
            f"Baseline: {day_text(base.start)} to {day_text(base.end)}. Walk what is "
            "comfortable, bad days included; do not push for a good number.",
            done,
            f"Your plan starts on {day_text(starts)}." if starts else "",
        ]
    week = plan.this_week
    return [
        f"This week: {duration_text(week.seconds)} a walk, on {week.days} "
        f"{'day' if week.days == 1 else 'days'}.",
        week.reason,
        done,
        f"Baseline ({day_text(base.start)} to {day_text(base.end)}): about "
        f"{minutes_text(base.minutes * 60)} on {base.days} "
        f"{'day' if base.days == 1 else 'days'} a week. Heading for {goal}, adding at most "
        "a tenth a week.",
    ]


def plan_text(plan: WalkPlan) -> None:
    """``walk --plan`` on stdout, each line folded between words to the width (COLUMNS
    when piped, as every other command)."""
    import re
    import textwrap

    from stretchcoach.ui import console

    out = console()
    for line in plan_lines(plan):
        # A quoted command is never split across lines, so it can be read and copied whole.
        glued = re.sub(r"'[^']*'", lambda m: m.group(0).replace(" ", _GLUE), line)
        for row in textwrap.wrap(
            glued, max(1, out.width), break_long_words=False, break_on_hyphens=False
        ):
            out.print(row.replace(_GLUE, " "), markup=False, highlight=False, soft_wrap=True)


def pain_label(value: str | None) -> str:
    """How the back felt after a walk, in words ("–" when not asked)."""
    return PAIN_LABELS.get(value or "", "–")


def saved_text(record: WalkRecord, walks: Sequence[WalkRecord], today: date) -> None:
    """After a walk is saved: what was kept, how the week stands, and a word on pain."""
    from stretchcoach.ui import message

    length = length_text(record.minutes * 60)
    message(f"Saved: {_article(length)} {length} walk.")
    plan = walk_plan(walks, today)
    week = plan.this_week
    if week is not None:
        message(
            f"This week: {plan.walks_this_week} of {week.days} walks, "
            f"{minutes_text(plan.minutes_this_week * 60)} in all."
        )
    if record.pain_change == "much-worse":
        message(
            "Sorry it made your back worse. Next week's walks step back a little. If walking "
            "keeps making it worse, or you have new leg symptoms, see a doctor or physiotherapist."
        )
    elif record.pain_change == "worse":
        message(
            "Noted. A little soreness after walking is common; the plan will not build up "
            "while it lasts."
        )
