"""The checks: one module per rule, each with an ``ID`` and a ``check(page, corpus)``
that yields problems. A rule never raises on bad input: the loader has already
turned unreadable pages into problems, and rules skip what they cannot read.
"""

from handbook.check.rules import (
    background,
    content_files,
    control_chars,
    dates,
    drafts,
    external_resource,
    file_name,
    html_in_value,
    images,
    isbn,
    links,
    personal_data,
    preferred_terms,
    ranges,
    references,
    schema,
    sections,
    similar,
    tip_title,
    unique,
    unsafe_html,
)

RULES = [schema, dates, file_name, references, unique, sections, links, images, drafts, ranges, isbn, background, personal_data, unsafe_html, external_resource, html_in_value, control_chars, preferred_terms, tip_title, similar]

# Rules that look only at the page itself (its file, its path, and the handbook's own code and
# data): what they find can be kept with the page's content hash (the check cache). The others
# look at other pages, or at today's date, and always run.
LOCAL_RULES = frozenset({schema, file_name, sections, images, ranges, isbn, personal_data, unsafe_html, external_resource, html_in_value, control_chars,
                         preferred_terms, tip_title})

# Rules over the files of content/ that are not pages: ``check_files(corpus)``, run once a check.
FILE_RULES = [content_files]
