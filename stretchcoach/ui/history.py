"""Drawing the history: the summary lines, the sessions table and a pain chart.

The chart is text: one row of bars per reading with the number printed beside it, so it reads
the same with or without colour (and with plain ASCII where the terminal cannot show blocks).
"""

from __future__ import annotations

import sys
from collections.abc import Sequence

from stretchcoach.history import Summary
from stretchcoach.routine import SessionRecord
from stretchcoach.ui import console

ENDING_LABELS = {
    "completed": "completed",
    "ended-by-user": "ended early",
    "stopped-for-pain": "stopped: pain",
    "interrupted": "interrupted",
    "safety-stop": "safety stop",
}


def _num(value: float | None) -> str:
    if value is None:
        return "–"
    return f"{value:g}"


def summary_lines(summary: Summary) -> list[str]:
    """The lines above the table: streak, this week, pain before vs after."""
    days = "day" if summary.streak == 1 else "days"
    lines = [
        f"Current streak: {summary.streak} {days} in a row (longest {summary.longest_streak})",
        f"Sessions in the last 7 days: {summary.last_7_days}",
    ]
    if summary.avg_before is not None:
        lines.append(
            f"Average pain: {_num(summary.avg_before)} before, {_num(summary.avg_after)} after "
            "(0–10, sessions where both were asked)"
        )
    return lines


def when(record: SessionRecord) -> str:
    return record.started_at.strftime("%a %d %b %H:%M")


def pain_text(record: SessionRecord) -> str:
    after = "–" if record.severity_after is None else str(record.severity_after)
    return f"{record.severity_before} → {after}"


def exercises_text(record: SessionRecord) -> str:
    done = sum(1 for o in record.exercises if o.outcome == "done")
    return f"{done}/{len(record.exercises)}"


def sessions_table(sessions: Sequence[SessionRecord], summary: Summary) -> None:
    """Summary lines, then the recent sessions (newest first), then the chart."""
    from rich.table import Table

    out = console()
    for line in summary_lines(summary):
        out.print(line)
    out.print()
    table = Table(header_style="bold")
    table.add_column("when", no_wrap=True)
    table.add_column("cause")
    table.add_column("pain", no_wrap=True, justify="center")
    table.add_column("minutes", justify="right", no_wrap=True)
    table.add_column("exercises done", justify="right")
    table.add_column("ending")
    for s in sessions:
        table.add_row(
            when(s),
            s.cause,
            pain_text(s),
            f"{s.minutes_done:g} of {s.minutes_planned:g}",
            exercises_text(s),
            ENDING_LABELS.get(s.ending, s.ending),
        )
    out.print(table)
    chart = chart_lines(sessions, ascii_only=not _can_draw_blocks())
    if chart:
        out.print()
        for line in chart:
            out.print(line, markup=False, highlight=False)


def _can_draw_blocks() -> bool:
    encoding = (getattr(sys.stdout, "encoding", None) or "").lower()
    return "utf" in encoding


def chart_lines(
    sessions: Sequence[SessionRecord], *, ascii_only: bool = False, scale: int = 2
) -> list[str]:
    """Pain before and after each session, oldest first, as labelled bars with numbers.

    ``scale`` characters per point (10 points → 20 characters by default).
    """
    if not sessions:
        return []
    before_mark, after_mark = ("#", "=") if ascii_only else ("█", "▒")
    lines = [
        "Pain before and after each session (0–10), oldest first:",
        f"  {before_mark} before   {after_mark} after",
    ]
    width = 10 * scale
    for s in reversed(sessions):
        label = when(s)
        pad = " " * len(label)
        bar = before_mark * (s.severity_before * scale)
        lines.append(f"  {label}  before {bar:<{width}} {s.severity_before:>2}")
        if s.severity_after is None:
            lines.append(f"  {pad}  after  (not asked)")
        else:
            bar = after_mark * (s.severity_after * scale)
            lines.append(f"  {pad}  after  {bar:<{width}} {s.severity_after:>2}")
    return lines


def csv_rows(sessions: Sequence[SessionRecord]) -> list[list[str]]:
    """CSV header and rows (one per session, newest first) for spreadsheets."""
    header = [
        "started_at",
        "ended_at",
        "cause",
        "severity_before",
        "severity_after",
        "minutes_planned",
        "minutes_done",
        "ending",
        "checkins_asked",
        "exercises_done",
        "exercises_skipped",
        "exercises_stopped_for_pain",
        "exercises_not_reached",
        "exercises",
    ]
    from stretchcoach.history import session_to_dict

    rows = [header]
    for s in sessions:
        d = session_to_dict(s)
        counts = {
            o: sum(1 for e in s.exercises if e.outcome == o)
            for o in ("done", "skipped", "stopped-for-pain", "not-reached")
        }
        rows.append(
            [
                d["started_at"] or "",
                d["ended_at"] or "",
                s.cause,
                str(s.severity_before),
                "" if s.severity_after is None else str(s.severity_after),
                f"{s.minutes_planned:g}",
                f"{s.minutes_done:g}",
                s.ending,
                "true" if s.checkins_asked else "false",
                *(str(counts[o]) for o in ("done", "skipped", "stopped-for-pain", "not-reached")),
                " ".join(f"{e.id}:{e.outcome}" for e in s.exercises),
            ]
        )
    return rows
