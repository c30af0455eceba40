"""How a topic's terms and regexes pick its papers, and why each paper is on a topic page.

Terms match whole words in any case; a phrase's words may be joined by spaces
or hyphens, and its last word may be singular or plural (see ``term_regex``).
The reason a paper is on a topic page (``Match``) is shown on the page.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from ..content.topics import DASHES, FIELD_NAMES, FIELDS, Topic, compile_regex, term_words
from ..model import Paper

# How the reason a paper is on a topic page came about.
BY_TERM = "term"
BY_REGEX = "regex"
BY_SEARCH = "search"
BY_LISTING_PAGE = "listing"


@dataclass(frozen=True)
class Match:
    """Why a paper is on a topic page.

    ``term`` is the include term or regex that matched (as written in
    topics.yml), the Hub search query that found the paper, or the name of the
    listing file it was imported from; ``field`` is where a term or regex matched.
    """

    term: str
    field: str = ""
    via: str = BY_TERM

    def explain(self) -> str:
        """The reason in words (untrusted text, to be escaped by the caller)."""
        if self.via == BY_SEARCH:
            return f"found by Hub search “{self.term}”"
        if self.via == BY_LISTING_PAGE:
            return f"imported from listing {self.term}"
        where = FIELD_NAMES.get(self.field, self.field)
        if self.via == BY_REGEX:
            return f"/{self.term}/ in {where}"
        return f"“{self.term}” in {where}"


# ---------------------------------------------------------------------------
# Terms as patterns.

# Between the words of a phrase: spaces, or a hyphen/dash with optional spaces.
_SEP = rf"(?:\s*[{DASHES}]\s*|\s+)"


def _last_word(word: str) -> tuple[str, str]:
    """The last word of a term as (stem, endings): its singular and plural forms."""
    w = word.lower()
    if not w[-1:].isalpha():
        return word, ""  # "GPT-4", "C++": no plural to speak of
    if len(w) > 4 and w.endswith("ies"):
        return word[:-3], "(?:y|ies)"  # entropies → entropy, entropies
    if len(w) > 2 and w.endswith("y") and w[-2] not in "aeiou":
        return word[:-1], "(?:y|ies)"
    if w.endswith(("ss", "us", "is", "as", "sh", "ch", "x", "z")):
        return word, "(?:es)?"  # loss/losses, bias/biases
    if len(w) > 4 and w.endswith("es") and w[:-2].endswith(("ss", "sh", "ch", "x", "z")):
        return word[:-2], "(?:es)?"
    if len(w) > 3 and w.endswith("s"):
        return word[:-1], "s?"  # agents → agent, agents
    return word, "s?"


def term_regex(term: str) -> str:
    """The regular expression (without word boundaries) a term stands for."""
    *head, last = term_words(term)
    stem, endings = _last_word(last)
    return _SEP.join([*(re.escape(w) for w in head), re.escape(stem) + endings])


def term_needle(term: str) -> str:
    """The case-folded text every match of the term starts with: found with str.find, it tells
    whether and from where the pattern needs to search."""
    words = term_words(term.casefold())
    return words[0] if len(words) > 1 else _last_word(words[0])[0]


def _first(folded: str, needles: tuple[str, ...]) -> int:
    """Where the first needle occurs in ``folded``, or -1."""
    found = [i for i in (folded.find(n) for n in needles) if i >= 0]
    return min(found) if found else -1


def _terms_pattern(terms: tuple[str, ...]) -> re.Pattern[str] | None:
    if not terms:
        return None
    # Terms that stand for the same words ("entropy", "entropies") are one
    # alternative, named by the first one written.
    first: dict[str, int] = {}
    for i, term in enumerate(terms):
        first.setdefault(term_regex(term.casefold()), i)
    # Longest first: the reason names the most specific term found at a place.
    order = sorted(first.items(), key=lambda item: (-len(terms[item[1]]), item[1]))
    alternatives = "|".join(f"(?P<t{i}>{rx})" for rx, i in order)
    # Whole words: a term must not be glued to letters or digits on either side.
    # Terms are case-folded and searched in case-folded text: case-insensitive,
    # and several times faster than re.IGNORECASE.
    return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)")


# ---------------------------------------------------------------------------
# Matching.


def _field_text(paper: Paper, field: str) -> str:
    if field == "ai_keywords":
        # A separator no phrase can cross: a term never spans two keywords.
        return " | ".join(paper.ai_keywords)
    text: str = getattr(paper, field)
    return text


def field_texts(paper: Paper) -> dict[str, tuple[str, str]]:
    """field → (its text, its case-folded text), for every searchable field."""
    return {f: (v, v.casefold()) for f in FIELDS for v in (_field_text(paper, f),)}


class Matcher:
    """A topic's rules compiled once, to be applied to many papers."""

    def __init__(self, topic: Topic) -> None:
        self.topic = topic
        # One pattern for all include terms, searched in case-folded text; group ``t<i>`` is ``include[i]``.
        self.include = _terms_pattern(topic.include)
        self.exclude = _terms_pattern(topic.exclude)
        # RE2, not re: a topic's regex runs in time linear in the text, whatever it and the text are.
        self.regexes = [(r, compile_regex(r)) for r in topic.regex]
        # A pattern can only match where one of its terms' first words occurs:
        # substring tests on case-folded text rule most papers out quickly.
        self.include_needles = tuple(sorted({term_needle(t) for t in topic.include}))
        self.exclude_needles = tuple(sorted({term_needle(t) for t in topic.exclude}))

    def __call__(self, paper: Paper) -> Match | None:
        return self.match_texts(field_texts(paper))

    def match_texts(self, fields: Mapping[str, tuple[str, str]]) -> Match | None:
        """Match a paper given as ``field_texts`` gives it (computed once for all topics)."""
        texts = [(f, *fields[f]) for f in self.topic.fields]
        if self.exclude is not None:
            for _, _value, folded in texts:
                start = _first(folded, self.exclude_needles)
                if start >= 0 and self.exclude.search(folded, start):
                    return None
        for field, value, folded in texts:
            start = _first(folded, self.include_needles) if self.include is not None else -1
            if self.include is not None and start >= 0:
                # A match starts at a needle: the search can skip the text before the first one
                # (the lookbehind still sees the character before ``start``).
                m = self.include.search(folded, start)
                if m:
                    assert m.lastgroup is not None
                    return Match(term=self.topic.include[int(m.lastgroup[1:])], field=field)
            for source, rx in self.regexes:
                if rx.search(value):
                    return Match(term=source, field=field, via=BY_REGEX)
        return None


def match(topic: Topic, paper: Paper) -> Match | None:
    """Why ``paper`` belongs to ``topic`` by its terms and regexes, or None."""
    return Matcher(topic)(paper)


def assign(topics: Iterable[Topic], papers: Iterable[Paper]) -> dict[str, dict[str, Match]]:
    """topic id → {paper id → why}, by the topics' terms and regexes."""
    matchers = [Matcher(t) for t in topics]
    result: dict[str, dict[str, Match]] = {t.id: {} for t in topics}
    # Paper by paper: each paper's texts are case-folded once, for all topics.
    for paper in papers:
        texts = field_texts(paper)
        for matcher in matchers:
            m = matcher.match_texts(texts)
            if m:
                result[matcher.topic.id][paper.id] = m
    return result
