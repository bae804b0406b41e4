"""No control characters in front-matter values (review F14).

YAML escapes put characters into a value that no one can see in the file: ESC and BEL
start terminal escape sequences when ``handbook search`` or ``check`` prints a title,
CR and LF split one line into two (a forged line of output), bidi overrides show text
in another order than it is read. Decided on the decoded value. A line break (and a
tab) is allowed only in prose, the keys below, where a folded or literal block makes one.
"""

from __future__ import annotations

import re
import unicodedata

from handbook.check.front_matter_values import text_values, where
from handbook.content.problems import error

ID = "control-char"

PROSE_KEYS = frozenset({"description", "task"})

# C0 and C1 controls and DEL; bidi embeddings, overrides, isolates and marks.
_NEVER = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
# Also not in a value of one line: tab, line feed, and the Unicode line and paragraph separators.
_NOT_ON_ONE_LINE = re.compile(r"[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]")

_NAMES = {"\x1b": "ESC", "\x07": "BEL", "\r": "CR", "\n": "LF", "\t": "TAB", "\x00": "NUL", "\x08": "BS"}


def _name(char: str) -> str:
    short = _NAMES.get(char)
    if short is None:
        short = unicodedata.name(char, "stuurteken")
    return f"U+{ord(char):04X}, {short}"


def check(page, corpus):
    for path, text in text_values(page.meta):
        prose = bool(path) and isinstance(path[-1], str) and path[-1] in PROSE_KEYS
        found = (_NEVER if prose else _NOT_ON_ONE_LINE).search(text)
        if found is None:
            continue
        line, column = page.position(path)
        char = found.group(0)
        if char in "\n\r\u2028\u2029" and not prose:
            advice = "deze waarde staat op één regel: haal de regelovergang weg"
        else:
            advice = "haal het weg (het komt meestal uit een escape als \\e, \\a of \\u202e tussen dubbele aanhalingstekens)"
        yield error(page.path, line, column, f"{where(path)} bevat een onzichtbaar stuurteken ({_name(char)}); {advice}", ID)
