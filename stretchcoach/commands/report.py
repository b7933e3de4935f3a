"""``stretchcoach report``: a summary of recent sessions to show a physiotherapist."""

from __future__ import annotations

import click

from stretchcoach.commands._options import format_option, now
from stretchcoach.commands.history import MAX_DAYS


@click.command()
@click.option(
    "--days",
    type=click.IntRange(min=1, max=MAX_DAYS),
    default=14,
    show_default=True,
    metavar="N",
    help="Cover today and the N-1 days before.",
)
@format_option("markdown", "html", "json", default="markdown")
@click.pass_context
def report(ctx: click.Context, days: int, fmt: str) -> None:
    """Write a report of recent sessions for a physiotherapist or doctor.

    Adherence, minutes, each exercise done, skipped or stopped for pain, pain before and
    after each session, every pain report with the exercise that caused it, the walks,
    and each week against the weekly goals (each week counted whole, Monday to Sunday).

    \b
    Examples:
      stretchcoach report
      stretchcoach report --days 28 --format html > stretch-report.html
      stretchcoach report --format json | jq .adherence
    """
    from stretchcoach import history, stats, ui
    from stretchcoach.commands.history import require_history

    moment = now(ctx)
    require_history()
    # From the Monday of the first week shown, so that week is counted whole.
    loaded = (moment.date() - stats.weeks_first_day(moment.date(), days)).days + 1
    sessions = history.load_sessions(days=loaded, now=moment)
    walks = history.load_walks(days=loaded, now=moment)
    data = stats.build_report(
        sessions,
        today=moment.date(),
        days=days,
        generated_at=moment,
        names=_names(ctx),
        walks=walks,
        goals=history.load_goals(),
        goal_reasons=history.load_goal_reasons(),
    )
    from stretchcoach.ui import history as view
    from stretchcoach.ui.emit import emit

    emit(
        fmt,
        lambda: data,
        text={
            "html": lambda: view.report_html(data, figures=_figures(ctx, data)),
            "markdown": lambda: view.report_markdown(data, width=_screen_width()),
        },
    )
    nothing = (
        not data["pain"] and not data["practice_runs_left_out"] and not data["walking"]["walks"]
    )
    if fmt != "json" and nothing:
        ui.message(f"No sessions saved in the last {days} days.")


def _screen_width() -> int | None:
    """The terminal's width when the report is shown on one (None when written to a file)."""
    import sys

    from stretchcoach import ui

    return ui.terminal_width() if sys.stdout.isatty() else None


def _figures(ctx: click.Context, data: dict) -> dict[str, tuple[str, str]]:
    """Each reported exercise's figure as (SVG, caption); none if the catalogue cannot load."""
    from stretchcoach.commands._options import app_state
    from stretchcoach.errors import StretchcoachError
    from stretchcoach.ui.figure import svg_figures

    try:
        catalogue = app_state(ctx).catalogue()
    except StretchcoachError:
        return {}
    return svg_figures(catalogue, [e["id"] for e in data.get("exercises") or []])


def _names(ctx: click.Context) -> dict[str, str]:
    """Exercise names from the catalogue, so the report reads well; ids alone if it cannot load."""
    from stretchcoach.commands._options import app_state
    from stretchcoach.errors import StretchcoachError

    try:
        return {ex.id: ex.name for ex in app_state(ctx).catalogue()}
    except StretchcoachError:
        return {}
