"""A page body rendered as the site renders it, and what the site's HTML allow-list takes out of it.

The unsafe-html and external-resource rules decide on this HTML, not on the Markdown
text: attribute lists (``{: onclick=... }``), reference definitions with the URL on the
next line, a ``>`` inside a quoted attribute and entity forms all look different in
Markdown, but the rendered HTML shows what the browser will get. The body is rendered
with the site's own Markdown extensions (``markdown_extensions`` of mkdocs.yml, plus
the ones mkdocs always adds), then parsed twice by nh3 (html5ever, the parser of a
browser): once with the allow-list (``html_policy.clean``) and once keeping everything
(``html_policy.serialize``). What the first lacks and the second has is what the
build would remove, and so a problem.

Rendering is the slow part, so only bodies that can hold something are rendered
(``needs_render``: raw HTML, attribute lists, reference definitions, or a link
target with a scheme, an entity or another host; an entity in plain text stays
text). That gate only saves time; the rendered HTML decides. Positions are found back in the Markdown text by what was removed (the
tag, the attribute name, the URL), searched in document order.
"""

from __future__ import annotations

import html as html_module
import json
import os
import re
import signal
import threading
import weakref
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import lru_cache

from handbook.check import html_policy, text_scan

# ------------------------------------------------------------------ the site's Markdown
# mkdocs adds these to whatever mkdocs.yml lists (MarkdownExtensions builtins).
MKDOCS_BUILTINS = ("toc", "tables", "fenced_code")
# What the handbook's mkdocs.yml lists, for a root without one (tests); a test keeps them equal.
DEFAULT_EXTENSIONS = ("toc", "admonition", "attr_list", "md_in_html", "tables")
DEFAULT_CONFIGS = {"toc": {"permalink": True, "permalink_title": "Link naar dit kopje"}}


def site_extensions(root) -> tuple[tuple[str, ...], dict]:
    """(extension names, their configs) as the site's mkdocs build uses them."""
    path = os.path.join(str(root), "mkdocs.yml")
    try:
        stamp = os.stat(path).st_mtime_ns
    except OSError:
        stamp = None
    names, configs = _read_extensions(path, stamp)
    ordered = list(MKDOCS_BUILTINS) + [n for n in names if n not in MKDOCS_BUILTINS]
    return tuple(ordered), configs


@lru_cache(maxsize=8)
def _read_extensions(path: str, stamp) -> tuple[tuple[str, ...], dict]:
    if stamp is None:
        return DEFAULT_EXTENSIONS, DEFAULT_CONFIGS
    import yaml

    class Loader(yaml.SafeLoader):
        pass

    # mkdocs.yml uses !ENV and may use !!python/name: values; neither matters for the extensions' output.
    Loader.add_multi_constructor("!", lambda loader, suffix, node: None)
    Loader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)
    try:
        with open(path, encoding="utf-8") as handle:
            data = yaml.load(handle, Loader=Loader)  # noqa: S506 - a SafeLoader subclass
    except (OSError, ValueError, yaml.YAMLError):
        return DEFAULT_EXTENSIONS, DEFAULT_CONFIGS
    listed = data.get("markdown_extensions") if isinstance(data, dict) else None
    names, configs = [], {}
    for item in listed or ():
        if isinstance(item, str):
            names.append(item)
        elif isinstance(item, dict) and len(item) == 1:
            (name, config), = item.items()
            names.append(str(name))
            if isinstance(config, dict):
                configs[str(name)] = config
    return tuple(names), configs


def fingerprint(root) -> str:
    """What rendering depends on besides the page: for the check cache."""
    names, configs = site_extensions(root)
    return json.dumps([names, configs], sort_keys=True, default=str)


@lru_cache(maxsize=4)
def _markdown(names: tuple[str, ...], configs_json: str):
    import markdown

    configs = json.loads(configs_json)
    usable = []
    for name in names:
        try:  # an extension that cannot be loaded would fail the site build too; render without it
            markdown.Markdown(extensions=[name], extension_configs={name: configs.get(name, {})})
            usable.append(name)
        except Exception:  # noqa: BLE001
            continue
    return markdown.Markdown(extensions=usable, extension_configs={n: configs[n] for n in usable if n in configs})


def render(body: str, root) -> str:
    """The body as the site's Markdown makes it into HTML (before the site's own sanitizing)."""
    names, configs = site_extensions(root)
    md = _markdown(names, json.dumps(configs, sort_keys=True, default=str))
    md.reset()
    return md.convert(body)


# Python-Markdown is quadratic or worse on some texts (thousands of inline tags, or of '['
# in one paragraph: 20 KB of '[' took minutes). The site build would hang on such a page
# too; the check stops after this many seconds and reports the page instead.
RENDER_SECONDS = 5.0


class TooSlow(Exception):
    pass


@contextmanager
def _deadline(seconds: float):
    # A timer signal can only be handled in the main thread; elsewhere there is no limit.
    if threading.current_thread() is not threading.main_thread() or not hasattr(signal, "setitimer"):
        yield
        return

    def stop(signum, frame):
        raise TooSlow

    previous = signal.signal(signal.SIGALRM, stop)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def render_within(body: str, root, seconds: float | None = None) -> str:
    """``render``, stopped with ``TooSlow`` after ``seconds`` (``RENDER_SECONDS``)."""
    try:
        with _deadline(RENDER_SECONDS if seconds is None else seconds):
            return render(body, root)
    except TooSlow:
        _markdown.cache_clear()  # stopped half-way: start the next page with a fresh converter
        raise


# ------------------------------------------------------------------ the gate
# A link or image target: what follows '](' up to the first ')'.
_TARGET = re.compile(r"\]\s*\(([^)]*)")
# attr_list's own pattern: '{', an optional ':', something, '}' on one line.
_ATTR_LIST = re.compile(r"\{:?[ ]*[^}\n ][^}\n]*\}")
_PLAIN_WEB = re.compile(r"\s*(?:https?://|mailto:)[^\s\\<>\"'&]*\s*\Z", re.IGNORECASE)


def needs_render(body: str) -> bool:
    """Whether the body can hold anything the allow-list would remove or anything loaded from
    elsewhere. Not a safety decision: it only says which bodies need not be rendered at all."""
    if "<" in body or "]:" in body:
        return True  # raw HTML (or an autolink), a reference definition
    if "{" in body and _ATTR_LIST.search(body):
        return True  # an attribute list
    if "](" not in body and "]" not in body:
        return False
    images = "![" in body
    for match in _TARGET.finditer(body):
        target = match.group(1)
        if ":" not in target and "//" not in target and "\\" not in target and "&" not in target:
            continue  # a relative link: no scheme, no other host, no entity that could make one
        if images or not _PLAIN_WEB.match(target):
            return True
    return False


# ------------------------------------------------------------------ what is removed
@dataclass(frozen=True)
class Removal:
    element: str
    attribute: str | None  # None: the whole element goes
    value: str = ""  # the attribute's value, decoded
    attributes: tuple = ()  # of a removed element: its (name, value) pairs


@dataclass
class Rendered:
    html: str
    removed: list = field(default_factory=list)
    kept: list = field(default_factory=list)  # (element, {attribute: value}) of what stays
    failed: str = ""  # why the body could not be rendered at all: "slow" or "error"


_START = re.compile(r"<([A-Za-z][^\s/>]*)((?:\s+[^\s=/>]+(?:=\"[^\"]*\")?)*)\s*/?>")
_ATTRIBUTE = re.compile(r"([^\s=/>]+)(?:=\"([^\"]*)\")?")
# Elements whose text the serializer writes unescaped: a '<' inside is not a tag.
_RAW_TEXT = frozenset({"script", "style", "xmp", "iframe", "noembed", "noframes", "plaintext", "noscript"})
_VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr", "frame", "keygen"})  # fmt: skip
_TAG_NAME = re.compile(r"<([A-Za-z][^\s/>]*)")
_VALUE = re.compile(r"=\s*(\"[^\"]*\"|'[^']*'|[^\s>]+)")
_VALUE_SCHEME = re.compile(r"[\"']?[\x00-\x20]*([A-Za-z][A-Za-z0-9+.-]*):")
_TABS = re.compile(r"[\t\n\r]")
_EDGES = "".join(chr(c) for c in range(0x21))


def _start_tags(serialized: str):
    """(offset, name, {attribute: value}) of each start tag in nh3's own serialization (where
    every '<' of text is escaped and every attribute value double-quoted)."""
    tags, pos = [], 0
    lower = serialized.lower()
    while True:
        match = _START.search(serialized, pos)
        if match is None:
            return tags
        name = match.group(1).lower()
        attributes = {a.lower(): html_module.unescape(v or "") for a, v in _ATTRIBUTE.findall(match.group(2))}
        tags.append((match.start(), name, attributes))
        pos = match.end()
        if name in _RAW_TEXT:
            end = lower.find(f"</{name}", pos)
            pos = len(serialized) if end < 0 else end


def _end_of(lower: str, name: str, start: int) -> int:
    """Where the element whose start tag is at ``start`` ends, in the (lower-cased) serialization."""
    if name in _VOID:
        return start
    opening, closing = re.compile(rf"<{re.escape(name)}[\s/>]"), f"</{name}>"
    depth, pos = 1, start + 1
    while depth:
        end = lower.find(closing, pos)
        if end < 0:
            return len(lower)
        depth += len(opening.findall(lower, pos, end)) - 1
        pos = end + len(closing)
    return pos


def removals(rendered_html: str) -> tuple[list, list]:
    """(what the allow-list removes, what it keeps) of a piece of rendered HTML."""
    strict = html_policy.clean(rendered_html)
    # Every element name and URL scheme that could be in the HTML, read generously (names after
    # '<'; schemes at the start of any attribute value, entities decoded and tabs and newlines
    # dropped, as a URL parser does): the serialization keeps them all, so that only the
    # allow-list makes a difference.
    tags = {name.lower() for name in _TAG_NAME.findall(rendered_html)}
    schemes = set()
    for value in _VALUE.findall(rendered_html):
        value = html_module.unescape(value) if "&" in value else value
        found = _VALUE_SCHEME.match(_TABS.sub("", value).strip(_EDGES))
        if found:
            schemes.add(found.group(1).lower())
    wide = html_policy.serialize(rendered_html, tags, schemes)
    if wide == strict:
        kept = [(name, attributes) for _, name, attributes in _start_tags(strict)]
        return [], kept
    wide_tags, strict_tags = _start_tags(wide), _start_tags(strict)
    lower = wide.lower()
    found, kept, j, skip_to = [], [], 0, -1
    for offset, name, attributes in wide_tags:
        if offset < skip_to:
            continue  # inside an element removed with its content: reported with it
        if j < len(strict_tags) and strict_tags[j][1] == name:
            stays = strict_tags[j][2]
            j += 1
            kept.append((name, stays))
            for attribute, value in attributes.items():
                if attribute not in stays:
                    found.append(Removal(name, attribute, value))
        else:
            found.append(Removal(name, None, "", tuple(attributes.items())))
            if name in html_policy.CLEAN_CONTENT_TAGS:
                skip_to = _end_of(lower, name, offset)
    return found, kept


_cache: "weakref.WeakKeyDictionary" = weakref.WeakKeyDictionary()


def rendered(page, corpus) -> Rendered | None:
    """The page body's rendered HTML and what the allow-list removes; None when it needs no rendering."""
    if page in _cache:
        return _cache[page]
    result = None
    if needs_render(page.body):
        try:
            html = render_within(page.body, corpus.root)
            removed, kept = removals(html)
            result = Rendered(html, removed, kept)
        except TooSlow:
            result = Rendered("", [], [], failed="slow")
        except Exception:  # noqa: BLE001 - a body Markdown cannot render must not pass unseen
            result = Rendered("", [], [], failed="error")
    _cache[page] = result
    return result


# ------------------------------------------------------------------ URLs
_INVISIBLE = re.compile(r"[\t\n\r]")


is_local = html_policy.is_local


def srcset_urls(value: str) -> list[str]:
    return [part.strip().split()[0] for part in value.split(",") if part.strip()]


# ------------------------------------------------------------------ positions
@dataclass
class Locator:
    """Finds what was removed back in the Markdown text, in document order."""

    text: text_scan.Text
    cursor: int = 0
    lines: list | None = None

    def find(self, patterns) -> tuple[int, int] | None:
        for pattern in patterns:
            match = pattern.search(self.text.text, self.cursor) or pattern.search(self.text.text)
            if match is not None:
                self.cursor = match.start()
                return self.text.position(match.start())
        return None

    def find_decoded(self, value: str) -> tuple[int, int] | None:
        """The line whose text, with entities decoded, holds the value (entity forms of a URL)."""
        if not value:
            return None
        if self.lines is None:
            self.lines = self.text.text.split("\n")
        needle = _INVISIBLE.sub("", value).lower()
        for index, line in enumerate(self.lines):
            if "&" in line or "\t" in line:
                if needle in _INVISIBLE.sub("", html_module.unescape(line)).lower():
                    return self.text.first_line + index, 1
        return None

    def tag(self, name: str) -> tuple[int, int]:
        return self.find([re.compile(rf"<{re.escape(name)}(?=[\s/>])", re.IGNORECASE)]) or (self.text.first_line, 1)

    def attribute(self, name: str, value: str, url: bool) -> tuple[int, int]:
        patterns = []
        if url and value.strip():
            patterns.append(re.compile(re.escape(value.strip()), re.IGNORECASE))
        patterns.append(re.compile(rf"(?<![\w-]){re.escape(name)}\s*=", re.IGNORECASE))
        found = self.find(patterns[:1]) if url and value.strip() else None
        if found is None and url:
            decoded = self.find_decoded(value)
            if decoded is not None:
                line, _ = decoded
                return line, self._column_in_line(line, name, value)
        return found or self.find(patterns[-1:]) or (self.text.first_line, 1)

    def _column_in_line(self, line: int, name: str, value: str) -> int:
        """The attribute's name in the line, else the start of the value as written (before an entity)."""
        text = self.lines[line - self.text.first_line]
        match = re.search(rf"(?<![\w-]){re.escape(name)}\s*=", text, re.IGNORECASE)
        if match:
            return match.start() + 1
        lower, value = text.lower(), value.strip().lower()[:40]
        for length in range(len(value), 3, -1):  # the longest start of the value written as it is
            at = lower.find(value[:length])
            if at >= 0:
                return at + 1
        return 1


def locator(page) -> Locator:
    return Locator(text_scan.rendered_body(page))



# ------------------------------------------------------------------ resources from elsewhere
# Attributes that make the browser fetch something as the page loads (not on a click).
RESOURCE_ATTRIBUTES = frozenset({"src", "srcset", "poster", "background", "data", "imagesrcset", "xlink:href"})
_RESOURCE_HREF = frozenset({"link", "image", "use", "feimage"})
_CSS_URL = re.compile(r"url\(\s*['\"]?([^'\")\s]*)", re.IGNORECASE)


def _urls(element: str, attribute: str, value: str) -> list[str]:
    if attribute in ("srcset", "imagesrcset"):
        return srcset_urls(value)
    if attribute == "style":
        return _CSS_URL.findall(value)
    if attribute in RESOURCE_ATTRIBUTES or (attribute == "href" and element in _RESOURCE_HREF):
        return [value]
    return []


# Removed for running code or embedding a whole other page (unsafe-html's), not for what they load.
_CODE_ELEMENTS = frozenset({"script", "iframe", "object", "embed", "applet", "frame", "frameset", "svg", "math", "style", "link", "base", "meta", "noscript", "template", "form"})  # fmt: skip


def elsewhere(removal: Removal) -> tuple[str, str] | None:
    """(attribute, URL) when what is removed would load something that is not a file of the site
    (an image, video or srcset; a style's url(...)), not code: the external-resource rule's."""
    if removal.attribute is None and removal.element in _CODE_ELEMENTS:
        return None
    pairs = [(removal.attribute, removal.value)] if removal.attribute else list(removal.attributes)
    for attribute, value in pairs:
        for url in _urls(removal.element, attribute, value):
            if url and not is_local(url):
                return attribute, url
    return None
