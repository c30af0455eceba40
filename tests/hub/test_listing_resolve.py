"""Listed papers resolved on the Hub by their exact title, against the local Hub server."""

from __future__ import annotations

import copy
import datetime as dt
import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.cli import cli
from generator.content.days import DayStore
from generator.content.listing_pages import LISTING_ID, UNRESOLVED, ListingPageStore
from generator.content.topics import Topic
from generator.hub.listing_import import import_listing
from generator.hub.listing_resolve import resolve_listings, resolve_title
from generator.model import Paper

from ..common import ARCHIVE, HUB_ANSWERS
from ..hubserver import env_client

TODAY = dt.date(2026, 11, 23)
TOPICS = [Topic(id="t", title="T", include=("perturbation",))]


def item(name: str, index: int) -> dict:
    return copy.deepcopy(json.loads((HUB_ANSWERS / name).read_text())[index])


def listing_text(titles: list[str]) -> str:
    blocks = [f"{t}\n\nAn abstract, cut short by the page.\n\n• 3 authors\n·\nJun 1, 2024 2" for t in titles]
    return "Daily Papers\n\nFeb 24\n\n" + "\n\n".join(blocks) + "\n"


@pytest.fixture
def content(tmp_path: Path) -> Path:
    """The bundled day files, and nothing else."""
    shutil.copytree(ARCHIVE / "days", tmp_path / "content" / "days")
    return tmp_path / "content"


def test_only_one_exact_title_match_resolves():
    listed = Paper(id="listing-1", title="Light Schrödinger Bridge", authors=(), abstract="a")
    same = Paper(id="2311.01404", title="light schrödinger-bridge!", authors=("A",), abstract="b")
    near = Paper(id="2311.00000", title="Light Schrödinger Bridges", authors=("B",), abstract="c")
    assert resolve_title(listed, [near, same]).found == same
    assert resolve_title(listed, [near]).found is None
    assert "no Hub search result has this exact title (of 1 result)" in resolve_title(listed, [near]).why
    twin = Paper(id="2311.99999", title="Light Schrödinger Bridge", authors=("C",), abstract="d")
    ambiguous = resolve_title(listed, [same, twin])
    assert ambiguous.found is None and "2 Hub papers have this title" in ambiguous.why


def test_resolved_papers_get_their_arxiv_id_and_join_the_stored_paper(hub, content, tmp_path):
    outside = item("2024-06-12.json", 0)  # not in the archive, never on a day of it
    stored = DayStore(content).load().days[3].papers[0]
    stored_item = next(i for i in json.loads((HUB_ANSWERS / f"{stored.day}.json").read_text())
                       if i["paper"]["id"] == stored.id)  # fmt: skip
    stored_item = copy.deepcopy(stored_item)
    stored_item["paper"]["upvotes"] = stored.upvotes + 5  # the Hub's count moved on
    titles = [outside["paper"]["title"].upper(), stored.title + "!", "A title the Hub has never seen", "Lost"]
    page = tmp_path / "saved.txt"
    page.write_text(listing_text(titles), encoding="utf-8")
    import_listing(content, TOPICS, page, "t", today=TODAY)
    hub.search[titles[0]] = [item("2024-06-12.json", 1), outside]  # a distractor first
    hub.search[titles[1]] = [stored_item]
    hub.search[titles[2]] = [item("2024-06-12.json", 2)]
    hub.error("search:Lost", 500, times=10)

    with env_client() as client:
        report = resolve_listings(client, content, ["t"])
    assert [r.found.id for r in report.resolved] == [outside["paper"]["id"], stored.id]
    assert [r.listed.title for r in report.unresolved] == [titles[2]]
    assert [r.listed.title for r in report.failed] == ["Lost"]
    papers = {p.id: p for p in ListingPageStore(content).load("t")["saved.txt"].papers}
    resolved = papers[outside["paper"]["id"]]
    assert resolved.is_arxiv and resolved.title == outside["paper"]["title"]  # the Hub's, not the page's
    assert resolved.extra[LISTING_ID].startswith("listing-") and resolved.extra["author_count"] == 3
    assert (
        "no Hub search result has this exact title"
        in next(p for p in papers.values() if p.title == titles[2]).extra[UNRESOLVED]
    )
    assert UNRESOLVED not in next(p for p in papers.values() if p.title == "Lost").extra  # asked again next time
    # The paper that was on Daily Papers is the stored paper, still once, with the newer count.
    copies = [p for p in DayStore(content).load().papers() if p.id == stored.id]
    assert len(copies) == 1 and copies[0].upvotes == stored.upvotes + 5 and copies[0].day == stored.day

    # Importing the page again brings no second copy of a resolved paper.
    again = import_listing(content, TOPICS, page, "t", today=TODAY)
    assert not again.merge.added
    assert len(ListingPageStore(content).load("t")["saved.txt"].papers) == 4
    # The next lookup asks only for the failed one; --again (fetch) would ask the unmatched one too.
    with env_client() as client:
        before = len(hub.paths("/api/papers/search"))
        resolve_listings(client, content, ["t"])
        assert {r.query["q"] for r in hub.paths("/api/papers/search")[before:]} == {"Lost"}


def test_the_commands_resolve_and_say_what_they_found(hub, tmp_path):
    site = tmp_path / "site"
    site.mkdir()
    (site / "mkdocs.yml").write_text("site_name: t\nextra:\n  archive:\n    content_dir: content\n")
    (site / "content").mkdir()
    (site / "content" / "topics.yml").write_text("topics:\n  - id: t\n    title: T\n    include: [x]\n")
    outside = item("2024-06-12.json", 0)
    page = tmp_path / "saved.txt"
    page.write_text(listing_text([outside["paper"]["title"], "Nowhere to be found"]), encoding="utf-8")
    hub.search[outside["paper"]["title"]] = [outside]
    config = ["--config", str(site / "mkdocs.yml")]
    result = CliRunner().invoke(cli, [*config, "import-listing", str(page), "--topic", "t", "--resolve"])
    assert result.exit_code == 0, result.output
    assert "resolve: 1 listed paper found on the Hub, 1 not, 0 searches failed" in result.output
    assert f"→ {outside['paper']['id']}" in result.output
    dry = CliRunner().invoke(cli, [*config, "fetch", "--date", "2026-07-14", "--resolve-listings", "--dry-run"])
    assert "would look up the unresolved listed papers of topic t on the Hub" in dry.output
    result = CliRunner().invoke(cli, [*config, "fetch", "--date", "2026-07-14", "--resolve-listings", "--no-search"])
    assert result.exit_code == 0, result.output
    assert "0 of 0 listed papers resolved" in result.output  # the unmatched one is not asked again
