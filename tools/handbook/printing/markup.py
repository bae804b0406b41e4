"""A page's Markdown as HTML for paper, with the site's own Markdown extensions.

Differences from the site, all because many pages share one printed document:
heading ids get the page's slug as prefix (they must be unique in the booklet),
links to pages in the same print jump inside it, links to other pages go to the
online handbook, and images are embedded (the print must fetch nothing).
"""

from __future__ import annotations

import base64
import mimetypes
import re
from dataclasses import dataclass
from urllib.parse import urlsplit
from xml.etree import ElementTree

import markdown
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor

from handbook.content.links import is_external, resolve

_FENCE = re.compile(r"^\s*(```|~~~)")
_H2 = re.compile(r"^##\s+(.*?)\s*#*\s*$")


def anchor(page) -> str:
    """The id of a page's section in a printed document."""
    return "p-" + page.slug


@dataclass
class LinkContext:
    corpus: object
    config: object  # SiteConfig
    in_print: frozenset  # paths of the pages in this print


class _PrintTree(Treeprocessor):
    def __init__(self, md, page, context: LinkContext):
        super().__init__(md)
        self.page = page
        self.context = context

    def run(self, root):
        prefix = anchor(self.page) + "-"
        first = next(iter(root), None)
        if first is not None and first.tag == "h1":
            root.remove(first)  # the page title is printed from the front-matter
        for element in root.iter():
            if element.get("id"):
                element.set("id", prefix + element.get("id"))
            if element.tag == "a" and element.get("href") is not None:
                target = self.href(element.get("href"))
                if target:
                    element.set("href", target)
                else:
                    del element.attrib["href"]  # no address to go to: the words stay, the dead link goes
            if element.tag == "img":
                self.embed(element)
        _mark_names(root)
        return None

    def href(self, target: str) -> str:
        if target.startswith("#"):
            return "#" + anchor(self.page) + "-" + target[1:]
        if is_external(target):
            return target
        rel = resolve(self.page, target)
        fragment = urlsplit(target).fragment
        found = self.context.corpus.by_path.get(f"content/{rel}") if rel else None
        if found is not None and found.path in self.context.in_print:
            return "#" + anchor(found) + (f"-{fragment}" if fragment else "")
        online = self.context.config.site_url
        if not online:
            return ""
        if found is not None:
            return online + found.url + (f"#{fragment}" if fragment else "")
        # An overview page (methoden/index.md) or a folder: its address online.
        folder = (rel or "").removesuffix(".md").removesuffix("index").rstrip("/")
        return online + (folder + "/" if folder else "")

    def embed(self, element):
        src = element.get("src", "")
        if src.startswith("data:"):
            return
        rel = None if is_external(src) else resolve(self.page, src)
        file = self.context.corpus.content_dir / rel if rel else None
        if file is None or not file.is_file():
            # No network and no file: print the description instead of an empty frame.
            alt = element.get("alt") or ""
            element.tag = "span"
            element.attrib = {"class": "missing-image"}
            element.text = alt
            return
        kind = mimetypes.guess_type(file.name)[0] or "application/octet-stream"
        element.set("src", f"data:{kind};base64,{base64.b64encode(file.read_bytes()).decode('ascii')}")


# A word that starts with a capital inside running text: a name ('Doornenbal', 'Crooswijk') or the
# first word of a sentence; either way not worth a hyphen. Split names read as errors on paper.
_CAPITALISED = re.compile(r"(?<![\w-])([A-ZÀ-Þ][\w'’-]{5,})")
_NO_MARKS = {"a", "code", "pre", "h1", "h2", "h3", "h4", "h5", "h6"}


def _mark_names(root) -> None:
    """Wrap capitalised words of running text in <span class="name"> (print.css: never hyphenated)."""

    def split(text: str, into: list):
        """The text before the first name; the names (with the text after each) go ``into``."""
        parts = _CAPITALISED.split(text)
        for name, after in zip(parts[1::2], parts[2::2]):
            span = ElementTree.Element("span", {"class": "name"})
            span.text, span.tail = name, after
            into.append(span)
        return parts[0]

    for element in list(root.iter()):
        if element.tag in _NO_MARKS or element.get("class") == "name":
            continue
        children: list = []
        if element.text:
            element.text = split(element.text, children)
        for child in list(element):
            children.append(child)
            if child.tail:
                child.tail = split(child.tail, children)
        element[:] = children


class _PrintExtension(Extension):
    def __init__(self, page, context):
        super().__init__()
        self.page = page
        self.context = context

    def extendMarkdown(self, md):
        # Priority 1: after 'toc' (5) has given headings their ids.
        md.treeprocessors.register(_PrintTree(md, self.page, self.context), "handbook_print", 1)


def to_html(text: str, page, context: LinkContext) -> str:
    config = context.config
    md = markdown.Markdown(
        extensions=[*config.extensions, _PrintExtension(page, context)],
        extension_configs=config.extension_configs,
        output_format="html",
    )
    return md.convert(text)


def sections(page) -> dict[str, str]:
    """The body split at its '## ' headings: {heading: Markdown}; text before the first is under ''."""
    found: dict[str, list[str]] = {"": []}
    current = ""
    fence = None
    for line in page.body.split("\n"):
        match = _FENCE.match(line)
        if match:
            fence = None if fence == match.group(1) else fence or match.group(1)
        heading = _H2.match(line) if fence is None else None
        if heading:
            current = heading.group(1).strip()
            found.setdefault(current, [])
            continue
        found[current].append(line)
    return {name: "\n".join(lines).strip() for name, lines in found.items()}


def plain(html_text: str) -> str:
    """Text of a small HTML fragment (for running headers and outlines)."""
    try:
        return "".join(ElementTree.fromstring(f"<x>{html_text}</x>").itertext())
    except ElementTree.ParseError:
        return re.sub(r"<[^>]+>", "", html_text)
