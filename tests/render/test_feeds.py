"""Feeds: RSS 2.0, Atom and JSON Feed 1.1, validated by parsing them as a reader would."""

from __future__ import annotations

import datetime as dt
import json
from email.utils import parsedate_to_datetime

import feedparser
import pytest
from lxml import etree

from generator.model import Archive, Day, Paper
from generator.render.feeds import LOCAL_SITE_URL, TOPIC_FEED_ITEMS, render_feeds
from generator.render.mdtext import clean
from generator.render.trending import RECENT_DAYS

SITE = "https://papers.example.org/archive/"
HOSTILE = '<script>alert("x")</script> & <b>bold</b> ]]> \x07bell \u202eevil'


@pytest.fixture(scope="module")
def feeds(bundled_archive):
    entropy = [p for p in bundled_archive.papers() if "entropy" in (p.title + p.abstract).lower()]
    return render_feeds(bundled_archive, [("entropy", "Entropy", entropy)], SITE, "HF Daily Papers Archive")


def _window(archive: Archive) -> list[Paper]:
    newest = archive.latest.date
    return [p for d in archive.days if (newest - d.date).days < RECENT_DAYS for p in d.papers]


@pytest.mark.parametrize("name,version", [("latest.rss.xml", "rss20"), ("latest.atom.xml", "atom10")])
def test_latest_feeds_parse_and_hold_the_last_feed_days(feeds, bundled_archive, name, version):
    parsed = feedparser.parse(feeds[f"feeds/{name}"])
    assert not parsed.bozo, parsed.get("bozo_exception")
    assert parsed.version == version
    expected = _window(bundled_archive)
    assert len(parsed.entries) == len(expected)
    assert {e.id for e in parsed.entries} == {f"{SITE}p/{p.id[:4]}/#{p.id}" for p in expected}
    by_link = {e.link: e for e in parsed.entries}
    for paper in expected:
        entry = by_link[f"{SITE}archive/{paper.day:%Y/%m/%d}/#{paper.id}"]
        assert entry.title == clean(paper.title)
    # Newest listing day first.
    days = [dt.date(*e.published_parsed[:3]) for e in parsed.entries]
    assert days == sorted(days, reverse=True) and days[0] == bundled_archive.latest.date


def test_rss_has_the_required_elements_and_absolute_links(feeds):
    root = etree.fromstring(feeds["feeds/latest.rss.xml"].encode())
    channel = root.find("channel")
    for tag in ("title", "link", "description", "lastBuildDate"):
        assert channel.findtext(tag)
    assert channel.findtext("link") == SITE
    for item in channel.findall("item"):
        assert item.findtext("title") and item.findtext("description")
        for url in (item.findtext("link"), item.findtext("guid")):
            assert url.startswith(SITE)
        parsedate_to_datetime(item.findtext("pubDate"))


def test_atom_has_the_required_elements(feeds):
    ns = {"a": "http://www.w3.org/2005/Atom"}
    root = etree.fromstring(feeds["feeds/latest.atom.xml"].encode())
    for tag in ("a:id", "a:title", "a:updated"):
        assert root.findtext(tag, namespaces=ns)
    assert root.find("a:link[@rel='self']", ns).get("href") == SITE + "feeds/latest.atom.xml"
    for entry in root.findall("a:entry", ns):
        for tag in ("a:id", "a:title", "a:updated"):
            assert entry.findtext(tag, namespaces=ns)
        # feedgen 1.0 writes an entry's link without rel: Atom reads that as rel="alternate".
        links = [k for k in entry.findall("a:link", ns) if k.get("rel", "alternate") == "alternate"]
        assert len(links) == 1 and links[0].get("href").startswith(SITE)


def test_json_feed_1_1(feeds, bundled_archive):
    doc = json.loads(feeds["feeds/latest.json"])
    assert doc["version"] == "https://jsonfeed.org/version/1.1"
    assert doc["feed_url"] == SITE + "feeds/latest.json" and doc["home_page_url"] == SITE
    expected = {p.id: p for p in _window(bundled_archive)}
    assert len(doc["items"]) == len(expected)
    for item in doc["items"]:
        paper = expected[item["id"].rsplit("#", 1)[1]]
        assert item["url"].startswith(SITE) and item["title"] == clean(paper.title)
        assert item["content_text"] == clean(paper.abstract)
        assert dt.datetime.fromisoformat(item["date_published"]).date() == paper.day


def test_feed_dates_come_from_the_data_not_the_clock(feeds, bundled_archive):
    newest = bundled_archive.latest.date
    rss = etree.fromstring(feeds["feeds/latest.rss.xml"].encode())
    assert parsedate_to_datetime(rss.find("channel").findtext("lastBuildDate")).date() == newest
    atom = feedparser.parse(feeds["feeds/latest.atom.xml"])
    assert dt.date(*atom.feed.updated_parsed[:3]) == newest


def test_feeds_are_deterministic(bundled_archive):
    first = render_feeds(bundled_archive, [], SITE, "x")
    assert first == render_feeds(bundled_archive, [], SITE, "x")


def test_a_local_build_uses_the_documented_fallback_url(bundled_archive):
    files = render_feeds(bundled_archive, [], "", "x")
    parsed = feedparser.parse(files["feeds/latest.rss.xml"])
    assert parsed.feed.link == LOCAL_SITE_URL
    assert all(e.link.startswith(LOCAL_SITE_URL) for e in parsed.entries)


def test_topic_feed_holds_the_topics_newest_papers(feeds, bundled_archive):
    entropy = [p for p in bundled_archive.papers() if "entropy" in (p.title + p.abstract).lower()]
    newest = sorted(entropy, key=lambda p: (p.day, p.upvotes), reverse=True)[:TOPIC_FEED_ITEMS]
    for suffix in ("rss.xml", "atom.xml"):
        parsed = feedparser.parse(feeds[f"feeds/topics/entropy.{suffix}"])
        assert not parsed.bozo
        assert {e.id for e in parsed.entries} == {f"{SITE}p/{p.id[:4]}/#{p.id}" for p in newest}
        assert parsed.feed.link == SITE + "topics/entropy/"
    assert len(json.loads(feeds["feeds/topics/entropy.json"])["items"]) == len(newest)


def test_hostile_titles_and_abstracts_stay_text_in_every_format():
    paper = Paper(
        id="2607.00001",
        title=HOSTILE,
        authors=("A <i>uthor</i>",),
        abstract="Abstract " + HOSTILE,
        day=dt.date(2026, 7, 14),
        upvotes=3,
        github_repo='javascript:alert(1)"',
    )
    archive = Archive(days=(Day(date=paper.day, papers=(paper,)),))
    files = render_feeds(archive, [("t", HOSTILE, [paper])], SITE, "Site <b>")
    shown = clean(HOSTILE)
    for name in ("latest.rss.xml", "latest.atom.xml", "topics/t.rss.xml", "topics/t.atom.xml"):
        etree.fromstring(files[f"feeds/{name}"].encode())  # well-formed despite ]]> and control characters
        parsed = feedparser.parse(files[f"feeds/{name}"])
        assert not parsed.bozo
        entry = parsed.entries[0]
        assert entry.title == shown
        # The description is HTML in which the abstract is text: once a reader renders it,
        # there is no <script> or <b> element, only the characters.
        body = entry.get("content", [entry.get("summary_detail")])[0]["value"]
        fragment = etree.fromstring(f"<div>{body}</div>", etree.HTMLParser())
        assert not fragment.xpath("//script | //b | //i")
        assert shown in "".join(fragment.itertext())
        assert "javascript:" not in files[f"feeds/{name}"]
    item = json.loads(files["feeds/latest.json"])["items"][0]
    assert item["title"] == shown and item["content_text"] == "Abstract " + shown


def test_a_title_and_authors_with_nothing_visible_never_break_a_feed():
    """Issue 20, case 3: a title empty after cleaning (zero-width, bidi, U+FFFE) crashed the feed writer."""
    day = dt.date(2026, 7, 14)
    blank = Paper(id="2607.00001", title="\u200b\u202e\ufffe\x07", authors=("\u200b", " "), abstract="", day=day)
    plain = Paper(id="2607.00002", title="A title", authors=("Ada",), abstract="Text.", day=day)
    archive = Archive(days=(Day(date=day, papers=(blank, plain)),))
    files = render_feeds(archive, [("t", "T", [blank, plain])], SITE, "Site")
    for name in ("feeds/latest.rss.xml", "feeds/latest.atom.xml"):
        parsed = feedparser.parse(files[name])
        assert not parsed.bozo, parsed.get("bozo_exception")
        assert {e.title for e in parsed.entries} == {"2607.00001", "A title"}  # shown by its id
    items = json.loads(files["feeds/latest.json"])["items"]
    assert [i["title"] for i in items if i["id"].endswith("2607.00001")] == ["2607.00001"]
