"""Signals and output failures shared by the commands that save something (start, walk)."""

from __future__ import annotations

import signal
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from typing import Any


@contextmanager
def no_ctrl_c() -> Iterator[None]:
    """Ignore Ctrl-C for the few milliseconds a save takes, so it cannot cut the save short
    (a routine's or a walk's)."""
    try:
        previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    except ValueError:  # not the main thread: leave signals alone
        yield None
        return
    try:
        yield None
    finally:
        if previous is not None:
            signal.signal(signal.SIGINT, previous)


@contextmanager
def signal_handlers(handlers: dict[int, Any]) -> Iterator[None]:
    """Install these signal handlers for the block, then put the previous ones back."""
    previous: dict[int, Any] = {}
    for signum, handler in handlers.items():
        with suppress(ValueError, OSError):  # not the main thread: leave signals alone
            previous[signum] = signal.signal(signum, handler)
    try:
        yield None
    finally:
        for signum, old in previous.items():
            signal.signal(signum, old)


def termination_signals() -> list[int]:
    """SIGTERM and SIGHUP, where the platform has them."""
    found = (getattr(signal, name, None) for name in ("SIGTERM", "SIGHUP"))
    return [signum for signum in found if signum is not None]


def device_full(exc: BaseException | None) -> str | None:
    """Why writing failed when it was a full disk or device (``>/dev/full``), not a closed
    terminal; None for anything else."""
    import errno

    if isinstance(exc, OSError) and exc.errno in (errno.ENOSPC, getattr(errno, "EDQUOT", -1)):
        return f"the output device is full ({exc.strerror or 'no space left on device'})"
    return None
