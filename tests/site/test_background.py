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


def _children(pid: int) -> set[int]:
    """Every process below ``pid`` (children, grandchildren...), from /proc."""
    parents: dict[int, int] = {}
    for stat in os.listdir("/proc"):
        if stat.isdigit():
            try:
                with open(f"/proc/{stat}/stat") as f:
                    parents[int(stat)] = int(f.read().split(") ", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
    found, todo = set(), [pid]
    while todo:
        parent = todo.pop()
        for child, of in parents.items():
            if of == parent and child not in found:
                found.add(child)
                todo.append(child)
    return found


def _cmdline(pid: int) -> str:
    try:
        with open(f"/proc/{pid}/cmdline", "rb") as f:
            return f.read().replace(b"\0", b" ").decode(errors="replace")
    except OSError:
        return ""


@pytest.mark.site
@pytest.mark.skipif(sys.platform != "linux", reason="the kernel's parent-death signal is Linux's")
def test_a_build_killed_outright_leaves_no_child_writing_the_site(tmp_path):
    """Issue 20, case 8: after `kill -9` of `build`, its MkDocs kept writing site/ for about 10 s."""
    import signal

    from ..common import ROOT
    from ..sitebuild import copy_sources

    project = copy_sources(tmp_path / "project")
    cmd = [sys.executable, "-m", "generator", "--config", str(project / "mkdocs.yml"), "build", "--site-dir"]
    build = subprocess.Popen(
        [*cmd, str(tmp_path / "site")], cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    deadline = time.monotonic() + 120
    while not any("mkdocs" in _cmdline(p) for p in _children(build.pid)):
        assert build.poll() is None and time.monotonic() < deadline, "the build ended before MkDocs was seen"
        time.sleep(0.02)
    children = _children(build.pid)
    build.send_signal(signal.SIGKILL)
    build.wait()
    deadline = time.monotonic() + 3
    while alive := [p for p in children if _alive(p)]:
        assert time.monotonic() < deadline, [_cmdline(p) for p in alive]
        time.sleep(0.05)
    # Nothing of the build writes any more: the site dir is as the kill left it.
    before = sorted(str(p) for p in (tmp_path / "site").rglob("*"))
    time.sleep(1)
    assert sorted(str(p) for p in (tmp_path / "site").rglob("*")) == before
