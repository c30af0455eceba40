"""Markdown text helpers: untrusted text shown as typed, safe links, relative links, the page head."""

from __future__ import annotations

import html
import posixpath
import re
import unicodedata

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from generator.render import mdtext
from generator.render.mdtext import anchor_id, clean, page_head, relpath, safe_url, text, url_relpath

# The generator's text functions were made faster for the benchmark's sizes; these
# pin them to their original definitions, character for character.


def _reference_clean(value: str) -> str:
    value = "".join(ch for ch in value if ch in "\t\n\r" or unicodedata.category(ch) != "Cc")
    value = re.sub(r"[\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff\u061c]", "", value)
    return re.sub(r"\s+", " ", value).strip()


_ALPHABET = st.one_of(
    st.characters(max_codepoint=0x2FF),
    st.sampled_from([chr(c) for c in (*range(0x2000, 0x2070), 0x85, 0xA0, 0x3000, 0xFEFF, 0x61C, 0x1C, 0x1F)]),
    st.characters(),
)


@given(st.text(alphabet=_ALPHABET, max_size=40))
def test_clean_and_text_keep_their_meaning(value):
    assert clean(value) == _reference_clean(value)
    # text() replaces every special character by its numeric reference (a regex now, not str.translate).
    references = {ord(c): f"&#{ord(c)};" for c in mdtext._SPECIAL}
    assert mdtext._SPECIAL_RE.sub(mdtext._reference, clean(value)) == _reference_clean(value).translate(references)
    assert html.unescape(text(value)) == clean(value)


_PATH_PART = st.sampled_from(["archive", "2026", "07", "14.md", "index.md", "topics", "x.md", ".", "..", ""])


@given(st.lists(_PATH_PART, min_size=1, max_size=5), st.lists(_PATH_PART, min_size=1, max_size=5), st.booleans())
def test_relpath_keeps_its_meaning(target_parts, source_parts, absolute):
    target, source = "/".join(target_parts), ("/" if absolute else "") + "/".join(source_parts)
    try:
        expected = posixpath.relpath(target, posixpath.dirname(source) or ".")
    except ValueError:
        return
    assert relpath(target, source) == expected


@pytest.mark.parametrize(
    "url,safe",
    [
        ("https://github.com/a/b", "https://github.com/a/b"),
        ("http://example.org/x(1)", "http://example.org/x%281%29"),
        ("  https://example.org/a b  ", "https://example.org/a%20b"),
        ("javascript:alert(1)", None),
        ("data:text/html,<b>x</b>", None),
        ("//example.org/no-scheme", None),
        ("https://", None),
        ("", None),
        (None, None),
    ],
)
def test_only_http_urls_become_links_and_nothing_in_them_ends_the_link(url, safe):
    assert safe_url(url) == safe


def test_links_between_pages_are_relative_to_the_page_url_in_raw_html():
    # A day page is served at archive/2026/07/14/; a topic page at topics/entropy/.
    assert url_relpath("topics/entropy.md", "archive/2026/07/14.md") == "../../../../topics/entropy/"
    assert url_relpath("index.md", "topics/index.md") == "../"
    assert url_relpath("archive/2026/07/14.md", "archive/2026/07/14.md") == "./"
    # Markdown links stay relative to the .md file, which MkDocs rewrites.
    assert relpath("topics/entropy.md", "archive/2026/07/14.md") == "../../../topics/entropy.md"


def test_anchor_ids_keep_stored_ids_and_escape_anything_else():
    assert anchor_id("2607.10383") == "2607.10383"
    assert anchor_id("listing-0123abcd") == "listing-0123abcd"
    assert anchor_id("a b<c>") == "a_20_b_3c_c_3e_"
    assert re.fullmatch(r"[A-Za-z0-9._-]+", anchor_id("\u0662\u0666\u0660\u0667.10383 <x>/y:z_"))


@given(st.text(min_size=1, max_size=12), st.text(min_size=1, max_size=12))
def test_two_different_ids_never_share_an_anchor(a, b):
    """``a/b`` and ``a:b``, Arabic-Indic and ASCII digits, "_" and its escape: each id its own anchor."""
    assume(a != b)
    assert anchor_id(a) != anchor_id(b)
    assert re.fullmatch(r"[A-Za-z0-9._-]+", anchor_id(a))


def test_every_page_starts_with_its_front_matter_and_heading():
    assert page_head("Trending", "The most upvoted.") == [
        "---", "title: Trending", "description: The most upvoted.", "---", "", "# Trending", "",
    ]  # fmt: skip
    assert page_head("Home", heading="Welcome")[-2:] == ["# Welcome", ""]
    assert "description" not in "".join(page_head("Topics"))


def test_text_survives_markdown_special_characters():
    assert html.unescape(text("**bold** <think> $x^2$ [a](b)")) == "**bold** <think> $x^2$ [a](b)"
    assert text("???").startswith("&#63;")
    assert re.fullmatch(r"[A-Za-z0-9 ]*", text("plain words 42"))
