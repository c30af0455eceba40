"""The one text policy at the edge: every string from the Hub, a saved answer, a listing page or a
stored content file passes ``admit_text`` before the archive keeps it.

Real answers hold any Unicode: JavaScript that cuts a string mid-emoji leaves a lone surrogate
(which no UTF-8 file can hold), a title can be nothing but zero-width or bidi characters, and
Unicode tag characters carry text no reader sees. ``admit_text`` returns text that every later
stage can store, render, index and feed as it is:

* invalid code points repaired: a lone surrogate becomes U+FFFD (as a UTF-8 decoder shows a
  broken sequence), a surrogate pair written as two code points becomes its character, and
  noncharacters (U+FFFE, U+FDD0..., which XML and YAML refuse) are removed;
* invisible characters removed: every control character (Unicode category Cc) but tab and
  line breaks (the other whitespace controls, such as U+0085, become a space), and every format
  character (Cf: bidi overrides and isolates, zero-width spaces and joiners, the byte order mark,
  tag characters, the soft hyphen...), except a zero-width joiner between two emoji (👩‍💻);
* then NFC, so that the same words are the same characters whatever the source typed.

It may return "" (a title of only ``\\u200b``): every later stage accepts that (a paper without
a usable title shows its id, ``Paper.display_title``). It is idempotent: ``admit_text(admit_text(s))
== admit_text(s)``, so text read back from content/ (which passed it when stored) is unchanged.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any

# Every format character (Cf) up to Unicode 15, as ranges (tests/test_textpolicy.py checks them
# against this Python's unicodedata), with the whole tag block (U+E0000-U+E007F).
_FORMAT = (
    "\u00ad\u0600-\u0605\u061c\u06dd\u070f\u0890\u0891\u08e2\u180e\u200b\u200c\u200e\u200f"
    "\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb\U000110bd\U000110cd"
    "\U00013430-\U0001343f\U0001bca0-\U0001bca3\U0001d173-\U0001d17a\U000e0000-\U000e007f"
)
# Controls (Cc) that are not whitespace: removed. (Tab, line feed and carriage return stay.)
_CONTROL = "\x00-\x08\x0e-\x1b\x7f-\x84\x86-\x9f"
# Noncharacters: U+FDD0-U+FDEF and the last two code points of every plane.
_NONCHARACTER = "\ufdd0-\ufdef" + "".join(
    f"{chr(plane * 0x10000 + 0xFFFE)}{chr(plane * 0x10000 + 0xFFFF)}" for plane in range(17)
)
# A zero-width joiner stays only where it joins two emoji (a family, "woman technologist"):
# after a pictograph, a skin tone or the emoji variation selector, and before a pictograph.
_PICTOGRAPH = "\u00a9\u00ae\u203c\u2049\u2122\u2139\u2194-\u21aa\u231a-\u23ff\u24c2\u25aa-\u27bf\u2934\u2935"
_PICTOGRAPH += "\u2b05-\u2b55\u3030\u303d\u3297\u3299\U0001f000-\U0001faff"
_EMOJI_END = _PICTOGRAPH + "\ufe0f\U0001f3fb-\U0001f3ff"
_LONE_ZWJ = f"\u200d(?![{_PICTOGRAPH}])|(?<![{_EMOJI_END}])\u200d"

_REMOVED = re.compile(f"[{_FORMAT}{_CONTROL}{_NONCHARACTER}]|{_LONE_ZWJ}")
# Whitespace controls other than tab and line breaks (vertical tab, form feed, the information
# separators U+001C-U+001F, next line U+0085): a space, so that the words they part stay apart.
_SPACE_CONTROL = re.compile("[\x0b\x0c\x1c-\x1f\x85]")
_ASCII_UNWANTED = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
# Any character the two patterns above may change: one quick scan finds whether they have work
# (most text with accents or CJK has none; the joiner's look-arounds make _REMOVED slower).
_UNWANTED = re.compile(f"[{_FORMAT}{_CONTROL}{_NONCHARACTER}\u200d\x0b\x0c\x1c-\x1f\x85]")
_SURROGATE = re.compile("[\ud800-\udfff]")


def admit_text(value: str) -> str:
    """``value`` as the archive keeps text (see the module's docstring); may be ""."""
    if value.isascii():  # the common case: no surrogate, no format character, already NFC
        if value.isprintable() or _ASCII_UNWANTED.search(value) is None:
            return value
        return _REMOVED.sub("", _SPACE_CONTROL.sub(" ", value))
    if _SURROGATE.search(value):
        # A pair kept as two code points becomes its character; a lone one, U+FFFD.
        value = value.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "replace")
    if _UNWANTED.search(value):
        value = _REMOVED.sub("", _SPACE_CONTROL.sub(" ", value))
    # Composing never makes a character removed above, nor moves a joiner off its emoji.
    return value if unicodedata.is_normalized("NFC", value) else unicodedata.normalize("NFC", value)


def admit_json(value: Any) -> Any:
    """Every string of a JSON value (keys too) through ``admit_text``: for a stored record's keys
    this version does not know, which it keeps and writes back."""
    if isinstance(value, str):
        return admit_text(value)
    if isinstance(value, list):
        return [admit_json(v) for v in value]
    if isinstance(value, dict):
        return {admit_text(k): admit_json(v) for k, v in value.items()}
    return value
