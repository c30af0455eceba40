"""Counting in words, for every message and page: one rule, written once."""

from __future__ import annotations


def plural(count: int, word: str, grouped: bool = False) -> str:
    """``1 paper``, ``3 papers``; ``grouped`` writes thousands as ``1,234 papers``."""
    number = f"{count:,}" if grouped else str(count)
    return f"{number} {word if count == 1 else word + 's'}"
