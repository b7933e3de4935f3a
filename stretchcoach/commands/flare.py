"""``stretchcoach flare``: general flare-up advice and the person's own plan, and editing it."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

import click

from stretchcoach.commands._options import format_option

if TYPE_CHECKING:
    from stretchcoach.flare import FlarePlan


@click.command()
@click.option(
    "--edit",
    is_flag=True,
    help="Write or change your plan: opens it in $VISUAL or $EDITOR, or asks item by item "
    "when neither is set. It is saved in config.yaml under 'flare_plan'.",
)
@format_option("text", "json", default="text")
def flare(edit: bool, fmt: str) -> None:
    """Show flare-up advice and your own flare-up plan, or write the plan with --edit.

    \b
    Examples:
      stretchcoach flare
      stretchcoach flare --edit
      EDITOR=nano stretchcoach flare --edit
      stretchcoach flare --format json

    Your plan has three short lists: what helps you, what you drop for a few days, and who
    you call. It is shown by itself during 'stretchcoach start' when your pain is 7 or 8,
    or has gone up by 2 points or more. General guidance only, not medical advice.
    """
    from stretchcoach import config, ui
    from stretchcoach import flare as core

    if edit:
        if fmt != "text":
            from stretchcoach.errors import UsageError

            raise UsageError("--format goes with showing the plan, not with --edit.")
        _edit()
        return
    plan = core.from_dict(config.load_config().get("flare_plan"))
    if fmt == "json":
        from stretchcoach import paths

        ui.echo_json(
            {
                "advice": list(core.GENERAL_ADVICE),
                "plan": plan.to_dict() if plan is not None else None,
                "config": str(paths.config_path()),
            }
        )
        return
    from stretchcoach.ui import flare as view

    view.show(plan)


def _edit() -> None:
    """Edit the plan, check it, and write it back into config.yaml (all or nothing)."""
    from stretchcoach import config, paths, ui
    from stretchcoach import flare as core
    from stretchcoach.catalogue import decode_text
    from stretchcoach.errors import StretchcoachError, UsageError

    target = paths.config_path()
    try:
        raw = target.read_bytes()
    except (FileNotFoundError, NotADirectoryError):
        raw = b""
    except OSError as exc:
        raise StretchcoachError(
            f"The config file {target} cannot be read ({exc.strerror or exc}); nothing was changed."
        ) from None
    text = decode_text(raw, source=str(target), error=config.ConfigError)
    current = core.from_dict(config.parse(text, source=str(target)).get("flare_plan"))

    if _editor():
        edited = click.edit(core.edit_text(current), extension=".yaml", require_save=True)
        if edited is None:
            ui.message("No change: the editor was closed without saving.")
            return
        try:
            plan = core.parse_text(edited, source="your edit")
        except core.FlarePlanError as exc:
            raise StretchcoachError(
                f"{exc.problems[0]}. Nothing was saved; run 'stretchcoach flare --edit' again."
            ) from None
    elif ui.stdin_is_tty():
        try:
            plan = _ask(current)
        except click.Abort:  # Ctrl-C (or the end of input) at a prompt: a calm stop
            ui.message("")
            ui.message("Stopped: your flare-up plan was not changed.")
            raise SystemExit(130) from None
    else:
        raise UsageError(
            "No editor is set and input is not a terminal, so the plan cannot be written: "
            "set $EDITOR, or run 'stretchcoach flare --edit' in a terminal."
        )
    if plan == (current or core.FlarePlan()):
        ui.message("No change: your flare-up plan is as it was.")
        return
    updated = core.replace_in_config(text, plan, source=str(target))
    config.parse(updated, source=str(target))  # never write a file that would not load
    bom = "\ufeff" if raw.startswith(b"\xef\xbb\xbf") else ""  # kept as it was found
    _write_atomic(target, bom + updated)
    ui.message(f"Saved your flare-up plan in {target}.")
    from stretchcoach.ui import flare as view

    view.show(plan, advice=())


def _editor() -> str | None:
    """The editor the person chose ($VISUAL, then $EDITOR), or None."""
    for name in ("VISUAL", "EDITOR"):
        value = os.environ.get(name, "").strip()
        if value:
            return value
    return None


def _ask(current: FlarePlan | None) -> FlarePlan:
    """Ask for each list in turn: Enter keeps what is there, '-' clears it, else new items."""
    from stretchcoach import flare as core
    from stretchcoach import ui

    lists: dict[str, tuple[str, ...]] = {}
    for name in core.SECTIONS:
        now = current.section(name) if current is not None else ()
        ui.message("")
        ui.message(core.SECTION_QUESTIONS[name])
        if now:
            ui.message("Now: " + "; ".join(now))
            ui.message(
                "Type new items to replace these, '-' to clear them, or press Enter to keep them."
            )
        else:
            ui.message("Type one item per line; press Enter on an empty line to finish.")
        items: list[str] = []
        while len(items) < core.MAX_ITEMS:
            typed = click.prompt("  -", default="", show_default=False, prompt_suffix=" ", err=True)
            line = " ".join(typed.split())
            if not line:
                break
            if line == "-" and not items:
                now = ()
                break
            items.append(line[: core.MAX_ITEM_CHARS])
        lists[name] = tuple(items) if items else now
    return core.FlarePlan(**lists)


def _write_atomic(target: Path, text: str) -> None:
    """Write ``text`` to a temporary file beside ``target``, then replace it in one step, so
    the config file is never half-written; its permissions are kept (private when new).
    A config.yaml that is a symbolic link stays one: the file it points to is replaced."""
    from stretchcoach.atomic import write_atomic
    from stretchcoach.errors import StretchcoachError

    try:
        try:
            mode = target.stat().st_mode & 0o777
        except FileNotFoundError:
            mode = 0o600
        write_atomic(target, text.encode("utf-8"), mode=mode, make_folder=True)
    except OSError as exc:
        raise StretchcoachError(
            f"Could not save the config file {target} ({exc.strerror or exc}); "
            "it was left as it was."
        ) from None
