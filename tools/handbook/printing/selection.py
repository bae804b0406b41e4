"""Which pages go on paper: a theme, a page type, a search query or named pages.

Every way of choosing ends in a ``Selection``: a title and description for the
cover, the pages in reading order, and the date of the content (the newest
``updated`` among them, never the clock, so the same pages print the same).
Wrong input raises ``PrintError`` with a Dutch message and, where one is close,
a suggestion.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from pathlib import PurePosixPath

from handbook.content import schemas

# Types that make up a booklet; themes, sources and neighbourhoods are context.
CONTENT_TYPES = ("method", "tip", "roadshow", "practice")


class PrintError(Exception):
    """Bad input for print: the message is Dutch and says how to fix it."""


@dataclass(frozen=True)
class Selection:
    kind: str  # "theme", "type", "query" or "pages"
    key: str  # the theme slug, type name, query or "" for named pages
    title: str
    description: str
    pages: tuple  # loader Pages, in reading order
    intro: object = None  # the theme page, whose text opens the booklet

    @property
    def updated(self) -> str:
        """The newest 'updated' date (YYYY-MM-DD) of the pages and the theme page, or ''."""
        dates = [str(p.meta.get("updated")) for p in (*self.pages, self.intro) if p is not None and p.meta.get("updated")]
        return max(dates, default="")

    @property
    def name(self) -> str:
        """A file name stem for the print."""
        if self.kind in ("theme", "type"):
            return self.key
        if self.kind == "query":
            return "zoeken-" + _slugify(self.key)
        return self.pages[0].slug if len(self.pages) == 1 else "selectie"


def _fold(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text.casefold()) if not unicodedata.combining(c))


def _slugify(text: str) -> str:
    words = "".join(c if c.isalnum() else " " for c in _fold(text)).split()
    return "-".join(words)[:60] or "selectie"


def _type_order(page):
    order = list(schemas.page_types())
    return (order.index(page.type) if page.type in order else 99, page.title.casefold(), page.slug)


def _hint(word: str, choices) -> str:
    match = schemas.suggest(word, choices)
    return f" — bedoelde je '{match}'?" if match else ""


def themes(corpus) -> list:
    return corpus.of_type("theme")


def by_theme(corpus, slug: str, allow_empty: bool = False) -> Selection:
    """A theme's pages. ``allow_empty``: a theme without pages still gets its
    cover and introduction (the site offers a print of every theme page)."""
    theme = next((t for t in themes(corpus) if t.slug == slug), None)
    if theme is None:
        slugs = [t.slug for t in themes(corpus)]
        hint = _hint(slug, slugs)
        if not hint and slugs:
            hint = f"; kies uit: {', '.join(slugs)}"
        raise PrintError(f"onbekend thema '{slug}'{hint}")
    pages = [p for p in corpus.published() if p.type in CONTENT_TYPES and slug in p.slugs("themes")]
    if not pages and not allow_empty:
        raise PrintError(
            f"het thema '{slug}' heeft nog geen gepubliceerde methoden, tips, roadshows of praktijken; "
            "er is niets om te printen"
        )
    return Selection("theme", slug, theme.title, theme.description, tuple(sorted(pages, key=_type_order)), theme)


def _type_names() -> dict[str, str]:
    """Every way to name a type (method, methode, methoden) -> the type name."""
    names = {}
    for t in schemas.page_types().values():
        for word in (t.name, t.label, t.plural, t.folder):
            if word:
                names[_fold(word)] = t.name
    return names


def by_type(corpus, word: str) -> Selection:
    names = _type_names()
    type_name = names.get(_fold(word))
    if type_name is None:
        choices = [t.folder for t in schemas.page_types().values() if t.folder]
        match = schemas.suggest(_fold(word), list(names))
        folder = schemas.page_types()[names[match]].folder if match else ""
        hint = f" — bedoelde je '{folder}'?" if folder else f"; kies uit: {', '.join(choices)}"
        raise PrintError(f"onbekend paginatype '{word}'{hint}")
    page_type = schemas.page_types()[type_name]
    pages = corpus.of_type(type_name)
    if not pages:
        raise PrintError(f"er zijn nog geen gepubliceerde {page_type.plural.lower()}; er is niets om te printen")
    description = f"Alle {page_type.plural.lower()} uit het handboek."
    return Selection("type", page_type.folder, page_type.plural, description, tuple(pages))


def by_query(corpus, query: str, search) -> Selection:
    """``search(corpus, query)`` gives the matching pages, best first."""
    query = query.strip()
    if not query:
        raise PrintError("de zoekopdracht is leeg; geef een of meer woorden, bijvoorbeeld --query casusbespreking")
    pages = [p for p in search(corpus, query) if p.published and p.type in CONTENT_TYPES]
    if not pages:
        raise PrintError(
            f"niets gevonden voor '{query}'; probeer een ander of korter woord, of kies een thema met --theme"
        )
    return Selection("query", query, f"Zoekresultaat: {query}", f"Pagina's uit het handboek over '{query}'.", tuple(pages))


def _find(corpus, word: str):
    """A page by slug, by path (content/tips/x.md) or by content-relative path (tips/x.md)."""
    if corpus.get(word) is not None:
        return corpus.get(word)
    path = PurePosixPath(word).as_posix()
    for candidate in (path, f"content/{path}", f"content/{path}.md", f"{path}.md"):
        if candidate in corpus.by_path:
            return corpus.by_path[candidate]
    return None


def by_pages(corpus, words) -> Selection:
    pages = []
    for word in words:
        page = _find(corpus, word)
        if page is None:
            hint = _hint(PurePosixPath(word).stem, [p.slug for p in corpus.pages])
            raise PrintError(f"onbekende pagina '{word}'{hint}")
        if not page.valid:
            raise PrintError(f"de pagina '{page.path}' heeft fouten; draai eerst 'handbook check {page.path}' en herstel ze")
        if page not in pages:
            pages.append(page)
    if not pages:
        raise PrintError("geen pagina's gekozen; noem een thema (--theme), een type (--type), een zoekopdracht (--query) of pagina's")
    if len(pages) == 1:
        only = pages[0]
        return Selection("pages", "", only.title, only.description, tuple(pages))
    return Selection("pages", "", "Selectie uit het handboek", f"{len(pages)} pagina's, gekozen voor een bijeenkomst.", tuple(pages))


def plain_search(corpus, query: str) -> list:
    """Pages that contain every word of the query (diacritics folded), title matches first.

    Used when the handbook's search index is not available."""
    words = _fold(query).split()
    found = []
    for page in corpus.published():
        title = _fold(page.title)
        text = " ".join((title, _fold(page.description), _fold(page.body)))
        if all(w in text for w in words):
            found.append((-sum(w in title for w in words), -sum(text.count(w) for w in words), page.title.casefold(), page))
    return [item[-1] for item in sorted(found, key=lambda t: t[:3])]


def select(corpus, *, theme=None, type=None, query=None, pages=(), search=None) -> Selection:
    if theme:
        return by_theme(corpus, theme)
    if type:
        return by_type(corpus, type)
    if query is not None:
        return by_query(corpus, query, search or plain_search)
    return by_pages(corpus, pages)
