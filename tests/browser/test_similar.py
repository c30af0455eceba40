"""Similar papers in a real browser: five under each opened card, each leading to that paper."""

from __future__ import annotations

from urllib.parse import urljoin, urlsplit

from generator.render import paths
from generator.render.mdtext import anchor_id, clean
from generator.render.similar import SIMILAR, similar_papers

from .helpers import load, screenshot


def test_an_opened_card_lists_five_similar_papers_that_lead_to_them(page, site_url, bundled_archive, console):
    papers = {p.id: p for p in bundled_archive.papers()}
    similar, _ = similar_papers(papers.values())
    paper = bundled_archive.latest.by_upvotes()[0]
    load(page, urljoin(site_url, paths.page_url(paths.day_path(paper.day))), console)
    card = page.locator(f"h2[id='{anchor_id(paper.id)}'] + .paper-card")
    links = card.locator(".paper-similar a")
    assert not links.first.is_visible()  # one click away, in the opened card
    card.locator(".paper-abstract > summary").click()
    links.first.wait_for(state="visible")
    assert links.all_inner_texts() == [clean(papers[o].title) for o in similar[paper.id]]
    assert links.count() == SIMILAR
    screenshot(page, "similar-papers")
    target = papers[similar[paper.id][0]]
    links.first.click()
    page.wait_for_url(lambda url: urlsplit(url).fragment == anchor_id(target.id))
    assert urlsplit(page.url).path.endswith("/" + paths.page_url(paths.day_path(target.day)))
    page.locator(f"h2[id='{anchor_id(target.id)}']").wait_for(state="visible")
    assert not console.errors
