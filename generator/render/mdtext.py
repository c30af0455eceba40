"""Markdown building blocks that are safe for untrusted text.

Titles, abstracts, author names, keywords... are written by thousands of
people and carry ``$``, ``*``, ``_``, ``<think>``, ``|`` and more. ``text``
turns any string into Markdown that renders as exactly that string: every
ASCII character that Markdown, its extensions or HTML could read as syntax
becomes a numeric character reference, which Python-Markdown passes through
untouched and the browser shows as the character itself.
"""

from __future__ import annotations

import functools
import posixpath
import re
from urllib.parse import quote

from ..fields import web_url
from .paths import page_url

# Every ASCII character with a meaning in Markdown, in the extensions we enable
# (attr_list, tables, footnotes, admonitions, abbreviations, emoji), in HTML or
# in a template language. Letters, digits, space, and , ; ? / @ % stay as they are.
_SPECIAL = "\\`*_{}[]()#+-.!|<>&$~^=:\"'"
# Replaced with a regex: re.sub is several times faster than str.translate with
# multi-character replacements, and text() runs on every abstract of the archive.
_SPECIAL_RE = re.compile("[" + re.escape(_SPECIAL) + "]")
_REFERENCE = {c: f"&#{ord(c)};" for c in _SPECIAL}

# Bidirectional overrides and isolates can make text display in an order other
# than the one stored (spoofing what stands next to them); zero-width and other
# format characters are invisible. Control characters (Unicode category Cc:
# U+0000-U+001F and U+007F-U+009F) have no visible form; tab and line breaks
# are whitespace and kept until whitespace is folded. One regex drops them all:
# a per-character loop here was most of the generation time at 1,000 days.
_DROPPED = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff\u061c]")


def clean(value: str) -> str:
    """Plain text on one line: whitespace runs (arXiv hard breaks) become one space,
    control and bidi-override characters are dropped."""
    # str.split() splits on exactly the characters \s matches (str.isspace), and faster.
    return " ".join(_DROPPED.sub("", value).split())


def text(value: str) -> str:
    """Untrusted text as inline Markdown that renders as exactly that text."""
    out = _SPECIAL_RE.sub(_reference, clean(value))
    # "???" at the start of a line opens a collapsible block (pymdownx.details), and
    # text() often starts a line (abstracts, author lines). Elsewhere "?" stays readable.
    return "&#63;" + out[1:] if out.startswith("?") else out


def _reference(m: re.Match[str]) -> str:
    return _REFERENCE[m.group()]


# A character reference (&#60; &lt;): Markdown decodes it in a link's address, so the address a
# browser gets would not be the one checked here. No real URL holds one.
_CHARACTER_REFERENCE = re.compile(r"&#?[A-Za-z0-9]+;")


# A paper's links appear on every page that lists it (its day, week, month, topics, organization):
# each distinct URL is checked once. Bounded, so a long build holds a few MB at most.
@functools.lru_cache(maxsize=1 << 16)
def safe_url(url: str | None) -> str | None:
    """``url`` made safe to put in a Markdown link, or None if it is not an http(s) URL."""
    url = clean(url or "")
    if not web_url(url) or _CHARACTER_REFERENCE.search(url):
        return None
    # Percent-encode everything that could end the link or start markup:
    # parentheses, angle brackets, quotes, spaces, backslashes, non-ASCII.
    return quote(url, safe="/:?#[]@!$&*+,;=%~-._")


# A Hub user or organization name, as the Hub allows them in its URLs: only such a name becomes a link.
_HUB_HANDLE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,95}$")
HUB = "https://huggingface.co"


def hub_profile_url(handle: str | None) -> str | None:
    """The Hub page of a user or an organization (``https://huggingface.co/<handle>``); None for anything
    that is not a plain Hub name (so untrusted text never becomes a path of another URL)."""
    if not handle or not _HUB_HANDLE.match(handle):
        return None
    return f"{HUB}/{handle}"


def url_relpath(target: str, source: str) -> str:
    """Relative URL from the page of ``source`` to the page of ``target`` (both docs .md paths).

    For links inside raw HTML, which MkDocs does not rewrite from .md paths.
    """
    return relpath(page_url(target) + "x", page_url(source) + "x")[: -len("x")] or "./"


def link(label: str, url: str | None) -> str:
    """A Markdown link whose label is untrusted text; just the text when the URL is unsafe."""
    href = safe_url(url)
    return f"[{text(label)}]({href})" if href else text(label)


def relpath(target: str, source: str) -> str:
    """The relative link from docs page ``source`` to docs page ``target`` (both .md paths)."""
    start = posixpath.dirname(source)
    parts, base = target.split("/"), start.split("/") if start else []
    # posixpath.relpath calls os.getcwd() twice per link, and pages make one link
    # per paper or more; for plain relative docs paths the answer needs no file
    # system: one ".." per folder of ``source`` below the common ones, then the rest.
    if target.startswith("/") or source.startswith("/") or {"", ".", ".."} & {*parts, *base}:
        return posixpath.relpath(target, start or ".")
    common = 0
    for a, b in zip(parts, base, strict=False):
        if a != b:
            break
        common += 1
    return "/".join([".."] * (len(base) - common) + parts[common:]) or "."


# Characters an anchor keeps as they are; "_" is not one of them: it starts the escape of any other.
_UNSAFE_ID = re.compile(r"[^A-Za-z0-9.-]")


def anchor_id(paper_id: str) -> str:
    """The HTML id of a paper on its day page: its id, which is its own anchor in the stored forms
    (``model.PAPER_ID``: an arXiv id, ASCII letters, digits, dots, hyphens).

    Any other character becomes ``_<hex code>_``, so that two different ids never share
    one anchor (``a/b`` and ``a:b`` are ``a_2f_b`` and ``a_3a_b``).
    """
    return _UNSAFE_ID.sub(_escape_id, paper_id)


def _escape_id(m: re.Match[str]) -> str:
    return f"_{ord(m.group()):x}_"


def page_head(title: str, description: str | None = None, heading: str | None = None) -> list[str]:
    """The first lines of every generated page: its front matter, then its ``# heading`` (the title by default).

    ``title`` and ``description`` go into YAML as they are: the caller makes
    untrusted text safe first (a topic's title is JSON-quoted, say).
    """
    lines = ["---", f"title: {title}"]
    if description is not None:
        lines.append(f"description: {description}")
    return lines + ["---", "", f"# {title if heading is None else heading}", ""]
