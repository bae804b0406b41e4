"""Print versions for the site: every theme as PDF and as HTML, in ``print/``.

The site's theme pages link to ``print/<theme-slug>.pdf`` and
``print/<theme-slug>.html``, so every published theme gets both; a theme with
no pages yet prints its cover and introduction, with a note that pages follow.
"""

from __future__ import annotations

import ctypes
import hashlib
import multiprocessing
import os
import signal
import sys
import threading
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from handbook.printing.document import render_document
from handbook.printing.pdf import atomic_write, html_to_pdf, quiet_weasyprint, render_pdf
from handbook.printing.selection import Selection, by_theme, themes

PRINT_DIR = "print"


def handout_path(slug: str) -> str:
    """Where the one-sheet card of a method is published: print/kaart-<slug>.pdf."""
    return f"{PRINT_DIR}/kaart-{slug}.pdf"


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
    with worker_pool(min(workers, len(jobs))) as pool:
        return list(pool.map(_pdf_job, jobs))


def worker_pool(workers: int) -> ProcessPoolExecutor:
    """Processes for PDFs that end with the process that started them, even when it is
    killed (kill -9): an orphaned worker would go on rendering, and wait for work, forever."""
    return ProcessPoolExecutor(
        max_workers=workers, mp_context=multiprocessing.get_context("spawn"),
        initializer=_die_with_parent, initargs=(os.getpid(),),
    )


_PR_SET_PDEATHSIG = 1


def _die_with_parent(parent: int) -> None:
    """In a worker: be killed when the parent dies (Linux prctl), or else notice it."""
    try:
        if not sys.platform.startswith("linux"):
            raise OSError("no prctl")
        libc = ctypes.CDLL(None, use_errno=True)
        if libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0) != 0:
            raise OSError(ctypes.get_errno(), "prctl")
    except (OSError, AttributeError):
        threading.Thread(target=_watch_parent, args=(parent,), daemon=True).start()
    if os.getppid() != parent:  # the parent died before the line above: nobody will ask for work
        os._exit(1)


def _watch_parent(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(0.5)
    os._exit(1)


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
        # The HTML in the site leads back to the theme page; the PDF is the command line's print.
        on_screen = render_document(selection, corpus, back_href=f"../{theme.rel.removesuffix('.md')}.html")
        atomic_write(site_dir / paths["html"], on_screen.encode("utf-8"))
        html = render_document(selection, corpus)
        key = hashlib.sha256(f"{_weasyprint_version()}\n{html}".encode("utf-8")).hexdigest()
        cached = cache / f"{key}.pdf" if cache else None
        if cached is not None and cached.is_file():
            atomic_write(site_dir / paths["pdf"], cached.read_bytes())
        else:
            missing.append((paths["pdf"], cached, html))
        written[theme.slug] = paths
    # Every method's card (the handout), for the table in a session: built with the booklets, set
    # smaller where it spills (render_pdf), kept in the cache by the HTML it starts from.
    for method in corpus.of_type("method"):
        selection = Selection("pages", "", method.title, method.description, (method,))
        html = render_document(selection, corpus, handout=True)
        key = hashlib.sha256(f"{_weasyprint_version()}\nkaart\n{html}".encode("utf-8")).hexdigest()
        cached = cache / f"{key}.pdf" if cache else None
        if cached is not None and cached.is_file():
            pdf = cached.read_bytes()
        else:
            pdf = render_pdf(selection, corpus, handout=True)[1]
            if cached is not None:
                atomic_write(cached, pdf)
        atomic_write(site_dir / handout_path(method.slug), pdf)
    pdfs = _render_all([(html, base_url) for _, _, html in missing], workers or os.cpu_count() or 1)
    for (target, cached, _), pdf in zip(missing, pdfs):
        atomic_write(site_dir / target, pdf)
        if cached is not None:
            atomic_write(cached, pdf)
    return written
