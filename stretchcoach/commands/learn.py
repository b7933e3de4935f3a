"""``stretchcoach learn``: short lessons about back pain, and which ones have been read."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any

import click

from stretchcoach.commands._options import format_option, now

if TYPE_CHECKING:
    from stretchcoach.lessons import Lesson


def _complete_ids(ctx: click.Context, param: click.Parameter, incomplete: str) -> list[Any]:
    from click.shell_completion import CompletionItem

    from stretchcoach.lessons import all_lessons

    return [CompletionItem(x.id) for x in all_lessons() if x.id.startswith(incomplete)]


@click.command()
@click.argument("lesson_id", metavar="[ID]", required=False, shell_complete=_complete_ids)
@click.option("--list", "show_list", is_flag=True, help="List every lesson, read and new.")
@format_option("text", "json", default="text")
@click.pass_context
def learn(ctx: click.Context, lesson_id: str | None, show_list: bool, fmt: str) -> None:
    """Read short lessons about back pain: hurt and harm, pacing, sleep, flare-ups...

    \b
    Examples:
      stretchcoach learn                  # the next lesson you have not read
      stretchcoach learn hurt-not-harm
      stretchcoach learn --list
      stretchcoach learn --list --format json

    Each lesson takes a minute or two to read. Showing a lesson records it as read (in the
    history file); after a routine, 'stretchcoach start' suggests one you have not read.
    General guidance only, not medical advice.
    """
    from stretchcoach import lessons, ui
    from stretchcoach.errors import UsageError

    if lesson_id is not None and not lesson_id.strip():
        raise UsageError(
            "The lesson ID is empty: give one ('stretchcoach learn --list' lists them), or "
            "leave it out for the next new lesson."
        )
    if show_list and lesson_id:
        raise UsageError("Give a lesson ID or --list, not both.")
    moment = now(ctx)
    everything = lessons.all_lessons()
    found = _last_read(strict=show_list)
    readable = found is not None
    last_read = found or {}
    if lesson_id:
        chosen = lessons.get(lesson_id)
    elif show_list:
        chosen = None
    else:
        chosen = lessons.next_unread(last_read, conditions=_conditions())
        if chosen is None:
            # Lessons written for other conditions (pregnancy, arthritis) come last.
            chosen = next((x for x in everything if x.id not in last_read), None)
        if chosen is None:
            ui.message(f"You have read all {len(everything)} lessons. Read any again by its id:")
    if chosen is None:
        if fmt == "json":
            ui.echo_json([_row(x, last_read.get(x.id)) for x in everything])
        else:
            from stretchcoach.ui import lessons as view

            view.lesson_list(everything, last_read, today=moment)
        return
    after = {**last_read, chosen.id: moment}
    up_next = lessons.next_unread(after, conditions=_conditions())
    if fmt == "json":
        ui.echo_json(
            {
                **_row(chosen, moment),
                "paragraphs": list(chosen.paragraphs),
                "next": up_next.id if up_next is not None else None,
            }
        )
    else:
        from stretchcoach.ui import lessons as view

        number = [x.id for x in everything].index(chosen.id) + 1
        view.lesson(chosen, number=number, total=len(everything), next_up=up_next)
    # Recorded as read only once it has really been written out (a full disk or a closed
    # pipe raises here, and nothing is recorded).
    import sys

    sys.stdout.flush()
    # A history that could not be read was already warned about: no second warning.
    warning = _record(chosen.id, moment) if readable else None
    if warning:
        ui.message(f"Warning: {warning}")


def _row(item: Lesson, read_at: datetime | None) -> dict[str, Any]:
    """A lesson as ``--format json`` lists it."""
    return {
        "id": item.id,
        "title": item.title,
        "words": item.words,
        "read": read_at is not None,
        "last_read": read_at.isoformat(timespec="seconds") if read_at is not None else None,
        "command": item.command,
    }


def _last_read(*, strict: bool) -> dict[str, datetime] | None:
    """When each lesson was last read. An unreadable history fails the list (``strict``:
    it would say nothing was read) and is only a warning when a lesson is shown (None)."""
    from stretchcoach import history, ui
    from stretchcoach.commands.history import require_history
    from stretchcoach.errors import StretchcoachError

    try:
        require_history()
        readings = history.load_lessons_read()
    except StretchcoachError as exc:
        if strict:
            raise
        ui.message(f"Warning: {exc.message}")
        return None
    return dict(readings)  # oldest first, so the last reading of each wins


def _record(lesson_id: str, now: datetime) -> str | None:
    from stretchcoach import history

    return history.record_lesson_read(lesson_id, now)


def _conditions() -> frozenset[str]:
    """The saved health notes' conditions (none when missing or unreadable), so lessons for
    pregnancy or arthritis come first for the people they are written for."""
    from stretchcoach import healthnotes
    from stretchcoach.errors import StretchcoachError

    try:
        notes = healthnotes.load("default")
    except StretchcoachError:
        return frozenset()
    return frozenset(notes.conditions) if notes is not None else frozenset()
