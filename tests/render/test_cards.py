"""Paper cards, organization pages and the pages of a collection (a topic, an organization) that stay small."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections import Counter

import pytest
from hypothesis import given
from hypothesis import strategies as st
from lxml import html as lxml_html

from benchmarks.synthetic import Sample, Synthesizer, archive_days
from generator.content.topics import load_topics
from generator.model import Archive, Day, Organization, Paper
from generator.render import paths
from generator.render.mdtext import clean, hub_profile_url
from generator.render.organizations import collect_orgs, org_slugs
from generator.render.pages import organization
from generator.render.pages.collection import LATEST, PAGE_LIMIT, SMALL, TOP
from generator.render.pages.organization import render_org, render_orgs_index
from generator.render.pages.paper import AUTHORS_SHOWN, LEAD_MAX, Cards, Related, lead_and_rest, stars
from generator.render.pages.topic import render_topic
from generator.render.topic_members import collect_members

from ..common import ARCHIVE_TOPICS

DAY = paths.day_path(dt.date(2026, 7, 28))


def card(paper: Paper, related: Related | None = None, thumbnails: bool = True) -> lxml_html.HtmlElement:
    """The card's HTML block (the part after the Markdown heading), parsed."""
    markdown = Cards(thumbnails=thumbnails, related_of=lambda p: related or Related()).card(paper, DAY)
    heading, block = markdown.split("\n\n", 1)
    assert heading.startswith("## ") and heading.endswith(" .paper-title }")
    if paper.is_arxiv:  # the title links to the paper's page on the Hub
        assert f"]({paper.hub_url}) {{ #" in heading
    return lxml_html.fragment_fromstring(block.strip())


def the(element: lxml_html.HtmlElement, css_class: str) -> lxml_html.HtmlElement:
    (found,) = element.xpath(f'.//*[contains(concat(" ", @class, " "), " {css_class} ")]')
    return found


def test_a_402_author_list_shows_three_names_and_folds_the_rest(bundled_archive):
    paper = max(bundled_archive.papers(), key=lambda p: len(p.authors))
    assert len(paper.authors) == 402
    authors = the(card(paper), "paper-authors")
    details = authors.find("details")
    assert (authors.text or "") == ", ".join(clean(a) for a in paper.authors[:AUTHORS_SHOWN]) + ", "
    assert details.find("summary").text_content() == f"+{402 - AUTHORS_SHOWN} more"
    assert details.find("summary").tail == ", ".join(clean(a) for a in paper.authors[AUTHORS_SHOWN:])
    assert "open" not in details.attrib  # closed until asked


@pytest.mark.parametrize("count", [0, 1, AUTHORS_SHOWN, AUTHORS_SHOWN + 1])
def test_a_short_author_list_is_shown_whole(bundled_archive, count):
    paper = dataclasses.replace(next(bundled_archive.papers()), authors=tuple(f"Author {i}" for i in range(count)))
    found = card(paper).xpath('.//*[contains(@class, "paper-authors")]')
    if count == 0:
        assert found == []
    else:
        assert found[0].tag == "p" and found[0].text_content() == ", ".join(paper.authors)


def test_the_card_links_its_organization_page_here_and_its_submitter_on_the_hub(bundled_archive):
    paper = dataclasses.replace(
        next(p for p in bundled_archive.papers() if p.organization),
        organization=Organization(name="Tencent-Hunyuan", fullname="Tencent Hunyuan"),
        submitter="taesiri",
        submitter_fullname="A. Submitter",
    )
    meta = the(card(paper, Related(org_page=paths.org_path("tencent-hunyuan"))), "paper-meta")
    org = the(meta, "paper-org")
    assert org.text_content() == "Tencent Hunyuan" and org.get("href") == "../../../../orgs/tencent-hunyuan/"
    submitter = the(meta, "paper-submitter")
    assert submitter.text_content() == "A. Submitter" and submitter.get("href") == "https://huggingface.co/taesiri"
    assert submitter.get("title") == "taesiri on Hugging Face"
    # Without a full name, the Hub user name.
    handle_only = the(card(dataclasses.replace(paper, submitter_fullname=None)), "paper-meta")
    assert the(handle_only, "paper-submitter").text_content() == "taesiri"
    assert meta.text_content().startswith(f"▲ {paper.upvotes} · ")
    # A submitter that is not a plain Hub name is shown, never made into a link.
    odd = the(card(dataclasses.replace(paper, submitter="../admin?x=1", submitter_fullname=None)), "paper-meta")
    assert "submitted by ../admin?x=1" in odd.text_content() and not odd.xpath('.//*[@class="paper-submitter"]')


def test_the_ai_summary_is_visible_and_the_abstract_with_its_keywords_one_click_away(bundled_archive):
    paper = next(p for p in bundled_archive.papers() if p.ai_summary and p.ai_keywords)
    element = card(paper, Related(topics=[("Agents", paths.topic_path("agents"))]))
    assert the(element, "paper-summary").text_content() == clean(paper.ai_summary)
    abstract = the(element, "paper-abstract")
    assert abstract.tag == "details" and "open" not in abstract.attrib
    assert abstract.find("summary").text_content() == "Abstract"
    assert abstract.find("p").text_content() == clean(paper.abstract)
    keywords = the(abstract, "paper-keywords")
    assert keywords.text_content() == "Keywords: " + " · ".join(clean(k) for k in paper.ai_keywords)
    topic = the(element, "paper-topic")
    assert topic.text_content() == "Agents" and topic.get("href") == "../../../../topics/agents/"
    links = {a.text_content(): a.get("href") for a in the(element, "paper-links").iter("a")}
    assert links["arXiv"] == paper.arxiv_url and links["PDF"] == paper.pdf_url
    if paper.github_repo:
        assert f"GitHub {stars(paper.github_stars)}" in the(element, "paper-links").text_content()


@pytest.mark.parametrize(
    "count,shown", [(0, "★ 0"), (950, "★ 950"), (1234, "★ 1,234"), (12_345, "★ 12.3k"), (20_000, "★ 20k")]
)
def test_github_stars_read_at_a_glance(count, shown):
    assert stars(count) == shown


def test_a_card_shows_the_stored_thumbnail_lazily_and_without_a_referrer_unless_turned_off(bundled_archive):
    paper = next(p for p in bundled_archive.papers() if p.thumbnail)
    (img,) = card(paper).xpath(".//img")
    assert img.get("src") == paper.thumbnail
    assert img.get("loading") == "lazy" and img.get("referrerpolicy") == "no-referrer"
    assert (img.get("width"), img.get("height")) == ("1200", "648")  # its box is known before it arrives
    assert img.get("alt") == f"Preview of {clean(paper.title)}"
    assert card(paper, thumbnails=False).xpath(".//img") == []
    # Only an http(s) URL becomes an image.
    assert card(dataclasses.replace(paper, thumbnail="javascript:alert(1)")).xpath(".//img") == []


def test_without_an_ai_summary_the_first_sentence_leads_and_the_rest_follows(bundled_archive):
    paper = next(p for p in bundled_archive.papers() if not p.ai_summary and len(p.abstract) > 600)
    element = card(paper)
    assert not element.xpath('.//*[contains(@class, "paper-summary")]')
    abstract = the(element, "paper-abstract")
    lead, rest = lead_and_rest(paper.abstract)
    assert abstract.find("summary").text_content() == lead and lead.endswith(".")
    assert abstract.find("p").text_content() == rest


@given(st.text(alphabet=st.sampled_from(list("ab .!?\n\tAZ(“\"'0")), max_size=700))
def test_the_lead_and_the_rest_are_the_abstract(abstract):
    lead, rest = lead_and_rest(abstract)
    assert " ".join(part for part in (lead, rest) if part) == clean(abstract)
    assert len(lead) <= LEAD_MAX
    assert bool(lead) == bool(clean(abstract))


@pytest.mark.parametrize(
    "handle,url",
    [
        ("taesiri", "https://huggingface.co/taesiri"),
        ("Tencent-Hunyuan", "https://huggingface.co/Tencent-Hunyuan"),
        ("a.b_c-d", "https://huggingface.co/a.b_c-d"),
        ("", None),
        (None, None),
        ("..", None),
        ("-x", None),
        ("a b", None),
        ("a/b", None),
        ("javascript:alert(1)", None),
        ("<b>x</b>", None),
        ("x" * 97, None),
    ],
)
def test_only_a_plain_hub_name_becomes_a_profile_link(handle, url):
    assert hub_profile_url(handle) == url


# ---------------------------------------------------------------------------
# Organizations.


def test_every_organization_gets_its_own_safe_and_stable_slug():
    names = ["tencent", "Tencent", "TENCENT", "index", "page-2", "a b", "a-b", "../x", "", "ByteDance-Seed"]
    slugs = org_slugs(names)
    assert len(set(slugs.values())) == len(set(names))
    assert all(re.fullmatch(r"[a-z0-9_-]+", s) for s in slugs.values())
    assert slugs["tencent"] == "tencent" and slugs["a-b"] == "a-b" and slugs["ByteDance-Seed"] == "bytedance-seed"
    # The ranking's own pages (orgs/index.md, orgs/page-2.md) are never an organization's.
    assert slugs["index"] != "index" and slugs["page-2"] != "page-2"
    assert org_slugs(reversed(names)) == slugs  # the same names, in any order, give the same slugs


def test_organizations_are_ranked_by_papers_then_upvotes(bundled_archive):
    orgs = collect_orgs(bundled_archive.papers())
    with_org = [p for p in bundled_archive.papers() if p.organization]
    assert sum(len(o.papers) for o in orgs) == len(with_org)
    assert len(orgs) == len({p.organization.name for p in with_org})
    keys = [(len(o.papers), o.upvotes) for o in orgs]
    assert keys == sorted(keys, reverse=True)
    tencent = next(o for o in orgs if o.name == "tencent")
    assert tencent.title == "Tencent" and tencent.path == "orgs/tencent.md"
    assert [p.day for p in tencent.papers] == sorted((p.day for p in tencent.papers), reverse=True)


def test_an_organization_page_links_the_hub_and_lists_its_papers(bundled_archive):
    org = next(o for o in collect_orgs(bundled_archive.papers()) if o.name == "tencent")
    pages = render_org(org)
    assert list(pages) == [org.path]  # a small organization: one page
    page = pages[org.path]
    assert "# Tencent\n" in page and "[tencent on Hugging Face](https://huggingface.co/tencent)" in page
    assert f"{len(org.papers)} papers in " in page and "[all organizations](index.md)" in page
    assert entries(page) == len(org.papers)
    for paper in org.papers:
        assert f'href="../../archive/{paper.day:%Y/%m/%d}/#{paper.id}"' in page


def test_the_ranking_goes_on_over_pages_of_bounded_size(bundled_archive, monkeypatch):
    orgs = collect_orgs(bundled_archive.papers())
    monkeypatch.setattr(organization, "ORGS_PER_PAGE", 50)
    pages = render_orgs_index(orgs)
    assert list(pages) == [paths.orgs_index_path(n) for n in range(1, -(-len(orgs) // 50) + 1)]
    names = []
    for number, page in enumerate(pages.values(), 1):
        ranking = page[page.index('<ol class="org-list"') : page.index("</ol>") + len("</ol>")]
        assert f'start="{(number - 1) * 50 + 1}"' in ranking
        names += [a.text_content() for a in lxml_html.fragment_fromstring(ranking).xpath("li/a[1]")]
    assert names == [clean(o.title) for o in orgs]
    assert "Pages: 1 · [2](page-2.md)" in pages[paths.ORGS]


# ---------------------------------------------------------------------------
# Pages that stay small: a topic or an organization of any size.


@pytest.fixture(scope="module")
def large_archive() -> Archive:
    """160 synthetic weekdays (~3,600 papers: a topic of over ten pages) sampled from the bundled ones."""
    synth = Synthesizer(Sample.load())
    days = [Day(date=d, papers=tuple(synth.day(d))) for d in archive_days(160)[:-1]]
    return Archive(days=tuple(days))


def entries(page: str) -> int:
    """The compact cards of a page."""
    return page.count("<li data-paper=")


def test_no_topic_or_organization_page_lists_more_than_a_page_of_papers(large_archive):
    topics = load_topics(ARCHIVE_TOPICS)
    members = collect_members(topics, large_archive.papers())
    pages: dict[str, str] = {}
    for topic in topics:
        pages.update(render_topic(topic, list(members[topic.id].values())))
    for org in collect_orgs(large_archive.papers()):
        pages.update(render_org(org))
    # No page lists more, a busy month included: it goes on over more pages.
    assert max(entries(page) for page in pages.values()) <= PAGE_LIMIT
    assert max(len(page.encode()) for page in pages.values()) < 270_000  # the theme adds ~30 KB: 300 KB a page
    # Every paper of a topic is listed exactly once below its landing page.
    agents = {p: v for p, v in pages.items() if p.startswith("topics/agents/")}
    listed = sum(entries(v.split("## Most upvoted")[0]) for v in agents.values())  # not counting the year's top
    assert listed == len(members["agents"]) > 10 * PAGE_LIMIT
    # A busy year is split into months; the landing page lists its latest and top papers only.
    per_year = Counter(m.date.year for m in members["agents"].values() if m.date)
    busy = min(y for y, n in per_year.items() if n > PAGE_LIMIT)
    first_month = min(m.date.month for m in members["agents"].values() if m.date and m.date.year == busy)
    assert paths.period_path(paths.topic_path("agents"), busy, first_month) in pages
    years = {m.date.year for m in members["agents"].values()}
    top = min(TOP, len(members["agents"]))
    assert entries(pages[paths.topic_path("agents")]) == LATEST + top  # its latest and top papers, a line per year
    assert sum(line.startswith("- [") for line in pages[paths.topic_path("agents")].splitlines()) == len(years)


def test_a_small_collection_is_one_page_listing_every_paper(bundled_archive):
    topics = load_topics(ARCHIVE_TOPICS)
    entropy = next(t for t in topics if t.id == "entropy")
    members = collect_members([entropy], bundled_archive.papers())["entropy"]
    assert 0 < len(members) <= SMALL
    pages = render_topic(entropy, list(members.values()))
    assert list(pages) == [paths.topic_path("entropy")]
    assert entries(pages[paths.topic_path("entropy")]) == len(members)


def test_a_large_organization_gets_year_pages_that_link_their_neighbours():
    papers = [
        Paper(id=f"2{y % 10}01.{i:05d}", title=f"P{i}", authors=(), abstract="a", day=dt.date(y, 1 + i % 12, 1))
        for y in (2024, 2025, 2026)
        for i in range(150)
    ]
    org = collect_orgs(dataclasses.replace(p, organization=Organization(name="lab")) for p in papers)[0]
    pages = render_org(org)
    assert set(pages) == {"orgs/lab.md", "orgs/lab/2024.md", "orgs/lab/2025.md", "orgs/lab/2026.md"}
    assert "[lab](../lab.md) · [← 2024](2024.md) · [2026 →](2026.md)" in pages["orgs/lab/2025.md"]
    assert "- [2026](lab/2026.md): 150 papers · [Jan](lab/2026.md#m2026-01) 13 · " in pages["orgs/lab.md"]
    assert entries(pages["orgs/lab/2025.md"]) == 150


def test_an_organization_of_up_to_a_page_of_papers_has_one_page_its_top_papers_first():
    count = PAGE_LIMIT - TOP  # with its top papers first, a page of compact cards
    papers = [
        Paper(id=f"2601.{i:05d}", title=f"P{i}", authors=(), abstract="a", upvotes=i, day=dt.date(2026, 1 + i % 12, 1))
        for i in range(count)
    ]
    org = collect_orgs(dataclasses.replace(p, organization=Organization(name="lab")) for p in papers)[0]
    pages = render_org(org)
    assert list(pages) == ["orgs/lab.md"]
    page = pages["orgs/lab.md"]
    assert entries(page) == PAGE_LIMIT
    top = page.split("## Most upvoted { #top }", 1)[1].split("\n## ", 1)[0]
    assert [int(n) for n in re.findall(r"▲ (\d+)<", top)] == list(range(count - 1, count - 11, -1))
