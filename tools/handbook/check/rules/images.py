"""Images carry alt text: readers with a screen reader or a slow phone depend on it."""

import re

from handbook.check import markdown_scan
from handbook.content.problems import error

ID = "image-alt"
_ALT = re.compile(r"\balt\s*=\s*([\"'])(.*?)\1", re.IGNORECASE | re.DOTALL)


def check(page, corpus):
    message = "de afbeelding heeft geen alt-tekst; beschrijf kort wat erop staat, zoals ![Ouders aan de koffietafel](...)"
    for link in markdown_scan.links(page):
        if link.is_image and not link.text.strip():
            yield error(page.path, link.line, link.column, message, ID)
    for line, column, tag in markdown_scan.html_images(page):
        alt = _ALT.search(tag)
        if not alt or not alt.group(2).strip():
            yield error(page.path, line, column, message.replace("![Ouders aan de koffietafel](...)", 'alt="..."'), ID)
