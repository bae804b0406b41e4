"""Text for a terminal: values from pages and file names are shown, never obeyed.

A title can hold ESC, BEL, CR or LF through a YAML escape ("\\e]0;x\\a"), and a file name
can hold anything but '/' and NUL. Printed raw, they set the window title, colour or
erase lines, or make one problem look like two. Every value a command prints to a person
goes through ``printable``: control characters (C0, DEL, C1), line and paragraph
separators and the bidirectional controls ("Trojan source") become visible escapes.
"""

from __future__ import annotations

import re

_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
_UNSAFE_BUT_NEWLINE = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def _escape(match: re.Match) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def printable(text: str, keep_newlines: bool = False) -> str:
    """``text`` with every control character written as an escape ('\\x1b', '\\u202e');
    with ``keep_newlines``, line feeds between lines of output stay."""
    pattern = _UNSAFE_BUT_NEWLINE if keep_newlines else _UNSAFE
    return pattern.sub(_escape, text) if pattern.search(text) else text
