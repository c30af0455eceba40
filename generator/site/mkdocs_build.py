"""Render the generated Markdown into a static site with MkDocs."""

from __future__ import annotations

import logging
import os
import subprocess
import sys
from collections.abc import Mapping
from pathlib import Path

from ..errors import BuildError

log = logging.getLogger(__name__)


def run_mkdocs(config_file: Path, site_dir: Path, strict: bool = True, env: Mapping[str, str] | None = None) -> None:
    """``mkdocs build`` in a child process, so that its logging and plugins stay its own.

    ``strict`` turns MkDocs warnings (a broken link between pages, say) into a failed build.
    ``env`` adds environment variables for mkdocs.yml's ``!ENV`` values (see ``stamp.py``).
    """
    cmd = [sys.executable, "-m", "mkdocs", "build", "--clean", "-f", str(config_file), "-d", str(site_dir)]
    if strict:
        cmd.append("--strict")
    log.info("running %s", " ".join(cmd))
    child_env = {**os.environ, **env} if env else None
    result = subprocess.run(cmd, cwd=config_file.parent, capture_output=True, text=True, env=child_env)
    if result.returncode != 0:
        problems = [line for line in result.stderr.splitlines() if "WARNING" in line or "ERROR" in line]
        detail = "\n".join(problems[-20:]) or result.stderr.strip()[-2000:]
        raise BuildError(config_file, f"mkdocs build failed (exit {result.returncode}):\n{detail}")
