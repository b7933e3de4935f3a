"""What ``plan`` and ``start`` share, so the same inputs on the same day give the same routine."""

from __future__ import annotations

from datetime import date
from typing import Any, NamedTuple

import click

#: How far back the history is read for progression and safety over time.
HISTORY_DAYS = 60


def effective_params(ctx: click.Context) -> tuple[dict[str, Any], dict[str, Any]]:
    """The command's parameters with the profile and config defaults filled in, and the config.

    Flags typed on the command line (or set by environment) always win over the profile,
    and the profile wins over the config file's defaults.
    """
    from stretchcoach import config

    cfg = config.load_config()
    explicit = config.explicit_params(ctx)
    settings = config.resolve_profile(cfg, ctx.params.get("profile"))
    if explicit & {"positions", "at_desk"}:
        # Where to exercise was typed: the profile's idea of it must not be mixed in.
        settings = {k: v for k, v in settings.items() if k not in ("positions", "at_desk")}
    params = config.apply_defaults(ctx.params, settings, explicit)
    if "voice_command" in explicit and "voice" not in explicit:
        params["voice"] = None  # a typed voice command turns the voice on (see build_sinks)
    return params, cfg


def recent_sessions(days: int = HISTORY_DAYS) -> tuple[list[Any], str | None]:
    """Recent sessions (newest first), or none and the reason when the history is unreadable."""
    from stretchcoach import history
    from stretchcoach.errors import StretchcoachError

    try:
        return history.load_sessions(days=days), None
    except StretchcoachError as exc:
        return [], exc.message


def recent_screens(days: int = HISTORY_DAYS) -> list[Any]:
    """Screens answered on their own recently (newest first); none when unreadable."""
    from stretchcoach import history
    from stretchcoach.errors import StretchcoachError

    try:
        return history.load_screens(days=days)
    except StretchcoachError:
        return []


def todays_plan(
    assessment: Any,
    catalogue: Any,
    *,
    minutes: int,
    seed: int | None,
    sessions: list[Any],
    worse_after_last: bool | None = None,
) -> Any:
    """Plan the routine, then adapt it gently to how recent days went (progression, pacing)."""
    from stretchcoach import planner, progression

    today = date.today()
    if seed is None:
        seed = planner.default_seed(today)
    from dataclasses import replace

    assessment = replace(assessment, familiar=progression.familiar_ids(sessions))
    plan = planner.plan_routine(assessment, catalogue, minutes=minutes, seed=seed)
    return progression.adapt(
        plan, sessions, today=today, catalogue=catalogue, worse_after_last=worse_after_last
    )


def ask_next_day(sessions: list[Any], today: date) -> bool:
    """Whether to ask the 24-hour question: a real session within the last week to ask about."""
    from stretchcoach import progression

    real = progression.real_sessions(sessions)
    return bool(real) and (today - real[0].started_at.astimezone().date()).days <= (
        progression.BREAK_DAYS
    )


def profile_key(profile: str | None) -> str:
    """The health-notes profile: the config profile's name, or "default"."""
    return profile or "default"


def checked_profile(profile: str | None) -> str:
    """``profile_key`` for a --profile typed on its own: it must name a config.yaml profile
    (exit 2 otherwise), as for 'start' and 'plan'."""
    if profile is not None:
        from stretchcoach import config

        config.resolve_profile(config.load_config(), profile)
    return profile_key(profile)


class Resolved(NamedTuple):
    """The conditions for a run, where they came from, and the saved notes (if readable)."""

    conditions: frozenset[str] | None  # None: neither --condition nor saved notes give any
    weeks: int | None  # weeks pregnant now, from the saved notes
    notes: Any  # the saved HealthNotes, or None
    typed: bool  # the conditions came from --condition (for this run only)


def resolve_conditions(flags: tuple[str, ...], *, profile: str | None, today: date) -> Resolved:
    """The conditions from ``--condition``, else from the saved notes.

    A damaged notes file raises its one-line error (exit 1), naming the file, unless the
    conditions were typed (then it is only a warning).
    """
    from stretchcoach import healthnotes
    from stretchcoach.safety.conditions import parse_conditions

    typed = parse_conditions(flags)
    if typed is not None:
        try:  # only for what the screen remembers: typed conditions need no file
            notes = healthnotes.load(profile_key(profile))
        except healthnotes.HealthNotesError as exc:
            from stretchcoach import ui

            ui.message(f"Warning: {exc.message}")
            notes = None
        return Resolved(typed, None, notes, typed=True)
    notes = healthnotes.load(profile_key(profile))
    if notes is None:
        return Resolved(None, None, None, typed=False)
    weeks = healthnotes.weeks_pregnant(notes, today)
    return Resolved(frozenset(notes.conditions), weeks, notes, typed=False)


def notes_line(conditions: frozenset[str], weeks: int | None) -> str:
    """'Pregnant (about 24 weeks), Osteoporosis or fragile bones' (or 'none')."""
    from stretchcoach.safety.conditions import CONDITIONS, ordered

    parts = []
    for cid in ordered(conditions):
        label = CONDITIONS[cid].label
        if cid == "pregnant" and weeks:
            label += f" (about {weeks} weeks)"
        parts.append(label)
    return ", ".join(parts) if parts else "none"
