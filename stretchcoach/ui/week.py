"""Drawing the week: goals against what was done, the pain trend, lessons read."""

from __future__ import annotations

from stretchcoach.goals import WeekSummary, reason_label
from stretchcoach.walking import WeekTarget


def _minutes(value: float) -> str:
    return f"{round(value):d} min"


def rows(summary: WeekSummary, target: WeekTarget | None) -> list[list[str]]:
    """The table: what was done, the goal, and whether it is reached."""
    goal = summary.goal

    def against(done: int, wanted: int | None) -> list[str]:
        if not wanted:
            return [str(done), "–", ""]
        if done >= wanted:
            note = "reached"
        elif summary.over:  # the week is over: nothing is still "to go"
            note = f"missed by {wanted - done}"
        else:
            note = f"{wanted - done} to go"
        return [str(done), str(wanted), note]

    walk_goal = goal.walks if goal else None
    walk_note = ""
    if target is not None:
        from stretchcoach.ui.walk import minutes_text

        walk_note = f"plan: {target.days} × {minutes_text(target.seconds)}"
    return [
        ["routine sessions", *against(summary.sessions, goal.sessions if goal else None)],
        ["walks", *against(summary.walks, walk_goal)],
        ["minutes walking", _minutes(summary.walk_minutes), "", walk_note],
        ["minutes of routines", _minutes(summary.routine_minutes), "", ""],
    ]


def pain_line(summary: WeekSummary) -> str:
    if summary.pain_average is None:
        text = (
            "Pain before routines: no routines that week."
            if summary.over
            else "Pain before routines: no routines yet."
        )
    elif summary.pain_trend is None:
        text = f"Pain before routines: {summary.pain_average:g} on average (0-10)."
    else:
        text = (
            f"Pain before routines: {summary.pain_average:g} on average, "
            f"{summary.pain_trend} than the week before ({summary.pain_average_before:g})."
        )
        if summary.pain_trend == "about the same":
            text = (
                f"Pain before routines: {summary.pain_average:g} on average, about the same "
                f"as the week before ({summary.pain_average_before:g})."
            )
    if summary.walks_worse:
        after = "walk" if summary.walks_worse == 1 else "walks"
        text += f" Back worse after {summary.walks_worse} {after}."
    return text


def week_text(
    summary: WeekSummary,
    *,
    target: WeekTarget | None,
    previous: WeekSummary,
    reason: str | None,
    finished: bool,
) -> None:
    from stretchcoach.goals import describe
    from stretchcoach.ui import console
    from stretchcoach.ui.tables import Column, print_rows, say

    out = console()
    title = "Last week" if finished else "This week so far"
    say(out, f"{title}: {summary.monday:%a %d %b} to {summary.sunday:%a %d %b}", style="bold")
    if summary.goal is None:
        say(out, "No weekly goals set ('stretchcoach goal --sessions 4 --walks 3' sets them).")
    else:
        say(out, f"Goal: {describe(summary.goal.sessions, summary.goal.walks)} a week.")
    out.print()
    columns = [
        Column(""),
        Column("done", justify="right", no_wrap=True),
        Column("goal", justify="right", no_wrap=True),
        Column("", stacked=True),
    ]
    print_rows(out, columns, rows(summary, target))
    out.print()
    say(out, pain_line(summary))
    if summary.lessons:
        say(out, f"Lessons read: {'; '.join(lesson_titles(summary.lessons))}.")
    elif finished:
        say(out, "Lessons read: none.")
    else:
        say(out, "Lessons read: none yet ('stretchcoach learn' has short ones).")
    if summary.met:
        say(out, "Goals reached. Well done." if finished else "Goals reached this week. Well done.")
    elif summary.met is None and summary.last_day >= summary.sunday:
        say(out, "The week ends today; what is left can wait for next week, and that is fine.")
    elif summary.met is None:
        say(out, f"The week runs to {summary.sunday:%A}: there is still time.")
    if not finished and previous.goal is not None:
        if previous.met:
            say(out, "Last week: goals reached.")
        elif reason:
            say(out, f"Last week: goals not reached; what got in the way: {reason_label(reason)}.")


def lesson_titles(ids: tuple[str, ...]) -> list[str]:
    """Lessons by their titles, as the person saw them (an id no lesson has any more, as is)."""
    from stretchcoach.lessons import all_lessons

    titles = {lesson.id: lesson.title for lesson in all_lessons()}
    return [titles.get(lesson_id, lesson_id) for lesson_id in ids]
