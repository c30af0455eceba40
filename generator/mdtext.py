"""Markdown building blocks that are safe for untrusted text.

Titles, abstracts, author names, keywords... are written by thousands of
people and carry ``$``, ``*``, ``_``, ``<think>``, ``|`` and more. ``text``
turns any string into Markdown that renders as exactly that string: every
ASCII character that Markdown, its extensions or HTML could read as syntax
becomes a numeric character reference, which Python-Markdown passes through
untouched and the browser shows as the character itself.
"""

from __future__ import annotations

import posixpath
import re
import unicodedata
from urllib.parse import quote, urlsplit

# Every ASCII character with a meaning in Markdown, in the extensions we enable
# (attr_list, tables, footnotes, admonitions, abbreviations, emoji), in HTML or
# in a template language. Letters, digits, space, and , ; ? / @ % stay as they are.
_SPECIAL = "\\`*_{}[]()#+-.!|<>&$~^=:\"'"
_ENTITY = {ord(c): f"&#{ord(c)};" for c in _SPECIAL}

# Bidirectional overrides and isolates can make text display in an order other
# than the one stored (spoofing what stands next to them); zero-width and other
# format characters are invisible. Control characters have no visible form.
_INVISIBLE = re.compile(r"[\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff\u061c]")
_WHITESPACE = re.compile(r"\s+")


def clean(value: str) -> str:
    """Plain text on one line: whitespace runs (arXiv hard breaks) become one space,
    control and bidi-override characters are dropped."""
    value = "".join(ch for ch in value if ch in "\t\n\r" or unicodedata.category(ch) != "Cc")
    value = _INVISIBLE.sub("", value)
    return _WHITESPACE.sub(" ", value).strip()


def text(value: str) -> str:
    """Untrusted text as inline Markdown that renders as exactly that text."""
    return clean(value).translate(_ENTITY)


def safe_url(url: str | None) -> str | None:
    """``url`` made safe to put in a Markdown link, or None if it is not an http(s) URL."""
    if not url:
        return None
    url = clean(url)
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        return None
    # Percent-encode everything that could end the link or start markup:
    # parentheses, angle brackets, quotes, spaces, backslashes, non-ASCII.
    return quote(url, safe="/:?#[]@!$&*+,;=%~-._")


def link(label: str, url: str | None) -> str:
    """A Markdown link whose label is untrusted text; just the text when the URL is unsafe."""
    href = safe_url(url)
    return f"[{text(label)}]({href})" if href else text(label)


def relpath(target: str, source: str) -> str:
    """The relative link from docs page ``source`` to docs page ``target`` (both .md paths)."""
    return posixpath.relpath(target, posixpath.dirname(source) or ".")


def anchor_id(paper_id: str) -> str:
    """The HTML id of a paper on its day page: its arXiv id, kept to safe characters."""
    return re.sub(r"[^A-Za-z0-9._-]", "-", paper_id)
