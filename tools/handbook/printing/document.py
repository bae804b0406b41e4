"""The printed document as one self-contained HTML file: booklet or handout.

The same HTML is written as the HTML print version and handed to WeasyPrint for
the PDF. Everything it needs is inside it (styles, QR codes as SVG, images as
data URIs), so it opens offline and makes no request.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from functools import cache
from importlib import resources

import jinja2
import segno

from handbook.content import schemas
from handbook.printing import facts
from handbook.printing.config import site_config
from handbook.printing.markup import LinkContext, anchor, sections, to_html
from handbook.printing.selection import PrintError

BOOKLET, HANDOUT = "booklet", "handout"


@dataclass(frozen=True)
class PrintedPage:
    page: object
    anchor: str
    label: str  # "Methode"
    title: str
    description: str
    address: str  # the page online
    qr: str  # inline SVG
    card: tuple
    body: str  # HTML
    citations: tuple
    # For handout cards:
    purpose: str = ""
    steps: str = ""
    extra: dict = field(default_factory=dict, compare=False, hash=False)


@cache
def _templates() -> jinja2.Environment:
    folder = resources.files("handbook.printing") / "templates"
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(folder)),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=jinja2.StrictUndefined,
    )


@cache
def stylesheet(name: str) -> str:
    return (resources.files("handbook.printing") / "templates" / name).read_text(encoding="utf-8")


def qr_svg(address: str) -> str:
    if not address:
        return ""
    # Error level M survives a crease or a coffee ring; the border is the quiet zone scanners need.
    return segno.make(address, error="m", micro=False).svg_inline(scale=3, border=2, omitsize=True, dark="#1d2b36")


def _printed(page, corpus, config, context) -> PrintedPage:
    address = config.page_address(page) if config.site_url else ""
    return PrintedPage(
        page=page,
        anchor=anchor(page),
        label=schemas.page_types()[page.type].label,
        title=page.title,
        description=page.description,
        address=address,
        qr=qr_svg(address),
        card=tuple(facts.card(page, corpus)),
        body=to_html(page.body, page, context),
        citations=tuple(facts.sources(page, corpus)),
    )


def _card(page, corpus, config, context) -> PrintedPage:
    """A method as a one-page card: purpose, roles, steps, time."""
    parts = sections(page)
    numbered = schemas.page_types()[page.type].numbered_sections or ("Stappen",)
    steps = next((parts[name] for name in numbered if parts.get(name)), "")
    purpose = parts.get("Doel") or page.description
    address = config.page_address(page) if config.site_url else ""
    return PrintedPage(
        page=page,
        anchor=anchor(page),
        label=schemas.page_types()[page.type].label,
        title=page.title,
        description=page.description,
        address=address,
        qr=qr_svg(address),
        card=(),
        body="",
        citations=(),
        purpose=to_html(purpose, page, context),
        steps=to_html(steps, page, context),
        extra={
            "duration": facts.duration(page),
            "group_size": facts.group_size(page),
            "roles": facts.roles(page),
            "preparation": facts.preparation(page),
            "materials": ", ".join(page.meta.get("materials") or []) or "niets nodig",
        },
    )


def _groups(printed: list[PrintedPage]) -> list[tuple[str, list[PrintedPage]]]:
    """Contents grouped by type, in the order of the selection."""
    groups: list[tuple[str, list[PrintedPage]]] = []
    for item in printed:
        plural = schemas.page_types()[item.page.type].plural
        if not groups or groups[-1][0] != plural:
            groups.append((plural, []))
        groups[-1][1].append(item)
    return groups


def render_document(selection, corpus, *, handout: bool = False, compact: dict | None = None, back_href: str = "") -> str:
    """The HTML of a print. ``compact``: {card anchor: 1 or 2}, handout cards to set smaller so each fits one sheet.
    ``back_href``: on a screen, the link back to the page in the site (the site's printable booklets)."""
    config = site_config(corpus.root)
    printed_pages = [p for p in selection.pages if p.type == "method"] if handout else list(selection.pages)
    # Links jump inside the print only to pages that are in it; others go online.
    context = LinkContext(corpus, config, frozenset(p.path for p in printed_pages))
    kind_label = {"theme": "Thema", "type": "Overzicht", "query": "Zoekresultaat", "pages": "Selectie"}[selection.kind]
    common = {
        "site_name": config.site_name,
        "site_url": config.site_url,
        "title": selection.title,
        "description": selection.description,
        "kind_label": kind_label,
        "back_href": back_href,
        "date": selection.updated,
        "date_text": facts.dutch_date(selection.updated),
        # An identifier from the content: the same pages give the same id.
        "identifier": hashlib.sha1("\n".join(p.digest for p in selection.pages).encode()).hexdigest(),
    }
    if handout:
        methods = printed_pages
        if not methods:
            raise PrintError(
                f"in '{selection.title}' staan geen methoden; een handout maakt kaarten van methoden. "
                "Laat --handout weg voor een boekje"
            )
        cards = [_card(p, corpus, config, context) for p in methods]
        return _templates().get_template("handout.html").render(
            **common, cards=cards, compact=compact or {}, css=stylesheet("handout.css")
        )
    printed = [_printed(p, corpus, config, context) for p in selection.pages]
    intro = to_html(selection.intro.body, selection.intro, context) if selection.intro is not None else ""
    return _templates().get_template("booklet.html").render(
        **common, pages=printed, groups=_groups(printed), intro=intro, css=stylesheet("print.css")
    )
