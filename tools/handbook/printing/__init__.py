"""Print the handbook: a theme (or a chosen set of pages) as an A4 booklet or as
method cards for the table, in PDF (WeasyPrint) or self-contained HTML.

Plain functions that know nothing of mkdocs: the command line (``handbook print``)
and the site build (``write_theme_prints``) both call them.

Stage 3: imports ``handbook.content`` and ``handbook.search`` (a booklet chosen by a query).
"""

from handbook.printing.selection import PrintError, Selection, select
from handbook.printing.document import render_document
from handbook.printing.pdf import html_to_pdf, write_print
from handbook.printing.site import write_theme_prints

__all__ = [
    "PrintError",
    "Selection",
    "select",
    "render_document",
    "html_to_pdf",
    "write_print",
    "write_theme_prints",
]
