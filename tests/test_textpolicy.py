"""The one text policy at the edge (``generator/textpolicy.py``): what it repairs, removes and keeps."""

from __future__ import annotations

import sys
import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.textpolicy import _FORMAT, _REMOVED, admit_json, admit_text

from .common import examples

# Every category the policy cares about, drawn often: surrogates (lone, and pairs kept as two code
# points), controls, bidi overrides and isolates, zero-width characters, tags, noncharacters,
# the byte order mark, emoji with joiners and skin tones, combining marks, line separators.
SPECIAL = [
    "\ud800", "\udbff", "\udc00", "\udfff", "\ud83d\ude00", "\x00", "\x07", "\x1b", "\x7f", "\x85", "\x9b",
    "\t", "\n", "\r", "\x0b", "\x0c", "\u200b", "\u200c", "\u200d", "\u200e", "\u202e", "\u2066", "\u2069",
    "\u061c", "\u2060", "\ufeff", "\u00ad", "\U000e0001", "\U000e0041", "\U000e007f", "\ufffe", "\uffff",
    "\ufdd0", "\U0010ffff", "\U0001fffe", "\u2028", "\u2029", "\ufff9", "👩", "💻", "\U0001f3fd", "\ufe0f",
    "🏴", "e", "\u0301", "\u0065\u0301", "Å", "ﬁ", "\u1100\u1161", "<", "&", "a", " ",
]  # fmt: skip
HOSTILE_TEXT = st.one_of(
    st.lists(st.sampled_from(SPECIAL), max_size=20).map("".join),
    st.text(alphabet=st.characters(exclude_categories=()), max_size=40),  # surrogates included
    st.text(max_size=40),
)


def _kept_joiner(text: str, i: int) -> bool:
    """A zero-width joiner at ``i`` between two symbols (the one format character the policy keeps,
    between emoji): never at an end, nor next to a letter, a digit or a space."""
    if not 0 < i < len(text) - 1:
        return False
    return not any(c.isalnum() or c.isspace() for c in (text[i - 1], text[i + 1]))


@settings(max_examples=examples(500), deadline=None)
@given(s=HOSTILE_TEXT)
def test_admitted_text_is_storable_visible_normalised_and_stable(s):
    out = admit_text(s)
    out.encode("utf-8")  # no lone surrogate: a day file can hold it (issue 20, case 1)
    assert admit_text(out) == out  # idempotent: text read back from content/ is unchanged
    assert unicodedata.is_normalized("NFC", out)
    for i, c in enumerate(out):
        category = unicodedata.category(c)
        assert category != "Cs"
        assert category != "Cc" or c in "\t\n\r", repr(c)
        assert category != "Cf" or (c == "\u200d" and _kept_joiner(out, i)), repr(c)
        assert not (0xFDD0 <= ord(c) <= 0xFDEF or ord(c) & 0xFFFE == 0xFFFE), repr(c)  # no noncharacter


@pytest.mark.parametrize(
    "raw,admitted",
    [
        ("JavaScript cut mid-emoji \ud83d", "JavaScript cut mid-emoji \ufffd"),
        ("a pair kept as two code points: \ud83d\ude00", "a pair kept as two code points: 😀"),
        ("\u200b\u202e\u2066\ufeff\ufffe\x00", ""),  # a title with nothing visible left: "" (shown by its id)
        ("hidden\U000e0068\U000e0069 text", "hidden text"),  # tag characters: text no reader sees
        ("soft\u00adhyphen and zero\u200bwidth", "softhyphen and zerowidth"),
        ("next\x85line and vertical\x0btab", "next line and vertical tab"),
        ("👩\u200d💻 and 👍\U0001f3fd\u200d", "👩\u200d💻 and 👍\U0001f3fd"),  # a joiner stays between emoji only
        ("e\u0301 and A\u030a", "é and Å"),  # NFC
        ("Line\nbreaks\tand\r\nspaces  stay", "Line\nbreaks\tand\r\nspaces  stay"),  # folded by the pages
        ("Ordinary title: Diffusion Models", "Ordinary title: Diffusion Models"),
    ],
)
def test_what_the_policy_repairs_removes_and_keeps(raw, admitted):
    assert admit_text(raw) == admitted


def test_every_format_character_of_this_python_is_removed():
    """The removed format characters are written out as ranges (computing them at import costs 0.1 s):
    they must cover every Cf code point of the Unicode version this Python knows."""
    removed = _REMOVED.pattern
    for code in range(sys.maxunicode + 1):
        c = chr(code)
        if unicodedata.category(c) == "Cf" and c != "\u200d":
            assert admit_text(f"a{c}b") == "ab", f"U+{code:04X} ({unicodedata.name(c, '?')})"
    assert _FORMAT in removed


def test_stored_unknown_keys_are_admitted_too():
    assert admit_json({"note\u200b": ["x\ud800", {"y": "\U000e0041z"}], "n": 1, "f": None}) == {
        "note": ["x\ufffd", {"y": "z"}],
        "n": 1,
        "f": None,
    }
