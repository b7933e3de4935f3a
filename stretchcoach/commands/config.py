"""``stretchcoach config``: where the config file lives and what it says, defaults included."""

from __future__ import annotations

import click

from stretchcoach.commands._options import format_option


@click.group()
def config() -> None:
    """Show where the config file is and the settings in effect.

    \b
    Examples:
      stretchcoach config path
      stretchcoach config show
      stretchcoach config show --format json

    config.yaml holds defaults (minutes, positions, bell, voice, how often the safety
    questions are repeated) and named profiles such as 'desk' or 'evening'.
    """


@config.command("path")
def path_command() -> None:
    """Print the path of config.yaml (it may not exist yet).

    \b
    Examples:
      stretchcoach config path
      $EDITOR "$(stretchcoach config path)"
    """
    from stretchcoach import paths

    click.echo(str(paths.config_path()))


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
