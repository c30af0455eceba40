"""The build's background process: the site search's index runs there, beside MkDocs."""

from __future__ import annotations

import os
import subprocess
import sys
import time

import pytest

from generator.errors import BuildError, ContentError
from generator.site import background


def who_am_i() -> tuple[int, int]:
    return os.getpid(), os.getpriority(os.PRIO_PROCESS, 0)


def test_the_function_runs_in_another_process_at_a_lower_priority():
    pid, niceness = background.start("index", who_am_i).result()
    assert pid != os.getpid()
    assert niceness == min(os.getpriority(os.PRIO_PROCESS, 0) + background.NICENESS, 19)


def test_its_arguments_reach_it_without_being_pickled():
    unpicklable = {"lock": __import__("threading").Lock(), "papers": list(range(5))}
    assert background.start("index", lambda d: sum(d["papers"]), unpicklable).result() == 10


def fails_in_content() -> None:
    raise ContentError("content/days/2026/2026-07-14.json", "paper #3: no id")


def test_an_error_of_the_archive_reaches_the_build_as_itself():
    with pytest.raises(ContentError) as raised:
        background.start("index", fails_in_content).result()
    assert raised.value.where == "content/days/2026/2026-07-14.json"
    assert raised.value.format_message() == "content/days/2026/2026-07-14.json: paper #3: no id"


class Unpicklable(Exception):
    def __reduce__(self):
        raise TypeError("cannot pickle this")


def fails_unpicklably() -> None:
    raise Unpicklable("the bundle went wrong")


def test_an_error_that_cannot_travel_is_told_in_words():
    with pytest.raises(BuildError, match="Unpicklable: the bundle went wrong"):
        background.start("index", fails_unpicklably).result()


def test_a_process_that_dies_without_an_answer_is_an_error_naming_it():
    with pytest.raises(BuildError, match=r"^site search index: its process ended without an answer \(exit code 3\)"):
        background.start("site search index", os._exit, 3).result()


def starts_a_long_child(path: str) -> None:
    child = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    with open(path, "w") as f:
        f.write(str(child.pid))
    child.wait()


def test_stop_ends_the_process_and_what_it_started(tmp_path):
    marker = tmp_path / "pid"
    job = background.start("index", starts_a_long_child, str(marker))
    deadline = time.monotonic() + 30
    while not (marker.is_file() and marker.read_text()):
        assert time.monotonic() < deadline
        time.sleep(0.05)
    grandchild = int(marker.read_text())
    job.stop()
    deadline = time.monotonic() + 10
    while _alive(grandchild):  # killed (a zombie until init reaps it counts as ended)
        assert time.monotonic() < deadline, "the process the background job started still runs"
        time.sleep(0.05)


def _alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as f:
            return f.read().split(") ", 1)[1][0] != "Z"
    except (FileNotFoundError, ProcessLookupError):
        return False
