"""The JSON form every content file shares: stable bytes out, one clear error in.

``decode`` is the one JSON reader of the project, for content files and the
Hub's answers alike, and it reads hostile input safely: nesting deeper than
``MAX_DEPTH``, a number longer than ``MAX_NUMBER_CHARS``, ``NaN``/``Infinity``
and an object with a key given twice are each rejected with one
``ContentError`` naming the file or request, where Python's own ``json.loads``
would raise ``RecursionError``, ``ValueError`` or silently keep the last of two
``"papers"`` keys.
"""

from __future__ import annotations

import collections
import json
import re
from typing import Any

from ..errors import ContentError

# A day file nests 4 deep (day, papers, paper, organization), a Hub answer 5;
# nothing the archive reads needs more. Python's parser would recurse until a
# RecursionError (about 1,000 levels), and code walking the result after it too.
MAX_DEPTH = 32
# Counts (upvotes, stars, comments) fit in 19 digits; a longer number is an attack
# (Python refuses to turn 4,300+ digits into an int, with a ValueError).
MAX_NUMBER_CHARS = 40

# The nesting skeleton of a JSON text: escapes removed first (so that an escaped
# quote does not end a string), then strings, then everything but brackets. Each
# step is one linear pass in C, whatever the input.
_ESCAPE = re.compile(rb"\\.", re.DOTALL)
_STRING = re.compile(rb'"[^"]*"')
_NOT_BRACKETS = bytes(b for b in range(256) if b not in b"[]{}")
_INNERMOST = re.compile(rb"\[\]|\{\}")


class _Rejected(ValueError):
    """Raised inside the parser's hooks; becomes a ContentError naming the input."""


def encode(doc: Any) -> bytes:
    """Sorted keys, two-space indent, UTF-8, final newline: the same data always gives
    the same bytes, and a diff of a content file shows only what changed."""
    return (json.dumps(doc, ensure_ascii=False, indent=2, sort_keys=True) + "\n").encode("utf-8")


def decode(data: bytes | str, where: object, max_objects: int | None = None) -> Any:
    """Parse JSON within the limits above; anything else raises ``ContentError`` naming ``where``.

    ``max_objects``: refuse a text of more objects than that (one answer of the Hub read as
    millions of ``{}`` would take gigabytes once parsed, whatever its size in bytes).
    """
    raw = data.encode("utf-8", "surrogatepass") if isinstance(data, str) else data
    if nesting_depth(raw) > MAX_DEPTH:
        raise ContentError(where, f"not valid JSON for the archive: nested more than {MAX_DEPTH} deep")
    try:
        return json.loads(
            data,
            object_pairs_hook=_object if max_objects is None else _counted(max_objects),
            parse_int=_int,
            parse_float=_float,
            parse_constant=_constant,
        )
    except _Rejected as e:
        raise ContentError(where, f"not valid JSON for the archive: {e}") from None
    except (UnicodeDecodeError, json.JSONDecodeError) as e:
        raise ContentError(where, f"not valid JSON ({e})") from None
    except (RecursionError, ValueError) as e:  # a last line of defence: the limits above should come first
        raise ContentError(where, f"not valid JSON for the archive ({e.__class__.__name__})") from None


def nesting_depth(data: bytes, limit: int = MAX_DEPTH) -> int:
    """How deep the lists and objects of a JSON text nest (``limit + 1`` when deeper than ``limit``).

    Counted on the text before parsing, in linear time: each pass removes the
    innermost ``[]``/``{}`` pairs, one level, so a hostile ``[[[[...`` costs at
    most ``limit + 1`` passes. Brackets left unclosed (a truncated text) count
    as levels too: the parser would recurse into them before finding the end.
    """
    skeleton = _STRING.sub(b"", _ESCAPE.sub(b"", data)).translate(None, _NOT_BRACKETS)
    depth = 0
    while skeleton and depth <= limit:
        shorter = _INNERMOST.sub(b"", skeleton)
        if shorter == skeleton:
            return depth + skeleton.count(b"[") + skeleton.count(b"{")
        skeleton, depth = shorter, depth + 1
    return depth


def _object(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    obj = dict(pairs)
    if len(obj) != len(pairs):
        counts = collections.Counter(k for k, _ in pairs)
        twice = next(k for k, _ in pairs if counts[k] > 1)
        raise _Rejected(f"the key {twice!r} is given twice in one object")
    return obj


def _counted(limit: int) -> Any:
    """``_object``, refusing the text at its ``limit + 1``-th object."""
    seen = 0

    def hook(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        nonlocal seen
        seen += 1
        if seen > limit:
            raise _Rejected(f"more than {limit:,} objects")
        return _object(pairs)

    return hook


def _int(text: str) -> int:
    if len(text) > MAX_NUMBER_CHARS:
        raise _Rejected(f"a number of {len(text)} digits (at most {MAX_NUMBER_CHARS})")
    return int(text)


def _float(text: str) -> float:
    if len(text) > MAX_NUMBER_CHARS:
        raise _Rejected(f"a number of {len(text)} characters (at most {MAX_NUMBER_CHARS})")
    value = float(text)
    if value in (float("inf"), float("-inf")):
        raise _Rejected(f"a number too large for the archive: {text}")
    return value


def _constant(name: str) -> Any:
    raise _Rejected(f"{name} is not a JSON number")
