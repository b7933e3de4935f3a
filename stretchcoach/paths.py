"""Where stretchcoach keeps the user's files: one function answers it for every module.

``STRETCHCOACH_HOME`` (when set) holds everything; otherwise the platform's own user folders
(via platformdirs: XDG on Linux, ~/Library on macOS, %APPDATA% on Windows).
"""

from __future__ import annotations

import os
from pathlib import Path

HOME_ENV = "STRETCHCOACH_HOME"
APP_NAME = "stretchcoach"


def _home() -> Path | None:
    value = os.environ.get(HOME_ENV)
    return Path(value).expanduser() if value else None


def data_dir() -> Path:
    """Folder for history.db and small state files (not created here)."""
    home = _home()
    if home is not None:
        return home
    import platformdirs

    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def config_dir() -> Path:
    """Folder for config.yaml (not created here)."""
    home = _home()
    if home is not None:
        return home
    import platformdirs

    return Path(platformdirs.user_config_dir(APP_NAME, appauthor=False))


def history_path() -> Path:
    """The SQLite history file."""
    return data_dir() / "history.db"


def health_path() -> Path:
    """The health notes file (conditions the coach must respect, per profile)."""
    return data_dir() / "health.json"


def config_path() -> Path:
    """The user's config file (defaults and profiles)."""
    return config_dir() / "config.yaml"


def state_path(name: str) -> Path:
    """A small state file in the data folder, e.g. the disclaimer acknowledgement."""
    return data_dir() / name
