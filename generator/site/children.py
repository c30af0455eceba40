"""The build's child processes (MkDocs, the search index's process and its Pagefind runs) end with it.

Each runs in a process group of its own, so that a signal meant for the build's terminal group
(Ctrl+C) reaches the build, which stops them itself (``build.py``); and each asks the kernel to
kill it when its parent dies (Linux's ``PR_SET_PDEATHSIG``), so that a build killed outright
(``kill -9``, an OOM kill, a CI job cancelled) leaves no MkDocs writing into the site dir after
it, nor a Pagefind run holding a gigabyte. Elsewhere than Linux only the process group is kept.
"""

from __future__ import annotations

import ctypes
import functools
import os
import signal
import sys
from typing import Any

_PR_SET_PDEATHSIG = 1  # <linux/prctl.h>


@functools.cache
def _libc() -> Any:
    return ctypes.CDLL(None, use_errno=True)


def die_with_parent(parent: int) -> None:
    """From now on, this process is killed when ``parent`` (the process that started it) dies."""
    if sys.platform != "linux":
        return
    _libc().prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    if os.getppid() != parent:  # it died before the request was made: follow it now
        os.kill(os.getpid(), signal.SIGKILL)


def popen_options() -> dict[str, Any]:
    """What ``subprocess.Popen`` needs for a child that ends with this process (see the module)."""
    if sys.platform != "linux":
        return {"start_new_session": True} if os.name == "posix" else {}
    _libc()  # loaded here: the child only calls into it between fork and exec
    return {"process_group": 0, "preexec_fn": functools.partial(die_with_parent, os.getpid())}
