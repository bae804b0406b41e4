"""Which pages belong with a page ("Zie ook").

First the page's own ``related`` list, in its order. Then the pages the search index
finds most alike (more-like-this over title, description and body), lifted by the
themes they share with the page. Stable from build to build: scores are rounded and
ties are broken by title and path, never by file order, time or index layout.
"""

from __future__ import annotations

import weakref

# Types that have their own place on a page (theme listings, source lists, the
# neighbourhood line) and are not offered again under "Zie ook".
NOT_SUGGESTED = ("theme", "source", "neighbourhood", "page")
TEXT_WEIGHT, THEME_WEIGHT = 0.6, 0.4
CANDIDATES = 30  # more-like-this hits looked at per page


def related_pages(corpus, page, limit: int = 6, *, use_index: bool = True) -> list:
    chosen = []
    for slug in page.slugs("related"):
        target = corpus.get(slug)
        if target is not None and target.published and target.path != page.path and target not in chosen:
            chosen.append(target)
    text_scores = _neighbours(corpus).of(page) if use_index else {}
    own_themes = set(page.slugs("themes"))
    if page.type == "theme":
        own_themes.add(page.slug)
    # Only pages that share a theme or were found alike can score: look those up instead of
    # walking the whole corpus for every page (a site build asks for every page: quadratic).
    candidates = _candidates(corpus)
    shared_by_path: dict[str, int] = {}
    for theme in own_themes:
        for path in candidates.by_theme.get(theme, ()):
            shared_by_path[path] = shared_by_path.get(path, 0) + 1
    skip = {page.path, *(c.path for c in chosen)}
    scored = []
    for path in shared_by_path.keys() | text_scores.keys():
        other = candidates.by_path.get(path)
        if other is None or path in skip:
            continue
        shared = shared_by_path.get(path, 0)
        text = text_scores.get(path, 0.0)
        if not shared and not text:
            continue
        score = TEXT_WEIGHT * text + THEME_WEIGHT * (shared / len(own_themes) if own_themes else 0.0)
        scored.append((-round(score, 3), other.title.casefold(), other.path, other))
    scored.sort(key=lambda t: t[:3])
    chosen.extend(other for *_, other in scored)
    return chosen[:limit]


class _Candidates:
    """The pages "Zie ook" may suggest (published, not of a type shown elsewhere), by path
    and by each theme they carry; built once per corpus."""

    def __init__(self, corpus):
        self.by_path: dict = {}
        self.by_theme: dict[str, list[str]] = {}
        for other in corpus.published():
            if other.type in NOT_SUGGESTED:
                continue
            self.by_path.setdefault(other.path, other)
            for theme in set(other.slugs("themes")):
                self.by_theme.setdefault(theme, []).append(other.path)


class _Neighbours:
    """More-like-this scores per page from one open searcher, computed on demand and
    kept for the corpus's lifetime (a site build asks for every page once)."""

    def __init__(self, corpus):
        self._found: dict[str, dict[str, float]] = {}
        self._searcher = None
        try:
            from handbook import indexing, search_engine

            indexing.update_index(corpus)
            self._searcher = search_engine.searcher(indexing.open_current(corpus.root))
        except Exception:  # no usable index (locked for long, unwritable disk): themes only
            self._searcher = None

    def of(self, page) -> dict[str, float]:
        if self._searcher is None or not page.published:
            return {}
        if page.path not in self._found:
            from handbook.indexing import page_record

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


_cache: dict[int, tuple] = {}
_candidate_cache: dict[int, tuple] = {}


def _candidates(corpus) -> _Candidates:
    entry = _candidate_cache.get(id(corpus))
    if entry is not None and entry[0]() is corpus:
        return entry[1]
    found = _Candidates(corpus)
    _candidate_cache[id(corpus)] = (weakref.ref(corpus), found)
    weakref.finalize(corpus, _candidate_cache.pop, id(corpus), None)
    return found


def _neighbours(corpus) -> _Neighbours:
    entry = _cache.get(id(corpus))
    if entry is not None and entry[0]() is corpus:
        return entry[1]
    found = _Neighbours(corpus)
    _cache[id(corpus)] = (weakref.ref(corpus), found)
    weakref.finalize(corpus, _forget, id(corpus), found)
    return found


def _forget(key: int, found: _Neighbours) -> None:
    found.close()
    entry = _cache.get(key)
    if entry is not None and entry[1] is found:
        del _cache[key]
