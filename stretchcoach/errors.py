"""The one exception family the CLI turns into a clean message and an exit code."""

from __future__ import annotations

# Exit codes shared by every command (documented in the README).
EXIT_OK = 0
EXIT_BAD_DATA = 1
EXIT_USAGE = 2
EXIT_SAFETY = 3


class StretchcoachError(Exception):
    """A problem the user can act on: printed as plain lines on stderr, never a traceback."""

    exit_code: int = EXIT_BAD_DATA

    def __init__(self, message: str, *, exit_code: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        if exit_code is not None:
            self.exit_code = exit_code

    def lines(self) -> list[str]:
        """The message as the lines to print."""
        return self.message.splitlines() or [self.message]


class UsageError(StretchcoachError):
    """A missing or contradictory flag found after Click's own parsing."""

    exit_code = EXIT_USAGE


class SafetyStop(StretchcoachError):
    """The screen or the pain level says no routine today (exit 3)."""

    exit_code = EXIT_SAFETY
