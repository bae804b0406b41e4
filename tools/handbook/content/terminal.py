"""Text for a terminal: values from pages and file names are shown, never obeyed.

A title can hold ESC, BEL, CR or LF through a YAML escape ("\\e]0;x\\a"), and a file name
can hold anything but '/' and NUL. Printed raw, they set the window title, colour or
erase lines, or make one problem look like two. Every value a command prints to a person
goes through ``printable``: control characters (C0, DEL, C1), line and paragraph
separators and the bidirectional controls ("Trojan source") become visible escapes.
"""

from __future__ import annotations

import re

# Lone surrogates (\udc80-\udcff) are the bytes of a file name that is not UTF-8.
_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]")
_UNSAFE_BUT_NEWLINE = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]")
# What a command's output stream lets through: line feeds and tabs, as the output's own layout.
_STREAM_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


def _escape(match: re.Match) -> str:
    code = ord(match.group())
    if 0xDC80 <= code <= 0xDCFF:  # a byte of a name that is not UTF-8, shown as that byte
        code -= 0xDC00
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def printable(text: str, keep_newlines: bool = False) -> str:
    """``text`` with every control character written as an escape ('\\x1b', '\\u202e');
    with ``keep_newlines``, line feeds between lines of output stay."""
    pattern = _UNSAFE_BUT_NEWLINE if keep_newlines else _UNSAFE
    return pattern.sub(_escape, text) if pattern.search(text) else text


def _as_unicode_escape(match: re.Match) -> str:
    return f"\\u{ord(match.group()):04x}"


class SafeStream:
    """A command's stdout or stderr that writes no control character raw, whatever a
    command forgot to escape (the last line of defence; values are escaped where they
    are printed). ``\\u001b`` is also how JSON writes it: JSON output stays valid."""

    def __init__(self, stream):
        self._stream = stream

    def write(self, text: str) -> int:
        if _STREAM_UNSAFE.search(text):
            text = _STREAM_UNSAFE.sub(_as_unicode_escape, text)
        return self._stream.write(text)

    def __getattr__(self, name):
        return getattr(self._stream, name)
