"""Which pages belong with a page ("Zie ook").

First the page's own ``related`` list, in its order. Then the pages the search index
finds most alike (more-like-this over title, description and body), lifted by the
themes they share with the page. Stable from build to build: scores are rounded and
ties are broken by title and path, never by file order, time or index layout.
"""

from __future__ import annotations

import heapq
import weakref
from collections import Counter

# Types that have their own place on a page (theme listings, source lists, the
# neighbourhood line) and are not offered again under "Zie ook".
NOT_SUGGESTED = ("theme", "source", "neighbourhood", "page")
TEXT_WEIGHT, THEME_WEIGHT = 0.6, 0.4
CANDIDATES = 30  # more-like-this hits looked at per page


def related_pages(corpus, page, limit: int = 6, *, use_index: bool = True, shown: frozenset = frozenset()) -> list:
    """``shown``: paths the page already lists (a theme's pages), never repeated here."""
    chosen = []
    for slug in page.slugs("related"):
        target = corpus.get(slug)
        if target is not None and target.published and target.path != page.path and target not in chosen and target.path not in shown:
            chosen.append(target)
    text_scores = _neighbours(corpus).of(page) if use_index else {}
    own_themes = set(page.slugs("themes"))
    if page.type == "theme":
        own_themes.add(page.slug)
    # Only pages that share a theme or were found alike can score, and only the best few are
    # shown: rank the pages found by themes alone with set operations and a Counter (in C),
    # instead of scoring every page of the corpus for every page (quadratic).
    candidates = _candidates(corpus)
    order = candidates.order
    lists = [candidates.by_theme[theme] for theme in own_themes if theme in candidates.by_theme]
    skip = {page.path, *(c.path for c in chosen), *shown}

    def ranked(path: str, shared: int, text: float) -> tuple:
        score = TEXT_WEIGHT * text + THEME_WEIGHT * (shared / len(own_themes) if own_themes else 0.0)
        return (-round(score, 3), *order[path])

    scored = []
    for path, text in text_scores.items():
        if path in candidates.by_path and path not in skip:
            shared = sum(path in members for members in lists)
            if text or shared:
                scored.append(ranked(path, shared, text))
    excluded = skip.union(text_scores)
    need = limit - len(chosen)
    if lists and need > 0 and len(own_themes) <= 400:
        # Most often the pages that share every theme are enough: they outrank all others
        # (a score step of 0.4 / themes survives rounding to 3 places up to 400 themes).
        top = frozenset.intersection(*lists) - excluded
        if len(top) >= need:
            rank = ranked(next(iter(top)), len(lists), 0.0)[0]
            scored.extend((rank, *order[path]) for path in heapq.nsmallest(need, top, key=order.__getitem__))
            need = 0
    if limit < 0 or need > 0:
        shared_by_path: Counter = Counter()
        for members in lists:
            shared_by_path.update(members)
        for path in excluded:
            shared_by_path.pop(path, None)
        if limit < 0:
            need = len(shared_by_path)
        by_count: dict[int, list[str]] = {}
        for path, shared in shared_by_path.items():
            by_count.setdefault(shared, []).append(path)
        by_rank: dict[float, list[str]] = {}
        for shared, paths in by_count.items():
            by_rank.setdefault(ranked(paths[0], shared, 0.0)[0], []).extend(paths)
        for rank in sorted(by_rank):
            if need <= 0:
                break
            best = heapq.nsmallest(need, by_rank[rank], key=order.__getitem__)
            scored.extend((rank, *order[path]) for path in best)
            need -= len(best)
    scored.sort()
    chosen.extend(candidates.by_path[path] for *_, path in scored)
    return chosen[:limit]


class _Candidates:
    """The pages "Zie ook" may suggest (published, not of a type shown elsewhere): by path,
    their sort order (folded title, path), and the paths carrying each theme; built once per
    corpus."""

    def __init__(self, corpus):
        self.by_path: dict = {}
        self.order: dict[str, tuple[str, str]] = {}
        by_theme: dict[str, list[str]] = {}
        for other in corpus.published():
            if other.type in NOT_SUGGESTED or other.path in self.by_path:
                continue
            self.by_path[other.path] = other
            self.order[other.path] = (other.title.casefold(), other.path)
            for theme in set(other.slugs("themes")):
                by_theme.setdefault(theme, []).append(other.path)
        self.by_theme: dict[str, frozenset] = {theme: frozenset(paths) for theme, paths in by_theme.items()}


class _Neighbours:
    """More-like-this scores per page from one open searcher, computed on demand and
    kept for the corpus's lifetime (a site build asks for every page once)."""

    def __init__(self, corpus):
        self._found: dict[str, dict[str, float]] = {}
        self._searcher = None
        try:
            from handbook.search import indexing, engine as search_engine

            indexing.update_index(corpus)
            self._searcher = search_engine.searcher(indexing.open_current(corpus.root))
        except Exception:  # no usable index (locked for long, unwritable disk): themes only
            self._searcher = None

    def of(self, page) -> dict[str, float]:
        if self._searcher is None or not page.published:
            return {}
        if page.path not in self._found:
            from handbook.search.indexing import page_record

            record = page_record(page)
            text = "\n".join((record["title"], record["description"], record["body"]))
            hits = self._searcher.more_like(page.path, text, limit=CANDIDATES)
            top = max((score for _, score in hits), default=0.0)
            self._found[page.path] = {path: round(score / top, 3) for path, score in hits if top > 0}
        return self._found[page.path]

    def close(self):
        if self._searcher is not None:
            self._searcher.close()
            self._searcher = None


# What a corpus needs again for every page (candidates by theme, the open searcher), kept
# for as long as that corpus lives: one build asks it once per page.
_neighbour_cache: dict[int, tuple] = {}
_candidate_cache: dict[int, tuple] = {}


def _candidates(corpus) -> _Candidates:
    return _per_corpus(_candidate_cache, corpus, _Candidates)


def _neighbours(corpus) -> _Neighbours:
    return _per_corpus(_neighbour_cache, corpus, _Neighbours)


def _per_corpus(cache: dict, corpus, make):
    entry = cache.get(id(corpus))
    if entry is not None and entry[0]() is corpus:
        return entry[1]
    found = make(corpus)
    cache[id(corpus)] = (weakref.ref(corpus), found)
    weakref.finalize(corpus, _forget, cache, id(corpus), found)
    return found


def _forget(cache: dict, key: int, found) -> None:
    if hasattr(found, "close"):
        found.close()
    entry = cache.get(key)
    if entry is not None and entry[1] is found:
        del cache[key]
