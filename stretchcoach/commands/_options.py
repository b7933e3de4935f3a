"""Options shared by several commands, so names, choices and help read the same everywhere."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

import click

from stretchcoach.catalogue import CAUSES, KINDS, POSITIONS

F = TypeVar("F", bound=Callable[..., Any])


def format_option(*choices: str, default: str) -> Callable[[F], F]:
    """``--format`` with the given choices: one option shared by every listing command."""
    return click.option(
        "--format",
        "fmt",
        type=click.Choice(choices),
        default=default,
        show_default=True,
        help="Output format: a table for people, or a document for scripts.",
    )


def cause_option(*, required: bool = False, help: str | None = None) -> Callable[[F], F]:
    return click.option(
        "--cause",
        type=click.Choice(CAUSES),
        required=required,
        help=help or "What seems to cause the pain (see 'stretchcoach causes').",
    )


def severity_option(help: str | None = None) -> Callable[[F], F]:
    return click.option(
        "--severity",
        type=click.IntRange(0, 10),
        metavar="0-10",
        help=help or "Pain right now, 0 (none) to 10 (worst imaginable).",
    )


def position_option(help: str | None = None) -> Callable[[F], F]:
    return click.option(
        "--position",
        "positions",
        type=click.Choice(POSITIONS),
        multiple=True,
        help=help or "Only these positions (repeat the option for more than one).",
    )


def kind_option() -> Callable[[F], F]:
    return click.option(
        "--kind",
        "kinds",
        type=click.Choice(KINDS),
        multiple=True,
        help="Only these kinds of exercise (repeat the option for more than one).",
    )


def app_state(ctx: click.Context) -> Any:
    """The AppState set up by the root group (catalogue path, loaded catalogue)."""
    return ctx.find_root().obj
