"""The JSON form every content file shares: stable bytes out, one clear error in."""

from __future__ import annotations

import json
from typing import Any

from ..errors import ContentError


def encode(doc: Any) -> bytes:
    """Sorted keys, two-space indent, UTF-8, final newline: the same data always gives
    the same bytes, and a diff of a content file shows only what changed."""
    return (json.dumps(doc, ensure_ascii=False, indent=2, sort_keys=True) + "\n").encode("utf-8")


def decode(data: bytes, where: object) -> Any:
    """Parse JSON; a file that is not JSON raises ``ContentError`` naming ``where``."""
    try:
        return json.loads(data)
    except (UnicodeDecodeError, json.JSONDecodeError) as e:
        raise ContentError(where, f"not valid JSON ({e})") from None
