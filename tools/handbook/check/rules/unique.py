"""Slugs and titles are unique across the handbook."""

from handbook.content.loader import title_key
from handbook.content.problems import error

ID = "unique"


def check(page, corpus):
    same_slug = [p for p in corpus.by_slug.get(page.slug, []) if p.path != page.path]
    if same_slug:
        others = ", ".join(p.path for p in same_slug)
        yield error(
            page.path, 1, 1, f"de bestandsnaam '{page.slug}' bestaat al ({others}); kies een andere naam", "unique-slug"
        )
    title = page.meta.get("title")
    if isinstance(title, str):
        same_title = [p for p in corpus.by_title.get(title_key(title), []) if p.path != page.path]
        if same_title:
            line, column = page.position(("title",))
            yield error(
                page.path,
                line,
                column,
                f"de titel '{title}' staat ook op {same_title[0].path}; geef elke pagina een eigen titel",
                "unique-title",
            )
