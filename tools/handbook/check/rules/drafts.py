"""Drafts are never published: a published page may not point at a draft."""

from handbook.check import markdown_scan
from handbook.content.problems import error
from handbook.check.rules import links as link_rule
from handbook.content.schemas import TARGETS

ID = "draft"


def check(page, corpus):
    if not page.published:
        return
    for key in TARGETS:
        value = page.meta.get(key)
        items = [value] if isinstance(value, str) else value if isinstance(value, list) else []
        for index, slug in enumerate(items):
            target = corpus.get(slug) if isinstance(slug, str) else None
            if target is not None and target.status == "draft":
                where = (key,) if isinstance(value, str) else (key, index)
                line, column = page.position(where)
                yield error(
                    page.path,
                    line,
                    column,
                    f"'{slug}' is nog een concept (status: draft) en wordt niet gepubliceerd; "
                    "haal de verwijzing weg of publiceer die pagina eerst",
                    ID,
                )
    for link in markdown_scan.links(page):
        rel = link_rule.resolve(page, link.target)
        target = corpus.by_path.get(f"content/{rel}") if rel else None
        if target is not None and target.status == "draft":
            yield error(
                page.path,
                link.line,
                link.column,
                f"de link wijst naar '{target.slug}', dat nog een concept is en niet gepubliceerd wordt",
                ID,
            )
