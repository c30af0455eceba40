"""The project's settings, read from ``mkdocs.yml`` (one place for a fork to edit).

MkDocs settings that the generator needs too (site name and URL, repository)
and the archive's own settings under ``extra.archive`` come from the same file.
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from .errors import ConfigError


class _Loader(yaml.SafeLoader):
    """Reads mkdocs.yml as MkDocs does: ``!ENV`` resolved, Python tags left as text."""


def _env(loader: yaml.SafeLoader, node: yaml.Node) -> Any:
    names = loader.construct_sequence(node) if isinstance(node, yaml.SequenceNode) else [loader.construct_scalar(node)]
    *variables, default = names if len(names) > 1 else (*names, None)
    for name in variables:
        if os.environ.get(str(name)):
            return os.environ[str(name)]
    return default


def _other(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> Any:
    return None


_Loader.add_constructor("!ENV", _env)
_Loader.add_multi_constructor("!", _other)
_Loader.add_multi_constructor("tag:yaml.org,2002:python/", _other)


@dataclass(frozen=True)
class Settings:
    root: Path  # the folder holding mkdocs.yml
    config_file: Path
    site_name: str
    site_url: str
    repo_url: str
    docs_dir: Path
    content_dir: Path
    topics_file: Path
    start_date: dt.date


def load_settings(config_file: Path) -> Settings:
    """Read ``mkdocs.yml``; errors name the file and what is wrong."""
    try:
        doc = yaml.load(config_file.read_text(encoding="utf-8"), Loader=_Loader)  # noqa: S506 (a SafeLoader)
    except FileNotFoundError:
        raise ConfigError(f"{config_file}: not found (run from the repository root or pass --config)") from None
    except yaml.YAMLError as e:
        raise ConfigError(f"{config_file}: not valid YAML: {e}") from None
    if not isinstance(doc, dict):
        raise ConfigError(f"{config_file}: expected a mapping of settings")
    root = config_file.resolve().parent
    archive = ((doc.get("extra") or {}).get("archive")) or {}
    if not isinstance(archive, dict):
        raise ConfigError(f"{config_file}: extra.archive must be a mapping")
    start = archive.get("start_date", "2023-05-04")
    try:
        start_date = start if isinstance(start, dt.date) else dt.date.fromisoformat(str(start))
    except ValueError:
        raise ConfigError(f"{config_file}: extra.archive.start_date is not a date (YYYY-MM-DD): {start!r}") from None
    return Settings(
        root=root,
        config_file=config_file.resolve(),
        site_name=str(doc.get("site_name") or "HF Daily Papers Archive"),
        site_url=str(doc.get("site_url") or ""),
        repo_url=str(doc.get("repo_url") or ""),
        docs_dir=root / str(doc.get("docs_dir") or "docs"),
        content_dir=root / str(archive.get("content_dir") or "content"),
        topics_file=root / str(archive.get("topics") or "content/topics.yml"),
        start_date=start_date,
    )
