"""No broken internal link anywhere in the built site: every page, every href and src.

A link that points inside the site must reach a file, and its #fragment an element
with that id on the target page. Plain HTML parsing (lxml), no browser.
"""

from __future__ import annotations

import posixpath
from functools import cache
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from lxml import html as lxml_html

pytestmark = pytest.mark.site  # child processes: a build, or commands killed mid-run

# Attributes that name another resource of the site.
LINK_ATTRIBUTES = ("href", "src")


def target_file(site: Path, page: Path, url: str) -> tuple[Path | None, str]:
    """The file a link of ``page`` leads to (None if it leaves the site), and its fragment."""
    parts = urlsplit(url)
    if parts.scheme or parts.netloc or url.startswith(("mailto:", "javascript:", "data:")):
        return None, ""
    if not parts.path:  # "#fragment": the page itself
        return page, unquote(parts.fragment)
    page_url = "/" + page.relative_to(site).as_posix()
    path = unquote(parts.path)
    resolved = posixpath.normpath(posixpath.join(posixpath.dirname(page_url), path))
    if path.endswith("/") or resolved == "/":
        resolved = resolved.rstrip("/") + "/index.html"
    target = site / resolved.lstrip("/")
    if target.is_dir():
        target = target / "index.html"
    return target, unquote(parts.fragment)


@cache
def ids_of(page: Path) -> frozenset[str]:
    doc = lxml_html.fromstring(page.read_bytes())
    return frozenset(doc.xpath("//@id") + doc.xpath("//a/@name"))


def broken_links(site: Path) -> list[str]:
    problems = []
    for page in sorted(site.rglob("*.html")):
        doc = lxml_html.fromstring(page.read_bytes())
        for element in doc.iter():
            for attribute in LINK_ATTRIBUTES:
                url = element.get(attribute)
                if url is None:
                    continue
                target, fragment = target_file(site, page, url.strip())
                where = f"{page.relative_to(site)}: <{element.tag} {attribute}={url!r}>"
                if target is None:
                    continue
                if not target.is_file():
                    problems.append(
                        f"{where}: no file {target.relative_to(site) if target.is_relative_to(site) else target}"
                    )
                elif fragment and target.suffix == ".html" and fragment not in ids_of(target):
                    problems.append(f"{where}: no id {fragment!r} on {target.relative_to(site)}")
    return problems


def test_every_internal_link_of_the_built_site_resolves(built_site: Path):
    pages = list(built_site.rglob("*.html"))
    assert len(pages) > 30  # every day page at least, plus months, topics, home...
    problems = broken_links(built_site)
    assert not problems, f"{len(problems)} broken links, e.g.:\n" + "\n".join(problems[:40])


def test_the_link_check_sees_a_broken_link_and_a_missing_anchor(tmp_path: Path):
    (tmp_path / "a").mkdir()
    (tmp_path / "index.html").write_text(
        '<a href="a/">ok</a><a href="a/#here">ok</a><a href="a/#gone">anchor</a>'
        '<a href="missing/">file</a><img src="img.png"><a href="https://example.org/x">out</a><p id="top"></p>'
        '<a href="#top">ok</a>'
    )
    (tmp_path / "a" / "index.html").write_text('<h2 id="here">x</h2><a href="../index.html#top">ok</a>')
    problems = broken_links(tmp_path)
    assert len(problems) == 3, problems
    assert any("'a/#gone'" in p and "no id 'gone'" in p for p in problems)
    assert any("'missing/'" in p and "no file" in p for p in problems)
    assert any("'img.png'" in p for p in problems)
