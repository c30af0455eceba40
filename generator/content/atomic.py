"""Atomic file writes: a reader, or a run killed at any moment, sees the old file or the new one."""

from __future__ import annotations

import os
import re
import tempfile
from pathlib import Path

# A file written for the first time: readable by all, like one written by open().
NEW_FILE_MODE = 0o644

# The temporary file of a write of NAME: ``.NAME.`` + mkstemp's 8 random characters
# (``tempfile``'s alphabet: lowercase letters, digits, underscore) + ``.tmp``.
_TEMPORARY = re.compile(r"\..+\.[a-z0-9_]{8}\.tmp")


def temporary_name(path: Path) -> tuple[str, str]:
    """(prefix, suffix) of the temporary file a write of ``path`` goes through: ``.NAME.<random>.tmp``."""
    return f".{path.name}.", ".tmp"


def is_temporary(path: Path) -> bool:
    """Whether ``path`` is named like the temporary file of an interrupted write (``temporary_name``)."""
    return bool(_TEMPORARY.fullmatch(path.name))


def remove_temporaries(folder: Path) -> int:
    """Remove the temporary files of interrupted writes in ``folder`` and its subfolders; return how many.

    Only files named as ``write_atomic`` names them: nothing else is touched.
    Call it only while no other write can be in progress there (under the content lock).
    """
    removed = 0
    if folder.is_dir():
        for path in folder.rglob(".*.tmp"):
            if path.is_file() and not path.is_symlink() and is_temporary(path):
                path.unlink(missing_ok=True)
                removed += 1
    return removed


def write_atomic(path: Path, data: bytes, durable: bool = True) -> bool:
    """Write ``data`` to ``path`` atomically; return False (and touch nothing) when unchanged.

    Skipping identical writes keeps mtimes stable, so MkDocs and git only see
    real changes. ``durable=False`` skips the fsyncs (readers still see the old
    file or the new one, never half of one): for derived files that the next
    run rewrites anyway, where an fsync per file costs more than the write.
    """
    try:
        if path.read_bytes() == data:
            return False
        mode = path.stat().st_mode & 0o777
    except FileNotFoundError:
        mode = NEW_FILE_MODE
    path.parent.mkdir(parents=True, exist_ok=True)
    prefix, suffix = temporary_name(path)
    fd, tmp = tempfile.mkstemp(prefix=prefix, suffix=suffix, dir=path.parent)
    try:
        # mkstemp makes the temporary 0600; once renamed it would be a content file or
        # page that nobody else (a web server, a colleague's checkout) could read.
        os.fchmod(fd, mode)
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            if durable:
                f.flush()
                os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        # Also on KeyboardInterrupt: never leave a half-written temporary behind.
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise
    if durable:
        _fsync_dir(path.parent)
    return True


def remove_atomic(path: Path) -> bool:
    """Remove ``path`` if it exists; return whether it did."""
    try:
        path.unlink()
    except FileNotFoundError:
        return False
    _fsync_dir(path.parent)
    return True


def _fsync_dir(directory: Path) -> None:
    # Makes the rename itself durable across a power cut, where the OS allows it.
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
