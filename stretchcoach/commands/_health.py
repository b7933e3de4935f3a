"""Asking and keeping health notes, shared by ``start``, ``health`` and ``screen``."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from contextlib import suppress
from datetime import date, datetime
from typing import TYPE_CHECKING

import click

if TYPE_CHECKING:
    from stretchcoach.healthnotes import HealthNotes
    from stretchcoach.interview import Asker
    from stretchcoach.safety.screen import Context


def _warn(text: str) -> None:
    with suppress(OSError, ValueError):
        click.echo(text, err=True)


def ask_and_save_health(
    prompter: Asker,
    say: Callable[[list[str]], None],
    *,
    profile: str | None,
    now: datetime,
    previous: HealthNotes | None,
    replace_damaged: bool = False,
) -> HealthNotes:
    """Ask the health questions, save the answers (saying so if they cannot be) and return them."""
    from stretchcoach import healthnotes
    from stretchcoach.commands._routine import notes_line, profile_key
    from stretchcoach.interview import ask_health
    from stretchcoach.safety import conditions as health

    say(["", health.HEALTH_INTRO])
    answers, weeks = ask_health(prompter)
    found = health.conditions_from(answers)
    notes = healthnotes.HealthNotes(
        conditions=found,
        answers=answers,
        asked_at=now,
        pregnancy_weeks=weeks if "pregnant" in found else None,
        weeks_on=now.date() if weeks and "pregnant" in found else None,
        remembered=dict(previous.remembered) if previous is not None else {},
    )
    try:
        healthnotes.save(notes, profile_key(profile), replace_damaged=replace_damaged)
    except healthnotes.HealthNotesError as exc:
        _warn(f"Warning: {exc.message} Your answers are used for this session only.")
    say([f"Health notes: {notes_line(found, notes.pregnancy_weeks)}."])
    return notes


def keep_remembered(
    notes: HealthNotes | None,
    answers: Mapping[str, bool],
    ctx: Context,
    *,
    profile: str | None,
    today: date,
) -> None:
    """Remember (or forget) screen answers worth keeping, such as a doctor's check of the
    pain with a history of cancer. Without saved notes there is nowhere to keep them."""
    from dataclasses import replace

    from stretchcoach import healthnotes
    from stretchcoach.commands._routine import profile_key
    from stretchcoach.safety import screen as screen_mod

    keep = screen_mod.remember(answers, ctx)
    drop = screen_mod.forget(answers, ctx)
    if notes is None or not (keep or drop):
        return
    kept = {k: v for k, v in notes.remembered.items() if k not in drop}
    kept.update(dict.fromkeys(keep, today))
    try:
        healthnotes.save(replace(notes, remembered=kept), profile_key(profile))
    except healthnotes.HealthNotesError as exc:
        _warn(f"Warning: {exc.message}")
