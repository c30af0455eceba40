"""The package's layout: data flows one way through its stages, and every module says what it is for.

    hub → content ← render → site        (model, fields, textpolicy, config, errors, wording: below all; cli: above)

A stage imports only the stages before it: content/ never imports hub/, render/ or site/;
hub/ never imports render/ or site/; render/ never imports hub/ or site/; site/ never imports hub/.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from .common import ROOT

PACKAGE = ROOT / "generator"
STAGES = ("hub", "content", "render", "site")
# What each stage may import, besides the shared modules at the top of the package.
ALLOWED = {
    "hub": {"hub", "content"},
    "content": {"content"},
    "render": {"render", "content"},
    "site": {"site", "render", "content"},
}
SHARED = {"model", "fields", "textpolicy", "config", "errors", "wording", "__init__"}


def modules() -> list[Path]:
    return sorted(p for p in PACKAGE.rglob("*.py"))


def imported_stages(path: Path, package: Path = PACKAGE) -> set[str]:
    """The first-level parts of ``generator`` that a module imports (relative or absolute)."""
    here = path.relative_to(package).parts[:-1]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        targets: list[tuple[str, ...]] = []
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = here[: len(here) - (node.level - 1)] if node.level > 1 else here
                module = tuple(node.module.split(".")) if node.module else ()
                parts = (*base, *module)
                targets = [parts] if parts else [(alias.name,) for alias in node.names]
            elif node.module and node.module.split(".")[0] == "generator":
                targets = [tuple(node.module.split(".")[1:]) or (alias.name,) for alias in node.names]
        elif isinstance(node, ast.Import):
            targets = [tuple(a.name.split(".")[1:]) for a in node.names if a.name.split(".")[0] == "generator"]
        for parts in targets:
            if parts:
                found.add(parts[0])
    return found


@pytest.mark.parametrize("path", modules(), ids=lambda p: str(p.relative_to(PACKAGE)))
def test_imports_follow_the_data(path):
    rel = path.relative_to(PACKAGE).parts
    stage = rel[0] if len(rel) > 1 else None
    imported = imported_stages(path) - SHARED - {"__version__"}
    if stage is None:
        name = path.stem
        if name == "cli" or name == "__main__":
            return  # the command line sits above every stage
        assert not imported & set(STAGES), f"{name}.py is shared by every stage: it must not import {imported}"
        return
    assert imported <= ALLOWED[stage], f"generator/{'/'.join(rel)} imports {sorted(imported - ALLOWED[stage])}"


@pytest.mark.parametrize("path", modules(), ids=lambda p: str(p.relative_to(PACKAGE)))
def test_every_module_says_what_it_is_for(path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    if path.name == "__main__.py":
        return
    assert ast.get_docstring(tree), f"{path.relative_to(ROOT)} has no docstring"


def test_the_layout_check_sees_an_import_against_the_flow(tmp_path):
    module = tmp_path / "generator" / "content" / "bad.py"
    module.parent.mkdir(parents=True)
    module.write_text("from ..render import paths\nfrom generator.hub.client import HubClient\nfrom . import days\n")
    assert imported_stages(module, tmp_path / "generator") == {"render", "hub", "content"}


def test_the_hub_s_environment_is_read_once_by_the_command_line():
    """HF_ENDPOINT and HF_TOKEN are read by ``cli.py`` (``HubAccess.from_environ``), which builds the Hub
    client and hands it to the stages: no stage reads the environment or builds a client from it."""
    for path in modules():
        if path.name == "cli.py":
            continue
        source = path.read_text(encoding="utf-8")
        assert "HubClient.from_env(" not in source and "HubAccess.from_environ(" not in source, path
        assert not re.search(r"""os\.environ(\.get)?[\[(]["']HF_""", source), path
