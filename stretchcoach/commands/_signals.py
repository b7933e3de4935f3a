"""Signal handling shared by the commands that save something a signal must not cut short."""

from __future__ import annotations

import signal
from collections.abc import Iterator
from contextlib import contextmanager


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
