"""The project's settings, read from ``mkdocs.yml`` (one place for a fork to edit).

The file is read by MkDocs' own YAML loader (``mkdocs.utils.yaml_load``), so
``!ENV`` and ``INHERIT`` mean here what they mean to ``mkdocs build``; the
rest of the file (theme, extensions) is MkDocs' to check when it builds. The
archive's own settings live under ``extra.archive``::

    extra:
      archive:
        content_dir: content          # the data: days, Hub searches, saved listing pages
        topics: content/topics.yml    # the topic definitions
        start_date: 2023-05-04        # the archive's first day: the daily runs fill the history back to it
        requests_per_run: 300         # what a daily run may ask the Hub in all (optional)
        search_bundle_papers: 6000    # the most papers in one bundle of the site search (optional)
        thumbnails: true              # show each paper's thumbnail, loaded from the Hub's image server
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from .errors import ConfigError
from .model import FEED_START  # where a backfill starts unless mkdocs.yml says otherwise


@dataclass(frozen=True)
class Settings:
    config_file: Path
    root: Path  # the folder holding mkdocs.yml: relative paths below are relative to it
    site_name: str
    site_url: str
    docs_dir: Path
    content_dir: Path
    topics_file: Path
    start_date: dt.date
    # The most papers per bundle of the site search (generator/site/search_records.py); None: its default.
    search_bundle_papers: int | None = None
    # Each paper's thumbnail on its cards, an <img> loaded from the Hub's image server (a request
    # to a third party from every visitor's browser); false: no page asks it for anything.
    thumbnails: bool = True
    # The requests a daily fetch may make in all (generator/hub/plan.py); None: its default.
    requests_per_run: int | None = None


def load_settings(config_file: Path) -> Settings:
    """Read ``mkdocs.yml``; every error names the file and what is wrong."""
    from mkdocs.exceptions import ConfigurationError
    from mkdocs.utils.yaml import yaml_load

    try:
        with config_file.open("rb") as f:
            doc = yaml_load(f)
    except FileNotFoundError:
        raise ConfigError(config_file, "not found (run from the repository root or pass --config)") from None
    except ConfigurationError as e:
        raise _yaml_error(config_file, e) from None
    except (ValueError, TypeError, OverflowError) as e:
        # PyYAML builds dates and times while parsing: `start_date: 2023-02-30` fails there.
        raise ConfigError(config_file, f"a value cannot be read: {e}") from None
    except RecursionError:
        raise ConfigError(config_file, "nested too deeply to read") from None
    except OSError as e:
        raise ConfigError(config_file, f"cannot read ({e.strerror})") from None
    if not isinstance(doc, dict):
        raise ConfigError(config_file, "expected a mapping of settings")
    root = config_file.resolve().parent
    extra = doc.get("extra") or {}
    archive = extra.get("archive") if isinstance(extra, dict) else None
    if not isinstance(extra, dict) or not isinstance(archive or {}, dict):
        raise ConfigError(config_file, "extra.archive must be a mapping of settings")
    archive = archive or {}
    return Settings(
        config_file=config_file.resolve(),
        root=root,
        site_name=str(doc.get("site_name") or "HF Daily Papers Archive"),
        site_url=str(doc.get("site_url") or ""),
        docs_dir=root / _path(config_file, doc, "docs_dir", "docs", "docs_dir"),
        content_dir=root / _path(config_file, archive, "content_dir", "content"),
        topics_file=root / _path(config_file, archive, "topics", "content/topics.yml"),
        start_date=_date(config_file, archive.get("start_date", FEED_START)),
        search_bundle_papers=_positive(config_file, archive, "search_bundle_papers"),
        thumbnails=_flag(config_file, archive, "thumbnails", True),
        requests_per_run=_positive(config_file, archive, "requests_per_run"),
    )


def _path(config_file: Path, settings: dict[str, Any], key: str, default: str, name: str = "") -> str:
    value = settings.get(key, default)
    if not isinstance(value, str) or not value.strip():
        raise ConfigError(config_file, f"{name or 'extra.archive.' + key} must be a path (text), not {value!r}")
    return value


def _positive(config_file: Path, settings: dict[str, Any], key: str) -> int | None:
    value = settings.get(key)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise ConfigError(config_file, f"extra.archive.{key} must be a whole number above 0, not {value!r}")
    return value


def _flag(config_file: Path, settings: dict[str, Any], key: str, default: bool) -> bool:
    value = settings.get(key, default)
    if not isinstance(value, bool):
        raise ConfigError(config_file, f"extra.archive.{key} must be true or false, not {value!r}")
    return value


def _date(config_file: Path, value: Any) -> dt.date:
    if isinstance(value, dt.datetime):
        day = value.date()
    elif isinstance(value, dt.date):
        day = value
    else:
        try:
            day = dt.date.fromisoformat(str(value))
        except ValueError:
            raise ConfigError(config_file, f"extra.archive.start_date is not a date (YYYY-MM-DD): {value!r}") from None
    if day < FEED_START:
        raise ConfigError(config_file, f"extra.archive.start_date {day} is before the feed's first day ({FEED_START})")
    return day


def _yaml_error(config_file: Path, error: Exception) -> ConfigError:
    """MkDocs' parse error, said as ``FILE:LINE: not valid YAML: problem``."""
    cause = error.__context__
    mark = getattr(cause, "problem_mark", None) or getattr(cause, "context_mark", None)
    if isinstance(cause, yaml.YAMLError) and mark is not None:
        problem = getattr(cause, "problem", None) or str(cause)
        return ConfigError(f"{config_file}:{mark.line + 1}", f"not valid YAML: {problem}")
    return ConfigError(config_file, " ".join(str(error).split()))
