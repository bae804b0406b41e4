"""The handbook's preferred terms: one word for one thing (issue 16).

The table is data, ``data/preferred_terms.yaml``: each avoided word with the word to use
instead and why. A find is a warning with the suggested word: a quotation or a name may
need the other word, and a person decides. Words count as whole words in the title, the
description and the body outside code; link addresses are left out (a file name is an
address, not prose).
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from functools import lru_cache

import yaml

from handbook.check import markdown_scan
from handbook.content.problems import warning

ID = "preferred-term"

_FILE = os.path.join(os.path.dirname(os.path.dirname(os.path.dirname(__file__))), "data", "preferred_terms.yaml")
# The address part of a Markdown link or image, and bare web addresses: not prose.
_ADDRESS = re.compile(r"\]\([^)]*\)|<?https?://[^\s>)]+>?")


@dataclass(frozen=True)
class Term:
    use: str
    avoid: str
    exact: bool
    exceptions: tuple[re.Pattern, ...]


@dataclass(frozen=True)
class Table:
    """All avoided words in two patterns (exact spelling, any case): one pass per text each."""

    terms: tuple[Term, ...]
    exact: re.Pattern | None
    loose: re.Pattern | None

    def term(self, found: str) -> Term:
        for term in self.terms:
            if found == term.avoid or (not term.exact and found.casefold() == term.avoid.casefold()):
                return term
        raise KeyError(found)


def _whole(words, flags: int = 0) -> re.Pattern | None:
    words = sorted(words, key=len, reverse=True)  # the longest first: 'opvoedingssteun' before a prefix of it
    if not words:
        return None
    return re.compile(r"(?<![\w-])(?:" + "|".join(map(re.escape, words)) + r")(?![\w-])", flags)


def parse(text: str) -> Table:
    found = []
    for entry in (yaml.safe_load(text) or {}).get("terms") or []:
        exact = bool(entry.get("exact"))
        exceptions = tuple(p for phrase in entry.get("except") or [] if (p := _whole([phrase], 0 if exact else re.I)))
        found += [Term(str(entry["use"]), str(word), exact, exceptions) for word in entry.get("avoid") or []]
    return Table(
        tuple(found),
        _whole([t.avoid for t in found if t.exact]),
        _whole([t.avoid for t in found if not t.exact], re.IGNORECASE),
    )


@lru_cache(maxsize=1)
def table() -> Table:
    with open(_FILE, encoding="utf-8") as handle:
        return parse(handle.read())


def finds(text: str, words: Table | None = None):
    """(offset, avoided word as written, term) for every avoided word outside an allowed phrase."""
    words = words or table()
    if "](" in text or "http" in text:
        text = _ADDRESS.sub(lambda m: " " * len(m.group(0)), text)
    found = []
    for pattern in (words.exact, words.loose):
        for match in pattern.finditer(text) if pattern is not None else ():
            term = words.term(match.group(0))
            if not any(e.start() <= match.start() and match.end() <= e.end() for x in term.exceptions for e in x.finditer(text)):
                found.append((match.start(), match.group(0), term))
    return sorted(found, key=lambda f: f[0])


def _message(term: Term, found: str) -> str:
    return f"schrijf '{term.use}' in plaats van '{found}': dat is het woord dat het handboek gebruikt"


def check(page, corpus):
    for key in ("title", "description"):
        value = page.meta.get(key)
        if isinstance(value, str):
            for _, found, term in finds(value):
                line, column = page.position((key,))
                yield warning(page.path, line, column, _message(term, found), ID)
    for line_no, text in markdown_scan.code_free_lines(page):
        for offset, found, term in finds(text):
            yield warning(page.path, line_no, offset + 1, _message(term, found), ID)
