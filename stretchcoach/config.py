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

from stretchcoach.catalogue import (
    CAUSES,
    DESK_POSITIONS,
    POSITIONS,
    Problem,
    ProblemsError,
    compose_yaml,
    decode_text,
)
from stretchcoach.errors import UsageError

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
    "catalogues": [],  # extra catalogue files, beside the built-in one
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
_NAME_RE = re.compile(r"^[a-z0-9]+(?:[-_][a-z0-9]+)*$")


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
        import yaml

        out = default_config()
        if root is None or (isinstance(root, yaml.ScalarNode) and root.value == ""):
            return out
        if not isinstance(root, yaml.MappingNode):
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
        import yaml

        seen: dict[str, int] = {}
        out = []
        for key_node, value in node.value:
            key = key_node.value if isinstance(key_node, yaml.ScalarNode) else None
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
        import yaml

        if _is_null(node):
            return {}
        if not isinstance(node, yaml.MappingNode):
            self.problem(node, "profiles", "must be a mapping of profile names to settings")
            return {}
        out: dict[str, dict[str, Any]] = {}
        seen: dict[str, int] = {}
        for name_node, body in node.value:
            name = name_node.value if isinstance(name_node, yaml.ScalarNode) else ""
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
            if not isinstance(body, yaml.MappingNode):
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
        """One validated value, or _BAD after recording the problem."""
        import yaml

        value = _scalar(node) if isinstance(node, yaml.ScalarNode) else _BAD
        if key == "minutes":
            if (
                isinstance(value, int)
                and not isinstance(value, bool)
                and MIN_MINUTES <= value <= MAX_MINUTES
            ):
                return value
            self.problem(
                node,
                field,
                f"must be a whole number of minutes from {MIN_MINUTES} to {MAX_MINUTES}",
            )
        elif key == "screen_every_days":
            if isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= 365:
                return value
            self.problem(node, field, "must be a whole number of days, 0 (every time) to 365")
        elif key == "voice":
            if isinstance(value, bool) or value in VOICE_MODES:
                return value
            self.problem(node, field, "must be true, false or one of: short, full, off")
        elif key in ("at_desk", "bell", "plain"):
            if isinstance(value, bool):
                return value
            self.problem(node, field, "must be true or false")
        elif key == "cause":
            if value is None or value in CAUSES:
                return value
            self.problem(node, field, f"is not a known cause ({_one_of(CAUSES)})")
        elif key == "voice_command":
            if value is None or (isinstance(value, str) and value.strip()):
                return value
            self.problem(node, field, "must be a command, e.g. 'espeak' or 'say'")
        elif key == "motion":
            if value in MOTION_MODES:
                return value
            self.problem(node, field, f"must be {' or '.join(MOTION_MODES)}")
        elif key == "positions":
            return self.positions(node, field)
        elif key == "catalogues":
            return self.catalogues(node, field)
        return _BAD

    def catalogues(self, node: Any, field: str) -> Any:
        """Extra catalogue files: a list of paths, relative to the config file's folder."""
        import yaml

        if _is_null(node):
            return []
        if not isinstance(node, yaml.SequenceNode):
            self.problem(node, field, "must be a list of catalogue files, e.g. [my-exercises.yaml]")
            return _BAD
        out: list[str] = []
        ok = True
        for item in node.value:
            value = _scalar(item) if isinstance(item, yaml.ScalarNode) else None
            if not isinstance(value, str) or not value.strip():
                self.problem(item, field, "each entry must be the path of a catalogue file")
                ok = False
                continue
            path = str(self.folder / Path(value).expanduser())
            if path not in out:
                out.append(path)
        return out if ok else _BAD

    def positions(self, node: Any, field: str) -> Any:
        import yaml

        if _is_null(node):
            return None
        items = node.value if isinstance(node, yaml.SequenceNode) else None
        if items is None or not items:
            self.problem(node, field, "must be a list of positions, e.g. [standing, seated]")
            return _BAD
        out: list[str] = []
        ok = True
        for item in items:
            value = item.value if isinstance(item, yaml.ScalarNode) else None
            if value not in POSITIONS:
                self.problem(item, field, f"'{value}' is not a position ({_one_of(POSITIONS)})")
                ok = False
            elif value not in out:
                out.append(value)
        return out if ok else _BAD


class _Bad:
    pass


_BAD: Any = _Bad()


def _is_null(node: Any) -> bool:
    import yaml

    return isinstance(node, yaml.ScalarNode) and node.tag == "tag:yaml.org,2002:null"


def _scalar(node: Any) -> Any:
    from yaml.constructor import ConstructorError, SafeConstructor

    if node.tag == "tag:yaml.org,2002:str":
        return node.value
    try:
        return SafeConstructor().construct_object(node)
    except (ConstructorError, ValueError, OverflowError):
        return _BAD


def _one_of(choices: tuple[str, ...] | list[str]) -> str:
    return "one of: " + ", ".join(choices)


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


def explicit_params(ctx: Any) -> set[str]:
    """Names of the parameters given on the command line or by environment (not defaults)."""
    from click.core import ParameterSource

    given = {ParameterSource.COMMANDLINE, ParameterSource.ENVIRONMENT, ParameterSource.PROMPT}
    return {name for name in ctx.params if ctx.get_parameter_source(name) in given}
