"""Files kept per topic below ``content/``: one ``<topic-id>.json`` in a folder of its own.

The Hub searches (``content/search/``) and the saved listing pages
(``content/listings/``) are both stored this way; this is what they share:
where a topic's file is, which topics have one, and reading one that may not
exist yet.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Generic, TypeVar

from ..errors import ContentError
from . import jsonfile
from .topics import TOPIC_ID

Loaded = TypeVar("Loaded")


def decode_topic_file(data: bytes, where: str, topic_id: str, key: str, kind: type, shape: str) -> Any:
    """The ``key`` of a per-topic file ``{"topic": <topic_id>, key: <kind>}``; a ContentError names what is off.

    ``shape`` is the file's form in words, for the message: ``a search file must be an object {...}``.
    """
    doc: Any = jsonfile.decode(data, where)
    if not isinstance(doc, dict) or not isinstance(doc.get(key), kind):
        raise ContentError(where, shape)
    if doc.get("topic") != topic_id:
        raise ContentError(where, f"the file name says topic {topic_id!r} but its 'topic' says {doc.get('topic')!r}")
    return doc[key]


class TopicFiles(Generic[Loaded]):
    """``root/<folder>/<topic-id>.json``; subclasses say how one file is decoded."""

    folder = ""

    def __init__(self, root: Path) -> None:
        self.dir = Path(root) / self.folder

    def path_of(self, topic_id: str) -> Path:
        if not TOPIC_ID.fullmatch(topic_id):
            raise ContentError(topic_id, "a topic id is lowercase letters, digits and hyphens")
        return self.dir / f"{topic_id}.json"

    def topic_ids(self) -> list[str]:
        """The topics that have a file, sorted."""
        if not self.dir.is_dir():
            return []
        return sorted(p.stem for p in self.dir.glob("*.json") if TOPIC_ID.fullmatch(p.stem))

    def load(self, topic_id: str) -> Loaded:
        """The decoded file of ``topic_id``; the empty value when it has none."""
        path = self.path_of(topic_id)
        try:
            data = path.read_bytes()
        except FileNotFoundError:
            return self.empty()
        return self.decode(data, str(path), topic_id)

    def empty(self) -> Loaded:
        raise NotImplementedError

    @staticmethod
    def decode(data: bytes, where: str, topic_id: str) -> Loaded:
        raise NotImplementedError
