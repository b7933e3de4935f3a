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
    them (config.yaml 'catalogues'): it gets a warning saying so. Any file gets a warning
    for an id the built-in catalogue (or another listed file) already uses. A file
    config.yaml lists is checked together with the built-in catalogue and the other files
    listed, as every command uses them: an id used twice is an error there.
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
        _check_with_the_others(file)
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
    if not linked and not _is_builtin(file):
        ids_beside()  # an id already in use blocks adding the file, links or none
    taken = {ex.id: beside[ex.id] for ex in cat if ex.id in beside}
    warnings = [_links_warning(file, linked, beside, clash=bool(taken))] if linked else []
    warnings += _taken_warnings(file, taken)
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


def _is_builtin(file: str) -> bool:
    """Whether ``file`` is the built-in catalogue itself (whose ids are its own)."""
    from pathlib import Path

    from stretchcoach import catalogue

    return Path(file).expanduser().resolve() == Path(catalogue.packaged_path()).resolve()


def _configured() -> list[str]:
    """config.yaml's ``catalogues``, resolved as the loader resolves them (a config file
    with problems lists none here; every other command reports them)."""
    from stretchcoach import config
    from stretchcoach.errors import StretchcoachError

    try:
        return [str(p) for p in config.load_config().get("catalogues") or []]
    except StretchcoachError:
        return []


def _check_with_the_others(file: str) -> None:
    """For a file config.yaml lists: load it merged with the built-in catalogue and the
    other files listed, as every command will, so an id used twice fails here too
    (CatalogueError, the same problems ``list`` reports)."""
    from pathlib import Path

    from stretchcoach import catalogue

    listed = _configured()
    own = Path(file).expanduser().resolve()
    if any(Path(p).resolve() == own for p in listed):
        catalogue.load_many([catalogue.packaged_path(), *listed])


def _ids_beside(file: str) -> dict[str, str]:
    """The ids a file added to the built-in catalogue may link to: the built-in ones first,
    then those of config.yaml's other catalogues (a config file with problems adds none)."""
    from pathlib import Path

    from stretchcoach import catalogue

    own = Path(file).expanduser().resolve()
    others = [p for p in _configured() if Path(p).resolve() != own]
    return catalogue.ids_beside([catalogue.packaged_path(), *others])


def _links_warning(file: str, linked: list[str], beside: dict[str, str], *, clash: bool) -> str:
    """The one line saying the file works added beside the built-in catalogue, not alone
    (with ``clash``, an id it shares with them keeps it from being added: only "not alone")."""
    from stretchcoach import catalogue

    built_in = str(catalogue.packaged_path())
    names = ", ".join(linked)
    if all(beside.get(ref) == built_in for ref in linked):
        what = f"built-in exercises ({names})"
        where = "the built-in catalogue"
    else:
        what = f"exercises of other catalogues ({names})"
        where = "the built-in catalogue and config.yaml's other catalogues"
    if clash:
        return f"Warning: {file} links to {what}, so it does not work on its own with --catalogue."
    return (
        f"Warning: {file} links to {what}, so it works added to {where} "
        "(config.yaml 'catalogues'), not on its own with --catalogue."
    )


def _taken_warnings(file: str, taken: dict[str, str]) -> list[str]:
    """One line per catalogue whose ids the file reuses (id -> that catalogue's file): added
    beside it, every command would stop at the duplicate id."""
    from stretchcoach import catalogue

    built_in = str(catalogue.packaged_path())
    by_source: dict[str, list[str]] = {}
    for ex_id, source in taken.items():
        by_source.setdefault(source, []).append(ex_id)
    lines = []
    for source, ids in by_source.items():
        several = len(ids) > 1
        names = ", ".join(ids)
        if source == built_in:
            whose = "built-in exercises" if several else "a built-in exercise"
            where = "the built-in catalogue"
        else:
            whose = f"exercises in {source}" if several else f"an exercise in {source}"
            where = "that catalogue"
        lines.append(
            f"Warning: {file} uses the {'ids' if several else 'id'} {names} of {whose}, so it "
            f"cannot be added beside {where} (config.yaml 'catalogues') until "
            f"{'they have ids of their own' if several else 'it has an id of its own'}."
        )
    return lines
