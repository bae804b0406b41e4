"""Text as a reader will see it, with a way back to the file offset of every character.

A detail hidden from a pattern is still shown by the browser: '06&#45;12345678' is shown as
'06-12345678', '06-**1234**5678' as '06-12345678' in bold, a zero-width space or a line break
with indentation inside a number is not seen at all. Rules that look for personal data search
this text and report at the file position of what they found.

What is changed (everything else stays as it is, character for character):
- HTML character references are decoded (html.unescape), Markdown backslash escapes dropped;
- zero-width and soft-hyphen characters and emphasis and code markers ('*', '`', and '_' next to
  a digit) are removed (HTML tags stay: what is in their attributes is public in the file too);
- white space with at most one line break inside a number or a date becomes one space, a line of
  white space only a blank line, and a single line break a space; a blank line (a new paragraph) stays.
"""

from __future__ import annotations

import bisect
import html
import re
from dataclasses import dataclass

_INVISIBLE = "\u00ad\u180e\u200b\u200c\u200d\u200e\u200f\u2060\u2061\u2062\u2063\u2064\ufeff"

# One plain pattern per kind of change, each starting with a plain character (no lookbehind,
# no alternation of different starts), so that the regex engine skips ahead to the few places
# where something changes: one pattern with every alternative is several times slower.
_REF = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
_ESCAPE = re.compile(r"\\[!-/:-@\[-`{-~]")  # a Markdown backslash escape
_GONE = re.compile(rf"[{_INVISIBLE}*`]+")  # invisible characters, emphasis and code markers
_UNDERSCORES = re.compile(r"_+")  # emphasis by underscores: only next to a digit ('06-__1234__5678')
_BLANK = re.compile(r"\n[ \t]+(?=\n)")  # a line of white space only is a blank line
# White space in a paragraph that the browser shows as one space: a line break with spaces
# around it, or two spaces or more. Only next to a number, a date or a house number does it
# matter ('06-1234\n    5678'); elsewhere it is left as it is.
_INDENT = re.compile(r"\n[ \t]+")
_SPACES = re.compile(r"[ \t]{2,}|[ \t]\n")
_NUMBER_END = "0123456789.-/\u2013\u2014"


def _changes(source: str):
    """(start, end, replacement) of every change, from each pattern in turn (unsorted).

    Each pattern runs only when the characters it needs are in the text at all: 'in' is a
    fast search, a regex pass over a whole corpus is not.
    """
    if "&" in source:
        for found in _REF.finditer(source):
            yield found.start(), found.end(), "".join(c for c in html.unescape(found.group()) if c not in _INVISIBLE)
    if "\\" in source:
        for found in _ESCAPE.finditer(source):
            yield found.start(), found.end(), found.group()[1]
    if "*" in source or "`" in source or (not source.isascii() and any(c in source for c in _INVISIBLE)):
        for found in _GONE.finditer(source):
            yield found.start(), found.end(), ""
    if "_" in source:
        for found in _UNDERSCORES.finditer(source):
            start, end = found.span()
            if (start and source[start - 1].isdigit()) or (end < len(source) and source[end].isdigit()):
                yield start, end, ""
    if "\n " in source or "\n\t" in source:
        for found in _BLANK.finditer(source):
            yield found.start(), found.end(), "\n"
        for found in _INDENT.finditer(source):
            yield from _run(source, found.start(), found.end())
    if "  " in source or " \n" in source or "\t" in source:
        for found in _SPACES.finditer(source):
            yield from _run(source, found.start(), found.end())


def _run(source: str, start: int, end: int):
    """The white space around [start, end) as one space, if a number comes before it and it has at most one line break.

    Bounded: it goes back over spaces and tabs only, and forward no further than a second line
    break, so that a page of nothing but white space stays linear.
    """
    while start and source[start - 1] in " \t":
        start -= 1
    if not start or source[start - 1] not in _NUMBER_END:
        return
    end, length, breaks = start, len(source), 0
    while end < length and source[end] in " \t\n":
        if source[end] == "\n":
            breaks += 1
            if breaks > 1:
                return  # a blank line: a new paragraph
        end += 1
    yield start, end, " "


@dataclass(frozen=True)
class Visible:
    text: str
    # Where each changed piece starts in ``text`` and in the source, and where the unchanged
    # run after it starts in both; empty: the text is the source.
    starts: tuple[int, ...] = ()
    origins: tuple[int, ...] = ()
    changed: tuple[bool, ...] = ()

    def origin(self, offset: int) -> int:
        """The source offset of the character at ``offset`` (of the piece it was made from)."""
        at = bisect.bisect_right(self.starts, offset) - 1
        if at < 0:
            return offset
        if self.changed[at]:
            return self.origins[at]
        return self.origins[at] + offset - self.starts[at]


def visible(source: str) -> Visible:
    """The text a reader sees (see the module's docstring); linear in the length of the source."""
    pieces: list[str] = []
    starts: list[int] = []
    origins: list[int] = []
    changed: list[bool] = []
    done = 0  # source offset up to which pieces are made
    length = 0  # length of the text made so far
    for start, end, new in sorted(_changes(source)):
        if start < done or source[start:end] == new:
            continue  # inside an earlier change, or no change
        if start > done:
            pieces.append(source[done:start])
            length += start - done
        if new:
            starts.append(length)
            origins.append(start)
            changed.append(len(new) != 1 or end - start != 1)
            pieces.append(new)
            length += len(new)
        # the unchanged run after it starts here (a zero-length run is harmless: bisect picks the last)
        starts.append(length)
        origins.append(end)
        changed.append(False)
        done = end
    if starts:
        pieces.append(source[done:])
        text = "".join(pieces)
    else:
        text = source
    # One character for one: no offset moves, so no mark is needed for the many lines of a page.
    # (str methods: a regex with a lookbehind is many times slower over a whole corpus)
    text = "\n\n".join(part.replace("\n", " ") for part in text.split("\n\n"))
    return Visible(text, tuple(starts), tuple(origins), tuple(changed))
