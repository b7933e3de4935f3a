"""Browsing the catalogue: ``list``, ``show`` and ``causes``."""

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
    from stretchcoach.ui import catalogue as view
    from stretchcoach.ui.emit import emit

    emit(
        fmt,
        lambda: [ex.to_dict() for ex in found],
        human=lambda: view.exercise_table(found),
        ids=lambda: [ex.id for ex in found],
    )
    if not found and fmt == "table":
        ui.message("No exercises match those filters.")


@click.command()
@click.argument("exercise_id", metavar="ID", shell_complete=complete_exercise_ids)
@format_option("text", "json", "svg", default="text")
@click.option(
    "--figure/--no-figure",
    "figure",
    default=None,
    help="Draw the exercise's figure even when the output is not a terminal, or never. "
    "By default it is drawn on a terminal of 50 columns or more, in the style of "
    "'figures:' in config.yaml or STRETCHCOACH_FIGURES (braille, blocks or off); "
    "never in plain mode.",
)
@click.pass_context
def show(ctx: click.Context, exercise_id: str, fmt: str, figure: bool | None) -> None:
    """Show one exercise: its figure, steps, when to stop, and timing.

    \b
    Examples:
      stretchcoach show cat-cow
      stretchcoach show bird-dog --format json
      stretchcoach show cat-cow --format svg > cat-cow.svg

    On a terminal the exercise's figure is drawn beside the steps (above them when narrow),
    with the working side in colour and named in words. In plain mode (STRETCHCOACH_PLAIN=1
    or 'plain: true' in config.yaml) it is plain lines, without a box or a figure.
    --format svg prints the figure as an SVG image; an exercise without a figure is a usage
    error (exit 2).
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
    elif fmt == "svg":
        click.echo(_svg(ex), nl=False)
    else:
        from stretchcoach.ui import catalogue as view

        style, animate = None, False
        if ex.figure is not None and figure is not False:  # no figure code loaded otherwise
            from stretchcoach.ui import figure as figures

            style, animate = figures.show_choice(ex, figure)
        view.exercise_panel(ex, catalogue, figure_style=style, animate=animate, plain=_plain_mode())


def _plain_mode() -> bool:
    """STRETCHCOACH_PLAIN or 'plain: true' in config.yaml: ``show`` prints lines, no box."""
    from stretchcoach import ui

    if ui.plain_by_env():
        return True
    from stretchcoach.ui import figure as figures

    return figures.settings().plain


def _svg(ex: object) -> str:
    """The exercise's figure as a standalone SVG; a usage error when it has none."""
    from stretchcoach.errors import UsageError
    from stretchcoach.ui import figure as figures

    fig = figures.figure_of(ex)  # type: ignore[arg-type]
    if fig is None:
        raise UsageError(
            f"Exercise '{getattr(ex, 'id', '')}' has no figure, so there is no SVG to print."
        )
    from stretchcoach.figures import svg

    text = svg(fig, title=str(getattr(ex, "name", "")))
    return text if text.endswith("\n") else text + "\n"


@click.command()
@format_option("table", "json", default="table")
def causes(fmt: str) -> None:
    """Describe each cause id, with the advice that goes with it.

    \b
    Examples:
      stretchcoach causes
      stretchcoach causes --format json
    """
    from stretchcoach.safety import CAUSE_INFO

    rows = [
        {"id": c.id, "label": c.label, "description": c.description, "advice": c.advice}
        for c in CAUSE_INFO.values()
    ]
    from stretchcoach.ui import catalogue as view
    from stretchcoach.ui.emit import emit

    emit(fmt, lambda: rows, human=lambda: view.causes_table(rows))
