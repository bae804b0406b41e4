"""Blocks of a page's text with their file positions, for rules that search patterns in it.

A rule that looks for personal data must see every character a reader of the
repository can see: front-matter values, YAML comments and code blocks too,
because the Markdown file itself is public. The loader keeps the body but not
the raw front-matter lines, so the file is read once more here (cached, and
only when its bytes still match the digest the loader recorded).

Patterns run over a whole block at once (one C-level pass per pattern, and a
tag or address may run over two lines); ``Text.position`` turns an offset back
into (line, column).
"""

from __future__ import annotations

import hashlib
import re
from bisect import bisect_right
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from handbook import markdown_scan, yamlreader


@dataclass(frozen=True)
class Text:
    text: str
    first_line: int  # the file line of the block's first line
    starts: tuple = field(repr=False)  # offset of every line start within text

    def position(self, offset: int) -> tuple[int, int]:
        index = bisect_right(self.starts, offset) - 1
        return self.first_line + index, offset - self.starts[index] + 1


def text_of(lines: list[str], first_line: int) -> Text:
    starts, offset = [], 0
    for line in lines:
        starts.append(offset)
        offset += len(line) + 1
    return Text("\n".join(lines), first_line, tuple(starts) or (0,))


@lru_cache(maxsize=16)
def _file_lines(path: str, digest: str) -> tuple[str, ...] | None:
    try:
        data = Path(path).read_bytes()
    except OSError:
        return None
    if hashlib.sha1(data).hexdigest() != digest:
        return None  # changed since it was loaded: fall back to what the loader saw
    text, _ = yamlreader.decode(data)
    return None if text is None else tuple(text.split("\n"))


def file_lines(page, corpus) -> list[str]:
    """Every line of the page's file as loaded; the front-matter is blank if the file cannot be re-read."""
    lines = _file_lines(str(Path(corpus.root) / page.path), page.digest)
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
    kept = dict(markdown_scan.code_free_lines(page))
    lines = [kept.get(line_no, "") for line_no, _ in page.body_lines()]
    return text_of(lines, page.body_line)
