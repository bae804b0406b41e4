"""A page that cites a background reference says where it uses it ('Achtergrond: ...').

Background references (sources with ``kind: achtergrond``) are not the learning network's own
texts; a reader must see in the page itself which statement rests on one, not only in the
list of sources at the bottom."""

from handbook.content.problems import warning

ID = "background"
MARK = "achtergrond:"


def check(page, corpus):
    sources = page.meta.get("sources")
    if not isinstance(sources, list):
        return
    background = [
        (index, slug) for index, slug in enumerate(sources)
        if isinstance(slug, str) and corpus.get(slug) is not None and corpus.get(slug).meta.get("kind") == "achtergrond"
    ]
    if not background or MARK in page.body.lower():
        return
    for index, slug in background:
        line, column = page.position(("sources", index))
        yield warning(
            page.path,
            line,
            column,
            f"'{slug}' is een achtergrondbron, geen bron van het leernetwerk; zeg in de tekst waar je die "
            "gebruikt, met 'Achtergrond: ...' en een link naar de bron",
            ID,
        )
