"""Which pages belong with a page ("Zie ook"): its own ``related`` list first,
then the pages that share most of its themes. Stable from build to build: ties
are broken by title, never by file order or time."""

from __future__ import annotations


def related_pages(corpus, page, limit: int = 6) -> list:
    chosen = []
    for slug in page.slugs("related"):
        target = corpus.get(slug)
        if target is not None and target.published and target.path != page.path and target not in chosen:
            chosen.append(target)
    own_themes = set(page.slugs("themes"))
    if page.type == "theme":
        own_themes.add(page.slug)
    scored = []
    for other in corpus.published():
        if other.path == page.path or other in chosen or other.type in ("theme", "source", "neighbourhood", "page"):
            continue
        shared = len(own_themes & set(other.slugs("themes")))
        if shared:
            scored.append((-shared, other.title.casefold(), other))
    chosen.extend(other for _, _, other in sorted(scored, key=lambda t: t[:2]))
    return chosen[:limit]
