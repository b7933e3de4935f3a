"""``validate``: check a catalogue file and report every problem with its line and field."""

from __future__ import annotations

from typing import Any

import click

from stretchcoach.commands._options import format_option


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
    A file whose easier/harder/similar links name built-in exercises is valid to add beside
    them (config.yaml 'catalogues'): it gets a warning saying so.
    """
    from stretchcoach import catalogue, ui
    from stretchcoach.errors import UsageError

    if not file.strip():
        raise UsageError("validate needs the path of a catalogue file; the one given is empty.")
    beside: dict[str, str] = {}

    def ids_beside() -> dict[str, str]:  # read only for a file that links elsewhere
        if not beside:
            beside.update(_ids_beside(file))
        return beside

    try:
        cat, linked = catalogue.load_to_add(file, ids_beside)
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
    from stretchcoach.ui.emit import emit

    counts = cat.count_by_cause()
    gaps = planner.routine_gaps(cat)
    warnings = [_links_warning(file, linked, beside)] if linked else []
    warnings += [
        f"Warning: on its own this catalogue cannot make a routine for cause '{cause}': {reason}"
        for cause, reason in gaps.items()
    ]

    def ok_line() -> None:
        import sys

        per_cause = ", ".join(f"{cause} {n}" for cause, n in counts.items())
        noun = "valid exercise" if len(cat) == 1 else "valid exercises"
        click.echo(ui.fold(f"OK: {file} has {len(cat)} {noun} ({per_cause}).", sys.stdout))

    document: dict[str, Any] = {
        "valid": True,
        "file": file,
        "exercises": len(cat),
        "per_cause": counts,
        "no_routine": gaps,
        "links_elsewhere": linked,
    }
    emit(fmt, lambda: document, human=ok_line)
    for line in warnings:
        ui.message(line)


def _ids_beside(file: str) -> dict[str, str]:
    """The ids a file added to the built-in catalogue may link to: the built-in ones first,
    then those of config.yaml's other catalogues (a config file with problems adds none)."""
    from pathlib import Path

    from stretchcoach import catalogue, config
    from stretchcoach.errors import StretchcoachError

    try:
        extra = list(config.load_config().get("catalogues") or [])
    except StretchcoachError:
        extra = []
    own = Path(file).resolve()
    others = [p for p in extra if Path(p).resolve() != own]
    return catalogue.ids_beside([catalogue.packaged_path(), *others])


def _links_warning(file: str, linked: list[str], beside: dict[str, str]) -> str:
    """The one line saying the file works added beside the built-in catalogue, not alone."""
    from stretchcoach import catalogue

    built_in = str(catalogue.packaged_path())
    names = ", ".join(linked)
    if all(beside.get(ref) == built_in for ref in linked):
        what = f"built-in exercises ({names})"
        where = "the built-in catalogue"
    else:
        what = f"exercises of other catalogues ({names})"
        where = "the built-in catalogue and config.yaml's other catalogues"
    return (
        f"Warning: {file} links to {what}, so it works added to {where} "
        "(config.yaml 'catalogues'), not on its own with --catalogue."
    )
