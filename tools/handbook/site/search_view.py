"""What the site's search (Pagefind) learns about a page, as plain data for the templates.

The templates put it into the page as Pagefind's data attributes (overrides/partials/
hb-search-data.html): filters (type, themes, audience, place, part of the handbook),
metadata shown with a result (type, description), and the extra terms of the handbook's
Dutch analysis in a metadata field that is searched but never shown (handbook.search.site_terms).
"""

from __future__ import annotations

from dataclasses import dataclass

from handbook.content import display, schemas
from handbook.search.site_terms import weighed_terms

PART_READERS, PART_CONTRIBUTORS = "lezers", "bijdragers"
# Only contributor pages carry the 'deel' filter, and the box asks for pages *without* it
# (Pagefind's 'not'): a query then loads a filter file that lists the few contributor pages,
# not one that lists every reader page (19 KB gzipped at 10,000 pages; issue 14).
PART_FILTER = "deel"


@dataclass(frozen=True)
class SearchView:
    type_label: str
    description: str
    part: str
    filters: tuple  # (name, value) pairs, a name may repeat
    terms: str  # the handbook's extra terms, searched but never shown
    key_terms: str  # those for what the title names, ranked as high as the title


def _title(corpus, slug: str) -> str:
    target = corpus.get(slug)
    return target.title if target is not None and target.status == "published" else ""


def search_view(corpus, page) -> SearchView:
    types = schemas.page_types()
    page_type = types.get(page.type)
    label = page_type.label if page_type is not None and page.type != "page" else "Pagina"
    part = PART_CONTRIBUTORS if schemas.for_contributors(page.rel) else PART_READERS
    filters = [("type", label)] + ([(PART_FILTER, part)] if part == PART_CONTRIBUTORS else [])
    filters += [("thema", t) for t in (_title(corpus, s) for s in page.slugs("themes")) if t]
    filters += [("voor", display.AUDIENCE_LABELS.get(a, a)) for a in page.slugs("audience")]
    places = []
    city = page.meta.get("city")
    if isinstance(city, str) and city:
        places.append(city)
    for key in ("neighbourhoods", "neighbourhood"):
        places += [t for t in (_title(corpus, s) for s in page.slugs(key)) if t]
    if page.type == "neighbourhood":
        places.append(page.title)
    filters += [("plaats", p) for p in dict.fromkeys(places)]
    key, rest = weighed_terms(page.title, page.description or "", page.body or "")
    return SearchView(label, page.description or "", part, tuple(filters), " ".join(rest), " ".join(key))
