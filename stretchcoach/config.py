"""The user's config.yaml: defaults for every routine and named profiles, strictly validated.

A missing file means the built-in defaults. Every problem is reported with file, line and
field (unknown keys are almost always typos), like the catalogue loader. Command-line flags
always win over a profile, and a profile wins over the defaults.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from stretchcoach.errors import UsageError
from stretchcoach.exercise import CAUSES, DESK_POSITIONS, POSITIONS
from stretchcoach.fields import BAD, NESTED, Spec, check_field
from stretchcoach.yamlsrc import (
    Problem,
    ProblemsError,
    compose_yaml,
    decode_text,
    is_mapping,
    is_null,
    is_scalar,
    is_sequence,
    node_at,
    scalar,
)

#: The built-in defaults, in the order ``config show`` prints them.
DEFAULTS: dict[str, Any] = {
    "minutes": 10,
    "positions": None,  # None: every position
    "at_desk": False,
    "cause": None,
    "bell": False,
    "voice": False,  # or a mode: short, full, off
    "voice_command": None,
    "screen_every_days": 7,
    "plain": False,  # true: one line per step, always (for screen readers)
    "motion": "full",  # or "reduced": the live panel changes only when the phase does
    "figures": None,  # braille, blocks or off; None: guessed from the terminal
    "catalogues": [],  # extra catalogue files, beside the built-in one
    "flare_plan": None,  # helps / avoid / contacts lists (validated in stretchcoach.flare)
}
#: Keys a profile may set (the screen interval is a promise about safety, not per profile).
PROFILE_KEYS: tuple[str, ...] = (
    "minutes",
    "positions",
    "at_desk",
    "cause",
    "bell",
    "voice",
    "voice_command",
)
#: The range ``--minutes`` accepts, so a profile can never ask for what a flag cannot.
MIN_MINUTES = 3
MAX_MINUTES = 60
#: Voice modes a config may name (the same as ``--voice``).
VOICE_MODES: tuple[str, ...] = ("short", "full", "off")
#: How much the live panel moves: redrawn every tick, or only when the phase changes.
MOTION_MODES: tuple[str, ...] = ("full", "reduced")
#: How exercise figures are drawn (the same as stretchcoach.figures.STYLES, kept here so
#: reading the config never loads the figures package).
FIGURE_STYLES: tuple[str, ...] = ("braille", "blocks", "off")
_NAME_RE = re.compile(r"^[a-z0-9]+(?:[-_][a-z0-9]+)*$")


def _one_of(choices: tuple[str, ...] | list[str]) -> str:
    return "one of: " + ", ".join(choices)


_TRUE_OR_FALSE = "must be true or false"
#: What each plain setting may hold, checked by the same field table code as the catalogue.
#: (flare_plan has its own checker in stretchcoach.flare.)
SETTING_SPECS: dict[str, Spec] = {
    spec.name: spec
    for spec in (
        Spec(
            "minutes",
            "whole",
            low=MIN_MINUTES,
            high=MAX_MINUTES,
            message=f"must be a whole number of minutes from {MIN_MINUTES} to {MAX_MINUTES}",
        ),
        Spec(
            "positions",
            "texts",
            nullable=True,
            choices=POSITIONS,
            drop_repeats=True,
            message="must be a list of positions, e.g. [standing, seated]",
            item_message="'{item}' is not a position (" + _one_of(POSITIONS) + ")",
        ),
        Spec("at_desk", "flag", message=_TRUE_OR_FALSE),
        Spec(
            "cause",
            "choice",
            nullable=True,
            choices=CAUSES,
            message=f"is not a known cause ({_one_of(CAUSES)})",
        ),
        Spec("bell", "flag", message=_TRUE_OR_FALSE),
        Spec(
            "voice",
            "flag-or-choice",
            choices=VOICE_MODES,
            message="must be true, false or " + _one_of(VOICE_MODES),
        ),
        Spec(
            "voice_command",
            "text",
            nullable=True,
            message="must be a command, e.g. 'espeak' or 'say'",
        ),
        Spec(
            "screen_every_days",
            "whole",
            low=0,
            high=365,
            message="must be a whole number of days, 0 (every time) to 365",
        ),
        Spec("plain", "flag", message=_TRUE_OR_FALSE),
        Spec(
            "motion", "choice", choices=MOTION_MODES, message=f"must be {' or '.join(MOTION_MODES)}"
        ),
        Spec(  # YAML reads a bare off (or no) as false: taken as "off" in setting()
            "figures",
            "choice",
            nullable=True,
            choices=FIGURE_STYLES,
            message=f"must be {_one_of(FIGURE_STYLES)}, or left out to guess from the terminal",
        ),
        Spec(
            "catalogues",
            "texts",
            nullable=True,
            default=(),
            allow_empty=True,
            message="must be a list of catalogue files, e.g. [my-exercises.yaml]",
            item_message="each entry must be the path of a catalogue file",
        ),
    )
}


#: Overrides the ``figures:`` setting (braille, blocks or off).
FIGURES_ENV = "STRETCHCOACH_FIGURES"
#: Where the figure style in effect came from, as ``config show`` says it.
FIGURE_SOURCES: dict[str, str] = {
    "environment": f"from {FIGURES_ENV}",
    "config": "from config.yaml",
    "terminal": "guessed from the terminal",
}


def figures_in_effect(setting: str | None, env: Mapping[str, str]) -> tuple[str, str, str | None]:
    """The figure style in effect, where it came from, and a warning (or None).

    ``$STRETCHCOACH_FIGURES`` wins over the config's ``figures:`` setting, which wins over a
    guess from the terminal. An environment value that is no style is ignored, with a
    one-line warning naming the variable and the styles allowed. Returns (style, source,
    warning) with source "environment", "config" or "terminal" (see FIGURE_SOURCES).
    """
    raw = env.get(FIGURES_ENV, "").strip()
    warning = None
    if raw.lower() in FIGURE_STYLES:
        return raw.lower(), "environment", None
    if raw:
        warning = (
            f"{FIGURES_ENV}={raw!r} is not a figure style ({_one_of(FIGURE_STYLES)}); "
            "it is ignored."
        )
    if setting in FIGURE_STYLES:
        return str(setting), "config", warning
    from stretchcoach.figures import choose_style

    return choose_style(None, env), "terminal", warning


class ConfigError(ProblemsError):
    """config.yaml cannot be used (exit 1); carries every problem found."""

    subject = "The config file"


def default_config() -> dict[str, Any]:
    """The effective config when there is no file: defaults and no profiles."""
    return {**DEFAULTS, "profiles": {}}


def load_config(path: str | os.PathLike[str] | None = None) -> dict[str, Any]:
    """Read and validate config.yaml (``paths.config_path()`` by default)."""
    if path is None:
        from stretchcoach import paths

        path = paths.config_path()
    target = Path(path)
    try:
        raw = target.read_bytes()
    except (FileNotFoundError, NotADirectoryError):  # no config file (or no folder): defaults
        return default_config()
    except OSError as exc:
        reason = exc.strerror or type(exc).__name__
        raise ConfigError([Problem(str(target), None, f"cannot be read ({reason})")]) from None
    return parse(raw, source=str(target))


def parse(raw: bytes | str, *, source: str = "<config>") -> dict[str, Any]:
    """Validate config text; raise ConfigError listing every problem."""
    text = decode_text(raw, source=source, error=ConfigError)
    root = compose_yaml(text, source=source, error=ConfigError)
    return _Validator(source).config(root)


class _Validator:
    def __init__(self, source: str) -> None:
        self.source = source
        # Relative catalogue paths are relative to the config file's folder.
        self.folder = Path(source).expanduser().resolve().parent
        self.problems: list[Problem] = []

    def problem(self, node: Any, field: str | None, message: str) -> None:
        line = node.start_mark.line + 1 if node is not None else None
        self.problems.append(Problem(self.source, line, message, None, field))

    def config(self, root: Any) -> dict[str, Any]:
        out = default_config()
        if root is None or (is_scalar(root) and root.value == ""):
            return out
        if not is_mapping(root):
            self.problem(root, None, "must be a mapping of settings (key: value)")
            raise ConfigError(self.problems)
        allowed = (*DEFAULTS, "profiles")
        nodes: dict[str, Any] = {}
        for key, value in self.pairs(root, "", allowed):
            if key == "profiles":
                out["profiles"] = self.profiles(value)
            else:
                nodes[key] = value
                checked = self.setting(key, value, key)
                if checked is not _BAD:
                    out[key] = checked
        self.desk_conflict({k: out[k] for k in nodes}, nodes, "")
        if self.problems:
            self.problems.sort(key=lambda p: p.line or 0)
            raise ConfigError(self.problems)
        return out

    def pairs(self, node: Any, prefix: str, allowed: tuple[str, ...]) -> list[tuple[str, Any]]:
        """The (key, value node) pairs of a mapping, reporting unknown and repeated keys."""
        seen: dict[str, int] = {}
        out = []
        for key_node, value in node.value:
            key = key_node.value if is_scalar(key_node) else None
            field = f"{prefix}{key}" if key is not None else prefix.rstrip(".") or None
            if key is None:
                self.problem(key_node, field, "keys must be plain words")
            elif key in seen:
                self.problem(key_node, field, f"is repeated (first at line {seen[key]})")
            elif key not in allowed:
                self.problem(key_node, field, f"is not a known setting ({_one_of(allowed)})")
            else:
                seen[key] = key_node.start_mark.line + 1
                out.append((key, value))
        return out

    def profiles(self, node: Any) -> dict[str, dict[str, Any]]:
        if _is_null(node):
            return {}
        if not is_mapping(node):
            self.problem(node, "profiles", "must be a mapping of profile names to settings")
            return {}
        out: dict[str, dict[str, Any]] = {}
        seen: dict[str, int] = {}
        for name_node, body in node.value:
            name = name_node.value if is_scalar(name_node) else ""
            field = f"profiles.{name}"
            if not _NAME_RE.match(name):
                self.problem(
                    name_node, field, "a profile name is lower-case letters, digits and dashes"
                )
                continue
            if name in seen:
                self.problem(name_node, field, f"is repeated (first at line {seen[name]})")
                continue
            seen[name] = name_node.start_mark.line + 1
            if _is_null(body):
                out[name] = {}
                continue
            if not is_mapping(body):
                self.problem(body, field, "must be a mapping of settings")
                continue
            settings: dict[str, Any] = {}
            nodes: dict[str, Any] = {}
            for key, value in self.pairs(body, f"{field}.", PROFILE_KEYS):
                nodes[key] = value
                checked = self.setting(key, value, f"{field}.{key}")
                if checked is not _BAD:
                    settings[key] = checked
            self.desk_conflict(settings, nodes, f"{field}.")
            out[name] = settings
        return out

    def desk_conflict(self, settings: dict[str, Any], nodes: dict[str, Any], prefix: str) -> None:
        """``at_desk: true`` means standing and seated only: floor positions contradict it."""
        positions = settings.get("positions") or []
        floor = [p for p in positions if p not in DESK_POSITIONS]
        if settings.get("at_desk") is True and floor:
            self.problem(
                nodes["positions"],
                f"{prefix}positions",
                f"lists {', '.join(floor)}, but at_desk: true allows only standing and seated",
            )

    def setting(self, key: str, node: Any, field: str) -> Any:
        """One validated value (by its spec in SETTING_SPECS), or _BAD after the problem."""
        if key == "flare_plan":
            from stretchcoach import flare

            plan = flare.validate_node(node, self.problem, field)
            return _BAD if plan is None and not _is_null(node) else plan
        spec = SETTING_SPECS.get(key)
        if spec is None:
            return _BAD

        def report(message: str, *path: int | str) -> None:
            self.problem(node_at(node, path), field, message)

        value = _value(node)
        if key == "figures" and value is False:  # a bare `figures: off` reads as false
            return "off"
        checked = check_field(spec, value, report)
        if checked is BAD:
            return _BAD
        if key == "catalogues":
            return self.catalogue_paths(checked)
        return list(checked) if isinstance(checked, tuple) else checked

    def catalogue_paths(self, entries: tuple[str, ...]) -> list[str]:
        """Extra catalogue files: relative paths are relative to the config file's folder."""
        out: list[str] = []
        for entry in entries:
            path = str(self.folder / Path(entry).expanduser())
            if path not in out:
                out.append(path)
        return out


class _Bad:
    pass


_BAD: Any = _Bad()


def _is_null(node: Any) -> bool:
    return is_null(node)


def _value(node: Any) -> Any:
    """A setting's node as plain values: a scalar, or a list of scalars (nested: NESTED)."""
    if is_scalar(node):
        return scalar(node)
    if is_sequence(node):
        return [scalar(item) if is_scalar(item) else NESTED for item in node.value]
    return NESTED


def resolve_profile(config: Mapping[str, Any], name: str | None) -> dict[str, Any]:
    """The settings a routine uses: the defaults, overlaid by the named profile (if any).

    ``at_desk`` in a profile without positions means standing and seated only.
    """
    settings = {key: config.get(key, DEFAULTS[key]) for key in DEFAULTS}
    if name is None:
        return settings
    profiles = config.get("profiles") or {}
    if name not in profiles:
        known = ", ".join(sorted(profiles)) or "none yet"
        raise UsageError(
            f"There is no profile named '{name}' in the config file (profiles: {known}); "
            "'stretchcoach config show' lists them."
        )
    settings.update(profiles[name])
    if settings.get("at_desk") and "positions" not in profiles[name]:
        settings["positions"] = sorted(DESK_POSITIONS)
    elif "positions" in profiles[name] and "at_desk" not in profiles[name]:
        settings["at_desk"] = False  # the profile says where; an inherited at_desk must not clash
    return settings


def apply_defaults(
    ctx_params: dict[str, Any], profile: Mapping[str, Any], explicit: set[str]
) -> dict[str, Any]:
    """Fill a command's parameters from a profile, except those the user gave explicitly.

    Only parameters the command has are touched. A list (positions) becomes the comma list
    ``--positions`` takes, or a tuple when the command's option collects several values.
    """
    out = dict(ctx_params)
    for key, value in profile.items():
        if key not in out or key in explicit or value is None:
            continue
        if isinstance(value, list):
            value = tuple(value) if isinstance(out[key], tuple) else ",".join(value)
        out[key] = value
    return out
