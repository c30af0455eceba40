"""What a search costs the reader: the bytes of the Pagefind files one query fetches.

Pagefind's browser code loads, for a query, ``pagefind-entry.json``, then
``pagefind.js`` + the WebAssembly module + the language's ``.pf_meta`` (once per
visit), then every index chunk whose word range holds a query term, then one
fragment per shown result. The ``.pf_meta`` file lists the chunks (first and
last word, hash) and the pages (hash); a chunk lists, per word, the pages it
occurs on. This module reads those files (gzip + a signature + CBOR) to find the
files a query needs and adds up their sizes as served (compressed, as stored).
"""

from __future__ import annotations

import gzip
import json
import re
import struct
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import snowballstemmer

_SIGNATURE = b"pagefind_dcd"
# The Pagefind default UI shows five results before "Load more results".
RESULTS_SHOWN = 5
_STEMMER = snowballstemmer.stemmer("english")  # the algorithm Pagefind uses (rust-stemmers)


def _cbor(data: bytes, i: int = 0) -> tuple[Any, int]:
    """A minimal CBOR decoder: the subset Pagefind writes (ints, strings, arrays, maps)."""
    head = data[i]
    major, info = head >> 5, head & 0x1F
    i += 1
    if info < 24:
        n = info
    elif info in (24, 25, 26, 27):
        size = 1 << (info - 24)
        n = int.from_bytes(data[i : i + size], "big")
        i += size
    elif info == 31:
        n = -1  # indefinite length
    else:
        raise ValueError(f"unsupported CBOR head {head:#x} at {i - 1}")
    if major == 0:
        return n, i
    if major == 1:
        return -1 - n, i
    if major in (2, 3):
        raw = data[i : i + n]
        return (raw if major == 2 else raw.decode("utf-8")), i + n
    if major == 4:
        items = []
        if n < 0:
            while data[i] != 0xFF:
                item, i = _cbor(data, i)
                items.append(item)
            return items, i + 1
        for _ in range(n):
            item, i = _cbor(data, i)
            items.append(item)
        return items, i
    if major == 5:
        mapping = {}
        for _ in range(n):
            k, i = _cbor(data, i)
            mapping[k], i = _cbor(data, i)
        return mapping, i
    if major == 7:
        if info == 25:
            return struct.unpack(">e", data[i - 2 : i])[0], i
        if info == 26:
            return struct.unpack(">f", data[i - 4 : i])[0], i
        if info == 27:
            return struct.unpack(">d", data[i - 8 : i])[0], i
        return {20: False, 21: True, 22: None}.get(info), i
    raise ValueError(f"unsupported CBOR major type {major} at {i - 1}")


def _read(path: Path) -> Any:
    raw = gzip.decompress(path.read_bytes())
    if not raw.startswith(_SIGNATURE):
        raise ValueError(f"{path}: not a Pagefind data file")
    return _cbor(raw, len(_SIGNATURE))[0]


@dataclass(frozen=True)
class QueryCost:
    query: str
    results: int  # pages holding every term
    once_bytes: int  # entry + pagefind.js + wasm + pf_meta: once per visit
    chunk_bytes: int  # the index chunks of the terms
    fragment_bytes: int  # the fragments of the first RESULTS_SHOWN results

    @property
    def query_bytes(self) -> int:
        """What each further query costs once the search has been opened."""
        return self.chunk_bytes + self.fragment_bytes

    @property
    def first_query_bytes(self) -> int:
        return self.once_bytes + self.query_bytes


class PagefindBundle:
    """A built ``pagefind/`` directory."""

    def __init__(self, bundle: Path) -> None:
        self.dir = bundle
        entry = json.loads((bundle / "pagefind-entry.json").read_text(encoding="utf-8"))
        lang, info = next(iter(entry["languages"].items()))
        self.lang = lang
        self.meta_path = bundle / f"pagefind.{info['hash']}.pf_meta"
        meta = _read(self.meta_path)
        # [version, pages [[hash, word count]...], chunks [[from, to, hash]...], filters, sorts, ...]
        self.pages: list[str] = [p[0] for p in meta[1]]
        self.chunks: list[tuple[str, str, str]] = [(c[0], c[1], c[2]) for c in meta[2]]
        wasm = bundle / f"wasm.{info.get('wasm') or 'unknown'}.pagefind"
        self._chunk_cache: dict[str, list[Any]] = {}
        self.once_bytes = sum(
            p.stat().st_size for p in (bundle / "pagefind-entry.json", bundle / "pagefind.js", wasm, self.meta_path)
        )

    def _chunk(self, chunk_hash: str) -> list[Any]:
        if chunk_hash not in self._chunk_cache:
            self._chunk_cache[chunk_hash] = _read(self.dir / "index" / f"{chunk_hash}.pf_index")[0]
        return self._chunk_cache[chunk_hash]

    def _chunks_holding(self, word: str) -> set[str]:
        """Every chunk that can hold ``word`` or a word starting with it.

        A chunk's bounds are its first and last words cut to the shortest prefix
        that tells them from the neighbouring chunks ("capab" for "capability"),
        so both ends are compared on the prefix only.
        """
        return {h for first, last, h in self.chunks if first[: len(word)] <= word and word[: len(last)] <= last}

    def _term(self, term: str) -> tuple[set[str], dict[int, int]]:
        """The chunks fetched for ``term`` and page number → occurrences.

        Pagefind indexes Snowball (Porter2) stems and also matches the words
        that start with the query's stem ("reasoning" → "reason", "reasoned").
        """
        stem = _STEMMER.stemWord(term)
        wanted = self._chunks_holding(stem)
        found: dict[int, int] = {}
        for h in wanted:
            for entry in self._chunk(h):
                if entry[0].startswith(stem):
                    # Page numbers are stored as deltas; negative locations are weight markers.
                    number = 0
                    for page in entry[1]:
                        number += page[0]
                        found[number] = found.get(number, 0) + sum(1 for loc in page[1] if loc >= 0)
        return wanted, found

    def cost(self, query: str) -> QueryCost:
        chunk_files: set[str] = set()
        hits: dict[int, int] | None = None
        for term in re.findall(r"\w+", query.lower()):
            wanted, per_term = self._term(term)
            chunk_files |= wanted
            hits = per_term if hits is None else {p: hits[p] + n for p, n in per_term.items() if p in hits}
        hits = hits or {}
        # Pagefind ranks by term frequency (BM25-like); the most hits is a close stand-in.
        shown = sorted(hits, key=lambda p: (-hits[p], p))[:RESULTS_SHOWN]
        chunk_bytes = sum((self.dir / "index" / f"{h}.pf_index").stat().st_size for h in chunk_files)
        fragment_bytes = sum((self.dir / "fragment" / f"{self.pages[p]}.pf_fragment").stat().st_size for p in shown)
        return QueryCost(query, len(hits), self.once_bytes, chunk_bytes, fragment_bytes)
