"""Run one function in a child process of lower priority, and take back what it returns.

``build`` makes the site search's index while it generates the pages and runs MkDocs.
In a thread, the index's own Python work (a record per paper, 22,000 at 1,000 days)
took turns with ``generate`` for the interpreter lock and delayed MkDocs by as long.
A forked child shares what the parent has read from content/ without copying it
(copy on write) and runs on the other core; its lower priority (nice) lets MkDocs,
which alone decides how long the build takes, keep its core, while the Pagefind
processes the child starts (they inherit the priority) take every core MkDocs leaves.

Where processes cannot be forked (Windows), the function runs in a thread instead.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import signal
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from multiprocessing.connection import Connection
from typing import Any, Generic, TypeVar, cast

from ..errors import BuildError
from .children import die_with_parent

log = logging.getLogger(__name__)

T = TypeVar("T")

# How much lower than the build the child runs: enough that the scheduler gives MkDocs
# its core whenever both want it (nice 10 weighs about a tenth of nice 0).
NICENESS = 10


class Background(Generic[T]):
    """``fn(*args)`` running in the background (``start``); ``result()`` waits for it."""

    def __init__(self, name: str, fn: Callable[..., T], args: tuple[Any, ...]) -> None:
        self.name = name
        self._future: Future[T] | None = None
        self._process: multiprocessing.process.BaseProcess | None = None
        if "fork" not in multiprocessing.get_all_start_methods():
            self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix=name)
            self._future = self._pool.submit(fn, *args)
            return
        context = multiprocessing.get_context("fork")
        self._receive, send = context.Pipe(duplex=False)
        # Forked, not spawned: the arguments are not pickled, the child has them already.
        self._process = context.Process(target=_child, args=(send, os.getpid(), fn, args), name=name, daemon=True)
        self._process.start()
        send.close()

    def result(self) -> T:
        """What the function returned; what it raised is raised here."""
        if self._future is not None:
            try:
                return self._future.result()
            finally:
                self._pool.shutdown()
        assert self._process is not None
        try:
            ok, value = self._receive.recv()
        except EOFError:
            self._process.join()
            problem = f"its process ended without an answer (exit code {self._process.exitcode})"
            raise BuildError(self.name, problem) from None
        finally:
            self._receive.close()
        self._process.join()
        if ok:
            return cast(T, value)
        raise value

    def stop(self) -> None:
        """End it early (the build failed elsewhere): the child and the processes it started."""
        if self._process is not None and self._process.pid is not None and self._process.is_alive():
            try:
                os.killpg(self._process.pid, signal.SIGTERM)  # its group: the child and its Pagefind
            except OSError:  # not its own group yet
                self._process.terminate()
            self._process.join()
        if self._future is not None:
            self._future.cancel()
            self._pool.shutdown(wait=True)


def start(name: str, fn: Callable[..., T], *args: Any) -> Background[T]:
    """Start ``fn(*args)`` in the background, at a lower priority (``NICENESS``)."""
    return Background(name, fn, args)


def _child(send: Connection, parent: int, fn: Callable[..., Any], args: tuple[Any, ...]) -> None:
    os.setpgid(0, 0)  # a process group of its own, so that ``stop`` ends the processes it starts too
    die_with_parent(parent)  # and ended with the build, even one killed outright (``children``)
    try:
        os.nice(NICENESS)
    except OSError:  # not allowed here: it runs at the usual priority
        pass
    try:
        outcome: tuple[bool, Any] = (True, fn(*args))
    except BaseException as exc:  # every failure goes back to the parent, which raises it
        outcome = (False, exc)
    try:
        send.send(outcome)
    except Exception as exc:  # what it raised could not be pickled: say it in words
        send.send((False, BuildError(None, f"{type(outcome[1]).__name__}: {outcome[1]} ({exc})")))
    finally:
        send.close()
