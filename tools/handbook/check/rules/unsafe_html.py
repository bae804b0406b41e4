"""No HTML that can run code or load other sites; other raw HTML only from a small allow-list.

The body is decided on its rendered HTML (``body_html``): the page is rendered with the
site's own Markdown extensions and checked against the site's HTML allow-list
(``html_policy``, applied by nh3). Whatever the allow-list would remove is an error at
the page's line: tags that run code or embed other sites (script, iframe, object, ...),
event-handler attributes (also from an attribute list ``{: onclick=... }``), style
attributes, and links whose scheme is not http(s), mailto or tel (javascript:, also
with entities or on the line after a reference definition). Resources loaded from
other sites are the external-resource rule's. Raw tags the allow-list keeps but the
writing guide does not list are a warning: Markdown says the same more simply, and
stays readable in print and on a phone.

Front-matter values are judged as YAML decodes them, by html-in-value.
"""

from __future__ import annotations

import re

from handbook.check import body_html, html_policy
from handbook.content.problems import error, warning

ID = "unsafe-html"
RAW_ID = "raw-html"

UNSAFE_TAGS = frozenset(
    {"script", "iframe", "frame", "frameset", "object", "embed", "applet", "base", "meta", "link", "style"}
)
ALLOWED_TAGS = frozenset(
    {"br", "abbr", "kbd", "sup", "sub", "details", "summary", "figure", "figcaption", "img"}
)

_SCHEME_MESSAGE = (
    "dit adres begint niet met https://, http:// of mailto: maar bijvoorbeeld met 'javascript:' (ook als "
    "code als &#115; of op de regel na [naam]:), en zo'n link voert code uit als iemand erop klikt; "
    "link naar een pagina met https:// of naar een .md-bestand in het handboek"
)


# Tags written as raw HTML that pass without a warning: the writing guide names them.
GUIDE_TAGS = ALLOWED_TAGS
_RAW_TAG = re.compile(r"<([A-Za-z][A-Za-z0-9-]*)(?=[\s/>])")
_EVENT_NAME = re.compile(r"on[a-z]+\Z")
# Tags that run code, embed other sites or change the page around them.
_CODE_TAGS = UNSAFE_TAGS | html_policy.CLEAN_CONTENT_TAGS | {"form", "input", "button", "base", "link", "meta"}


def check(page, corpus):
    """What the site's HTML allow-list would remove from the rendered body (errors), and raw
    tags it keeps that the writing guide does not list (warnings)."""
    result = body_html.rendered(page, corpus)
    if result is None:
        return  # nothing in the body that rendering could turn into HTML beyond plain Markdown
    if result.failed:
        yield error(page.path, page.body_line, 1, _SLOW if result.failed == "slow" else _FAILED, ID)
        return
    where = body_html.locator(page)
    for removal in result.removed:
        if body_html.elsewhere(removal) is not None:
            continue  # it would load something from another site: the external-resource rule says so
        if removal.attribute is None:
            line, column = where.tag(removal.element)
        else:
            line, column = where.attribute(removal.attribute, removal.value, url=removal.attribute in _URL_ATTRIBUTES)
        yield error(page.path, line, column, removal_message(removal), ID)
    if "<" not in page.body:
        return
    shown = {name for name, _ in result.kept}
    text = where.text
    for match in _RAW_TAG.finditer(text.text):
        name = match.group(1).lower()
        # Only a tag that is an element of the rendered page (not text, not code) and that the
        # allow-list keeps: what it removes is an error above.
        if name in shown and name not in GUIDE_TAGS:
            line, column = text.position(match.start())
            yield warning(page.path, line, column, _raw_message(name), RAW_ID)


_URL_ATTRIBUTES = frozenset({"href", "src", "srcset", "action", "formaction", "xlink:href", "data", "poster", "background", "cite"})
_SLOW = (
    "deze pagina is te ingewikkeld om binnen een paar seconden naar HTML om te zetten (heel veel HTML-tags of "
    "haakjes [ ] in één alinea), dus ze kan niet worden gecontroleerd en zou het bouwen ophouden; "
    "maak de tekst eenvoudiger of verdeel haar over meer pagina's"
)
_FAILED = (
    "de tekst van deze pagina kon niet als Markdown worden omgezet naar HTML, dus niet worden gecontroleerd "
    "op onveilige HTML; maak de tekst eenvoudiger (minder diep geneste lijsten of citaten, geen losse HTML)"
)


def _raw_message(name: str) -> str:
    return (
        f"de HTML-tag <{name}> staat niet op de lijst van toegestane tags "
        f"({', '.join(sorted(GUIDE_TAGS))}); schrijf het liever in Markdown"
    )


def removal_message(removal) -> str:
    """What to change, in Dutch, for something the allow-list removes."""
    name, attribute = removal.element, removal.attribute
    if attribute is None:
        if name in _CODE_TAGS:
            return (
                f"de HTML-tag <{name}> is niet toegestaan: die kan code uitvoeren of een andere site in de pagina laden, "
                "en het bouwen haalt hem weg. Haal de tag weg; wil je naar een video of site verwijzen, zet er dan een gewone link naar"
            )
        return (
            f"de HTML-tag <{name}> staat niet op de lijst van toegestane HTML en het bouwen haalt hem weg; "
            "haal de tag weg en schrijf het in Markdown"
        )
    if _EVENT_NAME.match(attribute):
        return (
            f"het attribuut '{attribute}=' voert code uit in de browser van de lezer; haal het weg "
            "(ook uit een attributenlijst zoals {: ... } achter een alinea, kop of link)"
        )
    if attribute == "style":
        return (
            "een style-attribuut is niet toegestaan: het kan de hele pagina bedekken of iets van een andere site laden. "
            "Haal het weg; de opmaak komt van het handboek zelf"
        )
    if attribute in _URL_ATTRIBUTES and removal.value.strip() and (name, attribute) in _URL_PLACES:
        return _SCHEME_MESSAGE
    return (
        f"het attribuut '{attribute}' is niet toegestaan op <{name}> en het bouwen haalt het weg; haal het weg "
        "(ook uit een attributenlijst zoals {: ... })"
    )


# Where the allow-list keeps a URL attribute: removed there, it was the URL's scheme.
_URL_PLACES = frozenset({("a", "href"), ("img", "src"), ("q", "cite"), ("blockquote", "cite")})
