"""No HTML that can run code or load other sites; other raw HTML only from a small allow-list.

mkdocs passes raw HTML in Markdown straight into the page. Tags that run code
or embed other sites (script, iframe, object, embed, ...), event-handler
attributes (onerror=, onclick=, ...) and javascript: links are errors. Other
tags are a warning: Markdown says the same more simply, and stays readable in
print and on a phone. Code (fenced blocks, `inline code`) is shown, not run,
so it is skipped; so are YAML comments.
"""

from __future__ import annotations

import html
import re

from handbook.check import text_scan
from handbook.content.problems import error, warning

ID = "unsafe-html"
RAW_ID = "raw-html"

UNSAFE_TAGS = frozenset(
    {"script", "iframe", "frame", "frameset", "object", "embed", "applet", "base", "meta", "link", "style"}
)
ALLOWED_TAGS = frozenset(
    {"br", "abbr", "kbd", "sup", "sub", "details", "summary", "figure", "figcaption", "img"}
)

# A tag: '<', a name, then attributes up to '>' (they may run over lines). Autolinks such as
# <https://...> and comments <!-- --> do not match: a name is followed by space, '/' or '>'.
_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9-]*)(?=[\s/>])([^<>]{0,2000})>?")
_EVENT = re.compile(r"(?:^|[\s/\"'])(on[a-z]+)\s*=", re.IGNORECASE)
_URL_ATTR = re.compile(
    r"(?:^|[\s/\"'])(href|src|action|formaction|xlink:href|data|poster|background)\s*=\s*(?:\"([^\"]*)\"|'([^']*)'|([^\s>]+))",
    re.IGNORECASE,
)
# Markdown link targets: [text](target), [ref]: target and <scheme:...>. Each pattern starts
# with a literal, so the scan skips ahead to it.
_MD_TARGETS = (
    re.compile(r"\]\(\s*<?([^)\s>]*)"),
    re.compile(r"\]:[ \t]*<?(\S+)"),
    re.compile(r"<([a-zA-Z]+:[^\s>]*)>"),
)
_BAD_SCHEME = re.compile(r"(?:javascript|vbscript|livescript|data:text/html)", re.IGNORECASE)
_INVISIBLE = re.compile(r"[\x00-\x20\x7f]+")


def _bad_url(value: str) -> bool:
    # Browsers ignore whitespace and control characters in a scheme and decode entities:
    # 'java&#115;cript:' and 'java script:' both run.
    if ":" not in value and "&" not in value:
        return False  # no scheme at all: a relative link, the usual case
    return bool(_BAD_SCHEME.match(_INVISIBLE.sub("", html.unescape(value))))


def problems_in(text: str):
    """(offset, level, message, rule) of every unsafe or unlisted piece of HTML in a text."""
    for match in _TAG.finditer(text):
        closing, name, attributes = match.group(1), match.group(2).lower(), match.group(3)
        if closing:
            continue
        if name in UNSAFE_TAGS:
            yield match.start(), "error", (
                f"de HTML-tag <{name}> is niet toegestaan: die kan code uitvoeren of een andere site in de pagina laden. "
                "Haal de tag weg; wil je naar een video of site verwijzen, zet er dan een gewone link naar"
            ), ID
        elif name not in ALLOWED_TAGS:
            yield match.start(), "warning", (
                f"de HTML-tag <{name}> staat niet op de lijst van toegestane tags "
                f"({', '.join(sorted(ALLOWED_TAGS))}); schrijf het liever in Markdown"
            ), RAW_ID
        attr_start = match.start(3)
        for event in _EVENT.finditer(attributes):
            yield attr_start + event.start(1), "error", (
                f"het attribuut '{event.group(1)}=' voert code uit in de browser van de lezer; haal het weg"
            ), ID
        for url in _URL_ATTR.finditer(attributes):
            value = next(v for v in url.groups()[1:] if v is not None)
            if _bad_url(value):
                yield attr_start + url.start(1), "error", _SCHEME_MESSAGE, ID
    for pattern in _MD_TARGETS:
        for match in pattern.finditer(text):
            if _bad_url(match.group(1)):
                yield match.start(1), "error", _SCHEME_MESSAGE, ID


_SCHEME_MESSAGE = (
    "een link met 'javascript:' (of 'vbscript:', 'data:text/html') voert code uit als iemand erop klikt; "
    "link naar een pagina met https:// of naar een .md-bestand in het handboek"
)


def check(page, corpus):
    # The body only: front-matter values are judged as YAML decodes them (html_in_value),
    # which sees what this scan of the raw text cannot (review F1).
    block = text_scan.rendered_body(page)
    for offset, level, message, rule in problems_in(block.text):
        line, column = block.position(offset)
        make = error if level == "error" else warning
        yield make(page.path, line, column, message, rule)
