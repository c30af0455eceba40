"""Topic pages: a topic's papers by month, newest first, and the index of all topics.

A topic can gather thousands of papers as the archive grows, so each paper is
one line: its title linked to its entry on its day page (or to Hugging Face,
for a paper found outside the day store), upvotes, date and why it is there;
a large topic's papers are spread over a page per year (``pages.collection``).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

from ...content.topics import FIELD_NAMES, Topic
from .. import paths, titles
from ..mdtext import page_head, relpath, text
from ..templating import render, site_href
from ..topic_members import Member
from ..topic_rules import BY_LISTING_PAGE
from .collection import Collection, counts_line, newest_first, render_collection
from .paper import Cards, paper_url_html


def _any(items: Iterable[str]) -> str:
    items = list(items)
    return items[0] if len(items) == 1 else "one of " + ", ".join(items)


def how_they_join(topic: Topic, listings: Sequence[str]) -> list[str]:
    """The topic's definition in words, collapsed under the intro."""
    where = ", ".join(FIELD_NAMES[f] for f in topic.fields)
    rules = []
    if topic.include:
        rules.append(f"mentions {_any(f'“{text(t)}”' for t in topic.include)} in its {where}")
    if topic.regex:
        rules.append(f"matches {_any(f'/{text(r)}/' for r in topic.regex)} in its {where}")
    if topic.queries:
        rules.append(f"was found by a Hub search for {_any(f'“{text(q)}”' for q in topic.queries)}")
    if listings:
        rules.append(f"is listed on a saved listing page ({', '.join(text(f) for f in listings)})")
    lines = ['??? info "How papers join this topic"', "", "    A paper is here when it " + "; or ".join(rules) + "."]
    if topic.exclude:
        lines += [
            "",
            f"    Papers that mention {', '.join(f'“{text(t)}”' for t in topic.exclude)} "
            f"in their {where} are left out.",
        ]
    lines += [
        "",
        "    Terms match whole words, ignoring case; a phrase's words may be joined by spaces or hyphens, "
        "and its last word may be singular or plural.",
        "",
    ]
    return lines


def render_topic(topic: Topic, members: Sequence[Member], cards: Cards | None = None) -> dict[str, str]:
    """docs path → Markdown of the topic's pages: its landing page and, when it is large, a page per year."""
    source = paths.topic_path(topic.id)
    intro = []
    if topic.description:
        intro += [text(topic.description), ""]
    intro += [f"{counts_line(members)} · [all topics]({relpath(paths.TOPICS, source)})", ""]
    listings = sorted({m.why.term for m in members if m.why is not None and m.why.via == BY_LISTING_PAGE})
    intro += how_they_join(topic, listings)
    return render_collection(Collection(landing=source, name=topic.title, members=members), intro, cards or Cards())


def _latest(members: Mapping[str, Member]) -> Member | None:
    ordered = newest_first(members.values())
    return ordered[0] if ordered else None


def render_topics_index(topics: Sequence[Topic], members: Mapping[str, Mapping[str, Member]]) -> str:
    """Every topic as a card (``templates/topics.html``): its papers, what it is about, its latest paper."""
    source = paths.TOPICS
    views = []
    for topic in topics:
        group = members.get(topic.id, {})
        latest = _latest(group)
        view = {
            "title": topic.title,
            "href": site_href(paths.topic_path(topic.id), source),
            "count": len(group),
            "description": topic.description,
            "latest_title": latest.paper.display_title if latest else None,
            "latest_href": None,
            "latest_date": titles.short_date(latest.date) if latest and latest.date else None,
        }
        if latest is not None and latest.stored and latest.paper.day is not None:
            view["latest_href"] = paper_url_html(latest.paper, source)
        elif latest is not None and latest.paper.is_arxiv:
            view["latest_href"] = latest.paper.hub_url
        views.append(view)
    lines = [
        *page_head("Topics"),
        "Each topic collects the papers whose title, abstract or AI keywords mention one of its terms, "
        "those its Hub searches found and those imported from saved listing pages; each topic page says "
        "why each paper is there.",
        "",
        render("topics.html", topics=views),
        "",
    ]
    return "\n".join(lines)
