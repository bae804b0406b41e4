"""The HTML a page may put on the site: one allow-list, applied by nh3 (the ammonia sanitizer).

The check reports what this allow-list would take out of a page's rendered body
(``body_html``), and the site build runs every page's content through it as well,
so a page that slipped past the check still cannot add script, event handlers,
``javascript:`` URLs or resources from other sites. An allow-list decides: an
element, attribute or URL scheme that is not listed here is removed.

It holds what the site's own Markdown extensions make (headings with ids and
permalinks, admonitions, tables, attribute-list classes and ids, md_in_html),
the few raw tags the writing guide allows, and the handbook's own card and
filter markup. ``style`` is allowed only as the exact text-align values that
Markdown's tables extension writes: no CSS, so no ``url(...)`` either. Images
come from the site itself: an ``img`` ``src`` with a scheme or another host goes.
"""

from __future__ import annotations

import re
from functools import lru_cache

import nh3

# Elements the content may hold. html5ever (inside nh3) parses as a browser does.
TAGS = frozenset(
    {
        # Markdown and its extensions (toc, tables, fenced_code, admonition, attr_list, md_in_html)
        "p", "h1", "h2", "h3", "h4", "h5", "h6", "a", "em", "strong", "code", "pre", "blockquote",
        "ul", "ol", "li", "hr", "br", "img", "table", "thead", "tbody", "tfoot", "tr", "th", "td",
        "caption", "div", "span",
        # raw HTML the writing guide allows, and plain text-level markup
        "abbr", "kbd", "sup", "sub", "details", "summary", "figure", "figcaption", "dl", "dt", "dd",
        "b", "i", "u", "s", "mark", "small", "cite", "q", "dfn", "var", "samp", "del", "ins", "wbr",
        "section", "article", "aside", "header", "footer", "nav", "time",
        # the handbook's own filter form on the overviews (no action, no inputs that submit)
        "form", "label", "select", "option",
    }
)  # fmt: skip

# On every element: naming and labelling only. Event handlers (on...) and style are not here.
_GENERIC = {"id", "class", "title", "lang", "dir", "hidden", "role"}
ATTRIBUTES = {
    "*": _GENERIC,
    "a": {"href"},
    "img": {"src", "alt", "width", "height", "loading"},
    "td": {"colspan", "rowspan", "align"},
    "th": {"colspan", "rowspan", "align", "scope"},
    "ol": {"start", "reversed", "type"},
    "li": {"value"},
    "time": {"datetime"},
    "abbr": set(),
    "details": {"open"},
    "label": {"for"},
    "select": {"name"},
    "option": {"value", "selected"},
    "q": {"cite"},
    "blockquote": {"cite"},
}
# Attributes kept whatever their name after the prefix: the handbook's data and ARIA attributes.
ATTRIBUTE_PREFIXES = frozenset({"data-", "aria-"})
# Markdown's tables extension writes column alignment as a style; only those exact values pass.
_ALIGN = {f"text-align: {side};" for side in ("left", "center", "right")}
ATTRIBUTE_VALUES = {"th": {"style": _ALIGN}, "td": {"style": _ALIGN}}
# Links may lead to other sites; a URL with any other scheme (javascript:, data:, vbscript:) goes.
URL_SCHEMES = frozenset({"http", "https", "mailto", "tel"})
# Removed with everything inside them, not only the tags.
CLEAN_CONTENT_TAGS = frozenset(
    {"script", "style", "iframe", "object", "embed", "applet", "noscript", "template", "frame", "frameset",
     "noembed", "noframes", "xmp", "plaintext", "textarea", "title", "svg", "math", "video", "audio"}
)  # fmt: skip


_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:")
_TABS = re.compile(r"[\t\n\r]")
_EDGES = "".join(chr(c) for c in range(0x21))  # C0 controls and space, which URL parsers strip


def is_local(url: str) -> bool:
    """Whether a (decoded) URL stays on the site: no scheme, no other host (//host, /\\host)."""
    url = _TABS.sub("", url).strip(_EDGES)
    if _SCHEME.match(url):
        return False
    return not (len(url) >= 2 and url[0] in "/\\" and url[1] in "/\\")


# Elements whose src is fetched as the page loads; of them the allow-list keeps only img.
_LOADED = {("img", "src")}


def _keep_local_sources(element: str, attribute: str, value: str):
    # No third-party requests from content: an image comes from the site itself (review F8).
    if (element, attribute) in _LOADED and not is_local(value):
        return None
    return value


_STRICT = nh3.Cleaner(
    attribute_filter=_keep_local_sources,
    tags=set(TAGS),
    clean_content_tags=set(CLEAN_CONTENT_TAGS),
    attributes={k: set(v) for k, v in ATTRIBUTES.items()},
    generic_attribute_prefixes=set(ATTRIBUTE_PREFIXES),
    tag_attribute_values={k: {a: set(v) for a, v in d.items()} for k, d in ATTRIBUTE_VALUES.items()},
    url_schemes=set(URL_SCHEMES),
    link_rel=None,
)


def clean(html: str) -> str:
    """The HTML with everything the allow-list does not name taken out (comments too)."""
    return _STRICT.clean(html)


# For ``serialize``: names a page is likely to hold, so that one reusable cleaner serves most pages.
KNOWN_TAGS = TAGS | CLEAN_CONTENT_TAGS | frozenset(
    """html head body base link meta main address hgroup search menu dir center font big strike tt acronym
    blink marquee bdi bdo ruby rb rp rt rtc data area map picture source track param input button
    fieldset legend datalist optgroup output progress meter dialog slot canvas col colgroup image
    portal keygen isindex listing basefont bgsound nobr spacer multicol layer ilayer nolayer
    foreignobject animate set animatemotion animatetransform use g defs symbol circle rect path line
    polyline polygon ellipse text tspan textpath a mi mo mn ms mtext annotation-xml maction""".split()
)
KNOWN_SCHEMES = URL_SCHEMES | frozenset(
    "javascript vbscript livescript data file blob about ftp ftps ws wss chrome view-source intent "
    "jar ms-settings ms-its mhtml res resource moz-extension chrome-extension filesystem".split()
)
# html5ever writes attribute names in lower case; a name starting otherwise is inert text.
_ATTRIBUTE_STARTS = set("abcdefghijklmnopqrstuvwxyz0123456789_:-.@[](){}*#$%^&!?|~`+;,\\")


@lru_cache(maxsize=16)
def _wide(extra_tags: frozenset, extra_schemes: frozenset):
    return nh3.Cleaner(
        tags=set(KNOWN_TAGS | extra_tags),
        clean_content_tags=set(),
        attributes={},
        generic_attribute_prefixes=_ATTRIBUTE_STARTS,
        url_schemes=set(KNOWN_SCHEMES | extra_schemes),
        link_rel=None,
    )


def serialize(html: str, tags=frozenset(), schemes=frozenset()) -> str:
    """The same HTML parsed and written back by nh3 with (nearly) nothing taken out: every element
    (the known ones and ``tags``), every attribute, URLs with a known scheme or one of ``schemes``.
    Compared with ``clean``, it shows what the allow-list removes (one parser, one serializer)."""
    return _wide(frozenset(tags) - KNOWN_TAGS, frozenset(schemes) - KNOWN_SCHEMES).clean(html)
