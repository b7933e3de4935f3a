"""Browsing the catalogue: ``list``, ``show``, ``causes`` and ``validate``."""

from __future__ import annotations

import click

from stretchcoach.commands._options import (
    app_state,
    cause_option,
    complete_exercise_ids,
    condition_option,
    format_option,
    kind_option,
    position_option,
    severity_option,
)


@click.command("list")
@cause_option(help="Only exercises suitable for this cause.")
@severity_option(help="Only exercises offered at this pain level (0-10).")
@position_option()
@kind_option()
@condition_option(
    help="Leave out what this health condition rules out (repeat, or comma-separate; "
    "'none' for none). See 'stretchcoach health --rules'."
)
@format_option("table", "json", "yaml", "ids", default="table")
@click.pass_context
def list_exercises(
    ctx: click.Context,
    cause: str | None,
    severity: int | None,
    positions: str | None,
    kinds: tuple[str, ...],
    conditions: tuple[str, ...],
    fmt: str,
) -> None:
    """List exercises in the catalogue, optionally filtered.

    \b
    Examples:
      stretchcoach list --cause posture
      stretchcoach list --severity 5 --position seated --position standing
      stretchcoach list --positions seated,standing --kind stretch
      stretchcoach list --kind breathing --format json
      stretchcoach list --condition pregnant --condition osteoporosis
    """
    from stretchcoach import ui
    from stretchcoach.safety import conditions as health

    chosen = health.with_cause(health.parse_conditions(conditions) or frozenset(), cause)
    found = [
        ex
        for ex in app_state(ctx)
        .catalogue()
        .filter(
            cause=cause,
            severity=severity,
            positions=positions.split(",") if positions else (),
            kinds=kinds,
        )
        if health.allows(ex, chosen)
    ]
    if fmt == "json":
        ui.echo_json([ex.to_dict() for ex in found])
    elif fmt == "yaml":
        ui.echo_yaml([ex.to_dict() for ex in found])
    elif fmt == "ids":
        for ex in found:
            click.echo(ex.id)
    else:
        from stretchcoach.ui import catalogue as view

        view.exercise_table(found)
    if not found and fmt == "table":
        ui.message("No exercises match those filters.")


@click.command()
@click.argument("exercise_id", metavar="ID", shell_complete=complete_exercise_ids)
@format_option("text", "json", default="text")
@click.pass_context
def show(ctx: click.Context, exercise_id: str, fmt: str) -> None:
    """Show one exercise: steps, when to stop, and timing.

    \b
    Examples:
      stretchcoach show cat-cow
      stretchcoach show bird-dog --format json
    """
    from stretchcoach import ui
    from stretchcoach.catalogue import suggest_ids
    from stretchcoach.errors import UsageError

    catalogue = app_state(ctx).catalogue()
    ex = catalogue.get(exercise_id)
    if ex is None:
        close = suggest_ids(exercise_id, catalogue)
        hint = f" Did you mean: {', '.join(close)}?" if close else ""
        raise UsageError(
            f"No exercise with id '{exercise_id}'.{hint} "
            "'stretchcoach list --format ids' lists them all."
        )
    if fmt == "json":
        ui.echo_json(ex.to_dict())
    else:
        from stretchcoach.ui import catalogue as view

        view.exercise_panel(ex, catalogue)


@click.command()
@format_option("table", "json", default="table")
def causes(fmt: str) -> None:
    """Describe each cause id, with the advice that goes with it.

    \b
    Examples:
      stretchcoach causes
      stretchcoach causes --format json
    """
    from stretchcoach import ui
    from stretchcoach.safety import CAUSE_INFO

    rows = [
        {"id": c.id, "label": c.label, "description": c.description, "advice": c.advice}
        for c in CAUSE_INFO.values()
    ]
    if fmt == "json":
        ui.echo_json(rows)
    else:
        from stretchcoach.ui import catalogue as view

        view.causes_table(rows)


@click.command()
@click.argument("file", type=click.Path())
@format_option("text", "json", default="text")
def validate(file: str, fmt: str) -> None:
    """Check a catalogue file and report every problem with its line and field.

    \b
    Examples:
      stretchcoach validate my-exercises.yaml
      stretchcoach validate data/exercises.yaml --format json

    Exits 0 when the file is valid and 1 when it has problems. A valid file that cannot
    make a routine for some cause on its own (no gentle opener or closer for it, or nothing
    at some pain level, tried at pain 0, 5 and 7) gets a warning on stderr naming the rule.
    """
    from stretchcoach import catalogue, ui

    try:
        cat = catalogue.load(file)
    except catalogue.CatalogueError as exc:
        if fmt == "json":
            ui.echo_json(
                {
                    "valid": False,
                    "file": file,
                    "problems": [
                        {
                            "line": p.line,
                            "exercise": p.exercise_id,
                            "field": p.field,
                            "message": p.message,
                            "text": str(p),
                        }
                        for p in exc.problems
                    ],
                }
            )
            raise SystemExit(1) from None
        raise
    from stretchcoach import planner

    counts = cat.count_by_cause()
    gaps = planner.routine_gaps(cat)
    warnings = [
        f"Warning: on its own this catalogue cannot make a routine for cause '{cause}': {reason}"
        for cause, reason in gaps.items()
    ]
    if fmt == "json":
        ui.echo_json(
            {
                "valid": True,
                "file": file,
                "exercises": len(cat),
                "per_cause": counts,
                "no_routine": gaps,
            }
        )
    else:
        per_cause = ", ".join(f"{cause} {n}" for cause, n in counts.items())
        noun = "valid exercise" if len(cat) == 1 else "valid exercises"
        click.echo(f"OK: {file} has {len(cat)} {noun} ({per_cause}).")
    for line in warnings:
        ui.message(line)
