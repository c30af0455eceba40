"""Organizations: the Hub organizations papers are submitted under, each with its page on this site.

A paper's ``organization`` is a Hub organization: its handle (``name``,
"Tencent-Hunyuan") and maybe a display name (``fullname``, "Tencent Hunyuan").
Every organization with a paper in the archive gets a page, ``/orgs/<slug>/``;
the slug is the handle in lower case, kept to characters that are safe in a
file name and a URL (handles that differ only in case, or in characters that
are not safe, would share a slug: the later ones in name order get a short
hash of their handle appended, so every organization keeps one page).

Pure: papers in, ``Org`` records out, ranked as the index shows them.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass

from ..model import Paper
from . import paths

_UNSAFE = re.compile(r"[^a-z0-9_-]+")
# The ranking's own pages live beside the organizations' pages (orgs/index.md, orgs/page-2.md):
# an organization whose slug would be one of those names gets a hashed slug instead.
_RESERVED = re.compile(r"^(?:index|page-\d+)$")
# Long handles make long file names; 60 characters is more than any Hub handle seen so far.
SLUG_LENGTH = 60


@dataclass(frozen=True)
class Org:
    """One organization and its papers in the archive."""

    name: str  # the Hub handle
    title: str  # what the pages show: the newest paper's full name of it, else the handle
    slug: str
    papers: tuple[Paper, ...]  # newest first (listing day, then upvotes, then id)

    @property
    def path(self) -> str:
        return paths.org_path(self.slug)

    @property
    def upvotes(self) -> int:
        return sum(p.upvotes for p in self.papers)


def _plain_slug(name: str) -> str:
    return _UNSAFE.sub("-", name.lower()).strip("-")[:SLUG_LENGTH] or "org"


def org_slugs(names: Iterable[str]) -> dict[str, str]:
    """handle → slug, one slug per handle; the same handles always give the same slugs.

    A handle that is its own slug ("tencent") keeps it; the others take theirs in
    name order, and one whose slug is taken (or reserved) gets ``-<hash of the handle>``.
    """
    slugs: dict[str, str] = {}
    taken: set[str] = set()
    for name in sorted(set(names), key=lambda n: (_plain_slug(n) != n, n)):
        slug = _plain_slug(name)
        if slug in taken or _RESERVED.match(slug):
            slug = f"{slug}-{hashlib.sha256(name.encode('utf-8')).hexdigest()[:8]}"
        slugs[name] = slug
        taken.add(slug)
    return slugs


def _newest_first(paper: Paper) -> tuple[int, int, str]:
    return (-(paper.day.toordinal() if paper.day else 0), -paper.upvotes, paper.id)


def collect_orgs(papers: Iterable[Paper]) -> list[Org]:
    """Every organization with a paper, ranked: most papers first, then most upvotes, then by handle."""
    groups: dict[str, list[Paper]] = {}
    for paper in papers:
        if paper.organization is not None and paper.organization.name.strip():
            groups.setdefault(paper.organization.name, []).append(paper)
    slugs = org_slugs(groups)
    orgs = []
    for name, members in groups.items():
        members.sort(key=_newest_first)
        fullname = next((p.organization.fullname for p in members if p.organization and p.organization.fullname), None)
        orgs.append(Org(name=name, title=fullname or name, slug=slugs[name], papers=tuple(members)))
    return sorted(orgs, key=lambda o: (-len(o.papers), -o.upvotes, o.name))
