"""Slugs in themes, sources, related and neighbourhood(s) name pages of the right type."""

from handbook.content import schemas
from handbook.content.schemas import TARGETS
from handbook.content.problems import error

ID = "reference"



def check(page, corpus):
    types = schemas.page_types()
    for key, wanted in TARGETS.items():
        if key not in page.meta:
            continue
        value = page.meta[key]
        items = [value] if isinstance(value, str) else value if isinstance(value, list) else []
        for index, slug in enumerate(items):
            if not isinstance(slug, str):
                continue
            target = corpus.get(slug)
            if target is not None and (target.type == wanted or not wanted) and target.path != page.path:
                continue  # the usual case: a page of the right type (its position is looked up only for a problem)
            if target is None and corpus.incomplete:
                continue  # the page may be in what could not be read; the loader reports that
            where = (key,) if isinstance(value, str) else (key, index)
            line, column = page.position(where)
            if target is None:
                candidates = [p.slug for p in corpus.pages if wanted is None or p.type == wanted]
                hint = schemas.suggest(slug, candidates)
                kind = types[wanted].label.lower() if wanted else "pagina"
                if hint:
                    tip = f"; bedoelde je '{hint}'?"
                elif wanted:
                    tip = f"; maak eerst content/{types[wanted].folder}/{slug}.md aan"
                else:
                    tip = "; controleer de bestandsnaam (zonder .md) of haal de verwijzing weg"
                yield error(page.path, line, column, f"{kind} '{slug}' bestaat niet{tip}", ID)
            elif wanted and target.type != wanted:
                yield error(
                    page.path,
                    line,
                    column,
                    f"'{slug}' is een {types[target.type].label.lower()}, geen {types[wanted].label.lower()}; "
                    f"onder '{key}' horen alleen bestanden uit content/{types[wanted].folder}/",
                    ID,
                )
            elif target.path == page.path:
                yield error(page.path, line, column, f"de pagina verwijst onder '{key}' naar zichzelf; haal '{slug}' weg", ID)

