"""HTML to PDF with WeasyPrint, and writing a print to disk.

Deterministic: WeasyPrint takes the PDF dates from the document's
``dcterms.created``/``dcterms.modified`` (the content's date, never the clock)
and the file identifier is given here, derived from the HTML. No network: the
URL fetcher accepts only file: and data: addresses.
"""

from __future__ import annotations

import hashlib
import logging
import os
import re
import tempfile
import zlib
from pathlib import Path

from handbook.printing.document import render_document
from handbook.printing.markup import anchor

FORMATS = ("pdf", "html")


def _fetcher():
    from weasyprint.urls import URLFetcher

    # http(s) refused: a print works without wifi and never waits on a server.
    return URLFetcher(allowed_protocols=("file", "data"))


def _document(html: str, base_url: str | None):
    from weasyprint import HTML

    return HTML(string=html, base_url=base_url, url_fetcher=_fetcher()).render()


def _identifier(html: str) -> bytes:
    return hashlib.md5(html.encode("utf-8")).hexdigest().encode("ascii")


def html_to_pdf(html: str, base_url: str | None = None) -> bytes:
    return _write(_document(html, base_url), html)


def _write(document, html: str) -> bytes:
    # PDF/UA: a tagged PDF (structure tree, headings, lists, reading order) with the document's
    # language and title, so a screen reader can read the booklet (issue 17).
    return document.write_pdf(pdf_identifier=_identifier(html), pdf_variant="pdf/ua-1")


def sheets_per_page(document, anchors) -> dict[str, int]:
    """How many sheets each printed page (by its anchor) takes, from where each starts."""
    firsts: dict[str, int] = {}
    for number, sheet in enumerate(document.pages):
        for name in sheet.anchors:
            if name in anchors:
                firsts.setdefault(name, number)
    ordered = sorted((number, name) for name, number in firsts.items())
    sheets = {}
    for index, (number, name) in enumerate(ordered):
        end = ordered[index + 1][0] if index + 1 < len(ordered) else len(document.pages)
        sheets[name] = end - number
    return sheets


def render_pdf(selection, corpus, *, handout: bool = False) -> tuple[str, bytes]:
    """The HTML and the PDF of a print. Handout cards that spill onto a second
    sheet are set smaller (twice at most), so each method fits one sheet."""
    html = render_document(selection, corpus, handout=handout)
    document = _document(html, corpus.content_dir.as_uri() + "/")
    if handout:
        compact: dict[str, int] = {}
        cards = {anchor(p) for p in selection.pages if p.type == "method"}
        for _ in range(2):
            spilled = [a for a, n in sheets_per_page(document, cards).items() if n > 1 and compact.get(a, 0) < 2]
            if not spilled:
                break
            for name in spilled:
                compact[name] = compact.get(name, 0) + 1
            html = render_document(selection, corpus, handout=True, compact=compact)
            document = _document(html, corpus.content_dir.as_uri() + "/")
    return html, _write(document, html)


# What the handbook's prints say they were made by: the templates' <meta name="generator">,
# which WeasyPrint writes as the PDF's /Creator.
CREATOR = "handbook print"
_HTML_MARK = f'<meta name="generator" content="{CREATOR}">'.encode()
_PDF_MARK = f"/Creator ({CREATOR})".encode()
_OBJECT_STREAM = re.compile(rb"/Type\s*/ObjStm[^>]*>>\s*stream\r?\n")


def made_by_handbook(path: Path) -> bool:
    """Whether a file is a print this command wrote (PDF or HTML), so it may be replaced:
    `print -o mkdocs.yml` once replaced the site's configuration with a PDF (F13)."""
    try:
        with open(path, "rb") as handle:
            head = handle.read(2000)
            if head.startswith(b"<!DOCTYPE html>"):
                return _HTML_MARK in head
            if not head.startswith(b"%PDF-"):
                return False
            data = head + handle.read()
    except OSError:
        return False
    if _PDF_MARK in data:
        return True
    # WeasyPrint puts the document information in a compressed object stream.
    for match in _OBJECT_STREAM.finditer(data):
        try:
            if _PDF_MARK in zlib.decompressobj().decompress(data[match.end():], 1 << 22):
                return True
        except zlib.error:
            continue
    return False


def atomic_write(path: Path, data: bytes) -> None:
    """Write next to the target, then rename: a reader sees the old file or the new one, never half."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        os.chmod(temp, 0o644)
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


def write_print(selection, corpus, out: Path, *, fmt: str = "pdf", handout: bool = False) -> Path:
    """Render a selection and write it as PDF or HTML; on any failure the target is untouched."""
    quiet_weasyprint()
    if fmt == "html":
        data = render_document(selection, corpus, handout=handout).encode("utf-8")
    else:
        data = render_pdf(selection, corpus, handout=handout)[1]
    atomic_write(out, data)
    return Path(out)


def quiet_weasyprint() -> None:
    # WeasyPrint logs every CSS property it skips; the reader of our output needs none of that.
    logging.getLogger("weasyprint").setLevel(logging.ERROR)
