"""No injection: hostile text in every field shows as text on the BUILT site and creates nothing.

One MkDocs build (slow: seconds) holds every hostile case: a saved daily_papers answer whose
papers carry the payloads below in each text field, hostile URLs in each URL field, and a
topics file whose titles and descriptions are payloads too. The answer goes in through
``ingest`` (the parser and the store), the pages through ``generate``, the HTML through
``mkdocs build --strict``; then lxml reads the HTML and compares it with what was put in.

"The same visible text" is after the documented normalisation, ``mdtext.clean``: whitespace
runs fold to one space, control, zero-width and bidi-override characters are dropped.

The property tests at the end run arbitrary text through ``text()`` and Python-Markdown with
the extensions MkDocs loads for mkdocs.yml, in each context the pages put text in.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import urlsplit

import markdown
import pytest
import yaml
from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st
from lxml import html as lxml_html

from generator.config import load_settings
from generator.content.days import DayStore
from generator.content.topics import load_topics
from generator.hub.saved_answers import ingest
from generator.render import paths
from generator.render.generate import render_pages, write_pages
from generator.render.mdtext import anchor_id, clean, safe_url, text
from generator.render.organizations import collect_orgs
from generator.render.pages.paper import lead_and_rest
from generator.render.site_data import derive_site_data
from generator.site.mkdocs_build import run_mkdocs

from ..common import ROOT, examples
from ..sitebuild import copy_sources

DAY = "2026-07-14"

# Text payloads: each goes, as the whole value, into a title, an author name, an abstract, an
# AI summary, a keyword, an organization name and a topic's title and description.
PAYLOADS = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "</div></article></main><div class=evil>",
    "[click me](javascript:alert(1))",
    "[ref][1]\n\n[1]: javascript:alert(1)",
    '<a href="javascript:alert(1)">x</a>',
    "<javascript:alert(1)> <http://evil.example/> <mailto:a@b.c>",
    "<!-- hidden --> visible <!-- unclosed",
    "{{ config.site_name }} {% include 'x.html' %} {# note #}",
    "$x^2$ and $$\\int_0^1 f(x)\\,dx$$ and \\(a\\) \\[b\\]",
    "a | b | c\n| --- | --- |\n| d | e |",
    "# not a heading",
    "> not a quote",
    "- not a list",
    "1. not a list",
    "---",
    "Title\n===",
    "text[^1]\n\n[^1]: a footnote",
    '{: .evil #injected onclick="alert(1)" }',
    "{ #id }",
    "trailing attr list { .x }",
    '!!! danger "admonition"\n    body',
    '??? note "details"',
    "??? danger",
    "???+ note open",
    "```html\n<script>x</script>\n```",
    "    indented code",
    "**bold** __b__ *em* _em_ `code` ~~strike~~ ==mark== ^sup^",
    "![image](http://evil.example/x.png) ![](javascript:alert(1))",
    "&lt;script&gt; &amp; &#60;b&#62; &#x3C;i&#x3E; &copy;",
    "\\<script\\> \\\\ \\` \\*",
    "<svg/onload=alert(1)> <details open ontoggle=alert(1)> <iframe src=javascript:alert(1)>",
    "<think>the model's reasoning</think> <|endoftext|>",
    ":smile: :material-account: *[HTML]: Hyper Text",
    '"double\' \'single" `back` attr="x" onmouseover=alert(1)',
    "bell\x07 escape\x1b[31m null\x00 delete\x7f c1\x85\x9b form\x0cfeed",
    "abc\u202egpj.exe\u202c and \u2066isolate\u2069 \u200bzero\u200dwidth\ufeff",
    "line\u2028separator\u2029paragraph \r\n crlf \t tab   spaces",
    "W" * 10_000,
    "x" + "&" * 500 + "<" * 500,
]

# A 100 KB abstract full of syntax, on one paper.
BIG = ("<b>bold</b> $x$ | [l](javascript:x) {: .c } &amp; " * 3000)[:100_000]

# Hostile values for the URL fields (github_repo, project_page, thumbnail).
URLS = [
    "javascript:alert(1)",
    "JaVaScRiPt:alert(document.cookie)",
    " javascript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "vbscript:msgbox(1)",
    "//evil.example/x",
    "ftp://evil.example/x",
    "http://",
    'https://github.com/a/b"onmouseover="alert(1)',
    "https://github.com/a/b) [x](javascript:alert(1)",
    "https://example.com/<script>alert(1)</script>",
    "https://example.com/{{ x }}/{% y %}/$z$",
    "https://example.com/a b\nc",
    "https://github.com/owner/repo",
    "http://example.com/page?q=1&r=<2>#frag",
]


def _item(i: int, paper_id: str, payload: str, abstract: str) -> dict:
    return {
        "paper": {
            "id": paper_id,
            "title": payload,
            "summary": abstract,
            "authors": [{"name": payload}, {"name": "Ada Lovelace"}],
            "publishedAt": f"{DAY}T00:00:00.000Z",
            "submittedOnDailyAt": f"{DAY}T08:00:00.000Z",
            "upvotes": 1000 - i,
            # One paper in three has no AI summary: its card shows the abstract's first sentence instead.
            "ai_summary": payload if i % 3 else None,
            "ai_keywords": [payload, "zebra"],
            "githubRepo": URLS[i % len(URLS)],
            "githubStars": i,
            "projectPage": URLS[(i + 1) % len(URLS)],
            # Organization: the full name shows when there is one, else the short name.
            "organization": {"name": payload, "fullname": None if i % 2 else payload},
            # Submitters: the payload itself, or a plain Hub user name (linked to its profile).
            "submittedOnDailyBy": {"name": payload if i % 2 else f"user-{i}"},
        },
        "title": payload,
        "summary": abstract,
        "thumbnail": URLS[(i + 2) % len(URLS)],
        "numComments": i,
    }


def hostile_answer() -> list[dict]:
    items = [_item(i, f"2607.{10000 + i}", p, p) for i, p in enumerate(PAYLOADS)]
    items.append(_item(len(PAYLOADS), "2607.19999", "A paper with a 100 KB abstract", BIG))
    # Not an arXiv id, so shown as text, with no Hub or arXiv links. (A hostile id, such as
    # "<img src=x onerror=alert(1)>", is refused where it enters: tests/hub/test_hostile_hub.py.)
    items.append(_item(len(PAYLOADS) + 1, "not-an-arxiv-id", "Hostile id", "Hostile id"))
    return items


# Topic titles and descriptions; the 10 KB word is left out, as it would sit in every page's navigation.
TOPIC_PAYLOADS = [p for p in PAYLOADS if len(p) < 1000]


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory):
    """Build one site from the hostile answer and topics: (papers by id, topics, site dir)."""
    project = copy_sources(tmp_path_factory.mktemp("hostile"), content=False)
    (project / "content").mkdir()
    answer = project / "saved" / f"{DAY}.json"
    answer.parent.mkdir()
    answer.write_text(json.dumps(hostile_answer()), encoding="utf-8")
    topics = {
        "topics": [
            {"id": f"t{i}", "title": p, "description": p, "include": ["zebra"]} for i, p in enumerate(TOPIC_PAYLOADS)
        ]
    }
    (project / "content" / "topics.yml").write_text(yaml.safe_dump(topics, allow_unicode=False), encoding="utf-8")

    settings_ = load_settings(project / "mkdocs.yml")
    store = DayStore(settings_.content_dir)
    ingest(store, [answer])
    archive = store.load()
    topic_list = load_topics(settings_.topics_file)
    write_pages(settings_.docs_dir, render_pages(derive_site_data(archive, topic_list)))
    site = project / "site"
    run_mkdocs(settings_.config_file, site)  # strict: hostile text must not even cause a warning
    papers = {p.id: p for p in archive.papers()}
    assert len(papers) == len(PAYLOADS) + 2
    return papers, topic_list, site


def _page(site: Path, md_path: str) -> lxml_html.HtmlElement:
    rel = md_path[: -len(".md")]
    rel = rel[: -len("index")] if rel.endswith("index") else rel + "/"
    return lxml_html.fromstring((site / rel / "index.html").read_bytes())


def _article(doc: lxml_html.HtmlElement) -> lxml_html.HtmlElement:
    """The element holding the page's Markdown: the parent of its h1 (the theme may wrap it)."""
    return doc.xpath('//article[contains(@class, "md-content__inner")]//h1')[0].getparent()


def _heading_text(h: lxml_html.HtmlElement) -> str:
    """A heading's visible text without its permalink."""
    parts = [h.text or ""]
    for child in h:
        if child.get("class") != "headerlink":
            parts.append(child.text_content())
        parts.append(child.tail or "")
    return "".join(parts).strip()


def _sections(article: lxml_html.HtmlElement) -> dict[str, list[lxml_html.HtmlElement]]:
    """Each paper's elements on a day page, by its heading's id: the heading, then the parts of its card."""
    found: dict[str, list] = {}
    current = None
    for el in article:
        if el.tag == "h2" and el.get("id"):
            current = found.setdefault(el.get("id"), [el])
        elif current is not None and "paper-card" in (el.get("class") or "").split():
            # The card is one block: its children are the paper's parts, the foot's too.
            for part in el:
                current.extend(part if "paper-foot" in (part.get("class") or "").split() else [part])
        elif current is not None and "day-nav" not in (el.get("class") or ""):
            current.append(el)
    return found


def _one(section: list, css_class: str) -> lxml_html.HtmlElement:
    found = [el for el in section if css_class in (el.get("class") or "").split()]
    assert len(found) == 1, css_class
    return found[0]


def _assert_no_elements(el: lxml_html.HtmlElement, allowed: tuple[str, ...] = ()) -> None:
    tags = [child.tag for child in el.iterdescendants()]
    assert all(t in allowed for t in tags), f"markup created inside {el.tag}: {tags}"


def test_every_field_shows_as_its_text_on_the_day_page(hostile):
    papers, _, site = hostile
    day = next(iter(papers.values())).day
    sections = _sections(_article(_page(site, paths.day_path(day))))
    assert len(sections) == len(papers)
    with_similar = 0
    for paper in papers.values():
        section = sections[anchor_id(paper.id)]
        heading = section[0]
        assert _heading_text(heading) == clean(paper.title)
        # The title links to the paper's page on the Hub (an arXiv id only), as text.
        if paper.is_arxiv:
            assert [c.get("class") for c in heading] == [None, "headerlink"]
            assert heading[0].get("href") == paper.hub_url and list(heading[0]) == []
        else:
            assert [c.get("class") for c in heading] == ["headerlink"]

        authors = _one(section, "paper-authors")
        assert authors.text_content() == ", ".join(clean(a) for a in paper.authors)
        _assert_no_elements(authors)

        # The meta line: upvotes, comments, the organization (linked to its page) and the submitter.
        meta = _one(section, "paper-meta")
        org = meta.xpath('.//a[@class="paper-org"]')
        assert len(org) == 1 and org[0].text_content() == clean(paper.organization.fullname or paper.organization.name)
        _assert_no_elements(org[0])
        if paper.submitter:
            assert f"submitted by {clean(paper.submitter_fullname or paper.submitter)}" in meta.text_content()
        else:
            assert "submitted by" not in meta.text_content()
        _assert_no_elements(meta, allowed=("span", "a"))

        # The AI summary, and the abstract one click away with the AI keywords under it; without an
        # AI summary, the abstract's first sentence is the disclosure's label and the rest is inside.
        abstract = _one(section, "paper-abstract")
        assert abstract.tag == "details"
        label, *inside, keywords = [el for el in abstract if el.get("class") != "paper-similar"]
        assert label.tag == "summary"
        if paper.ai_summary:
            summary = _one(section, "paper-summary")
            assert summary.text_content() == clean(paper.ai_summary)
            _assert_no_elements(summary)
            assert label.text_content() == "Abstract"
            assert [p.text_content() for p in inside] == [clean(paper.abstract)]
        else:
            assert not [el for el in section if "paper-summary" in (el.get("class") or "")]
            lead, rest = lead_and_rest(paper.abstract)
            assert label.text_content() == lead and abstract.get("class") == "paper-abstract paper-lead"
            _assert_no_elements(label)
            assert [p.text_content() for p in inside] == ([rest] if rest else [])
        for p in inside:
            _assert_no_elements(p)
        assert keywords.text_content() == "Keywords: " + " · ".join(clean(k) for k in paper.ai_keywords)
        _assert_no_elements(keywords)

        # Nothing else: heading, thumbnail, meta, authors, AI summary; abstract, topics, links and
        # (the similar papers last in the opened abstract) in the foot.
        classes = [el.get("class") for el in section[1:]]
        thumb = ["paper-thumb"] if safe_url(paper.thumbnail) else []
        summary = ["paper-summary"] if paper.ai_summary else []
        abstract_class = "paper-abstract" if paper.ai_summary else "paper-abstract paper-lead"
        similar = abstract.find_class("paper-similar")  # (none for a paper without words)
        with_similar += bool(similar)
        assert not similar or list(abstract)[-1] is similar[0]
        assert classes == [
            *thumb,
            "paper-meta",
            "paper-authors",
            *summary,
            abstract_class,
            "paper-topics",
            "paper-links",
        ]
        # The similar papers (render/similar.py): each one's title, as text, linked to its entry.
        for link in similar[0].iter("a") if similar else ():
            _assert_no_elements(link)
            other = papers[link.get("href").rsplit("#", 1)[1]]
            assert link.text_content() == clean(other.display_title) and other.id != paper.id
    assert {bool(p.ai_summary) for p in papers.values()} == {True, False}  # both kinds of card were checked
    assert with_similar > len(papers) / 2


def test_links_come_only_from_url_fields_and_only_http(hostile):
    papers, _, site = hostile
    day = next(iter(papers.values())).day
    sections = _sections(_article(_page(site, paths.day_path(day))))
    dropped = 0
    for paper in papers.values():
        section = sections[anchor_id(paper.id)]
        links = _one(section, "paper-links")
        expected = []
        if paper.is_arxiv:
            expected += [paper.arxiv_url, paper.pdf_url]
        for url in (paper.github_repo, paper.project_page):
            if safe_url(url):
                expected.append(safe_url(url))
            else:
                dropped += 1
        absolute = [a for a in links.iter("a") if urlsplit(a.get("href")).scheme or a.get("href").startswith("//")]
        assert [a.get("href") for a in absolute] == expected, paper.id
        for a in absolute:
            assert set(a.attrib) == {"href"}
            assert urlsplit(a.get("href")).scheme in ("http", "https")
            assert urlsplit(a.get("href")).hostname
        # A refused URL makes no link, and no label that would look like one.
        labels = links.text_content()
        assert ("GitHub" in labels) == bool(safe_url(paper.github_repo))
        assert ("Project page" in labels) == bool(safe_url(paper.project_page))
        # The submitter links to its Hub profile only when it is a plain Hub user name.
        meta = _one(section, "paper-meta")
        profile = [a.get("href") for a in meta.iter("a") if urlsplit(a.get("href")).scheme]
        plain = re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9._-]{0,95}", paper.submitter or "")
        assert profile == ([f"https://huggingface.co/{paper.submitter}"] if plain else []), paper.submitter
        # The title links to the Hub's page of an arXiv id only; the thumbnail is an http(s) image.
        heading = section[0]
        assert [a.get("href") for a in heading.iter("a") if a.get("class") != "headerlink"] == (
            [paper.hub_url] if paper.is_arxiv else []
        )
        assert [img.get("src") for img in section[1].iter("img")] == (
            [safe_url(paper.thumbnail)] if safe_url(paper.thumbnail) else []
        )
        # No other element of the paper links anywhere but to the site's own pages.
        for el in section[1:]:
            if el is not links and el is not meta:
                for a in el.iter("a"):
                    href = a.get("href")
                    assert href.startswith("#") or not urlsplit(href).scheme and not href.startswith("//"), href
    assert dropped >= 10  # most hostile URLs are refused


def test_organization_pages_show_names_as_text(hostile):
    papers, _, site = hostile
    orgs = collect_orgs(papers.values())
    assert len(orgs) == len({p.organization.name for p in papers.values()})
    assert len({o.slug for o in orgs}) == len(orgs)  # one page each, whatever the names hold
    index = _article(_page(site, paths.ORGS))
    rows = index.xpath('.//ol[@class="org-list"]/li')
    assert [r.xpath("a[1]")[0].text_content() for r in rows] == [clean(o.title) for o in orgs]
    for row in rows:
        _assert_no_elements(row.xpath("a[1]")[0])
    for org in orgs:
        assert re.fullmatch(r"[a-z0-9_-]+", org.slug), org.slug
        doc = _page(site, org.path)
        assert _heading_text(_article(doc).find("h1")) == clean(org.title)
        intro = _article(doc).xpath("./h1/following-sibling::p[1]")[0]  # counts and the Hub page
        hub = [a.get("href") for a in intro.iter("a") if urlsplit(a.get("href")).scheme]
        plain = re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9._-]{0,95}", org.name)  # a Hub name: 96 characters at most
        assert hub == ([f"https://huggingface.co/{org.name}"] if plain else [])
    # Every card links its organization's page.
    day = next(iter(papers.values())).day
    sections = _sections(_article(_page(site, paths.day_path(day))))
    slugs = {o.name: o.slug for o in orgs}
    for paper in papers.values():
        href = _one(sections[anchor_id(paper.id)], "paper-meta").xpath('.//a[@class="paper-org"]/@href')[0]
        assert href == f"../../../../orgs/{slugs[paper.organization.name]}/"


def test_thumbnails_show_only_from_http_urls_lazily_and_without_a_referrer(hostile):
    papers, _, site = hostile
    assert all(p.thumbnail for p in papers.values())  # stored, not lost
    day = next(iter(papers.values())).day
    article = _article(_page(site, paths.day_path(day)))
    shown = {img.getparent().get("data-paper"): img for img in article.xpath(".//img")}
    assert shown.keys() == {anchor_id(p.id) for p in papers.values() if safe_url(p.thumbnail)}
    assert len(shown) < len(papers)  # the hostile URLs make no image
    for anchor, img in shown.items():
        paper = next(p for p in papers.values() if anchor_id(p.id) == anchor)
        assert img.get("src") == safe_url(paper.thumbnail)
        assert (img.get("loading"), img.get("referrerpolicy")) == ("lazy", "no-referrer")
        assert img.get("alt") == f"Preview of {clean(paper.title)}"  # the title, as text
    assert article.xpath(".//*[@srcset]") == []


def test_topic_names_show_as_text(hostile):
    papers, topics, site = hostile
    title = load_settings(ROOT / "mkdocs.yml").site_name
    index = _article(_page(site, paths.TOPICS))
    rows = index.xpath('.//ul[@class="index-cards"]/li')
    assert len(rows) == len(topics)
    for topic, row in zip(topics, rows, strict=True):
        name = row.xpath('.//p[@class="index-card__title"]/a')[0]
        about = row.xpath('.//p[@class="index-card__about"]')[0]
        count = row.xpath('.//span[@class="index-card__count"]')[0]
        assert name.text_content() == clean(topic.title) and list(name) == []
        assert about.text_content() == clean(topic.description)
        _assert_no_elements(about)
        assert count.text_content() == f"{len(papers)} papers"  # every paper has the keyword "zebra"

        doc = _page(site, paths.topic_path(topic.id))
        # The page's <title> and its own heading are the topic's name, as text.
        assert doc.findtext(".//title") == f"{clean(topic.title)} - {title}"
        article = _article(doc)
        assert _heading_text(article.find("h1")) == clean(topic.title)
        first_p = article.find("p")
        assert first_p.text_content() == clean(topic.description)
        _assert_no_elements(first_p)
        # Every paper of the topic is listed by its title, as text, linked to the Hub (or its day page).
        items = article.xpath(".//li[@data-paper]")
        assert len(items) == len(papers)
        for li in items:
            paper = next(p for p in papers.values() if anchor_id(p.id) == li.get("data-paper"))
            (a,) = li.xpath('./p[@class="paper-item__title"]/a')
            assert a.text_content() == clean(paper.title) and list(a) == []
            assert (
                a.get("href") == paper.hub_url if paper.is_arxiv else a.get("href").endswith("#" + anchor_id(paper.id))
            )

    # And the papers' day page lists each topic by name, as text.
    day = next(iter(papers.values())).day
    sections = _sections(_article(_page(site, paths.day_path(day))))
    for paper in papers.values():
        topics_line = _one(sections[anchor_id(paper.id)], "paper-topics")
        names = [a.text_content() for a in topics_line.iter("a")]
        assert names == [clean(t.title) for t in topics]


def test_navigation_and_table_of_contents_show_names_as_text(hostile):
    papers, topics, site = hostile
    day = next(iter(papers.values())).day
    doc = _page(site, paths.day_path(day))
    # The table of contents (right sidebar) holds each paper title, as text.
    toc = doc.xpath('//nav[contains(@class, "md-nav--secondary")]//a[@class="md-nav__link"]')
    by_anchor = {a.get("href").split("#", 1)[1]: a for a in toc if "#" in a.get("href")}
    for paper in papers.values():
        a = by_anchor[anchor_id(paper.id)]
        assert [c.tag for c in a.iterdescendants()] == ["span"]
        assert a.text_content().strip() == clean(paper.title)
    # The navigation (left sidebar) holds the site's own entries only: no topic, paper or organization name.
    for page in (paths.topic_path(topics[0].id), paths.ORGS, paths.day_path(day)):
        nav = _page(site, page).xpath('//nav[contains(@class, "md-nav--primary")]//a[contains(@class, "md-nav__link")]')
        names = {" ".join(a.text_content().split()) for a in nav}
        assert names <= {"Home", "Trending", "This week", "All-time top", "Archive", "Topics", "Organizations",
                         "Stats", "Data", "About", "Search", "Reading list"}, names  # fmt: skip


def test_lists_and_home_show_titles_and_authors_as_text(hostile):
    papers, _, site = hostile
    day = next(iter(papers.values())).day
    by_anchor = {anchor_id(p.id): p for p in papers.values()}
    # The home page's large cards: the title, the organization, the AI summary (or the first sentence).
    home = _article(_page(site, paths.HOME))
    cards = home.xpath('.//li[@class="home-card"]')
    assert cards
    for li in cards:
        paper = by_anchor[li.get("data-paper")]
        (a,) = li.xpath('./p[@class="paper-item__title"]/a')
        assert a.text_content() == clean(paper.title) and list(a) == []
        lead = li.xpath('./p[@class="home-card__lead"]')[0]
        assert lead.text_content() == (
            clean(paper.ai_summary) if paper.ai_summary else lead_and_rest(paper.abstract)[0]
        )
        _assert_no_elements(lead)
    # A ranking's compact cards: the title, the organization and the first authors, as text.
    top = _article(_page(site, paths.TOP))
    items = top.xpath(".//li[@data-paper]")
    assert len(items) == len(papers)
    for li in items:
        paper = by_anchor[li.get("data-paper")]
        (a,) = li.xpath('./p[@class="paper-item__title"]/a')
        assert a.text_content() == clean(paper.title) and list(a) == []
        meta = li.xpath('./p[@class="paper-item__meta"]')[0]
        org = meta.xpath('./a[@class="paper-org"]')[0]
        assert org.text_content() == clean(paper.organization.fullname or paper.organization.name) and list(org) == []
        authors = ", ".join(clean(x) for x in paper.authors[:3])
        assert meta.text_content() == f"▲ {paper.upvotes} {org.text_content()} {authors}"
    month = _article(_page(site, paths.month_path(day.year, day.month)))
    top_paper = max(papers.values(), key=lambda p: p.upvotes)
    assert [
        li.xpath("./a[2]")[0].text_content() for li in month.xpath('.//h2[@id="days"]/following-sibling::ul[1]/li')
    ] == [clean(top_paper.title)]


def is_own_asset(el: lxml_html.HtmlElement) -> bool:
    """An image of the site's own docs/assets/, by a relative link."""
    return el.tag == "img" and re.fullmatch(r"(\.\./)+assets/[a-z-]+\.png", el.get("src", "")) is not None


def test_no_page_of_the_site_carries_injected_markup(hostile):
    """A sweep of every built page: no event handler, no script or frame of ours, no bad scheme."""
    _, _, site = hostile
    pages = sorted(site.rglob("*.html"))
    assert len(pages) > 10
    scripts_per_page = set()
    for path in pages:
        doc = lxml_html.fromstring(path.read_bytes())
        for el in doc.iter():
            if not isinstance(el.tag, str):
                continue
            for name, value in el.attrib.items():
                assert not name.lower().startswith("on"), f"{path}: <{el.tag} {name}=...>"
                if name in ("href", "src", "action", "formaction", "data", "srcset"):
                    scheme = urlsplit(value.strip()).scheme.lower()
                    assert scheme in ("", "http", "https"), f"{path}: <{el.tag} {name}={value!r}>"
        # The search forms are hand-written (docs/search.md, the home page's template, the 404 page), not data.
        forms = {site / "search" / "index.html", site / "index.html", site / "404.html"}
        own = ("form", "input") if path in forms else ()
        for article in doc.xpath('//article[contains(@class, "md-content__inner")]'):
            tags = [t for t in ("script", "iframe", "object", "embed", "form", "input") if t not in own]
            bad = [el.tag for el in article.iter(*tags)]
            assert bad == [], f"{path}: {bad}"
            # Images are the papers' thumbnails (http(s), lazy, no referrer sent), or, on the reference pages
            # (docs/about/, hand-written), screenshots of the site's own assets.
            own_images = path.is_relative_to(site / "about")
            for img in article.iter("img"):
                if own_images and is_own_asset(img):
                    continue
                assert urlsplit(img.get("src")).scheme in ("http", "https"), f"{path}: {img.get('src')!r}"
                assert (img.get("loading"), img.get("referrerpolicy")) == ("lazy", "no-referrer"), path
        # The theme's own scripts only: the same number on every themed page.
        if doc.xpath('//article[contains(@class, "md-content__inner")]'):
            scripts_per_page.add(len(doc.xpath("//script")))
    assert len(scripts_per_page) == 1


# ---------------------------------------------------------------------------
# Properties: arbitrary text through text() and Python-Markdown as MkDocs configures it.


@pytest.fixture(scope="module")
def md() -> markdown.Markdown:
    from mkdocs.config import load_config

    config = load_config(str(ROOT / "mkdocs.yml"))
    return markdown.Markdown(extensions=config.markdown_extensions, extension_configs=config.mdx_configs)


# Fragments that mean something to Markdown, its extensions, HTML or a template language.
TOKENS = [
    "<",
    ">",
    "</",
    "/>",
    "<script>",
    "<img src=x onerror=alert(1)>",
    "<!--",
    "-->",
    "&",
    "&#60;",
    "&lt;",
    "&#x3c;",
    ";",
    "#",
    "# ",
    "## ",
    "\n",
    "\n\n",
    "    ",
    "\t",
    "> ",
    "- ",
    "* ",
    "+ ",
    "1. ",
    "---",
    "===",
    "***",
    "|",
    " | ",
    "[",
    "]",
    "(",
    ")",
    "](",
    "[^1]",
    "[^1]: ",
    "![",
    "javascript:",
    "http://x.y",
    "<http://x.y>",
    "{",
    "}",
    "{:",
    "{ #id }",
    "{: .c }",
    "{{",
    "}}",
    "{%",
    "%}",
    "$",
    "$$",
    "\\",
    "`",
    "```",
    "~~",
    "==",
    "^",
    "_",
    "__",
    "*",
    "**",
    ":",
    "::",
    "!!! note",
    "???",
    "???+",
    "??? note",
    "?",
    '"',
    "'",
    "=",
    "\x00",
    "\x1b",
    "\x7f",
    "\x85",
    "\u202e",
    "\u2066",
    "\u200b",
    "\ufeff",
    "\u2028",
    "é",
    "😀",
    "a",
    "b",
    "1",
]
HOSTILE_TEXT = st.one_of(
    st.lists(st.sampled_from(TOKENS), max_size=30).map("".join),
    st.text(alphabet=st.sampled_from(sorted(set("".join(TOKENS)))), max_size=60),
    st.text(max_size=60),
)
EXAMPLES = 400  # per context; five contexts: 2,000 examples per run


def _render(md: markdown.Markdown, source: str) -> lxml_html.HtmlElement:
    return lxml_html.fragment_fromstring(md.reset().convert(source), create_parent="div")


@settings(max_examples=examples(EXAMPLES), deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(s=HOSTILE_TEXT)
@example(s="???é")  # found by this test: opened a collapsible block before text() encoded a leading "?"
def test_property_paragraph_with_attribute_list(md, s):
    """The abstract and author lines: text, then an attr_list line giving the paragraph its class."""
    assume(clean(s))
    root = _render(md, f"{text(s)}\n{{ .paper-abstract }}\n")
    assert [el.tag for el in root.iterdescendants()] == ["p"]
    assert dict(root[0].attrib) == {"class": "paper-abstract"}
    assert root[0].text_content() == clean(s)


@settings(max_examples=examples(EXAMPLES), deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(s=HOSTILE_TEXT)
def test_property_heading_with_anchor(md, s):
    assume(clean(s))
    root = _render(md, f"## {text(s)} {{ #x2607-1 }}\n")
    assert [el.tag for el in root.iterdescendants()] == ["h2", "a"]
    h = root[0]
    assert h.get("id") == "x2607-1" and set(h.attrib) == {"id"}
    assert _heading_text(h) == clean(s)


@settings(max_examples=examples(EXAMPLES), deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(s=HOSTILE_TEXT)
def test_property_collapsible_ai_summary(md, s):
    assume(clean(s))
    root = _render(md, f'??? abstract "AI summary"\n\n    {text(s)}\n')
    assert [el.tag for el in root.iterdescendants()] == ["details", "summary", "p"]
    assert root[0][1].text_content() == clean(s)


@settings(max_examples=examples(EXAMPLES), deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(s=HOSTILE_TEXT)
def test_property_table_cell(md, s):
    """The topics index: names and descriptions in table cells."""
    root = _render(md, f"| a | b |\n| --- | --- |\n| x | {text(s)} |\n")
    cells = root.xpath("//tbody/tr/td")
    assert len(cells) == 2 and len(root.xpath("//tr")) == 2
    assert cells[1].text_content() == clean(s)
    assert list(cells[1]) == []


@settings(max_examples=examples(EXAMPLES), deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(s=HOSTILE_TEXT, url=HOSTILE_TEXT)
@example(s="0", url="http://x.y&#60;[")  # found by this test: Markdown decoded &#60; in the address to "<"
def test_property_link_label_and_url(md, s, url):
    """A list item linking a title; and a URL field: a link only for a safe http(s) URL."""
    assume(clean(s))
    root = _render(
        md,
        f"- [{text(s)}](../07/14.md#x) · [GitHub]({safe_url(url)})\n"
        if safe_url(url)
        else f"- [{text(s)}](../07/14.md#x) · GitHub\n",
    )
    links = root.xpath("//a")
    assert [el.tag for el in root.iterdescendants()] == ["ul", "li", "a"] + (["a"] if safe_url(url) else [])
    assert links[0].text_content() == clean(s) and links[0].get("href") == "../07/14.md#x"
    if safe_url(url):
        assert urlsplit(links[1].get("href")).scheme in ("http", "https")
        assert links[1].text_content() == "GitHub"
