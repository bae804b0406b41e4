"""Pages made at build time from the content (overviews, references), never committed.

Each producer is a plain function ``(corpus) -> {content-relative path: Markdown}``;
the site adapter adds their output as generated files. Engines other than mkdocs
can call ``generated_pages`` the same way.
"""

from __future__ import annotations

from handbook import listings, schema_docs

PRODUCERS: list = [listings.overview_pages, schema_docs.front_matter_reference]


def generated_pages(corpus) -> dict[str, str]:
    pages: dict[str, str] = {}
    for producer in PRODUCERS:
        pages.update(producer(corpus))
    return pages
