"""Overview pages built from the corpus at build time, never committed.

- one overview per type folder (``methoden/index.md``, ...): a card per page with
  its description and key facts; each overview carries the data attributes and the
  filter form of the facets its cards differ in (``facets``: theme, audience, target
  group, place, year, kind of source, duration), which the site's script switches on;
- a listing appended to theme, neighbourhood and source pages: every published
  page tagged with the theme, set in the neighbourhood, or citing the source,
  grouped by type.

Plain functions from the loader's corpus to Markdown (with ``md_in_html`` blocks
so that links stay Markdown links that the site engine checks and rewrites).
Drafts never appear: only ``corpus.published()`` pages are listed.
"""

from __future__ import annotations

import posixpath
import re
import weakref

from handbook.content import display, schemas
from handbook.site import facets

# Reader-facing introductions of each overview (the schemas' descriptions speak to contributors).
INTROS = {
    "method": "Werkvormen om samen een situatie uit de praktijk te bespreken en ervan te leren. "
    "Bij elke methode staat hoe lang ze duurt, met hoeveel mensen je haar doet en wie welke rol heeft. "
    "Staat er '(suggestie)' bij een getal, dan komt het niet uit een bron.",
    "tip": "Korte, praktische tips uit de praktijk. Elke tip noemt de bron waar hij vandaan komt.",
    "roadshow": "Verslagen van roadshows: bijeenkomsten rond een thema in een wijk, waar mensen elkaar "
    "ontmoeten en samen leren.",
    "practice": "Praktijken en initiatieven uit wijken in Nederland: wat ze deden, met wie, en wat het opleverde.",
    "theme": "De thema's van het handboek. Bij elk thema vind je alle methoden, tips, roadshows en praktijken "
    "die erover gaan.",
    "neighbourhood": "De wijken waar de praktijken en roadshows uit dit handboek plaatsvonden.",
    "source": "De publicaties waarop dit handboek is gebaseerd. Bij elke bron zie je welke pagina's eruit putten.",
}

# The order in which a theme page groups its pages.
GROUP_ORDER = ("method", "tip", "roadshow", "practice", "neighbourhood", "source")


THEME_ANCHOR = "alles-bij-dit-thema"  # where a theme page's listing starts



def _link(page, from_rel: str) -> str:
    return posixpath.relpath(page.rel, posixpath.dirname(from_rel) or ".")


def tagged(corpus, theme_slug: str) -> list:
    return list(_references(corpus)["themes"].get(theme_slug, ()))


def in_neighbourhood(corpus, slug: str) -> list:
    return list(_references(corpus)["neighbourhoods"].get(slug, ()))


def citing(corpus, slug: str) -> list:
    return list(_references(corpus)["sources"].get(slug, ()))


_reference_cache: dict[int, tuple] = {}


def _references(corpus) -> dict[str, dict[str, list]]:
    """Published pages by the theme, neighbourhood and source slugs they name, in corpus
    order; made once per corpus (a site build asks for every theme and source page, and
    a scan of the corpus each time made the build quadratic)."""
    entry = _reference_cache.get(id(corpus))
    if entry is not None and entry[0]() is corpus:
        return entry[1]
    found: dict[str, dict[str, list]] = {"themes": {}, "neighbourhoods": {}, "sources": {}}
    for page in corpus.published():
        for key in ("themes", "sources"):
            for slug in dict.fromkeys(page.slugs(key)):
                found[key].setdefault(slug, []).append(page)
        hood = page.meta.get("neighbourhood")
        hoods = page.slugs("neighbourhoods")
        for slug in dict.fromkeys(([hood] if isinstance(hood, str) else []) + hoods):
            found["neighbourhoods"].setdefault(slug, []).append(page)
    _reference_cache[id(corpus)] = (weakref.ref(corpus), found)
    weakref.finalize(corpus, _reference_cache.pop, id(corpus), None)
    return found


def facts(page, corpus) -> list[str]:
    """The key facts on a page's card: short, in the order a reader scans them."""
    meta = page.meta
    found: list[str] = []
    if page.type == "method":
        found += [display.span(meta.get("duration"), "minuten"), display.span(meta.get("group_size"), "deelnemers")]
    elif page.type == "roadshow":
        hood = corpus.get(meta.get("neighbourhood") or "")
        found.append(hood.title if hood is not None else str(meta.get("neighbourhood") or ""))
        date = meta.get("date")
        found.append("datum onbekend" if date == "onbekend" else display.dutch_date(date))
    elif page.type == "practice":
        found += [str(meta.get("city") or ""), str(meta.get("period") or "").replace("onbekend", "periode onbekend")]
    elif page.type == "source":
        found += ["achtergrondbron" if display.is_background(page) else ""]
        found += [display.names(meta.get("authors")), display.year(meta.get("year"))]
    elif page.type == "neighbourhood":
        found.append(str(meta.get("city") or ""))
    elif page.type == "theme":
        count = len(tagged(corpus, page.slug))
        found.append(display.counted(count, "pagina", "pagina's"))
    if page.type == "tip" and page.slugs("themes"):
        titles = [corpus.get(s).title for s in page.slugs("themes") if corpus.get(s) is not None]
        found.append("thema: " + display.names(titles) if len(titles) == 1 else "thema's: " + display.names(titles))
    if page.type in ("method", "tip") and page.slugs("audience"):
        found.append("voor " + display.audience(page))
    return [f for f in found if f]


def _data_attributes(page, corpus) -> str:
    return "".join(f' {name}="{display.html_text(value)}"' for name, value in facets.card_data(page, corpus))


def card(page, corpus, from_rel: str, show_type: bool = False, filterable: bool = False) -> str:
    """One card: title link, description, key facts. A list item of a ``cards`` list."""
    label = schemas.page_types()[page.type].label if show_type else ""
    attrs = _data_attributes(page, corpus) if filterable else ""
    lines = [f'<li class="hb-card hb-card--{page.type}" data-hb-card{attrs} markdown>']
    if label:
        lines.append(f'<span class="hb-card__type">{display.html_text(label)}</span>')
    lines.append(
        f'<p class="hb-card__title" markdown="span">[{display.md_text(page.title)}]({_link(page, from_rel)})</p>'
    )
    if page.description:
        lines.append(f'<p class="hb-card__text" markdown="span">{display.md_text(page.description)}</p>')
    found = facts(page, corpus)
    if found:
        items = "".join(f"<li>{display.html_text(f)}</li>" for f in found)
        lines.append(f'<ul class="hb-card__facts">{items}</ul>')
    lines.append("</li>")
    return "\n".join(lines)


def cards(pages, corpus, from_rel: str, show_type: bool = False, filterable: bool = False) -> str:
    body = "\n".join(card(p, corpus, from_rel, show_type, filterable) for p in pages)
    return f'<ul class="hb-cards" markdown>\n{body}\n</ul>'


# Text that Markdown passes through unchanged: no Markdown or HTML characters, no line
# breaks, no runs of spaces, nothing to strip.
_PLAIN = re.compile(r"[^\\`*_\[\]#<>&!{}\n\r\t]*")
_SLUG = re.compile(r"[\w-]*")


def _plain(text) -> bool:
    return isinstance(text, str) and text == text.strip() and "  " not in text and _PLAIN.fullmatch(text) is not None


def html_possible(pages, corpus, show_type: bool = False) -> bool:
    """Whether ``cards_html`` gives for these pages the HTML that Markdown makes of ``cards``:
    when every title, description and fact is plain text (see ``_plain``) and every slug a
    slug. Otherwise the cards must go through Markdown."""
    if show_type:
        return False
    for page in pages:
        if not _plain(page.title) or (page.description and not _plain(page.description)):
            return False
        if not all(_plain(f) for f in facts(page, corpus)):
            return False
        if not all(_SLUG.fullmatch(s) for key in ("themes", "audience", "target_groups") for s in page.slugs(key)):
            return False
    return True


def cards_html(pages, corpus, href_of, filterable: bool = False) -> str:
    """The HTML that Markdown (``md_in_html``) makes of ``cards(pages, ...)``, written directly:
    a site build shows every page's card on its themes, sources and overview, and converting
    those blocks was most of the build's Markdown time. Only for pages ``html_possible``
    accepts; ``href_of(page)`` is the link from the page that shows the cards."""
    out = ['<ul class="hb-cards">']
    for page in pages:
        attrs = [("class", f"hb-card hb-card--{page.type}"), ("data-hb-card", "data-hb-card")]
        if filterable:
            attrs += facets.card_data(page, corpus)
        # Markdown's serializer writes attributes sorted by name.
        written = " ".join(f'{name}="{display.html_text(value)}"' for name, value in sorted(attrs))
        out.append(f"<li {written}>")
        # Escaped although html_possible admits only text without '<' and '&': by construction.
        title, text = display.html_body_text(page.title), display.html_body_text(page.description)
        out.append(f'<p class="hb-card__title"><a href="{display.html_text(href_of(page))}">{title}</a></p>')
        if page.description:
            out.append("")
            out.append(f'<p class="hb-card__text">{text}</p>')
        found = facts(page, corpus)
        if found:
            out.append("")
            out.append('<ul class="hb-card__facts">')
            out += [f"<li>{display.html_body_text(f)}</li>" for f in found]
            out.append("</ul>")
        out.append("</li>")
    out.append("</ul>")
    return "\n".join(out)


def _options(pairs, everything: str) -> str:
    options = [f'<option value="">{display.html_text(everything)}</option>']
    options += [f'<option value="{display.html_text(v)}">{display.html_text(t)}</option>' for v, t in pairs]
    return "".join(options)


def filter_form(pages, corpus, page_type) -> str:
    """The filter form of an overview: hidden until the site's script runs (it does the filtering)."""
    plural = page_type.plural.lower()
    fields = [(f.name, f.key, f.label, _options(choices, f.everything)) for f, choices in facets.fields(pages, corpus)]
    if any(facets.duration_min(p) is not None for p in pages):
        choices = [(str(m), label) for m, label in facets.DURATION_CHOICES]
        fields.append(("duration", facets.DURATION_KEY, "Hoeveel tijd heb je?", _options(choices, "Maakt niet uit")))
    if not fields:
        return ""
    html = [
        f'<form class="hb-filter" data-hb-filter data-plural="{display.html_text(plural)}" hidden '
        f'aria-label="{display.html_text(page_type.plural)} filteren">'
    ]
    for name, key, label, options in fields:
        html.append(
            f'<div class="hb-filter__field"><label for="hb-filter-{name}">{display.html_text(label)}</label>'
            f'<select id="hb-filter-{name}" name="{name}" data-hb-filter-key="{key}">{options}</select></div>'
        )
    html.append('<p class="hb-filter__count" data-hb-filter-count aria-live="polite"></p>')
    html.append("</form>")
    return "".join(html)


def _front_matter(title: str, description: str) -> str:
    # Quoted with JSON-style escapes, which YAML reads back as the same text.
    quote = lambda s: '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'  # noqa: E731
    # Overviews repeat every page's description: kept out of the site search, so that
    # searches lead to the pages themselves.
    return f"---\ntitle: {quote(title)}\ndescription: {quote(description)}\nsearch:\n  exclude: true\n---\n"


def type_overview(corpus, type_name: str, cards=cards) -> str:
    page_type = schemas.page_types()[type_name]
    rel = f"{page_type.folder}/index.md"
    pages = corpus.of_type(type_name)
    intro = INTROS.get(type_name, "")
    parts = [_front_matter(page_type.plural, intro), f"# {page_type.plural}\n", intro + "\n"]
    if not pages:
        parts.append(f"Er zijn nog geen {page_type.plural.lower()}.\n")
        return "\n".join(parts)
    form = filter_form(pages, corpus, page_type)
    filterable = bool(form)
    if filterable:
        parts.append(form + "\n")
    parts.append(cards(pages, corpus, rel, filterable=filterable) + "\n")
    if filterable:
        parts.append(
            f'<p class="hb-filter__empty" data-hb-filter-empty hidden>Geen {page_type.plural.lower()} gevonden '
            "met deze keuze. Kies bij een van de vragen hierboven iets anders.</p>\n"
        )
    return "\n".join(parts)


def overview_pages(corpus, cards=cards) -> dict[str, str]:
    """The producer for generated.PRODUCERS: one overview per type folder, unless the
    content already has that folder's index.md. ``cards`` makes a list of cards (see
    ``cards``; a site engine may put its own placeholder in, see ``cards_html``)."""
    found = {}
    for type_name, page_type in schemas.page_types().items():
        if not page_type.folder:
            continue
        rel = f"{page_type.folder}/index.md"
        if (corpus.content_dir / rel).exists():
            continue
        found[rel] = type_overview(corpus, type_name, cards)
    return found


def _by_type(pages) -> list[tuple[str, list]]:
    groups = []
    for type_name in GROUP_ORDER:
        members = sorted((p for p in pages if p.type == type_name), key=lambda p: p.title.casefold())
        if members:
            groups.append((type_name, members))
    return groups


def grouped(corpus, pages, from_rel: str, heading: str, anchor: str, cards=cards) -> str:
    """Pages grouped by type, each group under a level-3 heading, below one level-2 heading."""
    parts = [f"## {heading} {{ #{anchor} }}\n"]
    for type_name, members in _by_type(pages):
        plural = schemas.page_types()[type_name].plural
        parts.append(f"### {plural} ({len(members)}) {{ #{anchor}-{schemas.page_types()[type_name].folder} }}\n")
        parts.append(cards(members, corpus, from_rel) + "\n")
    return "\n".join(parts)


def theme_listing(corpus, theme, cards=cards) -> str:
    pages = [p for p in tagged(corpus, theme.slug) if p.path != theme.path]
    if not pages:
        return f"## Alles over dit thema {{ #{THEME_ANCHOR} }}\n\nEr zijn nog geen pagina's met dit thema.\n"
    return grouped(corpus, pages, theme.rel, "Alles over dit thema", THEME_ANCHOR, cards)


def neighbourhood_listing(corpus, hood, cards=cards) -> str:
    pages = in_neighbourhood(corpus, hood.slug)
    if not pages:
        return ""
    return grouped(corpus, pages, hood.rel, f"In {display.md_text(hood.title)}", "in-deze-wijk", cards)


def source_listing(corpus, source, cards=cards) -> str:
    pages = citing(corpus, source.slug)
    if not pages:
        return ""
    return grouped(corpus, pages, source.rel, "Pagina's die deze bron gebruiken", "gebruikt-in", cards)


LISTINGS = {"theme": theme_listing, "neighbourhood": neighbourhood_listing, "source": source_listing}


def listed_on(corpus, page) -> list:
    """The pages that the listing below ``page`` shows (none for pages without a listing)."""
    members = {"theme": tagged, "neighbourhood": in_neighbourhood, "source": citing}.get(page.type)
    return members(corpus, page.slug) if members is not None and page.published else []


def appended_listing(corpus, page, cards=cards) -> str:
    """The Markdown to add below a theme, neighbourhood or source page ('' for other pages)."""
    make = LISTINGS.get(page.type)
    return make(corpus, page, cards) if make is not None and page.published else ""
