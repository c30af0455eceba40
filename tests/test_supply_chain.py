"""Supply chain: every package a fresh install puts in .venv is pinned with == in requirements.lock.

`make site` / `make test` (and so .ci/run and the workflows) install with
``pip install -c requirements.lock``: a constraints file pins only the packages it names, so
the lock must name every package of the dependency tree, or a fresh install would take
whatever version is newest that day. The tree is read from the installed packages' own
metadata, starting at pyproject.toml's dependencies and its ``test`` extra.
"""

from __future__ import annotations

import re
import tomllib
from importlib import metadata

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from .common import ROOT

PIN = re.compile(r"^(?P<name>[A-Za-z0-9][A-Za-z0-9._-]*)==(?P<version>[0-9][A-Za-z0-9.+!-]*)$")


def lock() -> dict[str, str]:
    pins: dict[str, str] = {}
    for n, line in enumerate((ROOT / "requirements.lock").read_text().splitlines(), 1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        m = PIN.match(line)
        assert m, f"requirements.lock:{n}: {line!r} is not name==version"
        name = canonicalize_name(m["name"])
        assert name not in pins, f"requirements.lock:{n}: {m['name']} is pinned twice"
        pins[name] = m["version"]
    return pins


def project_requirements() -> list[Requirement]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    return [Requirement(r) for r in project["dependencies"] + project["optional-dependencies"]["test"]]


def dependency_tree() -> dict[str, str]:
    """name → installed version of every package the project's requirements pull in."""
    found: dict[str, str] = {}
    todo = [(req, {""}) for req in project_requirements()]
    expanded: set[tuple[str, frozenset]] = set()
    while todo:
        req, parent_extras = todo.pop()
        if req.marker is not None and not any(req.marker.evaluate({"extra": e}) for e in parent_extras):
            continue
        name = canonicalize_name(req.name)
        key = (name, frozenset(req.extras))
        if key in expanded:
            continue
        expanded.add(key)
        try:
            dist = metadata.distribution(name)
        except metadata.PackageNotFoundError:
            raise AssertionError(f"{req} is required but not installed in this environment") from None
        found[name] = dist.version
        extras = {""} | set(req.extras)
        todo.extend((Requirement(r), extras) for r in dist.requires or ())
    return found


def test_every_line_of_the_lock_is_an_exact_pin():
    assert len(lock()) > 20


def test_every_package_of_a_fresh_install_is_pinned_at_the_installed_version():
    pins = lock()
    tree = dependency_tree()
    unpinned = sorted(set(tree) - set(pins))
    assert not unpinned, f"not in requirements.lock: {unpinned}"
    different = {name: (tree[name], pins[name]) for name in tree if tree[name] != pins[name]}
    assert not different, f"installed version differs from the lock (installed, locked): {different}"


def test_the_project_requirements_accept_the_locked_versions():
    pins = lock()
    for req in project_requirements():
        version = pins[canonicalize_name(req.name)]
        assert req.specifier.contains(version, prereleases=True), f"{req} does not accept the locked {version}"


def test_every_install_uses_the_lock():
    """The Makefile (run by .ci/run) and the workflows install with the lock as constraints."""
    files = [ROOT / "Makefile", *sorted((ROOT / ".github" / "workflows").glob("*.y*ml"))]
    installs = 0
    for path in files:
        for n, line in enumerate(path.read_text().splitlines(), 1):
            if re.search(r"\bpip install\b", line) and not line.lstrip().startswith("#"):
                installs += 1
                locked = re.search(r"(-c|-r|--constraint|--requirement)\s+requirements\.lock", line)
                assert locked or "--upgrade pip" in line, (
                    f"{path.relative_to(ROOT)}:{n}: installs without requirements.lock: {line.strip()}"
                )
    assert installs >= 2
    assert "make test" in (ROOT / ".ci" / "run").read_text()
