"""``stretchcoach config``: where the config file lives and what it says, defaults included."""

from __future__ import annotations

import click

from stretchcoach.commands._options import format_option


@click.group()
def config() -> None:
    """Show where your files are and the settings in effect.

    \b
    Examples:
      stretchcoach config path
      stretchcoach config show
      stretchcoach config show --format json

    config.yaml holds defaults (minutes, positions, bell, voice, how often the safety
    questions are repeated) and named profiles such as 'desk' or 'evening'.
    """


#: What ``config path`` can name: the settings, the history and the health notes.
PATH_NAMES = ("config", "history", "health")


@config.command("path")
@click.argument("which", required=False, type=click.Choice(PATH_NAMES, case_sensitive=False))
@format_option("text", "json", default="text")
def path_command(which: str | None, fmt: str) -> None:
    """Print where the config, the history and the health notes live (they may not exist yet).

    With WHICH (config, history or health), print just that one path, for scripts.
    STRETCHCOACH_HOME, when set, holds all three.

    \b
    Examples:
      stretchcoach config path
      stretchcoach config path --format json
      $EDITOR "$(stretchcoach config path config)"
      sqlite3 "$(stretchcoach config path history)"
    """
    from stretchcoach import paths
    from stretchcoach.ui.emit import emit

    where = {
        "config": paths.config_path(),
        "history": paths.history_path(),
        "health": paths.health_path(),
    }
    if which:
        click.echo(str(where[which.lower()]))
        return

    def text() -> None:
        for name, path in where.items():
            click.echo(f"{name + ':':<9}{path}")

    emit(fmt, lambda: {name: str(path) for name, path in where.items()}, human=text)


@config.command("show")
@click.option("--profile", metavar="NAME", help="Show the settings this profile gives.")
@format_option("yaml", "json", default="yaml")
def show(profile: str | None, fmt: str) -> None:
    """Print the settings in effect: the file's values over the built-in defaults.

    \b
    Examples:
      stretchcoach config show
      stretchcoach config show --profile desk --format json
    """
    from stretchcoach import config as cfg
    from stretchcoach import paths, ui
    from stretchcoach.ui.emit import emit

    effective = cfg.load_config()
    data = cfg.resolve_profile(effective, profile) if profile else effective
    emit(fmt, lambda: data)
    if not paths.config_path().exists():
        ui.message(f"No config file at {paths.config_path()}: these are the built-in defaults.")
