"""Render the generated Markdown into a static site with MkDocs."""

from __future__ import annotations

import logging
import os
import subprocess
import sys
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from ..errors import BuildError
from .children import popen_options

log = logging.getLogger(__name__)


@dataclass
class MkdocsRun:
    """A ``mkdocs build`` under way (``start_mkdocs``); ``wait`` for it."""

    config_file: Path
    process: subprocess.Popen[bytes]
    stderr: IO[bytes]

    def wait(self) -> None:
        """Until it ends; raise BuildError with MkDocs' warnings and errors if it failed."""
        returncode = self.process.wait()
        self.stderr.seek(0)
        stderr = self.stderr.read().decode(errors="replace")
        self.stderr.close()
        if returncode != 0:
            problems = [line for line in stderr.splitlines() if "WARNING" in line or "ERROR" in line]
            detail = "\n".join(problems[-20:]) or stderr.strip()[-2000:]
            raise BuildError(self.config_file, f"mkdocs build failed (exit {returncode}):\n{detail}")

    def stop(self) -> None:
        """End it early (another step of the build failed)."""
        if self.process.poll() is None:
            self.process.terminate()
            self.process.wait()
        self.stderr.close()


def start_mkdocs(
    config_file: Path, site_dir: Path, strict: bool = True, env: Mapping[str, str] | None = None
) -> MkdocsRun:
    """Start ``mkdocs build`` in a child process, so that its logging and plugins stay its own,
    and so that the build can index the search meanwhile.

    ``strict`` turns MkDocs warnings (a broken link between pages, say) into a failed build.
    ``env`` adds environment variables for mkdocs.yml's ``!ENV`` values (see ``stamp.py``).
    """
    cmd = [sys.executable, "-m", "mkdocs", "build", "--clean", "-f", str(config_file), "-d", str(site_dir)]
    if strict:
        cmd.append("--strict")
    log.info("running %s", " ".join(cmd))
    child_env = {**os.environ, **env} if env else None
    # A file, not a pipe: nobody reads while it runs, and a full pipe would stall it.
    stderr = tempfile.TemporaryFile()
    process = subprocess.Popen(
        cmd, cwd=config_file.parent, stdout=subprocess.DEVNULL, stderr=stderr, env=child_env, **popen_options()
    )
    return MkdocsRun(config_file, process, stderr)


def run_mkdocs(config_file: Path, site_dir: Path, strict: bool = True, env: Mapping[str, str] | None = None) -> None:
    """``mkdocs build``, waiting for it (see ``start_mkdocs``)."""
    start_mkdocs(config_file, site_dir, strict, env).wait()
