"""``stretchcoach goal`` and ``stretchcoach week``: weekly goals, and this week against them."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import click

from stretchcoach.commands._options import format_option, now
from stretchcoach.errors import UsageError

if TYPE_CHECKING:
    from datetime import date

    from stretchcoach.goals import Goal, WeekSummary


def count_value(ctx: click.Context, param: click.Parameter, value: str | None) -> int | None:
    """A whole number from 0 to 14, or one clear line and exit 2."""
    from stretchcoach.goals import MAX_GOAL, MIN_GOAL

    if value is None:
        return None
    text = value.strip()
    number = int(text) if text.isascii() and text.isdigit() else None
    if number is None or not MIN_GOAL <= number <= MAX_GOAL:
        raise UsageError(
            f"--{param.name} must be a whole number from {MIN_GOAL} to {MAX_GOAL} a week "
            f"(got {value!r}); your goals were left as they were."
        )
    return number


@click.command()
@click.option(
    "--sessions",
    metavar="N",
    callback=count_value,
    help="Routine sessions to complete each week (0-14; 0 for no goal).",
)
@click.option(
    "--walks", metavar="N", callback=count_value, help="Walks each week (0-14; 0 for no goal)."
)
@format_option("text", "json", default="text")
@click.pass_context
def goal(ctx: click.Context, sessions: int | None, walks: int | None, fmt: str) -> None:
    """Set your weekly goals: routine sessions and walks.

    \b
    Examples:
      stretchcoach goal --sessions 4 --walks 3
      stretchcoach goal --walks 5            # keeps the sessions goal as it is
      stretchcoach goal                      # show the goals in force
      stretchcoach goal --sessions 0 --walks 0   # no goals

    Weeks run Monday to Sunday. A new goal counts from the week it is set in; earlier
    weeks keep the goal they had. 'stretchcoach week' shows how this week is going.
    """
    from stretchcoach import history, ui
    from stretchcoach.commands.history import require_history
    from stretchcoach.goals import Goal, describe, goal_for_week
    from stretchcoach.ui.emit import emit
    from stretchcoach.walking import week_start

    moment = now(ctx)
    require_history()
    monday = week_start(moment.date())
    current = goal_for_week(history.load_goals(), monday)
    if sessions is not None or walks is not None:
        new = Goal(
            set_at=moment.replace(microsecond=0),
            sessions=sessions if sessions is not None else (current.sessions if current else 0),
            walks=walks if walks is not None else (current.walks if current else 0),
        )
        problem = history.save_goal(new)
        if problem:
            from stretchcoach.errors import StretchcoachError

            raise StretchcoachError(problem)
        current = new if (new.sessions or new.walks) else None
        if fmt != "json":
            ui.message(
                "Goals cleared."
                if current is None
                else f"Weekly goal set: {describe(new.sessions, new.walks)}, from this week on."
            )

    def text() -> None:
        if sessions is not None or walks is not None:
            return  # a new goal was just set, and said so
        if current is None:
            ui.message(
                "No weekly goals set. Set them with, say, "
                "'stretchcoach goal --sessions 4 --walks 3'."
            )
        else:
            click.echo(f"Weekly goal: {describe(current.sessions, current.walks)}.")

    emit(fmt, lambda: _goal_dict(current), human=text)


def _goal_dict(current: Goal | None) -> dict[str, Any] | None:
    if current is None:
        return None
    return {
        "sessions": current.sessions,
        "walks": current.walks,
        "set_at": current.set_at.isoformat(timespec="seconds"),
    }


@click.command()
@click.option("--last", is_flag=True, help="Show last week instead of this one.")
@format_option("text", "json", default="text")
@click.pass_context
def week(ctx: click.Context, last: bool, fmt: str) -> None:
    """Show this week against your goals: sessions, walks, pain and lessons.

    \b
    Examples:
      stretchcoach week
      stretchcoach week --last
      stretchcoach week --format json

    Sessions count when completed (practice runs and safety stops do not). The pain
    trend compares your pain before routines with the week before, a point or more.
    """
    from datetime import timedelta

    from stretchcoach import history
    from stretchcoach.commands.history import require_history
    from stretchcoach.goals import summarise_week
    from stretchcoach.walking import walk_plan, week_start

    moment = now(ctx)
    require_history()
    today = moment.date()
    monday = week_start(today) - timedelta(days=7 if last else 0)
    sessions = history.load_sessions(days=(today - monday).days + 8, now=moment)
    walks = history.load_walks(now=moment)
    goals = history.load_goals()
    reasons = history.load_goal_reasons()
    lessons = history.load_lessons_read()

    def summary_of(first: date) -> WeekSummary:
        return summarise_week(
            first, today=today, sessions=sessions, walks=walks, goals=goals, lessons_read=lessons
        )

    shown = summary_of(monday)
    before = summary_of(monday - timedelta(days=7))
    reason = next((r.reason for r in reversed(reasons) if r.week == before.monday), None)
    target = None if last else walk_plan(walks, today).this_week

    def document() -> dict[str, Any]:
        data = shown.to_dict()
        data["walk_target"] = None if target is None else target.to_dict()
        data["previous_week"] = {
            "week_of": before.monday.isoformat(),
            "sessions": before.sessions,
            "walks": before.walks,
            "goal_met": before.met if before.goal is not None else None,
            "reason": reason,
        }
        return data

    from stretchcoach.ui import week as view
    from stretchcoach.ui.emit import emit

    emit(
        fmt,
        document,
        human=lambda: view.week_text(
            shown, target=target, previous=before, reason=reason, finished=last
        ),
    )
