"""What an overview's cards can be filtered by: one list of facets for every page type.

A facet reads values from a page (slug-like tokens, so the site's script can match them in a
space-separated ``data-<key>`` attribute) with the Dutch label a reader chooses from. An
overview shows a facet's filter only when its cards differ in it; the same facets write the
cards' data attributes, so the filter form and the cards cannot disagree.
"""

from __future__ import annotations

import datetime
import re
import unicodedata
from dataclasses import dataclass
from typing import Callable

from handbook.content import display

# "How much time do you have?": a method fits when its shortest duration fits.
DURATION_CHOICES = ((30, "een half uur"), (60, "een uur"), (90, "anderhalf uur"), (120, "twee uur"))


@dataclass(frozen=True)
class Facet:
    key: str  # the card's data-<key>, the select's data-hb-filter-key
    name: str  # the select's id and name: also ?name= in a shared address
    label: str
    everything: str  # the option that filters nothing
    values: Callable  # (page, corpus) -> [(token, label)]


def _fold(text: str) -> str:
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")


def _token(text: str) -> str:
    return re.sub(r"[^0-9a-z]+", "-", _fold(text).lower()).strip("-")


def _themes(page, corpus):
    return [(s, corpus.get(s).title if corpus.get(s) is not None else s) for s in page.slugs("themes")]


def _audience(page, corpus):
    return [(a, display.AUDIENCE_LABELS.get(a, a)) for a in page.slugs("audience")]


def _target_groups(page, corpus):
    labels = display.target_group_labels()
    return [(g, labels.get(g, g)) for g in page.slugs("target_groups")]


def _places(page, corpus):
    """The city and the neighbourhoods of a practice, roadshow or neighbourhood."""
    found = []
    city = page.meta.get("city")
    if isinstance(city, str) and city.strip() and city.strip() != "onbekend":
        found.append((_token(city), city.strip()))
    hoods = page.slugs("neighbourhoods") + page.slugs("neighbourhood")
    for slug in hoods:
        hood = corpus.get(slug)
        if hood is not None:
            found.append((slug, hood.title))
    return found


def _years(page, corpus):
    """The years a page is about: a roadshow's date, a practice's period, a source's year."""
    years: list[int] = []
    meta = page.meta
    date = meta.get("date")
    if isinstance(date, (datetime.date, str)) and str(date)[:4].isdigit():
        years.append(int(str(date)[:4]))
    year = meta.get("year")
    if isinstance(year, int):
        years.append(year)
    period = meta.get("period")
    if isinstance(period, str):
        found = re.fullmatch(r"([0-9]{4})(?:-([0-9]{4}|heden))?", period)
        if found:
            start = int(found.group(1))
            end = found.group(2)
            stop = start if end is None else (datetime.date.today().year if end == "heden" else int(end))
            years += range(start, max(start, stop) + 1)
    return [(str(y), str(y)) for y in sorted(set(years))]


def _kind(page, corpus):
    if page.type != "source":
        return []
    return [("achtergrond", "Achtergrondbron")] if display.is_background(page) else [("leernetwerk", "Bron van het leernetwerk")]


FACETS = (
    Facet("themes", "theme", "Thema", "Alle thema's", _themes),
    Facet("audience", "audience", "Voor wie", "Iedereen", _audience),
    Facet("target-groups", "target-group", "Welke gezinnen?", "Alle gezinnen", _target_groups),
    Facet("places", "place", "Plaats of wijk", "Alle plaatsen", _places),
    Facet("years", "year", "Jaar", "Alle jaren", _years),
    Facet("kind", "kind", "Soort bron", "Alle bronnen", _kind),
)
DURATION_KEY = "duration-min"


def duration_min(page) -> int | None:
    duration = page.meta.get("duration")
    if isinstance(duration, dict) and isinstance(duration.get("min"), int):
        return duration["min"]
    return None


def card_data(page, corpus) -> list[tuple[str, str]]:
    """The data attributes of a filterable card, as (name, value), values unescaped. Facets the
    page has no value for are left out: a card without a year is hidden when a year is chosen."""
    attrs = []
    for facet in FACETS:
        tokens = [token for token, _ in facet.values(page, corpus)]
        if tokens or facet.key in ("themes", "audience"):
            attrs.append((f"data-{facet.key}", " ".join(dict.fromkeys(tokens))))
    minimum = duration_min(page)
    if minimum is not None:
        attrs.append((f"data-{DURATION_KEY}", str(minimum)))
    return attrs


def fields(pages, corpus) -> list[tuple[Facet, list[tuple[str, str]]]]:
    """The facets worth a filter on an overview of ``pages`` (two choices or more, and two
    cards or more with a value), each with its choices sorted by label."""
    found = []
    for facet in FACETS:
        choices: dict[str, str] = {}
        with_value = 0
        for page in pages:
            values = facet.values(page, corpus)
            with_value += bool(values)
            for token, label in values:
                choices.setdefault(token, label)
        if len(choices) >= 2 and with_value >= 2:
            order = (lambda c: c[0]) if facet.key == "years" else (lambda c: _fold(c[1]).casefold())
            found.append((facet, sorted(choices.items(), key=order)))
    return found
