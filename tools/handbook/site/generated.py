"""Pages made at build time from the content (overviews, references), never committed.

Each producer is a plain function ``(corpus) -> {content-relative path: Markdown}``;
the site adapter adds their output as generated files. Engines other than mkdocs
can call ``generated_pages`` the same way.
"""

from __future__ import annotations

from handbook.site import listings

from handbook.authoring import schema_docs

PRODUCERS: list = [listings.overview_pages, schema_docs.front_matter_reference]
CARD_PRODUCERS = (listings.overview_pages,)  # those that take a ``cards`` function


def generated_pages(corpus, cards=None) -> dict[str, str]:
    """``cards`` stands in for ``listings.cards`` in the overviews (see ``listings.cards_html``)."""
    pages: dict[str, str] = {}
    for producer in PRODUCERS:
        pages.update(producer(corpus, cards=cards) if cards is not None and producer in CARD_PRODUCERS else producer(corpus))
    return pages
