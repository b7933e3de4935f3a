"""What ``plan`` and ``start`` share, so the same inputs on the same day give the same routine."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING, Any, NamedTuple

import click

if TYPE_CHECKING:
    from stretchcoach.catalogue import Catalogue
    from stretchcoach.goals import WeekReview
    from stretchcoach.healthnotes import HealthNotes
    from stretchcoach.routine import Assessment, Plan, SessionRecord

#: How far back the history is read for progression and safety over time.
HISTORY_DAYS = 60


@dataclass(frozen=True)
class RoutineRequest:
    """What a routine is asked for: the flags of ``start`` and ``plan`` with the profile and
    config.yaml filled in (typed flags win, then the profile, then the config's defaults)."""

    cause: str | None
    severity: int | None
    minutes: int
    seed: int | None
    positions: str | None  # a comma list ("standing,seated"), or None for every position
    at_desk: bool
    screened: bool
    conditions: tuple[str, ...]  # the raw --condition values
    profile: str | None
    #: Minutes were typed or set by the profile, so ``start`` does not ask for them.
    minutes_chosen: bool = False
    plain: bool = False  # --plain or 'plain: true' (start only)
    bell: bool | None = None
    voice: str | bool | None = None  # a mode, or a profile's true/false
    voice_command: str | None = None


@dataclass(frozen=True)
class Settings:
    """The config.yaml settings a routine reads beyond its flags."""

    screen_every_days: int = 7
    motion: str = "full"
    flare_plan: Mapping[str, Any] | None = None


def routine_request(ctx: click.Context) -> tuple[RoutineRequest, Settings]:
    """The command's parameters with the profile and config defaults filled in, and the
    config's other settings: read once, then passed down as frozen records.

    Flags typed on the command line (or set by environment) always win over the profile,
    and the profile wins over the config file's defaults.
    """
    from stretchcoach import config
    from stretchcoach.commands._options import explicit_params

    cfg = config.load_config()
    explicit = explicit_params(ctx)
    profile = ctx.params.get("profile")
    chosen = config.resolve_profile(cfg, profile)
    if explicit & {"positions", "at_desk"}:
        # Where to exercise was typed: the profile's idea of it must not be mixed in.
        chosen = {k: v for k, v in chosen.items() if k not in ("positions", "at_desk")}
    params = config.apply_defaults(ctx.params, chosen, explicit)
    if "voice_command" in explicit and "voice" not in explicit:
        params["voice"] = None  # a typed voice command turns the voice on (see build_sinks)
    profile_sets_minutes = "minutes" in ((cfg.get("profiles") or {}).get(profile) or {})
    request = RoutineRequest(
        cause=params["cause"],
        severity=params["severity"],
        minutes=params["minutes"],
        seed=params["seed"],
        positions=params["positions"],
        at_desk=bool(params["at_desk"]),
        screened=bool(params["screened"]),
        conditions=tuple(params["conditions"]),
        profile=profile,
        minutes_chosen=profile_sets_minutes or "minutes" in explicit,
        plain=bool(params.get("plain")),
        bell=params.get("bell"),
        voice=params.get("voice"),
        voice_command=params.get("voice_command"),
    )
    settings = Settings(
        screen_every_days=cfg.get("screen_every_days", 7),
        motion=cfg.get("motion") or "full",
        flare_plan=cfg.get("flare_plan"),
    )
    return request, settings


def recent_sessions(
    now: datetime, days: int = HISTORY_DAYS
) -> tuple[list[SessionRecord], str | None]:
    """Sessions of the ``days`` up to ``now`` (newest first), or none and the reason when the
    history is unreadable."""
    from stretchcoach import history
    from stretchcoach.errors import StretchcoachError

    try:
        return history.load_sessions(days=days, now=now), None
    except StretchcoachError as exc:
        return [], exc.message


def week_review(now: datetime, sessions: Sequence[SessionRecord]) -> WeekReview | None:
    """What to say about last week's goals as a routine begins (goals.week_review), or None
    when there is nothing to say or the history cannot be read."""
    from stretchcoach import goals, history
    from stretchcoach.errors import StretchcoachError

    try:
        return goals.week_review(
            today=now.date(),
            sessions=sessions,
            walks=history.load_walks(days=21, now=now),
            goals=history.load_goals(),
            reasons=history.load_goal_reasons(),
        )
    except StretchcoachError:
        return None


def recent_screens(now: datetime, days: int = HISTORY_DAYS) -> list[tuple[datetime, str]]:
    """Screen results recorded in the ``days`` up to ``now`` (newest first); none when
    unreadable."""
    from stretchcoach import history
    from stretchcoach.errors import StretchcoachError

    try:
        return history.load_screens(days=days, now=now)
    except StretchcoachError:
        return []


def todays_plan(
    assessment: Assessment,
    catalogue: Catalogue,
    *,
    minutes: int,
    seed: int | None,
    sessions: list[SessionRecord],
    today: date,
    worse_after_last: bool | None = None,
) -> Plan:
    """Plan the routine, then adapt it gently to how recent days went (progression, pacing).

    Without a ``seed``, ``today``'s date chooses the day's variety (as --seed's help says)."""
    from dataclasses import replace

    from stretchcoach import planner, progression

    if seed is None:
        seed = planner.default_seed(today)
    assessment = replace(assessment, familiar=progression.familiar_ids(sessions))
    plan = planner.plan_routine(assessment, catalogue, minutes=minutes, seed=seed)
    return progression.adapt(
        plan, sessions, today=today, catalogue=catalogue, worse_after_last=worse_after_last
    )


def ask_next_day(sessions: Sequence[SessionRecord], today: date) -> bool:
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
    notes: HealthNotes | None  # the saved notes
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


# --------------------------------------------------------------------------- start remembers

#: The small state file that keeps the minutes last asked for, per profile.
ANSWERS_FILE = "start-answers.json"


def last_cause(sessions: Sequence[SessionRecord]) -> str | None:
    """The cause given last time (the newest saved session, practice runs included)."""
    from stretchcoach.catalogue import CAUSES

    for session in sessions:
        if session.cause in CAUSES:
            return str(session.cause)
    return None


def remembered_minutes(profile: str | None) -> int | None:
    """The minutes the person asked for last time (with this profile), or None."""
    import json

    from stretchcoach import paths
    from stretchcoach.config import MAX_MINUTES, MIN_MINUTES

    try:
        data = json.loads(paths.state_path(ANSWERS_FILE).read_text(encoding="utf-8"))
        value = data[profile_key(profile)]["minutes"]
    except (OSError, ValueError, KeyError, TypeError):
        return None
    ok = isinstance(value, int) and not isinstance(value, bool)
    return value if ok and MIN_MINUTES <= value <= MAX_MINUTES else None


def remember_minutes(profile: str | None, minutes: int) -> None:
    """Keep the minutes asked for, for next time (best effort: forgetting is harmless)."""
    import contextlib
    import json

    from stretchcoach import paths
    from stretchcoach.atomic import write_atomic

    target = paths.state_path(ANSWERS_FILE)
    try:
        data = json.loads(target.read_text(encoding="utf-8"))
        if not isinstance(data, dict):
            data = {}
    except (OSError, ValueError):
        data = {}
    data[profile_key(profile)] = {"minutes": minutes}
    with contextlib.suppress(OSError):  # a convenience: never worth a failed session
        write_atomic(target, json.dumps(data).encode("utf-8"), make_folder=True)


def last_pain(sessions: Sequence[SessionRecord], today: date) -> int | None:
    """The most recent pain score from a session in the last week (its after-score if
    given, else its before-score): the "last check" a new score is compared with."""
    from stretchcoach import progression

    for session in sessions:
        if (today - session.started_at.astimezone().date()).days > progression.BREAK_DAYS:
            return None
        after = session.severity_after
        return int(after if after is not None else session.severity_before)
    return None


def lesson_offer(conditions: frozenset[str]) -> str | None:
    """The one line offering an unread lesson after a routine (None: all read, or the
    history cannot say which were read)."""
    from stretchcoach import history, lessons
    from stretchcoach.errors import StretchcoachError

    try:
        read = [lesson_id for lesson_id, _ in history.load_lessons_read()]
    except StretchcoachError:
        return None
    lesson = lessons.next_unread(read, conditions=conditions)
    return lessons.offer_line(lesson) if lesson is not None else None
