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
    from stretchcoach import paths, ui

    where = {
        "config": paths.config_path(),
        "history": paths.history_path(),
        "health": paths.health_path(),
    }
    if which:
        click.echo(str(where[which.lower()]))
    elif fmt == "json":
        ui.echo_json({name: str(path) for name, path in where.items()})
    else:
        for name, path in where.items():
            click.echo(f"{name + ':':<9}{path}")


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

    effective = cfg.load_config()
    data = cfg.resolve_profile(effective, profile) if profile else effective
    if fmt == "json":
        ui.echo_json(data)
    else:
        ui.echo_yaml(data)
    if not paths.config_path().exists():
        ui.message(f"No config file at {paths.config_path()}: these are the built-in defaults.")
