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

    With WHICH (config, history or health), print just that one path, for scripts
    (with --format json, {"history": PATH} and so on).
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
        name = which.lower()
        if fmt == "json":  # as asked: {"history": "..."}, the same key as without WHICH
            from stretchcoach import ui

            ui.echo_json({name: str(where[name])})
        else:
            click.echo(str(where[name]))
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

    'figures' is the style in effect, from STRETCHCOACH_FIGURES, config.yaml or a guess
    from the terminal: the YAML says which in a comment, the JSON in "figures_from"
    ("environment", "config" or "terminal").

    \b
    Examples:
      stretchcoach config show
      stretchcoach config show --profile desk --format json
    """
    import os

    from stretchcoach import config as cfg
    from stretchcoach import paths, ui

    effective = cfg.load_config()
    data = dict(cfg.resolve_profile(effective, profile) if profile else effective)
    style, source, warning = cfg.figures_in_effect(effective.get("figures"), os.environ)
    if warning:
        ui.message(f"Warning: {warning}")
    data["figures"] = style
    if fmt == "json":
        at = list(data).index("figures") + 1
        items = list(data.items())
        ui.echo_json(dict([*items[:at], ("figures_from", source), *items[at:]]))
    else:
        _echo_yaml(data, figures_note=cfg.FIGURE_SOURCES[source])
    if not paths.config_path().exists():
        ui.message(f"No config file at {paths.config_path()}: these are the built-in defaults.")


def _echo_yaml(data: dict, *, figures_note: str) -> None:
    """The settings as YAML, with where the figure style came from as a comment on its line
    (a comment, so the output still reads back as a valid config.yaml)."""
    import re

    import yaml

    dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
    text = yaml.dump(data, Dumper=dumper, sort_keys=False, allow_unicode=True, width=100)
    # 'off' unquoted, as people write it (config.yaml reads a bare off as off too).
    text = re.sub(r"(?m)^figures: '?(\w+)'?$", rf"figures: \1  # {figures_note}", text, count=1)
    click.echo(text, nl=False)
