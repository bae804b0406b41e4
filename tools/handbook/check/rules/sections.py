"""Required body sections per page type, and numbered steps where the type asks for them."""

import re

from handbook.check import markdown_scan

from handbook.content import schemas
from handbook.content.problems import error

ID = "sections"
_NUMBERED = re.compile(r"^\s{0,3}\d+[.)]\s+\S")


def check(page, corpus):
    if not page.readable:
        return
    page_type = schemas.page_types()[page.type]
    found = {h.text.casefold() for h in markdown_scan.headings(page) if h.level == 2}
    for title in page_type.required_sections:
        if title.casefold() not in found:
            yield error(
                page.path,
                page.body_line,
                1,
                f"de sectie '## {title}' ontbreekt; een {page_type.label.lower()} heeft die kop altijd",
                ID,
            )
    for title in page_type.numbered_sections:
        if title.casefold() not in found:
            continue
        if not any(_NUMBERED.match(text) for _, text in markdown_scan.section_lines(page, title)):
            line = next((h.line for h in markdown_scan.headings(page) if h.text.casefold() == title.casefold()), page.body_line)
            yield error(
                page.path,
                line,
                1,
                f"onder '## {title}' staat geen genummerde lijst; schrijf de stappen als '1. ...', '2. ...'",
                "numbered-steps",
            )
