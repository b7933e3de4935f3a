"""``stretchcoach plan``: the routine ``start`` would coach, printed for scripts and sharing."""

from __future__ import annotations

import click

from stretchcoach.commands._options import app_state, format_option, routine_options


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

    Takes the same options as 'stretchcoach start', so with the same options and seed (by
    default, today's date) both give the same routine. Exits 3 when the pain is too high
    for any routine today.
    """
    from stretchcoach import planner, ui
    from stretchcoach.commands._routine import effective_params, recent_sessions, todays_plan
    from stretchcoach.errors import SafetyStop, UsageError
    from stretchcoach.routine import Assessment
    from stretchcoach.safety import band_for, band_message

    params, _ = effective_params(ctx)
    cause, severity, minutes = params["cause"], params["severity"], params["minutes"]
    positions, at_desk = params["positions"], params["at_desk"]
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
    message = band_message(severity)
    if band_for(severity) == "too-severe" and message:
        raise SafetyStop(message)  # before loading anything: no routine at this pain level
    allowed = planner.resolve_positions(positions, at_desk=at_desk)
    assessment = Assessment(cause=cause, severity=severity, positions=allowed)
    sessions, problem = recent_sessions()
    if problem:  # an unreadable history only means no progression: say so, then plan
        ui.message(f"Warning: {problem} Today's plan does not adapt to your history.")
    routine = todays_plan(
        assessment, app_state(ctx).catalogue(), minutes=minutes, seed=seed, sessions=sessions
    )
    if fmt == "json":
        ui.echo_json(routine.to_dict())
    elif fmt == "markdown":
        from stretchcoach.ui.plan import plan_markdown

        click.echo(plan_markdown(routine), nl=False)
    else:
        from stretchcoach.ui.plan import show_plan

        show_plan(routine)
