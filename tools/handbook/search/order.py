"""The handbook's order of search results, the same on the command line and the site.

Both engines (Whoosh for ``handbook search``, Pagefind on the site) score words their own
way; on top of that, among the first results, a page whose title names what was searched
comes first, then one whose description does, then the engine's own order. A word names
a title word when one begins the other (an inflection: 'moeders', 'moeder'), when the
query word sits inside a compound ('bespreking' in 'casusbespreking'), or through the
lay-word table ('schulden' -> 'armoede'). Among titles that name the query equally, the
title that says least else comes first ('Wij Moeders in Deventer' before a report whose
long title also mentions Wij Moeders); so too among pages whose descriptions name it. overrides/assets/javascripts/hb-search.js does the
same in the browser (``handbookOrder``); the browser tests compare the two.
"""

from __future__ import annotations

from functools import cache
from typing import Callable, Sequence, TypeVar

from handbook.search import analysis

T = TypeVar("T")
REORDERED = 10  # only the first results are reordered: the rest is the engine's
# Words of a question that say nothing about its subject ("hoe organiseer ik een roadshow").
QUESTION_WORDS = ("wat", "waarom", "wanneer", "welke", "wie", "waar", "hoe", "kan", "moet", "mag", "ik", "jij", "je", "we")


@cache
def skipped() -> frozenset[str]:
    return frozenset(analysis.stopwords()) | frozenset(QUESTION_WORDS)


@cache
def alternatives() -> dict[str, tuple[str, ...]]:
    """A one-word lay word or synonym -> the one-word forms it also finds ('schulden' ->
    ('armoede',)). Shipped to the browser too (hb-search/analysis.json)."""
    out: dict[str, list[str]] = {}
    for searched, found in analysis.synonym_lines():
        for member in searched:
            key = [w for w, _, _ in analysis.words(member)]
            if len(key) != 1:
                continue
            for target in found:
                words = [w for w, _, _ in analysis.words(target)]
                if len(words) == 1 and words[0] != key[0]:
                    out.setdefault(analysis._drop_apostrophe_s(key[0]), []).append(words[0])
    return {k: tuple(dict.fromkeys(v)) for k, v in out.items()}


def query_words(text: str) -> list[str]:
    """The folded words of a query that say what it is about."""
    words = [analysis._drop_apostrophe_s(w) for w, _, _ in analysis.words(text)]
    kept = [w for w in words if w not in skipped()]
    return kept or words


def _names(word: str, query: str) -> bool:
    if word.startswith(query):
        return True
    if query.startswith(word) and len(word) >= 3 and len(query) - len(word) <= 3:
        return True
    return len(query) >= 6 and query in word


def _text_words(text: str) -> list[str]:
    return [w for w in (analysis._drop_apostrophe_s(w) for w, _, _ in analysis.words(text)) if w not in skipped()]


def _named(words: list[str], queries: list[str]) -> int:
    """How many query words (or their lay-word targets) the text's words name."""
    count = 0
    for query in queries:
        forms = (query, *alternatives().get(query, ()))
        if any(_names(w, q) for q in forms for w in words):
            count += 1
    return count


def key(title: str, description: str, queries: list[str]) -> tuple:
    """Title first, then description; among pages that name the query alike, the shorter
    title. Pages that name it nowhere keep the engine's order."""
    title_words = _text_words(title)
    in_title = _named(title_words, queries)
    in_description = _named(_text_words(description), queries)
    return (-in_title, -in_description, len(title_words) if in_title or in_description else 0)


def handbook_order(results: Sequence[T], text: str, title: Callable[[T], str], description: Callable[[T], str]) -> list[T]:
    """``results`` (best first by the engine) in the handbook's order for the query ``text``."""
    queries = query_words(text)
    head = list(results[:REORDERED])
    ranked = sorted(range(len(head)), key=lambda i: (*key(title(head[i]), description(head[i]), queries), i))
    return [head[i] for i in ranked] + list(results[REORDERED:])
