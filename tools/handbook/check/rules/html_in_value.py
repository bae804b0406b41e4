"""No HTML in a front-matter value: values are plain text (review F1).

The site escapes every value, so a tag shows as text; but a value that decodes to a
tag is either a mistake or an attack, and the contributor should hear of it. Decided
on the decoded value (YAML escapes, folded lines joined) and on the text a browser
would read from it (HTML entities decoded): a '<' followed by a letter, '/', '!' or
'?' is where an HTML tokenizer starts a tag, a comment or a declaration. A '<' before
a digit or a space ("<12 jaar", "a < b") and an '&' ("ouders & kinderen") stay text.
"""

from __future__ import annotations

import html
import re

from handbook.check.front_matter_values import text_values, where
from handbook.content.problems import error

ID = "html-in-value"

_TAG_OPEN = re.compile(r"<(/?[A-Za-z][A-Za-z0-9-]*|!|\?)")


def markup(text: str) -> str | None:
    """The start of the first tag in ``text`` ('<img', '</b', '<!'), or None."""
    for candidate in (text, html.unescape(text) if "&" in text else text):
        found = _TAG_OPEN.search(candidate)
        if found:
            return found.group(0)
    return None


def check(page, corpus):
    for path, text in text_values(page.meta):
        tag = markup(text)
        if tag is not None:
            line, column = page.position(path)
            yield error(
                page.path, line, column,
                f"{where(path)} bevat HTML ({tag}...): een waarde in de front-matter is gewone tekst. Haal de tag weg; "
                "bedoel je 'kleiner dan', schrijf dan een spatie na het teken of schrijf het voluit",
                ID,
            )
