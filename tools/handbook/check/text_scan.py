"""Blocks of a page's text with their file positions, for rules that search patterns in it.

A rule that looks for personal data must see every character a reader of the
repository can see: front-matter values, YAML comments and code blocks too,
because the Markdown file itself is public. The loader keeps the raw lines
before the body (``Page.head``); a page without them is read once more here
(cached, and only when its body is still the one the loader read).

Patterns run over a whole block at once (one C-level pass per pattern, and a
tag or address may run over two lines); ``Text.position`` turns an offset back
into (line, column).
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from functools import lru_cache

from handbook.check import markdown_scan

from handbook.content import yamlreader


@dataclass(frozen=True)
class Text:
    text: str
    first_line: int  # the file line of the block's first line

    def position(self, offset: int) -> tuple[int, int]:
        # Counted only for what a rule reports, which is rare: no table of line starts per page.
        line_start = self.text.rfind("\n", 0, offset) + 1
        return self.first_line + self.text.count("\n", 0, offset), offset - line_start + 1


def text_of(lines: list[str], first_line: int) -> Text:
    return Text("\n".join(lines), first_line)


@lru_cache(maxsize=16)
def _file_lines(path: str, digest: str, body_line: int, body: str) -> tuple[str, ...] | None:
    try:
        with open(path, "rb") as handle:
            data = handle.read()
    except OSError:
        return None
    text, _ = yamlreader.decode(data)
    if text is None:
        return None
    lines = text.split("\n")
    if "\n".join(lines[body_line - 1 :]) != body:
        return None  # changed since it was loaded: fall back to what the loader saw
    return tuple(lines)


def file_lines(page, corpus) -> list[str]:
    """Every line of the page's file as loaded; the front-matter is blank if the file cannot be re-read."""
    head = getattr(page, "head", None)
    if head is not None:  # the loader kept the lines before the body: no need to read the file again
        return head.split("\n") + page.body.split("\n")
    lines = _file_lines(os.path.join(corpus.root, page.path), page.digest, page.body_line, page.body)
    if lines is not None:
        return list(lines)
    return [""] * (page.body_line - 1) + page.body.split("\n")


def whole_file(page, corpus) -> Text:
    return text_of(file_lines(page, corpus), 1)


_COMMENT = re.compile(r"^\s*#")


def front_matter(page, corpus) -> Text:
    """The front-matter lines (between the '---' lines), YAML comment lines blanked."""
    lines = file_lines(page, corpus)[: max(page.body_line - 1, 0)]
    return text_of(["" if _COMMENT.match(line) else line for line in lines], 1)


def rendered_body(page) -> Text:
    """The body as Markdown renders it as markup: fenced code lines blanked, inline code spaced out."""
    if "`" not in page.body and "~~~" not in page.body:
        return Text(page.body, page.body_line)  # no code at all: every line stays as it is
    kept = dict(markdown_scan.code_free_lines(page))
    lines = [kept.get(line_no, "") for line_no, _ in page.body_lines()]
    return text_of(lines, page.body_line)
