"""Print versions for the site: every theme as PDF and as HTML, in ``print/``.

The site's theme pages link to ``print/<theme-slug>.pdf`` and
``print/<theme-slug>.html``, so every published theme gets both; a theme with
no pages yet prints its cover and introduction, with a note that pages follow.
"""

from __future__ import annotations

import hashlib
import multiprocessing
import os
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from handbook.printing.document import render_document
from handbook.printing.pdf import atomic_write, html_to_pdf, quiet_weasyprint
from handbook.printing.selection import by_theme, themes

PRINT_DIR = "print"


def print_paths(slug: str) -> dict[str, str]:
    """Site-relative addresses of a theme's print versions."""
    return {"pdf": f"{PRINT_DIR}/{slug}.pdf", "html": f"{PRINT_DIR}/{slug}.html"}


def _weasyprint_version() -> str:
    import weasyprint

    return weasyprint.__version__


def _pdf_job(job: tuple[str, str]) -> bytes:
    html, base_url = job
    quiet_weasyprint()
    return html_to_pdf(html, base_url)


def _render_all(jobs: list[tuple[str, str]], workers: int) -> list[bytes]:
    """PDFs of several HTML documents; in parallel processes when there are cores to spare.

    WeasyPrint is single-threaded and takes most of the time, so themes are
    spread over processes ('spawn': safe under a threaded caller like mkdocs serve)."""
    if workers <= 1 or len(jobs) <= 1:
        return [_pdf_job(job) for job in jobs]
    with ProcessPoolExecutor(max_workers=min(workers, len(jobs)), mp_context=multiprocessing.get_context("spawn")) as pool:
        return list(pool.map(_pdf_job, jobs))


def write_theme_prints(corpus, site_dir, cache_dir=None, workers: int | None = None) -> dict[str, dict[str, str]]:
    """Write ``print/<slug>.pdf`` and ``print/<slug>.html`` for every published theme.

    ``cache_dir``: where finished PDFs are kept by the hash of their HTML, so a
    rebuild renders only the themes whose pages changed. ``workers``: processes
    for the PDFs (default: the number of cores). Returns {slug: paths}.
    """
    quiet_weasyprint()
    site_dir = Path(site_dir)
    cache = Path(cache_dir) if cache_dir else None
    base_url = corpus.content_dir.as_uri() + "/"
    written, missing = {}, []
    for theme in themes(corpus):
        selection = by_theme(corpus, theme.slug, allow_empty=True)
        paths = print_paths(theme.slug)
        html = render_document(selection, corpus)
        atomic_write(site_dir / paths["html"], html.encode("utf-8"))
        key = hashlib.sha256(f"{_weasyprint_version()}\n{html}".encode("utf-8")).hexdigest()
        cached = cache / f"{key}.pdf" if cache else None
        if cached is not None and cached.is_file():
            atomic_write(site_dir / paths["pdf"], cached.read_bytes())
        else:
            missing.append((paths["pdf"], cached, html))
        written[theme.slug] = paths
    pdfs = _render_all([(html, base_url) for _, _, html in missing], workers or os.cpu_count() or 1)
    for (target, cached, _), pdf in zip(missing, pdfs):
        atomic_write(site_dir / target, pdf)
        if cached is not None:
            atomic_write(cached, pdf)
    return written
