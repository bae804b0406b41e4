"""What a page shows around its text, as plain data for the templates.

The metadata card, theme chips, full source citations, "Zie ook", last updated
date, edit link and print links of a page; and the entry points of the home
page. Small frozen records; every URL is already relative to the page that shows
it, so the templates only lay things out (and the site works opened from disk).

``url_of(page) -> str`` gives a loader page's URL relative to the site root, as the
site engine makes it ('methoden/x.html' or 'methoden/x/'); ``here`` is the URL of
the page being shown.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable
from urllib.parse import urljoin

from handbook.authoring import forms
from handbook.content import display, schemas, web_address

from handbook.site import listings
from handbook.printing.selection import by_theme
from handbook.printing.site import handout_path
from handbook.search.related import related_pages


def booklet_pages(corpus, slug: str) -> tuple:
    return by_theme(corpus, slug, allow_empty=True).pages

PRINT_DIR = "print"


@dataclass(frozen=True)
class Link:
    title: str
    href: str
    label: str = ""  # the target's type, e.g. "Methode"
    description: str = ""


@dataclass(frozen=True)
class Fact:
    label: str
    value: str = ""
    links: tuple = ()  # Link records, shown after value
    items: tuple = ()  # (name, explanation) pairs, e.g. a method's roles
    lines: tuple = ()  # plain sentences shown as a list, e.g. a method's preparation


@dataclass(frozen=True)
class Citation:
    text: str  # the full citation, without the web address
    href: str  # the source's own page in the handbook
    web: str  # the source's web address, '' if none


@dataclass(frozen=True)
class PageView:
    type: str
    type_label: str
    description: str
    facts: tuple
    audience: str
    themes: tuple
    sources: tuple
    sources_heading: str
    related: tuple
    updated: str  # '23 november 2026'
    updated_iso: str  # '2026-11-23', for the <time> element
    edit_url: str
    print_html: str  # theme pages: the printed booklet; '' otherwise
    print_pdf: str
    listing_href: str = ""  # theme pages: a jump to the pages with this theme
    listing_label: str = ""
    booklet_note: str = ""  # theme pages: what the booklet holds, so the two counts agree
    handout_pdf: str = ""  # method pages: the one-sheet card (print/kaart-<slug>.pdf)
    improve_url: str = ""  # the correction form with this page named
    tip_url: str = ""  # theme pages: the tip form with this theme chosen


@dataclass(frozen=True)
class Entry:
    title: str
    href: str
    text: str
    count_label: str  # '12 methoden', '1 pagina'
    kind: str  # the type name, for the card's icon


@dataclass(frozen=True)
class HomeView:
    types: tuple
    themes: tuple


UrlOf = Callable[[object], str]


def _link(target, url_of: UrlOf, here: str, with_type: bool = False) -> Link:
    label = schemas.page_types()[target.type].label if with_type else ""
    return Link(target.title, display.relative_href(here, url_of(target)), label, target.description)


def _published(corpus, slugs, type_name: str | None = None) -> list:
    found = []
    for slug in slugs:
        target = corpus.get(slug)
        if target is not None and target.published and (type_name is None or target.type == type_name):
            found.append(target)
    return found


def card_facts(corpus, page, url_of: UrlOf, here: str) -> tuple:
    """The metadata card of a page, by type: method, roadshow, tip, practice, neighbourhood, source."""
    meta = page.meta
    facts: list[Fact] = []
    if page.type == "method":
        facts.append(Fact("Duur", display.span(meta.get("duration"), "minuten")))
        facts.append(Fact("Groepsgrootte", display.span(meta.get("group_size"), "deelnemers")))
        roles = tuple(
            (str(r.get("name", "")), str(r.get("task", ""))) for r in meta.get("roles") or () if isinstance(r, dict)
        )
        facts.append(Fact("Rollen", items=roles))
        # Always shown: a method whose sources say nothing about preparing says so, rather than leaving a gap.
        prepared = display.preparation(page)
        facts.append(Fact("Voorbereiding", "" if prepared else display.UNKNOWN_FROM_SOURCES, lines=prepared))
        materials = [str(m) for m in meta.get("materials") or []] if isinstance(meta.get("materials"), list) else []
        facts.append(Fact("Materialen", display.names(materials) if materials else "niets nodig"))
        facts.append(Fact("Doelgroep", display.target_groups(page)))
    elif page.type == "roadshow":
        slug = meta.get("neighbourhood") if isinstance(meta.get("neighbourhood"), str) else ""
        hoods = _published(corpus, [slug] if slug else [])
        facts.append(Fact("Wijk", "" if hoods else slug, links=tuple(_link(h, url_of, here) for h in hoods)))
        facts.append(Fact("Datum", display.dutch_date(meta.get("date"))))
        facts.append(Fact("Organisatie", display.names(meta.get("organisers"))))
    elif page.type == "practice":
        facts.append(Fact("Plaats", str(meta.get("city") or "")))
        hoods = _published(corpus, page.slugs("neighbourhoods"))
        facts.append(Fact("Wijken", links=tuple(_link(h, url_of, here) for h in hoods)))
        facts.append(Fact("Organisaties", display.names(meta.get("organisations"))))
        facts.append(Fact("Periode", str(meta.get("period") or "")))
        facts.append(Fact("Doelgroep", display.target_groups(page)))
    elif page.type == "neighbourhood":
        facts.append(Fact("Plaats", str(meta.get("city") or "")))
    elif page.type == "source":
        if display.is_background(page):
            facts.append(Fact("Soort", "Achtergrondbron: geen bron van het leernetwerk zelf"))
        facts.append(Fact("Auteurs", display.names(meta.get("authors"))))
        facts.append(Fact("Jaar", "onbekend" if display.year(meta.get("year")) == "z.j." else str(meta.get("year"))))
        facts.append(Fact("Uitgever", str(meta.get("publisher") or "")))
        if meta.get("isbn"):
            facts.append(Fact("ISBN", str(meta["isbn"])))
        if meta.get("verified_in"):
            facts.append(Fact("Gecontroleerd in", str(meta["verified_in"])))
    if page.slugs("audience"):
        facts.append(Fact("Voor wie", display.audience(page)))
    return tuple(f for f in facts if f.value or f.links or f.items or f.lines)


def _web(url) -> str:
    return url if isinstance(url, str) and url and web_address.is_web_url(url) else ""


def citations(corpus, page, url_of: UrlOf, here: str) -> tuple:
    """Full citations of the sources a page names; a source page cites itself."""
    found = _published(corpus, page.slugs("sources"), "source")
    if page.type == "source" and page not in found:
        found.insert(0, page)
    return tuple(
        Citation(
            display.citation(s),
            "" if s is page else display.relative_href(here, url_of(s)),  # no link from a source to itself
            # Only an http(s) address is linked (review F4): the schema's format says so, and a
            # page built without the check must not get another into its href either.
            _web(s.meta.get("url")),
        )
        for s in found
    )


def edit_base(repo_url: str, edit_uri: str) -> str:
    """Where 'edit this page' links start: the repository address, then the edit path.

    urljoin alone would drop the repository's name from 'https://github.com/org/repo'
    (no trailing slash) and send every edit link to a page that does not exist."""
    if not repo_url or not edit_uri:
        return ""
    joined = urljoin(repo_url.rstrip("/") + "/", edit_uri)
    return joined if joined.endswith("/") else joined + "/"


def contribution_urls(page, url_of: UrlOf, repo_url: str, site_url: str = "") -> tuple[str, str]:
    """The forms a page leads to, filled in for it: (correction form, tip form for a theme).

    The correction names the page by its title and, when the site's address is known, its
    address; a theme page chooses itself in the tip form's theme list, by the option's label
    (GitHub prefills a dropdown by label). No repository, no links."""
    if not repo_url:
        return "", ""
    address = urljoin(site_url, url_of(page)) if site_url else ""
    named = f"{page.title} ({address})" if address else page.title
    improve = forms.form_url(repo_url, forms.CORRECTION_FILE, pagina=named)
    tip = forms.form_url(repo_url, forms.FORM_FILES["tip"], themes=page.title) if page.type == "theme" else ""
    return improve, tip


def page_view(
    corpus, page, url_of: UrlOf, here: str, edit_base: str = "", related_limit: int = 6, repo_url: str = "", site_url: str = ""
) -> PageView:
    themes = tuple(_link(t, url_of, here) for t in _published(corpus, page.slugs("themes"), "theme"))
    # Pages the page's own listing shows (a theme's, neighbourhood's or source's) are not repeated in "Zie ook".
    shown = frozenset(p.path for p in listings.listed_on(corpus, page))
    related = tuple(_link(r, url_of, here, with_type=True) for r in related_pages(corpus, page, related_limit, shown=shown))
    updated = page.meta.get("updated")
    updated_iso = updated if isinstance(updated, str) else ""
    printable = page.type == "theme"
    tagged = len([p for p in listings.tagged(corpus, page.slug) if p is not page]) if printable else 0
    pages_text = display.counted(tagged, "pagina", "pagina's")
    # The booklet prints the methods, tips, roadshows and practices of the theme; the listing also
    # shows its sources and neighbourhoods. Say so, so "6 pagina's" here and "5" on the cover agree.
    booklet = len(booklet_pages(corpus, page.slug)) if printable else 0
    left_out = tagged - booklet
    booklet_note = (
        f"Het boekje bevat de {display.counted(booklet, 'pagina', 'pagina’s')} met methoden, tips, roadshows en praktijken"
        + (f"; de {display.counted(left_out, 'andere pagina', 'andere pagina’s')} (bronnen en wijken) staan alleen online." if left_out else ".")
    ) if printable else ""
    improve_url, tip_url = contribution_urls(page, url_of, repo_url, site_url)
    return PageView(
        type=page.type,
        type_label=schemas.page_types()[page.type].label,
        description=page.description,
        facts=card_facts(corpus, page, url_of, here),
        audience=display.audience(page),
        themes=themes,
        sources=citations(corpus, page, url_of, here),
        sources_heading="Zo verwijs je naar deze bron" if page.type == "source" else "Bronnen",
        related=related,
        updated=display.dutch_date(updated_iso),
        updated_iso=updated_iso,
        edit_url=f"{edit_base}{page.rel}" if edit_base else "",
        print_html=display.relative_href(here, f"{PRINT_DIR}/{page.slug}.html") if printable else "",
        print_pdf=display.relative_href(here, f"{PRINT_DIR}/{page.slug}.pdf") if printable else "",
        listing_href=f"#{listings.THEME_ANCHOR}" if tagged else "",
        listing_label=f"Alle {pages_text} bij dit thema" if tagged else "",
        booklet_note=booklet_note,
        handout_pdf=display.relative_href(here, handout_path(page.slug)) if page.type == "method" else "",
        improve_url=improve_url,
        tip_url=tip_url,
    )


# What each entry point on the home page promises, in the reader's words.
# In this order; sources are reached from every page that cites them.
ENTRY_TEXT = {
    "method": "Werkvormen in stappen, met duur, groepsgrootte en rollen.",
    "tip": "Korte tips uit de praktijk, elk met een bron.",
    "theme": "Alles over één onderwerp bij elkaar.",
    "roadshow": "Verslagen van themabijeenkomsten in de wijk.",
    "practice": "Wat anderen deden, met wie, en wat het opleverde.",
    "neighbourhood": "De wijken waar het gebeurde.",
}


def home_view(corpus, folder_url: Callable[[str], str], url_of: UrlOf, here: str) -> HomeView:
    """Entry points by type (with counts) and by theme. ``folder_url(folder)`` gives an overview's URL."""
    types = []
    for name, text in ENTRY_TEXT.items():
        page_type = schemas.page_types()[name]
        count = len(corpus.of_type(name))
        if count:
            href = display.relative_href(here, folder_url(page_type.folder))
            label = display.counted(count, page_type.label.lower(), page_type.plural.lower())
            types.append(Entry(page_type.plural, href, text, label, name))
    themes = []
    for theme in corpus.of_type("theme"):
        count = len(listings.tagged(corpus, theme.slug))
        label = display.counted(count, "pagina", "pagina's")
        themes.append(Entry(theme.title, display.relative_href(here, url_of(theme)), theme.description, label, "theme"))
    return HomeView(tuple(types), tuple(themes))
