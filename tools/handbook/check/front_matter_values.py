"""Every text value of a page's front-matter as YAML decoded it, with its key path.

Rules about values decide on what the site gets, not on the file's text: YAML escapes
(``\\x3c``, ``\\u003c``, ``\\e``) and folded scalars make characters that the raw text
does not show (review F1, F14).
"""

from __future__ import annotations

from collections.abc import Iterator


def text_values(meta, path: tuple = ()) -> Iterator[tuple[tuple, str]]:
    """(key path, text) of every string in ``meta``, nested lists and blocks included."""
    if isinstance(meta, str):
        yield path, meta
    elif isinstance(meta, dict):
        for key, value in meta.items():
            yield from text_values(value, path + (key,))
    elif isinstance(meta, list):
        for index, value in enumerate(meta):
            yield from text_values(value, path + (index,))


def where(path: tuple) -> str:
    """'title', 'roles[1].name': a key path as a contributor finds it in the file."""
    if not path:
        return "de front-matter"
    text = str(path[0])
    for part in path[1:]:
        text += f"[{part + 1}]" if isinstance(part, int) else f".{part}"
    return f"'{text}'"
