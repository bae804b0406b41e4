"""Whether a front-matter value is a web address the site may put into ``href`` (review F4).

One definition for the JSON Schema's ``format: uri`` (jsonschema's format checker and
the compiled pre-check both use it) and for the site, which links only addresses that
pass: http or https, a host, and nothing that could end an attribute or hide in one
(quotes, angle brackets, spaces, control characters).
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

WEB_SCHEMES = ("http", "https")

# Characters a URL never holds unencoded (RFC 3986 leaves them out; browsers would
# encode or end on them): whitespace of any kind, quotes, angle brackets, backslash,
# backtick, braces, the pipe and caret, and every control or format character.
_NOT_IN_URL = re.compile(r"[\s\"'<>\\`{}|^\x00-\x1f\x7f-\x9f\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]")


def is_web_url(value) -> bool:
    """True for an http(s) address with a host that is safe inside a quoted attribute.

    Values that are not text pass, as with every JSON Schema format (the type keyword
    reports those)."""
    if not isinstance(value, str):
        return True
    if _NOT_IN_URL.search(value):
        return False
    try:
        parts = urlsplit(value)
        host = parts.hostname
        parts.port  # noqa: B018 - raises ValueError for a port that is not a number
    except ValueError:
        return False
    return parts.scheme.lower() in WEB_SCHEMES and bool(host)
