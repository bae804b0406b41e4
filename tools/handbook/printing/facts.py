"""The facts printed on a page's metadata card, and full source citations.

Each fact is a small frozen record (label, value or list of values); the
templates only lay them out."""

from __future__ import annotations

from dataclasses import dataclass

# One Dutch way of writing dates and ranges, on screen and on paper.
from handbook.content import display
from handbook.content.display import dutch_date, is_background, span, target_groups

__all__ = ["Fact", "card", "citation", "dutch_date", "sources"]

@dataclass(frozen=True)
class Fact:
    label: str
    value: str = ""
    items: tuple = ()  # a list: each item a (name, explanation) pair; explanation may be ''
    lines: tuple = ()  # a list of plain sentences, e.g. a method's preparation


def duration(page) -> str:
    return span(page.meta.get("duration"), "minuten")


def group_size(page) -> str:
    return span(page.meta.get("group_size"), "deelnemers")


def preparation(page) -> Fact:
    """A method's preparation; 'Niet bekend uit de bronnen' when its sources say nothing about it."""
    prepared = display.preparation(page)
    return Fact("Voorbereiding", "" if prepared else display.UNKNOWN_FROM_SOURCES, lines=prepared)


def roles(page) -> tuple:
    return tuple(
        (str(r.get("name", "")), str(r.get("task", ""))) for r in page.meta.get("roles") or () if isinstance(r, dict)
    )


def _titles(corpus, slugs) -> str:
    return ", ".join(corpus.get(s).title if corpus.get(s) else s for s in slugs)


def _joined(page, key) -> str:
    value = page.meta.get(key) or []
    return ", ".join(map(str, value)) if isinstance(value, list) else str(value)


def card(page, corpus) -> list[Fact]:
    """The metadata card of a page, by type, in the order a reader needs it."""
    facts: list[Fact] = []
    meta = page.meta
    if page.type == "method":
        facts += [Fact("Duur", duration(page)), Fact("Groepsgrootte", group_size(page))]
        facts.append(Fact("Rollen", items=roles(page)))
        facts.append(preparation(page))
        materials = meta.get("materials") or []
        facts.append(Fact("Materialen", ", ".join(materials) if materials else "niets nodig"))
        facts.append(Fact("Doelgroep", target_groups(page)))
    elif page.type == "roadshow":
        hood = corpus.get(meta.get("neighbourhood") or "")
        where = hood.title if hood else str(meta.get("neighbourhood", ""))
        if hood is not None and hood.meta.get("city"):
            where += f" ({hood.meta['city']})"
        facts += [Fact("Wijk", where), Fact("Datum", dutch_date(meta.get("date"))), Fact("Organisatie", _joined(page, "organisers"))]
    elif page.type == "practice":
        facts.append(Fact("Plaats", str(meta.get("city", ""))))
        if page.slugs("neighbourhoods"):
            facts.append(Fact("Wijken", _titles(corpus, page.slugs("neighbourhoods"))))
        facts += [Fact("Organisaties", _joined(page, "organisations")), Fact("Periode", str(meta.get("period", "")))]
        facts.append(Fact("Doelgroep", target_groups(page)))
    elif page.type == "source":
        if is_background(page):
            facts.append(Fact("Soort", "Achtergrondbron: geen bron van het leernetwerk zelf"))
        facts += [Fact("Auteurs", _joined(page, "authors")), Fact("Jaar", str(meta.get("year", ""))),
                  Fact("Uitgever", str(meta.get("publisher", "")))]
        if meta.get("verified_in"):
            facts.append(Fact("Gecontroleerd in", str(meta["verified_in"])))
    elif page.type == "neighbourhood":
        facts.append(Fact("Plaats", str(meta.get("city", ""))))
    if meta.get("audience"):
        facts.append(Fact("Voor wie", _joined(page, "audience")))
    if page.slugs("themes"):
        facts.append(Fact("Thema's", _titles(corpus, page.slugs("themes"))))
    if meta.get("updated"):
        facts.append(Fact("Bijgewerkt", dutch_date(meta.get("updated"))))
    return [f for f in facts if f.value or f.items or f.lines]


def _sentence(text: str) -> str:
    text = text.strip()
    return text if text.endswith((".", "!", "?")) else text + "."


def citation(source) -> str:
    """A full citation as on the site (``display.citation``), with the web address on paper."""
    text = display.citation(source)
    url = source.meta.get("url")
    return f"{text} {url}" if url else text


def sources(page, corpus) -> list[str]:
    """Full citations of the sources a page names (a source page cites itself)."""
    found = [corpus.get(s) for s in page.slugs("sources")]
    if page.type == "source":
        found.insert(0, page)
    return [citation(s) for s in found if s is not None and s.type == "source"]
