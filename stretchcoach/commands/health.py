"""``stretchcoach health``: the health notes that shape every routine, whatever the cause."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

import click

from stretchcoach.commands._options import format_option, now, profile_option

if TYPE_CHECKING:
    from stretchcoach.healthnotes import HealthNotes


@click.command()
@click.option("--ask", is_flag=True, help="Answer the health questions again (needs a terminal).")
@click.option("--clear", is_flag=True, help="Forget the saved health notes.")
@click.option(
    "--rules", is_flag=True, help="Print what each condition leaves out (for a clinician)."
)
@profile_option("Whose notes: a profile from config.yaml (default: the default profile).")
@format_option("text", "json", default="text")
@click.pass_context
def health(
    ctx: click.Context, ask: bool, clear: bool, rules: bool, profile: str | None, fmt: str
) -> None:
    """Show your health notes (pregnancy, arthritis...), answer them again, or clear them.

    \b
    Examples:
      stretchcoach health
      stretchcoach health --ask
      stretchcoach health --format json
      stretchcoach health --rules
      stretchcoach health --clear

    The notes apply to every routine whatever the cause you choose: 'start' asks them on
    first use and every 28 days, and shows them at each session for a one-key
    confirmation. Exits 1 when the notes file is damaged ('--ask' can replace it).
    """
    from stretchcoach import healthnotes, ui
    from stretchcoach.commands._routine import checked_profile
    from stretchcoach.errors import UsageError
    from stretchcoach.safety import conditions as conditions_mod
    from stretchcoach.ui.emit import emit

    if sum((ask, clear, rules)) > 1:
        raise UsageError("Choose one of --ask, --clear and --rules.")
    if ask and fmt != "text":
        raise UsageError("--ask asks questions; it has no --format (show the notes after).")
    moment = now(ctx)
    key = checked_profile(profile)
    if rules:
        from stretchcoach.ui import safety as view

        rows = conditions_mod.rules_rows()
        emit(fmt, lambda: rows, human=lambda: view.rules(rows))
        return
    if clear:
        forgot = healthnotes.clear(key)
        ui.message("Your health notes were forgotten." if forgot else "No health notes to forget.")
        if fmt != "text":
            emit(fmt, lambda: {"profile": key, "cleared": forgot}, human=lambda: None)
        return
    if ask:
        _ask(key, profile, moment)
        return
    notes = healthnotes.load(key)

    def document() -> dict[str, object]:
        body = healthnotes.to_dict(notes, moment.date()) if notes is not None else {}
        return {"profile": key, "saved": notes is not None, **body}

    emit(fmt, document, human=lambda: _show_notes(notes, key, moment))


def _show_notes(notes: HealthNotes | None, key: str, now: datetime) -> None:
    """The saved health notes for people, or how to save them."""
    from stretchcoach import healthnotes, ui
    from stretchcoach.commands._routine import notes_line
    from stretchcoach.safety import conditions as conditions_mod

    if notes is None:
        ui.message(
            "No health notes are saved yet. 'stretchcoach health --ask' asks the questions "
            "('stretchcoach start' asks them too)."
        )
        return
    from stretchcoach.ui import safety as view

    weeks = healthnotes.weeks_pregnant(notes, now.date())
    conditions = frozenset(notes.conditions)
    view.health_notes(
        f"Health notes ({key})",
        [
            ("Conditions", notes_line(conditions, weeks)),
            ("Answered", f"{notes.asked_at.astimezone():%d %B %Y}"),
            ("Asked again from", f"{healthnotes.next_due(notes):%d %B %Y}"),
        ],
        [
            *conditions_mod.no_routine(conditions),
            *conditions_mod.advice_for(conditions, weeks=weeks),
        ],
    )


def _ask(key: str, profile: str | None, now: datetime) -> None:
    """Ask the questions again; a damaged file is replaced after saying so (and kept aside)."""
    from stretchcoach import healthnotes, ui
    from stretchcoach.commands._health import ask_and_save_health
    from stretchcoach.errors import UsageError
    from stretchcoach.ui import routine as view_mod
    from stretchcoach.ui.prompter import KeyPrompter

    if not ui.stdin_is_tty():
        raise UsageError(
            "Input is not a terminal, so the health questions cannot be asked. Use "
            "--condition with 'plan', 'list' or 'start' instead."
        )
    damaged = False
    previous = None
    try:
        previous = healthnotes.load(key)
    except healthnotes.HealthNotesError as exc:
        if not exc.damaged:
            raise
        damaged = True
        ui.message(
            f"{exc.message.split(';')[0]}. Your new answers will replace it; the damaged "
            "file is kept beside it."
        )

    def say(lines: list[str]) -> None:
        view_mod.lines(lines, plain=not ui.styled())

    ask_and_save_health(
        KeyPrompter(), say, profile=profile, now=now, previous=previous, replace_damaged=damaged
    )
