"""Atomic writes: a reader, or a run killed at any moment, sees the old file or the new one."""

from __future__ import annotations

import os

from generator.content.atomic import is_temporary, write_atomic


def test_pages_are_written_atomically_without_an_fsync_each(tmp_path, monkeypatch):
    """generate writes docs/ with durable=False (an fsync per page was most of a full run); content stays durable."""
    synced = []
    monkeypatch.setattr(os, "fsync", lambda fd: synced.append(fd))
    page = tmp_path / "docs" / "a" / "b.md"
    assert write_atomic(page, b"one", durable=False) is True
    assert page.read_bytes() == b"one" and synced == []
    assert write_atomic(page, b"one", durable=False) is False
    assert write_atomic(page, b"two", durable=False) is True and page.read_bytes() == b"two"
    assert [p.name for p in page.parent.iterdir()] == ["b.md"]  # no temporary left behind
    assert write_atomic(tmp_path / "content.json", b"{}") is True
    assert len(synced) == 2  # the default still syncs the file and its folder


def test_a_new_file_is_readable_by_all_and_a_rewrite_keeps_its_mode(tmp_path):
    path = tmp_path / "day.json"
    write_atomic(path, b"1")
    assert path.stat().st_mode & 0o777 == 0o644
    os.chmod(path, 0o600)
    write_atomic(path, b"2")
    assert path.stat().st_mode & 0o777 == 0o600


def test_a_failed_write_leaves_the_old_file_and_no_temporary(tmp_path, monkeypatch):
    path = tmp_path / "day.json"
    write_atomic(path, b"old")

    def fail(*args):
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", fail)
    try:
        write_atomic(path, b"new")
    except OSError:
        pass
    assert path.read_bytes() == b"old"
    assert not [p for p in tmp_path.iterdir() if is_temporary(p)]
