"""Writing a file whole or not at all, for every file stretchcoach keeps.

The bytes go to a temporary file beside the target, which is then renamed over it in one
step: a crash, a full disk or a signal leaves either the old file or the new one, never a
half-written one, and the temporary file never stays behind. A target that is a symbolic
link (a config file kept with one's dotfiles) is written through: the file it points to is
replaced, in its own folder, and the link stays a link.
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

    target = resolve_link(target)
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


def resolve_link(target: Path) -> Path:
    """The file a symbolic link finally points to (``target`` itself when it is no link).

    Only the last part of the path matters: a rename over a link would replace the link
    with a regular file, so the write goes to the link's target instead.
    """
    if not os.path.islink(target):
        return target
    return Path(os.path.realpath(target))
