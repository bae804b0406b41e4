"""Front-matter values as a Dutch reader sees them: dates, ranges, names, citations.

Plain functions shared by the overviews (listings.py) and the page data
(page_view.py); they know nothing of mkdocs."""

from __future__ import annotations

import posixpath

from handbook.content import schemas

MONTHS = ("januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober",
          "november", "december")

AUDIENCE_LABELS = {
    "professionals": "Professionals",
    "vrijwilligers": "Vrijwilligers",
    "ouders": "Ouders",
    "trainers": "Trainers",
    "beleidsmakers": "Beleidsmakers",
    "onderzoekers": "Onderzoekers",
}


def dutch_date(value) -> str:
    """'2026-11-23' -> '23 november 2026'; anything else as it is ('onbekend')."""
    text = str(value or "")
    parts = text.split("-")
    if len(parts) == 3 and all(p.isdigit() for p in parts) and 1 <= int(parts[1]) <= 12:
        return f"{int(parts[2])} {MONTHS[int(parts[1]) - 1]} {parts[0]}"
    return text


def span(value, unit: str) -> str:
    """A {min, max} range: '60–90 minuten', or '60 minuten' when both are equal."""
    if not isinstance(value, dict) or not isinstance(value.get("min"), int) or not isinstance(value.get("max"), int):
        return ""
    low, high = value["min"], value["max"]
    text = f"{low} {unit}" if low == high else f"{low}–{high} {unit}"
    # A number the handbook suggests (no source gives it) says so wherever it is shown.
    return text + " (suggestie)" if value.get("suggested") is True else text


def names(value) -> str:
    """A list of names as Dutch prose: 'A', 'A en B', 'A, B en C'."""
    items = [str(v) for v in value] if isinstance(value, list) else ([str(value)] if value else [])
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " en " + items[-1]


def target_group_labels() -> dict[str, str]:
    """Slug -> Dutch label of each target group, from the schema (the one place they are defined)."""
    return dict(schemas.resolve({"$ref": "common.schema.json#/$defs/target_groups"}).get("x-labels", {}))


def target_groups(page) -> str:
    labels = target_group_labels()
    found = [labels.get(g, g) for g in page.slugs("target_groups")]
    return names([found[0]] + [g[0].lower() + g[1:] for g in found[1:]]) if found else ""


# What a page says where no source tells (a method's preparation, its conditions).
UNKNOWN_FROM_SOURCES = "Niet bekend uit de bronnen"


def preparation(page) -> tuple[str, ...]:
    """A method's preparation, one sentence per thing; empty when its sources say nothing about it."""
    value = page.meta.get("preparation")
    return tuple(str(v) for v in value if str(v).strip()) if isinstance(value, list) else ()


def is_background(source) -> bool:
    """A background reference (kind: achtergrond), not one of the learning network's own sources."""
    return source.meta.get("kind") == "achtergrond"


def audience(page) -> str:
    return names([AUDIENCE_LABELS.get(a, a).lower() for a in page.slugs("audience")])


def year(value) -> str:
    # 'z.j.' (zonder jaar) is how Dutch reference lists mark an unknown year.
    return "z.j." if value in (None, "", "onbekend") else str(value)


def sentence(text: str) -> str:
    """Text ending in one full stop: 'in de wijk!' stays as it is, never 'in de wijk!.'."""
    text = str(text).strip()
    return text if text.endswith((".", "!", "?")) else text + "."


def _known(value) -> bool:
    return value not in (None, "", "onbekend")


def citation(source) -> str:
    """A full citation without the web address: 'Auteurs (jaar). Titel. Uitgever. ISBN ...'.

    Unknown authors are left out and the title takes their place, as Dutch reference lists do
    ('Titel (z.j.). Uitgever.'), never 'onbekend (z.j.)'; an unknown publisher is left out."""
    meta = source.meta
    authors = names([a for a in meta.get("authors") or [] if _known(a)] if isinstance(meta.get("authors"), list) else meta.get("authors") if _known(meta.get("authors")) else [])
    when = f"({year(meta.get('year'))})"
    parts = ["Achtergrondbron:"] if is_background(source) else []
    title = source.title.strip()
    if authors:
        parts += [f"{authors} {when}.", sentence(title)]
    else:
        parts.append(f"{title} {when}.")
    if _known(meta.get("publisher")):
        parts.append(sentence(meta["publisher"]))
    if meta.get("isbn"):
        parts.append(f"ISBN {meta['isbn']}.")
    return " ".join(parts)


def relative_href(here: str, target: str) -> str:
    """The link from the page at URL ``here`` to ``target``, both relative to the site root.

    Works for directory URLs ('methoden/x/') and file URLs ('methoden/x.html'), so the
    site also works opened from disk."""
    base = here if here.endswith("/") else posixpath.dirname(here)
    rel = posixpath.relpath(target or ".", base or ".")
    if target.endswith("/") or target == "":
        rel = rel.rstrip("/") + "/" if rel != "." else "./"
    return rel


def md_text(text: str) -> str:
    """Text put into Markdown verbatim: Markdown and HTML characters escaped."""
    out = str(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    for char in "\\`*_[]#":
        out = out.replace(char, "\\" + char)
    return out


def html_text(text: str) -> str:
    """Text for HTML anywhere, a quoted attribute value too."""
    return str(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


def html_body_text(text: str) -> str:
    """Text for an element's content, escaped as Markdown escapes it (quotes stay)."""
    return str(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def counted(count: int, one: str, many: str) -> str:
    """'1 pagina', '3 pagina's'."""
    return f"{count} {one if count == 1 else many}"
