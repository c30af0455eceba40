"""One writer at a time in ``content/``: the lock every writing command holds, and the repair it does first.

``fetch``, ``ingest``, ``import-listing`` and ``commit`` each run inside
``writing(content_dir)``: a second one (a manual run beside the scheduled
one) waits up to ``LOCK_WAIT`` seconds for the first to finish, then stops
with one line, instead of both reading the same day file and each writing it
back without the other's paper.

The lock is ``.content.lock`` beside ``content/`` (an OS file lock, released
when its process ends, even by SIGKILL), so it is never part of the content
nor of what ``commit`` commits. Holding it, a writer first cleans what a killed
writer may have left: the temporary files of interrupted writes (only the
project's own ``.NAME.<random>.tmp``) and a paper left on two days by an
interrupted move (``DayStore.repair``).
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import filelock

from ..errors import ContentError
from .atomic import remove_temporaries
from .days import DayStore

log = logging.getLogger(__name__)

# Long enough for a daily fetch (seconds to a minute) to finish before a second
# run gives up; short enough that a forgotten backfill does not hold CI for long.
LOCK_WAIT = 120.0


# Beside the content folder, whatever its name (extra.archive.content_dir), so that one
# .gitignore line covers it.
LOCK_NAME = ".content.lock"


def lock_path(content_dir: Path) -> Path:
    return content_dir.parent / LOCK_NAME


@contextmanager
def writing(content_dir: Path, wait: float | None = None) -> Iterator[None]:
    """Hold the content lock (waiting at most ``wait`` seconds, default ``LOCK_WAIT``), repair, then run the body."""
    wait = LOCK_WAIT if wait is None else wait
    if content_dir.exists() and not content_dir.is_dir():
        raise ContentError(content_dir, "is a file, not a folder (extra.archive.content_dir in mkdocs.yml)")
    if not content_dir.parent.is_dir():
        raise ContentError(content_dir, f"its folder {content_dir.parent} does not exist")
    lock = filelock.FileLock(lock_path(content_dir), timeout=wait)
    try:
        lock.acquire()
    except filelock.Timeout:
        raise ContentError(
            content_dir,
            f"another command is writing it (waited {wait:.0f} s for {lock_path(content_dir).name}); "
            "run again when it has finished",
        ) from None
    try:
        removed = remove_temporaries(content_dir)
        if removed:
            log.warning("removed %d temporary files left by an interrupted write in %s", removed, content_dir)
        DayStore(content_dir).repair()
        yield
    finally:
        lock.release()
