"""``stretchcoach plan``: the routine ``start`` would coach, printed for scripts and sharing."""

from __future__ import annotations

import click

from stretchcoach.commands._options import app_state, format_option, now, routine_options


@click.command()
@routine_options
@format_option("text", "json", "markdown", default="text")
@click.pass_context
def plan(
    ctx: click.Context,
    cause: str | None,
    severity: int | None,
    minutes: int,
    seed: int | None,
    positions: str | None,
    at_desk: bool,
    screened: bool,
    conditions: tuple[str, ...],
    profile: str | None,
    fmt: str,
) -> None:
    """Print today's routine without starting it (never asks questions).

    \b
    Examples:
      stretchcoach plan --cause posture --severity 3
      stretchcoach plan --cause pregnancy --severity 5 --at-desk --format json
      stretchcoach plan --cause unknown --severity 2 --minutes 15 --format markdown
      stretchcoach plan --profile desk --severity 2
      stretchcoach plan --cause posture --severity 3 --condition pregnant,pelvic-girdle-pain

    Takes the same options as 'stretchcoach start', so with the same options and seed (by
    default, today's date) both give the same routine. Without --condition it uses your
    saved health notes and says so. Exits 3 when the pain is too high for any routine
    today, or a health condition rules out a routine from this tool.

    Text and markdown are plans to take away: each exercise's steps, its stop-if line and
    notes, the stop rules, the emergency line and the health notes that shaped it. At pain
    7-8 the routine stays in one position: give it with --positions (one value), or the
    most supported one available is used.

    --screened changes nothing here: plan never asks the safety questions, so its routine
    is the one for someone who answered no to them all.
    """
    from stretchcoach import planner, ui
    from stretchcoach.commands._routine import (
        notes_line,
        recent_sessions,
        resolve_conditions,
        routine_request,
        todays_plan,
    )
    from stretchcoach.errors import SafetyStop, UsageError
    from stretchcoach.routine import Assessment
    from stretchcoach.safety import conditions as health
    from stretchcoach.safety.policy import band_stop, conditions_stop

    request, _ = routine_request(ctx)
    cause, severity = request.cause, request.severity
    today = now(ctx).date()
    missing = [
        flag for flag, value in (("--cause", cause), ("--severity", severity)) if value is None
    ]
    if missing:
        raise UsageError(
            f"Missing {' and '.join(missing)}: 'stretchcoach plan' never asks questions. "
            "Example: stretchcoach plan --cause posture --severity 3"
        )
    assert cause is not None
    assert severity is not None
    too_high = band_stop(severity)
    if too_high:
        raise SafetyStop(too_high)  # before loading anything: no routine at this pain level
    found, weeks, _, typed = resolve_conditions(conditions, profile=profile, today=today)
    if not typed and found is None:
        ui.message(
            "No health notes are saved, so this plan assumes none. Add --condition, or run "
            "'stretchcoach health --ask' to save yours."
        )
    elif not typed and found is not None:
        ui.message(f"Using your saved health notes: {notes_line(found, weeks)}.")
    chosen = health.with_cause(found or frozenset(), cause)
    stop = conditions_stop(chosen)
    if stop:
        raise SafetyStop(stop)
    allowed = planner.resolve_positions(request.positions, at_desk=request.at_desk)
    assessment = Assessment(
        cause=cause,
        severity=severity,
        positions=allowed,
        conditions=chosen,
        pregnancy_weeks=weeks,
    )
    sessions, problem = recent_sessions(now(ctx))
    if problem:  # an unreadable history only means no progression: say so, then plan
        ui.message(f"Warning: {problem} Today's plan does not adapt to your history.")
    routine = todays_plan(
        assessment,
        app_state(ctx).catalogue(),
        minutes=request.minutes,
        seed=request.seed,
        sessions=sessions,
        today=today,
    )
    from stretchcoach.ui.emit import emit
    from stretchcoach.ui.plan import plan_markdown, show_takeaway

    emit(
        fmt,
        routine.to_dict,
        human=lambda: show_takeaway(routine),
        text={"markdown": lambda: plan_markdown(routine)},
    )
