"""Scan a page body for headings, links and images, skipping code.

Regular expressions are enough here: the checks need positions (line and
column) of what a contributor wrote, which a Markdown renderer throws away.
"""

from __future__ import annotations

import re
import weakref
from dataclasses import dataclass

_FENCE = re.compile(r"^\s*(```|~~~)")
_INLINE_CODE = re.compile(r"`[^`]*`")
_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
# [text](target "title") and ![alt](src "title"); text may hold one level of brackets
_LINK = re.compile(r"(!?)\[((?:[^\[\]]|\[[^\]]*\])*)\]\(\s*<?([^)\s>]*)>?(?:\s+[\"'][^\"']*[\"'])?\s*\)")
_REFERENCE = re.compile(r"^\s{0,3}\[([^\]]+)\]:\s*<?(\S+?)>?(?:\s+.*)?$")
_HTML_IMG = re.compile(r"<img\b[^>]*>", re.IGNORECASE)


@dataclass(frozen=True)
class Heading:
    line: int
    level: int
    text: str


@dataclass(frozen=True)
class Link:
    line: int
    column: int
    is_image: bool
    text: str  # link text or alt text
    target: str


# Several rules scan the same page (links, images, drafts, sections, text checks):
# each page is scanned once and kept as long as the page itself lives.
_scanned: "weakref.WeakKeyDictionary" = weakref.WeakKeyDictionary()
_linked: "weakref.WeakKeyDictionary" = weakref.WeakKeyDictionary()


def code_free_lines(page):
    """(file line, text) of body lines outside fenced code, inline code blanked out."""
    found = _scanned.get(page)
    if found is None:
        body = page.body
        if "`" not in body and "~~~" not in body:
            # No code: the lines are the body's own, split again when asked (cheaper than
            # keeping a copy of every line of every page for the whole check).
            return enumerate(body.split("\n"), page.body_line)
        found = _scanned[page] = tuple(_code_free_lines(page))
    return iter(found)


def _code_free_lines(page):
    body = page.body
    first = page.body_line
    # Most bodies have no code at all: then every line is kept as it is.
    fenced = "```" in body or "~~~" in body
    if not fenced and "`" not in body:
        yield from enumerate(body.split("\n"), first)
        return
    in_fence = None
    for line_no, text in enumerate(body.split("\n"), first):
        if fenced:
            fence = _FENCE.match(text)
            if fence:
                marker = fence.group(1)
                if in_fence is None:
                    in_fence = marker
                elif marker == in_fence:
                    in_fence = None
                continue
        if in_fence is None:
            # Keep columns: replace inline code by spaces of the same length.
            yield line_no, _INLINE_CODE.sub(_blank, text) if "`" in text else text


def _blank(match) -> str:
    return " " * len(match.group(0))


def headings(page) -> list[Heading]:
    found = []
    for line_no, text in code_free_lines(page):
        match = _HEADING.match(text) if text.startswith("#") else None
        if match:
            found.append(Heading(line_no, len(match.group(1)), match.group(2).strip()))
    return found


def section_lines(page, title: str):
    """(file line, text) of the lines under the heading called ``title`` up to the next heading of its level."""
    inside, level = False, 0
    for line_no, text in code_free_lines(page):
        match = _HEADING.match(text) if text.startswith("#") else None
        if match:
            if inside and len(match.group(1)) <= level:
                return
            if match.group(2).strip().casefold() == title.casefold():
                inside, level = True, len(match.group(1))
                continue
        if inside:
            yield line_no, text


def links(page) -> list[Link]:
    found = _linked.get(page)
    if found is None:
        found = _linked[page] = _links(page)
    return list(found)


def remember_links(page, found: list[Link]) -> None:
    """The links of a page whose file has not changed, handed over by the check cache."""
    _linked[page] = list(found)


def _links(page) -> list[Link]:
    found = []
    if "](" not in page.body and "]:" not in page.body:
        return found  # neither an inline link nor a reference definition anywhere
    for line_no, text in code_free_lines(page):
        # Both patterns need a ']' followed by '(' or ':'; most lines have neither.
        if "]" not in text:
            continue
        if "](" in text:
            for match in _LINK.finditer(text):
                found.append(Link(line_no, match.start() + 1, match.group(1) == "!", match.group(2), match.group(3)))
        ref = _REFERENCE.match(text) if "]:" in text else None
        if ref:
            found.append(Link(line_no, ref.start(2) + 1, False, ref.group(1), ref.group(2)))
    return found


def html_images(page):
    """(file line, column, tag) of every raw <img> tag."""
    for line_no, text in code_free_lines(page):
        if "<" not in text:
            continue
        for match in _HTML_IMG.finditer(text):
            yield line_no, match.start() + 1, match.group(0)
