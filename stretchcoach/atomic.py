"""Writing a file whole or not at all, for every file stretchcoach keeps.

The bytes go to a temporary file beside the target, which is then renamed over it in one
step: a crash, a full disk or a signal leaves either the old file or the new one, never a
half-written one, and the temporary file never stays behind.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path


def write_atomic(
    target: Path,
    payload: bytes,
    *,
    mode: int = 0o600,
    make_folder: bool = False,
    durable: bool = True,
) -> None:
    """Replace ``target`` with ``payload`` (file permissions ``mode``); raise OSError on failure.

    ``durable`` flushes the data to the disk before the rename, so a power cut cannot leave
    an empty file; a cache that is rebuilt anyway may skip that cost.
    """
    import tempfile  # only when something is written: it costs start-up time

    if make_folder:
        target.parent.mkdir(parents=True, exist_ok=True)
    fd, name = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(payload)
            if durable:
                handle.flush()
                os.fsync(handle.fileno())
        os.chmod(name, mode)
        os.replace(name, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(name)
        raise
