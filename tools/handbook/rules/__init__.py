"""The checks: one module per rule, each with an ``ID`` and a ``check(page, corpus)``
that yields problems. A rule never raises on bad input: the loader has already
turned unreadable pages into problems, and rules skip what they cannot read.
"""

from handbook.rules import (
    dates,
    drafts,
    file_name,
    images,
    isbn,
    links,
    personal_data,
    ranges,
    references,
    schema,
    sections,
    similar,
    unique,
    unsafe_html,
)

RULES = [schema, dates, file_name, references, unique, sections, links, images, drafts, ranges, isbn, personal_data, unsafe_html, similar]
