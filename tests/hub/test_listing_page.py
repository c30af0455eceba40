"""Saved listing pages: every block of the real files is read, and imports never lose a paper."""

from __future__ import annotations

import datetime as dt
import json
import re
import string
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st
from lxml import html as lxml_html

from generator.cli import cli
from generator.content.days import DayStore
from generator.content.listing_pages import ListingPageStore
from generator.content.topics import Topic
from generator.errors import ContentError, UsageError
from generator.hub.listing_import import import_listing
from generator.hub.listing_page import default_year, parse_listing_page, synthetic_id
from generator.model import normalise_title
from generator.render import paths, titles
from generator.render.mdtext import anchor_id
from generator.site.mkdocs_build import run_mkdocs

from ..common import FIXTURES

# The two real saved pages (blank lines between blocks), and the second layout made from the first (PROVENANCE.md).
LISTINGS = [FIXTURES / "listings" / "000_3db5a8896a2764ea.txt", FIXTURES / "listings" / "001_00caa9127aed7b2d.txt"]
ALTERNATING = FIXTURES / "listings" / "002_alternating_from_000.txt"
# When the two pages were viewed (their headers say "Feb 24" and "Dec 10"): the
# yearless dates of 000 run to Feb 10 after "Nov 14, 2025"; those of 001 run to
# Oct 24 after "Dec 27, 2024". A fixed "today" keeps the tests independent of the clock.
TODAY = dt.date(2026, 11, 23)
VIEWING_YEAR = {"000_3db5a8896a2764ea.txt": 2026, "001_00caa9127aed7b2d.txt": 2025}
TOPICS = [Topic(id="perturbation", title="Perturbation", include=("perturbation",))]


def expected_blocks(path: Path) -> list[dict]:
    """The blocks of a saved page, read another way than the parser does.

    A block with authors is laid out on fixed lines: title, blank, abstract,
    blank, "• N authors", "·", date [upvotes]. The blocks without them are
    the remaining title/abstract paragraph pairs after the header.
    """
    lines = path.read_text(encoding="utf-8").split("\n")
    year = VIEWING_YEAR[path.name]
    header_end = next(i for i, line in enumerate(lines) if re.fullmatch(r"[A-Z][a-z]{2} \d{1,2}", line.strip()))
    with_meta = {}
    for i, line in enumerate(lines):
        m = re.fullmatch(r"\s*• (\d+) authors", line)
        if not m:
            continue
        assert lines[i + 1] == "·" and lines[i - 1] == "" and lines[i - 3] == ""
        date_line = lines[i + 2].strip().split(" ")
        if "," in lines[i + 2]:
            date = dt.datetime.strptime(" ".join(date_line[:3]), "%b %d, %Y").date()
            upvotes = int(date_line[3]) if len(date_line) > 3 else None
        else:
            date = dt.datetime.strptime(f"{' '.join(date_line[:2])} {year}", "%b %d %Y").date()
            upvotes = int(date_line[2]) if len(date_line) > 2 else None
        with_meta[i - 4] = {"title": lines[i - 4], "abstract": lines[i - 2], "authors": int(m.group(1)),
                            "date": date, "upvotes": upvotes}  # fmt: skip
    # Every other non-blank line after the header is a title or an abstract of a block without meta.
    meta_lines = {j for i in with_meta for j in (i + 4, i + 5, i + 6)}
    block_lines = {j for i in with_meta for j in (i, i + 2)}
    rest = [i for i, line in enumerate(lines) if i > header_end and line.strip()
            and i not in meta_lines and i not in block_lines]  # fmt: skip
    assert len(rest) % 2 == 0
    without = {rest[k]: {"title": lines[rest[k]], "abstract": lines[rest[k + 1]], "authors": None, "date": None,
                         "upvotes": None} for k in range(0, len(rest), 2)}  # fmt: skip
    return [b for _, b in sorted({**with_meta, **without}.items())]


@pytest.mark.parametrize("path", LISTINGS, ids=lambda p: p.name)
def test_every_block_of_the_saved_pages_is_read(path):
    listing = parse_listing_page(path.read_text(encoding="utf-8"), today=TODAY)
    expected = expected_blocks(path)
    authors_lines = len(re.findall(r"^\s*• \d+ authors$", path.read_text(encoding="utf-8"), re.MULTILINE))
    assert sum(1 for e in listing.entries if e.authors is not None) == authors_lines
    got = [{"title": e.title, "abstract": e.abstract, "authors": e.authors, "date": e.date, "upvotes": e.upvotes}
           for e in listing.entries]  # fmt: skip
    assert got == expected
    assert listing.skipped == ()
    assert listing.viewed == dt.date(VIEWING_YEAR[path.name], *{"000": (2, 24), "001": (12, 10)}[path.name[:3]])
    print(f"{path.name}: {len(listing.entries)} papers, {authors_lines} with author and date lines")


def test_the_saved_pages_hold_38_44_and_38_papers():
    # Counted by hand in the files; the report of issue 4 quotes these numbers.
    counts = [len(parse_listing_page(p.read_text(encoding="utf-8"), today=TODAY).entries) for p in LISTINGS]
    assert counts == [38, 44]
    assert len(parse_listing_page(ALTERNATING.read_text(encoding="utf-8"), today=TODAY).entries) == 38


def test_the_alternating_layout_with_chrome_glued_to_the_first_title_is_read_whole():
    listing = parse_listing_page(ALTERNATING.read_text(encoding="utf-8"), today=TODAY)
    # Derived from the other file independently of the parser: its blocks, without their author and date lines.
    expected = [(b["title"], b["abstract"]) for b in expected_blocks(LISTINGS[0])]
    assert [(e.title, e.abstract) for e in listing.entries] == expected
    assert all(e.authors is None and e.date is None and e.upvotes is None for e in listing.entries)
    assert listing.skipped == ()
    assert [(c.line, c.text) for c in listing.chrome] == [
        (1, "Get trending papers in your email inbox once a day!"),
        (1, "Subscribe"),
    ]


def test_a_missing_abstract_in_an_alternating_run_costs_only_its_title():
    long = "An abstract that runs on for a while, as abstracts do, much longer than any title. " * 3
    text = "\n".join(["First title", long + "1", "A title whose abstract was lost", "Third title", long + "3"])
    listing = parse_listing_page(text, today=TODAY)
    assert [(e.title, e.abstract[-1]) for e in listing.entries] == [("First title", "1"), ("Third title", "3")]
    assert [(s.line, s.text) for s in listing.skipped] == [(3, "A title whose abstract was lost")]


def test_the_page_tells_its_viewing_year_by_the_years_it_writes_out():
    # Viewed on Feb 24: dates of 2026 have no year, the latest year written out is 2025 (Nov 14, 2025).
    # Read a year later, the clock alone would say 2027; the page still says 2026.
    later = dt.date(2027, 6, 1)
    listing = parse_listing_page(LISTINGS[0].read_text(encoding="utf-8"), today=later)
    assert listing.year == 2026 and listing.viewed == dt.date(2026, 2, 24)
    assert "the latest year written on the page is 2025" in listing.year_source
    assert "2027 would fit too" in listing.year_source  # the evidence does not rule 2027 out
    assert max(e.date for e in listing.entries if e.date) <= listing.viewed
    # No year written out anywhere: the viewing date and the clock decide, and the report says so.
    bare = parse_listing_page("Daily Papers\n\nFeb 24\n\nT\n\nA\n\n• 2 authors\n·\nFeb 3\n", today=later)
    assert bare.year == 2027 and "no year on the page" in bare.year_source
    # A page cannot have been viewed in the future.
    future = parse_listing_page("T\n\nA\n\n• 1 author\n·\nJan 3, 2026\n", today=dt.date(2026, 3, 1))
    assert future.year == 2026 and "check --year" in future.year_source


def test_the_viewing_year_is_the_latest_one_not_in_the_future():
    assert default_year((2, 24), TODAY) == 2026
    assert default_year((12, 10), TODAY) == 2025
    assert default_year((2, 29), TODAY) == 2024  # the last 29 February before today
    assert default_year(None, TODAY) == 2026


def test_an_explicit_year_decides_yearless_dates():
    text = "Daily Papers\n\nFeb 24\n\nA title\n\nAn abstract.\n\n  • 2 authors\n·\nFeb 10 7\n"
    listing = parse_listing_page(text, year=2024, today=TODAY)
    (entry,) = listing.entries
    assert entry.date == dt.date(2024, 2, 10) and entry.upvotes == 7 and entry.authors == 2
    assert listing.viewed == dt.date(2024, 2, 24) and "--year" in listing.year_source


def test_other_layouts_are_read_and_what_cannot_be_is_reported():
    text = "\r\n".join(
        [
            "Papers",  # no viewing date in this header
            "",
            "One-line meta",
            "",
            "Its abstract\u00a0with  odd   spacing.",
            "",
            "• 1 author · Mar 3, 2024 · 12",  # authors, date and upvotes on one line
            "",
            "A stray line that belongs to nothing",
            "",
            "Date only",
            "",
            "Its abstract.",
            "",
            "Jun 11, 2025",
            "",
            "A bad date",
            "",
            "Its abstract, last in the file.",
            "",
            "Feb 30, 2024",  # not a real date
        ]
    )
    listing = parse_listing_page(text, today=TODAY)
    assert [(e.title, e.authors, e.date, e.upvotes) for e in listing.entries] == [
        ("One-line meta", 1, dt.date(2024, 3, 3), 12),
        ("Date only", None, dt.date(2025, 6, 11), None),
        ("A bad date", None, None, None),
    ]
    assert listing.entries[0].abstract == "Its abstract with odd spacing."
    assert [s.line for s in listing.skipped] == [9]
    assert str(listing.skipped[0]).startswith("line 9: a paragraph that is neither")
    assert listing.notes == ("line 21: 'Feb 30, 2024' is not a real date; the paper is kept without one",)


def test_listing_papers_get_a_stable_synthetic_id_and_no_arxiv_links():
    a = synthetic_id("Light Schrödinger Bridge")
    assert a == synthetic_id("  light schrödinger-bridge! ") and a.startswith("listing-")
    assert normalise_title("Inv-Entropy: A Fully  Probabilistic") == "inv entropy a fully probabilistic"
    (entry,) = parse_listing_page("T\n\nA\n\n• 3 authors\n·\nJun 1, 2025 4\n", today=TODAY).entries
    paper = entry.to_paper()
    assert not paper.is_arxiv and paper.day is None and paper.published == dt.date(2025, 6, 1)
    assert paper.upvotes == 4 and paper.extra == {"author_count": 3}


def test_import_stores_stable_bytes_and_a_second_import_changes_nothing(tmp_path):
    content = tmp_path / "content"
    first = import_listing(content, TOPICS, LISTINGS[0], "perturbation", today=TODAY)
    assert len(first.merge.added) == 38 and first.merge.files_written
    stored = (content / "listings" / "perturbation.json").read_bytes()
    again = import_listing(content, TOPICS, LISTINGS[0], "perturbation", today=TODAY)
    assert not again.merge.added and not again.merge.updated and not again.merge.files_written
    assert (content / "listings" / "perturbation.json").read_bytes() == stored
    doc = json.loads(stored)
    ids = [p["id"] for p in doc["sources"][0]["papers"]]
    assert ids == sorted(ids) and doc["sources"][0]["viewed"] == "2026-02-24"


def test_a_shorter_reimport_never_drops_a_paper(tmp_path):
    content = tmp_path / "content"
    import_listing(content, TOPICS, LISTINGS[1], "perturbation", today=TODAY)
    text = LISTINGS[1].read_text(encoding="utf-8")
    # The same file saved again with only its first block, now with more upvotes.
    cut = tmp_path / LISTINGS[1].name
    cut.write_text(text.split("Oct 16, 2024 1")[0] + "Oct 16, 2024 5\n", encoding="utf-8")
    report = import_listing(content, TOPICS, cut, "perturbation", today=TODAY)
    assert len(report.merge.updated) == 1 and report.merge.unchanged == 43
    papers = ListingPageStore(content).load("perturbation")[cut.name].papers
    assert len(papers) == 44
    assert next(p for p in papers if p.title.startswith("Is Less More?")).upvotes == 5


def test_import_errors_are_one_clear_line(tmp_path):
    with pytest.raises(UsageError, match="no topic 'nope'"):
        import_listing(tmp_path, TOPICS, LISTINGS[0], "nope", today=TODAY)
    empty = tmp_path / "empty.txt"
    empty.write_text("Daily Papers\n\nFeb 24\n", encoding="utf-8")
    with pytest.raises(ContentError, match="no paper blocks found") as raised:
        import_listing(tmp_path, TOPICS, empty, "perturbation", today=TODAY)
    assert raised.value.where == f"{empty}:1"
    lonely = tmp_path / "lonely.txt"
    lonely.write_text("Daily Papers\n\nFeb 24\n\nOnly a title\n", encoding="utf-8")
    with pytest.raises(ContentError, match="no paper blocks found") as raised:
        import_listing(tmp_path, TOPICS, lonely, "perturbation", today=TODAY)
    assert raised.value.where == f"{lonely}:5"  # the line it could not place
    binary = tmp_path / "page.html"
    binary.write_bytes(b"\xff\xfe<html>")
    with pytest.raises(ContentError, match="not UTF-8"):
        import_listing(tmp_path, TOPICS, binary, "perturbation", today=TODAY)


# ---------------------------------------------------------------------------
# End to end: import both saved pages with the command, build the site, read the HTML.


@pytest.fixture(scope="module")
def imported_site(tmp_path_factory: pytest.TempPathFactory):
    """Both saved pages imported into "perturbation", plus one page that lists a stored paper; site built."""
    from ..sitebuild import copy_sources

    project = copy_sources(tmp_path_factory.mktemp("listing") / "project")
    config = project / "mkdocs.yml"
    stored = DayStore(project / "content").load().days[0].papers[0]
    restated = project / "restated.txt"
    # A stored paper's title as a listing shows it: other case, other punctuation.
    restated.write_text(
        f"Daily Papers\n\nFeb 24\n\n{stored.title.upper()}!!\n\nIts abstract.\n\n• 3 authors\n·\nFeb 3\n"
    )
    runner = CliRunner()
    outputs = {}
    for path in [*LISTINGS, ALTERNATING, restated]:
        result = runner.invoke(cli, ["--config", str(config), "import-listing", str(path), "--topic", "perturbation"])
        assert result.exit_code == 0, result.output
        outputs[path.name] = result.output
    result = runner.invoke(cli, ["--config", str(config), "generate"])
    assert result.exit_code == 0, result.output
    site = project / "site"
    run_mkdocs(config, site)
    return project, site, outputs, stored


def _html(site: Path, rel: str) -> lxml_html.HtmlElement:
    return lxml_html.fromstring((site / rel / "index.html").read_bytes())


def test_the_command_reports_what_it_read(imported_site):
    _, _, outputs, _ = imported_site
    assert "38 papers read, 38 papers added" in outputs[LISTINGS[0].name]
    assert "44 papers read, 44 papers added" in outputs[LISTINGS[1].name]
    assert "skipped: 0" in outputs[LISTINGS[1].name]
    # The two blocks without author and date lines are named, not passed over.
    assert outputs[LISTINGS[1].name].count("no author count or date under") == 2
    assert "1 of them already in the archive" in outputs["restated.txt"]
    # The second layout: every paper read, the chrome cut off its first title named.
    alternating = outputs[ALTERNATING.name]
    assert "38 papers read" in alternating and "skipped: 0" in alternating
    assert "line 1: cut the page's own words off the first title: 'Subscribe'" in alternating


def test_the_built_topic_page_shows_every_imported_paper(imported_site):
    _, site, _, stored = imported_site
    # A topic too large for one page lists each paper once, on the page of its year (or its month),
    # or on its undated page; its landing page only repeats the latest and the top ones.
    lists = [p for p in (site / "topics" / "perturbation").rglob("index.html") if p.parent.name != "perturbation"]
    assert lists
    docs = [lxml_html.fromstring(p.read_bytes()) for p in lists]
    cards = [li for doc in docs for li in doc.xpath("//article//li[@data-paper]")]

    def part(li, css_class: str) -> str:
        found = li.xpath(f'.//*[contains(concat(" ", @class, " "), " {css_class} ")]')
        return found[0].text_content() if found else ""

    items = {part(li, "paper-item__title"): li for li in cards}
    for path in LISTINGS:
        for block in expected_blocks(path):
            li = items.get(block["title"])
            assert li is not None, block["title"]
            assert part(li, "paper-upvotes") == f"▲ {block['upvotes'] or 0}"
            if block["date"]:
                assert part(li, "paper-day") == f"published {titles.short_date(block['date'])}"
            if block["authors"]:
                assert f"{block['authors']} author" in part(li, "paper-item__meta")
            assert part(li, "paper-why") == f"imported from listing {path.name}"
    # The listed copy of a stored paper is the stored paper: linked to its day page, which names the topic.
    link = [
        a for li in cards for a in li.xpath(f'.//a[@class="paper-day"][contains(@href, "#{anchor_id(stored.id)}")]')
    ]
    assert len(link) == 1
    assert (
        part(next(li for li in cards if link[0] in li.iter("a")), "paper-why") == "imported from listing restated.txt"
    )
    day = _html(site, paths.day_path(stored.day)[: -len(".md")])
    assert day.xpath('//p[contains(@class, "paper-topics")]//a[text()="Perturbation"]')


def test_author_and_date_lines_without_a_title_and_abstract_are_reported():
    text = "Daily Papers\n\nFeb 24\n\nA lone title\n\n• 2 authors\n·\nJun 1, 2025\n\nT\n\nA\n\n• 1 author\n·\nFeb 3\n"
    listing = parse_listing_page(text, today=TODAY)
    assert [(e.title, e.date) for e in listing.entries] == [("T", dt.date(2026, 2, 3))]
    assert [(s.line, s.why) for s in listing.skipped] == [
        (5, "a title without an abstract above author/date lines"),
        (7, "author/date lines with no title and abstract above them"),
    ]


@given(st.text(alphabet=string.ascii_letters + string.digits + string.punctuation + " \t", max_size=60))
def test_titles_compare_equal_whatever_their_case_punctuation_and_spacing(title):
    noisy = "  " + re.sub(r"\s+", " \t ", title.swapcase()) + " ?!"
    assert normalise_title(noisy) == normalise_title(title)
    assert synthetic_id(noisy) == synthetic_id(title)
