"""What the tests share besides fixtures: where things are, and the golden-file comparison."""

from __future__ import annotations

from pathlib import Path

from hypothesis import settings

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"
HUB_ANSWERS = FIXTURES / "hub" / "daily_papers"
# The tests' archive: a content/ folder (30 real days, a topics file) that never changes, unlike
# the repository's content/ (the archive's data, which every run and every fork changes).
ARCHIVE = FIXTURES / "archive"
ARCHIVE_TOPICS = ARCHIVE / "topics.yml"
GOLDEN = ROOT / "tests" / "golden"


def assert_golden(name: str, text: str, update: bool) -> None:
    """``text`` must equal ``tests/golden/<name>`` byte for byte: a change in rendering shows up as a
    reviewable diff. After an intended change run ``pytest --update-golden``, then read ``git diff``."""
    path = GOLDEN / name
    if update:
        path.write_text(text, encoding="utf-8")
    assert text == path.read_text(encoding="utf-8"), f"{path} differs (pytest --update-golden rewrites it)"


def examples(n: int) -> int:
    """``n`` examples for a property test in a full run (``make test``, CI); under ``make test-fast``
    (``HYPOTHESIS_PROFILE=fast``: a quarter of hypothesis's 100 by default) the same share of ``n``."""
    return max(5, n * settings().max_examples // 100)
